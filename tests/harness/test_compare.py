"""The comparator classifies planted differences of each kind, in its fixed order."""

import numpy as np
import pytest

from conformance.compare import EXACT, Tolerance, compare, tolerance_for
from conformance.outcome import Outcome, Raised, Value, capture


def value(*arrays, sequence=False):
    return Outcome(tuple(Value(np.asarray(a)) for a in arrays), is_sequence=sequence)


def error(kind, message="boom"):
    return Outcome(error=Raised(kind, message, (kind,)))


F32 = np.array([1.0, 2.0, np.nan], np.float32)


@pytest.mark.parametrize(
    ("expected", "actual", "kind"),
    [
        (value(F32), value(F32), None),
        (value(F32), error("ValueError"), "error-parity"),
        (error("ValueError"), value(F32), "error-parity"),
        (error("ValueError"), error("ValueError", "other words"), None),
        (error("ValueError"), error("TypeError"), "error-kind"),
        (value(F32), value(F32, F32, sequence=True), "structure"),
        (value(F32), value(F32[:2]), "shape"),
        (value(F32), value(F32.astype(np.float64)), "dtype"),
        (value(F32), value(np.array([1.0, 2.5, np.nan], np.float32)), "values"),
        (value(F32), value(np.array([1.0, 2.0, 3.0], np.float32)), "values"),  # NaN position
        (value(np.array([np.inf])), value(np.array([-np.inf])), "values"),
        (value(np.array([3], np.int8)), value(np.array([4], np.int8)), "values"),
    ],
    ids=["agree", "jax-raises", "numpy-raises", "same-error-kind", "error-kind", "structure", "shape",
         "dtype", "values", "nan-position", "inf-sign", "int"],
)
def test_each_kind_of_difference(expected, actual, kind):
    difference = compare(expected, actual)
    assert (difference and difference.kind) == kind


def test_order_is_error_then_shape_then_dtype_then_values():
    wrong_everything = value(np.array([9, 9], np.int64))
    assert compare(value(F32), wrong_everything).kind == "shape"
    assert compare(value(F32), value(np.array([9, 9, 9], np.int64))).kind == "dtype"


def test_tolerance_table_and_overrides():
    close = value(np.array([1.0 + 1e-7], np.float32))  # 1 ulp
    assert compare(value(np.array([1.0], np.float32)), close).kind == "values"  # exactly rounded: 0 ulps
    assert compare(value(np.array([1.0], np.float32)), close, Tolerance(ulps=1)) is None
    assert compare(value(np.array([1.0], np.float32)), close, EXACT).kind == "values"
    assert compare(value(np.array([1.0])), value(np.array([1.0 + 1e-7])),
                   {"float64": Tolerance(rtol=1e-6)}) is None
    assert tolerance_for(np.dtype(np.int32), Tolerance(rtol=1.0)) == EXACT  # ints are always exact
    assert tolerance_for(np.dtype(np.float32), EXACT) == EXACT  # an explicit 0 stays 0


def test_complex_tolerance_is_relative_to_the_modulus():
    """assert_allclose's rule: rounding in a zero imaginary part next to a real part of 1 is fine."""
    one = value(np.array([1 + 0j], np.complex64))
    assert compare(one, value(np.array([1 - 5.9e-10j], np.complex64))) is None
    assert compare(one, value(np.array([1 - 1e-3j], np.complex64))).kind == "values"
    nan_real = value(np.array([complex(np.nan, 1.0)], np.complex64))
    assert compare(nan_real, value(np.array([complex(np.nan, 1.0)], np.complex64))) is None
    assert compare(nan_real, value(np.array([complex(np.nan, 2.0)], np.complex64))).kind == "values"
    assert compare(nan_real, value(np.array([complex(1.0, np.nan)], np.complex64))).kind == "values"


def test_free_positions_accept_any_value():
    expected = Outcome((Value(np.array([1, 2], np.int32), free=np.array([False, True])),))
    assert compare(expected, value(np.array([1, 99], np.int32))) is None
    assert compare(expected, value(np.array([0, 99], np.int32))).kind == "values"


def test_mismatch_detail_labels_both_sides():
    difference = compare(value(np.array([1.0, 2.0])), value(np.array([1.0, 3.0])))
    assert "at [1]: jax 3.0, numpy 2.0" in difference.detail


def test_capture_keeps_errors_and_warnings():
    def divide():
        return np.array([1.0]) / np.array([0.0])

    assert capture(divide).warnings and not capture(divide).raised
    outcome = capture(lambda: np.broadcast_shapes((2,), (3,)))
    assert outcome.error.kind() == "ValueError"


def test_a_model_error_asserts_its_message():
    """A model's error carries JAX's message as a pattern: the same family raised for another reason is
    an error-kind difference."""
    model = Outcome(error=Raised("TypeError", "(model)", ("TypeError",), r"does not accept dtype bool"))
    assert compare(model, error("TypeError", "add does not accept dtype bool at position 0")) is None
    other = compare(model, error("TypeError", "unhashable type: 'list'"))
    assert other is not None and other.kind == "error-kind"


def test_nonfinite_positions_accept_exactly_the_nonfinite_values():
    mask = np.array([True, True, False])
    model = Outcome((Value(np.array([np.nan, np.nan, 1.0], np.complex64), nonfinite=mask),))
    jax = np.array([complex(np.inf, 0), complex(0, np.nan), 1.0], np.complex64)
    assert compare(model, value(jax)) is None
    finite_there = np.array([complex(np.inf, 0), 2.0, 1.0], np.complex64)
    assert compare(model, value(finite_there)).kind == "values"


# -- the sign of zero ----------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64, "bfloat16"], ids=str)
def test_a_zero_of_the_other_sign_is_a_values_difference(dtype):
    import ml_dtypes  # noqa: F401 - registers bfloat16 with NumPy

    plus, minus = np.array([1.0, 0.0], dtype), np.array([1.0, -0.0], dtype)
    difference = compare(value(plus), value(minus))
    assert difference is not None and difference.kind == "values"
    assert "a zero of the other sign" in difference.detail
    assert compare(value(minus), value(plus)).kind == "values"
    assert compare(value(minus), value(minus.copy())) is None


def test_complex_zeros_are_compared_part_by_part():
    expected = value(np.array([complex(1.0, 0.0)], np.complex64))
    assert compare(expected, value(np.array([complex(1.0, -0.0)], np.complex64))).kind == "values"
    assert compare(value(np.array([complex(-0.0, 2.0)])), value(np.array([complex(0.0, 2.0)]))).kind == (
        "values")


def test_the_sign_of_a_nan_is_not_compared():
    assert compare(value(np.array([np.nan], np.float32)), value(np.array([-np.nan], np.float32))) is None
    nan_real = np.array([complex(np.nan, 1.0)], np.complex64)
    assert compare(value(nan_real), value(np.array([complex(-np.nan, 1.0)], np.complex64))) is None


def test_an_absolute_bound_makes_a_zero_approximate():
    """Within an absolute tolerance (a sum's or matmul's bound, an explicit atol) a zero is approximate
    and its sign means nothing; a zero bound compares the sign."""
    bounded = Outcome((Value(np.array([0.0, 0.0]), atol=np.array([1e-9, 0.0])),))
    assert compare(bounded, value(np.array([-0.0, 0.0]))) is None
    assert compare(bounded, value(np.array([0.0, -0.0]))).kind == "values"
    assert compare(value(np.array([0.0])), value(np.array([-0.0])), Tolerance(atol=1e-9)) is None


# -- ulps ------------------------------------------------------------------------------------------------
def _steps(x, dtype, n):
    """`x` moved up by n ulps of `dtype`."""
    out = np.array(x, dtype)
    for _ in range(n):
        out = np.nextafter(out, np.array(np.inf, dtype)) if out.dtype.name != "bfloat16" else (
            (out.view(np.int16) + np.int16(1)).view(out.dtype))
    return out


@pytest.mark.parametrize("dtype", ["float16", "bfloat16", "float32", "float64"])
def test_the_default_budget_is_in_ulps_of_the_result_dtype(dtype):
    import ml_dtypes  # noqa: F401 - registers bfloat16 with NumPy

    from conformance.ulps import DEFAULT_ULPS

    budget = DEFAULT_ULPS[dtype]
    for x in (1.5, -3e-3, 1000.0):
        exact = value(np.array([x], dtype))
        assert compare(exact, value(_steps([x], dtype, budget))) is None
        difference = compare(exact, value(_steps([x], dtype, budget + 1)))
        assert difference is not None and difference.kind == "values"
        assert f"({budget + 1} ulps)" in difference.detail
        assert (f"ulps={budget}" if budget else "tolerance: exact") in difference.detail


def test_a_flat_relative_tolerance_is_gone():
    """34 float32 epsilons (the old table's 4e-6) is far outside a few ulps."""
    assert compare(value(np.array([1.0], np.float32)), value(np.array([1.0 + 4e-6], np.float32))).kind == (
        "values")


def test_an_explicit_tolerance_keeps_assert_allclose_and_a_case_takes_its_budget(monkeypatch):
    from conformance import compare as compare_module
    from conformance import ulps
    from conformance.case import Case

    loose = Tolerance(rtol=1e-5)
    assert compare(value(np.array([1.0], np.float32)), value(np.array([1.0 + 4e-6], np.float32)),
                   loose) is None
    monkeypatch.setattr(ulps, "BUDGETS", {"some-tag": {"float32": 7}})
    case = Case(name="f", area="test", fn=lambda xp, a: a, source="a", arg_names=("a",),
                tags=frozenset({"some-tag"}))
    assert case.tolerance == {"float32": Tolerance(ulps=7)}
    assert compare_module.tolerance_for(np.dtype(np.float64), case.tolerance) == Tolerance(
        ulps=ulps.DEFAULT_ULPS["float64"])
    assert Case(name="g", area="test", fn=lambda xp, a: a, source="a", arg_names=("a",),
                tolerance=EXACT).tolerance == EXACT


def test_complex_values_are_compared_in_ulps_of_the_modulus():
    one = np.array([1 + 1j], np.complex64)
    off = np.array([complex(1.0, float(_steps(1.0, "float32", 3)))], np.complex64)
    assert compare(value(one), value(off), Tolerance(ulps=3)) is None
    assert compare(value(one), value(off), Tolerance(ulps=2)).kind == "values"


# -- planted: a lost sign of zero is NEW; JAX's documented zero signs are known ------------------------
class _SignLosing:
    """jax.numpy, except that `multiply` and `floor_divide` write +0.0 for every zero they return."""

    def __getattr__(self, name):
        import jax.numpy as jnp

        fn = getattr(jnp, name)
        if name not in ("multiply", "floor_divide"):
            return fn
        return lambda a, b: jnp.where(fn(a, b) == 0, 0.0, fn(a, b)).astype(fn(a, b).dtype)


def _binary(name):
    from conformance.cases.broadcasting import BINARY

    return next(case for case in BINARY if case.name == name)


@pytest.mark.parametrize("name, a, b", [
    ("multiply", [-0.0, 2.0], [1.0, 3.0]),
    ("floor_divide", [0.0, 7.0], [-3.0, 2.0]),  # -0.0 in both: JAX's is the divisor's sign
])
def test_a_planted_lost_zero_sign_is_new(name, a, b):
    from conformance.check import NewDivergence, check
    from conformance.recorder import Recorder

    a, b = np.array(a, np.float32), np.array(b, np.float32)
    with pytest.raises(NewDivergence, match="a zero of the other sign"):
        check(_binary(name), a, b, xp=_SignLosing(), recorder=Recorder())


@pytest.mark.parametrize("name, a, b, entry", [
    ("floor_divide", [-0.0, -1.0, 7.0], [3.0, -2.5, 2.0], "SZ-FLOOR-DIVISION-ZERO-SIGN"),
    ("a % b", [-1.0, 0.0, 7.5], [1.0, -3.0, 2.0], "SZ-FLOOR-DIVISION-ZERO-SIGN"),
    ("divmod", [-0.0, 1.0], [3.0, -1.0], "SZ-FLOOR-DIVISION-ZERO-SIGN"),
    ("maximum", [0.0, -0.0, 2.0], [-0.0, -0.0, 1.0], "SZ-MAXIMUM-ORDERS-ZEROS"),
    ("minimum", [-0.0, 0.0], [0.0, 0.0], "SZ-MAXIMUM-ORDERS-ZEROS"),
])
def test_jax_zero_signs_are_known_and_asserted(name, a, b, entry):
    """Real jax.numpy matches each entry's model exactly; the same zeros with NumPy's sign and one value
    changed elsewhere is NEW (the model asserts the other elements)."""
    from conformance.check import check
    from conformance.recorder import Recorder

    a, b = np.array(a, np.float32), np.array(b, np.float32)
    verdicts = check(_binary(name), a, b, recorder=Recorder(), modes=("eager", "jit"))
    assert {str(v) for v in verdicts} == {f"known:{entry}"}


def test_clip_orders_zeros():
    from conformance.cases.broadcasting import CLIP
    from conformance.check import check
    from conformance.recorder import Recorder

    x, lo, hi = (np.array(v, np.float32) for v in ([0.0, 0.5], [-0.0, 0.0], [1.0, 1.0]))
    assert {str(v) for v in check(CLIP, x, lo, hi, recorder=Recorder())} == {"known:SZ-CLIP-ORDERS-ZEROS"}


def test_equal_complex_values_whose_modulus_overflows_agree_under_a_bound():
    """1.8e308-1.8e308j against itself with an absolute bound and no relative one: the modulus is inf,
    and 0 * inf must not turn the slack into NaN (it made equal values differ)."""
    big = np.finfo(np.float64).max
    value = np.array([complex(big, -big)])
    expected = Outcome((Value(value, atol=np.array([1e293])),))
    assert compare(expected, Outcome((Value(value.copy()),))) is None
    off = np.array([complex(big, -big / 2)])
    assert compare(expected, Outcome((Value(off),))).kind == "values"

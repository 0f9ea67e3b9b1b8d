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
    close = value(np.array([1.0 + 1e-7], np.float32))
    assert compare(value(np.array([1.0], np.float32)), close) is None
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

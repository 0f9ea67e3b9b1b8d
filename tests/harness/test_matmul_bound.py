"""The matmul error bound: a result just inside it passes, just outside fails, it grows with k, it is 0
where k is 0, integers stay exact, and the reduced-precision entry is gated on the device (checked here
with a fake GPU/TPU environment)."""

from dataclasses import replace

import numpy as np
import pytest

from conformance import environment
from conformance.cases import matmul as cases
from conformance.check import judge
from conformance.compare import compare
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.runner import run_numpy

F32 = np.float32


def _product(k: int, value: float = 1.1) -> tuple[np.ndarray, np.ndarray]:
    """A (1, k) @ (k, 1) product of rounding values, the same magnitudes whatever k."""
    a = np.full((1, k), value, F32) * np.linspace(1, 1.5, k, dtype=F32)
    return a, np.full((k, 1), np.float32(0.3), F32)


def _expected(case, *args) -> Value:
    (value,) = run_numpy(case, args).values
    return value


def _shifted(expected: Value, by: float) -> Outcome:
    """A JAX-like result `by` bounds away from the reference (rounded to the dtype)."""
    return Outcome((Value((expected.array + by * expected.atol).astype(expected.dtype)),))


@pytest.mark.parametrize("k", [2, 4, 16])
def test_just_inside_passes_and_just_outside_fails(k):
    expected = _expected(cases.MATMUL, *_product(k))
    inside, outside = _shifted(expected, 0.7), _shifted(expected, 1.3)
    assert cases.bound_ratio(expected, inside.values[0]) <= 1 < cases.bound_ratio(expected, outside.values[0])
    assert compare(Outcome((expected,)), inside) is None
    difference = compare(Outcome((expected,)), outside)
    assert difference is not None and difference.kind == "values" and "bound" in difference.detail


def test_the_bound_grows_with_k():
    small, large = _expected(cases.MATMUL, *_product(2)), _expected(cases.MATMUL, *_product(8))
    magnitude = lambda k: (np.abs(_product(k)[0]).astype(np.float64) @ np.abs(_product(k)[1])).item()
    # (c·k + 1)·u·|A|·|B| with c = 2: per unit of |A|·|B|, 5u at k = 2 and 17u at k = 8
    u = cases.UNIT_ROUNDOFF["float32"]
    assert float(small.atol.item()) == pytest.approx(5 * u * magnitude(2), rel=1e-6)
    assert float(large.atol.item()) == pytest.approx(17 * u * magnitude(8), rel=1e-6)
    # an error that the k = 2 bound refuses (at the same relative size) is within the k = 8 bound
    relative_error = 10 * u
    for expected, verdict in ((small, False), (large, True)):
        actual = Outcome((Value((expected.array * (1 + relative_error)).astype(F32)),))
        assert (compare(Outcome((expected,)), actual) is None) is verdict


def test_an_inner_dimension_of_zero_must_give_exact_zeros():
    expected = _expected(cases.MATMUL, np.ones((2, 0), F32), np.ones((0, 3), F32))
    assert not expected.atol.any() and not expected.array.any()
    tiny = Outcome((Value(np.full((2, 3), 1e-30, F32)),))
    assert compare(Outcome((expected,)), tiny).kind == "values"


def test_an_empty_operand_is_referenced_in_double_not_long_double():
    """NumPy 2.4.6's einsum of complex long doubles with an empty operand corrupts the heap (a crashed
    worker, seen in a ci run): the reference of an empty product is taken in complex128, exactly."""
    a, b = np.ones((1, 2), np.complex64), np.ones((1, 0), np.complex64)
    reference, magnitude, count = cases.EINSUM.numpy_reference.terms(a, b, "bi,bj->bij")
    assert reference.dtype == np.complex128 and reference.shape == (1, 2, 0)
    assert cases.EINSUM.numpy_reference.terms(a, a.T, "bi,ib->b")[0].dtype == np.clongdouble


def test_integer_products_are_exact_and_wrap():
    a, b = np.array([[100, 100]], np.int8), np.array([[2], [2]], np.int8)
    expected = run_numpy(cases.MATMUL, (a, b))
    assert expected.values[0].atol is None and expected.values[0].array.item() == -112  # 400 wraps
    off_by_one = Outcome((Value(np.array([[-111]], np.int8)),))
    assert compare(expected, off_by_one).kind == "values"


def test_a_sum_that_may_overflow_is_within_the_bound_or_not_finite():
    """Where |A|·|B| overflows the dtype, the summation order decides whether a partial sum overflows:
    inf, NaN or the bounded finite value pass; a finite value outside the bound does not."""
    big = np.float32(3e38)
    expected = _expected(cases.MATMUL, np.array([[big, big, -big]], F32), np.ones((3, 1), F32))
    assert expected.free is None and expected.nonfinite is not None and expected.nonfinite.all()
    for value in (np.inf, np.nan, big):
        assert compare(Outcome((expected,)), Outcome((Value(np.array([[value]], F32)),))) is None
    for wrong in (np.float32(0), -big):
        assert compare(Outcome((expected,)), Outcome((Value(np.array([[wrong]], F32)),))).kind == "values"


def _round_mantissa(x: np.ndarray, bits: int) -> np.ndarray:
    """float32 values rounded (to nearest even) to `bits` explicit mantissa bits: 10 is TF32, 7 bfloat16."""
    raw = np.asarray(x, F32).view(np.uint32).astype(np.uint64)
    drop = 23 - bits
    half = (1 << (drop - 1)) - 1 + ((raw >> drop) & 1)
    return (((raw + half) >> drop) << drop).astype(np.uint32).view(F32)


def _accelerator_example(case, args, jax_result, platform: str) -> Example:
    env = replace(environment.current(), platform=platform)
    return Example(case, args, "jit", env, run_numpy(case, args), Outcome((Value(jax_result),)))


# 1 + 2**-9 + 2**-12: TF32 rounds it to 1 + 2**-9 (an error beyond the float32 bound, within TF32's),
# bfloat16 to 1 (beyond TF32's bound, within a bfloat16 pass's).
REDUCED = (np.array([[1 + 2**-9 + 2**-12]], F32), np.array([[1 + 2**-9 + 2**-12]], F32))


@pytest.mark.parametrize("bits, platform, verdict", [
    (10, "gpu", "known:MATMUL-F32-REDUCED-PRECISION"),  # TF32 on a GPU: documented
    (7, "tpu", "known:MATMUL-F32-REDUCED-PRECISION"),  # one bfloat16 pass on a TPU: documented
    (7, "gpu", "new"),  # a GPU held to TF32's bound: a bfloat16 pass is beyond it
    (10, "cpu", "new"),  # the CPU computes float32 products in float32
])
def test_reduced_precision_entry_is_gated_on_the_device(bits, platform, verdict):
    a, b = REDUCED
    result = (_round_mantissa(a, bits).astype(np.float64) @ _round_mantissa(b, bits)).astype(F32)
    assert str(judge(_accelerator_example(cases.MATMUL, REDUCED, result, platform))) == verdict


@pytest.mark.parametrize("case", cases.PRECISION_CASES, ids=str)
def test_full_precision_cases_are_held_to_the_float32_bound_on_a_gpu(case):
    a, b = REDUCED
    tf32 = (_round_mantissa(a, 10).astype(np.float64) @ _round_mantissa(b, 10)).astype(F32)
    assert judge(_accelerator_example(case, REDUCED, tf32, "gpu")).status == "new"
    exact = (a.astype(np.float64) @ b).astype(F32)
    assert judge(_accelerator_example(case, REDUCED, exact, "gpu")).status == "agree"


def test_the_reported_ratio_is_measured_against_the_unrounded_reference():
    """A correctly rounded single product is off by at most u·|ab|: half of c·k·u·|A|·|B| at k = 1."""
    a, b = np.array([[1.1]], F32), np.array([[0.3]], F32)
    rounded = (a.astype(np.float64) @ b).astype(F32)
    ratio = cases.MATMUL.numpy_reference.error_ratio(rounded, a, b)
    assert 0 < ratio <= 0.5
    assert cases.MATMUL.numpy_reference.error_ratio(np.ones((2, 3), F32), np.ones((2, 0), F32),
                                                    np.ones((0, 3), F32)) is None  # k = 0: nothing

"""conformance/least_squares_bounds.py: the exact rank, the references (minimum-norm, truncated at the
cutoff) and bounds that hold for a correct float32 answer and fail a wrong one."""

import numpy as np

from conformance.compare import compare
from conformance.least_squares_bounds import BoundedLstsq, BoundedPinv, exact_rank
from conformance.outcome import Outcome, Value

F32 = np.float32


def _agrees(expected, actual) -> bool:
    expected = expected if isinstance(expected, tuple) else (expected,)
    actual = actual if isinstance(actual, tuple) else (actual,)
    return compare(Outcome(tuple(expected), is_sequence=True),
                   Outcome(tuple(Value(np.asarray(a)) for a in actual), is_sequence=True)) is None


def test_the_exact_rank_sees_through_rounding():
    a = np.array([[1, 2, 3], [2, 4, 6], [1, 0, 1]], F32)
    assert exact_rank(a) == 2 and exact_rank(a + 2j * a) == 2 and exact_rank(np.eye(3)) == 3
    assert exact_rank(np.array([[0.1, 0.3], [0.3, 0.9]])) == 2  # 0.1 and 0.3 are not exactly 1:3


def test_pinv_within_its_bound_and_a_transposed_one_outside():
    a = np.array([[7, 1, 0], [1, -7, 2], [0, 1, 7]], F32)
    reference = BoundedPinv()(a, None, False)
    assert _agrees(reference, np.linalg.pinv(a))
    assert not _agrees(reference, np.linalg.pinv(a).T)


def test_a_rank_deficient_pinv_drops_the_zero_singular_value():
    a = np.array([[1, 2], [2, 4], [3, 6]], F32)  # NumPy's float32 SVD: a noise value, about 1e-7 of σ_1
    reference = BoundedPinv()(a, None, False)
    assert _agrees(reference, np.linalg.pinv(a.astype(np.float64), rcond=1e-10).astype(F32))


def test_lstsq_is_the_minimum_norm_solution():
    a, b = np.array([[1, 1, 0], [0, 1, 1]], F32), np.array([1, 2], F32)
    x, resid, rank, s = BoundedLstsq()(a, b, None)
    assert resid.array.size == 0 and int(rank.array) == 2
    minimum = np.linalg.pinv(a.astype(np.float64)) @ b
    assert _agrees((x, resid, rank, s), (minimum.astype(F32), np.zeros(0, F32), np.int32(2),
                                         np.linalg.svd(a, compute_uv=False)))
    null = np.array([1, -1, 1], F32) / np.sqrt(3).astype(F32)  # A·null = 0: another solution, longer
    assert not _agrees((x,), ((minimum + null).astype(F32),))


def test_an_explicit_cutoff_drops_a_small_singular_value():
    a = np.array([[5, 0], [0, 0.125], [0, 0]], F32)
    x, _, rank, _ = BoundedLstsq()(a, np.array([1, 1, 1], F32), 0.05)
    assert int(rank.array) == 1 and np.allclose(x.array, [0.2, 0.0])

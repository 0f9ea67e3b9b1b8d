"""Bugs planted in order statistics (registry/order_statistics.py) are caught by the registry's generic
test (`test_registry.test_axes_row`) with the budget the committed `ci` runs give it, and next to each
entry of `conformance/catalogue/order_statistics.py` a namespace that does what NumPy does is caught as
the entry vanishing, on the entry's own example."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from packaging.version import Version

from conformance.check import VanishedDivergence, check
from conformance.operation import case_of
from conformance.recorder import Recorder, recording
from conformance.registry import BY_NAME
from tests.conformance import test_registry as suite
from tests.harness import broken_order_statistics as broken
from tests.harness.planted import SEARCH, fails_with
from tests.harness.releases import skip_where_the_example_agrees
from tests.harness.test_planted_unary import CI_ROWS

# jax 0.12's median refuses an empty slice with ValueError and its nan* forms return NaN there: a plant
# built of jnp.quantile or jnp.median is caught on its empty slices too (TypeError, or no NaN)
_EMPTY_012 = Version(jax.__version__) >= Version("0.12")

PLANTED = [
    # (row, namespace, the kind of the new divergence[, budget: CI_ROWS by default])
    ("median", broken.MEDIAN_LOWER, ("values", "error-kind") if _EMPTY_012 else "values"),
    # the planted-bug budget: the ci budget's few quantile examples with method linear (one of seven, the
    # value sets of an example share their options) are all 0-d, empty or of one element per slice
    ("quantile", broken.QUANTILE_LINEAR_AS_NEAREST, "values", SEARCH),
    ("quantile", broken.QUANTILE_KEEPDIMS_DROPS, "shape"),
    ("percentile", broken.PERCENTILE_HIGHER_AS_LOWER, "values"),
    ("nanmedian", broken.NANMEDIAN_PROPAGATES_NAN, ("values", "error-kind", "error-parity")),  # or its
    ("nanquantile", broken.NANQUANTILE_PROPAGATES_NAN, ("values", "error-kind", "error-parity")),  # empties
]

_F32 = np.float32
# (entry, row, NumPy-like namespace, the row's arguments: a, [q,] axis, [method,] keepdims)
ENTRY_EXAMPLES = [
    ("ORDER-EMPTY-SLICE-RAISES", "median", broken.MEDIAN_OF_EMPTY_IS_NAN, (np.zeros((2, 0), _F32), 1, False)),
    ("ORDER-EMPTY-NUMPY-CANNOT-RESHAPE", "quantile", broken.QUANTILE_CANNOT_RESHAPE_EMPTY,
     (np.zeros((2, 0, 4), _F32), np.array([0, 0.5, 1]), (), "midpoint", False)),
    ("ORDER-EMPTY-SLICE-RAISES", "quantile", broken.QUANTILE_ON_THE_HOST,  # and its slices empty
     (np.zeros((0, 0, 4), _F32), 0.5, (1, 2), "lower", True)),
    ("ORDER-EMPTY-SLICE-RAISES", "nanpercentile", broken.NANPERCENTILE_LIKE_NUMPY,  # inverted_cdf
     (np.zeros((0, 0), _F32), 25.0, -2, "inverted_cdf", True)),
    ("ORDER-NAN-FORMS-OF-AN-EMPTY-ARRAY-DROP-Q", "nanpercentile", broken.NANPERCENTILE_LIKE_NUMPY,
     (np.zeros((0, 0), _F32), np.array([0.0, 50.0, 100.0]), -1, "higher", False)),  # an empty slice
    ("ORDER-INTERPOLATION-NOT-FINITE", "median", broken.MEDIAN_LIKE_NUMPY,
     (np.array([3e38], _F32), None, False)),
    ("ORDER-NEAREST-ROUNDS-HALF-DOWN", "quantile", broken.QUANTILE_LIKE_NUMPY,
     (np.arange(4, dtype=_F32), 0.5, None, "nearest", False)),
    ("ORDER-Q-OUT-OF-RANGE-CLAMPED", "quantile", broken.QUANTILE_REFUSES_Q_OUT_OF_RANGE,
     (np.arange(3, dtype=_F32), 1.5, None, "linear", False)),
    ("ORDER-Q-OUT-OF-RANGE-CLAMPED", "nanpercentile", broken.NANPERCENTILE_REFUSES_Q_OUT_OF_RANGE,
     (np.zeros((0, 0, 0), np.uint8), -50.0, -1, "linear", True)),  # an empty result
    ("ORDER-BOOL-INTERPOLATED", "quantile", broken.QUANTILE_REFUSES_BOOLS,
     (np.array([True, False, True]), 0.25, None, "linear", False)),
    ("ORDER-INTEGER-INPUT-DTYPE", "quantile", broken.QUANTILE_KEEPS_INTEGERS,
     (np.array([1, 5, 3], np.int32), 0.5, 0, "lower", False)),
    ("ORDER-KEEPDIMS-OF-0D", "median", broken.MEDIAN_KEEPDIMS_OF_0D, (np.array(2.5, _F32), None, True)),
    ("ORDER-SIGNED-ZERO", "median", broken.MEDIAN_POSITIVE_ZERO, (np.array([-0.0], _F32), None, False)),
    ("ORDER-SUBNORMALS-AS-ZEROS", "median", broken.MEDIAN_GRADUAL_UNDERFLOW,
     (np.array([0.0, 1.5 * 2.0**-126], _F32), None, False)),
    ("ORDER-INVERTED-CDF-DTYPE-MISMATCH", "quantile", broken.QUANTILE_INVERTED_CDF_PROMOTES,
     (np.array([1, 2, 3], np.float16), 0.5, None, "inverted_cdf", False)),
    ("ORDER-METHOD-NOT-SUPPORTED", "quantile", broken.QUANTILE_TAKES_HAZEN,
     (np.arange(4, dtype=_F32), 0.5, None, "hazen", False)),
    ("ORDER-NAN-FORMS-OF-AN-EMPTY-ARRAY-DROP-Q", "nanquantile", broken.NANQUANTILE_LIKE_NUMPY,
     (np.zeros((1, 0, 3), _F32), np.array([0, 0.25, 1], _F32), 2, "linear", True)),
    ("ORDER-COMPLEX-MEDIAN-REFUSED", "median", broken.MEDIAN_OF_COMPLEX,
     (np.array([1 + 0j, 3 + 0j, 2 + 0j], np.complex64), None, False)),
]


@pytest.mark.parametrize(("name", "namespace", "kind", "budget"), [(*p, CI_ROWS)[:4] for p in PLANTED],
                         ids=[p[1].planted for p in PLANTED])
def test_a_planted_order_statistics_bug_is_caught(name, namespace, kind, budget):
    fails_with(kind, suite.test_axes_row, budget=budget, row=BY_NAME[name], xp=namespace)


@pytest.mark.parametrize(("entry", "name", "namespace", "args"), ENTRY_EXAMPLES,
                         ids=[e[0] for e in ENTRY_EXAMPLES])
def test_an_order_entry_explains_its_example_and_vanishes_where_jax_does_what_numpy_does(entry, name,
                                                                                          namespace, args):
    skip_where_the_example_agrees(entry, name)
    case = case_of(BY_NAME[name])
    with recording(Recorder()):
        verdicts = check(case, *args, xp=jnp)
        assert f"known:{entry}" in {str(v) for v in verdicts}
        with pytest.raises(VanishedDivergence, match=entry):
            check(case, *args, xp=namespace, modes=("eager",))


def test_a_float64_q_array_keeps_float16_and_numpys_float64_is_the_x64_entrys_with_x64_off():
    """ORDER-Q-ARRAY-DTYPE-NOT-PROMOTED explains jnp's float16; with x64 off the NumPy-like namespace's
    promoted result is float32, which DTYPE-X64-OFF-32BIT explains: the entry cannot vanish there."""
    case = case_of(BY_NAME["quantile"])
    args = (np.array([1, 2, 4], np.float16), np.array([0.25, 0.5]), None, "linear", False)
    with recording(Recorder()):
        assert {str(v) for v in check(case, *args, xp=jnp)} == {"known:ORDER-Q-ARRAY-DTYPE-NOT-PROMOTED"}
        promoted = {str(v) for v in check(case, *args, xp=broken.QUANTILE_PROMOTES_WITH_Q, modes=("eager",))}
        assert promoted == {"known:DTYPE-X64-OFF-32BIT"}

"""Bugs planted in the histogram rows are caught by the registry's generic test
(`test_registry.test_axes_row`) with the budget the committed `ci` runs give it, and next to each entry of
`conformance/catalogue/histograms.py` a plant that does what NumPy does makes the entry vanish (or leaves
a difference its model does not explain)."""

import jax
import jax.numpy as jnp
import pytest
from packaging.version import Version

from conformance.environment import x64_enabled
from conformance.registry import BY_NAME
from tests.conformance import test_registry as suite
from tests.harness import broken_histograms as broken
from tests.harness.planted import fails_with, passes
from tests.harness.test_planted_unary import CI_ROWS

PLANTED = [
    # (row, namespace, the kinds of the new or vanished divergence)
    ("histogram", broken.HISTOGRAM_LAST_BIN_OPEN, ("values",)),
    ("digitize", broken.DIGITIZE_RIGHT_INVERTED, ("values",)),
    ("bincount", broken.BINCOUNT_IGNORES_MINLENGTH, ("shape",)),
    ("histogram2d", broken.HISTOGRAM2D_TRANSPOSED, ("values",)),
    # what NumPy does, where HIST-EMPTY-AUTO-RANGE-REFUSED and HIST-BINCOUNT-NEGATIVE-CLIPPED say JAX
    # differs
    ("histogram", broken.HISTOGRAM_OF_EMPTY, ("error-parity", "dtype", "values")),
    ("bincount", broken.BINCOUNT_REFUSES_NEGATIVES, ("error-parity",)),
]
# jax 0.12 takes the range (0, 1) itself (HIST-EMPTY-AUTO-RANGE-REFUSED is gated <0.12): the plant is
# JAX's own behaviour there
if Version(jax.__version__) >= Version("0.12"):
    PLANTED = [p for p in PLANTED if p[1] is not broken.HISTOGRAM_OF_EMPTY]


@pytest.mark.parametrize(("name", "namespace", "kinds"), PLANTED, ids=[p[1].planted for p in PLANTED])
def test_a_planted_histogram_bug_is_caught(name, namespace, kinds):
    fails_with(kinds, suite.test_axes_row, budget=CI_ROWS, row=BY_NAME[name], xp=namespace)


# With x64 off, DTYPE-X64-OFF-32BIT alone explains NumPy's 64-bit results read at 32 bits: these plants
# differ from JAX in a dtype only with x64 on
X64_ON = [
    # NumPy's int64 counts and float64 edges, where HIST-HISTOGRAM-IN-INPUT-PRECISION says float counts
    # in the input's inexact dtype
    ("histogram", broken.HISTOGRAM_LIKE_NUMPY, ("dtype", "values")),
    # and float64 counts in D dimensions, where it says bincount's int64
    ("histogramdd", broken.HISTOGRAMDD_LIKE_NUMPY, ("dtype", "values")),
    # float64 sums, where HIST-BINCOUNT-WEIGHTS-KEEP-THEIR-DTYPE says the weights' float32
    ("bincount", broken.BINCOUNT_WEIGHTS_FLOAT64, ("dtype",)),
    # int64 indices, where HIST-DIGITIZE-INT32-INDICES says int32
    ("digitize", broken.DIGITIZE_INT64, ("dtype",)),
]


@pytest.mark.parametrize(("name", "namespace", "kinds"), X64_ON, ids=[p[1].planted for p in X64_ON])
def test_a_planted_histogram_bug_beside_an_x64_entry_is_caught(name, namespace, kinds):
    if not x64_enabled():
        pytest.skip("seen with x64 on (DTYPE-X64-OFF-32BIT explains the 32-bit example alone)")
    fails_with(kinds, suite.test_axes_row, budget=CI_ROWS, row=BY_NAME[name], xp=namespace)


@pytest.mark.slow  # the controls: the same searches on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize("name", sorted({p[0] for p in PLANTED + X64_ON}))
def test_the_real_namespace_passes_the_same_searches(name):
    passes(suite.test_axes_row, row=BY_NAME[name], xp=jnp)

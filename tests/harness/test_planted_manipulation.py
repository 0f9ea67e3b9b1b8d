"""Bugs planted in shape manipulations, exact reductions and sorts are caught by the registry's generic
test (`test_registry.test_axes_row`) with the budget the committed `ci` runs give it (or, for a reach gap
said below, the planted-bug budget), and next to each entry of `conformance/catalogue/manipulation.py`
and `reductions.py` its model does not explain them."""

import jax
import jax.numpy as jnp
import pytest
from packaging.version import Version

from conformance.registry import BY_NAME
from tests.conformance import test_registry as suite
from tests.harness import broken_manipulation as broken
from tests.harness.planted import SEARCH, fails_with, passes
from tests.harness.test_planted_unary import CI_ROWS

PLANTED = [
    # (row, namespace, the kind of the new or vanished divergence[, budget: CI_ROWS by default]). SEARCH:
    # a reach gap of the ci budget (5 examples a row), found with the planted-bug budget: a tile that
    # repeats differs only for a vector and an int,
    # equal minima, a NaN beside other values, two subnormals or a subnormal and a zero in one slice
    ("reshape", broken.RESHAPE_FORTRAN, "values"),
    ("flip", broken.FLIP_REPEATED_VALUEERROR, "error-kind"),
    ("squeeze", broken.SQUEEZE_0D_LIKE_NUMPY, "error-parity"),
    ("tril", broken.TRIL_OF_1D_LIKE_NUMPY, "error-parity"),
    ("roll", broken.ROLL_BACKWARDS, "values"),
    ("tile", broken.TILE_REPEATS, "values", SEARCH),
    # reductions and sorts (the same generic test)
    ("argmin", broken.ARGMIN_LAST, "values", SEARCH),
    ("sort", broken.SORT_NAN_FIRST, "values", SEARCH),
    ("any", broken.ANY_OF_BOTH_PARTS, "values"),
    ("sort", broken.SORT_SUBNORMALS_BY_VALUE, "values", SEARCH),
    ("unique", broken.UNIQUE_DROPS_LAST, ("shape", "values")),
    ("flatnonzero", broken.FLATNONZERO_FROM_ONE, "values"),
    # what NumPy does, where an entry says JAX differs: the entry vanishing
    ("swapaxes", broken.SWAPAXES_VALUEERROR, "error-kind"),
    ("permute_dims", broken.PERMUTE_DIMS_NORMALIZED, "error-parity"),
    ("reshape", broken.RESHAPE_VALUEERROR, "error-kind"),
    # joining and splitting (the same generic test)
    ("concatenate", broken.CONCATENATE_WRONG_AXIS, ("shape", "values", "error-parity")),
    ("stack", broken.STACK_DROPPING_LAST, ("shape", "error-parity")),  # NumPy refuses a mismatched last one
    ("split", broken.SPLIT_OFF_BY_ONE, ("shape", "values", "error-parity")),
    ("concatenate", broken.CONCATENATE_VALUEERROR, "error-kind"),
    ("split", broken.SPLIT_LIKE_SLICES, "error-parity"),
    ("vsplit", broken.VSPLIT_REFUSING_VECTORS, "error-parity"),
    ("dsplit", broken.DSPLIT_VALUEERROR, "error-kind"),
    ("concatenate", broken.CONCATENATE_NUMPY_PROMOTION, ("dtype", "error-parity")),
    # inserting and deleting
    ("delete", broken.DELETE_NEXT, ("shape", "values", "error-parity")),
    ("delete", broken.DELETE_TAKING_LISTS, ("error-parity", "error-kind")),
    ("delete", broken.DELETE_INDEXERROR, "error-kind"),
    ("insert", broken.INSERT_INDEXERROR, "error-parity"),
    ("meshgrid", broken.MESHGRID_SWAPPED, ("shape", "values")),
    ("meshgrid", broken.MESHGRID_RAVELING, "error-parity"),
    ("pad", broken.PAD_REFLECT_SYMMETRIC, "values"),
    # a zero-size array in a statistic mode: 3 modes of 8 (beyond the ci budget's reach)
    ("pad", broken.PAD_EMPTY_LIKE_NUMPY, ("error-parity", "error-kind"), SEARCH),
    ("ix_", broken.IX_TRANSPOSED, ("shape", "values")),
    ("ix_", broken.IX_OF_BOOL_LIKE_NUMPY, ("error-parity", "error-kind")),
    ("ix_", broken.IX_KEEPING_EMPTY_DTYPES, "dtype"),
    ("block", broken.BLOCK_ALONG_FIRST, ("shape", "values", "error-parity", "error-kind")),
]
# jax 0.12 reads negative axes itself (MANIP-PERMUTE-DIMS-NEGATIVE-AXES is gated <0.12): the plant is
# JAX's own behaviour there
if Version(jax.__version__) >= Version("0.12"):
    PLANTED = [p for p in PLANTED if p[1] is not broken.PERMUTE_DIMS_NORMALIZED]


@pytest.mark.parametrize(("name", "namespace", "kind", "budget"), [(*p, CI_ROWS)[:4] for p in PLANTED],
                         ids=[p[1].planted for p in PLANTED])
def test_a_planted_axes_row_bug_is_caught(name, namespace, kind, budget):
    fails_with(kind, suite.test_axes_row, budget=budget, row=BY_NAME[name], xp=namespace)


@pytest.mark.slow  # the controls: the same searches on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize("name", sorted({p[0] for p in PLANTED}))
def test_the_real_namespace_passes_the_same_searches(name):
    passes(suite.test_axes_row, row=BY_NAME[name], xp=jnp)

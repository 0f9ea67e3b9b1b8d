"""Bugs planted in set functions, sorts and searches are caught by the registry's generic test
(`test_registry.test_axes_row`) with the budget the committed `ci` runs give it, and next to each entry
these rows added or extended its model does not explain them."""

import jax.numpy as jnp
import pytest

from conformance.environment import x64_enabled
from conformance.registry import BY_NAME
from tests.conformance import test_registry as suite
from tests.harness import broken_sets as broken
from tests.harness.planted import fails_with, passes
from tests.harness.test_planted_unary import CI_ROWS

PLANTED = [
    # (row, namespace, the kind of the new or vanished divergence)
    ("isin", broken.ISIN_IGNORES_INVERT, "values"),
    # what NumPy does, where SET-UNIQUE-NAN-AND-SUBNORMAL-RULES says JAX differs: the entry vanishing
    ("isin", broken.ISIN_LIKE_NUMPY, "values"),
    ("nonzero", broken.NONZERO_PADS_WRONG, "values"),
    ("argsort", broken.ARGSORT_UNSTABLE, "values"),
    ("searchsorted", broken.SEARCHSORTED_SIDES_SWAPPED, "values"),
    # what NumPy (or the reference) does, where SET-EXTRACT-SUBNORMAL-CONDITION-IS-FALSE and
    # SIZE-EXTRACT-BEYOND-THE-ARRAY-REFUSED say JAX differs: the entries vanishing
    ("extract", broken.EXTRACT_SUBNORMAL_CONDITION_TRUE, ("values", "shape")),
    ("extract", broken.EXTRACT_PADS_BEYOND, "error-parity"),
]


@pytest.mark.parametrize(("name", "namespace", "kind"), PLANTED, ids=[p[1].planted for p in PLANTED])
def test_a_planted_set_or_search_bug_is_caught(name, namespace, kind):
    fails_with(kind, suite.test_axes_row, budget=CI_ROWS, row=BY_NAME[name], xp=namespace)


# Entries that hold with x64 on (or whose plant differs only in a dtype that DTYPE-X64-OFF-32BIT explains
# alone with x64 off: an explanation comes before the vanished check, which reads examples that agree)
X64_ON = [
    # the reference's padding, where SIZE-NONZERO-OF-EMPTY-IGNORES-FILL-VALUE says JAX pads with zeros
    ("nonzero", broken.NONZERO_OF_EMPTY_FILLED, "values"),
    # NumPy's int64, where SEARCH-SEARCHSORTED-INT32-INDICES says JAX returns int32
    ("searchsorted", broken.SEARCHSORTED_INT64, "dtype"),
]


@pytest.mark.parametrize(("name", "namespace", "kind"), X64_ON, ids=[p[1].planted for p in X64_ON])
def test_a_planted_bug_beside_an_x64_entry_is_caught(name, namespace, kind):
    if not x64_enabled():
        pytest.skip("seen with x64 on (the entry holds with x64 on, or DTYPE-X64-OFF-32BIT explains the "
                    "example alone)")
    fails_with(kind, suite.test_axes_row, budget=CI_ROWS, row=BY_NAME[name], xp=namespace)


@pytest.mark.slow  # the controls: the same searches on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize("name", sorted({p[0] for p in PLANTED + X64_ON}))
def test_the_real_namespace_passes_the_same_searches(name):
    passes(suite.test_axes_row, row=BY_NAME[name], xp=jnp)

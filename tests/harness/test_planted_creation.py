"""Bugs planted in creation functions are caught by the registry's generic test
(`test_registry.test_creation_row`) with the budget the committed `ci` runs give it (or, for a reach gap
said below, the planted-bug budget), and next to each entry of `conformance/catalogue/creation.py` its
model does not explain a bug that does what NumPy does."""

import jax.numpy as jnp
import pytest

from conformance.registry import BY_NAME
from tests.conformance import test_registry as suite
from tests.harness import broken_creation as broken
from tests.harness.planted import SEARCH, fails_with, passes
from tests.harness.test_planted_unary import CI_ROWS

PLANTED = [
    # (row, namespace, the kind of the new or vanished divergence[, budget: CI_ROWS by default]). SEARCH:
    # a reach gap of the ci budget (5 examples a row): its geomspace draws hold no zero endpoint, and with
    # x64 on its full draws no complex fill value for a real dtype, and indices draws dtype=None only sparse
    ("linspace", broken.LINSPACE_OFF_BY_ONE_STEP, "values"),
    ("arange", broken.ARANGE_INCLUDING_STOP, ("shape", "values")),
    ("eye", broken.EYE_WITHOUT_K, "values"),
    ("frombuffer", broken.FROMBUFFER_SKIPPING_OFFSET, ("shape", "values", "error-parity")),
    # what NumPy does, where an entry says JAX differs: the entry vanishing
    ("zeros", broken.ZEROS_VALUEERROR, "error-kind"),
    ("full", broken.FULL_OF_REAL_PART, "error-parity", SEARCH),
    ("arange", broken.ARANGE_LIKE_NUMPY, ("values", "error-parity")),
    ("geomspace", broken.GEOMSPACE_REFUSING_ZERO, ("error-parity", "values"), SEARCH),
    ("linspace", broken.LINSPACE_STEP_AS_NUMPY, "dtype"),
    ("tri", broken.TRI_DEFAULT_FLOAT64, "dtype"),
    ("indices", broken.INDICES_OF_NONE_AS_FLOAT, "dtype", SEARCH),
    ("fromiter", broken.FROMITER_LIKE_NUMPY, ("error-parity", "error-kind")),
]


@pytest.mark.parametrize(("name", "namespace", "kind", "budget"), [(*p, CI_ROWS)[:4] for p in PLANTED],
                         ids=[p[1].planted for p in PLANTED])
def test_a_planted_creation_bug_is_caught(name, namespace, kind, budget):
    fails_with(kind, suite.test_creation_row, budget=budget, row=BY_NAME[name], xp=namespace)


@pytest.mark.slow  # the controls: the same searches on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize("name", sorted({p[0] for p in PLANTED}))
def test_the_real_namespace_passes_the_same_searches(name):
    passes(suite.test_creation_row, row=BY_NAME[name], xp=jnp)

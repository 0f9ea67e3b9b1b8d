"""Bugs planted in unary functions are caught by the registry's generic tests with the budget the
committed `ci` runs give them (`test_registry.PER_KIND` and `REFUSALS`: 5 derandomized examples, each
checking every kind), and next to each entry of `conformance/catalogue/unary.py` its model does not
explain them (a bug that does what NumPy does where the entry documents otherwise is vanished)."""

import jax.numpy as jnp
import pytest
from hypothesis import settings

from conformance.registry import BY_NAME
from tests.conformance import test_registry as suite
from tests.harness import broken_unary as broken
from tests.harness.planted import CI, SEARCH, fails_with, passes

# The ci profile's budget for the registry's tests: a sixth of its 32 examples (test_registry.py)
CI_ROWS = settings(CI, max_examples=max(settings.get_profile("ci").max_examples // 6, 2))

PLANTED = [
    # (test, row, namespace, the kind of the new or vanished divergence[, budget: CI_ROWS by default])
    (suite.test_unary, "floor", broken.FLOOR_TRUNCATES, "values"),
    (suite.test_unary, "sign", broken.SIGN_POSITIVE_ZERO, "values"),
    (suite.test_unary, "reciprocal", broken.RECIPROCAL_TRUNCATES, "values"),
    (suite.test_unary, "conj", broken.CONJ_BOOL_INT8, "dtype"),
    (suite.test_unary_outside_its_kinds, "positive", broken.POSITIVE_REFUSES_BOOL, "error-parity"),
    (suite.test_unary, "round", broken.ROUND_BOOL_TYPEERROR, "error-kind"),
    (suite.test_unary, "round", broken.ROUND_INT_NEGATIVE_DECIMALS, "error-parity"),
    # a tie after scaling by 10**decimals (-2.5 is planted, a tie only for decimals 0, drawn 1 time in
    # 24): a reach gap of the ci budget, searched with the planted-bug budget
    (suite.test_unary, "round", broken.ROUND_HALF_AWAY, "values", SEARCH),
    (suite.test_unary_outside_its_kinds, "spacing", broken.SPACING_TYPEERROR, "error-kind"),
    (suite.test_unary_outside_its_kinds, "deg2rad", broken.DEG2RAD_BY_PARTS, "values"),
    (suite.test_unary, "modf", broken.MODF_SIGNED_FRACTION, "values"),
    (suite.test_unary, "frexp", broken.FREXP_KEEPS_SUBNORMALS, "values"),
    # a float32 or bfloat16 array with room for the planted 1.5 * tiny (its third planted value): the ci
    # budget's five float draws reach one only by luck (a reach gap), searched with the planted budget
    (suite.test_unary, "arcsin", broken.ARCSIN_OF_TINY, "values", SEARCH),
    (suite.test_unary, "cbrt", broken.CBRT_FLUSHES, "values"),
    # the ci budget reaches a 0-d float16 or bfloat16 angle only by luck (each kind of an example takes
    # the next rank): a reach gap, searched with the planted-bug budget
    (suite.test_unary, "angle", broken.ANGLE_KEEPS_0D_DTYPE, "dtype", SEARCH),
    # queries: the profile's full budget (test_registry.test_query)
    (suite.test_query, "isscalar", broken.ISSCALAR_LIKE_NUMPY, "values", CI),
    (suite.test_query, "size", broken.SIZE_IGNORES_EMPTY_AXES, "values", CI),
]


@pytest.mark.parametrize(("test", "name", "namespace", "kind", "budget"),
                         [(*p, CI_ROWS)[:5] for p in PLANTED], ids=[p[2].planted for p in PLANTED])
def test_a_planted_unary_bug_is_caught_with_the_ci_budget(test, name, namespace, kind, budget):
    fails_with(kind, test, budget=budget, row=BY_NAME[name], xp=namespace)


@pytest.mark.slow  # the controls: the same searches on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize(("test", "name"), sorted({(p[0], p[1]) for p in PLANTED}, key=str))
def test_the_real_namespace_passes_the_same_searches(test, name):
    passes(test, row=BY_NAME[name], xp=jnp)

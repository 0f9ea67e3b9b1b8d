"""The broadcasting tests FAIL against a namespace with a planted bug: one per kind of check.

Each test runs a real conformance test function (with its own Hypothesis search) on a broken namespace,
records into a private recorder, and expects a new divergence of the planted kind.
"""

import jax.numpy as jnp
import pytest

from conformance.cases import broadcasting as cases
from tests.conformance import test_broadcasting as suite
from tests.harness import broken
from tests.harness.planted import fails_with, passes

CASE = {c.name: c for c in cases.BINARY}


def test_shape_rule_bug_is_caught():
    fails_with("shape", suite.test_binary_broadcasts, case=CASE["multiply"], xp=broken.SHAPE_RULE)


def test_values_bug_is_caught():
    fails_with("values", suite.test_binary_broadcasts, case=CASE["subtract"], xp=broken.VALUES)


def test_dtype_rule_bug_is_caught():
    fails_with("dtype", suite.test_binary_broadcasts, case=CASE["true_divide"], xp=broken.DTYPE_RULE)


def test_error_parity_bug_is_caught():
    fails_with("error-parity", suite.test_binary_refuses_shapes_that_do_not_broadcast,
               case=CASE["add"], xp=broken.ERROR_PARITY)


def test_shape_function_bug_is_caught():
    fails_with("error-parity", suite.test_broadcast_to, xp=broken.SHAPE_FUNCTION)


@pytest.mark.slow  # the control: the same search on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize("name", ["multiply", "subtract", "true_divide", "add"])
def test_the_real_namespace_passes_the_same_tests(name):
    """The control: the same search on jax.numpy itself finds nothing new."""
    passes(suite.test_binary_broadcasts, case=CASE[name], xp=jnp)

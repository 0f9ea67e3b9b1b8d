"""The matmul tests FAIL against a namespace with a planted bug: one per kind of check (the shape rule of
batching, the result dtype, values beyond the error bound, error parity), with controls that pass on
jax.numpy itself."""

import jax.numpy as jnp
import pytest

from conformance.cases import matmul as cases
from tests.conformance import test_matmul as suite
from tests.harness import broken_matmul as broken
from tests.harness.planted import fails_with, passes


def test_batching_shape_rule_bug_is_caught():
    fails_with("shape", suite.test_matmul_batches, case=cases.MATMUL, xp=broken.SHAPE_RULE)


def test_dtype_bug_is_caught():
    fails_with("dtype", suite.test_contraction_products, case=cases.DOT, xp=broken.DTYPE_RULE)


def test_values_beyond_the_bound_are_caught():
    """float32 rounded to bfloat16 stays within a flat bfloat16-sized tolerance, but not the bound."""
    fails_with("values", suite.test_matmul_batches, case=cases.MATMUL, xp=broken.BEYOND_BOUND)


def test_swapped_axes_are_caught():
    fails_with("values", suite.test_matmul_batches, case=cases.MATMUL, xp=broken.SWAPPED_AXES)


def test_swapped_axes_are_caught_under_vmap():
    fails_with("values", suite.test_vmap_of_matmul, xp=broken.SWAPPED_AXES)


def test_error_parity_bug_is_caught():
    fails_with("error-parity", suite.test_matmul_refuses_shapes_that_do_not_fit, case=cases.MATMUL,
               xp=broken.ERROR_PARITY)


@pytest.mark.slow  # the control: the same search on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize("test, kwargs", [
    (suite.test_matmul_batches, {"case": cases.MATMUL}),
    (suite.test_contraction_products, {"case": cases.DOT}),
    (suite.test_matmul_refuses_shapes_that_do_not_fit, {"case": cases.MATMUL}),
    (suite.test_vmap_of_matmul, {}),
], ids=["matmul_batches", "dot", "shapes_that_do_not_fit", "vmap"])
def test_the_real_namespace_passes_the_same_tests(test, kwargs):
    """The control: the same search on jax.numpy itself finds nothing new."""
    passes(test, xp=jnp, **kwargs)

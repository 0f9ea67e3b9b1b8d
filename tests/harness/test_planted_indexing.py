"""The indexing tests FAIL against a namespace with a planted bug: at least one per kind of index (basic,
integer arrays, boolean masks, mixed adjacent and separated, lists, out of bounds, invalid, take and
take_along_axis modes and fill values, .at[].get), with controls that pass on jax.numpy itself.

Each runs a real conformance test (with its own Hypothesis search) on a broken namespace and expects a new
divergence of the kind the bug must cause."""

import jax.numpy as jnp
import pytest

from conformance.cases import indexing as cases
from tests.conformance import test_indexing as suite
from tests.harness import broken_indexing as broken
from tests.harness.planted import fails_with, passes

TAKE = {c.name: c for c in cases.TAKE}
ALONG = {c.name: c for c in cases.TAKE_ALONG_AXIS}
AT_GET = {c.name: c for c in cases.AT_GET}


def test_negative_step_slice_bug_is_caught():
    fails_with("shape", suite.test_basic_indices, xp=broken.BASIC_NEGATIVE_STEP)


def test_unnormalized_negative_index_arrays_are_caught():
    fails_with("values", suite.test_integer_array_indices, xp=broken.NEGATIVE_NOT_NORMALIZED)


def test_wrapping_instead_of_clamping_out_of_bounds_is_caught():
    """NumPy raises out of bounds, so a read other than the documented clamp is an error-parity
    difference that the clamping entry's model does not explain."""
    fails_with("error-parity", suite.test_integer_array_indices, xp=broken.OUT_OF_BOUNDS_WRAPS)


def test_false_mask_read_as_true_is_caught():
    fails_with("shape", suite.test_boolean_masks, xp=broken.FALSE_MASK_AS_TRUE)


def test_separated_advanced_indices_moved_last_are_caught():
    fails_with("shape", suite.test_mixed_indices, xp=broken.SEPARATED_MOVED_LAST)


def test_adjacent_advanced_indices_moved_first_are_caught():
    fails_with("shape", suite.test_mixed_indices, xp=broken.ADJACENT_MOVED)


def test_list_read_as_tuple_is_caught():
    # where JAX refuses the list (IDX-LIST-INDEX-REFUSED), reading it as a tuple may agree with NumPy
    fails_with(("shape", "error-parity"), suite.test_list_indices, xp=broken.LIST_AS_TUPLE)


def test_truncated_float_index_is_caught():
    # or IDX-NON-INTEGER-INDEX-TYPEERROR vanishes where the truncated index agrees with NumPy
    fails_with(("error-parity", "error-kind"), suite.test_invalid_indices, xp=broken.FLOAT_TRUNCATED)


def test_wrong_take_fill_value_is_caught():
    fails_with("values", suite.test_take, case=TAKE["take mode=fill"], xp=broken.TAKE_FILLS_ZERO)


def test_take_along_axis_clip_without_normalizing_is_caught():
    fails_with("values", suite.test_take_along_axis, case=ALONG["take_along_axis mode=clip"],
               xp=broken.ALONG_CLIP_NOT_NORMALIZED)


def test_at_get_ignoring_fill_value_is_caught():
    fails_with("values", suite.test_at_get, case=AT_GET["at[idx].get mode=fill, fill_value=99"],
               xp=broken.GET_IGNORES_FILL_VALUE)


@pytest.mark.slow  # the control: the same search on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize("test, kwargs", [
    (suite.test_integer_array_indices, {}),
    (suite.test_mixed_indices, {}),
    (suite.test_take, {"case": TAKE["take mode=fill"]}),
    (suite.test_at_get, {"case": AT_GET["at[idx].get mode=fill, fill_value=99"]}),
], ids=lambda p: getattr(p, "__name__", "") or ",".join(f"{k}={v}" for k, v in p.items()))
def test_the_real_namespace_passes_the_same_tests(test, kwargs):
    """The control: the same search on jax.numpy itself finds nothing new."""
    passes(test, xp=jnp, **kwargs)

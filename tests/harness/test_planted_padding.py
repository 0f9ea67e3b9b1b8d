"""The entry of `conformance/catalogue/padding.py`: its model is jnp.pad's linear_ramp exactly, it
explains its example on jax.numpy, and it vanishes where pad ramps as NumPy does (a planted bug the
registry's generic test catches too)."""

import jax.numpy as jnp
import numpy as np
import pytest

from conformance import environment
from conformance.catalogue.creation import computation_dtype
from conformance.catalogue.padding import jax_linear_ramp
from conformance.check import VanishedDivergence, check
from conformance.operation import case_of
from conformance.recorder import Recorder, recording
from conformance.registry import BY_NAME
from tests.conformance import test_registry as suite
from tests.harness import broken_padding as broken
from tests.harness.planted import SEARCH, fails_with

ENTRY = "MANIP-PAD-LINEAR-RAMP-IN-FLOAT32"
# 4294967295 is 2**32 in float32: JAX's ramp is 0, 2**31 where NumPy's is 0, 2**31 - 1
EXAMPLE = (np.array([[0, 4294967295], [4294967295, 42049]], np.uint32), (2,), "linear_ramp", (1, 2))


@pytest.mark.parametrize("array", [
    np.array([[0, 4294967295], [4294967295, 42049]], np.uint32),
    np.array([2147483647, -2147483648, 49], np.int32),
    np.array([[-128, 127, 3]], np.int8),
    np.array([True, False]),
])
@pytest.mark.parametrize("pad_width", [2, (1, 3), ((0, 4),)])
def test_the_model_is_jnp_pad_exactly(array, pad_width):
    x64 = environment.current().x64
    dtype = jnp.asarray(array).dtype
    model = jax_linear_ramp(array.astype(dtype), pad_width, computation_dtype(np.dtype(dtype), x64=x64))
    np.testing.assert_array_equal(model, np.asarray(jnp.pad(array, pad_width, mode="linear_ramp")),
                                  strict=True)


def test_the_entry_explains_its_example_and_vanishes_where_pad_ramps_as_numpy_does():
    case = case_of(BY_NAME["pad"])
    with recording(Recorder()):
        assert {str(v) for v in check(case, *EXAMPLE, xp=jnp)} == {f"known:{ENTRY}"}
        with pytest.raises(VanishedDivergence, match=ENTRY):
            check(case, *EXAMPLE, xp=broken.PAD_RAMP_AS_NUMPY)


def test_a_pad_that_ramps_as_numpy_does_is_caught():
    fails_with("values", suite.test_axes_row, budget=SEARCH, row=BY_NAME["pad"], xp=broken.PAD_RAMP_AS_NUMPY)

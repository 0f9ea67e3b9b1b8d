"""A namespace whose pad computes linear_ramp of integer arrays as NumPy does (in float64, through a host
callback): the catalogue entry of `conformance/catalogue/padding.py` then vanishes."""

import jax
import jax.numpy as jnp
import numpy as np

from tests.harness.broken import BrokenNamespace


def _pad_ramp_as_numpy(array, pad_width, mode="constant", **keywords):
    array = jnp.asarray(array)
    if mode != "linear_ramp" or not (jnp.issubdtype(array.dtype, jnp.integer) or array.dtype == jnp.bool_):
        return jnp.pad(array, pad_width, mode=mode, **keywords)
    shape = jax.eval_shape(lambda a: jnp.pad(a, pad_width, mode=mode), array)
    return jax.pure_callback(lambda a: np.pad(np.asarray(a), pad_width, mode=mode).astype(shape.dtype),
                             shape, array)


PAD_RAMP_AS_NUMPY = BrokenNamespace("pad's linear_ramp of integers ramps in float64, as NumPy does",
                                    pad=_pad_ramp_as_numpy)

"""Namespaces with one planted bug in a set function, sort or search each (registry.REDUCTIONS): those
the issue names, and one next to each entry of `conformance/catalogue/reductions.py` that these rows
added or extended, which does what NumPy does (the entry then vanishes, a failing finding)."""

import jax
import jax.numpy as jnp
import numpy as np

from tests.harness.broken import BrokenNamespace


def _like_numpy(function, shape_dtype):
    """`function` computed by NumPy on the host, eagerly and under jit (a pure callback)."""
    def call(*args, **options):
        return jax.pure_callback(lambda *arrays: np.asarray(function(*arrays, **options)),
                                 shape_dtype(*args), *args)
    return call


def _isin_ignores_invert(element, test_elements, assume_unique=False, invert=False):
    return jnp.isin(element, test_elements, assume_unique=assume_unique)


ISIN_IGNORES_INVERT = BrokenNamespace("isin ignores invert", isin=_isin_ignores_invert)
ISIN_LIKE_NUMPY = BrokenNamespace(
    "isin tells a subnormal from a zero, as NumPy does",
    isin=_like_numpy(np.isin, lambda element, _: jax.ShapeDtypeStruct(jnp.shape(element), jnp.bool_)))

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


def _nonzero_pads_with_one_more(a, *, size=None, fill_value=None):
    """Pads with fill_value + 1 (1 by default) where size= leaves room."""
    fill = 1 if fill_value is None else fill_value + 1
    return jnp.nonzero(a, size=size, fill_value=fill)


def _nonzero_of_empty_filled(a, *, size=None, fill_value=None):
    """Pads the result of a zero-size array with fill_value, as the reference does."""
    if jnp.size(a) == 0 and size and fill_value is not None:
        return tuple(jnp.full(size, fill_value, int) for _ in jnp.shape(a))
    return jnp.nonzero(a, size=size, fill_value=fill_value)


def _argsort_ties_reversed(a, axis=-1, stable=True):
    """Equal elements in reverse order of position (an unstable sort)."""
    a = jnp.asarray(a)
    if axis is None:
        a, axis = a.ravel(), -1
    flipped = jnp.flip(a, axis)
    order = jnp.argsort(flipped, axis=axis, stable=True)
    return a.shape[axis] - 1 - order


NONZERO_PADS_WRONG = BrokenNamespace("nonzero(size=) pads with fill_value + 1",
                                     nonzero=_nonzero_pads_with_one_more)
NONZERO_OF_EMPTY_FILLED = BrokenNamespace("nonzero(size=) of an empty array pads with fill_value, as "
                                          "documented", nonzero=_nonzero_of_empty_filled)
ARGSORT_UNSTABLE = BrokenNamespace("argsort puts equal elements in reverse order",
                                   argsort=_argsort_ties_reversed)


def _searchsorted_sides_swapped(a, v, side="left", sorter=None, *, method="scan"):
    return jnp.searchsorted(a, v, side="right" if side == "left" else "left", sorter=sorter)


def _searchsorted_int64(a, v, side="left", sorter=None, *, method="scan"):
    return jnp.searchsorted(a, v, side=side, sorter=sorter).astype(jnp.int64)


SEARCHSORTED_SIDES_SWAPPED = BrokenNamespace("searchsorted swaps the sides",
                                             searchsorted=_searchsorted_sides_swapped)
SEARCHSORTED_INT64 = BrokenNamespace("searchsorted returns int64 indices with x64 on, as NumPy does",
                                     searchsorted=_searchsorted_int64)


def _nonzero_by_bits(c):
    """Where a float (or either part of a complex) value is nonzero, read from its bits: a subnormal is
    nonzero, as NumPy reads it."""
    c = jnp.asarray(c)
    if jnp.iscomplexobj(c):
        return _nonzero_by_bits(c.real) | _nonzero_by_bits(c.imag)
    if not jnp.issubdtype(c.dtype, jnp.floating):
        return c != 0
    bits = jax.lax.bitcast_convert_type(c, {2: jnp.uint16, 4: jnp.uint32, 8: jnp.uint64}[c.dtype.itemsize])
    return (bits << 1) != 0  # every bit but the sign


def _extract_subnormal_condition_true(condition, arr, *, size=None, fill_value=0):
    return jnp.extract(_nonzero_by_bits(condition), arr, size=size, fill_value=fill_value)


def _extract_pads_beyond(condition, arr, *, size=None, fill_value=0):
    """Pads to a size larger than the arrays, as the reference (and nonzero) do."""
    room = min(jnp.size(condition), jnp.size(arr))
    if size is None or size <= room:
        return jnp.extract(condition, arr, size=size, fill_value=fill_value)
    kept = jnp.extract(condition, arr, size=room, fill_value=fill_value)
    return jnp.concatenate([kept, jnp.full(size - room, fill_value, kept.dtype)])


EXTRACT_SUBNORMAL_CONDITION_TRUE = BrokenNamespace(
    "extract selects where the condition is subnormal, as NumPy does",
    extract=_extract_subnormal_condition_true)
EXTRACT_PADS_BEYOND = BrokenNamespace("extract pads to a size beyond the arrays, as nonzero does",
                                      extract=_extract_pads_beyond)

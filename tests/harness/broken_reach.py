"""Namespaces with one planted bug each that lives in a structure random draws reach rarely: a mask of two
or more axes, repeated positions of `.at[].add` in one mode, an interior size-1 axis of a rank-3 target,
three operands of `broadcast_arrays`, advanced indices separated by a slice. Each is wrong only there, so
a test catches it only if its examples reach that structure (`conformance/reach.py`)."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from tests.harness.broken import BrokenNamespace
from tests.harness.broken_indexing import broken_reads
from tests.harness.broken_updates import broken_at

_DEFAULT = object()  # `.at[].add(v)` called without `mode`


def _parts(index) -> tuple:
    return index if isinstance(index, tuple) else (index,)


def _concrete(part) -> bool:
    return not isinstance(part, jax.core.Tracer)


def _is_mask(part) -> bool:
    return hasattr(part, "dtype") and part.dtype == bool


# -- x[mask] in column-major order ----------------------------------------------------------------------
def _mask_column_major(array, index):
    """A concrete mask of two or more axes (alone, as the whole index) selects its elements in
    column-major order (the first axis varying fastest) instead of row-major order."""
    if not (_is_mask(index) and _concrete(index) and np.ndim(index) >= 2):
        return array[index]
    coordinates = np.argwhere(np.asarray(index))  # row-major
    order = np.lexsort(coordinates.T)  # lexsort's last key (the last axis) is primary: column-major
    return array[tuple(jnp.asarray(c) for c in coordinates[order].T)]


MASK_COLUMN_MAJOR = broken_reads("x[mask] of a mask with two or more axes selects in column-major order",
                                 getitem=_mask_column_major)


# -- .at[].add: the last of repeated positions wins -------------------------------------------------------
def add_last_wins(planted_mode) -> BrokenNamespace:
    """`.at[idx].add(v, mode=planted_mode)` (`_DEFAULT`: called without `mode`) writes x[idx] + v with set,
    so of repeated positions the last update wins; every other call is JAX's own."""
    def add(array, index, values, mode=_DEFAULT, **kwargs):
        real_mode = {} if mode is _DEFAULT else {"mode": mode}
        planted = mode is planted_mode or (isinstance(mode, str) and mode == planted_mode)
        if not planted or any(_is_mask(p) for p in _parts(index)):
            return array.at[index].add(values, **real_mode, **kwargs)
        return array.at[index].set((array[index] + values).astype(array.dtype), **real_mode, **kwargs)
    label = "without mode" if planted_mode is _DEFAULT else f"mode={planted_mode}"
    return broken_at(f".at[].add {label}: the last update at a repeated position wins", add=add)


DEFAULT = _DEFAULT


# -- broadcast_to: no stretching of an interior axis of a rank-3 target ---------------------------------
def _broadcast_to_no_interior(array, shape):
    """Refuses to stretch the size-1 interior axis of a rank-3 target, as if it did not broadcast."""
    shape = tuple(shape) if np.ndim(shape) else (int(shape),)
    aligned = (None,) * (len(shape) - np.ndim(array)) + tuple(np.shape(array))
    if len(shape) == 3 and len(aligned) == 3 and aligned[1] == 1 and shape[1] != 1:
        raise ValueError(f"Incompatible shapes for broadcasting: {np.shape(array)} and requested shape "
                         f"{shape}")
    return jnp.broadcast_to(array, shape)


BROADCAST_TO_NO_INTERIOR = BrokenNamespace("broadcast_to refuses to stretch the interior axis of a rank-3 "
                                           "target", broadcast_to=_broadcast_to_no_interior)


# -- broadcast_arrays of three operands --------------------------------------------------------------------
def _broadcast_arrays_three(*arrays):
    """With exactly three operands, the third comes back as it was, not broadcast."""
    out = jnp.broadcast_arrays(*arrays)
    return [*out[:2], jnp.asarray(arrays[2])] if len(arrays) == 3 else out


BROADCAST_ARRAYS_THREE = BrokenNamespace("broadcast_arrays of three operands leaves the third as it was",
                                         broadcast_arrays=_broadcast_arrays_three)


# -- advanced indices separated by a slice stay in place ----------------------------------------------------
def _is_integer(part) -> bool:
    if isinstance(part, bool | np.bool_):
        return False
    return isinstance(part, int | np.integer) or (hasattr(part, "dtype") and
                                                   jnp.issubdtype(part.dtype, jnp.integer))


def _separated_stay(array, index):
    """x[:, i, :, j] keeps the broadcast axes of i and j where i was (as for adjacent indices) instead of
    moving them first. Only for a concrete index in bounds with no None or Ellipsis (NumPy raises out of
    bounds, and those shift axes)."""
    right = array[index]
    parts = _parts(index)
    if any(p is None or p is Ellipsis for p in parts) or not all(_concrete(p) for p in parts):
        return right
    arrays = [k for k, p in enumerate(parts) if _is_integer(p) and not isinstance(p, int | np.integer)]
    advanced = [k for k, p in enumerate(parts) if _is_integer(p)]
    if not arrays or advanced[-1] - advanced[0] + 1 == len(advanced):
        return right
    for k in advanced:
        size = array.shape[k]
        values = np.asarray(parts[k])
        if np.any((values < -size) | (values >= size)):
            return right
    count = len(np.broadcast_shapes(*(np.shape(parts[k]) for k in advanced)))
    start = sum(1 for p in parts[:advanced[0]] if not _is_integer(p))  # the slices before the first
    return jnp.moveaxis(right, list(range(count)), list(range(start, start + count)))


SEPARATED_STAY = broken_reads("advanced indices separated by a slice keep their place instead of moving "
                              "first", getitem=_separated_stay)

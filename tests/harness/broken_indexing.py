"""Namespaces with one planted indexing bug each: jax.numpy whose arrays, as the case bodies get them from
`xp.asarray`, read `x[index]` or `x.at[index].get` wrongly in one way, or whose `take` /
`take_along_axis` is replaced.

Each bug is kept precise, so that the divergence it causes is of one kind only: every other index reads
exactly as JAX reads it. Bugs whose result would be wrong for an out-of-bounds index too (where NumPy
raises, so any result is an error-parity difference) apply only when every entry is in bounds: through
`jnp.where` for a wrong value (so they work under jit), or, for a wrong shape, only on concrete indices
(an eager fast path; under jit the index values are unknown when the shape is decided).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from tests.harness.broken import BrokenNamespace


class _Ref:
    """`array.at[index]`, with `get` replaced by `get(array, index, **kwargs)` when given."""

    def __init__(self, array, index, get):
        self._array, self._index, self._get = array, index, get

    def get(self, **kwargs):
        if self._get is None:
            return self._array.at[self._index].get(**kwargs)
        return self._get(self._array, self._index, **kwargs)


class _At:
    def __init__(self, array, get):
        self._array, self._get = array, get

    def __getitem__(self, index):
        return _Ref(self._array, index, self._get)


class _Array:
    """A JAX array (or tracer) whose `x[index]` and `x.at[index].get` may be replaced; both return real
    JAX arrays, which is all the case bodies do with it."""

    def __init__(self, array, getitem, get):
        self.array, self._getitem, self._get = array, getitem, get

    def __getitem__(self, index):
        return self.array[index] if self._getitem is None else self._getitem(self.array, index)

    @property
    def at(self):
        return _At(self.array, self._get)


def broken_reads(name: str, *, getitem=None, get=None) -> BrokenNamespace:
    """jax.numpy whose `asarray`, called by a case body on a JAX array or tracer, gives an array whose
    `x[index]` is `getitem(x, index)` and `x.at[index].get(**kw)` is `get(x, index, **kw)`. The runner's
    own conversion of NumPy inputs is left alone."""
    def asarray(a, *args, **kwargs):
        if isinstance(a, np.ndarray | np.generic):
            return jnp.asarray(a, *args, **kwargs)
        return _Array(jnp.asarray(a, *args, **kwargs), getitem, get)
    return BrokenNamespace(name, asarray=asarray)


# -- reading an index ---------------------------------------------------------------------------------
def _parts(index) -> tuple:
    return index if isinstance(index, tuple) else (index,)


def _rebuilt(index, parts: list):
    return tuple(parts) if isinstance(index, tuple) else parts[0]


def _is_integer(part) -> bool:
    if isinstance(part, bool | np.bool_):
        return False
    if isinstance(part, int | np.integer):
        return True
    return isinstance(part, jax.Array) and jnp.issubdtype(part.dtype, jnp.integer)


def _is_concrete(part) -> bool:
    return not isinstance(part, jax.core.Tracer)


def _axes(ndim: int, index) -> list[tuple[object, int | None]]:
    """Each part of an index without boolean masks, with the axis it indexes (None: it indexes none)."""
    parts = _parts(index)
    spare = ndim - sum(p is not None and p is not Ellipsis for p in parts)
    axis, out = 0, []
    for part in parts:
        if part is Ellipsis:
            out.append((part, None))
            axis += max(spare, 0)
        elif part is None:
            out.append((part, None))
        else:
            out.append((part, axis))
            axis += 1
    return out


def _outside(part, size: int):
    """Where the entries of integer index `part` lie outside [-size, size) (an array, or a Python bool)."""
    if isinstance(part, int | np.integer):
        return not -size <= int(part) < size
    info = jnp.iinfo(part.dtype)
    high = part >= size if size <= info.max else jnp.zeros(part.shape, bool)
    low = part < -size if info.min < 0 and -size >= info.min else jnp.zeros(part.shape, bool)
    return high | low


def _any_outside(shape: tuple[int, ...], index):
    """Whether NumPy refuses some integer entry of `index` as out of bounds (traceable)."""
    found = jnp.asarray(False)
    for part, axis in _axes(len(shape), index):
        if axis is not None and axis < len(shape) and _is_integer(part):
            found = found | jnp.any(_outside(part, shape[axis]))
    return found


def _advanced(index) -> list[int]:
    """The positions in the index tuple of its advanced parts (index arrays, and ints next to them)."""
    parts = _parts(index)
    if not any(isinstance(p, jax.Array) for p in parts):
        return []
    return [k for k, p in enumerate(parts) if _is_integer(p)]


def _advanced_position(ndim: int, index) -> int:
    """Where the advanced axes land in the result when they stay in place: after the axes of the parts
    before the first index array (ints among them index no axis of the result)."""
    parts = _parts(index)
    first = next(k for k, p in enumerate(parts) if isinstance(p, jax.Array))
    spare = ndim - sum(p is not None and p is not Ellipsis for p in parts)
    return sum(max(spare, 0) if p is Ellipsis else 1 for p in parts[:first] if not _is_integer(p))


def _with_axes_moved(array, index, *, separated: bool, to_end: bool):
    """`array[index]` with the advanced axes moved (from the front to the end, or from where they were to
    the front), when the index has `separated` advanced parts, is concrete and in bounds, and the move
    changes the shape."""
    right = array[index]
    advanced = _advanced(index)
    if not advanced or (advanced[-1] - advanced[0] + 1 != len(advanced)) != separated:
        return right
    if not all(_is_concrete(p) for p in _parts(index)) or bool(_any_outside(array.shape, index)):
        return right
    count = len(np.broadcast_shapes(*(np.shape(_parts(index)[k]) for k in advanced)))
    front = list(range(count))
    if to_end:
        wrong = jnp.moveaxis(right, front, list(range(right.ndim - count, right.ndim)))
    else:
        start = _advanced_position(array.ndim, index)
        wrong = jnp.moveaxis(right, list(range(start, start + count)), front)
    return right if wrong.shape == right.shape else wrong


def _separated_moved_last(array, index):
    """x[i, :, j] puts the broadcast axes of i and j after the sliced axes instead of before them (a
    moveaxis the wrong way round)."""
    return _with_axes_moved(array, index, separated=True, to_end=True)


def _adjacent_moved_first(array, index):
    """x[:, i, j] moves the broadcast axes of i and j first, as if they were separated."""
    return _with_axes_moved(array, index, separated=False, to_end=False)


def _negative_step_stops_early(array, index):
    """A slice with a negative step and no stop stops before element 0 (`stop = 0` as the default)."""
    def fix(part):
        if isinstance(part, slice) and part.step is not None and part.step < 0 and part.stop is None:
            return slice(part.start, 0, part.step)
        return part
    return array[_rebuilt(index, [fix(p) for p in _parts(index)])]


def _negatives_not_normalized(array, index):
    """Negative entries of index arrays are not counted from the end: they clamp to position 0. Only
    when every entry is in bounds (NumPy would raise otherwise)."""
    def fix(part):
        if isinstance(part, jax.Array) and jnp.issubdtype(part.dtype, jnp.signedinteger):
            return jnp.where(part < 0, 0, part)
        return part
    wrong = array[_rebuilt(index, [fix(p) for p in _parts(index)])]
    return jnp.where(_any_outside(array.shape, index), array[index], wrong)


def _negative_out_of_bounds_wraps(array, index):
    """An entry below -n wraps around (Python's modulo) instead of clamping to position 0."""
    parts = []
    for part, axis in _axes(array.ndim, index):
        size = array.shape[axis] if axis is not None and axis < array.ndim else 0
        if size and isinstance(part, jax.Array) and jnp.issubdtype(part.dtype, jnp.signedinteger) \
                and -size >= jnp.iinfo(part.dtype).min:
            part = jnp.where(part < -size, part % size, part)
        elif size and _is_integer(part) and not isinstance(part, jax.Array) and part < -size:
            part = int(part) % size
        parts.append(part)
    return array[_rebuilt(index, parts)]


def _false_reads_as_true(array, index):
    """A 0-d False mask (a Python bool, or a concrete 0-d array) selects like True."""
    def fix(part):
        if part is False or (isinstance(part, jax.Array) and part.dtype == bool and part.ndim == 0
                             and _is_concrete(part) and not bool(part)):
            return True
        return part
    return array[_rebuilt(index, [fix(p) for p in _parts(index)])]


def _list_as_tuple(array, index):
    """A flat list of ints, no longer than the array has axes, reads as a tuple: x[[0, 1]] is x[0, 1]."""
    if isinstance(index, list) and len(index) <= array.ndim and all(
            isinstance(v, int) and not isinstance(v, bool) for v in index):
        return array[tuple(index)]
    return array[index]


def _float_truncated(array, index):
    """A Python float index is truncated to an int instead of being refused: x[1.5] is x[1]."""
    return array[_rebuilt(index, [int(p) if isinstance(p, float) else p for p in _parts(index)])]


# -- take, take_along_axis, .at[].get -------------------------------------------------------------------
def _take_fills_zero(a, indices, axis=None, mode=None, fill_value=None, **kwargs):
    """mode='fill' fills with 0, not with the dtype's documented fill value."""
    if mode == "fill" and fill_value is None:
        fill_value = 0
    return jnp.take(a, indices, axis=axis, mode=mode, fill_value=fill_value, **kwargs)


def _along_clip_not_normalized(arr, indices, axis, mode=None, **kwargs):
    """mode='clip' clamps negative entries to 0 without counting them from the end first."""
    indices = jnp.asarray(indices)
    if mode == "clip" and jnp.issubdtype(indices.dtype, jnp.signedinteger):
        indices = jnp.where(indices < 0, 0, indices)
    return jnp.take_along_axis(arr, indices, axis=axis, mode=mode, **kwargs)


def _get_ignores_fill_value(array, index, mode=None, fill_value=None, **kwargs):
    """.at[].get(mode='fill') fills with the dtype's default, whatever fill_value says."""
    return array.at[index].get(mode=mode, **kwargs)


BASIC_NEGATIVE_STEP = broken_reads("a slice with a negative step and no stop stops before element 0",
                                   getitem=_negative_step_stops_early)
NEGATIVE_NOT_NORMALIZED = broken_reads("negative entries of index arrays clamp to 0",
                                       getitem=_negatives_not_normalized)
OUT_OF_BOUNDS_WRAPS = broken_reads("entries below -n wrap around instead of clamping",
                                   getitem=_negative_out_of_bounds_wraps)
FALSE_MASK_AS_TRUE = broken_reads("a 0-d False mask selects like True", getitem=_false_reads_as_true)
SEPARATED_MOVED_LAST = broken_reads("advanced indices separated by a slice put their axes last",
                                    getitem=_separated_moved_last)
ADJACENT_MOVED = broken_reads("adjacent advanced indices move their axes first",
                              getitem=_adjacent_moved_first)
LIST_AS_TUPLE = broken_reads("a list of ints reads as a tuple", getitem=_list_as_tuple)
FLOAT_TRUNCATED = broken_reads("a float index is truncated, not refused", getitem=_float_truncated)
TAKE_FILLS_ZERO = BrokenNamespace("take(mode='fill') fills with 0", take=_take_fills_zero)
ALONG_CLIP_NOT_NORMALIZED = BrokenNamespace("take_along_axis(mode='clip') clamps negatives to 0",
                                            take_along_axis=_along_clip_not_normalized)
GET_IGNORES_FILL_VALUE = broken_reads(".at[].get(mode='fill') ignores fill_value",
                                      get=_get_ignores_fill_value)

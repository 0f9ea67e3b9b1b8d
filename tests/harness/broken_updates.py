"""Namespaces with one planted bug in `.at[]` or in immutability: jax.numpy whose arrays, as the case
bodies get them from `xp.asarray` / `xp.array`, misbehave in one way."""

from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

from tests.harness.broken import BrokenNamespace


class _Ref:
    """`array.at[index]`, with some methods replaced by `method(array, index, *args, **kwargs)`."""

    def __init__(self, array, index, methods):
        self._array, self._index, self._methods = array, index, methods

    def __getattr__(self, name):
        if name in self._methods:
            return partial(self._planted, name)
        return getattr(self._array.at[self._index], name)

    def _planted(self, name, *args, **kwargs):
        """The planted method where JAX's own method runs: an error JAX raises (bool arithmetic, an
        index it refuses) stays JAX's, so the plant differs from JAX in its planted way only."""
        getattr(self._array.at[self._index], name)(*args, **kwargs)
        return self._methods[name](self._array, self._index, *args, **kwargs)


class _BrokenAt:
    def __init__(self, array, methods):
        self._array, self._methods = array, methods

    def __getitem__(self, index):
        return _Ref(self._array, index, self._methods)


class _ArrayWithBrokenAt:
    """A JAX array (or tracer) whose `.at` has some methods replaced; nothing else is needed by the cases."""

    def __init__(self, array, methods):
        self.array, self._methods = array, methods

    @property
    def at(self):
        return _BrokenAt(self.array, self._methods)


def broken_at(name: str, **methods) -> BrokenNamespace:
    """jax.numpy whose `asarray`, called by a case body on a JAX array or tracer, gives an array whose
    `.at[idx].<method>` is replaced. The runner's own conversion of NumPy inputs is left alone."""
    def asarray(a, *args, **kwargs):
        if isinstance(a, (np.ndarray, np.generic)):
            return jnp.asarray(a, *args, **kwargs)
        return _ArrayWithBrokenAt(jnp.asarray(a, *args, **kwargs), methods)
    return BrokenNamespace(name, asarray=asarray)


def _add_like_augmented_assignment(array, index, values, **kwargs):
    """x[idx] += v: reads x[idx] once, so at a repeated position only one update counts."""
    region = array[index]
    return array.at[index].set((region + values).astype(array.dtype), **kwargs)


def _set_clipping(array, index, values, mode=None, **kwargs):
    """Clips out-of-bounds indices whatever the mode (the default drops them)."""
    return array.at[index].set(values, mode="clip", **kwargs)


def _min_is_max(array, index, values, **kwargs):
    return array.at[index].max(values, **kwargs)


ADD_DROPS_REPEATS = broken_at(".at[].add counts one update per repeated index",
                              add=_add_like_augmented_assignment)
SET_CLIPS = broken_at(".at[].set clips out-of-bounds indices instead of dropping them", set=_set_clipping)
MIN_IS_MAX = broken_at(".at[].min is max", min=_min_is_max)


def _has_mask(index) -> bool:
    """The bugs below read x[idx], which a traced mask cannot do under jit: they leave masks alone, so
    that the only difference they make is the planted one."""
    parts = index if isinstance(index, tuple) else (index,)
    return any(isinstance(p, bool) or (hasattr(p, "dtype") and jnp.issubdtype(p.dtype, jnp.bool_))
               for p in parts)


def _subtract_reversed(array, index, values, **kwargs):
    """x[idx] = v - x[idx]: the operands of the subtraction swapped."""
    if _has_mask(index):
        return array.at[index].subtract(values, **kwargs)
    return array.at[index].set((values - array[index]).astype(array.dtype), **kwargs)


def _once_per_position(method: str, ufunc):
    """x[idx] = ufunc(x[idx], v): at a repeated position only one update counts, as in x[idx] op= v."""
    def update(array, index, values, **kwargs):
        if _has_mask(index):
            return getattr(array.at[index], method)(values, **kwargs)
        return array.at[index].set(ufunc(array[index], values).astype(array.dtype), **kwargs)
    update.__name__ = f"_{method}_once_per_position"
    return update


def _max_is_min(array, index, values, **kwargs):
    return array.at[index].min(values, **kwargs)


def _apply_once_per_position(array, index, func, **kwargs):
    """Applies func once to each selected position, however often the index repeats it."""
    if _has_mask(index):
        return array.at[index].apply(func, **kwargs)
    return array.at[index].set(func(array[index]), **kwargs)


def _get_reversed(array, index, **kwargs):
    """Reads the selected elements in reverse order along the result's last axis."""
    out = array.at[index].get(**kwargs)
    return jnp.flip(out, axis=-1) if out.ndim else out


SUBTRACT_REVERSED = broken_at(".at[].subtract computes v - x", subtract=_subtract_reversed)
MULTIPLY_ONCE = broken_at(".at[].multiply counts one update per repeated index",
                          multiply=_once_per_position("multiply", jnp.multiply))
DIVIDE_ONCE = broken_at(".at[].divide counts one update per repeated index",
                        divide=_once_per_position("divide", jnp.true_divide))
POWER_ONCE = broken_at(".at[].power counts one update per repeated index",
                       power=_once_per_position("power", jnp.power))
MAX_IS_MIN = broken_at(".at[].max is min", max=_max_is_min)
APPLY_ONCE = broken_at(".at[].apply applies once per repeated index", apply=_apply_once_per_position)
GET_REVERSED = broken_at(".at[].get reads the last axis reversed", get=_get_reversed)


def _mode_swapped(swap: dict):
    """Every update method, with the out-of-bounds mode replaced as `swap` says."""
    def method(name):
        return lambda array, index, *args, mode=None, **kwargs: getattr(array.at[index], name)(
            *args, mode=swap.get(mode, mode), **kwargs)
    names = ("set", "add", "subtract", "multiply", "divide", "power", "min", "max", "apply")
    return broken_at(f"out-of-bounds mode {swap} swapped", **{n: method(n) for n in names})


# mode -> a namespace where that mode behaves like another one (None is JAX's default)
MODE_SWAPPED = {
    None: _mode_swapped({None: "clip"}),
    "promise_in_bounds": _mode_swapped({"promise_in_bounds": "clip"}),
    "clip": _mode_swapped({"clip": "drop"}),
    "drop": _mode_swapped({"drop": "clip"}),
    "fill": _mode_swapped({"fill": "clip"}),
}


class _InPlaceArray(np.ndarray):
    """A NumPy array with an `.at` that updates it in place and returns it (a mutable 'JAX')."""

    @property
    def at(self):
        return _InPlaceAt(self)


class _InPlaceAt:
    def __init__(self, array):
        self._array = array

    def __getitem__(self, index):
        return _InPlaceRef(self._array, index)


class _InPlaceRef:
    def __init__(self, array, index):
        self._array, self._index = array, index

    def set(self, values, **kwargs):
        self._array[self._index] = values
        return self._array


def _in_place_asarray(a, *args, **kwargs):
    if isinstance(a, jax.core.Tracer):  # under jit there is no buffer to mutate: stay JAX there
        return jnp.asarray(a, *args, **kwargs)
    return a if isinstance(a, _InPlaceArray) else np.array(a, *args, **kwargs).view(_InPlaceArray)


# Arrays are NumPy's, mutable: x[i] = v works and b += 1 changes a (JAX would then agree with NumPy, and
# the immutability entries no longer hold).
def _mutable_array(a, *args, **kwargs):
    if isinstance(a, jax.core.Tracer):  # under jit there is no buffer to mutate: stay JAX there
        return jnp.array(a, *args, **kwargs)
    return np.array(a, *args, **kwargs)


MUTABLE = BrokenNamespace("arrays are mutable NumPy arrays (eagerly)", array=_mutable_array)
AT_SET_IN_PLACE = BrokenNamespace(".at[].set updates x in place and returns it", asarray=_in_place_asarray)

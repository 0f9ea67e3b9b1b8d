"""Namespaces with one planted bug in a composite function (conformance/cases/composites.py), and next to
each entry of `conformance/catalogue/composites.py` one that does what NumPy does (the entry vanishes)."""

import jax.numpy as jnp
import numpy as np

from tests.harness.broken import BrokenNamespace


def _along_the_next_axis(func, axis, arr):
    """The slices of the next axis (the first, from the last)."""
    return jnp.apply_along_axis(func, (axis + 1) % max(jnp.ndim(arr), 1), arr)


def _first_axis_only(func, a, axes):
    axes = tuple(axes) if isinstance(axes, (tuple, list)) else (axes,)
    return jnp.apply_over_axes(func, a, axes[:1])


def _transposed_indices(function, shape, *, dtype=float, **kwargs):
    """The function of (j, i): rows read as columns."""
    return jnp.fromfunction(lambda i, j: function(j, i), shape, dtype=dtype, **kwargs)


def _k_ignored(n, mask_func, k=0):
    return jnp.mask_indices(n, mask_func)


def _choices_reversed(condlist, choicelist, default=0):
    return jnp.select(condlist, choicelist[::-1], default)


def _otherwise_first(x, condlist, funclist, *args, **kw):
    """The value for no condition moved to the front of the list: it takes the first condition's place."""
    funclist = list(funclist)
    if len(funclist) == len(condlist) + 1:
        funclist = [funclist[-1], *funclist[1:-1], funclist[0]]
    return jnp.piecewise(x, condlist, funclist, *args, **kw)


def _where_flat(condition, x=None, y=None, **kwargs):
    """One argument: the flat positions (flatnonzero) as a one-element tuple."""
    if x is None and y is None:
        return (jnp.flatnonzero(condition),)
    return jnp.where(condition, x, y, **kwargs)


class _Grid:
    """mgrid or ogrid, each range one point short (its last point dropped) or, from `numpy`, NumPy's."""

    def __init__(self, grid, *, numpy=None):
        self.grid, self.numpy = grid, numpy

    def __getitem__(self, key):
        if self.numpy is not None:
            out = self.numpy[key]
            return [jnp.asarray(o) for o in out] if isinstance(out, (list, tuple)) else jnp.asarray(out)
        key = key if isinstance(key, tuple) else (key,)
        shorter = tuple(slice(k.start, k.stop - (1 if k.step is None or k.step > 0 else -1), k.step)
                        if not isinstance(k.step, complex) else k for k in key)
        return self.grid[shorter if len(shorter) > 1 else shorter[0]]


def _average_keepdims_dropped(a, axis=None, weights=None, returned=False, keepdims=False):
    return jnp.average(a, axis=axis, weights=weights, returned=returned)


def _weights_ignored(a, axis=None, weights=None, returned=False, keepdims=False):
    out = jnp.average(a, axis=axis, returned=returned, keepdims=keepdims)
    return out


def _over_an_int_axis(func, a, axes):
    return jnp.apply_over_axes(func, a, (axes,) if isinstance(axes, int) else axes)


def _mask_indices_on_the_host(n, mask_func, k=0):
    """NumPy's indices for the static n and k (the mask function is jnp.triu: np.triu's mask)."""
    return tuple(jnp.asarray(i) for i in np.mask_indices(n, np.triu, k))


def _average_refusing_an_empty_result(a, axis=None, weights=None, returned=False, keepdims=False):
    out = jnp.average(a, axis=axis, weights=weights, returned=returned, keepdims=keepdims)
    if (out[0] if returned else out).size == 0:
        raise ZeroDivisionError("division by zero")
    return out


def _average_refusing_zero_weights(a, axis=None, weights=None, returned=False, keepdims=False):
    """Eager only: the sum of weights read on the host, as NumPy checks it."""
    if weights is not None and np.any(np.sum(np.asarray(weights), axis=axis) == 0):
        raise ZeroDivisionError("Weights sum to zero, can't be normalized")
    return jnp.average(a, axis=axis, weights=weights, returned=returned, keepdims=keepdims)


ALONG_THE_NEXT_AXIS = BrokenNamespace("apply_along_axis along the next axis",
                                      apply_along_axis=_along_the_next_axis)
FIRST_AXIS_ONLY = BrokenNamespace("apply_over_axes over the first axis only",
                                  apply_over_axes=_first_axis_only)
TRANSPOSED_FROMFUNCTION = BrokenNamespace("fromfunction of (j, i)", fromfunction=_transposed_indices)
K_IGNORED = BrokenNamespace("mask_indices without its k", mask_indices=_k_ignored)
CHOICES_REVERSED = BrokenNamespace("select with its choices reversed", select=_choices_reversed)
OTHERWISE_FIRST = BrokenNamespace("piecewise with its otherwise value first", piecewise=_otherwise_first)
WHERE_FLAT = BrokenNamespace("where(a) as flat positions", where=_where_flat)
SHORT_MGRID = BrokenNamespace("mgrid one point short", mgrid=_Grid(jnp.mgrid))
SHORT_OGRID = BrokenNamespace("ogrid one point short", ogrid=_Grid(jnp.ogrid))
KEEPDIMS_DROPPED = BrokenNamespace("average whose keepdims drops the axis", average=_average_keepdims_dropped)
WEIGHTS_IGNORED = BrokenNamespace("average without its weights", average=_weights_ignored)

# next to each entry: what NumPy does
OVER_AN_INT_AXIS = BrokenNamespace("apply_over_axes of an int axis", apply_over_axes=_over_an_int_axis)
MASK_INDICES_ON_THE_HOST = BrokenNamespace("mask_indices on the host", mask_indices=_mask_indices_on_the_host)
NUMPY_MGRID = BrokenNamespace("NumPy's mgrid", mgrid=_Grid(None, numpy=np.mgrid))
AVERAGE_REFUSING_AN_EMPTY_RESULT = BrokenNamespace("average refusing an empty result",
                                                   average=_average_refusing_an_empty_result)
AVERAGE_REFUSING_ZERO_WEIGHTS = BrokenNamespace("average refusing a zero sum of weights",
                                                average=_average_refusing_zero_weights)

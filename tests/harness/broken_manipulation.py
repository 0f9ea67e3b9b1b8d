"""Namespaces with one planted bug in a shape manipulation each: the one the issue names (a reshape that
reads in Fortran order), and one next to each entry of `conformance/catalogue/manipulation.py`, which its
model must not explain (a bug that does what NumPy does where the entry documents otherwise is a
vanished divergence, which fails the run like a new one)."""

import jax.numpy as jnp
import numpy as np

from tests.harness.broken import BrokenNamespace


def _reshape_fortran(a, shape, order="C"):
    return jnp.reshape(a, shape, order="F" if order == "C" else order)


def _flip_repeated_valueerror(a, axis=None):
    axes = axis if isinstance(axis, tuple) else (axis,)
    normalized = [x % max(jnp.ndim(a), 1) for x in axes if x is not None]
    if len(set(normalized)) < len(normalized):
        raise ValueError("repeated axis")  # NumPy's error: the entry says JAX raises TypeError
    return jnp.flip(a, axis=axis)


def _squeeze_0d_like_numpy(a, axis=None):
    return jnp.asarray(a) if jnp.ndim(a) == 0 else jnp.squeeze(a, axis=axis)


def _tril_of_1d_like_numpy(m, k=0):
    return jnp.tril(jnp.broadcast_to(m, (np.shape(m)[-1],) * 2) if jnp.ndim(m) == 1 else m, k=k)


def _roll_backwards(a, shift, axis=None):
    return jnp.roll(a, -shift, axis=axis)


def _tile_repeats(a, reps):
    return jnp.repeat(a, reps) if isinstance(reps, int) and jnp.ndim(a) == 1 else jnp.tile(a, reps)


RESHAPE_FORTRAN = BrokenNamespace("reshape reads in Fortran order", reshape=_reshape_fortran)
FLIP_REPEATED_VALUEERROR = BrokenNamespace("flip refuses repeated axes with ValueError, as NumPy does",
                                           flip=_flip_repeated_valueerror)
SQUEEZE_0D_LIKE_NUMPY = BrokenNamespace("squeeze of a 0-d array accepts axis 0, as NumPy does",
                                        squeeze=_squeeze_0d_like_numpy)
TRIL_OF_1D_LIKE_NUMPY = BrokenNamespace("tril of a vector broadcasts it, as NumPy does",
                                        tril=_tril_of_1d_like_numpy)
ROLL_BACKWARDS = BrokenNamespace("roll shifts the other way", roll=_roll_backwards)
TILE_REPEATS = BrokenNamespace("tile of a vector repeats each element", tile=_tile_repeats)


# Reductions and sorts (registry.REDUCTIONS): the two the issue names, and one next to each entry of
# `conformance/catalogue/reductions.py`.
def _argmin_last(a, axis=None, keepdims=False):
    """The last of several equal minima (NumPy and JAX return the first)."""
    a = jnp.asarray(a)
    if axis is not None and not -a.ndim <= axis < a.ndim:
        return jnp.argmin(a, axis=axis, keepdims=keepdims)  # JAX's own error
    if axis is None:
        flipped = jnp.argmin(a.ravel()[::-1])
        out = a.size - 1 - flipped
        return out.reshape((1,) * a.ndim) if keepdims else out
    axis = axis % a.ndim
    out = a.shape[axis] - 1 - jnp.argmin(jnp.flip(a, axis), axis=axis, keepdims=keepdims)
    return out.astype(jnp.argmin(a, axis=axis).dtype)


def _sort_nan_first(a, axis=-1, stable=True, kind=None):
    if kind is not None:
        return jnp.sort(a, axis=axis, kind=kind)  # JAX's refusal
    out = jnp.sort(a, axis=axis, stable=stable)
    if not jnp.issubdtype(out.dtype, jnp.floating):
        return out
    nan = jnp.isnan(out)
    axis = -1 if axis is None else axis
    return jnp.take_along_axis(out, jnp.argsort(~nan, axis=axis, stable=True), axis=axis)


def _any_of_both_parts(a, axis=None, keepdims=False):
    a = jnp.asarray(a)
    truth = (a.real != 0) | (a.imag != 0) if jnp.iscomplexobj(a) else a
    return jnp.any(truth, axis=axis, keepdims=keepdims)


def _sort_subnormals_by_value(a, axis=-1, stable=True, kind=None):
    """NumPy's order of subnormals, computed on the values scaled out of the subnormal range."""
    a = jnp.asarray(a)
    if kind is not None:
        return jnp.sort(a, axis=axis, kind=kind)  # JAX's refusal
    if not jnp.issubdtype(a.dtype, jnp.floating) or a.dtype == jnp.float16:
        return jnp.sort(a, axis=axis, stable=stable)
    flat = a.ravel() if axis is None else a
    key = flat.astype(jnp.float64 if a.dtype == jnp.float64 else jnp.float32) * 2.0 ** 100
    order = jnp.argsort(key, axis=-1 if axis is None else axis, stable=True)
    return jnp.take_along_axis(flat, order, axis=-1 if axis is None else axis)


ARGMIN_LAST = BrokenNamespace("argmin returns the last of several equal minima", argmin=_argmin_last)
SORT_NAN_FIRST = BrokenNamespace("sort puts NaN first", sort=_sort_nan_first)
ANY_OF_BOTH_PARTS = BrokenNamespace("any reads both parts of a complex value, as NumPy does",
                                    any=_any_of_both_parts)
SORT_SUBNORMALS_BY_VALUE = BrokenNamespace("sort orders subnormals by value, as NumPy does",
                                           sort=_sort_subnormals_by_value)


def _unique_drops_last(a, **kwargs):
    return jnp.unique(a, **kwargs)[:-1]


def _flatnonzero_from_one(a, **kwargs):
    return jnp.flatnonzero(a, **kwargs) + 1


UNIQUE_DROPS_LAST = BrokenNamespace("unique drops its largest value", unique=_unique_drops_last)
FLATNONZERO_FROM_ONE = BrokenNamespace("flatnonzero counts from one", flatnonzero=_flatnonzero_from_one)


def _swapaxes_valueerror(a, axis1, axis2):
    ndim = jnp.ndim(a)
    if not (-ndim <= axis1 < ndim and -ndim <= axis2 < ndim):
        raise ValueError(f"axis out of bounds for array of dimension {ndim}")  # NumPy's AxisError kind
    return jnp.swapaxes(a, axis1, axis2)


def _permute_dims_normalized(a, axes):
    ndim = jnp.ndim(a)
    return jnp.permute_dims(a, tuple(x % ndim if -ndim <= x < 0 else x for x in axes))


def _reshape_valueerror(a, shape, order="C"):
    try:
        return jnp.reshape(a, shape, order=order)
    except TypeError as error:
        raise ValueError(str(error)) from None  # NumPy's kind


SWAPAXES_VALUEERROR = BrokenNamespace("swapaxes raises ValueError out of range, as NumPy's AxisError",
                                      swapaxes=_swapaxes_valueerror)
PERMUTE_DIMS_NORMALIZED = BrokenNamespace("permute_dims reads negative axes, as NumPy does",
                                          permute_dims=_permute_dims_normalized)
RESHAPE_VALUEERROR = BrokenNamespace("reshape to another size raises ValueError, as NumPy does",
                                     reshape=_reshape_valueerror)


# Joining and splitting (registry.JOINING): the three the issue names, and one next to each entry of
# `conformance/catalogue/manipulation.py` for them (and the promotion of pieces).
def _concatenate_wrong_axis(arrays, axis=0):
    ndim = jnp.ndim(arrays[0])
    if axis is None or ndim < 2 or not -ndim <= axis < ndim:
        return jnp.concatenate(arrays, axis=axis)
    return jnp.concatenate(arrays, axis=(axis + 1) % ndim)


def _stack_dropping_last(arrays, axis=0):
    return jnp.stack(arrays[:-1] if len(arrays) > 1 else arrays, axis=axis)


def _split_off_by_one(a, indices_or_sections, axis=0):
    if isinstance(indices_or_sections, list):
        indices_or_sections = [i + 1 for i in indices_or_sections]
    return jnp.split(a, indices_or_sections, axis=axis)


def _concatenate_valueerror(arrays, axis=0):
    try:
        return jnp.concatenate(arrays, axis=axis)
    except TypeError as error:
        raise ValueError(str(error)) from None  # NumPy's kind


def _split_like_slices(a, indices_or_sections, axis=0):
    if not isinstance(indices_or_sections, list):
        return jnp.split(a, indices_or_sections, axis=axis)
    a = jnp.asarray(a)
    bounds = [0, *indices_or_sections, None]
    lead = (slice(None),) * (axis % a.ndim)
    return [a[(*lead, slice(lo, hi))] for lo, hi in zip(bounds, bounds[1:], strict=False)]


def _vsplit_refusing_vectors(a, indices_or_sections):
    if jnp.ndim(a) < 2:
        raise ValueError("vsplit only works on arrays of 2 or more dimensions")  # NumPy's
    return jnp.vsplit(a, indices_or_sections)


def _dsplit_valueerror(a, indices_or_sections):
    if jnp.ndim(a) < 3:
        raise ValueError("dsplit only works on arrays of 3 or more dimensions")  # NumPy's
    return jnp.dsplit(a, indices_or_sections)


def _concatenate_numpy_promotion(arrays, axis=0):
    dtype = np.result_type(*(np.asarray(a).dtype for a in arrays))
    return jnp.concatenate([jnp.asarray(a, dtype=dtype) for a in arrays], axis=axis)


CONCATENATE_WRONG_AXIS = BrokenNamespace("concatenate joins along the next axis",
                                         concatenate=_concatenate_wrong_axis)
STACK_DROPPING_LAST = BrokenNamespace("stack drops the last array", stack=_stack_dropping_last)
SPLIT_OFF_BY_ONE = BrokenNamespace("split's pieces are off by one", split=_split_off_by_one)
CONCATENATE_VALUEERROR = BrokenNamespace("concatenate refuses mismatched pieces with ValueError, as NumPy",
                                         concatenate=_concatenate_valueerror)
SPLIT_LIKE_SLICES = BrokenNamespace("split slices between unordered indices, as NumPy does",
                                    split=_split_like_slices)
VSPLIT_REFUSING_VECTORS = BrokenNamespace("vsplit refuses a vector, as NumPy does",
                                          vsplit=_vsplit_refusing_vectors)
DSPLIT_VALUEERROR = BrokenNamespace("dsplit refuses fewer than 3 dimensions with ValueError, as NumPy does",
                                    dsplit=_dsplit_valueerror)
CONCATENATE_NUMPY_PROMOTION = BrokenNamespace("concatenate promotes the pieces as NumPy does",
                                              concatenate=_concatenate_numpy_promotion)


def _delete_next(arr, obj, axis=None):
    if isinstance(obj, int) and not isinstance(obj, bool):
        obj = obj + 1 if obj >= 0 else obj  # the next element (out of range at the end: an error)
    return jnp.delete(arr, obj, axis=axis)


def _delete_taking_lists(arr, obj, axis=None):
    return jnp.delete(arr, np.asarray(obj, dtype=int) if isinstance(obj, list) else obj, axis=axis)


def _edited_length(arr, axis):
    return jnp.size(arr) if axis is None else jnp.shape(arr)[axis]


def _delete_indexerror(arr, obj, axis=None):
    if isinstance(obj, int) and (axis is None or -jnp.ndim(arr) <= axis < jnp.ndim(arr)):
        n = _edited_length(arr, axis)
        if not -n <= obj < n:
            raise IndexError(f"index {obj} is out of bounds for axis {axis or 0} with size {n}")  # NumPy's
    return jnp.delete(arr, obj, axis=axis)


def _insert_indexerror(arr, obj, values, axis=None):
    if isinstance(obj, int) and (axis is None or -jnp.ndim(arr) <= axis < jnp.ndim(arr)):
        n = _edited_length(arr, axis)
        if not -n <= obj <= n:
            raise IndexError(f"index {obj} is out of bounds for axis {axis or 0} with size {n}")  # NumPy's
    return jnp.insert(arr, obj, values, axis=axis)


DELETE_NEXT = BrokenNamespace("delete deletes the next element", delete=_delete_next)
DELETE_TAKING_LISTS = BrokenNamespace("delete takes a list of indices, as NumPy does",
                                      delete=_delete_taking_lists)
DELETE_INDEXERROR = BrokenNamespace("delete refuses an index out of range with IndexError, as NumPy does",
                                    delete=_delete_indexerror)
INSERT_INDEXERROR = BrokenNamespace("insert refuses an index out of range with IndexError, as NumPy does",
                                    insert=_insert_indexerror)


def _meshgrid_swapped(*xi, copy=True, sparse=False, indexing="xy"):
    return jnp.meshgrid(*xi, copy=copy, sparse=sparse, indexing="ij" if indexing == "xy" else "xy")


def _meshgrid_raveling(*xi, copy=True, sparse=False, indexing="xy"):
    return jnp.meshgrid(*(jnp.ravel(x) for x in xi), copy=copy, sparse=sparse, indexing=indexing)


MESHGRID_SWAPPED = BrokenNamespace("meshgrid's indexing is swapped", meshgrid=_meshgrid_swapped)
MESHGRID_RAVELING = BrokenNamespace("meshgrid ravels an argument that is not a vector, as NumPy does",
                                    meshgrid=_meshgrid_raveling)


def _pad_reflect_symmetric(array, pad_width, mode="constant", **keywords):
    return jnp.pad(array, pad_width, mode="symmetric" if mode == "reflect" else mode, **keywords)


def _pad_empty_like_numpy(array, pad_width, mode="constant", **keywords):
    if jnp.size(array) == 0 and mode in ("maximum", "minimum", "linear_ramp"):
        return np.pad(np.zeros(jnp.shape(array), jnp.result_type(array)), pad_width, mode=mode)  # NumPy's
    return jnp.pad(array, pad_width, mode=mode, **keywords)


PAD_REFLECT_SYMMETRIC = BrokenNamespace("pad's reflect mode is symmetric", pad=_pad_reflect_symmetric)
PAD_EMPTY_LIKE_NUMPY = BrokenNamespace("pad of a zero-size array in mode maximum, minimum or linear_ramp "
                                       "does what NumPy does", pad=_pad_empty_like_numpy)


def _ix_transposed(*args):
    return tuple(jnp.swapaxes(x, 0, -1) for x in jnp.ix_(*args))


def _ix_of_bool_like_numpy(*args):
    if all(jnp.ndim(a) == 1 for a in args) and any(jnp.result_type(a) == np.dtype(bool) for a in args):
        return np.ix_(*(np.asarray(a) for a in args))  # NumPy's: the positions of the True elements
    return jnp.ix_(*args)


def _ix_keeping_empty_dtypes(*args):
    out = jnp.ix_(*args)
    return tuple(o.astype(jnp.result_type(a)) if jnp.size(a) == 0 else o
                 for o, a in zip(out, args, strict=True))


IX_TRANSPOSED = BrokenNamespace("ix_'s vectors lie along the wrong axes", ix_=_ix_transposed)
IX_OF_BOOL_LIKE_NUMPY = BrokenNamespace("ix_ takes bool vectors, as NumPy does", ix_=_ix_of_bool_like_numpy)
IX_KEEPING_EMPTY_DTYPES = BrokenNamespace("ix_ keeps an empty vector's dtype, as NumPy does",
                                          ix_=_ix_keeping_empty_dtypes)


def _block_along_first(arrays):
    return jnp.block([[a] for a in arrays]) if isinstance(arrays, list) else jnp.block(arrays)  # vertically


BLOCK_ALONG_FIRST = BrokenNamespace("block of a flat list joins along the next-to-last axis",
                                    block=_block_along_first)

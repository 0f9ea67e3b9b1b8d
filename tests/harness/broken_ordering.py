"""Namespaces with one planted bug in a partial sort or a sort by keys (registry/ordering.py): a partition
whose kth element is wrong, an argpartition that repeats an index, a lexsort that takes the first key as
the primary one; and, next to each entry of `conformance/catalogue/ordering.py`, one that does what NumPy
does (the entry then vanishes)."""

import jax
import jax.numpy as jnp
import numpy as np

from tests.harness.broken import BrokenNamespace


def _partition_kth_swapped(a, kth, axis=-1):
    """jnp.partition, with the kth element exchanged with the last one along the axis (the first, where
    kth is the last)."""
    out = jnp.partition(a, kth, axis=axis)
    n = out.shape[axis]
    if n < 2:
        return out
    k = kth % n
    other = n - 1 if k != n - 1 else 0
    order = np.arange(n)
    order[[k, other]] = order[[other, k]]
    return jnp.take(out, jnp.asarray(order), axis=axis)


def _argpartition_repeats_an_index(a, kth, axis=-1):
    """jnp.argpartition, with its last index along the axis replaced by its first."""
    out = jnp.argpartition(a, kth, axis=axis)
    first = jnp.take(out, jnp.asarray([0]), axis=axis)
    n = out.shape[axis]
    return jnp.concatenate([jnp.take(out, jnp.arange(n - 1), axis=axis), first], axis=axis) if n > 1 else out


def _lexsort_first_key_primary(keys, axis=-1):
    return jnp.lexsort(list(keys)[::-1], axis=axis)


def _partition_by_sort(a, kth, axis=-1):
    """A sorted array: a valid partition (NaNs last whatever their sign, complex and bool accepted, an
    empty array returned whatever kth)."""
    return jnp.sort(a, axis=axis)


def _argpartition_by_argsort(a, kth, axis=-1):
    """A stable argsort in the default int dtype (int64 with x64 on), a 0-d array read as one element."""
    a = jnp.asarray(a)
    return jnp.argsort(a.reshape(1) if a.ndim == 0 else a, axis=axis, stable=True)


def _by_value(key):
    """A float key as integers in its order by value (subnormals distinct from zero; -0.0 is +0.0; NaNs
    last): its bits, the negative ones' magnitude reversed. Other keys as they are."""
    key = jnp.asarray(key)
    if not jnp.issubdtype(key.dtype, jnp.floating):
        return key
    ints = {2: jnp.int16, 4: jnp.int32, 8: jnp.int64}[key.dtype.itemsize]
    bits = jax.lax.bitcast_convert_type(key, ints)
    lowest, highest = jnp.iinfo(ints).min, jnp.iinfo(ints).max
    order = jnp.where(bits < 0, bits ^ highest, bits)
    order = jnp.where(bits == lowest, 0, order)  # -0.0
    return jnp.where(jnp.isnan(key), highest, order)


def _lexsort_by_value(keys, axis=-1):
    """jnp.lexsort of the keys' values as integers: NumPy's order of subnormals."""
    return jnp.lexsort([_by_value(k) for k in keys], axis=axis)


PARTITION_KTH_SWAPPED = BrokenNamespace("partition's kth element swapped with the last",
                                        partition=_partition_kth_swapped)
ARGPARTITION_REPEATS_AN_INDEX = BrokenNamespace("argpartition repeats its first index",
                                                argpartition=_argpartition_repeats_an_index)
LEXSORT_FIRST_KEY_PRIMARY = BrokenNamespace("lexsort sorts by the first key first",
                                            lexsort=_lexsort_first_key_primary)
PARTITION_LIKE_NUMPY = BrokenNamespace("partition by a full sort", partition=_partition_by_sort)
ARGPARTITION_LIKE_NUMPY = BrokenNamespace("argpartition by a stable argsort",
                                          argpartition=_argpartition_by_argsort)
LEXSORT_LIKE_NUMPY = BrokenNamespace("lexsort of subnormals by value", lexsort=_lexsort_by_value)


def _unravel_fortran(indices, shape):
    """Fortran order: the first axis varies fastest."""
    sides = (shape,) if isinstance(shape, int) else tuple(shape)
    return tuple(reversed(jnp.unravel_index(indices, sides[::-1])))


def _unravel_default_int(indices, shape):
    """jnp.unravel_index in the default int dtype, as NumPy's intp (in-range indices agree)."""
    return tuple(i.astype(jnp.int_) for i in jnp.unravel_index(indices, shape))


UNRAVEL_FORTRAN = BrokenNamespace("unravel_index in Fortran order", unravel_index=_unravel_fortran)
UNRAVEL_LIKE_NUMPY = BrokenNamespace("unravel_index in the default int", unravel_index=_unravel_default_int)


def _ravel_order_ignored(multi_index, dims, mode="raise", order="C"):
    """C order whatever `order` says."""
    return jnp.ravel_multi_index(multi_index, dims, mode=mode, order="C")


def _ravel_in_default_int(multi_index, dims, mode="raise", order="C"):
    """jnp.ravel_multi_index in the default int dtype, as NumPy's intp (in-bounds indices agree)."""
    return jnp.ravel_multi_index(multi_index, dims, mode=mode, order=order).astype(jnp.int_)


RAVEL_ORDER_IGNORED = BrokenNamespace("ravel_multi_index in C order only",
                                      ravel_multi_index=_ravel_order_ignored)
RAVEL_LIKE_NUMPY = BrokenNamespace("ravel_multi_index in the default int",
                                   ravel_multi_index=_ravel_in_default_int)

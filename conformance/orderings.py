"""Canonical forms of results whose order NumPy leaves free (`Case.canonical`): partition and
argpartition promise only that the kth element is the sorted array's kth, everything before it is <= it
and everything after it >= it. Two correct results may differ in order, so equality with NumPy's would
be wrong; instead the runner rewrites each side's result (runner.canonicalized, on NumPy arrays, after
the call, in every mode) with one of these functions:

- a result that has the partition property becomes one fixed answer (the sorted array: its elements in
  a total order, -0.0 before +0.0 and NaNs last, so that the sign of each zero is compared too; for
  argpartition, the stable argsort);
- any other result is left as it is, and can never equal that fixed answer (which has the property).

So JAX agrees with NumPy exactly when its result is a valid partition of the same elements (partition:
the multiset is compared by the sorted form; argpartition: the indices must be a permutation along the
axis). NaN is the largest value, as NumPy sorts it (its sign ignored). A reproducer prints the raw
results; its comment line names the function that compared them.
"""

from __future__ import annotations

import numpy as np


def _kth(kth, n: int) -> int | None:
    """kth as a position along an axis of n elements, None where it is out of range."""
    return kth % n if isinstance(kth, int) and -n <= kth < n else None


def _axis(axis, ndim: int) -> int | None:
    return axis % ndim if isinstance(axis, int) and -ndim <= axis < ndim else None


def _at_most(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """x <= y where NaN is the largest value (any sign)."""
    if x.dtype.kind in "fcV":  # V: bfloat16 (ml_dtypes), compared in float64
        wide = np.complex128 if x.dtype.kind == "c" else np.float64
        x, y = x.astype(wide), y.astype(wide)
        with np.errstate(invalid="ignore"):  # a NaN compared: the isnan term decides
            return (x <= y) | np.isnan(y)
    return x <= y


def is_partitioned(values: np.ndarray, kth: int, axis: int) -> bool:
    """Whether `values` (kth, axis valid) has the partition property along `axis`."""
    v = np.moveaxis(values, axis, -1)
    pivot = v[..., kth:kth + 1]
    return bool(np.all(_at_most(v[..., :kth], pivot)) and np.all(_at_most(pivot, v[..., kth + 1:])))


def total_order(a: np.ndarray, axis: int) -> np.ndarray:
    """The stable argsort of `a` along `axis` in a total order: NaNs last, -0.0 before +0.0."""
    if a.dtype.kind in "fV":
        wide = a.astype(np.float64)
        return np.lexsort((~np.signbit(wide), wide), axis=axis)
    return np.argsort(a, axis=axis, kind="stable")


def partition_canonical(result: np.ndarray, a, kth, axis=-1) -> np.ndarray:
    """np.partition's or jnp.partition's result (of a, kth, axis): the sorted array where it is a valid
    partition, else the result as it is."""
    a = np.asarray(a)
    ax = _axis(axis, result.ndim)
    if result.shape != a.shape or result.dtype != a.dtype or ax is None:
        return result
    k = _kth(kth, result.shape[ax])
    if k is None or not is_partitioned(result, k, ax):
        return result
    return np.take_along_axis(result, total_order(result, ax), axis=ax)


def argpartition_canonical(result: np.ndarray, a, kth, axis=-1) -> np.ndarray:
    """np.argpartition's or jnp.argpartition's indices: the stable argsort of a (in the indices' dtype)
    where they are a permutation along the axis that selects a valid partition, else as they are."""
    a = np.asarray(a)
    ax = _axis(axis, result.ndim)
    if result.shape != a.shape or result.dtype.kind not in "iu" or ax is None:
        return result
    k = _kth(kth, result.shape[ax])
    n = result.shape[ax]
    moved = np.moveaxis(result, ax, -1)
    if k is None or not np.array_equal(np.sort(moved, axis=-1),
                                       np.broadcast_to(np.arange(n), moved.shape)):
        return result
    if not is_partitioned(np.take_along_axis(np.moveaxis(a, ax, -1), moved.astype(np.intp), axis=-1), k, -1):
        return result
    return np.argsort(a, axis=ax, kind="stable").astype(result.dtype)

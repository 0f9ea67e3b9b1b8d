"""NumPy references, with error bounds, for the norms and products of jax.numpy.linalg
(`conformance/registry/norms.py`): norm, vector_norm, matrix_norm, multi_dot, cross.

Each is called like the row's NumPy function (the arrays, then the row's options in order). NumPy's own
call decides the errors, the shape and the dtype; a float result is the same norm computed in long
double (the SVD in float64: NumPy has no long-double SVD) on the same values, rounded to NumPy's result
dtype, with an elementwise bound on `Value.atol` (u: the result dtype's unit roundoff, η its smallest
subnormal, plus `underflow` where JAX flushes subnormals; Higham, Accuracy and Stability of Numerical
Algorithms, §3.1, §4.2, §10):

- a vector p-norm (0 < |p| < inf) is (Σ t_i)^(1/p) with t_i = |x_i|^p over K terms: a sum of
  nonnegative terms, the sums kind (conformance/sums.py). Each term costs c_t·u relative (|x| of a
  complex value 2u, x·conj(x) 3u, x**p up to (4 + 2·|p·ln|x||)·u: pow as exp(p·log x)), the sum 2·K·u
  relative to S = Σ t_i and 2·K·η absolute. S is then known to lie in [S(1 - ε) - a, S(1 + ε) + a]
  (ε = max c_t·u + 2·K·u, a = 2·K·(η + underflow)), and the root of that interval's ends bounds the
  result; the root's own rounding, with 1/p rounded to the dtype, adds (4 + 3·|ln S|/|p|)·u·r.
  ord=0 counts nonzero values (exact), ord=±inf is max/min |x| (exact for real values, 2u for |z|).
  Where a term or the sum may overflow the dtype, a non-finite result is also accepted (or, for p < 0,
  where inf^(1/p) is 0, anything down to 0).
- a matrix norm: 'fro' is the vector 2-norm over both axes; ord=±1 (±inf) the max/min of the column
  (row) sums of |x|, each sum bounded as above; max and min move by at most the largest of the sums'
  bounds. ord=2, -2 and 'nuc' go through an SVD: a backward stable SVD computes the singular values of
  A + E with ||E||_2 <= p(n)·u·||A||_2, and by Weyl's inequality each singular value moves by at most
  ||E||_2; with p(m, n) = c·m·n (c = 4 real, 8 complex, covering the float64 reference's own error; a
  float32 3x3 matrix of int32 extremes measured 23·u·||A||_F off on jax 0.10.2's CPU SVD, past
  c·max(m, n) = 12) and ||A||_F >= ||A||_2: e = c·m·n·u·||A||_F per singular value (2 and -2: e + u·r;
  nuc, a sum of min(m, n) of them: min(m, n)·e + 2·min(m, n)·u·r).
- overflow and underflow: neither library scales a vector or Frobenius norm (NumPy's sqrt(dot(x, x)),
  jnp's sqrt(sum(x·conj(x))), both without a scaling pass): norm([3e38, 4e38]) is inf and the 'fro' norm
  of 1e-30s is 0 in float32 on both sides (measured, numpy 2.4.6, jax 0.10.2), so the bounds above
  accept what the dtype's range makes of the long-double value (a non-finite result where a term or the
  sum may overflow, anything down to 0 where it may underflow: the slack a); both SVDs (LAPACK) scale,
  and give the same finite 2-norm of [[3e38, 0], [0, 1]]. Subnormals are JAX's only difference there
  (flushed: catalogue/norms.py, NORM-FLUSH-SUBNORMALS).
- multi_dot: a chain of matrix products A_1 ... A_n in any order: to first order the errors of the n - 1
  products add, each γ_k of the product of the magnitudes: (c·Σk_i + 1)·u·(|A_1| ... |A_n|) + 2·Σk_i·η,
  k_i the inner sizes (c = 2 real, 4 complex, as matmul's). Where a product of a contiguous part of the
  chain's magnitudes may overflow, the order decides: a non-finite result is also accepted.
- cross: each component is a_j·b_k - a_k·b_j, two products and a difference: (2·c + 1)·u·M + 4·η with M
  bounded by (Σ|a|)·(Σ|b|) over the vector axis (the same for each component of one vector pair).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from conformance.cases.matmul import (
    COMPLEX_CONSTANT,
    REAL_CONSTANT,
    UNIT_ROUNDOFF,
    finite_magnitude,
    largest_finite,
    underflow_unit,
    widened,
)
from conformance.outcome import Value
from conformance.strategies import BFLOAT16, kind_of


def _rounded(reference: np.ndarray, own: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """The long-double `reference` rounded to `dtype` through float64; where both it and NumPy's `own`
    are non-finite, NumPy's own."""
    dtype = np.dtype(dtype)
    narrow = np.complex128 if reference.dtype.kind == "c" else np.float64
    with np.errstate(all="ignore"):
        array = (reference.astype(narrow).astype(dtype) if dtype == BFLOAT16 or dtype.itemsize < 8
                 else reference.astype(dtype))
    return np.where(~np.isfinite(array) & ~np.isfinite(own), own.astype(dtype), array)


def _normalized(axes: tuple, ndim: int) -> tuple[int, ...]:
    return tuple(a % ndim if ndim else a for a in axes)


def _to_last(x: np.ndarray, axes: tuple[int, ...]) -> np.ndarray:
    """x with `axes` moved last and flattened into one (of size 1 for no axes)."""
    rest = [a for a in range(x.ndim) if a not in axes]
    moved = np.transpose(x, (*rest, *axes))
    return moved.reshape(*moved.shape[:len(rest)], -1)


def _plan(name: str, x: np.ndarray, options: dict) -> tuple[str, tuple[int, ...], Any]:
    """("vector", axes, p) or ("matrix", (row, col), ord), as NumPy reads the call (it did not raise)."""
    ndim, ord = x.ndim, options.get("ord")
    if name == "matrix_norm":
        return "matrix", _normalized((-2, -1), ndim), "fro" if ord is None else ord
    axis = options.get("axis")
    if name == "vector_norm":
        axes = tuple(range(ndim)) if axis is None else axis if isinstance(axis, tuple) else (axis,)
        return "vector", _normalized(axes, ndim), 2 if ord is None else ord
    if axis is None:  # norm
        if ord is None:
            return "vector", tuple(range(ndim)), 2
        return ("vector", (0,), ord) if ndim == 1 else ("matrix", (0, 1), ord)
    if isinstance(axis, tuple) and len(axis) == 2:
        return "matrix", _normalized(axis, ndim), "fro" if ord is None else ord
    axes = axis if isinstance(axis, tuple) else (axis,)
    return "vector", _normalized(axes, ndim), 2 if ord is None else ord


@dataclass(frozen=True)
class _Bounded:
    value: np.ndarray  # long double (float64 for SVD norms)
    bound: np.ndarray
    overflow: np.ndarray  # where a non-finite result is also accepted


def _term_cost(p: float, wide: np.ndarray, complex_input: bool) -> np.ndarray:
    """The relative error of one term |x|^p, in units of u."""
    if p == 1:
        return np.asarray(2.0 if complex_input else 0.0)
    if p == 2:
        return np.asarray(3.0 if complex_input else 1.0)
    with np.errstate(all="ignore"):
        logs = np.abs(p * np.log(np.where(wide > 0, wide, 1.0)))
    return 4 + 2 * np.where(np.isfinite(logs), logs, 0) + (2 if complex_input else 0)


def _vector(x: np.ndarray, p: Any, u: float, eta: float, largest: float, complex_input: bool) -> _Bounded:
    """Norms along the last axis of x (long double)."""
    size = np.abs(x)
    k = x.shape[-1]
    if p == 0:
        value = np.sum(x != 0, axis=-1).astype(np.longdouble)
        return _Bounded(value, np.zeros(value.shape), np.zeros(value.shape, bool))
    if p in (np.inf, -np.inf):
        if k == 0:  # NumPy's max with initial 0 (min raised)
            value = np.zeros(size.shape[:-1], np.longdouble)
        else:
            value = np.max(size, axis=-1) if p > 0 else np.min(size, axis=-1)
        bound = (2 * u if complex_input else 0.0) * finite_magnitude(value) + eta
        return _Bounded(value, bound, np.zeros(value.shape, bool))
    p = float(p)
    terms = size**p
    total = np.sum(terms, axis=-1)
    value = total ** (1 / p)
    cost = np.max(np.broadcast_to(_term_cost(p, size, complex_input), size.shape), axis=-1, initial=0)
    epsilon = (cost + 2 * k) * u
    slack = 2 * k * eta
    finite = np.isfinite(total)
    safe = np.where(finite, total, 0)
    low_total, high_total = safe * (1 - epsilon) - slack, safe * (1 + epsilon) + slack
    peak = np.max(np.where(np.isfinite(terms), terms, 0), axis=-1, initial=0)
    overflow = (peak * (1 + epsilon) > largest) | (high_total > largest)
    if p > 0:
        high, low = high_total ** (1 / p), np.maximum(low_total, 0) ** (1 / p)
    else:  # the largest result from the smallest sum; a sum computed as 0 gives inf, one past the
        # largest value (inf) gives 0
        high = np.where(low_total > 0, np.where(low_total > 0, low_total, 1) ** (1 / p), np.inf)
        low = np.where(overflow, 0, high_total ** (1 / p))
        overflow = ~(low_total > 0)
    spread = np.maximum(np.abs(high - value), np.abs(value - low))
    logs = np.abs(np.log(np.where(safe > 0, safe, 1)))
    bound = spread + (4 + 3 * logs / abs(p)) * u * np.abs(value)
    bound = np.where(finite & np.isfinite(value), bound, 0)
    overflow = overflow | (np.abs(value) + bound > largest)  # the result itself may round to inf
    return _Bounded(value, bound, overflow)


def _matrix(x: np.ndarray, ord: Any, u: float, eta: float, largest: float, complex_input: bool) -> _Bounded:
    """Matrix norms of the last two axes of x (long double)."""
    m, n = x.shape[-2], x.shape[-1]
    if ord in ("fro", "f"):
        return _vector(x.reshape(*x.shape[:-2], -1), 2, u, eta, largest, complex_input)
    if ord in (1, -1, np.inf, -np.inf):
        columns = ord in (1, -1)
        # column sums (ord ±1) sum over the rows: along the last axis of the transpose
        slices = np.swapaxes(x, -1, -2) if columns else x
        sums = _vector(slices, 1, u, eta, largest, complex_input)
        pick = np.max if ord in (1, np.inf) else np.min
        count = sums.value.shape[-1]
        if count == 0:
            value = np.zeros(sums.value.shape[:-1], np.longdouble)
            return _Bounded(value, np.zeros(value.shape), np.zeros(value.shape, bool))
        value = pick(sums.value, axis=-1)
        bound = np.max(sums.bound, axis=-1) + u * finite_magnitude(value)
        return _Bounded(value, bound, np.any(sums.overflow, axis=-1))
    # 2, -2, nuc: the SVD, in float64 (complex128)
    narrow = x.astype(np.complex128 if x.dtype.kind == "c" else np.float64)
    batch = narrow.shape[:-2]
    flat = narrow.reshape(-1, m, n)
    values = np.zeros(flat.shape[0])
    finite = np.ones(flat.shape[0], bool)
    for i, matrix in enumerate(flat):
        if not np.isfinite(matrix).all():
            values[i], finite[i] = np.nan, False
            continue
        s = np.linalg.svd(matrix, compute_uv=False) if min(m, n) else np.zeros(0)
        values[i] = (np.max(s, initial=0) if ord == 2 else np.min(s) if ord == -2 and s.size
                     else np.sum(s) if ord == "nuc" else 0.0)
    frobenius = np.sqrt(np.sum(np.abs(flat) ** 2, axis=(-2, -1))) if flat.size else np.zeros(len(flat))
    c = 8 if complex_input else 4
    e = c * m * n * u * frobenius + 2 * m * n * eta
    count = min(m, n)
    bound = (count * e + 2 * count * u * values) if ord == "nuc" else e + u * values
    overflow = np.where(finite, values + bound, 0) > largest
    bound = np.where(finite, bound, 0)
    return _Bounded(values.reshape(batch), bound.reshape(batch), overflow.reshape(batch))


@dataclass(frozen=True)
class BoundedNorm:
    """np.linalg.norm, vector_norm or matrix_norm (`name`), bounded (module docstring)."""

    name: str
    keywords: tuple[str, ...]

    def __call__(self, x: Any, *values: Any, underflow: float = 0.0, result_dtype: Any = None) -> Any:
        options = dict(zip(self.keywords, values, strict=True))
        own = np.asarray(getattr(np.linalg, self.name)(x, **options))  # NumPy's errors, shape and dtype
        if result_dtype is None and kind_of(own.dtype) not in "fc":
            return own
        dtype = np.dtype(result_dtype if result_dtype is not None else own.dtype)
        x = np.asarray(x)
        u, eta, largest = UNIT_ROUNDOFF[dtype.name], underflow_unit(dtype) + underflow, largest_finite(dtype)
        complex_input = kind_of(x.dtype) == "c"
        wide = widened(x.astype(np.float64) if kind_of(x.dtype) in "biu" else x)
        kind, axes, ord = _plan(self.name, x, options)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if kind == "vector":
                found = _vector(_to_last(wide, axes), ord, u, eta, largest, complex_input)
            else:
                row, col = axes
                rest = [a for a in range(x.ndim) if a not in axes]
                found = _matrix(np.transpose(wide, (*rest, row, col)), ord, u, eta, largest, complex_input)
            shape = own.shape
            reference = np.asarray(found.value).reshape(shape)
            array = _rounded(reference, own, dtype)
        overflow = np.asarray(found.overflow).reshape(shape)
        return Value(np.asarray(array), nonfinite=overflow if overflow.any() else None,
                     atol=np.asarray(found.bound, dtype=np.float64).reshape(shape))


def _constants(dtype: np.dtype) -> tuple[float, float, int]:
    return (UNIT_ROUNDOFF[np.dtype(dtype).name], underflow_unit(dtype),
            COMPLEX_CONSTANT if kind_of(dtype) == "c" else REAL_CONSTANT)


@dataclass(frozen=True)
class BoundedChain:
    """np.linalg.multi_dot(arrays), bounded (module docstring)."""

    def __call__(self, arrays: Any, *, underflow: float = 0.0, result_dtype: Any = None) -> Any:
        own = np.asarray(np.linalg.multi_dot(arrays))  # NumPy's errors, shape and dtype
        if result_dtype is None and kind_of(own.dtype) not in "fc":
            return own
        dtype = np.dtype(result_dtype if result_dtype is not None else own.dtype)
        u, eta, c = _constants(dtype)
        eta += underflow
        wide = [widened(np.asarray(a)) for a in arrays]
        sizes = [finite_magnitude(a) for a in wide]
        # the inner sizes: each product's contracted dimension
        k = sum(np.shape(a)[-1] for a in arrays[:-1])
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reference = np.asarray(np.linalg.multi_dot(wide))
            magnitude = np.asarray(np.linalg.multi_dot(sizes), dtype=np.float64)
            bound = (c * k + 1) * u * magnitude + 2 * k * eta
            peaks = [np.max(np.linalg.multi_dot(sizes[i:j]) if j - i > 1 else sizes[i], initial=0)
                     for i in range(len(sizes)) for j in range(i + 1, len(sizes) + 1)]
            may_overflow = float(max(peaks)) * (1 + c * k * u) > largest_finite(dtype)
            array = _rounded(reference, own, dtype)
        nonfinite = np.full(np.shape(array), may_overflow)
        return Value(np.asarray(array), nonfinite=nonfinite if may_overflow else None,
                     atol=np.broadcast_to(np.asarray(bound, dtype=np.float64), np.shape(array)))


@dataclass(frozen=True)
class BoundedCross:
    """np.cross (or np.linalg.cross) of a and b with the row's keyword options, bounded (module docstring)."""

    fn: Callable[..., Any]
    keywords: tuple[str, ...]

    def __call__(self, a: Any, b: Any, *values: Any, underflow: float = 0.0, result_dtype: Any = None) -> Any:
        options = dict(zip(self.keywords, values, strict=True))
        with warnings.catch_warnings():  # 2-vectors: NumPy's DeprecationWarning, once per call
            warnings.simplefilter("ignore", DeprecationWarning)
            own = np.asarray(self.fn(a, b, **options))  # NumPy's errors, shape and dtype
        if result_dtype is None and kind_of(own.dtype) not in "fc":
            return own
        dtype = np.dtype(result_dtype if result_dtype is not None else own.dtype)
        u, eta, c = _constants(dtype)
        eta += underflow
        a, b = np.asarray(a), np.asarray(b)
        axis = options.get("axis")
        axisa = axis if axis is not None else options.get("axisa", -1)
        axisb = axis if axis is not None else options.get("axisb", -1)
        axisc = axis if axis is not None else options.get("axisc", -1)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reference = np.asarray(self.fn(widened(a), widened(b), **options))
            sa = np.sum(finite_magnitude(widened(a)), axis=axisa)
            sb = np.sum(finite_magnitude(widened(b)), axis=axisb)
            magnitude = np.asarray(sa * sb, dtype=np.float64)
            if own.ndim > magnitude.ndim:  # the component axis, where axisc puts it
                magnitude = np.expand_dims(magnitude, axisc % own.ndim)
            magnitude = np.broadcast_to(magnitude, own.shape)
            bound = (2 * c + 1) * u * magnitude + 4 * eta
            may_overflow = magnitude * (1 + 2 * c * u) > largest_finite(dtype)
            array = _rounded(reference, own, dtype)
        return Value(np.asarray(array), nonfinite=may_overflow if may_overflow.any() else None,
                     atol=np.asarray(bound, dtype=np.float64))

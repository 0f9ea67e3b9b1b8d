"""NumPy references, with error bounds, for convolve, correlate, trapezoid, gradient, cov and corrcoef
(`conformance/registry/signals.py`).

Each is called like the row's NumPy function (the arrays, then the row's options in order). NumPy's own
call decides the errors, the shape and the dtype; integer and bool results are NumPy's own, compared
exactly. A float or complex result is the same call computed in long double on the same values, rounded
to NumPy's result dtype, with an elementwise bound on `Value.atol` (u: the result dtype's unit roundoff,
η its smallest subnormal; c = 2 for real and 4 for complex results, as matmul's and sums.py's):

- convolve, correlate: each element a sum of k products (k: the same call on arrays of ones), as a
  matmul's element (Higham §3.1): (c·k + 1)·u·(|a| ⊛ |v|) + 2·k·η, ⊛ the same call on the magnitudes.
- trapezoid: Σ d_i·(y_i + y_i+1)/2 over n elements along the axis (d: dx, or the differences of x; the
  pairs added in y's own dtype for bool and integer y, as NumPy adds them): n - 1 sums of terms of one
  addition, one product and a halving each: (c·n + 4)·u·T + 4·n·η·D, T = Σ |d_i|·(|y_i| + |y_i+1|)/2, or
  without x, where jnp sums the slice first, dx·Σ|y_i| if larger; D = max(1, max |d|).
- gradient: each element (f_i+1 - f_i-1)/(2h), or at the edges a one-sided difference of two (edge_order
  1) or three values (edge_order 2, coefficients 3/2, 2, 1/2: their magnitudes sum to 4): at most
  8·u·M/h + 2·u·|g| + 2·η, M the largest finite |f| along the axis of the difference (one slab
  per result), h the spacing.

`underflow`: the absolute error each step may make besides rounding where JAX flushes subnormals (the
smallest normal: catalogue/signals.py), scaled as η is (times the other factor's magnitude for a
product). `result_dtype`: the dtype JAX computes in, where it is not NumPy's (x64 off; integers made
inexact). Where a magnitude may overflow the result dtype, the order of the operations decides whether
a partial result does: a non-finite value is also accepted there (`Value.nonfinite`).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ml_dtypes
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
from conformance.environment import x64_enabled
from conformance.outcome import Value
from conformance.strategies import BFLOAT16, kind_of


def _rounded(reference: np.ndarray, own: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """The long-double `reference` rounded to `dtype` (through float64: NumPy's long double converts to
    the narrow types through it anyway); where both it and NumPy's `own` are non-finite, NumPy's own."""
    dtype = np.dtype(dtype)
    narrow = np.complex128 if reference.dtype.kind == "c" else np.float64
    array = (reference.astype(narrow).astype(dtype) if dtype == BFLOAT16 or dtype.itemsize < 8
             else reference.astype(dtype))
    return np.where(~np.isfinite(array) & ~np.isfinite(own), own.astype(dtype), array)


_32_BITS = {"float64": np.float32, "complex128": np.complex64}


def _arithmetic(dtype: np.dtype) -> np.dtype:
    """The dtype JAX computes a result of NumPy's `dtype` in: itself, or with x64 off its 32-bit
    counterpart (the result's dtype is the catalogue's: DTYPE-X64-OFF-32BIT; its bound is this one's)."""
    dtype = np.dtype(dtype)
    return np.dtype(_32_BITS.get(dtype.name, dtype)) if not x64_enabled() else dtype


def _constants(dtype: np.dtype) -> tuple[float, float, float]:
    dtype = _arithmetic(dtype)
    return (UNIT_ROUNDOFF[np.dtype(dtype).name], underflow_unit(dtype),
            COMPLEX_CONSTANT if kind_of(dtype) == "c" else REAL_CONSTANT)


@dataclass(frozen=True)
class BoundedConvolution:
    """np.convolve or np.correlate(a, v, mode), bounded (module docstring)."""

    fn: Callable[..., Any]

    def __call__(self, a: Any, v: Any, mode: str, *, underflow: float = 0.0, result_dtype: Any = None) -> Any:
        own = np.asarray(self.fn(a, v, mode=mode))  # NumPy's errors, shape and dtype
        if result_dtype is None and kind_of(own.dtype) not in "fc":
            return own
        dtype = np.dtype(result_dtype if result_dtype is not None else own.dtype)
        u, eta, c = _constants(dtype)
        wide_a, wide_v = widened(a), widened(v)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reference = np.asarray(self.fn(wide_a, wide_v, mode=mode))
            size_a, size_v = finite_magnitude(wide_a), finite_magnitude(wide_v)
            ones_a, ones_v = np.ones(np.shape(size_a)), np.ones(np.shape(size_v))
            magnitude = np.asarray(self.fn(size_a, size_v, mode=mode), dtype=np.float64)
            k = np.asarray(self.fn(ones_a, ones_v, mode=mode), dtype=np.float64)
            bound = (c * k + 1) * u * magnitude + 2 * k * eta
            if underflow:  # a flushed factor costs the other factor's magnitude; a flushed product or sum
                others = (np.asarray(self.fn(ones_a, size_v, mode=mode), dtype=np.float64)
                          + np.asarray(self.fn(size_a, ones_v, mode=mode), dtype=np.float64))
                bound = bound + underflow * (others + 2 * k)
            may_overflow = magnitude * (1 + c * k * u) > largest_finite(_arithmetic(dtype))
            array = _rounded(reference, own, dtype)
        return Value(np.asarray(array), nonfinite=may_overflow if may_overflow.any() else None,
                     atol=np.asarray(bound, dtype=np.float64))


def _pairs(y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """y[i] + y[i+1] along the last axis as NumPy adds them (in y's own dtype for bool and integer y:
    integers wrap around, bools or; exactly, in long double, for float and complex y), and the magnitude
    its rounding is relative to (|y[i]| + |y[i+1]|; a bool or integer pair is exact, its own)."""
    if kind_of(y.dtype) in "biu":
        with np.errstate(all="ignore"):
            pairs = widened(y[..., 1:] + y[..., :-1])
        return pairs, finite_magnitude(pairs)
    wide = widened(y)
    size = finite_magnitude(wide)
    return wide[..., 1:] + wide[..., :-1], size[..., 1:] + size[..., :-1]


@dataclass(frozen=True)
class BoundedTrapezoid:
    """np.trapezoid(y, x=x, dx=dx, axis=axis), bounded (module docstring)."""

    def __call__(self, y: Any, x: Any, dx: Any, axis: Any, *, underflow: float = 0.0,
                 result_dtype: Any = None) -> Any:
        own = np.asarray(np.trapezoid(y, x=x, dx=dx, axis=axis))  # NumPy's errors, shape and dtype
        if result_dtype is None and kind_of(own.dtype) not in "fc":
            return own
        dtype = np.dtype(result_dtype if result_dtype is not None else own.dtype)
        u, eta, c = _constants(dtype)
        y = np.moveaxis(np.asarray(y), axis, -1)
        d = (np.longdouble(dx) if x is None
             else np.diff(widened(np.moveaxis(np.asarray(x), axis, -1)), axis=-1))
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pairs, sizes = _pairs(y)
            reference = np.asarray((d * pairs / 2).sum(-1))
            # jnp's fast path (x=None) sums the whole slice, then subtracts the ends' halves: its
            # partial sums are at most dx times the sum of the magnitudes
            magnitude = np.asarray((np.abs(d) * sizes / 2).sum(-1), dtype=np.float64)
            if x is None:
                magnitude = np.maximum(magnitude, abs(dx) * finite_magnitude(widened(y)).sum(-1)
                                       .astype(np.float64))
            n = y.shape[-1]
            scale = max(1.0, float(np.max(np.abs(d), initial=0)))
            bound = (c * n + 4) * u * magnitude + 4 * n * (eta + underflow) * scale
            may_overflow = 2 * magnitude * (1 + c * n * u) > largest_finite(_arithmetic(dtype))
            array = _rounded(reference, own, dtype)
        return Value(np.asarray(array), nonfinite=may_overflow if may_overflow.any() else None,
                     atol=np.asarray(bound, dtype=np.float64))


@dataclass(frozen=True)
class BoundedGradient:
    """np.gradient(f, *spacing, axis=axis[, edge_order=edge_order]), bounded (module docstring)."""

    def __call__(self, f: Any, spacing: tuple, axis: Any, edge_order: Any, *, underflow: float = 0.0,
                 result_dtype: Any = None) -> Any:
        options = {"axis": axis, **({"edge_order": edge_order} if edge_order is not None else {})}
        own = np.gradient(f, *spacing, **options)
        many = isinstance(own, (tuple, list))
        owns = [np.asarray(g) for g in (own if many else (own,))]
        if result_dtype is None and all(kind_of(g.dtype) not in "fc" for g in owns):
            return own
        f = np.asarray(f)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wide = widened(f.astype(np.float64) if kind_of(f.dtype) in "biu" else f)
            references = np.gradient(wide, *spacing, **options)
            references = references if many else (references,)
            axes = range(f.ndim) if axis is None else (axis,) if np.ndim(axis) == 0 else axis
            h = abs(float(spacing[0])) if spacing else 1.0
            out = []
            for g, reference, along in zip(owns, references, axes, strict=True):
                dtype = np.dtype(result_dtype if result_dtype is not None else g.dtype)
                u, eta, _ = _constants(dtype)
                largest = np.max(finite_magnitude(wide), axis=along, keepdims=True, initial=0)
                reference = np.asarray(reference)
                bound = (8 * u * largest / h + 2 * u * np.abs(finite_magnitude(reference))
                         + 2 * eta + 4 * underflow / min(h, 1.0))
                may_overflow = 4 * largest / h > largest_finite(_arithmetic(dtype))
                may_overflow = np.broadcast_to(may_overflow, reference.shape)
                out.append(Value(np.asarray(_rounded(reference, g, dtype)),
                                 nonfinite=may_overflow if may_overflow.any() else None,
                                 atol=np.broadcast_to(np.asarray(bound, dtype=np.float64), reference.shape)))
        return tuple(out) if many else out[0]


@dataclass(frozen=True)
class BoundedCovariance:
    """np.cov(m, rowvar=, bias=, ddof=) or np.corrcoef(x, rowvar=), bounded.

    Both libraries take the mean of each variable's N observations, the deviations from it and their
    products' sums (a matrix product), divided by N - ddof (Higham §1.9, as var's two-pass bound,
    conformance/sums.py BoundedVariance): with M_i the mean of |x_i|, the computed mean is off by
    δ_i <= (c·N + 1)·u·M_i + 2·(η + underflow); with A = |x - mean| + δ (each deviation's magnitude and
    its error), the sum of products is off by at most (c·N + 6)·u·(A·Aᴴ) + N·δ_i·δ_j + 2·N·(η +
    underflow)·(1 + max A), then the division and the rounding of the reference add u·|c| each.
    corrcoef = c_ij / sqrt(c_ii·c_jj): with Δ the covariance bound, off by at most Δ_ij / sqrt(c_ii·c_jj)
    + |r_ij|·(Δ_ii / c_ii + Δ_jj / c_jj) / 2 + 4·u·|r_ij|. Where a variance is within its bound of zero
    the quotient is 0/0 up to rounding: there any value in [-1, 1] (both libraries clip) or a NaN agrees.
    Where N - ddof < 0 the result is NumPy's own (inf or NaN). Where N - ddof = 0 both divide the sums
    of products by zero: ±inf where a sum's sign is determined (it is further from zero than its
    bound, XLA's flushing of subnormal deviations and products included: 2·N·tiny·(1 + max A), tiny the
    smallest normal), NumPy's own; where a sum is within that bound of zero, its computed value may be
    zero (in a float32 sum, products of deviations below 1e-38 underflow or are flushed where NumPy's
    float64 ones are not), and where it may overflow, NaN (inf - inf) or an infinity of either sign:
    any non-finite value agrees there. A variable whose sum (for its mean) may overflow has non-finite
    deviations: every covariance with it may be non-finite (any N - ddof).
    """

    fn: Callable[..., Any]  # np.cov or np.corrcoef
    keywords: tuple[str, ...]

    def __call__(self, m: Any, *values: Any, underflow: float = 0.0, result_dtype: Any = None) -> Any:
        options = dict(zip(self.keywords, values, strict=True))
        with warnings.catch_warnings():  # a catalogue model's call (result_dtype): NumPy's warned already
            if result_dtype is not None:
                warnings.simplefilter("ignore")
            own = np.asarray(self.fn(m, **options))  # NumPy's errors, shape and dtype
        dtype = np.dtype(result_dtype if result_dtype is not None else own.dtype)
        if own.size == 0:
            return own if result_dtype is None else own.astype(dtype)
        u, eta, c = _constants(dtype)
        eta = eta + underflow
        m = np.asarray(m)
        x = np.atleast_2d(widened(m.astype(np.float64) if kind_of(m.dtype) in "biu" else m))
        if not options.get("rowvar", True) and m.ndim != 1:
            x = x.T
        n = x.shape[1]
        ddof = options.get("ddof")
        ddof = (0 if options.get("bias") else 1) if ddof is None else ddof
        freedom = n - ddof
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reference = np.asarray(self.fn(x, **{**options, "rowvar": True}))
            finite = finite_magnitude(x)
            delta = (c * n + 1) * u * finite.mean(axis=1) + 2 * eta
            deviations = finite_magnitude(x - x.mean(axis=1, keepdims=True)) + delta[:, None]
            products = np.asarray(deviations @ deviations.T, dtype=np.float64)
            largest = float(np.max(deviations, initial=0))
            error = (((c * n + 6) * u * products + n * np.outer(delta, delta) + 2 * n * eta * (1 + largest))
                     / max(freedom, 1))
            if self.fn is np.cov:
                bound = error + u * np.abs(reference.astype(np.complex128 if reference.dtype.kind == "c"
                                                            else np.float64))
                # a product, or a variable's sum for its mean (then all its deviations), may overflow
                summed = finite.sum(axis=1) * (1 + c * n * u) > largest_finite(_arithmetic(dtype))
                may_overflow = np.asarray((products > largest_finite(_arithmetic(dtype)) / 2)
                                          | summed[:, None] | summed[None, :])
                nonfinite = may_overflow
            else:
                variances = np.abs(np.diagonal(np.atleast_2d(np.asarray(
                    np.cov(x, ddof=ddof), dtype=np.complex128 if x.dtype.kind == "c" else np.float64))))
                ratio = np.abs(reference.astype(np.complex128))
                with np.errstate(all="ignore"):
                    scale = np.sqrt(np.outer(variances, variances))
                    relative = np.diagonal(error) / variances
                    bound = (error / scale + ratio * (relative[:, None] + relative[None, :]) / 2
                             + 4 * u * ratio)
                # a variance within its bound of zero: 0/0 up to rounding
                undetermined = np.isfinite(variances) & ~(variances > np.diagonal(error))
                undetermined = undetermined[:, None] | undetermined[None, :]
                undetermined = undetermined.reshape(np.shape(reference)) if reference.ndim == 0 \
                    else undetermined
                bound = np.where(undetermined | ~np.isfinite(bound), 0.0, bound)
                nonfinite = undetermined | np.asarray(products > largest_finite(_arithmetic(dtype)) / 2)
                reference = np.where(undetermined, 0, reference)
                bound = np.where(undetermined, 1.5, bound)
            bound = np.where(freedom > 0, bound, 0.0).reshape(np.shape(reference))
            nonfinite = np.asarray(nonfinite).reshape(np.shape(reference)) & (freedom > 0)
            if self.fn is np.cov and freedom == 0:  # sums / 0: a sum within its bound of zero may be 0
                centred = x - x.mean(axis=1, keepdims=True)
                sums = np.abs(np.asarray(centred @ centred.conj().T).astype(np.complex128))
                # compiled, XLA flushes subnormal deviations and products (FTZ) whatever the inputs
                flushed = 2 * n * float(ml_dtypes.finfo(_arithmetic(dtype)).tiny) * (1 + largest)
                nonfinite = (~(sums > error + flushed) | may_overflow).reshape(np.shape(reference))
            array = _rounded(np.asarray(reference), own, dtype)
        return Value(np.asarray(array), nonfinite=nonfinite if nonfinite.any() else None,
                     atol=np.asarray(bound, dtype=np.float64))

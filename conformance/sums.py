"""NumPy references for sums, products and means whose rounding error grows with the number of terms.

`BoundedReduction(fn, counter)` is called like NumPy's function (the arrays, then the row's options by
keyword). NumPy's own call decides the errors, the shape and the dtype; integer and bool results are
NumPy's own, compared exactly. A float or complex result is the same call computed in long double on
the same values, rounded to NumPy's result dtype, with an elementwise bound (as matmul's,
conformance/cases/matmul.py), on `Value.atol`:

    |R - round(R_ref)| <= (c·k + 1)·u·F(|a|) + 2·k·η

k is the number of terms that meet in each element (`counter`: the same reduction of an array of ones,
so that axis, keepdims, initial and include_initial count as they do in the function), F(|a|) the same
function of the absolute values of the finite elements (a sum of magnitudes, or the magnitude of a
product or a mean), u the unit roundoff of the result dtype, c = 2 for real and 4 for complex results,
η its smallest subnormal (Higham, Accuracy and Stability of Numerical Algorithms, §3.1, §4.2). Where
F(|a|) may overflow, the order of the terms decides whether a partial result overflows: a non-finite
value is also accepted there (`Value.nonfinite`).
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
from conformance.outcome import Value
from conformance.strategies import BFLOAT16, kind_of

# Options that do not change the arithmetic, dropped from the long-double computation (dtype= would
# round it) and from the count of terms.
_ACCUMULATOR = ("dtype",)


def count_reduced(a: Any, **options: Any) -> np.ndarray:
    """The number of terms in each element of a reduction (sum, prod, mean) of `a`: a sum of ones,
    and one more where `initial` is given."""
    extra = 0 if options.get("initial") is None else 1
    axis, keepdims = options.get("axis"), options.get("keepdims", False)
    return np.sum(np.ones(np.shape(a)), axis=axis, keepdims=keepdims) + extra


def count_accumulated(a: Any, **options: Any) -> np.ndarray:
    """The number of terms in each element of a cumulative sum or product along `axis`."""
    ones = np.ones(np.shape(a)) if np.ndim(a) else np.ones(1)
    axis = options.get("axis")
    counts = np.cumsum(ones.reshape(-1) if axis is None else ones, axis=0 if axis is None else axis)
    if options.get("include_initial"):
        axis = 0 if axis is None else axis
        counts = np.concatenate([np.zeros_like(np.take(counts, [0], axis=axis)), counts], axis=axis)
    return counts


def count_present(a: Any, **options: Any) -> np.ndarray:
    """The number of terms in each element of a NaN-ignoring reduction (nanvar, nanstd): the non-NaN
    values of each slice (a complex value with a NaN part is a NaN)."""
    present = ~np.isnan(widened(a))
    return np.sum(present, axis=options.get("axis"), keepdims=options.get("keepdims", False))


def count_diagonal(a: Any, **options: Any) -> np.ndarray:
    """The number of terms in each element of trace: the length of the diagonal (offset, axis1, axis2)."""
    return np.asarray(np.trace(np.ones(np.shape(a)), **options))


def nan_ignoring(fn: Callable[..., Any]) -> Callable[..., Any]:
    """NumPy's nan* function `fn`, also ignoring the NaNs of a bfloat16 array: NumPy replaces NaNs only
    in its own inexact types (np.nansum(bfloat16 [1, nan]) is nan, ml_dtypes' bfloat16 is not an
    np.inexact), so a bfloat16 array is computed in float32 and the result given NumPy's dtype."""
    def ignoring(a: Any, **options: Any) -> Any:
        if np.asarray(a).dtype != BFLOAT16:
            return fn(a, **options)
        dtype = np.asarray(fn(a, **options)).dtype  # NumPy's errors, shape and dtype
        with np.errstate(all="ignore"), warnings.catch_warnings():  # the first call warned
            warnings.simplefilter("ignore")
            return np.asarray(fn(np.asarray(a).astype(np.float32), **options)).astype(dtype)
    ignoring.__name__ = fn.__name__
    return ignoring


@dataclass(frozen=True)
class BoundedReduction:
    """The NumPy reference of a sum, product, mean or their cumulative forms (module docstring)."""

    fn: Callable[..., Any]  # NumPy's function
    counter: Callable[..., np.ndarray]  # the number of terms per element of the result
    keywords: tuple[str, ...]  # the row's options, in order
    # a product: an error made at one step is multiplied by the later factors (the underflow slack)
    multiplicative: bool = False
    # a mean: the partial results are the sum's, k times the mean's magnitude (where they may overflow)
    divides: bool = False

    def options(self, values: tuple) -> dict[str, Any]:
        options = dict(zip(self.keywords, values, strict=True))
        if options.get("initial", 0) is None:  # jnp's default; NumPy's None would mean no identity
            del options["initial"]
        return options

    def __call__(self, a: Any, *values: Any, underflow: float = 0.0, result_dtype: Any = None) -> Any:
        """NumPy's result, bounded; catalogue models ask for `underflow`, the absolute error each step
        may make besides rounding (the smallest normal where JAX flushes subnormals), and another
        `result_dtype` (the 32-bit one JAX computes in with x64 off)."""
        options = self.options(values)
        result = np.asarray(self.fn(a, **options))  # NumPy's errors, shape and dtype
        if kind_of(result.dtype) not in "fc":
            return result
        if result_dtype is not None:
            result = result.astype(result_dtype)
        return self.bounded(a, options, result, underflow)

    def bounded(self, a: Any, options: dict[str, Any], own: np.ndarray, underflow: float = 0.0) -> Value:
        result_dtype = own.dtype
        wide_options = {k: v for k, v in options.items() if k not in _ACCUMULATOR}
        a = np.asarray(a)
        if options.get("dtype") is not None:  # each element is converted to the accumulator first
            with np.errstate(all="ignore"):
                a = a.astype(result_dtype) if kind_of(a.dtype) != "c" or kind_of(result_dtype) == "c" \
                    else a.real.astype(result_dtype)
        wide = widened(a)
        if kind_of(result_dtype) != "c":  # a real accumulator of complex input reads the real part
            wide = wide.real
        # NumPy's own call warned (an empty slice's mean): the long-double calls' warnings are repeats
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reference = np.asarray(self.fn(wide, **wide_options))
            magnitude = np.abs(np.asarray(self.fn(finite_magnitude(wide), **wide_options)))
            k = np.asarray(self.counter(a, **wide_options), dtype=np.float64)
            u = UNIT_ROUNDOFF[np.dtype(result_dtype).name]
            c = COMPLEX_CONSTANT if kind_of(result_dtype) == "c" else REAL_CONSTANT
            bound = (c * k + 1) * u * magnitude + 2 * k * underflow_unit(result_dtype)
            if underflow:
                growth = (np.abs(np.asarray(self.fn(np.maximum(finite_magnitude(wide), 1), **wide_options)))
                          if self.multiplicative else 1.0)
                bound = bound + 2 * k * underflow * growth
            peak = magnitude * k if self.divides else magnitude
            if self.multiplicative:  # a partial product, in any order, is at most that of the factors > 1
                peak = np.abs(np.asarray(self.fn(np.maximum(finite_magnitude(wide), 1), **wide_options)))
            may_overflow = peak * (1 + c * k * u) > largest_finite(result_dtype)
            narrow = np.complex128 if reference.dtype.kind == "c" else np.float64
            result_dtype = np.dtype(result_dtype)
            array = (reference.astype(narrow).astype(result_dtype)
                     if result_dtype == BFLOAT16 or result_dtype.itemsize < 8
                     else reference.astype(result_dtype))
            # where both are non-finite, NumPy's own: a complex product of the long-double values
            # (1+0j) * (-inf+0j) makes a NaN part that NumPy's single element does not have
            array = np.where(~np.isfinite(array) & ~np.isfinite(own), own, array)
        return Value(np.asarray(array), nonfinite=may_overflow if may_overflow.any() else None,
                     atol=np.asarray(bound, dtype=np.float64))


@dataclass(frozen=True)
class BoundedVariance:
    """The NumPy reference of var and std (ddof, axis, keepdims), called as BoundedReduction is.

    The bound (Higham §1.9, the two-pass algorithm NumPy and jnp both use): with n terms per slice, M the
    mean of |x| and S = Σ(x - m)² the exact sum of squared deviations,
    - the computed mean m̂ = m + δ, |δ| <= (c·n + 1)·u·M + 2·(η + underflow) (the sum's bound, over n);
    - Σ(x - m̂)² = S + n·δ² exactly (the cross term Σ(x - m)·δ is 0): the mean's error enters squared;
    - each deviation, its square (a complex |d|²: two squares and a sum) costs at most 4u relative, the
      sum of the n nonnegative squares c·n·u, the division by n - ddof and the rounding of the reference
      u each, and each step an absolute η (+ underflow, where JAX flushes):
      |var̂ - var| <= ((c·n + 6)·u·(S + n·δ²) + n·δ² + 2·n·(η + underflow)) / (n - ddof).
    std = sqrt(var): |sqrt(v̂) - sqrt(v)| <= min(Δ / (2·sqrt(v)), sqrt(Δ)) for a var error Δ, plus u·std
    for the square root's rounding. Where n - ddof <= 0 the result is NumPy's own (inf or NaN). Squares
    past the largest finite value (n·(2·max|x|)²) may overflow in either order: non-finite accepted there.
    """

    fn: Callable[..., Any]  # np.var or np.std (nan_ignoring(np.nanvar), nan_ignoring(np.nanstd))
    keywords: tuple[str, ...]
    # n: the terms per slice; a NaN-ignoring function's are the non-NaN values (count_present), whose
    # mean magnitude M and sum of squared deviations S the bound reads
    counter: Callable[..., np.ndarray] = count_reduced

    def __call__(self, a: Any, *values: Any, underflow: float = 0.0, result_dtype: Any = None) -> Any:
        options = dict(zip(self.keywords, values, strict=True))
        own = np.asarray(self.fn(a, **options))  # NumPy's errors, shape and dtype
        if result_dtype is not None:
            own = own.astype(result_dtype)
        dtype = own.dtype
        axis, keepdims, ddof = options.get("axis"), options.get("keepdims", False), options.get("ddof", 0)
        wide = widened(np.asarray(a))
        with np.errstate(all="ignore"), warnings.catch_warnings():  # NumPy's own call warned
            warnings.simplefilter("ignore")
            reference = np.asarray(self.fn(wide, **options))
            finite = finite_magnitude(wide)
            n = np.asarray(self.counter(wide, axis=axis, keepdims=keepdims), dtype=np.float64)
            ignores_nan = self.counter is count_present
            u = UNIT_ROUNDOFF[np.dtype(dtype).name]
            c = COMPLEX_CONSTANT if kind_of(np.asarray(a).dtype) == "c" else REAL_CONSTANT
            eta = underflow_unit(dtype) + underflow
            mean_magnitude = np.asarray(np.sum(finite, axis=axis, keepdims=keepdims),
                                        dtype=np.float64) / np.maximum(n, 1)
            delta = (c * n + 1) * u * mean_magnitude + 2 * eta
            variance = (np.nanvar if ignores_nan else np.var)(wide, axis=axis, keepdims=keepdims)
            squares = np.where(n > 0, np.asarray(variance * n, dtype=np.float64).real, 0.0)  # n = 0: none
            shifted = squares + n * delta**2
            freedom = np.maximum(n - ddof, 1)
            variance_error = ((c * n + 6) * u * shifted + n * delta**2 + 2 * n * eta) / freedom
            bound = variance_error
            if self.fn.__name__ in ("std", "nanstd"):
                std = np.abs(np.asarray(reference, dtype=np.float64))
                bound = (np.minimum(variance_error / np.maximum(2 * std, np.finfo(np.float64).tiny),
                                    np.sqrt(variance_error)) + u * std)
            bound = np.where(n - ddof > 0, bound, 0.0)
            largest = np.asarray(np.max(finite, axis=axis, keepdims=keepdims, initial=0), dtype=np.float64)
            may_overflow = n * (2 * largest) ** 2 * (1 + c * n * u) > largest_finite(dtype)
            array = reference.astype(np.float64).astype(dtype)
            array = np.where(~np.isfinite(array) & ~np.isfinite(own), own, array)
        return Value(np.asarray(array), nonfinite=may_overflow if may_overflow.any() else None,
                     atol=np.asarray(bound, dtype=np.float64))


def bounded_average(a: Any, weights: Any, axis: Any = None, keepdims: bool = False,
                    returned: bool = False, *, dtype: Any = None) -> Any:
    """The NumPy reference of a weighted average, np.average(a, axis, weights, returned, keepdims).

    NumPy's own call decides the errors, shapes and dtypes. The weighted sum N = Σ w·a and the sum of
    weights D = Σ w each carry a sum's bound (module docstring; one more rounding for each product w·a):
    |δN| <= (c·k + 2)·u·Σ|w·a|, |δD| <= (c·k + 1)·u·Σ|w|, each plus 2·k·(η + ν), where ν, the smallest
    normal, pays for XLA's CPU kernels flushing subnormal terms (NUM-SUBNORMAL-FLUSH); the quotient
    R = N / D then errs by at most (|δN| + |R|·|δD|) / |D| + u·|R| (first order). `returned`: (R, D),
    D broadcast to R's shape, each bounded. Sums past the largest finite value: non-finite accepted.
    `dtype` (a catalogue model): the result computed as jnp.average does, in that dtype, without NumPy's
    refusal of a zero sum of weights (N / 0 there: an infinity, or NaN).
    """
    own = None
    if dtype is None:
        own = np.average(a, axis=axis, weights=weights, keepdims=keepdims, returned=returned)
        dtype = np.asarray(own[0] if returned else own).dtype
        if kind_of(dtype) not in "fc":
            return own
    dtype = np.dtype(dtype)
    wide = widened(a)
    wide_weights = np.broadcast_to(widened(weights), wide.shape)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        total = np.asarray(np.sum(wide_weights, axis=axis, keepdims=keepdims))
        reference = np.asarray(np.sum(wide * wide_weights, axis=axis, keepdims=keepdims) / total)
        total = np.broadcast_to(total, reference.shape)
        k = np.asarray(count_reduced(wide, axis=axis, keepdims=keepdims), dtype=np.float64)
        u = UNIT_ROUNDOFF[dtype.name]
        c = COMPLEX_CONSTANT if kind_of(dtype) == "c" else REAL_CONSTANT
        slack = 2 * k * (underflow_unit(dtype) + float(ml_dtypes.finfo(dtype).smallest_normal))
        products = np.asarray(np.sum(finite_magnitude(wide * wide_weights), axis=axis, keepdims=keepdims),
                              dtype=np.float64)
        magnitudes = np.asarray(np.sum(finite_magnitude(wide_weights), axis=axis, keepdims=keepdims),
                                dtype=np.float64)
        total_error = (c * k + 1) * u * magnitudes + slack
        size = np.abs(np.asarray(reference, dtype=np.complex128))
        bound = ((c * k + 2) * u * products + slack + size * total_error) / np.abs(
            np.asarray(total, dtype=np.complex128)) + u * size
        may_overflow = np.maximum(products, magnitudes) * (1 + c * k * u) > largest_finite(dtype)
        outputs = ((reference, own[0] if returned else own, bound), (total, own[1], total_error)) \
            if returned and own is not None else ((reference, own, bound), (total, None, total_error))
        values = []
        for exact, mine, error in outputs[:2 if returned else 1]:
            narrow = np.complex128 if exact.dtype.kind == "c" else np.float64
            array = np.asarray(exact.astype(narrow).astype(dtype))
            if mine is not None:  # where both are non-finite, NumPy's own
                array = np.where(~np.isfinite(array) & ~np.isfinite(mine), mine, array)
            overflow = np.broadcast_to(may_overflow, array.shape)
            atol = np.broadcast_to(np.asarray(error, dtype=np.float64), array.shape).copy()
            values.append(Value(np.asarray(array), nonfinite=overflow if overflow.any() else None, atol=atol))
    return tuple(values) if returned else values[0]

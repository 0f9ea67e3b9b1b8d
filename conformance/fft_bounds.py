"""NumPy references, with error bounds, for the transforms of jax.numpy.fft (`conformance/registry/fft.py`).

Each is called like the row's NumPy function (the array, then the row's options by keyword). NumPy's own
call decides the errors, the shape and the dtype. The values are the same call computed in long double
(NumPy's pocketfft has long-double kernels: ~11 more bits than float64), rounded to NumPy's result
dtype,
with an elementwise bound on `Value.atol`. The bound (u: the result dtype's unit roundoff, or, with x64
off, its 32-bit counterpart's, the dtype JAX computes in; η: its smallest subnormal):

    |y_k - round(y_ref,k)| <= 8·(L + 2)·u·S + u·|y_ref,k| + 2·N·(L + 1)·η

- S: the scaled 1-norm of the values the element sums, Σ(|Re x_j| + |Im x_j|) (>= Σ|x_j|; finite
  parts only) over the transformed axes (after `n`/`s` cropped or padded them; for irfft, hfft and
  their 2-d and n-d forms the Hermitian extension, each interior term counted twice), times the
  norm's factor (1, 1/n or 1/√n). It is computed as the same
  call on |x| read at the zero frequency: a transform of non-negative values peaks there, with every
  twiddle factor 1.
- L: the number of radix-2 stages, Σ ⌈log2 m_i⌉ over the transformed axes, m_i the larger of the axis'
  input and output lengths, plus 1 for the real transforms (their logical length is up to twice the
  half-spectrum's).
- Why componentwise in S (not normwise): a Cooley-Tukey stage forms each intermediate value as a
  butterfly a + w·b of two values computed from disjoint sets of inputs, so after s stages an
  intermediate's error is at most s·η'·(the 1-norm of its inputs), with η' the error of one butterfly
  relative to its operands' magnitudes: a complex product by a computed twiddle (error μ <= u) and an
  addition, η' = μ + γ4·(√2 + μ) < 8u (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed.,
  §24.1 and Theorem 24.2, whose normwise bound log2(n)·η'·||y||_2 <= log2(n)·η'·√n·||x||_2 is the larger,
  and looser, of the two the issue offers). Mixed radices (3, 5, 7 and their products: the lengths here
  are at most 9 per axis) compute an r-point butterfly per stage with at most ~log2(r) radix-2 stages'
  worth of additions and products; the 2 stages added pay for the normalization's product and for a
  radix's own constants. The u·|y_ref| pays for rounding the reference; 2·N·(L + 1)·η (N: the
  elements summed, twice the sides' product for the real transforms) for gradual underflow in each
  operation.

An empty input padded by n or s transforms to zeros, which is the reference (NumPy 2.4's irfft2 and
irfftn return uninitialized memory there: irfft2(np.zeros((0, 4, 4)), s=(2, 3), axes=(1, 0))).

Where NumPy's element is not finite (a transformed slab holding an infinity or a NaN: every element of
the slab meets it through a product with a twiddle factor), the expected element is NumPy's own, and
which part is NaN is compared part by part (catalogue/fft.py: FFT-NONFINITE-PARTS). Where S·N (the
sums before a normalization by up to 1/N), times the bound's growth, may overflow the result dtype,
whether a partial sum overflows depends on the order: a non-finite value is also accepted there
(`Value.nonfinite`), also where NumPy's element overflowed and the reference's is finite (the reference
is expected there, or a non-finite value): NumPy normalizes after each axis' transform, XLA's DUCC call
once in its first pass (jnp.fft.ifft2 of float32 [[3.4e38], [3.4e38]] with s=(4, 1) sums 3.4e38 / 4
twice: 1.7e38 where NumPy's inf), and the two libraries' butterflies overflow at different places.
`underflow`: the absolute error each operation may make besides rounding where JAX
flushes subnormals (the smallest normal), scaled as η; `result_dtype`: the dtype JAX computes in where it
is not NumPy's.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from conformance.cases.matmul import (
    UNIT_ROUNDOFF,
    finite_magnitude,
    largest_finite,
    underflow_unit,
    widened,
)
from conformance.environment import x64_enabled
from conformance.outcome import Value
from conformance.strategies import BFLOAT16

ONE_AXIS = ("fft", "ifft", "rfft", "irfft", "hfft", "ihfft")
TWO_AXES = ("fft2", "ifft2", "rfft2", "irfft2")
REAL_INPUT = ("rfft", "ihfft", "rfft2", "rfftn")  # real in, half-spectrum out
REAL_OUTPUT = ("irfft", "hfft", "irfft2", "irfftn")  # half-spectrum in, real out
BUTTERFLY = 8  # η' < 8u: one stage's error relative to its operands (module docstring)
_32_BITS = {"float64": np.float32, "complex128": np.complex64}


def transformed_axes(name: str, ndim: int, options: dict) -> tuple[int, ...]:
    """The axes (non-negative, in order) `name` transforms on an array of `ndim` dimensions, or () where
    they are out of range (NumPy refuses then)."""
    if name in ONE_AXIS:
        axes = (options.get("axis", -1),)
    else:
        axes, s = options.get("axes"), options.get("s")
        if axes is None:
            axes = (-2, -1) if name in TWO_AXES else tuple(range(-len(s), 0)) if s is not None \
                else tuple(range(ndim))
    if any(not -ndim <= a < ndim for a in axes):
        return ()
    return tuple(a % ndim for a in axes)


def arithmetic(dtype: Any) -> np.dtype:
    """The dtype JAX computes a result of NumPy's `dtype` in: itself, or with x64 off its 32-bit
    counterpart (the result's dtype is the catalogue's: DTYPE-X64-OFF-32BIT; its bound is this one's)."""
    dtype = np.dtype(dtype)
    return np.dtype(_32_BITS.get(dtype.name, dtype)) if not x64_enabled() else dtype


def _at_zero_frequency(values: np.ndarray, axes: tuple[int, ...]) -> np.ndarray:
    """`values` read at index 0 of each of `axes`, broadcast back along them."""
    index = tuple(slice(0, 1) if d in axes else slice(None) for d in range(values.ndim))
    return np.broadcast_to(values[index], values.shape)


def _rounded(reference: np.ndarray, dtype: np.dtype) -> np.ndarray:
    narrow = np.complex128 if reference.dtype.kind == "c" else np.float64
    return (reference.astype(narrow).astype(dtype) if dtype == BFLOAT16 or dtype.itemsize < 8
            else reference.astype(dtype))


@dataclass(frozen=True)
class BoundedTransform:
    """np.fft.<name>(a, **options), bounded (module docstring)."""

    name: str
    keywords: tuple[str, ...]  # the row's options, in order

    def size(self, shape: tuple[int, ...], result_shape: tuple[int, ...], axes: tuple[int, ...]
             ) -> tuple[int, int]:
        """(L, N): the radix-2 stages and the elements summed (module docstring)."""
        sides = [max(shape[d], result_shape[d], 1) for d in axes]
        real = self.name in REAL_INPUT + REAL_OUTPUT
        return sum(math.ceil(math.log2(m)) for m in sides) + real, math.prod(sides) * (2 if real else 1)

    def flush_slack(self, a: Any, result_shape: tuple[int, ...], options: dict, tiny: float) -> float:
        """The absolute error flushing adds: each operation off by up to `tiny` (2·N·L·underflow)."""
        a = np.asarray(a)
        axes = transformed_axes(self.name, a.ndim, options)
        stages, count = self.size(a.shape, result_shape, axes)
        return 2 * count * (stages + 1) * tiny

    def __call__(self, a: Any, *values: Any, underflow: float = 0.0, result_dtype: Any = None) -> Any:
        options = dict(zip(self.keywords, values, strict=True))
        function = getattr(np.fft, self.name)
        own = np.asarray(function(a, **options))  # NumPy's errors, shape and dtype
        dtype = np.dtype(result_dtype if result_dtype is not None else own.dtype)
        a = np.asarray(a)
        axes = transformed_axes(self.name, a.ndim, options)
        if own.size == 0 or not axes:
            return own.astype(dtype)
        u = UNIT_ROUNDOFF[arithmetic(dtype).name]
        eta = underflow_unit(arithmetic(dtype)) + underflow
        if a.size == 0:  # nothing padded with zeros: zeros (module docstring), the bound's 2·N·L·η
            stages, count = self.size(a.shape, own.shape, axes)
            return Value(np.zeros(own.shape, dtype), atol=np.full(own.shape, 2 * count * (stages + 1) * eta))
        wide = widened(a)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reference = np.asarray(function(wide, **options))
            # |Re| + |Im| over finite parts (>= |x|): a finite part beside an infinite one counts too
            # (irfft and hfft drop the imaginary parts of the zero and Nyquist frequencies)
            magnitude = (finite_magnitude(wide.real) + finite_magnitude(wide.imag) if wide.dtype.kind == "c"
                         else finite_magnitude(wide))
            sums = np.abs(np.asarray(function(magnitude, **options)))
            size = _at_zero_frequency(sums, axes).astype(np.float64)
            numpy_nonfinite = ~(np.isfinite(own.real) & np.isfinite(own.imag))
            stages, count = self.size(a.shape, own.shape, axes)
            bound = (BUTTERFLY * (stages + 2) * u * size + u * np.abs(reference).astype(np.float64)
                     + 2 * count * (stages + 1) * eta)
            # (before the normalization: its factor, up to 1/N, comes last)
            growth = 1 + BUTTERFLY * (stages + 2) * u
            may_overflow = size * count * growth > largest_finite(arithmetic(dtype))
            rounded = _rounded(reference, dtype)
            # NumPy's own partial sums overflowed where the exact result is finite (module docstring)
            numpy_nonfinite &= ~(may_overflow & np.isfinite(rounded.real) & np.isfinite(rounded.imag))
            array = np.where(numpy_nonfinite, own.astype(dtype), rounded)
            bound = np.where(numpy_nonfinite | ~np.isfinite(bound), 0.0, bound)
            may_overflow = may_overflow & ~numpy_nonfinite
        return Value(np.asarray(array), nonfinite=may_overflow if may_overflow.any() else None,
                     atol=np.asarray(bound, dtype=np.float64))

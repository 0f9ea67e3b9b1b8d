"""Known divergences at special input values (infinities, NaN, extremes, subnormals) that the special-value
grids reach: behaviours of their own, not an instance of a numerics or complex-values entry.

Each model computes what JAX returns: the operation as XLA's CPU code performs it, evaluated in NumPy in a
precision wide enough to keep what XLA keeps unrounded (`np.longdouble`: x87 extended precision on x86-64
Linux, quadruple precision on aarch64 Linux; its exponent range is what matters here).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.models import flush_subnormals, map_values
from conformance.example import Example
from conformance.outcome import Outcome

WIDE = np.longdouble


def _array_operands(example: Example, dtype: np.dtype) -> list[np.ndarray] | None:
    """The two operands as arrays of `dtype` (Python scalars converted), or None where there are not two."""
    if len(example.args) != 2:
        return None
    return [np.asarray(a, dtype=dtype) for a in example.args]


def _result_dtype(example: Example) -> np.dtype | None:
    if example.numpy.raised or len(example.numpy.values) != 1:
        return None
    return example.numpy.values[0].dtype


# -- complex multiplication: one product of each part is fused ----------------------------------------
def _complex_product_may_overflow(example: Example) -> bool:
    """A complex multiplication with a non-finite part, or a part large enough that a product of two
    parts overflows: where a fused and a rounded product differ in more than rounding."""
    dtype = _result_dtype(example)
    if "multiplication" not in example.case.tags or dtype is None or dtype.kind != "c":
        return False
    operands = _array_operands(example, dtype)
    if operands is None:
        return False
    limit = np.sqrt(np.finfo(dtype).max)
    return any(bool(np.any(~(np.abs(p) < limit))) for a in operands for p in (a.real, a.imag))


def _fused_complex_product(example: Example, outcome: Outcome) -> Outcome:
    dtype = outcome.values[0].dtype
    product = fused_complex_multiply(*_array_operands(example, dtype), dtype)
    return map_values(outcome, lambda v: replace(v, array=product.reshape(v.shape)))


def fused_complex_multiply(x: np.ndarray, y: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """(a + bi)(c + di) as XLA's CPU code computes it: real part fma(a, c, -(b d)), imaginary part
    fma(b, c, a d), the products b d and a d rounded to the dtype, a c and b c kept exact; subnormal
    inputs, rounded products and results flushed to zero."""
    part = np.dtype(np.float32 if dtype == np.complex64 else np.float64)
    x, y = (flush_subnormals(np.asarray(a, dtype=dtype)) for a in (x, y))
    a, b, c, d = (np.asarray(p, dtype=part) for p in (x.real, x.imag, y.real, y.imag))
    with np.errstate(all="ignore"):
        rounded_bd = flush_subnormals(np.asarray(b * d, dtype=part))
        rounded_ad = flush_subnormals(np.asarray(a * d, dtype=part))
        real = (a.astype(WIDE) * c.astype(WIDE) - rounded_bd.astype(WIDE)).astype(part)
        imag = (b.astype(WIDE) * c.astype(WIDE) + rounded_ad.astype(WIDE)).astype(part)
    product = np.empty(np.broadcast_shapes(real.shape, imag.shape), dtype=dtype)
    product.real, product.imag = flush_subnormals(real), flush_subnormals(imag)
    return product


# -- complex fmax and fmin: JAX's own selection rule --------------------------------------------------
_SELECTS_GREATER = {"nan-ignoring-maximum": True, "nan-ignoring-minimum": False}


def _complex_fmax_fmin_at_nan_or_subnormal(example: Example) -> bool:
    dtype = _result_dtype(example)
    if not set(_SELECTS_GREATER) & example.case.tags or dtype is None or dtype.kind != "c":
        return False
    operands = _array_operands(example, dtype)
    return operands is not None and any(bool(np.any(np.isnan(a) | (flush_subnormals(a) != a)))
                                        for a in operands)


def _lexicographic_selection(example: Example, outcome: Outcome) -> Outcome:
    """jnp.fmax(x1, x2) is where(greater(x1, x2) | isnan(x2), x1, x2) (fmin: less): complex values
    compare by real part, and by imaginary part where the real parts are equal, each comparison reading
    subnormals as zero (denormals-are-zero) and false with a NaN; the selected operand keeps its bits."""
    dtype = outcome.values[0].dtype
    x1, x2 = np.broadcast_arrays(*_array_operands(example, dtype))
    f1, f2 = flush_subnormals(np.array(x1)), flush_subnormals(np.array(x2))
    greater = _SELECTS_GREATER[next(t for t in _SELECTS_GREATER if t in example.case.tags)]
    with np.errstate(all="ignore"):
        wins = (lambda p, q: p > q) if greater else (lambda p, q: p < q)
        first = np.where(f1.real == f2.real, wins(f1.imag, f2.imag), wins(f1.real, f2.real)) | np.isnan(x2)
    selected = np.where(first, x1, x2).astype(dtype)
    return map_values(outcome, lambda v: replace(v, array=selected.reshape(v.shape)))


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="SPECIAL-COMPLEX-MULTIPLY-FUSED",
        area="numerics",
        title="Complex multiplication fuses one product of each part (an overflow meets an infinity "
              "differently)",
        numpy="computes (a+bi)(c+di) as (ac - bd) + (ad + bc)i with every product rounded: "
              "(1+3.4e38j) * (3.4e38-infj) is inf+nanj in complex64 (3.4e38 * 3.4e38 overflows to inf, "
              "and -inf + inf is NaN)",
        jax="computes the real part as fma(a, c, -(bd)) and the imaginary part as fma(b, c, ad): ac and "
            "bc are never rounded, so they do not overflow: (1+3.4e38j) * (3.4e38-infj) is inf-infj; "
            "(3.4e38+3.4e38j)**2 by multiply is -inf+infj (NumPy nan+infj)",
        why="XLA's CPU backend lets LLVM contract a multiply and an add into a fused multiply-add "
            "(https://github.com/openxla/xla/issues/41579 shows the same contraction in a*x + b*x)",
        source="observed by this suite (special-value grids), undocumented upstream; FMA contraction in "
               "XLA: https://github.com/openxla/xla/issues/41579",
        condition="complex multiply or * with a non-finite part, or a part of magnitude at least "
                  "sqrt(the dtype's largest value), in an operand",
        kinds=("values",),
        platforms=("cpu",),
        trigger=_complex_product_may_overflow,
        outputs=_fused_complex_product,
    ),
    KnownDivergence(
        id="SPECIAL-COMPLEX-FMAX-FMIN-NAN-FIRST",
        area="numerics",
        title="fmax and fmin of complex values return a first operand with a NaN part where it compares "
              "greater (smaller), and compare subnormal parts as zero",
        numpy="ignores an operand with a NaN part: fmax(nanj, -1+0j) is -1+0j; compares subnormal parts "
              "by value: fmin(0j, 1.4e-45-infj) is 0j",
        jax="computes where(greater(x1, x2) | isnan(x2), x1, x2) (fmin: less) with complex values "
            "ordered by real part, then imaginary part: fmax(nanj, -1+0j) is nanj (0 > -1 decides); "
            "a NaN second operand is ignored as in NumPy; parts compare with subnormals read as zero, and "
            "the selected operand keeps its bits",
        why="jnp.fmax and jnp.fmin test only the second operand for NaN and compare complex values "
            "lexicographically (jax/_src/numpy/lax_numpy.py, fmax; ufuncs._complex_comparison); XLA "
            "compares with denormals-are-zero on CPU",
        source="observed by this suite (special-value grids), undocumented upstream; the rule is "
               "jnp.fmax's code, https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/lax_numpy.py",
        condition="complex fmax or fmin with a NaN or subnormal part in an operand",
        kinds=("values",),
        trigger=_complex_fmax_fmin_at_nan_or_subnormal,
        outputs=_lexicographic_selection,
    ),
)

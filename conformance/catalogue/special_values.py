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
from conformance.outcome import Outcome, Value
from conformance.strategies import kind_of

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
    """(a + bi)(c + di) as XLA's CPU code computes it: real part fma(a, c, -(b d)), imaginary part
    fma(b, c, a d), the products b d and a d rounded to the dtype, a c and b c kept exact; subnormal
    inputs, rounded products and results flushed to zero."""
    dtype = outcome.values[0].dtype
    part = np.dtype(np.float32 if dtype == np.complex64 else np.float64)
    x, y = (flush_subnormals(a) for a in _array_operands(example, dtype))
    a, b, c, d = (np.asarray(p, dtype=part) for p in (x.real, x.imag, y.real, y.imag))
    with np.errstate(all="ignore"):
        rounded_bd = flush_subnormals(np.asarray(b * d, dtype=part))
        rounded_ad = flush_subnormals(np.asarray(a * d, dtype=part))
        real = (a.astype(WIDE) * c.astype(WIDE) - rounded_bd.astype(WIDE)).astype(part)
        imag = (b.astype(WIDE) * c.astype(WIDE) + rounded_ad.astype(WIDE)).astype(part)
    product = np.empty(np.broadcast_shapes(real.shape, imag.shape), dtype=dtype)
    product.real, product.imag = flush_subnormals(real), flush_subnormals(imag)
    return map_values(outcome, lambda v: replace(v, array=product.reshape(v.shape)))


# -- power: a subnormal base reads as a fixed power of two --------------------------------------------
_SUBNORMAL_BASE_LOG2 = {"float32": -150, "bfloat16": -150, "float64": -1075}  # bfloat16 computes in f32


def _subnormal(a: np.ndarray) -> np.ndarray:
    return (flush_subnormals(a) == 0) & (a != 0)


def _real_power_of_subnormal_base(example: Example) -> bool:
    """power (or float_power, whose float64 result NUM-FLOAT-POWER-KEEPS-PRECISION first narrows to the
    inputs' dtype) of real floats computed in float32 or float64, with a subnormal base."""
    dtype = _result_dtype(example)
    tags = example.case.tags
    if not {"power", "float-power"} & tags or dtype is None or dtype.name not in _SUBNORMAL_BASE_LOG2:
        return False
    operands = _array_operands(example, dtype)
    return operands is not None and kind_of(dtype) == "f" and bool(np.any(_subnormal(operands[0])))


def _power_of_fixed_subnormal(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's power, its result flushed; where the base is subnormal, the base reads as +-2**-150 (float32,
    bfloat16) or +-2**-1075 (float64), whatever its value, the exponent as it is (a subnormal exponent
    is not flushed: power(0, 1.4e-45) is 0), and the result (computed in extended precision) is rounded
    to the dtype and flushed."""
    dtype = outcome.values[0].dtype
    base, exponent = _array_operands(example, dtype)
    fixed = np.copysign(WIDE(2) ** _SUBNORMAL_BASE_LOG2[dtype.name], base.astype(WIDE))
    with np.errstate(all="ignore"):  # the exponent is read as it is, subnormal or not
        wide = np.power(np.where(_subnormal(base), fixed, base.astype(WIDE)), exponent.astype(WIDE))
        computed = flush_subnormals(np.asarray(wide.astype(dtype)))
    numpy_elsewhere = flush_subnormals(outcome.values[0].array)  # results are flushed everywhere

    subnormal_base = np.broadcast_to(_subnormal(base), computed.shape).reshape(numpy_elsewhere.shape)

    def patch(v: Value) -> Value:
        return replace(v, array=np.where(subnormal_base, computed.reshape(v.shape), numpy_elsewhere))
    return map_values(outcome, patch)


# -- fmax and fmin of complex values: a lexicographic comparison, then a selection ---------------------
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
        id="SPECIAL-POWER-SUBNORMAL-BASE",
        area="numerics",
        title="power of a subnormal base reads the base as 2**-150 (float32) or 2**-1075 (float64)",
        numpy="computes with the subnormal: power(1.4e-45, 0.5) is 3.74e-23 and power(1.4e-45, -0.5) is "
              "2.67e22 in float32",
        jax="reads every positive subnormal base as 2**-150 in float32 and bfloat16, 2**-1075 in float64 "
            "(negative ones as their negation), neither its value nor the zero that flushing gives: "
            "power(1.4e-45, 0.5) and power(1e-40, 0.5) are both 2.65e-23, power(1.4e-45, -0.5) is "
            "3.78e22; a result below the smallest normal is flushed to zero",
        why="XLA's CPU pow normalises a subnormal base by multiplying it by 2**23 (2**52) first, which "
            "denormals-are-zero reads as 0 * 2**23, so the base's exponent comes out as -150 (-1075) "
            "for every subnormal; jnp.cbrt shows the same constant answer for every subnormal input "
            "(https://github.com/jax-ml/jax/issues/37761)",
        source="observed by this suite (special-value grids), undocumented upstream; related: "
               "https://github.com/jax-ml/jax/issues/37762 (DAZ and subnormal inputs), "
               "https://github.com/jax-ml/jax/issues/37761",
        condition="power, pow or ** of float32, bfloat16 or float64 operands whose base holds a subnormal",
        kinds=("values",),
        platforms=("cpu",),
        trigger=_real_power_of_subnormal_base,
        outputs=_power_of_fixed_subnormal,
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

"""Models and triggers of the unary catalogue entries (`conformance/catalogue/unary.py`): what JAX
computes, from NumPy, JAX's own formulas (jax/_src/numpy/ufuncs.py) evaluated step by step."""

from __future__ import annotations

from dataclasses import replace

import ml_dtypes
import numpy as np

from conformance.catalogue import complex_formulas as cf
from conformance.catalogue.dtypes import jax_inexact_dtype
from conformance.catalogue.models import at_32_bits, map_array_args, map_values
from conformance.catalogue.special_values import fused_complex_multiply
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.runner import is_array_input
from conformance.strategies import BFLOAT16, kind_of


def _kinds(example: Example) -> set[str]:
    return {kind_of(np.asarray(a).dtype) for a in example.args if is_array_input(a)}


def _tagged(tag: str | tuple[str, ...], kinds: str):
    """A trigger: the case has `tag` (one of the tags) and its array input is of one of `kinds`."""
    tags = {tag} if isinstance(tag, str) else set(tag)

    def trigger(example: Example) -> bool:
        return bool(tags & example.case.tags) and bool(_kinds(example)) and _kinds(example) <= set(kinds)
    trigger.__doc__ = f"a case tagged {' or '.join(sorted(tags))} on {kinds} inputs"
    return trigger


def _maybe_32_bits(example: Example, outcome: Outcome) -> Outcome:
    return outcome if example.env.x64 else at_32_bits(example, outcome)


# -- reciprocal of integers ----------------------------------------------------------------------------
def _as_jax_float(example: Example) -> tuple:
    return map_array_args(example, lambda a: a.astype(jax_inexact_dtype(a.dtype, x64=example.env.x64)))


# -- positive of bools, round of bools and of integers --------------------------------------------------
def _input_itself(example: Example, outcome: Outcome) -> Outcome:
    return Outcome((Value(np.array(example.args[0], copy=True)),))


def _decimals(example: Example) -> int:
    return int(example.args[1])


def _integer_negative_decimals(example: Example) -> bool:
    return _tagged("decimals", "iu")(example) and _decimals(example) < 0


# -- round of floats with decimals ---------------------------------------------------------------------
def _float_with_decimals(example: Example) -> bool:
    return _tagged("decimals", "fc")(example) and _decimals(example) != 0


def _round_like_jax(x: np.ndarray, decimals: int) -> np.ndarray:
    """jnp.round: rint(x * 10**d) / 10**d in the dtype (float16 in float32), each step rounded, the
    division done as XLA does a division by a constant: a product with its reciprocal, rounded to the
    dtype; beyond log10 of the dtype's largest value, x itself."""
    dtype = x.dtype
    info = np.finfo(np.float32) if dtype == BFLOAT16 else np.finfo(dtype)
    if decimals > np.log10(float(info.max)):
        return x.copy()
    work = np.dtype(np.float32) if dtype == np.float16 else dtype
    factor = np.array(10.0 ** decimals).astype(work)
    with np.errstate(all="ignore"):
        reciprocal = (np.array(1.0).astype(work) / factor).astype(work)
        y = x.astype(work)
        out = (np.rint((y * factor).astype(work)).astype(work) * reciprocal).astype(work)
    return out.astype(dtype)


def _round_outputs(example: Example, outcome: Outcome) -> Outcome:
    x, decimals = np.asarray(example.args[0]), _decimals(example)
    if x.dtype == BFLOAT16:
        return _round_bfloat16_bound(example, outcome, x, decimals)
    if x.dtype.kind == "c":
        value = np.empty_like(x)
        value.real, value.imag = _round_like_jax(x.real, decimals), _round_like_jax(x.imag, decimals)
    else:
        value = _round_like_jax(x, decimals)
    return _maybe_32_bits(example, Outcome((Value(value),)))


def _round_bfloat16_bound(example: Example, outcome: Outcome, x: np.ndarray, decimals: int) -> Outcome:
    """bfloat16: XLA keeps some of the steps in float32 and rounds others to bfloat16 (no one order of
    roundings reproduces it): NumPy's value within one quantum 10**-decimals (a product that lands on
    the other side of a half) plus two bfloat16 ulps of the larger of |x| and the result."""
    if outcome.raised:
        return outcome
    from conformance import ulps

    def bounded(v: Value) -> Value:
        scale = np.maximum(np.abs(x.astype(np.float64)), np.abs(v.array.astype(np.float64)))
        bound = 2 * ulps.spacing(scale, v.dtype) + 10.0 ** -decimals
        return replace(v, atol=np.where(np.isfinite(scale), bound, 0.0))

    return map_values(outcome, bounded)


# -- the degree/radian conversions of complex values -----------------------------------------------------
def _complex_scaled(example: Example, outcome: Outcome) -> Outcome:
    """x * complex(c, 0), XLA's complex product (a real part times 0 and an infinity make a NaN), with
    c = pi / 180 or 180 / pi in the part dtype: fused (b * c kept exact inside a fused multiply-add, so
    a subnormal product keeps its sign) or, in the vectorized kernels of larger arrays, each product
    rounded and flushed: elementwise either one."""
    x = np.asarray(example.args[0])
    real = cf.real_dtype(x.dtype)
    constant = np.pi / 180 if "to-radians" in example.case.tags else 180 / np.pi
    scale = np.full(x.shape, np.asarray(constant, real), x.dtype)
    stepwise = cf.join(cf.mul(cf.split(x, real), cf.split(scale, real)), x.dtype)
    return _maybe_32_bits(example, Outcome((Value(fused_complex_multiply(x, scale, x.dtype),
                                                  choices=(stepwise,)),)))


# -- modf -------------------------------------------------------------------------------------------------
def _modf_like_jax(example: Example, outcome: Outcome) -> Outcome:
    """jnp.modf: whole = floor(x) where x >= 0 else ceil(x); fraction = x - whole (so -1.0 gives +0.0
    and an infinity NaN), in the float dtype JAX computes in."""
    x = np.asarray(_as_jax_float(example)[0]) if _kinds(example) <= set("biu") else np.asarray(
        example.args[0])
    with np.errstate(all="ignore"):
        whole = np.where(x >= 0, np.floor(x), np.ceil(x)).astype(x.dtype)
        fraction = (x - whole).astype(x.dtype)
    return _maybe_32_bits(example, Outcome((Value(fraction), Value(whole)), is_sequence=True))


# -- frexp of subnormals ----------------------------------------------------------------------------------
def _frexp_subnormal(example: Example) -> bool:
    if not _tagged("frexp", "f")(example):
        return False
    x = np.asarray(example.args[0])
    if x.dtype not in (np.float32, np.float64, BFLOAT16):
        return False
    wide = x.astype(np.float64)
    tiny = float(np.finfo(np.float32 if x.dtype == BFLOAT16 else x.dtype).tiny)
    return bool(np.any((wide != 0) & (np.abs(wide) < tiny)))


def _frexp_like_jax(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's frexp, except at subnormal inputs: float32 and float64 give a mantissa of +-0.5 and the
    exponent 1 - bias - mantissa bits (-149, -1074), what jnp.frexp's normalization x * 2**nmant gives
    once the product flushes to zero; bfloat16 (compared with zero in float32, where it flushes) gives
    the input itself and 0."""
    if outcome.raised:
        return outcome
    x = np.asarray(example.args[0])
    wide = x.astype(np.float64)
    tiny = float(np.finfo(np.float32 if x.dtype == BFLOAT16 else x.dtype).tiny)
    small = (wide != 0) & (np.abs(wide) < tiny)
    mantissa, exponent = (v.array.copy() for v in outcome.values)
    if x.dtype == BFLOAT16:
        mantissa[small], exponent[small] = x[small], 0
    else:
        info = np.finfo(x.dtype)
        mantissa[small] = np.copysign(0.5, wide[small]).astype(x.dtype)
        exponent[small] = info.minexp - info.nmant  # -126 - 23 = -149; -1022 - 52 = -1074
    values = (replace(outcome.values[0], array=mantissa), replace(outcome.values[1], array=exponent))
    return Outcome(values, outcome.is_sequence)


def _own_subnormals(x: np.ndarray) -> np.ndarray:
    """Where x holds a subnormal of its own dtype (bfloat16's smallest normal is float32's)."""
    wide = x.astype(np.float64)
    tiny = float(np.finfo(np.float32 if x.dtype == BFLOAT16 else x.dtype).tiny)
    return (wide != 0) & (np.abs(wide) < tiny)


def _frexp_of_any_subnormal(example: Example) -> bool:
    """frexp of a float array (float16 too) holding a subnormal of its dtype."""
    return _tagged("frexp", "f")(example) and bool(np.any(_own_subnormals(np.asarray(example.args[0]))))


def _frexp_flushed(example: Example, outcome: Outcome) -> Outcome:
    """jax 0.12's frexp: NumPy's, except a subnormal input gives a zero of its sign and the exponent 0
    (its bit-exact frexp flushes subnormals at entry, then returns (+-0, 0) for a zero)."""
    if outcome.raised:
        return outcome
    x = np.asarray(example.args[0])
    small = _own_subnormals(x)
    mantissa, exponent = (v.array.copy() for v in outcome.values)
    mantissa[small] = np.copysign(0.0, x.astype(np.float64)[small]).astype(mantissa.dtype)
    exponent[small] = 0
    values = (replace(outcome.values[0], array=mantissa), replace(outcome.values[1], array=exponent))
    return Outcome(values, outcome.is_sequence)


def _sinc_reduced(example: Example, outcome: Outcome) -> Outcome:
    """jax 0.12's real sinc: sin(pi x) / (pi x) evaluated as (-1)**n sin(pi r) / (pi x) with x = n + r
    (n the nearest integer, r exact), in float64 and rounded to the result's dtype (through float32,
    where float16 and bfloat16 compute): +0 at every nonzero integer and at +-inf, 1 at 0, NaN at NaN.
    NumPy's sin(pi x) / (pi x) rounds pi x first: sinc(1.0) is -2.8e-8 in float32 there."""
    if outcome.raised:
        return outcome
    x = np.asarray(example.args[0]).astype(np.float64)
    with np.errstate(invalid="ignore"):
        n = np.where(np.isfinite(x), np.round(x), 0.0)
        r = x - n
        odd = np.where(np.abs(n) < 2**53, np.fmod(n, 2) != 0, False)
        value = np.where(odd, -1.0, 1.0) * np.sin(np.pi * r) / (np.pi * np.where(x == 0, 1.0, x))
        value = np.where(r == 0, 0.0, value)  # nonzero integers (+0, not -0)
        value = np.where(np.isinf(x), 0.0, np.where(x == 0, 1.0, value))

    def model(v: Value) -> Value:
        wide = np.broadcast_to(value, v.shape)
        narrow = wide if v.dtype == np.float64 else wide.astype(np.float32)
        return replace(v, array=narrow.astype(v.dtype))

    return map_values(outcome, model)


# -- sign of -0.0, arcsin of small values, cbrt and spacing of subnormals --------------------------------
def _sign_keeps_zero(example: Example, outcome: Outcome) -> Outcome:
    """lax.sign: a zero keeps its sign (-0.0 gives -0.0), elsewhere NumPy's value."""
    x = np.asarray(example.args[0])
    return map_values(outcome, lambda v: replace(v, array=np.where(
        x.astype(np.float64) == 0, x.astype(v.dtype), v.array).astype(v.dtype)))


def _has_negative_zero(example: Example) -> bool:
    if not _tagged("sign", "f")(example):
        return False
    x = np.asarray(example.args[0]).astype(np.float64)
    return bool(np.any((x == 0) & np.signbit(x)))


def _compute_tiny(dtype: np.dtype) -> float:
    """The smallest normal of the dtype XLA computes `dtype` in on a CPU (bfloat16 in float32)."""
    return float(np.finfo(np.float32 if dtype == BFLOAT16 else dtype).tiny)


def _small_arcsin(x: np.ndarray) -> np.ndarray:
    """Where arcsin's halved argument is below the smallest normal (float16: where it rounds)."""
    return (x.astype(np.float64) != 0) & (np.abs(x.astype(np.float64)) < 2 * _compute_tiny(x.dtype))


def _arcsin_of_small_values(example: Example) -> bool:
    return _tagged("arcsin", "f")(example) and bool(np.any(_small_arcsin(np.asarray(example.args[0]))))


def _arcsin_halved(example: Example, outcome: Outcome) -> Outcome:
    """XLA's arcsin is 2 * atan2(x, 1 + sqrt(1 - x * x)): for tiny x, 2 * (x / 2) with x / 2 rounded to
    the dtype first, and flushed in float32 and float64 (bfloat16 computes in float32): so +-0 where
    |x| < 2 * tiny; float16 keeps its subnormals and rounds x / 2 to them (half of the smallest is 0)."""
    x = np.asarray(example.args[0])
    small = _small_arcsin(x)
    if x.dtype == np.float16:
        halved = (x.astype(np.float64) / 2).astype(np.float16)
        at_small = (halved.astype(np.float32) * 2).astype(np.float16)
    else:
        at_small = np.copysign(0.0, x.astype(np.float64)).astype(x.dtype)
    return map_values(outcome, lambda v: replace(v, array=np.where(small, at_small, v.array).astype(v.dtype)))


def _subnormal_in_compute_dtype(a: np.ndarray) -> np.ndarray:
    wide = a.astype(np.float64)
    return (wide != 0) & (np.abs(wide) < _compute_tiny(a.dtype))


def _cbrt_of_subnormal(example: Example) -> bool:
    x = np.asarray(example.args[0])
    return (_tagged("cbrt", "f")(example) and x.dtype in (np.float32, np.float64, BFLOAT16)
            and bool(np.any(_subnormal_in_compute_dtype(x))))


# What XLA's float32 cbrt returns for every subnormal input, positive or negative (observed)
CBRT_OF_FLOAT32_SUBNORMAL = -5.5951735e-16


def _cbrt_constant(example: Example, outcome: Outcome) -> Outcome:
    """float32 and bfloat16: the constant at every subnormal; float64: a zero of the input's sign."""
    x = np.asarray(example.args[0])
    at = _subnormal_in_compute_dtype(x)
    value = (np.copysign(0.0, x.astype(np.float64)) if x.dtype == np.float64
             else np.full(x.shape, CBRT_OF_FLOAT32_SUBNORMAL))
    return map_values(outcome, lambda v: replace(v, array=np.where(
        at, value.astype(v.dtype), v.array).astype(v.dtype)))


def _spacing_subnormal_positions(example: Example) -> np.ndarray:
    """Where jnp.spacing's difference nextafter(x, +-inf) - x is a subnormal or reads one (flushed to 0,
    then replaced): x zero or subnormal, or NumPy's spacing subnormal."""
    x = np.asarray(example.args[0])
    numpy = example.numpy.values[0].array
    return (x.astype(np.float64) == 0) | _subnormal_in_compute_dtype(x) | (
        _subnormal_in_compute_dtype(numpy) if numpy.dtype == x.dtype else False)


def _float16_negative_infinity(x: np.ndarray) -> np.ndarray:
    """float16's spacing is nextafter(x, +inf) - x: at -inf, -max + inf = +inf (NumPy: NaN)."""
    return (x == -np.inf) if x.dtype == np.float16 else np.zeros(x.shape, bool)


def _spacing_near_zero(example: Example) -> bool:
    x = np.asarray(example.args[0])
    if not _tagged("spacing", "f")(example) or example.numpy.raised:
        return False
    if x.dtype == np.float16:
        return bool(np.any(_float16_negative_infinity(x)))
    return (x.dtype in (np.float32, np.float64, BFLOAT16)
            and bool(np.any(_spacing_subnormal_positions(example))))


def _spacing_like_jax(example: Example, outcome: Outcome) -> Outcome:
    x = np.asarray(example.args[0])
    if x.dtype == np.float16:
        return map_values(outcome, lambda v: replace(v, array=np.where(
            _float16_negative_infinity(x), np.inf, v.array).astype(v.dtype)))
    at = _spacing_subnormal_positions(example)
    smallest = np.copysign(float(np.finfo(np.float32).smallest_subnormal) if x.dtype == np.float32 else
                           float(np.finfo(np.float64).smallest_subnormal) if x.dtype == np.float64 else
                           float(ml_dtypes.finfo(BFLOAT16).smallest_subnormal), x.astype(np.float64))
    return map_values(outcome, lambda v: replace(v, array=np.where(at, smallest.astype(v.dtype), v.array)
                                                 .astype(v.dtype)))



# -- angle of a 0-d float ----------------------------------------------------------------------------------
def _angle_of_0d_float(example: Example) -> bool:
    x = example.args[0]
    default = np.float64 if example.env.x64 else np.float32
    return _tagged("angle", "f")(example) and np.ndim(x) == 0 and np.asarray(x).dtype != default


def _as_default_float(example: Example) -> tuple:
    dtype = np.float64 if example.env.x64 else np.float32
    return map_array_args(example, lambda a: a.astype(dtype))



# -- log of subnormals, nan_to_num of bfloat16 -------------------------------------------------------------
def _log_of_subnormal(example: Example) -> bool:
    x = np.asarray(example.args[0])
    return (_tagged("log", "f")(example) and x.dtype in (np.float32, np.float64, BFLOAT16)
            and bool(np.any(_subnormal_in_compute_dtype(x))))


def _log_reads_subnormal_as_smallest(example: Example, outcome: Outcome) -> Outcome:
    """log(2**-150) (float32) or log(2**-1075) (float64) at positive subnormals, NaN at negative ones
    (the C library's scalar log), or -inf at both (XLA's vectorized log, which flushes); bfloat16
    (converted to float32 on the way in, which flushes) -inf at both."""
    x = np.asarray(example.args[0])
    at = _subnormal_in_compute_dtype(x)
    exponent = -150 if x.dtype == np.float32 else -1075
    value = np.where(x.astype(np.float64) > 0, exponent * np.log(2.0), np.nan)
    flushed = np.full(x.shape, -np.inf)  # log(+-0): the vectorized kernel's result
    if x.dtype == BFLOAT16:
        value = flushed
    return map_values(outcome, lambda v: replace(
        v, array=np.where(at, value.astype(v.dtype), v.array).astype(v.dtype),
        choices=(np.where(at, flushed.astype(v.dtype), v.array).astype(v.dtype),)))


def _nan_to_num_of_bfloat16(example: Example) -> bool:
    x = np.asarray(example.args[0])
    return (_tagged("nan-to-num", "f")(example) and x.dtype == BFLOAT16
            and not bool(np.all(np.isfinite(x.astype(np.float32)))))


def _nan_to_num_like_jax(example: Example, outcome: Outcome) -> Outcome:
    x = np.asarray(example.args[0])
    largest = float(ml_dtypes.finfo(BFLOAT16).max)
    fixed = np.nan_to_num(x.astype(np.float32), nan=0.0, posinf=largest, neginf=-largest).astype(BFLOAT16)
    return Outcome((Value(fixed),))


def as_bool(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's values as bools (a real input of conjugate stays what it is)."""
    return map_values(outcome, lambda v: v.astype(np.dtype(bool)))


def _tiny_argument_subnormal(example: Example) -> bool:
    x = np.asarray(example.args[0])
    return (_tagged("tiny-argument-returned", "f")(example) and x.dtype in (np.float32, np.float64, BFLOAT16)
            and bool(np.any(_subnormal_in_compute_dtype(x))))


def _tiny_argument_kept_or_flushed(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's value (x itself) at subnormal inputs, or a zero of x's sign: elementwise either one."""
    x = np.asarray(example.args[0])
    at = _subnormal_in_compute_dtype(x)
    zero = np.copysign(0.0, x.astype(np.float64))
    return map_values(outcome, lambda v: replace(v, choices=(
        np.where(at, zero.astype(v.dtype), v.array).astype(v.dtype),)))

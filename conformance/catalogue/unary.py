"""Known divergences of the registry's unary functions (`conformance/registry.py`).

Triggers read the row's tags (never its name) and the input's dtype kind; each model computes what JAX
returns, from NumPy: JAX's own formula (jax/_src/numpy/ufuncs.py), evaluated in NumPy step by step.
"""

from __future__ import annotations

from dataclasses import replace

import ml_dtypes
import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue import complex_formulas as cf
from conformance.catalogue.dtypes import jax_inexact_dtype
from conformance.catalogue.models import at_32_bits, map_array_args, map_values, raises
from conformance.catalogue.special_values import fused_complex_multiply
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.runner import is_array_input
from conformance.strategies import BFLOAT16, kind_of

_UFUNCS = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/ufuncs.py"


def _kinds(example: Example) -> set[str]:
    return {kind_of(np.asarray(a).dtype) for a in example.args if is_array_input(a)}


def _tagged(tag: str, kinds: str):
    """A trigger: the case has `tag` and its array input is of one of `kinds`."""
    def trigger(example: Example) -> bool:
        return tag in example.case.tags and bool(_kinds(example)) and _kinds(example) <= set(kinds)
    trigger.__doc__ = f"a case tagged {tag!r} on {kinds} inputs"
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
    """bfloat16 left out: XLA computes its steps in float32 unrounded, NumPy (ml_dtypes) rounds each
    one; where they differ it is new, not this entry."""
    return (_tagged("decimals", "fc")(example) and _decimals(example) != 0
            and np.asarray(example.args[0]).dtype != BFLOAT16)


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
    if x.dtype.kind == "c":
        value = np.empty_like(x)
        value.real, value.imag = _round_like_jax(x.real, decimals), _round_like_jax(x.imag, decimals)
    else:
        value = _round_like_jax(x, decimals)
    return _maybe_32_bits(example, Outcome((Value(value),)))


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
    return (_tagged("angle", "f")(example) and np.ndim(x) == 0
            and np.asarray(x).dtype not in (np.float32, np.float64))


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



ENTRIES = (
    KnownDivergence(
        id="UNARY-RECIPROCAL-OF-INTEGERS-IS-FLOAT",
        area="unary",
        title="reciprocal of bools and integers returns a float",
        numpy="returns the integer 1 // x in the input's integer dtype (0 for |x| > 1; int8 for bool)",
        jax="promotes the input to its default float dtype (float32; float64 for 64-bit integers with "
            "x64 on) and returns 1 / x there (inf at 0)",
        why="jnp.reciprocal is lax.integer_pow(x, -1) after promote_dtypes_inexact",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.reciprocal.html (Note: for integer "
               "inputs, np.reciprocal returns rounded integer output, while jnp.reciprocal promotes integer "
               "inputs to floating point)",
        condition="reciprocal of a bool or integer array",
        kinds=("dtype",),
        trigger=_tagged("reciprocal", "biu"),
        inputs=_as_jax_float,
        outputs=_maybe_32_bits,
    ),
    KnownDivergence(
        id="UNARY-CONJUGATE-OF-BOOL-IS-BOOL",
        area="unary",
        title="conj and conjugate of bools return bools",
        numpy="has no bool loop for conjugate: casts to int8 and returns int8",
        jax="returns a real input unchanged (lax.asarray), bool stays bool",
        why="jnp.conjugate applies lax.conj only to complex inputs",
        source=f"{_UFUNCS} (conjugate: lax.conj(x) if np.iscomplexobj(x) else lax.asarray(x))",
        condition="conj or conjugate of a bool array",
        kinds=("dtype",),
        trigger=_tagged("conjugate", "b"),
        outputs=lambda example, outcome: map_values(outcome, lambda v: v.astype(np.dtype(bool))),
    ),
    KnownDivergence(
        id="UNARY-POSITIVE-OF-BOOL-ACCEPTED",
        area="unary",
        title="positive of bools returns the bools",
        numpy="raises UFuncTypeError: positive has no loop for bool",
        jax="returns the input unchanged (lax.asarray after promote_args)",
        why="jnp.positive checks no dtype",
        source=f"observed by this suite, undocumented upstream ({_UFUNCS}: positive is "
               "lax.asarray(*promote_args('positive', x)))",
        condition="positive of a bool array",
        kinds=("error-parity",),
        trigger=_tagged("positive", "b"),
        outputs=_input_itself,
    ),
    KnownDivergence(
        id="UNARY-ROUND-OF-BOOL-REFUSED",
        area="unary",
        title="round and around refuse bools",
        numpy="rounds bools with decimals=0 (a float16 result) and raises UFuncTypeError for other "
              "decimals (it cannot cast the product back to bool)",
        jax="raises ValueError: data type bool not inexact",
        why="jnp.round computes on inexact dtypes only and checks bools out through finfo",
        source="observed by this suite, undocumented upstream "
               "(https://docs.jax.dev/en/latest/_autosummary/jax.numpy.round.html)",
        condition="round or around of a bool array",
        kinds=("error-parity", "error-kind"),
        trigger=_tagged("decimals", "b"),
        outputs=raises("ValueError", r"not inexact"),
    ),
    KnownDivergence(
        id="UNARY-ROUND-INTEGER-NEGATIVE-DECIMALS",
        area="unary",
        title="round of integers with negative decimals is not implemented",
        numpy="rounds to a multiple of 10**-decimals (through floats), in the integer dtype",
        jax="raises NotImplementedError: integer np.round not implemented for decimals < 0",
        why="jnp.round returns integers unchanged and refuses negative decimals for them",
        source="https://github.com/jax-ml/jax/pull/20829 (open: 'Add support for rounding integers with "
               "decimals<0 in jnp.round')",
        condition="round or around of an integer array with decimals < 0",
        kinds=("error-parity",),
        trigger=_integer_negative_decimals,
        outputs=raises("NotImplementedError", r"integer np\.round not implemented for decimals < 0"),
    ),
    KnownDivergence(
        id="UNARY-ROUND-DECIMALS-SCALES-BY-POWER-OF-TEN",
        area="unary",
        title="round with decimals scales by 10**decimals in the input's dtype",
        numpy="for decimals < 0 divides by 10**-decimals, rounds, and multiplies back; float16 "
              "computes in float16",
        jax="multiplies by 10**decimals rounded to the dtype (0.1 is inexact), rounds half to even, "
            "and multiplies by the reciprocal of that factor rounded to the dtype (XLA rewrites the "
            "division by a constant): round(2.675, 2) is 2.6799998 in float32 (NumPy 2.68); float16 "
            "computes in float32; decimals beyond log10 of the dtype's largest value return the input",
        why="the rescaling strategy of jnp.round (its own TODO says it may round incorrectly)",
        source="https://github.com/jax-ml/jax/pull/32459 (jnp.round: correctly handle large decimals); "
               f"{_UFUNCS}",
        condition="round or around of a float16, float32, float64 or complex array with decimals other "
                  "than 0",
        kinds=("values",),
        trigger=_float_with_decimals,
        outputs=_round_outputs,
    ),
    KnownDivergence(
        id="UNARY-COMPLEX-REFUSED-WITH-VALUEERROR",
        area="unary",
        title="isposinf, isneginf, signbit, spacing and i0 refuse complex inputs with ValueError",
        numpy="raises TypeError (no loop for complex, or 'not supported for complex values')",
        jax="raises ValueError",
        why="jax.numpy checks these dtypes itself and raises ValueError",
        source="observed by this suite, undocumented upstream",
        condition="one of these functions on a complex array",
        kinds=("error-kind",),
        trigger=_tagged("refuses-complex-with-valueerror", "c"),
        outputs=raises("ValueError", r"isposinf/isneginf are not well defined for complex types"
                                     r"|signbit is not well defined for complex"
                                     r"|jnp\.spacing is not defined for complex inputs"
                                     r"|Unsupported input type to jax\.numpy\.i0"),
    ),
    KnownDivergence(
        id="UNARY-ANGLE-CONVERSION-OF-COMPLEX",
        area="unary",
        title="deg2rad, rad2deg, degrees and radians accept complex inputs",
        numpy="raises TypeError: the ufunc is not supported for complex input types",
        jax="multiplies by the complex constant pi/180 (or 180/pi) + 0j with XLA's complex product, "
            "fused (SPECIAL-COMPLEX-MULTIPLY-FUSED) or with each product rounded and flushed (which one "
            "depends on the array's shape: the sign of a flushed zero part differs), so an infinite "
            "part makes the other part NaN",
        why="jnp.deg2rad is lax.mul(x, pi / 180) after promote_args_inexact, for any inexact dtype",
        source=f"observed by this suite, undocumented upstream ({_UFUNCS}: deg2rad, rad2deg)",
        condition="one of these functions on a complex array",
        kinds=("error-parity",),
        trigger=_tagged("angle-conversion", "c"),
        outputs=_complex_scaled,
    ),
    KnownDivergence(
        id="UNARY-MODF-FRACTION-IS-DIFFERENCE",
        area="unary",
        title="modf's fractional part is x - whole: +0.0 for negative whole numbers, NaN for infinities",
        numpy="returns C modf's fraction: with the sign of x (-0.0 for -1.0), 0.0 for an infinity",
        jax="computes whole = floor(x) where x >= 0 else ceil(x) and fraction = x - whole: -1.0 gives "
            "+0.0, -0.0 gives +0.0, +-inf gives NaN",
        why="jnp.modf is written with lax operations, not C's modf",
        source=f"observed by this suite, undocumented upstream ({_UFUNCS}: modf)",
        condition="modf of any real array",
        kinds=("dtype", "values"),
        trigger=_tagged("modf", "biuf"),
        outputs=_modf_like_jax,
    ),
    KnownDivergence(
        id="UNARY-FREXP-SUBNORMAL",
        area="unary",
        title="frexp of a subnormal float32, float64 or bfloat16 is not normalized",
        numpy="normalizes: frexp(1e-40) is (0.544, -132) in float32",
        jax="float32 and float64: (+-0.5, -149) and (+-0.5, -1074) for every subnormal; bfloat16: the "
            "input itself and 0; float16 (computed in float32, where its subnormals are normal) agrees",
        why="jnp.frexp normalizes a subnormal as x * 2**nmant, which the CPU's denormals-are-zero mode "
            "reads as 0 * 2**nmant",
        source="https://github.com/jax-ml/jax/issues/19689 (jnp.frexp not matching NumPy on subnormals: "
               "'expected, because XLA flushes subnormal values')",
        condition="frexp of a float32, float64 or bfloat16 array holding a subnormal",
        kinds=("values",),
        trigger=_frexp_subnormal,
        outputs=_frexp_like_jax,
    ),
    KnownDivergence(
        id="UNARY-SIGN-OF-NEGATIVE-ZERO",
        area="unary",
        title="sign of -0.0 is -0.0",
        numpy="returns +0.0 for both zeros",
        jax="returns the zero itself: sign(-0.0) is -0.0 (lax.sign)",
        why="XLA's sign keeps a zero's sign bit, as IEEE 754's copySign(0, x) would",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.lax.sign.html (for floating-point inputs "
               "sign(x) is -0 for x = -0; jnp.sign is lax.sign)",
        condition="sign of a float array holding -0.0",
        kinds=("values",),
        trigger=_has_negative_zero,
        outputs=_sign_keeps_zero,
    ),
    KnownDivergence(
        id="UNARY-ARCSIN-OF-TINY-VALUES",
        area="unary",
        title="arcsin of values below twice the smallest normal is zero (float16: half is rounded)",
        numpy="arcsin(x) is x for tiny x (1.18e-38 in float32 stays 1.18e-38)",
        jax="returns +-0 where |x| < 2 * the smallest normal of float32 (bfloat16, float32) or float64; "
            "in float16, 2 * (x / 2 rounded to float16): 6e-8 gives 0",
        why="XLA expands asin as 2 * atan2(x, 1 + sqrt(1 - x * x)); atan2 returns x / 2 there, a "
            "subnormal that the CPU's flush-to-zero mode writes as 0 (float16 rounds it to its own "
            "subnormals, half of the smallest one to 0)",
        source="observed by this suite, undocumented upstream (lax.asin lowers to chlo.asin; flushing: "
               "https://github.com/jax-ml/jax/issues/16200)",
        condition="arcsin (asin) of a float array with a nonzero |x| below twice the smallest normal of "
                  "the dtype XLA computes it in",
        kinds=("values",),
        trigger=_arcsin_of_small_values,
        outputs=_arcsin_halved,
    ),
    KnownDivergence(
        id="UNARY-CBRT-OF-SUBNORMAL-FLOAT32",
        area="unary",
        title="cbrt of every float32 or bfloat16 subnormal is -5.5951735e-16",
        numpy="cbrt(1e-45) is 1.12e-15 in float32; cbrt of a negative subnormal is negative",
        jax="returns -5.5951735e-16 (bfloat16: -5.58581e-16) for every subnormal input, positive or "
            "negative; float64 subnormals give a zero of their sign (as flushed)",
        why="XLA's float32 cbrt normalizes a subnormal input by scaling its bits, which the CPU's "
            "denormals-are-zero mode reads as zero; the exponent arithmetic that follows then yields a "
            "fixed value",
        source="observed by this suite, undocumented upstream",
        condition="cbrt of a float32, float64 or bfloat16 array holding a subnormal value",
        kinds=("values",),
        trigger=_cbrt_of_subnormal,
        outputs=_cbrt_constant,
    ),
    KnownDivergence(
        id="UNARY-SPACING-SUBNORMAL-IS-SMALLEST",
        area="unary",
        title="spacing is the smallest subnormal, with x's sign, wherever NumPy's is subnormal",
        numpy="spacing(2**-120) is 2**-143 in float32; spacing(-0.0) is +2**-149",
        jax="returns copysign(smallest subnormal, x) where x is zero or subnormal or the spacing is "
            "subnormal (float32, float64, bfloat16); float16 (computed as nextafter(x, +inf) - x in "
            "float32) agrees there, and gives +inf at -inf (NumPy NaN)",
        why="jnp.spacing computes nextafter(x, copysign(inf, x)) - x, which flush-to-zero makes 0 there, "
            "and replaces a 0 by copysign(smallest_subnormal, x)",
        source=f"observed by this suite, undocumented upstream ({_UFUNCS}: spacing)",
        condition="spacing of a float32, float64 or bfloat16 array holding a zero or subnormal, or whose "
                  "NumPy spacing is subnormal; of a float16 array holding -inf",
        kinds=("values",),
        trigger=_spacing_near_zero,
        outputs=_spacing_like_jax,
    ),
    KnownDivergence(
        id="UNARY-ANGLE-OF-0D-FLOAT-IS-DEFAULT-FLOAT",
        area="unary",
        title="angle of a 0-d float16 or bfloat16 array returns the default float dtype",
        numpy="returns the input's float dtype",
        jax="converts a 0-d floating input to the default float dtype (float32; float64 with x64 on) "
            "before atan2(imag, real)",
        why="jnp.angle converts non-inexact inputs and 0-d floating inputs to dtypes.default_float_dtype()",
        source="https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/lax_numpy.py (angle: "
               "'issubdtype(z.dtype, np.floating) and np.ndim(z) == 0')",
        condition="angle of a 0-d float16 or bfloat16 array",
        kinds=("dtype",),
        trigger=_angle_of_0d_float,
        inputs=_as_default_float,
        outputs=_maybe_32_bits,
    ),
    KnownDivergence(
        id="UNARY-LOG-OF-SUBNORMAL-READS-SMALLEST",
        area="unary",
        title="log of a positive subnormal is log(2**-150) in float32 (log(2**-1075) in float64)",
        numpy="computes with the subnormal: log(1e-40) is -92.1 in float32",
        jax="returns either log(2**-150) = -103.97208 for every positive float32 subnormal and NaN "
            "for every negative one (scalar calls to the C library), or -inf for both (XLA's "
            "vectorized kernel, which flushes: which one depends on the array's shape); bfloat16 "
            "subnormals (flushed on their way to float32) give -inf (log2 and log10 flush them all: "
            "NUM-SUBNORMAL-FLUSH)",
        why="as for power (NUM-POWER-SUBNORMAL-BASE): the C library's log normalizes a subnormal x as "
            "x * 2**23 and subtracts 23 from its exponent; denormals-are-zero makes the product 0, so the "
            "exponent read is one below the smallest subnormal's",
        source="observed by this suite, undocumented upstream (glibc sysdeps/ieee754/flt-32/e_logf.c: "
               "'x is subnormal, normalize it'; flushing: https://github.com/jax-ml/jax/issues/16200)",
        condition="log of a float32, float64 or bfloat16 array holding a subnormal (of float32 for "
                  "bfloat16)",
        kinds=("values",),
        trigger=_log_of_subnormal,
        outputs=_log_reads_subnormal_as_smallest,
    ),
    KnownDivergence(
        id="UNARY-NAN-TO-NUM-OF-BFLOAT16",
        area="unary",
        title="nan_to_num replaces NaN and infinities in bfloat16 arrays, where NumPy leaves them",
        numpy="returns a bfloat16 array unchanged: to NumPy, ml_dtypes' bfloat16 is not an inexact "
              "dtype (np.issubdtype(bfloat16, np.inexact) is False), so nothing is replaced",
        jax="replaces NaN by 0 and +-inf by bfloat16's largest finite value, +-3.38953e38",
        why="bfloat16 is a float dtype to JAX, a user dtype to NumPy",
        source="observed by this suite, undocumented upstream "
               "(https://docs.jax.dev/en/latest/_autosummary/jax.numpy.nan_to_num.html)",
        condition="nan_to_num of a bfloat16 array holding a NaN or an infinity",
        kinds=("values",),
        trigger=_nan_to_num_of_bfloat16,
        outputs=_nan_to_num_like_jax,
    ),
    KnownDivergence(
        id="UNARY-RINT-ANGLE-OF-INTEGERS-IS-DEFAULT-FLOAT",
        area="unary",
        title="rint and angle of bools and integers return the default float dtype, whatever the width",
        numpy="returns the smallest float that holds the input (float16 for bool and 8-bit, float32 "
              "for 16-bit, float64 for 32- and 64-bit integers)",
        jax="converts to the default float dtype first: float64 with x64 on (also for bool and int8), "
            "float32 with x64 off",
        why="jnp.rint and jnp.angle convert bool and integer inputs with "
            "lax.convert_element_type(x, dtypes.default_float_dtype())",
        source=f"observed by this suite, undocumented upstream ({_UFUNCS}: rint; lax_numpy.py: angle)",
        condition="rint or angle of a bool or integer array",
        kinds=("dtype",),
        trigger=_tagged("converts-to-default-float", "biu"),
        inputs=_as_default_float,
        outputs=_maybe_32_bits,
    ),
)

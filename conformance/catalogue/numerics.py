"""Known divergences in the values elementwise operations compute."""

from __future__ import annotations

import math
from dataclasses import replace

import ml_dtypes
import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.dtypes import wrap_int
from conformance.catalogue.models import (
    flush_subnormals,
    free_where,
    has_subnormal,
    map_array_args,
    map_values,
    raises,
)
from conformance.example import Example
from conformance.outcome import Outcome, Value, capture
from conformance.runner import is_array_input
from conformance.strategies import BFLOAT16, kind_of


def _as_arrays(example: Example) -> tuple:
    """The arguments as NumPy reads them: Python floats take the float array's dtype (NEP 50)."""
    floats = [np.asarray(a).dtype for a in example.args
              if is_array_input(a) and kind_of(np.asarray(a).dtype) in "fc"]
    if not floats:
        return tuple(example.args)
    return tuple(np.asarray(a, dtype=floats[0] if kind_of(floats[0]) == "c" or type(a) is float
                            else None)
                 if type(a) in (float, complex) else a for a in example.args)


def _any_subnormal(example: Example) -> bool:
    inputs = [a for a in _as_arrays(example) if is_array_input(a)]
    outputs = [] if example.numpy.raised else [v.array for v in example.numpy.values]
    return any(has_subnormal(a) for a in inputs + outputs)


def _flushed_inputs(example: Example) -> tuple:
    return tuple(
        (flush_subnormals(a) if is_array_input(a) else a) if type(original) not in (float, complex)
        else type(original)(flush_subnormals(a).item()) if has_subnormal(a) else original
        for original, a in zip(example.args, _as_arrays(example), strict=True))


def _broadcasts_to(shape: tuple[int, ...], target: tuple[int, ...]) -> bool:
    try:
        return np.broadcast_shapes(shape, target) == target
    except ValueError:  # a product or a gather: its inputs do not line up with its output
        return False


def _subnormal(a: np.ndarray) -> np.ndarray:
    """Where `a` holds a subnormal (a value FTZ reads as zero)."""
    return (flush_subnormals(a) == 0) & (a != 0)


def _flushed_outputs(example: Example, outcome):
    """Results flushed to zero; where a subnormal input met a zero, selections (max, where) may
    return the subnormal input's own bits, so any value is accepted there."""
    def flush(v: Value) -> Value:
        flushed = flush_subnormals(v.array)
        inputs = [np.asarray(a) for a in _as_arrays(example) if is_array_input(a)]
        touched = np.zeros(v.shape, bool)
        for a in inputs:
            if a.dtype.kind in "fc" or a.dtype.name == "bfloat16":
                small = _subnormal(a)
                if _broadcasts_to(small.shape, v.shape):  # elementwise: input positions are outputs'
                    touched |= np.broadcast_to(small, v.shape)
        if kind_of(flushed.dtype) not in "fc":  # comparisons of flushed inputs are exact
            return replace(v, array=flushed)
        free = touched & (flushed == 0)
        if v.free is not None:
            free = free | v.free
        return replace(v, array=flushed, free=free)

    return map_values(outcome, flush)


def _arctan2_undocumented(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """A subnormal y over an x that is zero, subnormal or negative."""
    return _subnormal(y) & (_subnormal(x) | (x <= 0))


def _arctan2_of_a_subnormal(example: Example) -> bool:
    if example.case.name not in ("arctan2", "atan2") or len(example.args) != 2:
        return False
    y, x = (np.asarray(a) for a in _as_arrays(example))
    if kind_of(y.dtype) != "f" or kind_of(x.dtype) != "f":
        return False
    try:
        return bool(np.any(_arctan2_undocumented(y, x)))
    except ValueError:  # shapes that do not broadcast
        return False


def _arctan2_outputs(example: Example, outcome: Outcome) -> Outcome:
    """As NUM-SUBNORMAL-FLUSH, with any value at `_arctan2_undocumented` positions."""
    y, x = (np.asarray(a) for a in _as_arrays(example))
    undocumented = _arctan2_undocumented(y, x)

    def free(v: Value) -> Value:
        where = np.broadcast_to(undocumented, v.shape)
        return replace(v, free=where if v.free is None else v.free | where)
    return map_values(_flushed_outputs(example, outcome), free)


def _integer_divisor_is_zero(example: Example) -> bool:
    if "integer-division" not in example.case.tags or len(example.args) < 2:
        return False
    numerator, divisor = np.asarray(example.args[0]), np.asarray(example.args[1])
    # bool // bool divides in integers too (int8 in NumPy, int32 in JAX)
    integers = divisor.dtype.kind in "iu" or (divisor.dtype.kind == "b" and numerator.dtype.kind in "biu")
    return integers and bool(np.any(divisor == 0))


def _bool_fmod_by_false(example: Example) -> bool:
    if example.case.name != "fmod" or len(example.args) != 2:
        return False
    numerator, divisor = (np.asarray(a) for a in example.args)
    return numerator.dtype.kind == divisor.dtype.kind == "b" and not bool(divisor.all())


def _negative_integer_power(example: Example) -> bool:
    if "power" not in example.case.tags or len(example.args) < 2:
        return False
    base, exponent = (np.asarray(a) for a in example.args[:2])
    return base.dtype.kind in "iub" and exponent.dtype.kind in "iu" and bool(np.any(exponent < 0))


def _exponents_made_safe(example: Example) -> tuple:
    base, exponent, *rest = example.args
    safe = np.where(np.asarray(exponent) < 0, 0, exponent).astype(np.asarray(exponent).dtype)
    return (base, safe if is_array_input(exponent) else int(safe), *rest)


def _numpy_refuses_the_dtype(example: Example) -> bool:
    error = example.numpy.error
    return error is not None and error.kind() == "TypeError" and (
        "not supported for the input types" in error.message or "did not contain a loop" in error.message)


def _float_power_below_64_bits(example: Example) -> bool:
    dtypes = [np.asarray(a).dtype for a in example.args if is_array_input(a)]
    return "float-power" in example.case.tags and bool(dtypes) and all(
        kind_of(d) in "fc" for d in dtypes) and not any(
        d.name in ("float64", "complex128") for d in dtypes)


def _integer_power_overflows(example: Example) -> bool:
    if "power" not in example.case.tags or example.numpy.raised:
        return False
    base, exponent = (np.asarray(a) for a in example.args[:2])
    return base.dtype.kind in "iu" and bool(np.any(_overflowing_powers(example.args)))


def _overflowing_powers(args: tuple) -> np.ndarray:
    """Where base ** exponent does not fit the integer result (with a margin at the boundary)."""
    base, exponent = (np.asarray(a) for a in args[:2])
    bits = np.iinfo(np.result_type(base, exponent) if exponent.dtype.kind in "iu"
                    else base.dtype).bits
    with np.errstate(all="ignore"):
        magnitude = np.log2(np.abs(base.astype(np.float64)))
        return (np.abs(base.astype(np.float64)) >= 2) & (
            exponent.astype(np.float64) * magnitude >= bits - 2)


def _concrete_scalar_exponent(example: Example) -> bool:
    """jnp.power takes lax.integer_pow for an exponent it can read: a Python int, or in eager mode an
    integer 0-d array."""
    exponent = example.args[1]
    if type(exponent) is int:
        return True
    return example.mode == "eager" and is_array_input(exponent) and np.ndim(exponent) == 0 and (
        np.asarray(exponent).dtype.kind in "iu")


def _negative_concrete_exponent(example: Example) -> bool:
    if "power" not in example.case.tags or not _concrete_scalar_exponent(example):
        return False
    base, exponent = example.args[:2]
    return int(exponent) < 0 and np.asarray(base).dtype.kind in "iu"


def _large_python_int_exponent(example: Example) -> bool:
    if "power" not in example.case.tags:
        return False
    base, exponent = example.args[:2]
    if type(exponent) is not int or exponent < 0:
        return False
    dtype = np.asarray(base).dtype
    return dtype.kind in "iu" and exponent > np.iinfo(dtype).max


def _exact_integer_power(example: Example, outcome):
    base, exponent = np.asarray(example.args[0]), example.args[1]
    bits = np.iinfo(base.dtype).bits
    powers = [pow(int(b), exponent, 2**bits) for b in base.reshape(-1).tolist()]
    if base.dtype.kind == "i":
        powers = [p - 2**bits if p >= 2 ** (bits - 1) else p for p in powers]
    return Outcome((Value(np.array(powers, dtype=base.dtype).reshape(base.shape)),))


def _python_int_base_concrete_exponent(example: Example) -> bool:
    return ("power" in example.case.tags and type(example.args[0]) is int
            and is_array_input(example.args[1]) and _concrete_scalar_exponent(example))


def _integer_pow_of_python_int(example: Example) -> tuple:
    base, exponent = example.args[:2]
    dtype = np.int64 if example.env.x64 else np.int32
    return (np.asarray(base).astype(dtype), int(exponent))


_FLOOR_DIVISION = ("floor_divide", "//", "divmod")  # divmod: its quotient (its remainder is exact)


def _division_by_broadcast_scalar(example: Example) -> bool:
    floor = example.case.name in _FLOOR_DIVISION
    if not ("true-division" in example.case.tags or floor) or len(example.args) != 2:
        return False
    numerator, divisor = example.args
    if kind_of(np.asarray(numerator).dtype) != "f":
        return False
    if type(divisor) in (bool, int, float) and example.mode in ("jit", "vmap"):
        return True  # a constant under jit; under vmap, broadcast against the batch
    try:  # each divisor element divides several numerator elements: it is broadcast along some axis
        return np.size(divisor) < math.prod(np.broadcast_shapes(np.shape(numerator), np.shape(divisor)))
    except ValueError:
        return False


def _nextafter_operands(example: Example) -> tuple[np.ndarray, np.ndarray] | None:
    """nextafter's float32/float64 operands, broadcast (None for other cases and dtypes)."""
    if example.case.name != "nextafter" or len(example.args) != 2:
        return None
    x, y = (np.asarray(a) for a in _as_arrays(example))
    if x.dtype != y.dtype or x.dtype not in (np.float32, np.float64):
        return None
    try:
        return np.broadcast_arrays(x, y)
    except ValueError:
        return None


def _nextafter_equal_when_flushed(example: Example) -> bool:
    operands = _nextafter_operands(example)
    if operands is None:
        return False
    x, y = operands
    return bool(np.any((flush_subnormals(x) == flush_subnormals(y)) & (x != y)))


def _nextafter_returns_y_where_flushed_equal(example: Example, outcome):
    """y itself (its bits: a subnormal y stays) where x and y compare equal once subnormals read as
    zero; NumPy's step elsewhere (XLA steps on the integer bits, which no flush touches)."""
    x, y = _nextafter_operands(example)
    equal = flush_subnormals(x) == flush_subnormals(y)
    return map_values(outcome, lambda v: replace(v, array=np.where(equal, y, v.array).astype(v.dtype)))


def _reciprocal_quotients(numerator: np.ndarray, divisor: np.ndarray, *, floor: bool) -> list[np.ndarray]:
    """x * (1 / y), as XLA computes it: in float32 with subnormals flushed (bfloat16, float32, and float16
    in some broadcast patterns) or, for float16 divided along a broadcast axis (as in a vmap batch), in
    float16 itself, where 1 / y overflows for a subnormal y. Floor division is JAX's `_float_divmod` on
    that quotient: fmod, subtract, multiply by the reciprocal, step down where the signs differ, round."""
    works = [np.float64] if numerator.dtype == np.float64 else [np.float32]
    if numerator.dtype == np.float16:
        works.append(np.float16)
    quotients = []
    with np.errstate(all="ignore"):
        for wide in works:
            x, y = numerator.astype(wide), divisor.astype(wide)
            reciprocal = flush_subnormals(np.asarray(1 / y, dtype=wide))
            if not floor:
                quotients.append(flush_subnormals(np.asarray(x * reciprocal, dtype=wide)))
                continue
            mod = np.fmod(x, y)
            div = flush_subnormals(np.asarray(np.where(y == 0, x, x - mod) * reciprocal, dtype=wide))
            div = np.where((mod != 0) & (np.sign(y) != np.sign(mod)), div - 1, div)
            quotients.append(np.trunc(div + np.copysign(0.5, div)).astype(wide))  # half away from 0
    return quotients


def _reciprocal_multiplication(example: Example, outcome):
    numerator, divisor = (np.asarray(a) for a in _as_arrays(example))
    first, *others = _reciprocal_quotients(numerator, divisor,
                                           floor=example.case.name in _FLOOR_DIVISION)
    if outcome.raised:
        return outcome
    # NumPy's own quotient stays a choice: which broadcast patterns XLA rewrites is not documented
    quotient = outcome.values[0]
    quotient = replace(quotient, array=first.astype(quotient.dtype), choices=(
        quotient.array, *(o.astype(quotient.dtype) for o in others)))
    return replace(outcome, values=(quotient, *outcome.values[1:]))  # divmod's remainder: NumPy's


def _divmod_by_broadcast_subnormal(example: Example) -> bool:
    """divmod of floats by a broadcast divisor whose every element is subnormal (a value FTZ zeroes)."""
    if example.case.name != "divmod" or not _division_by_broadcast_scalar(example):
        return False
    numerator, divisor = _as_arrays(example)
    divisor = np.asarray(divisor, np.asarray(numerator).dtype)
    return divisor.size > 0 and bool(_subnormal(divisor).all())


def _divmod_nan_or_by_zero(example: Example, outcome):
    """Remainder NaN (fmod by the flushed zero); quotient NaN, or NumPy's quotient by that zero."""
    if outcome.raised:
        return outcome
    numerator, divisor = (np.asarray(a) for a in _as_arrays(example))
    quotient, remainder = outcome.values[:2]
    with np.errstate(all="ignore"):
        by_zero = np.floor_divide(numerator, np.zeros_like(divisor, dtype=numerator.dtype))
    nan = np.full(quotient.shape, np.nan, quotient.dtype)
    return replace(outcome, values=(
        replace(quotient, array=nan, choices=(np.broadcast_to(by_zero, quotient.shape).astype(
            quotient.dtype),)),
        replace(remainder, array=np.full(remainder.shape, np.nan, remainder.dtype)),
        *outcome.values[2:]))


def _floor_division_by_subnormal_constant(example: Example) -> bool:
    """Floor division under jit by a Python float that is subnormal in the numerator's dtype."""
    if example.mode != "jit" or example.case.name not in _FLOOR_DIVISION or len(example.args) != 2:
        return False
    numerator, divisor = example.args
    if type(divisor) is not float or kind_of(np.asarray(numerator).dtype) != "f":
        return False
    dtype = np.asarray(numerator).dtype
    tiny = float(ml_dtypes.finfo(dtype).tiny if dtype == BFLOAT16 else np.finfo(dtype).tiny)
    return 0 < abs(divisor) < tiny  # float16 too, which the CPU does not flush


def _nan_or_signed_infinity(example: Example, outcome):
    """The quotient NaN, or the infinity of the sign x / divisor has (the quotient by a zero of the
    divisor's sign); divmod's remainder is free (NaN, or fmod-like values for float16)."""
    if outcome.raised:
        return outcome
    numerator, divisor = (np.asarray(a) for a in _as_arrays(example))
    quotient, *others = outcome.values
    with np.errstate(all="ignore"):
        infinity = np.copysign(np.inf, numerator.astype(np.float64)) * np.sign(float(divisor))
    quotient = replace(quotient, array=np.full(quotient.shape, np.nan, quotient.dtype),
                       choices=(np.broadcast_to(infinity, quotient.shape).astype(quotient.dtype),))
    return replace(outcome, values=(quotient, *(replace(v, free=np.ones(v.shape, bool)) for v in others)))


def _bfloat16_nextafter(x, y) -> np.ndarray:
    """The next bfloat16 after x towards y, bit by bit."""
    x, y = np.broadcast_arrays(np.asarray(x, BFLOAT16), np.asarray(y, BFLOAT16))
    xf, yf = x.astype(np.float32), y.astype(np.float32)
    bits = x.copy().view(np.uint16).astype(np.int32)
    away_from_zero = (yf > xf) == (xf > 0)
    stepped = np.where(away_from_zero, bits + 1, bits - 1)
    tiniest = np.where(yf > xf, 0x0001, 0x8001)  # the smallest subnormal, signed towards y
    stepped = np.where(xf == 0, tiniest, stepped).astype(np.uint16).view(BFLOAT16)
    result = np.where(xf == yf, y, stepped)
    return np.where(np.isnan(xf) | np.isnan(yf), np.asarray(np.nan, BFLOAT16), result).astype(BFLOAT16)


def _integers_as_jax_reads_them(args: tuple) -> list[np.ndarray]:
    """The operands as JAX computes with them: a Python int takes the integer array's dtype, keeping its
    low bits (a weak type: 2**31 with an int32 array is INT_MIN, whatever NumPy says of it)."""
    dtypes = [np.asarray(a).dtype for a in args if is_array_input(a)]
    if len(dtypes) != 1 or dtypes[0].kind not in "iu":
        return [np.asarray(a) for a in args]
    return [np.asarray(wrap_int(a, dtypes[0]), dtypes[0]) if type(a) is int else np.asarray(a)
            for a in args]


def _gcd_loop_never_ends(example: Example) -> bool:
    """jnp.gcd's loop replayed in NumPy: x1, x2 = |a|, |b|; while any(x2 != 0): x1, x2 = x2, x1 % x2,
    sorted so x1 >= x2. abs() wraps INT_MIN to itself, and the loop can then cycle forever."""
    if example.case.name not in ("gcd", "lcm") or len(example.args) != 2:
        return False
    a, b = _integers_as_jax_reads_them(example.args)
    if a.dtype.kind != "i" or b.dtype.kind != "i":
        return False
    try:
        np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        return False  # shapes that do not broadcast: JAX refuses before looping
    with np.errstate(all="ignore"):
        x1, x2 = (np.array(x) for x in np.broadcast_arrays(np.abs(a), np.abs(b)))
        for _ in range(500):  # Euclid needs fewer than 100 steps on 64-bit integers
            nonzero = x2 != 0
            if not nonzero.any():
                return False
            rest = np.where(nonzero, np.fmod(x1, np.where(nonzero, x2, 1)), 0)
            first = np.where(nonzero, x2, x1)
            x1, x2 = np.maximum(first, rest), np.minimum(first, rest)
    return True


def _bool_zero_by_zero(example: Example) -> bool:
    arrays = [np.asarray(a) for a in example.args]
    return "true-division" in example.case.tags and all(a.dtype.kind == "b" for a in arrays) and bool(
        np.any(~arrays[0] & ~arrays[1]))


def _bool_quotient_in_float32(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's quotient of the bools computed in float32, JAX's dtype for them with x64 on or off (the
    dtype entries cannot pair with this one: their rewrite turns the bools into floats), with 0 where
    both operands are False; NumPy's NaN there stays a choice (the unbroadcast path)."""
    with np.errstate(all="ignore"):
        computed = example.rerun_numpy(map_array_args(example, lambda a: a.astype(np.float32)))
    both_false = ~np.asarray(example.args[0]) & ~np.asarray(example.args[1])
    return map_values(computed, lambda v: replace(
        v, array=np.where(both_false, 0, v.array).astype(v.dtype), choices=(v.array,)))


def _float_power_dtype(example: Example) -> np.dtype:
    return np.result_type(*[np.asarray(a) for a in example.args if is_array_input(a)])


def _float_power_in_its_dtype(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's float64 result in JAX's dtype, or the power computed in that dtype (where an intermediate
    overflows, they differ)."""
    dtype = _float_power_dtype(example)
    with np.errstate(all="ignore"):
        narrow = capture(lambda: np.power(*(np.asarray(a, dtype=dtype) for a in example.args)))
    alternative = () if narrow.raised else (narrow.values[0].array,)
    return map_values(outcome, lambda v: replace(v, array=v.array.astype(dtype), choices=tuple(
        a for a in alternative if a.shape == v.shape)))


ENTRIES = (
    KnownDivergence(
        id="NUM-GCD-INT-MIN-HANGS",
        area="numerics",
        title="gcd and lcm never finish when an operand is the most negative integer",
        numpy="returns the gcd (for example gcd(-32768, -32768) is -32768 in int16)",
        jax="loops forever for some pairs (gcd(-32768, -32768), gcd(5, -32768) in int16): Euclid's "
            "loop in jnp.gcd starts from abs(), which leaves the minimum integer negative, and cycles",
        why="abs(INT_MIN) is INT_MIN in two's complement",
        source="observed by this suite, undocumented upstream",
        condition="gcd or lcm of signed integers on which jnp.gcd's loop, replayed in NumPy, cycles "
                  "(confirmed live in a subprocess, until one example hangs)",
        kinds=("timeout",),
        trigger=_gcd_loop_never_ends,
    ),
    KnownDivergence(
        id="NUM-SUBNORMAL-FLUSH",
        area="numerics",
        title="Subnormal floats are flushed to zero",
        numpy="computes with subnormal (denormal) inputs and results, IEEE 754 gradual underflow",
        jax="reads subnormal inputs as zero and writes subnormal results as zero (FTZ/DAZ), "
            "float32 and float64 (bfloat16 too, which XLA computes in float32)",
        why="XLA sets the CPU's flush-to-zero and denormals-are-zero modes for speed; GPUs flush too",
        source="https://github.com/jax-ml/jax/issues/16200 (working as intended); "
               "https://github.com/jax-ml/jax/pull/26668 (Sharp bits note)",
        condition="an input or NumPy's result holds a subnormal float32/float64/bfloat16 value",
        kinds=("values",),
        trigger=_any_subnormal,
        inputs=_flushed_inputs,
        outputs=_flushed_outputs,
    ),
    KnownDivergence(
        id="NUM-ARCTAN2-SUBNORMAL-Y",
        area="numerics",
        title="arctan2 of a subnormal y over a zero, subnormal or negative x follows neither NumPy nor FTZ",
        numpy="computes with the subnormal values: arctan2(-5e-324, -5e-324) is -3*pi/4, "
              "arctan2(5e-324, -2) is pi",
        jax="keeps y where x is zero or subnormal (+-pi/2; NaN in float32 for two subnormals) and, in "
            "float64, gives -pi for a positive subnormal y over a negative x; elsewhere subnormals flush "
            "as NUM-SUBNORMAL-FLUSH",
        why="XLA's atan2 expansion does not treat a subnormal y as the flushed zero it reads elsewhere",
        source="observed by this suite, undocumented upstream",
        condition="arctan2 with a subnormal first argument where the second is zero, subnormal or "
                  "negative",
        kinds=("values",),
        trigger=_arctan2_of_a_subnormal,
        inputs=_flushed_inputs,
        outputs=_arctan2_outputs,
    ),
    KnownDivergence(
        id="NUM-INT-FLOOR-DIVIDE-BY-ZERO",
        area="numerics",
        title="Integer floor division by zero gives an implementation-defined value",
        numpy="returns 0 (with a RuntimeWarning) for x // 0 on integers",
        jax="returns whatever XLA's division gives (-1, -2 on CPU): any value, as integer division by "
            "zero is undefined",
        why="JAX does not raise or check in computations; the fix (#31716) was rolled back",
        source="https://github.com/jax-ml/jax/issues/11990 (open); "
               "https://github.com/jax-ml/jax/pull/37926 (maintainer: integer division by zero is "
               "undefined)",
        condition="an integer floor division (floor_divide, //, divmod; bools included) whose divisor "
                  "holds a 0",
        kinds=("values",),
        trigger=_integer_divisor_is_zero,
        outputs=free_where(lambda args: np.asarray(args[1]) == 0),
    ),
    KnownDivergence(
        id="NUM-BOOL-FMOD-BY-FALSE",
        area="numerics",
        title="fmod of bools by False gives an implementation-defined value",
        numpy="computes fmod of bools in int8 and returns 0 (with a RuntimeWarning) where the divisor is "
              "False",
        jax="computes in int32 (as DTYPE-BOOL-ARITHMETIC-INT32) and returns whatever XLA's remainder by "
            "zero gives (the dividend on CPU)",
        why="jnp.fmod replaces a zero divisor by 1 only when the result dtype is an integer; for bools it "
            "is not, so lax.rem divides by zero, which XLA leaves implementation-defined",
        source="observed by this suite, undocumented upstream (jax/_src/numpy/ufuncs.py, fmod)",
        condition="fmod of two bool operands where the divisor holds False",
        kinds=("dtype", "values"),
        trigger=_bool_fmod_by_false,
        inputs=lambda example: map_array_args(example, lambda a: a.astype(np.int32)),
        outputs=free_where(lambda args: np.asarray(args[1]) == 0),
    ),
    KnownDivergence(
        id="NUM-INT-NEGATIVE-POWER",
        area="numerics",
        title="Integers to negative integer powers return a value instead of raising",
        numpy="raises ValueError: Integers to negative integer powers are not allowed",
        jax="returns an implementation-defined integer at those positions (0 for |base| > 1)",
        why="JAX as a rule does not raise errors from computations on array values",
        source="https://github.com/jax-ml/jax/issues/16898; https://github.com/jax-ml/jax/issues/8866",
        condition="integer power whose exponent holds a negative value",
        kinds=("error-parity",),
        trigger=_negative_integer_power,
        inputs=_exponents_made_safe,
        outputs=free_where(lambda args: np.asarray(args[1]) < 0),
    ),
    KnownDivergence(
        id="NUM-INT-NEGATIVE-POWER-CONCRETE-EXPONENT",
        area="numerics",
        title="An integer array to a negative concrete integer power raises TypeError",
        numpy="raises ValueError: Integers to negative integer powers are not allowed",
        jax="raises TypeError: Integers cannot be raised to negative powers (lax.integer_pow, used "
            "for a concrete integer exponent)",
        why="a concrete integer exponent takes the integer_pow path, which checks the sign",
        source="https://github.com/jax-ml/jax/pull/5419",
        condition="integer array ** negative Python int, or negative 0-d integer array in eager mode "
                  "(also when the array is empty and NumPy has nothing to refuse)",
        kinds=("error-kind", "error-parity"),
        trigger=_negative_concrete_exponent,
        outputs=raises("TypeError", r"Integers cannot be raised to negative powers"),
    ),
    KnownDivergence(
        id="NUM-POWER-CONCRETE-EXPONENT-SKIPS-PROMOTION",
        area="numerics",
        title="power(Python int, concrete integer scalar) returns the default int type",
        numpy="promotes the Python int to the exponent's dtype (NEP 50), raising OverflowError "
              "if it does not fit",
        jax="in eager mode takes lax.integer_pow(base, int(exponent)): the result is the Python int's "
            "weak default integer type (int32, or int64 with x64), never promoted; under jit it "
            "promotes as NumPy does",
        why="jnp.power special-cases a concrete integer exponent, and the result dtype comes from "
            "the base alone",
        source="observed by this suite, undocumented upstream (the integer_pow path: "
               "https://github.com/jax-ml/jax/pull/5419)",
        condition="eager power with a Python int base and a 0-d integer array exponent",
        kinds=("dtype", "error-parity"),
        modes=("eager",),
        trigger=_python_int_base_concrete_exponent,
        inputs=_integer_pow_of_python_int,
    ),
    KnownDivergence(
        id="NUM-POWER-PYTHON-INT-EXPONENT-UNCONVERTED",
        area="numerics",
        title="A Python int exponent out of the array's range is used as it is",
        numpy="converts the exponent to the array's integer dtype and raises OverflowError if it "
              "does not fit (NEP 50)",
        jax="passes the Python int to lax.integer_pow unconverted: no error, x ** e modulo 2**bits "
            "for the exact e, even beyond the default integer type",
        why="jnp.power special-cases a concrete integer exponent with lax.integer_pow",
        source="https://github.com/jax-ml/jax/pull/5419 (the integer_pow path); "
               "https://github.com/jax-ml/jax/issues/10692",
        condition="integer array ** Python int larger than the array dtype's maximum",
        kinds=("error-parity",),
        trigger=_large_python_int_exponent,
        outputs=_exact_integer_power,
    ),
    KnownDivergence(
        id="NUM-DIVIDE-BY-BROADCAST-SCALAR-RECIPROCAL",
        area="numerics",
        title="Division by a broadcast divisor multiplies by its reciprocal",
        numpy="divides every element: inf / 3e38 is inf, 1 / 3e38 is a subnormal",
        jax="computes x * (1 / y) when y is a scalar broadcast against x; where 1 / y is subnormal it "
            "is flushed to zero, so inf / 3e38 is NaN and 1 / 3e38 is 0; float16 along a broadcast axis "
            "(a vmap batch) takes 1 / y in float16, so 0 / 6e-08 is NaN; floor division too",
        why="XLA's CPU backend rewrites division by a broadcast scalar into a multiplication",
        source="observed by this suite, undocumented upstream",
        condition="float true or floor division whose divisor is broadcast against the numerator (a "
                  "Python float, a 0-d array, or size 1 along an axis where the numerator is longer), "
                  "or is a Python scalar under jit (a constant) or vmap (broadcast against the batch)",
        kinds=("values",),
        platforms=("cpu",),
        trigger=_division_by_broadcast_scalar,
        outputs=_reciprocal_multiplication,
    ),
    KnownDivergence(
        id="NUM-DIVMOD-BY-BROADCAST-SUBNORMAL",
        area="numerics",
        title="divmod by a broadcast subnormal divisor gives a NaN remainder, and for bfloat16 a NaN "
              "quotient",
        numpy="divides by the subnormal: divmod([0, 1], 9.2e-41) is ([0, inf], [0, 0]) in bfloat16",
        jax="reads the divisor as zero: the remainder is NaN everywhere, the quotient NaN (bfloat16) or "
            "the quotient by zero ([nan, inf] in float32)",
        why="FTZ/DAZ (NUM-SUBNORMAL-FLUSH) inside _float_divmod, whose quotient by a broadcast divisor "
            "XLA computes by its reciprocal (NUM-DIVIDE-BY-BROADCAST-SCALAR-RECIPROCAL)",
        source="observed by this suite, undocumented upstream",
        condition="divmod of floats whose divisor is broadcast against the numerator and subnormal in "
                  "every element",
        kinds=("values",),
        platforms=("cpu",),
        trigger=_divmod_by_broadcast_subnormal,
        outputs=_divmod_nan_or_by_zero,
    ),
    KnownDivergence(
        id="NUM-FLOOR-DIVIDE-BY-SUBNORMAL-CONSTANT-JIT",
        area="numerics",
        title="Under jit, floor division by a subnormal Python float gives NaN",
        numpy="divides by the subnormal: 0.0 // 6e-08 is 0 in float16, 1.0 // 9e-41 is inf",
        jax="gives NaN or the quotient by a zero of the divisor's sign (+-inf) in each element: 0.0 // "
            "6e-08 is NaN and 1.0 // 6e-08 is inf in float16; with jax 0.12 bfloat16 and float32 are "
            "NaN everywhere. The divisor is a compile-time constant, and XLA's rewrite of the division "
            "(its reciprocal overflows) meets the remainder's path; divmod's remainder is not asserted",
        why="floor division is JAX's _float_divmod, whose quotient XLA computes by the constant's "
            "reciprocal",
        source="observed by this suite, undocumented upstream",
        condition="floor_divide, // or divmod under jit whose divisor is a Python float that is subnormal "
                  "in the numerator's float dtype",
        kinds=("values",),
        trigger=_floor_division_by_subnormal_constant,
        outputs=_nan_or_signed_infinity,
    ),
    KnownDivergence(
        id="NUM-NEXTAFTER-SUBNORMAL-EQUALS",
        area="numerics",
        title="nextafter returns y where x and y differ only by subnormals",
        numpy="steps from x towards y: nextafter(-1.4e-45, 1.4e-45) is -0.0 in float32",
        jax="returns y where x == y once subnormals read as zero: nextafter(-1.4e-45, 1.4e-45) is "
            "1.4e-45; elsewhere it steps on the bits, as NumPy does",
        why="XLA's nextafter tests x == y with a float comparison, which the CPU's denormals-are-zero "
            "mode makes true for -1.4e-45 and 1.4e-45; its step works on the integer bits",
        source="https://github.com/jax-ml/jax/issues/4042 (nextafter under flush-to-zero) and the note "
               "in jnp.nextafter's docstring (https://github.com/jax-ml/jax/pull/4049); the equality "
               "case observed by this suite",
        condition="float32/float64 nextafter where x and y differ but are equal with subnormals read "
                  "as zero",
        kinds=("values",),
        platforms=("cpu",),
        trigger=_nextafter_equal_when_flushed,
        outputs=_nextafter_returns_y_where_flushed_equal,
    ),
    KnownDivergence(
        id="NUM-NEXTAFTER-BFLOAT16-STEP",
        area="numerics",
        title="nextafter of bfloat16 steps by a bfloat16 ulp",
        numpy="with ml_dtypes, nextafter of bfloat16 computes in float32: one float32 ulp, a float32 "
              "result",
        jax="returns the next bfloat16 value towards the second argument, as bfloat16",
        why="ml_dtypes has no bfloat16 nextafter loop, so NumPy casts to float32",
        source="observed by this suite (NumPy's side); https://docs.jax.dev/en/latest/_autosummary/"
               "jax.numpy.nextafter.html",
        condition="nextafter of bfloat16 arrays",
        kinds=("dtype",),
        trigger=lambda example: example.case.name == "nextafter" and any(
            np.asarray(a).dtype == BFLOAT16 for a in example.args),
        outputs=lambda example, outcome: Outcome((Value(_bfloat16_nextafter(*example.args)),)),
    ),
    KnownDivergence(
        id="NUM-INT-POWER-OVERFLOW",
        area="numerics",
        title="Integer power that overflows gives an implementation-defined value",
        numpy="wraps modulo 2**bits (exponentiation by squaring in the integer type)",
        jax="gives an implementation-defined value: under jit with a traced exponent, jnp.power runs a "
            "fixed number of squarings, so large exponents give other results than eager",
        why="integer overflow is implementation-defined in JAX ('working as intended')",
        source="https://github.com/jax-ml/jax/issues/10692; https://github.com/jax-ml/jax/issues/5987",
        condition="integer power whose exact result does not fit the integer dtype",
        kinds=("values",),
        trigger=_integer_power_overflows,
        outputs=free_where(_overflowing_powers),
    ),
    KnownDivergence(
        id="NUM-BOOL-ZERO-BY-ZERO",
        area="numerics",
        title="False / False can give 0 instead of NaN",
        numpy="False / False is 0.0 / 0.0 = nan (float64)",
        jax="gives 0.0 when the divisor is broadcast (a scalar or size-1 bool), nan otherwise (either "
            "is accepted at each such position); the quotient is float32 (also with x64 on)",
        why="XLA simplifies the division of converted bools; the unbroadcast path keeps IEEE division",
        source="observed by this suite, undocumented upstream",
        condition="true division of bool arrays with False in both operands at one position",
        kinds=("values", "dtype"),
        trigger=_bool_zero_by_zero,
        outputs=_bool_quotient_in_float32,
    ),
    KnownDivergence(
        id="NUM-FLOAT-POWER-KEEPS-PRECISION",
        area="numerics",
        title="float_power computes in the inputs' float dtype, not in float64",
        numpy="float_power always computes in float64 (complex128 for complex inputs)",
        jax="promotes the inputs to an inexact dtype and keeps it: float16, bfloat16 and float32 "
            "stay, complex64 stays; so an intermediate can overflow where NumPy's does not (1j ** "
            "(3e38 + 1j) is NaN in complex64)",
        why="JAX avoids implicit 64-bit computation; float_power is power on inexact inputs",
        source="observed by this suite, undocumented upstream "
               "(https://docs.jax.dev/en/latest/_autosummary/jax.numpy.float_power.html)",
        condition="float_power of float or complex inputs narrower than 64 bits",
        kinds=("dtype",),
        trigger=_float_power_below_64_bits,
        outputs=_float_power_in_its_dtype,
    ),
    KnownDivergence(
        id="NUM-UNSUPPORTED-DTYPE-VALUEERROR",
        area="numerics",
        title="An unsupported input dtype raises ValueError in some functions",
        numpy="raises TypeError (UFuncTypeError): no loop for the input types",
        jax="raises ValueError in hypot (complex inputs) and gcd/lcm (non-integer inputs)",
        why="jax.numpy checks these dtypes itself and raises ValueError",
        source="observed by this suite, undocumented upstream",
        condition="NumPy refuses the input dtype with TypeError",
        kinds=("error-kind",),
        trigger=_numpy_refuses_the_dtype,
        outputs=raises("ValueError", r"Arguments to jax\.numpy\.(gcd|lcm) must be integers"
                                     r"|jnp\.hypot is not well defined for complex-valued inputs"),
    ),
)

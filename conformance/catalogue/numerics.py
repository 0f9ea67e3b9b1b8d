"""Known divergences in the values elementwise operations compute."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.complex_unary import angle_of_subnormal_imaginary_part
from conformance.catalogue.division_models import (
    bool_quotient_in_float32,
    bool_zero_by_zero,
    division_by_broadcast_scalar,
    divmod_by_broadcast_subnormal,
    divmod_nan_or_by_zero,
    floor_division_by_subnormal_constant,
    nan_or_signed_infinity,
    reciprocal_multiplication,
)
from conformance.catalogue.integer_models import (
    bool_fmod_by_false,
    concrete_scalar_exponent,
    exact_integer_power,
    exponent_beyond_six_bits,
    exponents_low_six_bits,
    gcd_loop_never_ends,
    integer_divisor_is_zero,
    integer_pow_of_python_int,
    large_python_int_exponent,
    negative_concrete_exponent,
    negative_integer_power,
    python_int_base_concrete_exponent,
    quotient_free_where_divisor_is_zero,
    zero_base_stays_zero,
)
from conformance.catalogue.models import (
    LAX_DIV_DOC,
    LAX_REM_DOC,
    flush_subnormals,
    free_where,
    map_array_args,
    map_values,
    raises,
)
from conformance.catalogue.reductions import set_rules_apply
from conformance.catalogue.signed_zeros import identity_operand
from conformance.catalogue.subnormals import (
    any_subnormal,
    as_numpy_reads,
    bfloat16_nextafter,
    divmod_like_jax,
    flushed_inputs,
    flushed_outputs,
    lax_rem,
    nextafter_equal_when_flushed,
    nextafter_returns_y_where_flushed_equal,
    or_plain_flush_with_python_floats,
    remainder_like_jax,
    subnormal,
    subnormal_base_log2,
    subnormal_base_powers,
    subnormal_y_arctan2,
)
from conformance.example import Example
from conformance.outcome import Outcome, Value, capture
from conformance.runner import is_array_input
from conformance.strategies import BFLOAT16, kind_of

_PYTHON_FLOAT_NOTE = ("A Python float argument is converted from its weak type (float64 with x64 on), "
                      "which reads a subnormal as zero, and under jit is a constant XLA folds into the "
                      "computation: there NUM-SUBNORMAL-FLUSH's plain result is accepted too.")


def _subnormal_y_of_its_own_dtype(example: Example) -> np.ndarray | None:
    """Where arctan2's y is subnormal, if y keeps its dtype in the result (None for other examples)."""
    if "arctan2" not in example.case.tags or len(example.args) != 2 or example.numpy.raised:
        return None
    y, x = (np.asarray(a) for a in as_numpy_reads(example))
    dtype = example.numpy.values[0].dtype
    if kind_of(y.dtype) != "f" or kind_of(x.dtype) != "f" or y.dtype != dtype:
        return None  # a converted y: the conversion reads a subnormal as zero (NUM-SUBNORMAL-FLUSH)
    return subnormal(y)


def _arctan2_of_a_subnormal(example: Example) -> bool:
    where = _subnormal_y_of_its_own_dtype(example)
    return where is not None and bool(where.any())


def _arctan2_outputs(example: Example, outcome: Outcome) -> Outcome:
    """NUM-SUBNORMAL-FLUSH's model, and `subnormals.subnormal_y_arctan2` where y is subnormal."""
    outcome = flushed_outputs(example, outcome)
    if outcome.raised:
        return outcome
    y, x = (np.asarray(a) for a in as_numpy_reads(example))
    angle = outcome.values[0]
    where = np.broadcast_to(subnormal(y), angle.shape)
    exact = subnormal_y_arctan2(np.broadcast_to(y, angle.shape), np.broadcast_to(x, angle.shape),
                                angle.dtype)
    return replace(outcome, values=(replace(angle, array=np.where(where, exact, angle.array).astype(
        angle.dtype)),))


_REMAINDER_TAGS = frozenset({"remainder", "fmod", "floor-division"})


def _remainder_with_a_subnormal(example: Example) -> bool:
    """A float remainder, fmod, floor division or divmod where an input holds a subnormal."""
    if not _REMAINDER_TAGS & example.case.tags or len(example.args) != 2 or example.numpy.raised:
        return False
    operands = [np.asarray(a) for a in as_numpy_reads(example)]
    return all(kind_of(a.dtype) == "f" for a in operands) and any(bool(subnormal(a).any())
                                                                  for a in operands)


def _remainder_like_jax(example: Example, outcome: Outcome) -> Outcome:
    """jnp's algorithm replayed on the original inputs with the CPU's flushing (`subnormals`)."""
    if outcome.raised:
        return outcome
    x, y = (np.asarray(a) for a in as_numpy_reads(example))
    tags = example.case.tags
    if "fmod" in tags:
        results = (lax_rem(x, y),)
    elif "remainder" in tags:
        results = (remainder_like_jax(x, y),)
    else:  # floor_divide, //, divmod: the quotient, and divmod's remainder
        results = divmod_like_jax(x, y)[:len(outcome.values)]
        # Where the divisor is subnormal, the quotient is that by zero or, as XLA fuses some shapes
        # (divmod(float32 [1.0], float32 3.6e-41) eagerly, a broadcast bfloat16 divisor), NaN: the
        # select that skips x - NaN reads the divisor's bits, the division reads zero.
        nan_quotient = np.where(np.broadcast_to(subnormal(y), np.shape(results[0])), np.nan, results[0])
        choices = (nan_quotient,)
    values = tuple(replace(v, array=np.broadcast_to(r, v.shape).astype(v.dtype))
                   for v, r in zip(outcome.values, results, strict=True))
    if "fmod" not in tags and "remainder" not in tags:
        values = (replace(values[0], choices=(np.broadcast_to(choices[0], values[0].shape).astype(
            values[0].dtype),)), *values[1:])
    return replace(outcome, values=values)


def _python_float_subnormal_converted(example: Example) -> bool:
    """A sign copy (every mode), or a set run op by op (eager, vmap: under jit the constant is converted
    while folding, unflushed), of a Python float subnormal in the array's dtype."""
    tags = example.case.tags
    copies = "sign-bits" in tags or ("setitem" in tags and example.mode in ("eager", "vmap"))
    if not copies or example.numpy.raised:
        return False
    floats = [i for i, a in enumerate(example.args) if type(a) is float]
    reads = as_numpy_reads(example)
    return any(np.asarray(reads[i]).dtype != np.float64 and bool(subnormal(np.asarray(reads[i])).any())
               for i in floats)


def _python_floats_flushed(example: Example) -> tuple:
    """The Python floats as JAX's conversion leaves them: a zero of their sign where subnormal in the
    array's dtype."""
    reads = as_numpy_reads(example)
    return tuple(math.copysign(0.0, a) if type(a) is float and bool(subnormal(np.asarray(reads[i])).any())
                 else a for i, a in enumerate(example.args))


def _bfloat16_count(example: Example) -> bool:
    """count_nonzero of bfloat16, eager or under jit, counts a subnormal as nonzero, as NumPy (observed:
    float32's count flushes it, and so does XLA's constant folder for bfloat16)."""
    return "count-nonzero" in example.case.tags and example.mode != "folded" and bool(example.args) \
        and np.asarray(example.args[0]).dtype == BFLOAT16


def _flushes_subnormals(example: Example) -> bool:
    """NUM-SUBNORMAL-FLUSH's trigger: a subnormal meets arithmetic, and no entry that models that
    operation's own handling (pow, atan2 and complex angle, remainders, nextafter) applies; not an
    operation with a constant identity under jit (b + 0, b / 1.0, -1 * b), which XLA folds away (no
    arithmetic: the other operand's bits, subnormal or not, as NumPy's result)."""
    return any_subnormal(example) and identity_operand(example) is None and not (
        "nextafter" in example.case.tags or set_rules_apply(example) or _bfloat16_count(example)
        or _arctan2_of_a_subnormal(example)
        or angle_of_subnormal_imaginary_part(example)
        or _power_with_a_subnormal(example) or _remainder_with_a_subnormal(example))


def _numpy_refuses_the_dtype(example: Example) -> bool:
    error = example.numpy.error
    return error is not None and error.kind() == "TypeError" and (
        "not supported for the input types" in error.message or "did not contain a loop" in error.message)


def _hypot_of_complex_or_gcd_of_non_integers(example: Example) -> bool:
    """What the entry's title says: NumPy refuses hypot of complex inputs or gcd/lcm of non-integers."""
    if not _numpy_refuses_the_dtype(example):
        return False
    kinds = {kind_of(np.asarray(a).dtype) for a in example.args}
    tags = example.case.tags
    if not kinds <= set("biufc"):  # a string or an object: catalogue/non_array.py
        return False
    return ("hypot" in tags and "c" in kinds) or ("gcd" in tags and not kinds <= {"i", "u"})


def _float_power_below_64_bits(example: Example) -> bool:
    dtypes = [np.asarray(a).dtype for a in example.args if is_array_input(a)]
    return "float-power" in example.case.tags and bool(dtypes) and all(
        kind_of(d) in "fc" for d in dtypes) and not any(
        d.name in ("float64", "complex128") for d in dtypes)


def _scalar_half_exponent(example: Example) -> bool:
    """power, float_power, ** or **= of a real float base by one exponent 0.5 (a Python or NumPy scalar,
    a 0-d or one-element array): where NumPy takes the square root instead."""
    tags = example.case.tags
    if not {"power", "float-power"} & tags or len(example.args) != 2 or example.numpy.raised:
        return False
    base, exponent = example.args
    if not is_array_input(base) or kind_of(np.asarray(base).dtype) != "f":
        return False
    return np.size(exponent) == 1 and kind_of(np.asarray(exponent).dtype) == "f" \
        and float(np.asarray(exponent).reshape(-1)[0]) == 0.5


def _exponent_materialized(example: Example) -> tuple:
    """The exponent as a full array of the result's shape: NumPy then calls pow for each element."""
    base, exponent = example.args
    shape = np.broadcast_shapes(np.shape(base), np.shape(exponent))
    dtype = np.asarray(exponent).dtype if is_array_input(exponent) else np.asarray(base).dtype
    return base, np.array(np.broadcast_to(np.asarray(exponent, dtype=dtype), shape))


def _power_with_a_subnormal(example: Example) -> bool:
    """power or float_power through lax.pow (an exponent jnp.power does not read as a constant integer)
    with a subnormal float32, bfloat16 or float64 operand or result; real operands only (a complex power
    is XLA's formula, not the C library's pow: NUM-COMPLEX-POWER-AMPLIFIED-ROUNDING)."""
    tags = example.case.tags
    if not {"power", "float-power"} & tags or len(example.args) < 2 or concrete_scalar_exponent(example):
        return False
    return not any(np.asarray(a).dtype.kind == "c" for a in example.args) and any_subnormal(example)


def _flushed_base(example: Example) -> tuple:
    return flushed_inputs(example, only=(0,))


def _subnormal_base_powers(example: Example, outcome: Outcome) -> Outcome:
    """NUM-SUBNORMAL-FLUSH's model, except where a base that keeps its dtype is subnormal: there pow
    reads it as 2**-150 (float32, bfloat16) or 2**-1075 (float64) (`subnormals.subnormal_base_powers`)."""
    outcome = flushed_outputs(example, outcome)
    if outcome.raised:
        return outcome
    base, exponent = (np.asarray(a) for a in as_numpy_reads(example)[:2])
    power, *rest = outcome.values
    if base.dtype != power.dtype or subnormal_base_log2(base.dtype) is None:
        return outcome  # a converted base: the conversion reads a subnormal as zero
    small = np.broadcast_to(subnormal(base), power.shape)
    exact = subnormal_base_powers(np.broadcast_to(base, power.shape),
                                  np.broadcast_to(exponent, power.shape), power.dtype)
    return replace(outcome, values=(replace(power, array=np.where(small, exact, power.array).astype(
        power.dtype)), *rest))


def _float_power_dtype(example: Example) -> np.dtype:
    return np.result_type(*[np.asarray(a) for a in example.args if is_array_input(a)])


def _float_power_in_its_dtype(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's float64 result in JAX's dtype, or the power computed in that dtype (where an intermediate
    overflows, they differ); a result subnormal in that dtype flushed (NUM-SUBNORMAL-FLUSH: computed
    there, it is written with FTZ)."""
    dtype = _float_power_dtype(example)
    as_is = tuple(np.asarray(a, dtype=dtype) for a in example.args)
    # A Python float is converted to the dtype inside the computation, a conversion that flushes.
    converted = tuple(flush_subnormals(a) if type(original) is float else a
                      for original, a in zip(example.args, as_is, strict=True))
    alternative = []
    for args in (as_is, converted) if float in map(type, example.args) else (as_is,):
        with np.errstate(all="ignore"):
            narrow = capture(lambda args=args: np.power(*args))
        if not narrow.raised:
            alternative.append(flush_subnormals(narrow.values[0].array))
    return map_values(outcome, lambda v: replace(
        v, array=flush_subnormals(v.array.astype(dtype)),
        choices=tuple(a for a in alternative if a.shape == v.shape)))


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
        trigger=gcd_loop_never_ends,
    ),
    KnownDivergence(
        id="NUM-X64-PYTHON-FLOAT-CONVERSION-FLUSHES",
        area="numerics",
        title="With x64 on, a Python float subnormal in the array's float dtype becomes a zero of its sign "
              "before a sign copy or a set",
        numpy="copysign(1.4e-45, float32 -1.0) is -1.4e-45: the Python float takes the array's dtype "
              "(NEP 50) with its value",
        jax="the Python float is a weakly typed float64, converted to float32 inside the computation "
            "(convert_element_type), a conversion that flushes: copysign gives -0.0, in every mode; "
            "x.at[idx].set(1e-40) of float32 or bfloat16 x writes 0.0 eagerly (under jit the constant is "
            "converted while XLA folds it: NumPy's value)",
        why="FTZ on the CPU's conversion (NUM-SUBNORMAL-FLUSH); with x64 off the weak float32 constant is "
            "made on the host and keeps its bits",
        source="observed by this suite, undocumented upstream (flushing: "
               "https://github.com/jax-ml/jax/issues/16200)",
        condition="x64 on; copysign (a sign-bits case), or a set eagerly, with a Python float that is "
                  "subnormal in the float array's dtype (float32, bfloat16, float16)",
        kinds=("values",),
        platforms=("cpu",),
        x64=True,
        trigger=_python_float_subnormal_converted,
        inputs=_python_floats_flushed,
    ),
    KnownDivergence(
        id="NUM-SUBNORMAL-FLUSH",
        area="numerics",
        title="Subnormal floats are flushed to zero",
        numpy="computes with subnormal (denormal) inputs and results, IEEE 754 gradual underflow",
        jax="reads subnormal inputs as zero and writes subnormal results as zero (FTZ/DAZ), "
            "float32 and float64 (bfloat16 too, which XLA computes in float32): NumPy's result on the "
            "flushed inputs, flushed. A selection (maximum, minimum, fmax, fmin, clip, where, heaviside, "
            ".at[].min/max) returns an operand chosen by comparisons that read subnormals as zero, with "
            "its own bits or flushed (lax.max flushes, a select keeps the bits, bfloat16 flushes on its "
            "way back from float32): where candidates tie once flushed, either one. Under jit, a "
            "subnormal Python scalar folded as a constant may be read unflushed ([0j].at[0].power("
            "5e-324+0j) is 0j under jit with x64 on, 1 eagerly): NumPy's result with it unflushed is "
            "the other outcome asserted there; an identity scalar (b + 0, b / 1.0, -1 * b, -0.0 - b) is "
            "folded away under jit, and nothing flushes. Folded (the arrays constants of the jitted "
            "function), what XLA's constant folding evaluates is unflushed and the rest flushed: each "
            "element is the flushed result or NumPy's own",
        why="XLA sets the CPU's flush-to-zero and denormals-are-zero modes for speed; GPUs flush too",
        source="https://github.com/jax-ml/jax/issues/16200 (working as intended); "
               "https://github.com/jax-ml/jax/pull/26668 (Sharp bits note)",
        condition="a case that computes on its float inputs (not a gather, an assignment or a sign copy) "
                  "where an input or NumPy's result holds a subnormal float32/float64/bfloat16 value",
        kinds=("values", "shape"),  # shape: where the result's shape depends on the values (nonzero)
        trigger=_flushes_subnormals,
        inputs=flushed_inputs,
        outputs=flushed_outputs,
    ),
    KnownDivergence(
        id="NUM-POWER-SUBNORMAL-BASE",
        area="numerics",
        title="power reads a subnormal base as 2**-150 (float32) or 2**-1075 (float64)",
        numpy="computes with the subnormal: power(1.4e-45, 0.5) is 3.74e-23 in float32",
        jax="reads every subnormal base as 2**-150 in float32 and bfloat16, 2**-1075 in float64 (negative "
            "for a negative base): power(1.4e-45, 0.5) is 2**-75 = 2.65e-23, power(1.4e-45, -0.5) is "
            "2**75 = 3.78e22 (NumPy 2.67e22); a subnormal exponent is not flushed (power(0, 1.4e-45) is "
            "0, as NumPy's); subnormal results flush",
        why="XLA's CPU backend calls the C library's pow, which normalizes a subnormal x as x * 2**23 (2**52 "
            "in float64) and subtracts 23 (52) from the exponent it reads; under denormals-are-zero that "
            "product is 0, so the exponent read is one below the smallest subnormal's, whatever x is",
        source="observed by this suite, undocumented upstream (glibc sysdeps/ieee754/flt-32/e_powf.c and "
               "dbl-64/e_pow.c: 'Normalize subnormal x so exponent becomes negative'); flushing: "
               "https://github.com/jax-ml/jax/issues/16200",
        condition="power or float_power (an exponent that is not a constant integer) with a subnormal "
                  "float32, bfloat16 or float64 operand or result",
        kinds=("values",),
        platforms=("cpu",),
        trigger=_power_with_a_subnormal,
        inputs=_flushed_base,
        outputs=or_plain_flush_with_python_floats(_subnormal_base_powers),
        notes=_PYTHON_FLOAT_NOTE,
    ),
    KnownDivergence(
        id="NUM-ARCTAN2-SUBNORMAL-Y",
        area="numerics",
        title="arctan2 of a subnormal y follows the C library's branches, not NumPy or a plain flush",
        numpy="computes with the subnormal values: arctan2(-5e-324, -5e-324) is -3*pi/4, "
              "arctan2(1.4e-45, 1.0) is 1.4e-45",
        jax="float32 and bfloat16: +-pi/2 (y's sign) over x == +-0, NaN over a subnormal x, y itself over "
            "x == 1, +-0 over another positive x, +-pi over a negative x; float64: +-pi/2 over a zero or "
            "subnormal x, +-0 over a positive x, -pi over a negative x except +pi for a positive y when "
            "|x| < 2**-966 or x is -inf; elsewhere subnormals flush as NUM-SUBNORMAL-FLUSH",
        why="XLA's CPU backend calls atan2f/atan2 from the C library, whose special cases test the bits "
            "(a subnormal is not zero there) while its arithmetic runs with denormals-are-zero (y / x is "
            "0 / 0 for two subnormals; float64's atan2 rescales tiny operands by 2**500, which zeroes y)",
        source="observed by this suite, undocumented upstream (glibc sysdeps/ieee754/flt-32/e_atan2f.c "
               "and dbl-64/e_atan2.c); flushing: https://github.com/jax-ml/jax/issues/16200",
        condition="arctan2 whose first argument holds a subnormal of the result's dtype",
        platforms=("cpu",),
        kinds=("values",),
        trigger=_arctan2_of_a_subnormal,
        inputs=flushed_inputs,
        outputs=or_plain_flush_with_python_floats(_arctan2_outputs),
        notes=_PYTHON_FLOAT_NOTE,
    ),
    KnownDivergence(
        id="NUM-REMAINDER-SUBNORMAL-DIVIDEND-KEPT",
        area="numerics",
        title="Float remainders keep a subnormal dividend's bits while their corrections flush",
        numpy="computes with the subnormal values: remainder(1.4e-45, -1.0) is -1.0, "
              "divmod(1.4e-45, -1.0) is (-1.0, -1.0)",
        jax="lax.rem (the C library's fmod) returns a subnormal dividend smaller than |y| as it is and "
            "gives NaN for a subnormal divisor; jnp.remainder's and divmod's sign corrections compare and "
            "add with subnormals read as zero: remainder(1.4e-45, -1.0) is 1.4e-45, divmod(1.4e-45, -1.0) "
            "is (-0.0, 1.4e-45); by a subnormal divisor the quotient is the quotient by zero or, in some "
            "fusions (divmod(float32 [1.0], float32 3.6e-41) eagerly), NaN",
        why="fmod works on the bits, the comparisons and additions around it run with FTZ/DAZ",
        source="observed by this suite, undocumented upstream (jax/_src/numpy/ufuncs.py: remainder, "
               "_float_divmod); flushing: https://github.com/jax-ml/jax/issues/16200",
        condition="float remainder, mod, %, fmod, floor_divide, // or divmod with a subnormal input",
        kinds=("values",),
        platforms=("cpu",),
        trigger=_remainder_with_a_subnormal,
        outputs=or_plain_flush_with_python_floats(_remainder_like_jax),
        notes=_PYTHON_FLOAT_NOTE,
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
        trigger=integer_divisor_is_zero,
        outputs=quotient_free_where_divisor_is_zero,
        undefined=LAX_DIV_DOC,
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
        trigger=bool_fmod_by_false,
        inputs=lambda example: map_array_args(example, lambda a: a.astype(np.int32)),
        outputs=free_where(lambda args: np.asarray(args[1]) == 0),
        undefined=LAX_REM_DOC,
    ),
    KnownDivergence(
        id="NUM-INT-NEGATIVE-POWER",
        area="numerics",
        title="Integers to negative integer powers return a value instead of raising",
        numpy="raises ValueError: Integers to negative integer powers are not allowed",
        jax="returns x ** (y & 63) wrapped to the integer type (0 where x is 0), as for every exponent: "
            "jnp.power's binary exponentiation reads 6 bits of the exponent with logical shifts, so -1 "
            "is 63 (2 ** -1 is 0, (-1) ** -1 is -1, 3 ** -1 is 3 ** 63 wrapped)",
        why="JAX as a rule does not raise errors from computations on array values; jnp.power's "
            "docstring calls the value implementation-defined, and _pow_int_int computes it as above",
        source="https://github.com/jax-ml/jax/issues/16898; https://github.com/jax-ml/jax/issues/8866; "
               "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.power.html (\"For a non-concrete "
               "power, the operation is invalid and the returned value is implementation-defined\"); "
               "the value: jax/_src/numpy/ufuncs.py, _pow_int_int",
        condition="integer power whose exponent is an integer array (not a constant jnp.power reads) "
                  "holding a negative value",
        kinds=("error-parity",),
        trigger=negative_integer_power,
        inputs=exponents_low_six_bits,
        outputs=zero_base_stays_zero,
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
        trigger=negative_concrete_exponent,
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
        trigger=python_int_base_concrete_exponent,
        inputs=integer_pow_of_python_int,
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
        trigger=large_python_int_exponent,
        outputs=exact_integer_power,
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
        trigger=division_by_broadcast_scalar,
        outputs=reciprocal_multiplication,
    ),
    KnownDivergence(
        id="NUM-DIVMOD-BY-BROADCAST-SUBNORMAL",
        area="numerics",
        title="divmod by a broadcast subnormal divisor gives a NaN remainder, and for bfloat16 a NaN "
              "quotient",
        numpy="divides by the subnormal: divmod([0, 1], 9.2e-41) is ([0, inf], [0, 0]) in bfloat16",
        jax="reads the divisor as zero: the remainder is NaN wherever the divisor is subnormal, the "
            "quotient NaN (bfloat16) or the quotient by zero ([nan, inf] in float32) there",
        why="FTZ/DAZ (NUM-SUBNORMAL-FLUSH) inside _float_divmod, whose quotient by a broadcast divisor "
            "XLA computes by its reciprocal (NUM-DIVIDE-BY-BROADCAST-SCALAR-RECIPROCAL)",
        source="observed by this suite, undocumented upstream",
        condition="divmod of floats whose divisor is broadcast against the numerator and holds a "
                  "subnormal (NumPy's outcome at the other elements)",
        kinds=("values",),
        platforms=("cpu",),
        trigger=divmod_by_broadcast_subnormal,
        outputs=divmod_nan_or_by_zero,
    ),
    KnownDivergence(
        id="NUM-FLOOR-DIVIDE-BY-SUBNORMAL-CONSTANT-JIT",
        area="numerics",
        title="Under jit, floor division by a subnormal Python float gives NaN",
        numpy="divides by the subnormal: 0.0 // 6e-08 is 0 in float16, 1.0 // 9e-41 is inf",
        jax="gives NaN or the quotient by a zero of the divisor's sign (+-inf) in each element: 0.0 // "
            "6e-08 is NaN and 1.0 // 6e-08 is inf in float16; with jax 0.12 bfloat16 and float32 are "
            "NaN everywhere. The divisor is a compile-time constant, and XLA's rewrite of the division "
            "(its reciprocal overflows) meets the remainder's path; divmod's remainder is NaN (float16: "
            "NumPy's, as float16 computes in float32 where its subnormals are normal)",
        why="floor division is JAX's _float_divmod, whose quotient XLA computes by the constant's "
            "reciprocal",
        source="observed by this suite, undocumented upstream",
        condition="floor_divide, // or divmod under jit whose divisor is a Python float that is subnormal "
                  "in the numerator's float dtype",
        kinds=("values",),
        trigger=floor_division_by_subnormal_constant,
        outputs=nan_or_signed_infinity,
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
        trigger=nextafter_equal_when_flushed,
        outputs=nextafter_returns_y_where_flushed_equal,
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
        kinds=("dtype", "values"),
        trigger=lambda example: "nextafter" in example.case.tags and any(
            np.asarray(a).dtype == BFLOAT16 for a in example.args),
        outputs=lambda example, outcome: Outcome((Value(bfloat16_nextafter(*example.args)),)),
    ),
    KnownDivergence(
        id="NUM-INT-POWER-EXPONENT-LOW-BITS",
        area="numerics",
        title="An integer power with an array exponent of 64 or more uses the exponent's low 6 bits",
        numpy="computes x ** y exactly, wrapped modulo 2**bits (exponentiation by squaring)",
        jax="computes x ** (y & 63), wrapped the same way (0 where x is 0): 3 ** 64 is 1, 2 ** 64 is 1; "
            "the wrapped result of every exponent below 64 is NumPy's",
        why="jnp.power's integer path (_pow_int_int) runs a fixed 6 squarings (\"Anything more would "
            "overflow for any x1 > 1\"), which misses the exponents where x ** y wraps to something else",
        source="observed by this suite, undocumented upstream (jax/_src/numpy/ufuncs.py, _pow_int_int); "
               "integer overflow: https://github.com/jax-ml/jax/issues/10692",
        condition="integer power whose exponent is an integer array (not a constant jnp.power reads) "
                  "holding a value of 64 or more",
        kinds=("values",),
        trigger=exponent_beyond_six_bits,
        inputs=exponents_low_six_bits,
        outputs=zero_base_stays_zero,
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
        trigger=bool_zero_by_zero,
        outputs=bool_quotient_in_float32,
    ),
    KnownDivergence(
        id="NUM-POWER-HALF-IS-POW-NOT-SQRT",
        area="numerics",
        title="x ** 0.5 is pow, not the square root: (-0.0) ** 0.5 is +0.0 and (-inf) ** 0.5 is +inf",
        numpy="takes the square root for one scalar exponent 0.5: the ** and **= operators of every float "
              "dtype (fast_scalar_power) and np.power of float32 and float64: (-0.0) ** 0.5 is -0.0, "
              "(-inf) ** 0.5 is NaN; with an exponent array of 0.5s it calls pow (+0.0, +inf)",
        jax="computes pow as C99 Annex F specifies, whatever the exponent's form: pow(-0, 0.5) is +0.0, "
            "pow(-inf, 0.5) is +inf; every other value as NumPy",
        why="NumPy's shortcut replaces pow(x, 0.5) by sqrt(x), which differs at -0.0 and -inf",
        source="observed by this suite, undocumented upstream (numpy/_core/src/multiarray/number.c, "
               "fast_scalar_power; C99 F.9.4.4 for pow)",
        condition="power, float_power, ** or **= of a real float array by a single exponent 0.5",
        kinds=("values",),
        trigger=_scalar_half_exponent,
        inputs=_exponent_materialized,
        notes="import numpy as np, jax.numpy as jnp; x = np.float32([-0.0, -np.inf]); print(jnp.power(x, "
              "0.5), np.power(x, 0.5), np.power(x, np.full(2, 0.5, np.float32)))",
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
        condition="hypot of a complex input or gcd/lcm of a non-integer input, which NumPy refuses with "
                  "TypeError",
        kinds=("error-kind",),
        trigger=_hypot_of_complex_or_gcd_of_non_integers,
        outputs=raises("ValueError", r"Arguments to jax\.numpy\.(gcd|lcm) must be integers"
                                     r"|jnp\.hypot is not well defined for complex-valued inputs"),
    ),
)

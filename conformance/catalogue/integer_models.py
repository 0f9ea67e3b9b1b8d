"""Models of integer arithmetic in jax.numpy (division by zero, integer powers, gcd's loop), for the
numerics catalogue (`numerics.py`)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from conformance.catalogue.dtypes import wrap_int
from conformance.catalogue.models import map_values
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.runner import is_array_input


def integer_divisor_is_zero(example: Example) -> bool:
    if "integer-division" not in example.case.tags or len(example.args) < 2:
        return False
    numerator, divisor = np.asarray(example.args[0]), np.asarray(example.args[1])
    # bool // bool divides in integers too (int8 in NumPy, int32 in JAX)
    integers = divisor.dtype.kind in "iu" or (divisor.dtype.kind == "b" and numerator.dtype.kind in "biu")
    return integers and bool(np.any(divisor == 0))


def quotient_free_where_divisor_is_zero(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's values, any value in the quotient where the divisor is 0 (lax.div's documented
    implementation-defined value). divmod's remainder stays NumPy's 0: jnp.remainder divides integers by
    1 where the divisor is 0."""
    if outcome.raised:
        return outcome
    zero = np.asarray(example.args[1]) == 0
    quotient_only = "quotient-remainder" in example.case.tags
    values = tuple(v if quotient_only and i > 0 else replace(
        v, free=np.broadcast_to(zero, v.shape) | (False if v.free is None else v.free))
        for i, v in enumerate(outcome.values))
    return replace(outcome, values=values)


def bool_fmod_by_false(example: Example) -> bool:
    if "fmod" not in example.case.tags or len(example.args) != 2:
        return False
    numerator, divisor = (np.asarray(a) for a in example.args)
    return numerator.dtype.kind == divisor.dtype.kind == "b" and not bool(divisor.all())


def integer_power_operands(example: Example) -> tuple[np.ndarray, np.ndarray] | None:
    """Base and exponent of an integer power that jnp.power computes with `_pow_int_int` (an integer or
    bool base, an integer exponent it cannot read as a constant); None for any other example."""
    if "power" not in example.case.tags or len(example.args) < 2 or concrete_scalar_exponent(example):
        return None
    base, exponent = (np.asarray(a) for a in example.args[:2])
    if base.dtype.kind not in "iub" or exponent.dtype.kind not in "iu":
        return None
    return base, exponent


def negative_integer_power(example: Example) -> bool:
    operands = integer_power_operands(example)
    return operands is not None and bool(np.any(operands[1] < 0))


def exponent_beyond_six_bits(example: Example) -> bool:
    operands = integer_power_operands(example)
    return operands is not None and not example.numpy.raised and bool(np.any(operands[1] >= 64))


def exponents_low_six_bits(example: Example) -> tuple:
    """The exponent as `_pow_int_int` reads it: six squarings, each consuming one bit from a logical
    shift, so only its low 6 bits count (two's complement for a negative exponent: -1 is 63)."""
    base, exponent, *rest = example.args
    exponent = np.asarray(exponent)
    low = (exponent.astype(np.int64) & 63).astype(exponent.dtype)
    return (base, low, *rest)


def zero_base_stays_zero(example: Example, outcome: Outcome) -> Outcome:
    """`_pow_int_int` starts from 0 where the base is 0 and the exponent is not: 0 ** 64 is 0, not 1."""
    base, exponent = (np.asarray(a) for a in example.args[:2])
    zero = (base == 0) & (exponent != 0)
    return map_values(outcome, lambda v: replace(
        v, array=np.where(np.broadcast_to(zero, v.shape), 0, v.array).astype(v.dtype)))


def concrete_scalar_exponent(example: Example) -> bool:
    """jnp.power takes lax.integer_pow for an exponent it can read: a Python int, or in eager mode an
    integer 0-d array."""
    exponent = example.args[1]
    if type(exponent) is int:
        return True
    return example.mode == "eager" and is_array_input(exponent) and np.ndim(exponent) == 0 and (
        np.asarray(exponent).dtype.kind in "iu")


def negative_concrete_exponent(example: Example) -> bool:
    if "power" not in example.case.tags or not concrete_scalar_exponent(example):
        return False
    base, exponent = example.args[:2]
    return int(exponent) < 0 and np.asarray(base).dtype.kind in "iu"


def large_python_int_exponent(example: Example) -> bool:
    if "power" not in example.case.tags:
        return False
    base, exponent = example.args[:2]
    if type(exponent) is not int or exponent < 0:
        return False
    dtype = np.asarray(base).dtype
    return dtype.kind in "iu" and exponent > np.iinfo(dtype).max


def exact_integer_power(example: Example, outcome):
    base, exponent = np.asarray(example.args[0]), example.args[1]
    bits = np.iinfo(base.dtype).bits
    powers = [pow(int(b), exponent, 2**bits) for b in base.reshape(-1).tolist()]
    if base.dtype.kind == "i":
        powers = [p - 2**bits if p >= 2 ** (bits - 1) else p for p in powers]
    return Outcome((Value(np.array(powers, dtype=base.dtype).reshape(base.shape)),))


def python_int_base_concrete_exponent(example: Example) -> bool:
    return ("power" in example.case.tags and type(example.args[0]) is int
            and is_array_input(example.args[1]) and concrete_scalar_exponent(example))


def integer_pow_of_python_int(example: Example) -> tuple:
    base, exponent = example.args[:2]
    dtype = np.int64 if example.env.x64 else np.int32
    return (np.asarray(base).astype(dtype), int(exponent))




def integers_as_jax_reads_them(args: tuple) -> list[np.ndarray]:
    """The operands as JAX computes with them: a Python int takes the integer array's dtype, keeping its
    low bits (a weak type: 2**31 with an int32 array is INT_MIN, whatever NumPy says of it)."""
    dtypes = [np.asarray(a).dtype for a in args if is_array_input(a)]
    if len(dtypes) != 1 or dtypes[0].kind not in "iu":
        return [np.asarray(a) for a in args]
    return [np.asarray(wrap_int(a, dtypes[0]), dtypes[0]) if type(a) is int else np.asarray(a)
            for a in args]


def gcd_loop_never_ends(example: Example) -> bool:
    """jnp.gcd's loop replayed in NumPy: x1, x2 = |a|, |b|; while any(x2 != 0): x1, x2 = x2, x1 % x2,
    sorted so x1 >= x2. abs() wraps INT_MIN to itself, and the loop can then cycle forever."""
    if "gcd" not in example.case.tags or len(example.args) != 2:
        return False
    a, b = integers_as_jax_reads_them(example.args)
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



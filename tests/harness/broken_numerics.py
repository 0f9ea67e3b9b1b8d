"""Namespaces with one planted numerics bug each, next to a catalogue entry that must not explain it.

Each bug sits where an entry's trigger holds (subnormals, division by zero, integer powers, refused
dtypes), so the suite catches it only if that entry's model asserts what JAX returns.
"""

import jax
import jax.numpy as jnp
import numpy as np

from tests.harness.broken import BrokenNamespace

# Exponent and mantissa masks of each float dtype's bits: a subnormal has a zero exponent field and a
# non-zero mantissa. Read from the bits, because a float comparison reads a subnormal as zero (FTZ/DAZ).
_FIELDS = {2: (0x7C00, 0x03FF), 4: (0x7F800000, 0x007FFFFF), 8: (0x7FF0000000000000, 0x000FFFFFFFFFFFFF)}
_BFLOAT16_FIELDS = (0x7F80, 0x007F)


def _is_subnormal(x) -> jax.Array:
    x = jnp.asarray(x)
    if not jnp.issubdtype(x.dtype, jnp.floating):
        return jnp.zeros(x.shape, bool)
    exponent, mantissa = _BFLOAT16_FIELDS if x.dtype == jnp.bfloat16 else _FIELDS[x.dtype.itemsize]
    unsigned = {2: jnp.uint16, 4: jnp.uint32, 8: jnp.uint64}[x.dtype.itemsize]
    bits = jax.lax.bitcast_convert_type(x, unsigned)
    return ((bits & unsigned(exponent)) == 0) & ((bits & unsigned(mantissa)) != 0)


def _multiply_nan_at_subnormals(a, b):
    """NaN wherever a real float operand is subnormal (a kernel that mishandles denormals)."""
    out = jnp.multiply(a, b)
    if not jnp.issubdtype(out.dtype, jnp.floating):
        return out
    return jnp.where(_is_subnormal(a) | _is_subnormal(b), jnp.nan, out).astype(out.dtype)


def _bitwise_and_valueerror(a, b):
    """Floats refused with a ValueError that reuses gcd's message (a shared dtype check, copied)."""
    if any(jnp.issubdtype(jnp.result_type(x), jnp.inexact) for x in (a, b)):
        raise ValueError("Arguments to jax.numpy.gcd must be integers.")
    return jnp.bitwise_and(a, b)


def _divmod_remainder_minus_one_by_zero(a, b):
    """divmod of integers with a remainder of -1 where the divisor is 0 (NumPy's and JAX's: 0)."""
    quotient, remainder = jnp.divmod(a, b)
    if not jnp.issubdtype(remainder.dtype, jnp.integer):
        return quotient, remainder
    return quotient, jnp.where(jnp.asarray(b) == 0, -1, remainder).astype(remainder.dtype)


def _power_overflow_off_by_one(a, b):
    """An integer power one too large wherever the exact result does not fit the dtype."""
    out = jnp.power(a, b)
    if not jnp.issubdtype(out.dtype, jnp.integer):
        return out
    try:  # the planted bug only: a Python int that jnp.asarray refuses alone is not it
        magnitude = jnp.abs(jnp.asarray(a).astype(jnp.float32)) ** jnp.asarray(b).astype(jnp.float32)
    except OverflowError:
        return out
    return jnp.where(magnitude > jnp.iinfo(out.dtype).max, out + 1, out).astype(out.dtype)


def _power_zero_for_negative_exponents(a, b):
    """0 for every integer to a negative power, 1 and -1 included (JAX gives 1 ** -1 = 1)."""
    out = jnp.power(a, b)
    if not jnp.issubdtype(out.dtype, jnp.integer):
        return out
    return jnp.where(jnp.asarray(b) < 0, 0, out).astype(out.dtype)


def _power_flushes_subnormal_base(a, b):
    """A subnormal base read as zero, as a naive FTZ model would have it (JAX reads 2**-150)."""
    out = jnp.power(a, b)
    if not jnp.issubdtype(out.dtype, jnp.floating) or not jnp.issubdtype(jnp.result_type(a), jnp.floating):
        return out
    return jnp.where(_is_subnormal(a), jnp.power(jnp.zeros_like(out), b), out).astype(out.dtype)


MULTIPLY_NAN_AT_SUBNORMALS = BrokenNamespace("multiply gives NaN where an operand is subnormal",
                                             multiply=_multiply_nan_at_subnormals)
BITWISE_AND_VALUEERROR = BrokenNamespace("bitwise_and of floats raises ValueError",
                                         bitwise_and=_bitwise_and_valueerror)
DIVMOD_REMAINDER_BY_ZERO = BrokenNamespace("divmod's remainder by an integer 0 is -1",
                                           divmod=_divmod_remainder_minus_one_by_zero)
POWER_OVERFLOW_OFF_BY_ONE = BrokenNamespace("integer power that overflows is one too large",
                                            power=_power_overflow_off_by_one)
POWER_NEGATIVE_EXPONENT_ZERO = BrokenNamespace("integer to a negative power is always 0",
                                               power=_power_zero_for_negative_exponents)
POWER_FLUSHES_SUBNORMAL_BASE = BrokenNamespace("power reads a subnormal base as zero",
                                               power=_power_flushes_subnormal_base)

# The issue's two real-JAX examples: power of float32's smallest subnormal to +-0.5.
SMALLEST_SUBNORMAL = np.float32(1.4e-45)

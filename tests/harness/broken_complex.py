"""Namespaces with one planted bug each in jax.numpy's complex arithmetic, next to a documented complex
divergence (conformance/catalogue/complex_values.py, complex_inverse.py): each must be reported NEW, not
explained by it."""

import jax
import jax.numpy as jnp

from tests.harness.broken import BrokenNamespace


def _is_complex(*operands) -> bool:
    return any(jnp.iscomplexobj(x) for x in operands)


def _power_of_one_is_zero(a, b):
    """1+0j ** b is 0 where |b| > 1000 (the answer is 1): a power that loses a unit base's exactness."""
    out = jnp.power(a, b)
    if not _is_complex(a, b):
        return out
    return jnp.where((jnp.asarray(a) == 1) & (jnp.abs(jnp.asarray(b)) > 1000), 0, out).astype(out.dtype)


def _logaddexp_zeros(a, b):
    """Complex inputs give zeros."""
    out = jnp.logaddexp(a, b)
    return jnp.zeros_like(out) if jnp.iscomplexobj(out) else out


def _maximum_12345_at_nan(a, b):
    """Complex maximum gives 12345 where an operand holds a NaN."""
    out = jnp.maximum(a, b)
    if not jnp.iscomplexobj(out):
        return out
    return jnp.where(jnp.isnan(jnp.asarray(a)) | jnp.isnan(jnp.asarray(b)), 12345, out).astype(out.dtype)


def _divide_infinite_numerator_is_zero(a, b):
    """Complex division of an infinite numerator by a finite divisor gives 0 (inf+0j / 2 is inf+nanj)."""
    out = jnp.divide(a, b)
    if not jnp.iscomplexobj(out):
        return out
    zero = jnp.isinf(jnp.asarray(a)) & jnp.isfinite(jnp.asarray(b))
    return jnp.where(zero, 0, out).astype(out.dtype)


def _less_true_at_nan(a, b):
    """Complex less gives True wherever an operand holds a NaN (JAX's order gives False at a NaN real
    part)."""
    out = jnp.less(a, b)
    if not _is_complex(a, b):
        return out
    return out | jnp.isnan(jnp.asarray(a)) | jnp.isnan(jnp.asarray(b))


def _power_of_zero_is_one(a, b):
    """0j ** b is 1 for every b (XLA's cut-offs give 0 for a real b > 0, NaN for most others)."""
    out = jnp.power(a, b)
    if not _is_complex(a, b):
        return out
    return jnp.where(jnp.asarray(a) == 0, 1, out).astype(out.dtype)


def _arctan2_conjugated(y, x):
    """Complex arctan2 returns the conjugate of its value."""
    out = jnp.arctan2(y, x)
    return jnp.conj(out) if jnp.iscomplexobj(out) else out


POWER_OF_ONE = BrokenNamespace("complex power of 1+0j with |b| > 1000 is 0", power=_power_of_one_is_zero)
LOGADDEXP_ZEROS = BrokenNamespace("complex logaddexp returns zeros", logaddexp=_logaddexp_zeros)
MAXIMUM_AT_NAN = BrokenNamespace("complex maximum is 12345 where an operand is NaN",
                                 maximum=_maximum_12345_at_nan)
DIVIDE_INFINITE = BrokenNamespace("complex inf / finite is 0", divide=_divide_infinite_numerator_is_zero)
LESS_AT_NAN = BrokenNamespace("complex less is True at a NaN", less=_less_true_at_nan)
POWER_OF_ZERO = BrokenNamespace("complex 0j ** b is 1", power=_power_of_zero_is_one)
ARCTAN2_CONJUGATED = BrokenNamespace("complex arctan2 is conjugated", arctan2=_arctan2_conjugated)


# -- the unary rows of catalogue/complex_inverse.py ---------------------------------------------------
def _conjugated(name: str):
    """jnp.<name> with a complex result conjugated: the other side of a branch cut, where the entry
    documents which side JAX picks."""
    def broken(x):
        out = getattr(jnp, name)(x)
        return jnp.conj(out) if jnp.iscomplexobj(out) else out
    return broken


def _log1p_angle_of_z(x):
    """Complex log1p's imaginary part is the angle of z, not of 1 + z."""
    out = jnp.log1p(x)
    if not jnp.iscomplexobj(out):
        return out
    return jax.lax.complex(out.real, jnp.angle(x).astype(out.real.dtype))


def _sinc_unnormalized(x):
    """Complex sinc is sin(z) / z (NumPy's and JAX's are normalized: sin(pi z) / (pi z))."""
    out = jnp.sinc(x)
    if not jnp.iscomplexobj(out):
        return out
    return jnp.where(x == 0, out, jnp.sin(x) / jnp.where(x == 0, 1, x)).astype(out.dtype)


ARCSIN_CONJUGATED = BrokenNamespace("complex arcsin is conjugated", arcsin=_conjugated("arcsin"))
ARCCOSH_CONJUGATED = BrokenNamespace("complex arccosh is conjugated", arccosh=_conjugated("arccosh"))
ARCTAN_CONJUGATED = BrokenNamespace("complex arctan is conjugated", arctan=_conjugated("arctan"))
LOG1P_ANGLE_OF_Z = BrokenNamespace("complex log1p's angle is z's", log1p=_log1p_angle_of_z)
SINC_UNNORMALIZED = BrokenNamespace("complex sinc is sin(z) / z", sinc=_sinc_unnormalized)

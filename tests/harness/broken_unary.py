"""Namespaces with one planted bug in a unary function each: the two the issue names (a floor that
truncates, a sign that loses -0.0's sign), and one next to each entry of `conformance/catalogue/unary.py`,
which its model must not explain (a bug that does what NumPy does where the entry documents otherwise
is a vanished divergence, which fails the run like a new one)."""

import jax.numpy as jnp
import numpy as np

from tests.harness.broken import BrokenNamespace
from tests.harness.broken_numerics import _is_subnormal


def _floating(x) -> bool:
    return jnp.issubdtype(jnp.result_type(x), jnp.floating)


def _sign_positive_zero(x):
    """+0.0 for both zeros (NumPy's rule; lax.sign keeps -0.0)."""
    out = jnp.sign(x)
    return jnp.where(out == 0, jnp.zeros_like(out), out) if _floating(out) else out


def _reciprocal_truncates(x):
    """Integers: the float result of 1 // x (NumPy's integer values, JAX's float dtype)."""
    out = jnp.reciprocal(x)
    if jnp.issubdtype(jnp.result_type(x), jnp.floating) or not _floating(out):
        return out
    return jnp.trunc(out)


def _conj_bool_int8(x):
    return jnp.conj(x).astype(jnp.int8) if jnp.result_type(x) == jnp.bool_ else jnp.conj(x)


def _positive_refuses_bool(x):
    if jnp.result_type(x) == jnp.bool_:
        raise TypeError("ufunc 'positive' did not contain a loop with signature matching types")
    return jnp.positive(x)


def _round_bool_typeerror(x, decimals=0):
    if jnp.result_type(x) == jnp.bool_:
        raise TypeError("round of bool")
    return jnp.round(x, decimals=decimals)


def _round_int_negative_returns_input(x, decimals=0):
    if jnp.issubdtype(jnp.result_type(x), jnp.integer) and decimals < 0:
        return jnp.asarray(x)
    return jnp.round(x, decimals=decimals)


def _round_half_away(x, decimals=0):
    """Half away from zero (JAX and NumPy round half to even: round(-2.5) is -2.0)."""
    if not _floating(x):
        return jnp.round(x, decimals=decimals)
    factor = jnp.asarray(10.0 ** decimals, jnp.result_type(x))
    scaled = jnp.asarray(x) * factor
    return (jnp.sign(scaled) * jnp.floor(jnp.abs(scaled) + 0.5) / factor).astype(jnp.result_type(x))


def _spacing_typeerror(x):
    if jnp.issubdtype(jnp.result_type(x), jnp.complexfloating):
        raise TypeError("ufunc 'spacing' not supported for the input types")
    return jnp.spacing(x)


def _deg2rad_by_parts(x):
    """Complex inputs: each part scaled on its own (an infinite part leaves the other part alone)."""
    x = jnp.asarray(x)
    if not jnp.issubdtype(x.dtype, jnp.complexfloating):
        return jnp.deg2rad(x)
    return jnp.deg2rad(x.real) + 1j * jnp.deg2rad(x.imag)


def _modf_signed_fraction(x):
    """C's modf: the fraction keeps x's sign (-1.0 gives -0.0); NumPy's rule."""
    fraction, whole = jnp.modf(x)
    return jnp.where(fraction == 0, jnp.copysign(jnp.zeros_like(fraction), x), fraction), whole


def _frexp_keeps_float32_subnormals(x):
    """float32 subnormals returned as (x, 0), bfloat16's rule (float32 gives (+-0.5, -149))."""
    mantissa, exponent = jnp.frexp(x)
    if jnp.result_type(x) != jnp.float32:
        return mantissa, exponent
    small = _is_subnormal(x)
    return jnp.where(small, jnp.asarray(x), mantissa), jnp.where(small, 0, exponent)


def _arcsin_of_tiny_is_tiny(x):
    """arcsin(x) = x for |x| below twice the smallest normal (NumPy's value)."""
    out = jnp.arcsin(x)
    if jnp.result_type(x) not in (jnp.bfloat16, jnp.float32, jnp.float64):
        return out
    tiny = jnp.finfo(jnp.float32 if jnp.result_type(x) == jnp.bfloat16 else jnp.result_type(x)).tiny
    return jnp.where(jnp.abs(jnp.asarray(x)) < 2 * tiny, jnp.asarray(x), out)


def _cbrt_flushes(x):
    """cbrt of a float32 (or bfloat16) subnormal is a zero of its sign (a naive flush model)."""
    out = jnp.cbrt(x)
    if jnp.result_type(x) not in (jnp.bfloat16, jnp.float32):
        return out
    return jnp.where(_is_subnormal(x), jnp.copysign(jnp.zeros_like(out), x), out)


def _angle_keeps_0d_dtype(x):
    out = jnp.angle(x)
    return out.astype(jnp.result_type(x)) if np.ndim(x) == 0 and _floating(x) else out


FLOOR_TRUNCATES = BrokenNamespace("floor truncates negative values toward zero", floor=jnp.trunc)
SIGN_POSITIVE_ZERO = BrokenNamespace("sign returns +0.0 for -0.0", sign=_sign_positive_zero)
RECIPROCAL_TRUNCATES = BrokenNamespace("reciprocal of integers truncates", reciprocal=_reciprocal_truncates)
CONJ_BOOL_INT8 = BrokenNamespace("conj of bools returns int8", conj=_conj_bool_int8)
POSITIVE_REFUSES_BOOL = BrokenNamespace("positive refuses bools", positive=_positive_refuses_bool)
ROUND_BOOL_TYPEERROR = BrokenNamespace("round of bools raises TypeError", round=_round_bool_typeerror)
ROUND_INT_NEGATIVE_DECIMALS = BrokenNamespace("round of integers ignores negative decimals",
                                              round=_round_int_negative_returns_input)
ROUND_HALF_AWAY = BrokenNamespace("round rounds half away from zero", round=_round_half_away)
SPACING_TYPEERROR = BrokenNamespace("spacing refuses complex with TypeError", spacing=_spacing_typeerror)
DEG2RAD_BY_PARTS = BrokenNamespace("deg2rad scales complex parts apart", deg2rad=_deg2rad_by_parts)
MODF_SIGNED_FRACTION = BrokenNamespace("modf's zero fraction keeps x's sign", modf=_modf_signed_fraction)
FREXP_KEEPS_SUBNORMALS = BrokenNamespace("frexp returns float32 subnormals as (x, 0)",
                                         frexp=_frexp_keeps_float32_subnormals)
ARCSIN_OF_TINY = BrokenNamespace("arcsin of tiny values is the value", arcsin=_arcsin_of_tiny_is_tiny)
CBRT_FLUSHES = BrokenNamespace("cbrt flushes float32 and bfloat16 subnormals", cbrt=_cbrt_flushes)
ANGLE_KEEPS_0D_DTYPE = BrokenNamespace("angle of a 0-d float keeps its dtype", angle=_angle_keeps_0d_dtype)


def _isscalar_like_numpy(x):
    return jnp.isscalar(x) and getattr(x, "ndim", 0) == 0 and not hasattr(x, "shape")


def _size_ignores_empty_axes(x, axis=None):
    return int(np.prod([n for n in jnp.shape(x) if n])) if axis is None else jnp.size(x, axis)


ISSCALAR_LIKE_NUMPY = BrokenNamespace("isscalar of a 0-d array is False, as in NumPy",
                                      isscalar=_isscalar_like_numpy)
SIZE_IGNORES_EMPTY_AXES = BrokenNamespace("size skips axes of length 0", size=_size_ignores_empty_axes)

"""Namespaces with one planted bug in the polydiv and interp rows (registry/polynomials.py): the ones the
issue names (a polydiv whose remainder keeps u's leading term, an interp that ignores left and right,
that extrapolates linearly, that returns fp[i] instead of interpolating), results off by a relative
2**-10, and next to entries of `conformance/catalogue/polynomials.py` namespaces that do what NumPy
does (the entry then vanishes, or the example is new)."""

import jax.numpy as jnp

from tests.harness.broken import BrokenNamespace


def _polydiv_keeping_the_leading_term(u, v):
    q, r = jnp.polydiv(u, v)
    return q, r.at[0].set(jnp.asarray(u, r.dtype)[0]) if r.shape[0] else r


def _polydiv_quotient_off(u, v):
    q, r = jnp.polydiv(u, v)
    return q * jnp.asarray(1 + 2.0**-10, q.dtype), r


def _polydiv_trimmed(u, v):
    return jnp.polydiv(u, v, trim_leading_zeros=True)  # eager only


def _polydiv_by_plus_zero(u, v):
    """NumPy's `u + 0.0` and `v + 0.0` for float and complex arrays: a -0.0 becomes +0.0."""
    u, v = (jnp.asarray(a) for a in (u, v))
    return jnp.polydiv(*(a + 0 if jnp.issubdtype(a.dtype, jnp.inexact) else a for a in (u, v)))


def _polydiv_refusing_empty(u, v):
    if jnp.asarray(u).shape[0] == 0:
        raise IndexError("index 0 is out of bounds for axis 0 with size 0")
    return jnp.polydiv(u, v)


POLYDIV_KEEPS_LEADING_TERM = BrokenNamespace("polydiv's remainder keeps u's leading term",
                                             polydiv=_polydiv_keeping_the_leading_term)
POLYDIV_QUOTIENT_OFF = BrokenNamespace("polydiv's quotient is 2**-10 too large",
                                       polydiv=_polydiv_quotient_off)
# what NumPy does, where an entry says JAX differs
POLYDIV_TRIMMED = BrokenNamespace("polydiv trims its remainder (trim_leading_zeros=True)",
                                  polydiv=_polydiv_trimmed)
POLYDIV_BY_PLUS_ZERO = BrokenNamespace("polydiv adds 0.0 to u and v, as NumPy does",
                                       polydiv=_polydiv_by_plus_zero)
POLYDIV_REFUSES_EMPTY = BrokenNamespace("polydiv of an empty u raises IndexError, as NumPy's",
                                        polydiv=_polydiv_refusing_empty)


def _interp_ignoring_left_and_right(x, xp, fp, left=None, right=None, period=None):
    return jnp.interp(x, xp, fp, period=period)


def _interp_extrapolating(x, xp, fp, left=None, right=None, period=None):
    return jnp.interp(x, xp, fp, left="extrapolate", right="extrapolate", period=period)


def _interp_without_interpolating(x, xp, fp, left=None, right=None, period=None):
    """fp at the point of xp below x (or the first), not the line to the next point."""
    xp = jnp.asarray(xp)
    below = xp[jnp.clip(jnp.searchsorted(xp, x, side="right") - 1, 0, xp.shape[0] - 1)] if xp.shape[0] else x
    return jnp.interp(below, xp, fp, left=left, right=right, period=period)


def _interp_off(x, xp, fp, left=None, right=None, period=None):
    result = jnp.interp(x, xp, fp, left=left, right=right, period=period)
    return result * jnp.asarray(1 + 2.0**-10, result.dtype)


def _interp_last_point_as_numpy(x, xp, fp, left=None, right=None, period=None):
    """NumPy's fp[-1] at x = xp[-1] and NaN for a NaN x, where xp's last two points are equal."""
    result = jnp.interp(x, xp, fp, left=left, right=right, period=period)
    xp, fp = jnp.asarray(xp), jnp.asarray(fp)
    if period is not None or xp.shape[0] < 2:
        return result
    repeated = xp[-1] == xp[-2]
    result = jnp.where(repeated & (x == xp[-1]), fp[-1].astype(result.dtype), result)
    return jnp.where(repeated & jnp.isnan(x), jnp.nan, result)


def _interp_refusing_empty_and_zero_period(x, xp, fp, left=None, right=None, period=None):
    if period is not None and period == 0:
        raise ValueError("period must be a non-zero value")
    if jnp.shape(xp)[0] == 0:
        raise ValueError("array of sample points is empty")
    return jnp.interp(x, xp, fp, left=left, right=right, period=period)


INTERP_IGNORES_LEFT_RIGHT = BrokenNamespace("interp ignores left and right",
                                            interp=_interp_ignoring_left_and_right)
INTERP_EXTRAPOLATES = BrokenNamespace("interp extrapolates linearly", interp=_interp_extrapolating)
INTERP_RETURNS_FP = BrokenNamespace("interp returns fp at the point below x, not interpolating",
                                    interp=_interp_without_interpolating)
INTERP_OFF = BrokenNamespace("interp is 2**-10 too large", interp=_interp_off)
# what NumPy does, where an entry says JAX differs
INTERP_LAST_POINT_AS_NUMPY = BrokenNamespace("interp returns fp[-1] at a repeated last point, as NumPy",
                                             interp=_interp_last_point_as_numpy)
INTERP_REFUSES = BrokenNamespace("interp refuses an empty xp and period 0, as NumPy",
                                 interp=_interp_refusing_empty_and_zero_period)

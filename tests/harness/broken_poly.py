"""Namespaces with one planted bug in the polynomial and window rows (registry/polynomials.py): the ones
the issue names (a polyfit with reversed coefficients, a polyval that evaluates reversed coefficients, a
hanning window off by one sample, roots missing one root), results off by a relative 2**-10 or past the
flush model, and next to entries of `conformance/catalogue/polynomials.py` namespaces that do what NumPy
does (the entry then vanishes, or the example is new)."""

import jax.numpy as jnp
import numpy as np

from tests.harness.broken import BrokenNamespace


def _polyfit_reversed(x, y, deg, w=None):
    return jnp.polyfit(x, y, deg, w=w)[::-1]


def _polyval_reversed(p, x):
    return jnp.polyval(jnp.asarray(p)[::-1], x)


def _hanning_off_by_one(M):
    return jnp.hanning(M + 1)[:M]  # the samples of a window one longer


def _roots_missing_one(p):
    return jnp.roots(p)[1:]


def _polymul_off(a1, a2):
    result = jnp.polymul(a1, a2)
    return result * jnp.asarray(1 + 2.0**-10).astype(result.dtype)


def _polyval_off_by_the_smallest_normal(p, x):
    result = jnp.polyval(p, x)
    return result + 8 * jnp.finfo(result.dtype).tiny if jnp.issubdtype(result.dtype, jnp.inexact) else result


def _polyder_ignoring_m(p, m=1):
    return jnp.polyder(p)


def _polyint_ignoring_k(p, m=1, k=None):
    return jnp.polyint(p, m=m)


def _kaiser_ignoring_beta(M, beta):
    return jnp.kaiser(M, 0.0)


def _roots_in_float32(p):
    """roots of float16 and bfloat16 computed in float32 (NumPy refuses float16, computes bfloat16)."""
    p = jnp.asarray(p)
    return jnp.roots(p.astype(jnp.float32) if p.dtype in (jnp.float16, jnp.bfloat16) else p)


def _polyfit_of_integers_in_float32(x, y, deg, w=None):
    x = jnp.asarray(x)
    return jnp.polyfit(x.astype(jnp.float32) if not jnp.issubdtype(x.dtype, jnp.inexact) else x, y, deg, w=w)


def _polyadd_as_numpy(a1, a2):
    """NumPy's polyadd: an empty operand gives the other, bools or'ed (eager only)."""
    return jnp.asarray(np.polyadd(np.asarray(a1), np.asarray(a2)))


def _roots_jit_compatible(p):
    return jnp.roots(p, strip_zeros=False)


def _polyfit_refusing_float16(x, y, deg, w=None):
    if jnp.asarray(x).dtype == jnp.float16:
        raise TypeError("array type float16 is unsupported in linalg")
    return jnp.polyfit(x, y, deg, w=w)


def _polymul_trimmed(a1, a2):
    return jnp.polymul(a1, a2, trim_leading_zeros=True)  # eager only


def _unwrap_ignoring_period(p, discont=None, axis=-1, period=None):
    return jnp.unwrap(p, discont=discont, axis=axis)


POLYFIT_REVERSED = BrokenNamespace("polyfit returns its coefficients reversed", polyfit=_polyfit_reversed)
POLYVAL_REVERSED = BrokenNamespace("polyval evaluates the coefficients reversed", polyval=_polyval_reversed)
HANNING_OFF_BY_ONE = BrokenNamespace("hanning is off by one sample", hanning=_hanning_off_by_one)
ROOTS_MISSING_ONE = BrokenNamespace("roots misses one root", roots=_roots_missing_one)
POLYMUL_OFF = BrokenNamespace("polymul is 2**-10 too large", polymul=_polymul_off)
POLYDER_IGNORES_M = BrokenNamespace("polyder ignores m", polyder=_polyder_ignoring_m)
POLYINT_IGNORES_K = BrokenNamespace("polyint ignores k", polyint=_polyint_ignoring_k)
KAISER_IGNORES_BETA = BrokenNamespace("kaiser ignores beta", kaiser=_kaiser_ignoring_beta)
UNWRAP_IGNORES_PERIOD = BrokenNamespace("unwrap ignores period (2π always)", unwrap=_unwrap_ignoring_period)
# past an entry's model, or what NumPy does where an entry says JAX differs
POLYVAL_OFF_BY_TINY = BrokenNamespace("polyval adds 8 times the smallest normal",
                                      polyval=_polyval_off_by_the_smallest_normal)
ROOTS_OF_HALF_IN_FLOAT32 = BrokenNamespace("roots computes float16 and bfloat16 in float32",
                                           roots=_roots_in_float32)
POLYFIT_OF_INTEGERS = BrokenNamespace("polyfit fits bool and integer x in float32",
                                      polyfit=_polyfit_of_integers_in_float32)
POLYADD_AS_NUMPY = BrokenNamespace("polyadd as NumPy's (empty operands, bools)", polyadd=_polyadd_as_numpy)
ROOTS_UNDER_JIT = BrokenNamespace("roots works under jit (strip_zeros=False)", roots=_roots_jit_compatible)
POLYFIT_REFUSES_FLOAT16 = BrokenNamespace("polyfit refuses float16, as NumPy does",
                                          polyfit=_polyfit_refusing_float16)
POLYMUL_TRIMMED = BrokenNamespace("polymul strips leading zeros, as NumPy does", polymul=_polymul_trimmed)

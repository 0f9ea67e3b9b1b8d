"""Namespaces with one planted bug in lstsq and pinv (registry.LEAST_SQUARES): a least-squares solution
that is not the minimum-norm one, singular values in the wrong order, a cutoff ignored, a pseudo-inverse
off by a transpose or keeping the rounding noise of a zero singular value; past an entry's model (finite
values where JAX returns NaN); and next to each entry of `conformance/catalogue/least_squares.py` one
that does what NumPy does (NumPy's function on the concrete values, eagerly: the entry then vanishes)."""

import jax.numpy as jnp

from tests.harness.broken_solvers import _linalg, _on_the_host


def _plus_null_vector(a, b, rcond=None):
    """lstsq's x plus a unit vector of a's null space where m < n: still a least-squares solution, not
    the minimum-norm one."""
    x, resid, rank, s = jnp.linalg.lstsq(a, b, rcond=rcond)
    a = jnp.asarray(a)
    if a.ndim != 2 or a.shape[-2] >= a.shape[-1]:
        return x, resid, rank, s
    null = jnp.conj(jnp.linalg.svd(a)[2][-1])  # the last right singular vector: A·v = 0
    return (x + null if x.ndim == 1 else x + null[:, None]), resid, rank, s


def _ascending(a, b, rcond=None):
    x, resid, rank, s = jnp.linalg.lstsq(a, b, rcond=rcond)
    return x, resid, rank, s[::-1]


def _pinv_keeps_noise(a, rtol=None, hermitian=False):
    return jnp.linalg.pinv(a, rtol=0.0, hermitian=hermitian)  # every computed singular value kept


LSTSQ_NOT_MINIMUM_NORM = _linalg("lstsq's x plus a null-space vector", lstsq=_plus_null_vector)
LSTSQ_S_ASCENDING = _linalg("lstsq's singular values ascending", lstsq=_ascending)
LSTSQ_IGNORES_RCOND = _linalg("lstsq ignores rcond", lstsq=lambda a, b, rcond=None: jnp.linalg.lstsq(a, b))
PINV_TRANSPOSED = _linalg("pinv off by a transpose",
                          pinv=lambda a, **options: jnp.swapaxes(jnp.linalg.pinv(a, **options), -1, -2))
PINV_KEEPS_NOISE = _linalg("pinv keeps every singular value", pinv=_pinv_keeps_noise)
# past the non-finite entry's model: finite values where JAX returns NaN
LSTSQ_FINITE_WHERE_NONFINITE = _linalg(
    "lstsq of a NaN matrix gives zeros",
    lstsq=lambda a, b, rcond=None: tuple(jnp.nan_to_num(r) for r in jnp.linalg.lstsq(a, b, rcond=rcond)))
# what NumPy does, where an entry says JAX differs (eager mode)
LSTSQ_AS_NUMPY = _linalg("lstsq as NumPy's", lstsq=_on_the_host("lstsq"))
PINV_AS_NUMPY = _linalg("pinv as NumPy's", pinv=_on_the_host("pinv"))

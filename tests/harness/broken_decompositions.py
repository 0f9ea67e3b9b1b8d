"""Namespaces with one planted bug in a decomposition each (registry.DECOMPOSITIONS): the ones the issue
names (an svd whose U is not orthogonal, an eigh that reads the upper triangle where it should read the
lower, a qr whose R is not triangular), and next to each entry of `conformance/catalogue/decompositions.py`
one that does what NumPy does (the entry then vanishes) or goes past the entry's model."""

import jax.numpy as jnp

from tests.harness.broken import BrokenNamespace


class _Linalg:
    """jnp.linalg, except for the functions given as keywords."""

    def __init__(self, **overrides):
        self.__dict__.update(overrides)

    def __getattr__(self, attribute):
        return getattr(jnp.linalg, attribute)


def _planted(name: str, **overrides) -> BrokenNamespace:
    return BrokenNamespace(name, linalg=_Linalg(**overrides))


def _svd_u_not_orthogonal(a, full_matrices=True, compute_uv=True):
    """U's first column doubled and Vh's first row halved: U·S·Vh and S unchanged, UᴴU not the identity."""
    result = jnp.linalg.svd(a, full_matrices=full_matrices, compute_uv=compute_uv)
    if not compute_uv:
        return result
    u, s, vh = result
    if s.shape[-1] == 0:  # nothing to scale
        return result
    return u.at[..., :, 0].multiply(2), s, vh.at[..., 0, :].multiply(0.5)


def _eigh_reading_upper(a, UPLO="L"):  # noqa: N803 - NumPy's keyword
    if jnp.ndim(a) < 2 or jnp.shape(a)[-1] != jnp.shape(a)[-2]:  # refused as jnp refuses it
        return jnp.linalg.eigh(a, UPLO=UPLO)
    return jnp.linalg.eigh(a, UPLO="U" if UPLO == "L" else "L", symmetrize_input=False)


def _qr_not_triangular(a, mode="reduced"):
    result = jnp.linalg.qr(a, mode=mode)
    if mode == "raw":  # Householder vectors: no R to spoil
        return result
    r = result if mode == "r" else result[1]
    r = r + jnp.tril(jnp.ones_like(r), -1) * 2.0**-4
    return r if mode == "r" else (result[0], r)


def _svdvals_refusing_float16(x):
    if jnp.asarray(x).dtype == jnp.float16:
        raise TypeError("array type float16 is unsupported in linalg")
    return jnp.linalg.svdvals(x)


def _eigvals_real(a):
    w = jnp.linalg.eigvals(a)
    return w.real if not jnp.iscomplexobj(a) else w


def _eigvalsh_one_triangle(a, UPLO="L"):  # noqa: N803 - NumPy's keyword
    return jnp.linalg.eigvalsh(a, UPLO=UPLO, symmetrize_input=False)


def _svd_refusing_vectors(a, full_matrices=True, compute_uv=True):
    if jnp.ndim(a) < 2:
        raise ValueError(f"{jnp.ndim(a)}-dimensional array given. Array must be at least two-dimensional")
    return jnp.linalg.svd(a, full_matrices=full_matrices, compute_uv=compute_uv)


def _eigh_checking_square(a, UPLO="L"):  # noqa: N803 - NumPy's keyword
    if jnp.shape(a)[-1] != jnp.shape(a)[-2]:
        raise ValueError("Last 2 dimensions of the array must be square")
    return jnp.linalg.eigh(a, UPLO=UPLO)


def _cholesky_zeros_for_nan(a, upper=False):
    return jnp.nan_to_num(jnp.linalg.cholesky(a, upper=upper), nan=0.0)


SVD_U_NOT_ORTHOGONAL = _planted("svd whose U is not orthogonal", svd=_svd_u_not_orthogonal)
EIGH_READS_UPPER = _planted("eigh that reads the upper triangle for UPLO='L'", eigh=_eigh_reading_upper)
QR_R_NOT_TRIANGULAR = _planted("qr whose R is not triangular", qr=_qr_not_triangular)
# what NumPy does, where an entry says JAX differs
SVDVALS_REFUSES_FLOAT16 = _planted("svdvals refusing float16 with TypeError",
                                   svdvals=_svdvals_refusing_float16)
EIGVALS_REAL = _planted("eigvals real for a real input", eigvals=_eigvals_real)
EIGVALSH_ONE_TRIANGLE = _planted("eigvalsh reading one triangle", eigvalsh=_eigvalsh_one_triangle)
SVD_REFUSES_VECTORS = _planted("svd refusing 1-d arrays with ValueError", svd=_svd_refusing_vectors)
EIGH_CHECKS_SQUARE = _planted("eigh refusing non-square matrices with ValueError", eigh=_eigh_checking_square)
# past an entry's model: zeros where the entry asserts NaN
CHOLESKY_ZEROS_FOR_NAN = _planted("cholesky with zeros where JAX gives NaN", cholesky=_cholesky_zeros_for_nan)

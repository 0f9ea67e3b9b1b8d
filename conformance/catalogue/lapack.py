"""JAX's own LAPACK results, for the models of matrices NumPy refuses or factors with another LAPACK.

jaxlib's CPU kernels (jaxlib/cpu/_lapack.so) call the LAPACK routines scipy ships
(scipy.linalg.cython_lapack), so scipy.linalg.lapack's wrappers of the same routines give JAX's raw
results bit for bit, non-finite input included (measured on jax 0.12.0.1 with scipy 1.18.1: svd of
matrices holding an infinity; qr of complex ones). NumPy links its own OpenBLAS: from numpy 2.5 its
gesdd refuses non-finite input (LinAlgError, https://github.com/numpy/numpy/pull/32593), and its QR may
give other non-finite elements.
"""

from __future__ import annotations

import numpy as np
from scipy.linalg import lapack


def gesdd(a: np.ndarray, full_matrices: bool = True, compute_uv: bool = True):
    """(U, S, Vh), or S alone, of one matrix as jnp.linalg.svd computes it on the CPU; None where LAPACK
    reports a failure (info != 0: JAX then returns NaN)."""
    routine, = lapack.get_lapack_funcs(("gesdd",), (a,))
    with np.errstate(all="ignore"):
        u, s, vh, info = routine(a, compute_uv=int(compute_uv), full_matrices=int(full_matrices))
    if info != 0:
        return None
    return (u, s, vh) if compute_uv else s


def geqrf_q_r(a: np.ndarray, mode: str = "reduced"):
    """(Q, R) of one matrix as jnp.linalg.qr computes it on the CPU (geqrf, then orgqr/ungqr), for the
    modes "reduced" and "complete"."""
    m, n = a.shape
    k = min(m, n)
    geqrf, = lapack.get_lapack_funcs(("geqrf",), (a,))
    product, = lapack.get_lapack_funcs(("ungqr" if a.dtype.kind == "c" else "orgqr",), (a,))
    with np.errstate(all="ignore"):
        h, tau, _, _ = geqrf(a)
        columns = k if mode == "reduced" else m
        reflectors = np.zeros((m, columns), a.dtype)
        reflectors[:, :min(columns, n)] = h[:, :min(columns, n)]
        q, _, _ = product(reflectors, tau) if columns else (reflectors, None, None)
    r = np.triu(h[:k] if mode == "reduced" else h)
    return q, r

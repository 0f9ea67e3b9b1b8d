"""Canonical forms, with error bounds, of the matrix decompositions
(`conformance/registry/decompositions.py`): svd, svdvals, qr, cholesky, eig, eigvals, eigh, eigvalsh.

A decomposition is not unique (the signs or phases of singular vectors, eigenvectors and of Q's columns,
the order of equal or of complex eigenvalues), so the results are never compared as they are. Each side's
result is turned (`Operation.canonical`, runner.canonicalized, on NumPy arrays) into the quantities that
ARE unique, computed in long double from that side's own factors and rounded to the factor's dtype:

- svd: the reconstruction U[:, :k]·diag(S)·Vh[:k] (k = min(m, n)), the Gram matrices UᴴU and Vh·Vhᴴ
  (the identity), and S (descending, unique); compute_uv=False and svdvals: S.
- qr: the reconstruction Q·R, the Gram matrix QᴴQ, and |the part of R below its diagonal| (zero: compared
  exactly); mode="r": RᴴR (= AᴴA, Q drops out) and the same part of R; mode="raw" (LAPACK geqrf's
  Householder vectors and scalars, which are unique only up to the algorithm's sign choices): the Q and
  R they encode (`householder_factors`), then as "reduced".
- cholesky: the reconstruction L·Lᴴ (upper=True: Uᴴ·U), |the triangle that must be zero| (exact), and
  whether each diagonal element is real and positive (exact: the factor with a positive diagonal is
  unique).
- eigh: the eigenvalues (ascending, unique), the reconstruction V·diag(w)·Vᴴ, the Gram matrix VᴴV;
  eigvalsh: the eigenvalues.
- eig: the characteristic polynomial's coefficients Π(x - w_i) (the elementary symmetric functions of
  the eigenvalues: the multiset without an order; sorting complex eigenvalues is not stable under
  rounding, two of nearly equal real part swap), the residual A·V - V·diag(w) (zero), and the norm of
  each eigenvector (one, as both normalise them); eigvals: the coefficients.

A correct result on either side has these quantities within the bounds below of the exact ones, so the
two sides' quantities must agree within twice the bound (each side's error), plus the rounding of the
quantity to its dtype (u·|q|). The bounds are backward errors, which is why none of them grows with the
condition number: every one of these algorithms (Householder QR, Cholesky, the Hermitian and the
nonsymmetric QR algorithms, the SVD's) computes the exact decomposition of A + ΔA with ‖ΔA‖ <= β
(Higham, Accuracy and Stability of Numerical Algorithms, §10.1 Thm 10.3, §19.3 Thm 19.4; Golub and Van
Loan §8.1, §7.5, §8.6), and the quantities compared are those of A + ΔA:

- β = C·m·n·u·‖A‖_F (C = 16: Higham's γ̃ constants for Householder QR and Cholesky, with room for
  LAPACK's blocked and divide-and-conquer variants; u the unit roundoff of the dtype JAX computes in: the
  32-bit one with x64 off, even against NumPy's float64; ‖A‖_F over the finite elements, per matrix).
- Reconstructions (U·S·Vh, Q·R, L·Lᴴ, V·w·Vᴴ): A + ΔA, off by β elementwise (|x_ij| <= ‖X‖_F).
- Gram matrices of the orthonormal factors: the identity within β/‖A‖_F = C·m·n·u (the factors are
  orthonormal to working accuracy, Higham Lemma 19.3).
- Singular values and Hermitian eigenvalues: Weyl's theorem, |σ_i(A + ΔA) - σ_i(A)| <= ‖ΔA‖_2 <= β (the
  same for λ_i): a perturbation bound without the condition number, since these are perfectly
  conditioned.
- mode="r": (A + ΔA)ᴴ(A + ΔA) - AᴴA, off by 2·β·‖A‖_F + β².
- eig's coefficients: a coefficient c_k is a sum of the C(n, k) principal k×k minors; a minor changes by
  at most (s + β)^k - s^k when ‖ΔA‖_2 <= β and its block's norm is at most s = ‖A‖_F: so C(n, k)·((s +
  β)^k - s^k), again independent of the eigenvector condition number (a defective matrix's eigenvalues
  move by β^(1/k), its coefficients by β). The residual: ‖ΔA·V‖ <= β·√n (unit eigenvectors); the norms: 1
  within C·m·n·u.

Where the condition number does enter: Cholesky exists only for a positive definite matrix, and the
computed one only where λ_min(A) exceeds about n·u·‖A‖ (Higham Thm 10.7). Where the Hermitian matrix
read has λ_min <= C·n²·u·‖A‖_F (definite within rounding, or not), JAX may return NaN where NumPy, in
64 bits, returns a factor: there a non-finite result also agrees (`Value.nonfinite`). Non-finite inputs:
the bounds use the finite elements; NaN and inf positions are compared as patterns (the catalogue's
entries say what JAX returns where NumPy raises).
"""

from __future__ import annotations

from math import comb

import numpy as np

from conformance.cases.matmul import UNIT_ROUNDOFF, finite_magnitude, widened
from conformance.environment import x64_enabled
from conformance.outcome import Value

C = 16  # the backward-error constant of every bound (module docstring)
_32_BITS = {"float64": "float32", "complex128": "complex64"}


def unit_roundoff(dtype: np.dtype) -> float:
    """u of the dtype JAX computes a result of NumPy's `dtype` in (the 32-bit one with x64 off)."""
    name = np.dtype(dtype).name
    name = _32_BITS.get(name, name) if not x64_enabled() else name
    return UNIT_ROUNDOFF.get(name, UNIT_ROUNDOFF["float32"])


def _h(x: np.ndarray) -> np.ndarray:
    return np.conj(np.swapaxes(x, -1, -2))


def _matrix(a) -> np.ndarray:
    """The input in long double (bool and integers through float64)."""
    a = np.asarray(a)
    return widened(a.astype(np.float64) if a.dtype.kind in "biu" else a)


def _norm(a: np.ndarray) -> np.ndarray:
    """‖A‖_F over the finite elements, per matrix, shaped (..., 1, 1)."""
    size = finite_magnitude(a).astype(np.float64)
    return np.sqrt((size ** 2).sum(axis=(-2, -1), keepdims=True))


def _beta(a: np.ndarray, u: float) -> np.ndarray:
    m, n = a.shape[-2:]
    return C * max(m, 1) * max(n, 1) * u * _norm(a)


def _bounded(q, like: np.ndarray, atol, u: float, nonfinite=None) -> Value:
    """The quantity `q` (long double) in `like`'s dtype, bounded by atol + u·|q|."""
    with np.errstate(all="ignore"):
        array = np.asarray(q).astype(like.dtype)
        size = finite_magnitude(np.asarray(q)).astype(np.float64)
        bound = np.broadcast_to(np.asarray(atol, dtype=np.float64) + u * size, array.shape)
    bound = np.where(np.isfinite(bound), bound, 0.0)
    if nonfinite is not None:
        nonfinite = np.broadcast_to(nonfinite, array.shape)
        nonfinite = nonfinite if nonfinite.any() else None
    return Value(array, atol=np.array(bound), nonfinite=nonfinite)


def _exact(q: np.ndarray, like: np.ndarray) -> Value:
    return Value(np.asarray(q).astype(like.dtype))


def _gram(x: np.ndarray, rows: bool = False) -> np.ndarray:
    """XᴴX (or X·Xᴴ for `rows`) in long double."""
    w = widened(x)
    return w @ _h(w) if rows else _h(w) @ w


def svd_canonical(result, a, full_matrices=True, compute_uv=True):
    """svd's result: (U·S·Vh, UᴴU, Vh·Vhᴴ, S), or S alone (compute_uv=False)."""
    a = _matrix(a)
    if not compute_uv:
        return singular_values_canonical(result, a)
    u_, s, vh = result
    unit = unit_roundoff(s.dtype)
    beta = _beta(a, unit)
    k = s.shape[-1]
    with np.errstate(all="ignore"):
        rebuilt = (widened(u_)[..., :, :k] * widened(s)[..., None, :]) @ widened(vh)[..., :k, :]
        scale = beta / np.maximum(_norm(a), np.finfo(np.float64).tiny)
        return (_bounded(rebuilt, u_, 2 * beta, unit), _bounded(_gram(u_), u_, 2 * scale, unit),
                _bounded(_gram(vh, rows=True), vh, 2 * scale, unit),
                _bounded(widened(s), s, 2 * beta[..., 0], unit))


def singular_values_canonical(result, a):
    """svdvals' (and svd's compute_uv=False) S: Weyl's bound."""
    a, s = _matrix(a), np.asarray(result)
    unit = unit_roundoff(s.dtype)
    return _bounded(widened(s), s, 2 * _beta(a, unit)[..., 0], unit)


def _below(r: np.ndarray, offset: int = -1) -> np.ndarray:
    """|the part of r below its `offset` diagonal| (zero in a triangular factor)."""
    return np.abs(np.tril(r, offset))


def householder_factors(h: np.ndarray, tau: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """qr's mode="raw" result (h: Aᵀ's shape, LAPACK geqrf's output transposed; tau: (..., k)) as the
    reduced (Q, R) it encodes, in long double: R = the upper triangle of hᵀ's first k rows, and
    Q = H_1·…·H_k's first k columns, H_i = I - tau_i·v_i·v_iᴴ, v_i = (0…0, 1, hᵀ[i+1:, i])."""
    packed = np.swapaxes(widened(h), -1, -2)
    tau = widened(tau)
    m, k = packed.shape[-2], tau.shape[-1]
    q = np.broadcast_to(np.eye(m, k, dtype=packed.dtype), (*packed.shape[:-2], m, k)).copy()
    for i in reversed(range(k)):  # Q·E = H_1·(H_2·(…(H_k·E)))
        v = np.zeros((*packed.shape[:-2], m, 1), packed.dtype)
        v[..., i, 0] = 1
        v[..., i + 1:, 0] = packed[..., i + 1:, i]
        q = q - tau[..., i, None, None] * (v @ (_h(v) @ q))
    return q, np.triu(packed[..., :k, :])


def qr_canonical(result, a, mode="reduced"):
    """qr's result: (Q·R, QᴴQ, |below R's diagonal|), or for mode="r" (RᴴR, |below R's diagonal|);
    mode="raw": the same as "reduced", of the Q and R its Householder vectors encode."""
    a = _matrix(a)
    if mode == "raw":
        h, tau = result
        with np.errstate(all="ignore"):
            q, r = householder_factors(np.asarray(h), np.asarray(tau))
        return qr_canonical((q.astype(h.dtype), r.astype(h.dtype)), a)
    if mode == "r":
        r = np.asarray(result)
        unit = unit_roundoff(r.dtype)
        beta, norm = _beta(a, unit), _norm(a)
        with np.errstate(all="ignore"):
            return (_bounded(_gram(r), r, 2 * (2 * beta * norm + beta ** 2), unit), _exact(_below(r), r))
    q, r = result
    unit = unit_roundoff(r.dtype)
    beta = _beta(a, unit)
    with np.errstate(all="ignore"):
        scale = beta / np.maximum(_norm(a), np.finfo(np.float64).tiny)
        return (_bounded(widened(q) @ widened(r), r, 2 * beta, unit), _bounded(_gram(q), q, 2 * scale, unit),
                _exact(_below(r), r))


def hermitian_part(a: np.ndarray, lower: bool) -> np.ndarray:
    """The Hermitian matrix NumPy reads from one triangle of `a` (its diagonal's real part)."""
    a = np.asarray(a)
    triangle = np.tril(a, -1) if lower else np.triu(a, 1)
    diagonal = np.real(np.diagonal(a, axis1=-2, axis2=-1))
    out = triangle + _h(triangle)
    return out + np.eye(a.shape[-1]) * diagonal[..., None, :] if a.shape[-1] else out


def _semidefinite(hermitian: np.ndarray, unit: float) -> np.ndarray:
    """Per matrix, (..., 1, 1): whether its smallest eigenvalue is within C·n²·u·‖A‖_F of zero or below
    (where Cholesky may fail in JAX's precision and succeed in NumPy's)."""
    h = np.asarray(hermitian)
    h = h.astype(np.complex128 if h.dtype.kind == "c" else np.float64)
    n = h.shape[-1]
    if n == 0 or h.size == 0:
        return np.zeros((*h.shape[:-2], 1, 1), bool)
    finite = np.isfinite(h).all(axis=(-2, -1))
    with np.errstate(all="ignore"):
        low = np.linalg.eigvalsh(np.where(finite[..., None, None], h, 0))[..., 0]
        return (low <= C * n * n * unit * _norm(h)[..., 0, 0])[..., None, None] | ~finite[..., None, None]


def cholesky_canonical(result, a, upper=False):
    """cholesky's factor: (L·Lᴴ or Uᴴ·U, |the triangle that must be zero|, the diagonal real and > 0);
    where the Hermitian matrix read is definite only within rounding, NaN also agrees."""
    a, f = _matrix(a), np.asarray(result)
    unit = unit_roundoff(f.dtype)
    beta = _beta(a, unit)
    loose = _semidefinite(hermitian_part(a, lower=True), unit)
    with np.errstate(all="ignore"):
        wide = widened(f)
        rebuilt = _h(wide) @ wide if upper else wide @ _h(wide)
        zero = np.abs(np.tril(f, -1) if upper else np.triu(f, 1))
        diagonal = np.diagonal(f, axis1=-2, axis2=-1)
        positive = (np.real(diagonal) > 0) & (np.imag(diagonal) == 0)
    return (_bounded(rebuilt, f, 2 * beta, unit, nonfinite=loose), _exact(zero, f), Value(positive))


def eigh_canonical(result, a, UPLO="L"):  # noqa: N803 - NumPy's keyword
    """eigh's result: (w, V·diag(w)·Vᴴ, VᴴV)."""
    a = _matrix(a)
    w, v = result
    unit = unit_roundoff(w.dtype)
    beta = _beta(a, unit)
    with np.errstate(all="ignore"):
        wide = widened(v)
        rebuilt = (wide * widened(w)[..., None, :]) @ _h(wide)
        scale = beta / np.maximum(_norm(a), np.finfo(np.float64).tiny)
        return (_bounded(widened(w), w, 2 * beta[..., 0], unit), _bounded(rebuilt, v, 2 * beta, unit),
                _bounded(_gram(v), v, 2 * scale, unit))


def eigvalsh_canonical(result, a, UPLO="L"):  # noqa: N803 - NumPy's keyword
    """eigvalsh's w: Weyl's bound."""
    a, w = _matrix(a), np.asarray(result)
    unit = unit_roundoff(w.dtype)
    return _bounded(widened(w), w, 2 * _beta(a, unit)[..., 0], unit)


def _coefficients(w: np.ndarray) -> np.ndarray:
    """The coefficients c_1..c_n of Π(x - w_i) = x^n + c_1·x^(n-1) + ... (long double, along the last
    axis)."""
    wide = widened(w).astype(np.clongdouble)
    out = np.zeros((*wide.shape[:-1], wide.shape[-1] + 1), np.clongdouble)
    out[..., 0] = 1
    for i in range(wide.shape[-1]):
        out[..., 1:] = out[..., 1:] - wide[..., i:i + 1] * out[..., :-1]
    return out[..., 1:]


def _coefficient_bound(a: np.ndarray, unit: float) -> np.ndarray:
    """C(n, k)·((s + β)^k - s^k) for k = 1..n (module docstring), per matrix: (..., n)."""
    n = a.shape[-1]
    beta, s = _beta(a, unit)[..., 0], _norm(a)[..., 0]
    k = np.arange(1, n + 1)
    binomials = np.array([comb(n, int(i)) for i in k], dtype=np.float64)
    with np.errstate(all="ignore"):
        return binomials * ((s + beta) ** k - s ** k)


def eigvals_canonical(result, a):
    """eigvals' w: its characteristic polynomial's coefficients (real where w is real)."""
    a, w = _matrix(a), np.asarray(result)
    unit = unit_roundoff(w.dtype)
    with np.errstate(all="ignore"):
        coefficients = _coefficients(w)
        if w.dtype.kind != "c":
            coefficients = coefficients.real
        return _bounded(coefficients, w, 2 * _coefficient_bound(a, unit), unit)


def eig_canonical(result, a):
    """eig's result: (the coefficients, A·V - V·diag(w), the norm of each eigenvector)."""
    wide_a = _matrix(a)
    w, v = result
    unit = unit_roundoff(w.dtype)
    n = wide_a.shape[-1]
    beta = _beta(wide_a, unit)
    with np.errstate(all="ignore"):
        wide_v = widened(v)
        residual = wide_a @ wide_v - wide_v * widened(w)[..., None, :]
        norms = np.sqrt(np.sum(np.abs(wide_v) ** 2, axis=-2))
        scale = beta[..., 0] / np.maximum(_norm(wide_a)[..., 0], np.finfo(np.float64).tiny)
        return (eigvals_canonical(w, a), _bounded(residual, v, 2 * beta * np.sqrt(max(n, 1)), unit),
                _bounded(norms, w.real if w.dtype.kind == "c" else w, 2 * scale, unit))

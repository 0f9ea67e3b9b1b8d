"""How lstsq and pinv (`conformance/registry/least_squares.py`) are compared: against the exact
minimum-norm answer of NumPy's definition, within perturbation bounds of the SVD both libraries use.

Both functions truncate an SVD: with σ_1 >= ... >= σ_p the singular values of A (p = min(m, n)) and k
the number of them above the cutoff c (pinv: rtol·σ_1, NumPy's default rtol 1e-15 where it is not
given; lstsq: rcond·σ_1, its default max(m, n)·eps of the dtype JAX computes in, as
solver_bounds.BoundedRank), the answer is X = pinv(A_k) = V_k·Σ_k⁻¹·U_kᴴ (A_k the SVD truncated to k
terms) and lstsq's x = X·b. That answer IS unique given k (a rank-deficient lstsq has many solutions; the
minimum-norm one, which both libraries return, is not): so it is compared, not a canonical form.

The reference is computed in float64 (complex128) from the inputs as given, with the singular values
that are zero in exact arithmetic set to zero (the exact rank, by elimination in rationals: these
matrices are small integers and dyadic fractions), so that a rank-deficient matrix's null space is
never "kept" by the reference's own rounding.

- E, the backward error of the SVD in the dtype JAX computes in (u its unit roundoff): the computed
  factors are those of A + ΔA with ‖ΔA‖₂ <= E = C·m·n·u·‖A‖_F + u·‖A‖_F (decomposition_bounds.py's β,
  C = 16, plus rounding A to that dtype).
- s (lstsq's singular values): Weyl, |σ̂_i - σ_i| <= E (+ u·σ_i): no condition number.
- k: exact where no singular value lies within e = max(m, n)·u·σ_1 of the cutoff (and zero ones are
  never kept: every cutoff drawn, eps·max(m, n)·σ_1 or above, exceeds the computed size of an exact zero
  singular value of these matrices, measured at below u·σ_1); where one does, either count
  (`Value.choices`, for the rank, x, the residuals and X alike). e is the realistic error of a computed
  singular value (LAPACK's p(n)·u·‖A‖₂ with a modest p), not Weyl's E, used only to say which counts
  are possible: with E, every exact zero of a float32 matrix would be "near" lstsq's default cutoff.
- X (pinv) and x = X·b (lstsq): Wedin's theorem for matrices of equal rank k: ‖X̂ - X‖₂ <= μ·‖X̂‖₂·‖X‖₂·
  ‖B - A_k‖₂ (μ = (1 + √5)/2), B the computed truncation of A + ΔA: ‖B - A_k‖₂ <= 2·σ_{k+1} + 2·E and
  ‖X̂‖₂ <= 1/(σ_k - E); plus the products that form X̂ (γ_{m+n}·‖X̂‖₂) and rounding b (u·‖b‖₂·‖X̂‖₂).
  Every element is within the 2-norm bound. This is cond(A_k)²·u relative: the least-squares
  sensitivity (Higham §20.1), loose but never wrong; where σ_k <= 2·E (ill conditioned to working
  precision) no bound exists and none is claimed (atol inf: a finite result agrees; the strategies draw
  "ill" matrices at cond about u^(-1/3), where the bound is meaningful).
- residuals (lstsq): ‖b - A·x̂‖² for the computed x̂: with d = ‖A‖₂·‖Δx‖₂ + γ_n·‖A‖_F·‖x‖₂ + u·‖b‖₂ the
  error of the residual vector, |‖r̂‖² - ‖r‖²| <= d·(2‖r‖ + d), plus the squares' sum (γ_m·‖r̂‖²).
- rank: an integer, exact (or either count, as k).

NumPy computes every one of these in float64 for float32 input (lstsq) or in float32 (pinv): the
reference does neither, it is the exact answer, which JAX must reach within its own dtype's bound.
Non-finite inputs have no bound: NumPy raises (its SVD does not converge) and the catalogue says what
JAX returns (conformance/catalogue/least_squares.py).
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction
from typing import Any

import numpy as np

from conformance.cases.matmul import COMPLEX_CONSTANT, REAL_CONSTANT
from conformance.decomposition_bounds import C, unit_roundoff
from conformance.environment import x64_enabled
from conformance.outcome import Value
from conformance.strategies import kind_of

MU = (1 + math.sqrt(5)) / 2
NUMPY_PINV_RTOL = 1e-15  # np.linalg.pinv's rcond where neither rcond nor rtol is given


def exact_rank(matrix: np.ndarray) -> int:
    """The rank of one matrix (finite floats: exact dyadic rationals) by elimination in Fractions; a
    complex matrix X + iY by the real [[X, -Y], [Y, X]], whose rank is twice its own."""
    matrix = np.asarray(matrix)
    if kind_of(matrix.dtype) == "c":
        x, y = matrix.real.astype(np.float64), matrix.imag.astype(np.float64)
        return exact_rank(np.block([[x, -y], [y, x]])) // 2
    rows = [[Fraction(float(v)) for v in row] for row in matrix.astype(np.float64)]
    rank, columns = 0, matrix.shape[1] if matrix.ndim == 2 else 0
    for j in range(columns):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][j]), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(rank + 1, len(rows)):
            if rows[i][j]:
                factor = rows[i][j] / rows[rank][j]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rank


def _wide(dtype: Any) -> type:
    return np.complex128 if kind_of(dtype) == "c" else np.float64


def _eps(dtype: Any) -> float:
    """eps of the dtype JAX computes `dtype` in (bool and integers: float32, as DTYPE-INT-TO-INEXACT)."""
    dtype = np.dtype(dtype)
    if kind_of(dtype) not in "fc":
        return float(np.finfo(np.float32).eps)
    return float(np.finfo(dtype if x64_enabled() else {"float64": np.float32, "complex128": np.complex64}.get(
        dtype.name, dtype)).eps)


class _Truncated:
    """One matrix's exact SVD (zero singular values exactly zero), its backward error E and the
    realistic singular value error e, in the dtype JAX computes `dtype` in."""

    def __init__(self, matrix: np.ndarray, dtype: Any):
        wide = np.asarray(matrix).astype(_wide(matrix.dtype if kind_of(matrix.dtype) in "fc" else dtype))
        self.m, self.n = wide.shape
        self.u_, sigma, self.vh = np.linalg.svd(wide, full_matrices=False)
        sigma[exact_rank(np.asarray(matrix)):] = 0
        self.sigma = sigma
        self.unit = unit_roundoff(dtype)
        frobenius = float(np.sqrt((np.abs(wide) ** 2).sum()))
        self.E = (C * self.m * self.n + 1) * self.unit * frobenius
        self.e = max(self.m, self.n) * self.unit * float(sigma[0] if sigma.size else 0)
        self.c = COMPLEX_CONSTANT if kind_of(dtype) == "c" else REAL_CONSTANT

    def counts(self, relative: float) -> tuple[int, list[int]]:
        """(NumPy's count of singular values above relative·σ_1, every count the rounding allows)."""
        if not self.sigma.size:
            return 0, [0]
        cutoff = relative * self.sigma[0]
        slack = self.e * (1 + relative)
        numpy_count = int((self.sigma > cutoff).sum())
        low = int((self.sigma > cutoff + slack).sum())
        high = int(((self.sigma > cutoff - slack) & (self.sigma > 0)).sum())
        return numpy_count, sorted({numpy_count, *range(low, high + 1)})

    def pinv(self, k: int) -> np.ndarray:
        return (np.conj(self.vh[:k]).T / self.sigma[:k]) @ np.conj(self.u_[:, :k]).T

    def error(self, k: int) -> tuple[float, float]:
        """(the 2-norm bound on X̂ - X for count k, the bound on ‖X̂‖₂): module docstring."""
        if k == 0:
            return 0.0, 0.0
        low = self.sigma[k - 1] - self.E
        if low <= self.E:
            return math.inf, math.inf
        following = float(self.sigma[k]) if k < self.sigma.size else 0.0
        size, computed = 1 / self.sigma[k - 1], 1 / low
        wedin = MU * computed * size * (2 * following + 2 * self.E)
        products = self.c * (self.m + self.n) * self.unit * computed
        return float(wedin + products + self.unit * computed), float(computed)


def _finite(*arrays: Any) -> bool:
    return all(np.isfinite(np.asarray(x).astype(np.complex128)).all() for x in arrays)


def _bounded(array: np.ndarray, atol: Any, dtype: Any, choices: tuple = ()) -> Value:
    """The value in `dtype`, within atol plus a few smallest normals (underflow; and a zero's sign is
    not the bound's to say: an exact zero of either sign agrees)."""
    tiny = 16 * float(np.finfo(np.dtype(dtype)).tiny)
    with np.errstate(all="ignore"):
        return Value(np.asarray(array).astype(dtype), atol=np.broadcast_to(
            np.asarray(atol, np.float64) + tiny, np.shape(array)).copy(),
            choices=tuple(np.asarray(c).astype(dtype) for c in choices))


class BoundedPinv:
    """np.linalg.pinv(a, rtol=, hermitian=) as the exact truncated pseudo-inverse, bounded (module
    docstring); rtol None: NumPy's default where it is not given (1e-15)."""

    def __call__(self, a: Any, rtol: Any = None, hermitian: bool = False) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            options = {} if rtol is None else {"rtol": rtol}
            own = np.asarray(np.linalg.pinv(a, hermitian=hermitian, **options))  # NumPy's errors, shape
        a = np.asarray(a)
        if kind_of(own.dtype) not in "fc" or own.size == 0:
            return own
        relative = np.broadcast_to(np.asarray(NUMPY_PINV_RTOL if rtol is None else rtol, np.float64),
                                   a.shape[:-2])
        flat, own_flat = a.reshape(-1, *a.shape[-2:]), own.reshape(-1, *own.shape[-2:])
        values, bounds, alternatives = [], [], []
        for matrix, mine, r in zip(flat, own_flat, relative.reshape(-1), strict=True):
            if not _finite(matrix):  # no bound: NumPy's own result where it returns one (NaN)
                values.append(mine)
                bounds.append(0.0)
                alternatives.append([])
                continue
            svd = _Truncated(matrix, own.dtype)
            count, counts = svd.counts(float(r))
            values.append(svd.pinv(count))
            bounds.append(max(svd.error(k)[0] for k in counts))
            alternatives.append([svd.pinv(k) for k in counts if k != count])
        shape = own.shape
        array = np.asarray(values).reshape(shape)
        atol = np.broadcast_to(np.asarray(bounds).reshape(*shape[:-2], 1, 1), shape)
        choices = tuple(np.asarray([alt[i] if i < len(alt) else v for alt, v in
                                    zip(alternatives, values, strict=True)]).reshape(shape)
                        for i in range(max(len(alt) for alt in alternatives)))
        return _bounded(array, atol, own.dtype, choices)


def lstsq_parts(a: Any, b: Any, rcond: Any, dtype: Any) -> tuple[Value, Value, Value, Value]:
    """(x, the residuals of every column, rank, s) of lstsq(a, b, rcond) in `dtype` (the solution's),
    bounded (module docstring); the residuals in the shape JAX gives them: (K,), (1,) for a vector b."""
    a, b = np.asarray(a), np.asarray(b)
    svd = _Truncated(a, dtype)
    relative = _eps(dtype) * max(a.shape) if rcond is None else (_eps(dtype) if rcond < 0 else rcond)
    count, counts = svd.counts(float(relative))
    rhs = (b[:, None] if b.ndim == 1 else b).astype(_wide(dtype))
    columns = np.sqrt((np.abs(rhs) ** 2).sum(axis=0))
    norm_a = float(svd.sigma[0]) if svd.sigma.size else 0.0
    frobenius = float(np.sqrt((np.abs(a.astype(_wide(dtype))) ** 2).sum()))
    unit, m, n = svd.unit, svd.m, svd.n
    real = np.finfo(np.dtype(dtype)).dtype
    xs, residuals, x_bounds, r_bounds = {}, {}, [], []
    with np.errstate(all="ignore"):
        for k in counts:
            x = svd.pinv(k) @ rhs
            difference, size = svd.error(k)
            dx = difference * columns
            r = np.sqrt((np.abs(rhs - a.astype(_wide(dtype)) @ x) ** 2).sum(axis=0))
            d = norm_a * dx + svd.c * n * unit * frobenius * np.sqrt((np.abs(x) ** 2).sum(axis=0)) \
                + unit * columns
            xs[k], residuals[k] = x, r ** 2
            x_bounds.append(dx)
            r_bounds.append(d * (2 * r + d) + svd.c * m * unit * (r + d) ** 2)
    x_atol = np.broadcast_to(np.max(x_bounds, axis=0), (n, rhs.shape[1]))
    others = [k for k in counts if k != count]
    shape = (n,) if b.ndim == 1 else (n, rhs.shape[1])
    x = _bounded(xs[count].reshape(shape), x_atol.reshape(shape), dtype,
                 tuple(xs[k].reshape(shape) for k in others))
    resid = _bounded(residuals[count], np.max(r_bounds, axis=0), real, tuple(residuals[k] for k in others))
    rank = Value(np.asarray(count, np.int32), choices=tuple(np.asarray(k, np.int32) for k in others))
    s = _bounded(svd.sigma, svd.E + unit * svd.sigma, real)  # (its elements are never negative zeros)
    return x, resid, rank, s


class BoundedLstsq:
    """np.linalg.lstsq(a, b, rcond) as the exact minimum-norm solution, bounded (module docstring):
    NumPy's own errors, shapes and dtypes (its residuals empty where the rank is below n or m <= n)."""

    def __call__(self, a: Any, b: Any, rcond: Any = None) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            x, resid, rank, s = np.linalg.lstsq(a, b, rcond=rcond)  # NumPy's errors, shapes and dtypes
        x, resid, rank, s = np.asarray(x), np.asarray(resid), np.asarray(rank), np.asarray(s)
        if kind_of(x.dtype) not in "fc" or np.asarray(a).size == 0 or not _finite(a, b):
            return x, resid, rank, s
        ours = lstsq_parts(a, b, rcond, x.dtype)
        if resid.size == 0:
            ours = (ours[0], Value(resid), *ours[2:])
        rank_value = ours[2]
        rank_value = Value(rank_value.array.astype(rank.dtype), choices=tuple(
            c.astype(rank.dtype) for c in rank_value.choices))
        return ours[0], ours[1], rank_value, ours[3]

"""How the solvers and inverses of jax.numpy.linalg are compared (`conformance/registry/solvers.py`):
each function's result against NumPy's, within a bound that follows from the algorithm's backward error,
the dtype's unit roundoff and, where the quantity is sensitive to it, the condition number.

Notation: n the order of the matrix, u the unit roundoff of the dtype the result is computed in (JAX's:
with x64 off the 32-bit counterpart of NumPy's dtype), c = 2 for real and 4 for complex arithmetic (as
conformance/cases/matmul.py: γ_k <= c·k·u, rounded up), ρ = 2^(n-1) the growth factor bound of Gaussian
elimination with partial pivoting, ‖·‖ the infinity norm. Both libraries factor A = LU with partial
pivoting (LAPACK's getrf; XLA's lu on CPU), so the computed factors are those of A + E with
|E| <= γ_3n·|L||U| and ‖|L||U|‖ <= (1 + 2(n² - n)ρ)‖A‖ (Higham, Accuracy and Stability of Numerical
Algorithms, 2nd ed., Thm 9.4 and Lemma 9.6). So the LU backward error is, normwise,

    β = (c·3n·(1 + 2(n² - n)ρ) + 2)·u      (the 2: rounding A and b to the arithmetic dtype)

- solve(a, b), tensorsolve, inv, tensorinv: compared by the RESIDUAL, never the forward error, so that
  ill-conditioned matrices are checked as strictly as well-conditioned ones. Each computed column x
  satisfies ‖b - A x‖ <= β·(‖A‖·‖x‖ + ‖b‖) + n·τ (τ the smallest normal: flushed underflow), evaluated
  in long double on the inputs as given; inv's columns are those of solve(A, I) (both libraries compute
  it so). A result with that property is replaced, on either side, by one fixed answer (`Case.canonical`,
  as conformance/orderings.py does for partition): NumPy's solve in float64 (complex128) rounded to the
  result's dtype. A result without it (a wrong batch, a transposed inverse, NaN) is left as it is and
  can never equal that answer. The forward bound cond(A)·β is no check at all where cond(A)·u >= 1;
  the residual is. With a NaN or an infinity among the inputs no bound exists: which elements of the
  result are not finite is compared exactly (NaN or infinity alike: the order of the elimination's
  operations decides which), its finite values are not.
- det: the exact determinant (the Leibniz sum in long double, n <= 4), within the first-order-exact
  perturbation bound of Ipsen and Rehman (Perturbation bounds for determinants and characteristic
  polynomials, SIMAX 30 (2008), Thm 2.12): |det(A + E) - det A| <= Σ_k s_{n-k}·‖E‖₂^k, s_j the j-th
  elementary symmetric function of A's singular values, with ‖E‖₂ <= √n·β·‖A‖; then the product of the
  n pivots (γ_n) and rounding. Its first term is |det A|·Σ 1/σ_i·‖E‖₂ ~ n·cond(A)·β·|det A|: a
  relative bound n·u·cond(A) for a well-conditioned A, which stays meaningful (absolute, scaled by the
  minors) for a singular one.
- slogdet: with Δ det's bound and d the exact determinant, where Δ < |d| the sign is d/|d| (real: exact;
  complex: within 2Δ/|d|) and log|d| within -log(1 - Δ/|d|) plus the log's rounding; where Δ >= |d|
  (singular to working precision) the sign is any of {-1, 0, 1} (complex: modulus at most 1) and log|d|
  anything up to log Δ (-inf included): what the bound determines, no more.
- matrix_power(a, m): m >= 0, repeated products: |P - A^m| <= ((1 + (c·n + 1)·u)^(m-1) - 1)·|A|^m
  (Higham §3.5), |A|^m in long double, m = 0 exact; m < 0 (inv(A)^|m|): the inverse's forward error
  r = cond₂(A)·√n·β / (1 - cond₂(A)·√n·β) compounded by the |m| - 1 products, normwise (2-norm, an
  upper bound of every element): ‖A⁻¹‖^|m|·((1 + r)^|m|·(1 + (c·n + 1)·u)^(|m|-1) - 1). Powers of
  ill-conditioned matrices are not drawn: their forward bound says nothing.
- matrix_rank(a, tol, rtol): an integer, exact, except where a singular value lies within the SVD's
  error (√n·β·σ_max) of the cutoff (tol, or rtol·σ_max; rtol's default max(M, N)·eps in JAX's dtype):
  there either count agrees.
- cond(x, p): relative error at most r / (1 - r) with r = √n·β·cond₂(x) + n·u (the singular values
  within √n·β·σ_max, or the inverse's forward error for the other norms); where r >= 1/2 (ill
  conditioned to working precision) not drawn.

A matrix holding a NaN or an infinity has no bound: det and slogdet must be non-finite where NumPy's
are (which part is NaN depends on the elimination order).
"""

from __future__ import annotations

import itertools
import warnings
from typing import Any

import ml_dtypes
import numpy as np

from conformance.cases.matmul import COMPLEX_CONSTANT, REAL_CONSTANT, UNIT_ROUNDOFF, widened
from conformance.environment import x64_enabled
from conformance.outcome import Value
from conformance.strategies import BFLOAT16, kind_of

_32_BITS = {"float64": np.float32, "complex128": np.complex64}


def arithmetic(dtype: Any) -> np.dtype:
    """The dtype JAX computes a result of NumPy's `dtype` in: itself, or with x64 off its 32-bit
    counterpart (the result's dtype is the catalogue's: DTYPE-X64-OFF-32BIT)."""
    dtype = np.dtype(dtype)
    return np.dtype(_32_BITS.get(dtype.name, dtype)) if not x64_enabled() else dtype


def _u(dtype: Any) -> float:
    return UNIT_ROUNDOFF[np.dtype(dtype).name]


def _c(dtype: Any) -> int:
    return COMPLEX_CONSTANT if kind_of(dtype) == "c" else REAL_CONSTANT


def backward_error(n: int, dtype: Any) -> float:
    """β: the normwise relative backward error of an LU solve of order n in `dtype` (module docstring)."""
    growth = 2.0 ** max(n - 1, 0)
    return (_c(dtype) * 3 * n * (1 + 2 * (n * n - n) * growth) + 2) * _u(dtype)


def _finfo(dtype: Any):
    return ml_dtypes.finfo(np.dtype(dtype))


def _tiny(dtype: Any) -> float:
    return float(_finfo(dtype).tiny)


def _wide(dtype: Any) -> type:
    return np.complex128 if kind_of(dtype) == "c" else np.float64


def _inexact(x: np.ndarray) -> bool:
    return kind_of(x.dtype) in "fc" and x.dtype != BFLOAT16 and x.dtype.itemsize >= 4


def _residual_holds(a: np.ndarray, x: np.ndarray, b: np.ndarray, dtype: Any) -> bool:
    """Whether every column x of `x` (..., n, k) satisfies ‖b - A x‖ <= β(‖A‖‖x‖ + ‖b‖) + n·τ."""
    wa, wx, wb = widened(a), widened(x), widened(b)
    with np.errstate(all="ignore"):
        r = np.abs(np.matmul(wa, wx) - wb).max(axis=-2, initial=0)
        size_a = np.abs(wa).sum(axis=-1).max(axis=-1, initial=0)[..., None]
        size_x, size_b = np.abs(wx).max(axis=-2, initial=0), np.abs(wb).max(axis=-2, initial=0)
    n = a.shape[-1]
    bound = backward_error(n, dtype) * (size_a * size_x + size_b) + n * _tiny(dtype)
    return bool(np.all(np.isfinite(r)) and np.all(r <= bound))


def _fixed_answer(solve, x: np.ndarray, *wide_args) -> np.ndarray:
    """NumPy's answer in float64 (complex128), rounded to x's dtype; x itself where NumPy refuses."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            answer = np.asarray(solve(*wide_args))
    except (np.linalg.LinAlgError, ValueError):
        return x
    return answer.astype(x.dtype) if answer.shape == x.shape else x


def _pattern(x: np.ndarray) -> np.ndarray:
    """Where an input holds a NaN or an infinity no rounding bound exists: which elements of the result
    are not finite (NaN there, in every part), its finite values all read as 0."""
    finite = np.isfinite(x.real) & np.isfinite(x.imag) if kind_of(x.dtype) == "c" else np.isfinite(x)
    return np.where(finite, 0, np.nan).astype(x.dtype)


def _finite(*arrays: np.ndarray) -> bool:
    return all(np.isfinite(np.asarray(a, np.complex128)).all() for a in arrays)


def solve_canonical(x: np.ndarray, a: Any, b: Any) -> np.ndarray:
    """solve's result (of a, b): the fixed answer where its residual is within the backward bound, else
    as it is (module docstring)."""
    x, a, b = np.asarray(x), np.asarray(a), np.asarray(b)
    if not _inexact(x) or a.ndim < 2 or x.ndim < 1:
        return x
    if not _finite(a, b):
        return _pattern(x)
    vector = b.ndim == 1
    columns, rhs = (x[..., None], b[..., None]) if vector else (x, b)
    try:
        if np.broadcast_shapes(a.shape[:-2], rhs.shape[:-2]) != columns.shape[:-2] \
                or columns.shape[-2:] != (a.shape[-1], rhs.shape[-1]):
            return x
    except ValueError:
        return x
    if not _residual_holds(a, columns, rhs, x.dtype):
        return x
    wide = _wide(x.dtype)
    return _fixed_answer(np.linalg.solve, x, a.astype(wide), b.astype(wide))


def inv_canonical(x: np.ndarray, a: Any) -> np.ndarray:
    """inv's result: the fixed answer where A·X - I is within solve's bound, column by column."""
    x, a = np.asarray(x), np.asarray(a)
    if not _inexact(x) or a.ndim < 2 or x.shape != a.shape or a.shape[-1] != a.shape[-2]:
        return x
    if not _finite(a):
        return _pattern(x)
    if not _residual_holds(a, x, np.eye(a.shape[-1]), x.dtype):
        return x
    return _fixed_answer(np.linalg.inv, x, a.astype(_wide(x.dtype)))


def tensorsolve_canonical(x: np.ndarray, a: Any, b: Any, axes: Any = None) -> np.ndarray:
    """tensorsolve's result (axes=None): solve's rule on a reshaped to (b.size, x.size)."""
    x, a, b = np.asarray(x), np.asarray(a), np.asarray(b)
    if not _inexact(x) or axes is not None or a.shape != (*b.shape, *x.shape) or b.size != x.size:
        return x
    if not _finite(a, b):
        return _pattern(x)
    if not _residual_holds(a.reshape(b.size, x.size), x.reshape(-1, 1), b.reshape(-1, 1), x.dtype):
        return x
    wide = _wide(x.dtype)
    return _fixed_answer(np.linalg.tensorsolve, x, a.astype(wide), b.astype(wide))


def tensorinv_canonical(x: np.ndarray, a: Any, ind: Any = 2) -> np.ndarray:
    """tensorinv's result: inv's rule on a reshaped to a square matrix (rows: the first ind axes)."""
    x, a = np.asarray(x), np.asarray(a)
    if not _inexact(x) or not isinstance(ind, int) or not 0 < ind <= a.ndim:
        return x
    rows = int(np.prod(a.shape[:ind]))
    if x.shape != (*a.shape[ind:], *a.shape[:ind]) or a.size != rows * rows:
        return x
    if not _finite(a):
        return _pattern(x)
    if not _residual_holds(a.reshape(rows, rows), x.reshape(rows, rows), np.eye(rows), x.dtype):
        return x
    return _fixed_answer(lambda m: np.linalg.tensorinv(m, ind=ind), x, a.astype(_wide(x.dtype)))


def exact_det(a: Any) -> np.ndarray:
    """The determinant of each matrix by the Leibniz sum in long double (n <= 4: at most 24 terms)."""
    w = widened(a)
    n = w.shape[-1]
    total = np.zeros(w.shape[:-2], w.dtype)
    with np.errstate(all="ignore"):
        for permutation in itertools.permutations(range(n)):
            sign = np.linalg.det(np.eye(n)[list(permutation)]) if n else 1.0
            term = np.ones(w.shape[:-2], w.dtype)
            for row, column in enumerate(permutation):
                term = term * w[..., row, column]
            total = total + round(sign) * term
    return total if n else np.ones(w.shape[:-2], w.dtype)


def det_bound(a: Any, dtype: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(exact det, Ipsen-Rehman bound Δ on the LU determinant, where the matrix is finite)."""
    a = np.asarray(a)
    n = a.shape[-1]
    wide = _wide(dtype)
    matrices = a.astype(wide)
    finite = np.isfinite(matrices).all(axis=(-2, -1))
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = exact_det(np.where(finite[..., None, None], a, 0))
        sigma = np.linalg.svd(np.where(finite[..., None, None], matrices, 0), compute_uv=False) \
            if n else np.zeros((*a.shape[:-2], 0))
        sigma = sigma * (1 + 1e-14) + 1e-14 * sigma.max(axis=-1, initial=0)[..., None]
        size = np.abs(matrices).sum(axis=-1).max(axis=-1, initial=0) if n else np.zeros(a.shape[:-2])
        epsilon = np.sqrt(n) * backward_error(n, dtype) * np.where(finite, size, 0)
        # s_j: elementary symmetric functions of the singular values (s[0] = 1)
        s = [np.ones(sigma.shape[:-1])] + [np.zeros(sigma.shape[:-1]) for _ in range(n)]
        for i in range(n):
            for j in range(i + 1, 0, -1):
                s[j] = s[j] + sigma[..., i] * s[j - 1]
        delta = sum(s[n - k] * epsilon ** k for k in range(1, n + 1)) if n else np.zeros(a.shape[:-2])
        magnitude = np.abs(reference).astype(np.float64)
        u = _u(dtype)
        delta = delta + (_c(dtype) * n * u) * (magnitude + delta) + n * _tiny(dtype)
    return reference, np.asarray(delta, np.float64), finite


class BoundedDet:
    """np.linalg.det(a), bounded (module docstring); NumPy's own outcome where it raises."""

    def __call__(self, a: Any, *, result_dtype: Any = None) -> Any:
        own = np.asarray(np.linalg.det(a))  # NumPy's errors, shape and dtype
        if result_dtype is not None:  # a catalogue model's: JAX's dtype, where it is not NumPy's
            own = own.astype(result_dtype)
        dtype = arithmetic(own.dtype)
        reference, delta, finite = det_bound(a, dtype)
        with np.errstate(all="ignore"):
            array = np.where(finite, reference.astype(_wide(own.dtype)).astype(own.dtype), own)
        nonfinite = ~finite
        return Value(np.asarray(array, own.dtype), atol=np.where(finite, delta + _u(own.dtype) * np.abs(
            array), 0.0), nonfinite=nonfinite if nonfinite.any() else None)


class BoundedSlogdet:
    """np.linalg.slogdet(a): (sign, logabsdet), bounded (module docstring)."""

    def __call__(self, a: Any, *, result_dtype: Any = None) -> Any:
        own_sign, own_log = (np.asarray(v) for v in np.linalg.slogdet(a))
        if result_dtype is not None:  # a catalogue model's: JAX's dtype, where it is not NumPy's
            own_sign, own_log = own_sign.astype(result_dtype), own_log.astype(result_dtype)
        dtype = arithmetic(own_sign.dtype)
        reference, delta, finite = det_bound(a, dtype)
        u = _u(dtype)
        with np.errstate(all="ignore"):
            magnitude = np.abs(reference).astype(np.float64)
            determined = finite & (delta < magnitude)
            ratio = np.where(determined, delta / np.where(determined, magnitude, 1), 0)
            sign = np.where(determined, reference / np.where(determined, np.abs(reference), 1), 0)
            sign = sign.astype(_wide(own_sign.dtype)).astype(own_sign.dtype)
            log = np.log(magnitude)
            sign_bound = (np.where(determined, 2 * ratio + 4 * u, 1 + 4 * u) if kind_of(own_sign.dtype) == "c"
                          else np.where(determined, 0.0, 1.0))  # (a unit complex sign, rounded)
            # the lowest log|det| of n nonzero pivots: n times the smallest subnormal's
            lowest = np.shape(a)[-1] * np.log(float(_finfo(dtype).smallest_subnormal)) - 1
            highest = np.log(delta)
            centre = np.where(determined, log, (highest + lowest) / 2)
            log_bound = np.where(determined, -np.log1p(-ratio) + u * np.abs(log) + 2 * u,
                                 (highest - lowest) / 2)
            centre = np.where(finite, centre, own_log).astype(own_log.dtype)
            sign = np.where(finite, sign, own_sign).astype(own_sign.dtype)
        free_log = finite & ~determined
        return (Value(np.asarray(sign), atol=np.where(finite, sign_bound, 0.0),
                      nonfinite=~finite if (~finite).any() else None),
                Value(np.asarray(centre), atol=np.where(finite, log_bound, 0.0),
                      nonfinite=(~finite | free_log) if (~finite | free_log).any() else None))


class BoundedPower:
    """np.linalg.matrix_power(a, n), bounded (module docstring); bool and integer powers exact."""

    def __call__(self, a: Any, n: Any) -> Any:
        own = np.asarray(np.linalg.matrix_power(a, n))  # NumPy's errors, shape and dtype
        if kind_of(own.dtype) not in "fc" or own.size == 0:
            return own
        dtype = arithmetic(own.dtype)
        u, c, order = _u(dtype), _c(dtype), own.shape[-1]
        per_product = (c * order + 1) * u
        m = abs(n)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if n >= 0:
                wide = widened(a)
                reference = np.linalg.matrix_power(wide, n) if n else np.broadcast_to(
                    np.eye(order, dtype=wide.dtype), wide.shape)
                magnitude = np.linalg.matrix_power(np.abs(wide), n).astype(np.float64) if n else 0.0
                bound = ((1 + per_product) ** max(m - 1, 0) - 1) * magnitude + 2 * m * order * _tiny(dtype)
            else:
                matrices = np.asarray(a).astype(_wide(own.dtype))
                inverse = np.linalg.inv(matrices)
                reference = np.linalg.matrix_power(inverse, m)
                sigma = np.linalg.svd(matrices, compute_uv=False)
                condition = sigma[..., 0] / sigma[..., -1]
                relative = condition * np.sqrt(order) * (backward_error(order, dtype) + 1e-15)
                r = np.where(relative < 0.5, relative / (1 - relative), np.inf)
                size = (1 / sigma[..., -1]) ** m
                bound = size * ((1 + r) ** m * (1 + per_product) ** (m - 1) - 1)
                bound = np.broadcast_to(bound[..., None, None], reference.shape)
            bound = bound + u * np.abs(reference).astype(np.float64)
            array = reference.astype(_wide(own.dtype)).astype(own.dtype)
        return Value(np.asarray(array), atol=np.asarray(bound, np.float64))


class BoundedCond:
    """np.linalg.cond(x, p), bounded (module docstring)."""

    def __call__(self, x: Any, p: Any) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            own = np.asarray(np.linalg.cond(x, p))  # NumPy's errors, shape and dtype
        dtype = arithmetic(own.dtype)
        matrices = np.asarray(x).astype(np.complex128 if kind_of(np.asarray(x).dtype) == "c" else np.float64)
        n = max(matrices.shape[-2:])
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reference = np.asarray(np.linalg.cond(matrices, p))
            sigma = np.linalg.svd(matrices, compute_uv=False)
            condition = sigma[..., 0] / sigma[..., -1]
            r = np.sqrt(n) * backward_error(n, dtype) * condition + n * _u(dtype)
            bound = np.where(r < 0.5, np.abs(reference) * r / (1 - r), np.inf)
            array = reference.astype(own.dtype)
        finite = np.isfinite(array)
        return Value(np.asarray(array), atol=np.where(finite, bound, 0.0))


class BoundedRank:
    """np.linalg.matrix_rank(a, tol=, rtol=): NumPy's own count where no singular value lies within the
    SVD's error of the cutoff; where one does, either count (`Value.choices`). The cutoff is tol, else
    rtol (default max(M, N)·eps of the dtype JAX computes in) times σ_max; the singular values are within
    √n·β·σ_max of the exact ones (β: module docstring), the cutoff as uncertain as σ_max."""

    def __call__(self, a: Any, tol: Any, rtol: Any) -> Any:
        own = np.asarray(np.linalg.matrix_rank(a, tol=tol, rtol=rtol))  # NumPy's errors, shape, dtype
        a = np.asarray(a)
        if a.ndim < 2 or a.size == 0:
            return own
        wide = np.complex128 if kind_of(a.dtype) == "c" else np.float64
        inexact = arithmetic(wide if kind_of(a.dtype) not in "fc" else a.dtype)
        if kind_of(a.dtype) not in "fc":  # bool and integers: JAX's float32 (x64 off or on)
            inexact = np.dtype(np.float32)
        sigma = np.linalg.svd(a.astype(wide), compute_uv=False)
        largest = sigma.max(axis=-1, initial=0)[..., None]
        n = max(a.shape[-2:])
        error = np.sqrt(n) * backward_error(n, inexact) * largest
        if tol is not None:
            cutoff, slack = np.asarray(tol, np.float64)[..., None], 0.0
        else:
            relative = rtol if rtol is not None else n * float(_finfo(inexact).eps)
            cutoff, slack = relative * largest, relative * error
        low = (sigma > cutoff + error + slack).sum(axis=-1)
        high = (sigma > cutoff - error - slack).sum(axis=-1)
        choices = tuple(np.minimum(low + k, high).astype(own.dtype) for k in range(1, n + 1)
                        if (low + k <= high).any())
        return Value(own, choices=choices)

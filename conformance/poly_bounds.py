"""NumPy references for polynomials and windows whose rounding error grows with the number of terms.

Each reference is called like NumPy's function (the arrays, then the row's options). NumPy's own call
decides the errors, the shape and the dtype; bool and integer results are NumPy's own, compared exactly.
A float or complex result is the same call on the values in long double (roots, polyfit: in float64 or
complex128, which LAPACK takes), rounded to the result dtype, with an elementwise bound on `Value.atol`
(u: the unit roundoff of the dtype JAX computes in, η its smallest subnormal; c = 2 for real and 4 for
complex results, as matmul's, sums.py's and signal_bounds.py's; Higham, Accuracy and Stability of
Numerical Algorithms, 2nd ed.):

- polyval (Horner's rule, n coefficients: n - 1 multiply-adds, §5.1): (c·n + 1)·u·Σ|p_i|·|x|^i, the
  classic 2·n·u·p̃(|x|) plus the rounding of the reference, and 2·(η + flush)·Σ max(1, |x|)^i for the
  absolute error each step may add where it underflows (each carried through the later products).
- polyadd, polysub: one addition per coefficient: (c + 1)·u·(|a1| + |a2|), aligned at the end.
- polymul: a convolution, each coefficient a sum of k products (k: polymul of ones), as a matmul's
  element (§3.1): (c·k + 1)·u·(|a1| ⊛ |a2|) + 2·k·(η + flush)·(1 + |a1| ⊛ 1 + 1 ⊛ |a2|).
- polyder (m times a product with an integer: exact integers, one rounding each) and polyint (m times a
  division by an integer, the constant k placed, not added): (c·m + 1)·u·|the same call on |p||.
- polydiv: long division, k = len(u) - len(v) + 1 steps, each d = (1/v0)·r_k and r_k+j -= d·v_j. Its
  error is not a multiple of one magnitude: an error in r_k reaches d divided by |v0| and every later
  coefficient multiplied by |v_j|, so after k steps it grows as (max|v_j| / |v0|)^k. The bound is a
  forward bound run along the recurrence itself (`_division_bounds`, first order, doubled): E_d =
  E_r,k / |v0| + c·u·|d| + 2·(η + flush), E_r,k+j += |v_j|·E_d + c·u·(|r_k+j| + |d·v_j|) + 2·(η + flush),
  magnitudes from the absolute-value division (|u| by |v|). Why not q·v + r against u (the residual,
  backward stable): it would not see an error in q that v's later coefficients hide, and NumPy's and
  jnp's results are the same recurrence, coefficient by coefficient, so each can be checked as
  returned. The remainder's first k coefficients are zero in exact arithmetic (jnp keeps them: their
  bound is the cancellation's).
- poly: n convolutions with (1, -z_i); each coefficient of Π(x - z_i) is bounded by the same coefficient
  of Π(x + |z_i|) (elementary symmetric functions of |z|): (c·n + 1)·u·e_k(|z|).
- roots: compared as a multiset by its canonical form, the monic polynomial Π(x - r_i) (`monic`: unique
  whatever the order, continuous where roots meet, where sorted roots swap and a multiple root moves by
  u^(1/m)). The companion-matrix eigenvalues are backward stable (Edelman & Murakami, Math. Comp. 64
  (1995)): they are the exact roots of coefficients perturbed by O(n·u) relative to the polynomial's;
  the bound on coefficient k is 8·n²·(u·e_k(|r|) + η + flush) (r: the float64 roots of NumPy; a
  margin over the O(n·u) constant, checked by the ci runs on moderate coefficients only).
- polyfit: compared by the fitted values Σ p_i·x^i at the sample points (`fitted_values`), not the
  coefficients: a least-squares solution is backward stable (§20.4), so the fitted values of the
  weighted, column-scaled Vandermonde matrix B are off by at most 8·n·(deg + 1)·u·κ₂(B)·‖w·y‖₂ / min|w|
  (each element; κ₂ from NumPy's SVD), where coefficients would carry κ² (the suite's x are distinct,
  evenly spaced points: κ stays small).
- unwrap: a difference, a remainder by the period and a correction per step, the corrections summed
  along the axis (n terms): (c·n + 8)·u·(|p| + Σ(|dd| + |correction| + period)) (BoundedUnwrap).
- interp: f = fp_j + (x - xp_j) / (xp_j+1 - xp_j)·(fp_j+1 - fp_j) (jnp) or the slope times
  (x - xp_j) plus fp_j (NumPy, in float64): three differences of exact inputs, a division, a product by
  a factor t in [0, 1] and an addition, each one rounding, so each side is within (c + 1)·u·(|fp_j| +
  |fp_j+1|) of the exact value: (2·c + 2)·u·(|fp_j| + |fp_j+1|) + 4·(η + flush), u that of jnp's dtype
  (NumPy's float64 error is smaller), fp_j and fp_j+1 the values either side of x. The reference is
  NumPy's own result on x, xp and fp as jnp reads them (cast to the dtype it computes in: with x64
  off, float64's 1.5·2^-1022 is 0 in float32, which moves x onto a point of xp where fp may jump).
- windows (bartlett, blackman, hamming, hanning, kaiser): each sample a sum of at most three cosines of
  an argument 2πk/(M - 1) (a few roundings each, the argument's error times a derivative at most 4π), or
  a ratio of Bessel functions of β·sqrt(1 - t²) (the argument's error times β): 16·u + 4·β·u absolute
  (every sample is at most 1 in size).

`underflow`: the absolute error each step may make besides rounding where JAX flushes subnormals (the
smallest normal: catalogue/polynomials.py), scaled as η is. `result_dtype`: the dtype JAX computes in,
where it is not NumPy's (x64 off; integers made inexact; float16 kept). Where a magnitude may overflow
the result dtype, a non-finite value is also accepted (`Value.nonfinite`).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from conformance.cases.matmul import finite_magnitude, largest_finite, widened
from conformance.outcome import Value
from conformance.signal_bounds import _arithmetic, _constants, _rounded
from conformance.strategies import kind_of


def _value(reference: Any, own: np.ndarray, dtype: np.dtype, bound: Any, magnitude: Any) -> Value:
    largest = largest_finite(_arithmetic(dtype))
    may_overflow = np.asarray(np.asarray(magnitude, dtype=np.float64) > largest / 2)
    array = _rounded(np.asarray(reference), own, dtype)
    return Value(np.asarray(array), nonfinite=may_overflow if may_overflow.any() else None,
                 atol=np.asarray(bound, dtype=np.float64))


def _exact(own: np.ndarray, result_dtype: Any) -> bool:
    """A bool or integer result that JAX also computes exactly (no other dtype asked for)."""
    return result_dtype is None and kind_of(own.dtype) not in "fc"


def _magnitude(a: Any) -> np.ndarray:
    return np.asarray(finite_magnitude(widened(a)), dtype=np.float64)


def _dtype(own: np.ndarray, result_dtype: Any) -> np.dtype:
    return np.dtype(result_dtype if result_dtype is not None else own.dtype)


@dataclass(frozen=True)
class BoundedPolyval:
    """np.polyval(p, x), bounded (module docstring)."""

    def __call__(self, p: Any, x: Any, *, underflow: float = 0.0, result_dtype: Any = None) -> Any:
        own = np.asarray(np.polyval(p, x))
        if _exact(own, result_dtype):
            return own
        dtype = _dtype(own, result_dtype)
        u, eta, c = _constants(dtype)
        n = np.shape(p)[0]
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reference = np.polyval(widened(p), widened(x))
            size = _magnitude(x)
            magnitude = np.polyval(_magnitude(p), size) if n else np.zeros_like(size)
            powers = np.polyval(np.ones(n), np.maximum(size, 1)) if n else np.zeros_like(size)
            bound = (c * n + 1) * u * magnitude + 2 * (eta + underflow) * powers
        return _value(reference, own, dtype, bound, magnitude)


def _convolved(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The full convolution, an empty operand counted as [0] (as np.polymul's poly1d counts it)."""
    a, b = (x if x.shape[0] else np.zeros(1, x.dtype) for x in (np.asarray(a), np.asarray(b)))
    return np.convolve(a, b)


@dataclass(frozen=True)
class BoundedCoefficients:
    """np.polyadd, np.polysub or np.polymul(a1, a2), bounded (module docstring)."""

    fn: Callable[..., Any]

    def __call__(self, a1: Any, a2: Any, *, underflow: float = 0.0, result_dtype: Any = None) -> Any:
        own = np.asarray(self.fn(a1, a2))
        if _exact(own, result_dtype):
            return own
        dtype = _dtype(own, result_dtype)
        u, eta, c = _constants(dtype)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            size1, size2 = _magnitude(a1), _magnitude(a2)
            if self.fn is np.polymul:  # full convolutions, cut to NumPy's length (it strips leading zeros)
                length = own.shape[0]
                # an empty operand is [0]: one term, exactly zero (its products are zeros of either sign)
                ones1, ones2 = (np.ones(max(np.shape(size)[0], 1)) for size in (size1, size2))
                reference = _convolved(widened(a1), widened(a2))[-length:]
                magnitude = _convolved(size1, size2)[-length:]
                k = _convolved(ones1, ones2)[-length:]
                others = 1 + (_convolved(size1, ones2) + _convolved(ones1, size2))[-length:]
                bound = (c * k + 1) * u * magnitude + 2 * k * (eta + underflow) * others
            else:
                reference = self.fn(widened(a1), widened(a2))
                magnitude = np.polyadd(size1, size2)
                bound = (c + 1) * u * magnitude + 2 * (eta + underflow)
        return _value(reference, own, dtype, bound, magnitude)


@dataclass(frozen=True)
class BoundedCalculus:
    """np.polyder(p, m) or np.polyint(p, m, k), bounded (module docstring)."""

    fn: Callable[..., Any]

    def __call__(self, p: Any, *options: Any, underflow: float = 0.0, result_dtype: Any = None) -> Any:
        own = np.asarray(self.fn(p, *options))
        if _exact(own, result_dtype):
            return own
        dtype = _dtype(own, result_dtype)
        u, eta, c = _constants(dtype)
        m = options[0]
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wide = widened(p)
            if kind_of(wide.dtype) not in "fc":
                wide = wide.astype(np.longdouble)
            reference = self.fn(wide, *options)
            magnitude_options = options if len(options) < 2 or options[1] is None else (m, abs(options[1]))
            magnitude = np.asarray(self.fn(_magnitude(p), *magnitude_options), dtype=np.float64)
            steps = max(m, 1)
            bound = (c * steps + 1) * u * magnitude + 2 * steps * (eta + underflow)
        return _value(reference, own, dtype, bound, magnitude)


@dataclass(frozen=True)
class BoundedPoly:
    """np.poly(seq_of_zeros) of a 1-d sequence, bounded (module docstring)."""

    def __call__(self, z: Any, *, underflow: float = 0.0, result_dtype: Any = None) -> Any:
        own = np.asarray(np.poly(z))
        dtype = _dtype(own, result_dtype)
        u, eta, c = _constants(dtype)
        n = np.shape(z)[0]
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wide = widened(z)
            reference = np.asarray(np.poly(wide.astype(np.longdouble) if kind_of(wide.dtype) not in "fc"
                                           else wide))
            if kind_of(own.dtype) != "c":
                reference = reference.real
            magnitude = np.asarray(np.poly(-_magnitude(z)), dtype=np.float64)
            largest = np.asarray(np.poly(-np.maximum(_magnitude(z), 1)), dtype=np.float64)
            bound = (c * n + 1) * u * magnitude + 2 * n * (eta + underflow) * largest
        return _value(reference, own, dtype, bound, magnitude)


def monic(roots: np.ndarray, *_: Any) -> np.ndarray:
    """The canonical form of a multiset of roots: the coefficients of Π(x - r_i), leading 1 first, in
    complex long double rounded to the roots' dtype (a real one for real roots)."""
    roots = np.asarray(roots)
    coefficients = np.ones(1, np.clongdouble)
    for r in widened(roots).ravel():
        coefficients = np.convolve(coefficients, np.array([1, -r], np.clongdouble))
    if kind_of(roots.dtype) != "c":
        coefficients = coefficients.real
    narrow = np.complex128 if kind_of(roots.dtype) == "c" else np.float64
    return coefficients.astype(narrow).astype(roots.dtype)


@dataclass(frozen=True)
class BoundedRoots:
    """np.roots(p): NumPy's roots, with a bound on their canonical form (`monic`, module docstring); the
    bound's magnitudes come from the float64 roots."""

    def __call__(self, p: Any, *, underflow: float = 0.0, result_dtype: Any = None) -> Any:
        own = np.asarray(np.roots(p))
        dtype = _dtype(own, result_dtype)
        u, eta, _ = _constants(dtype)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            p = np.asarray(p)
            wide = p.astype(np.complex128 if kind_of(p.dtype) == "c" else np.float64)
            reference = np.roots(wide)
            n = reference.shape[0]
            magnitude = np.abs(np.asarray(np.poly(-np.abs(reference)) if n else np.ones(1), dtype=np.float64))
            bound = 8 * n * n * (u * magnitude + eta + underflow)
        with np.errstate(all="ignore"):  # NumPy's roots (within the bound of its own dtype's)
            array = own.astype(dtype)
        return Value(array, atol=np.reshape(bound, np.shape(magnitude)))


def fitted_values(p: np.ndarray, x: Any, *_: Any) -> np.ndarray:
    """polyfit's canonical form: the fitted values Σ p_i·x^i at the sample points x, in long double,
    rounded to the coefficients' dtype (a failed fit's NaNs stay NaN)."""
    p = np.asarray(p)
    if p.ndim != 1:
        return p
    values = np.polyval(widened(p), widened(x))
    return values.astype(np.complex128 if kind_of(p.dtype) == "c" else np.float64).astype(p.dtype)


@dataclass(frozen=True)
class BoundedFit:
    """np.polyfit(x, y, deg, w=w), bounded on its fitted values (`fitted_values`, module docstring)."""

    def __call__(self, x: Any, y: Any, deg: int, w: Any, *, underflow: float = 0.0,
                 result_dtype: Any = None) -> Any:
        own = np.asarray(np.polyfit(x, y, deg, w=w))
        dtype = _dtype(own, result_dtype)
        u, eta, _ = _constants(dtype)
        x64 = np.asarray(x).astype(np.float64)
        y64 = np.asarray(y).astype(np.complex128 if kind_of(np.asarray(y).dtype) == "c" else np.float64)
        weights = np.ones_like(x64) if w is None else np.asarray(w, dtype=np.float64)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reference = np.polyfit(x64, y64, deg, w=w)
            matrix = np.vander(x64, deg + 1) * weights[:, None]
            matrix = matrix / np.sqrt((matrix * matrix).sum(axis=0))
            singular = np.linalg.svd(matrix, compute_uv=False)
            kappa = singular[0] / singular[-1] if singular[-1] > 0 else np.inf
            norm = float(np.linalg.norm(weights * y64))
            n = x64.shape[0]
            bound = ((8 * n * (deg + 1) * u * kappa * norm + 2 * n * (eta + underflow))
                     / np.min(np.abs(weights)))
        return Value(np.asarray(reference).astype(dtype), atol=np.full(x64.shape, bound))


@dataclass(frozen=True)
class BoundedWindow:
    """np.bartlett, np.blackman, np.hamming, np.hanning(M) or np.kaiser(M, beta), bounded."""

    fn: Callable[..., Any]

    def __call__(self, M: Any, *beta: Any, result_dtype: Any = None, underflow: float = 0.0) -> Any:
        own = np.asarray(self.fn(M, *beta))
        dtype = _dtype(own, result_dtype)
        u, eta, _ = _constants(dtype)
        bound = (16 + 4 * abs(float(beta[0]) if beta else 0.0)) * u + 2 * (eta + underflow)
        return Value(own.astype(dtype), atol=np.full(own.shape, bound))


@dataclass(frozen=True)
class BoundedUnwrap:
    """np.unwrap(p, discont=, axis=[, period=]), bounded: each step a difference, a remainder by the
    period, a correction (ddmod - dd) and a running sum of the corrections (n terms along the axis), then
    one addition: (c·n + 8)·u·(|p| + Σ_j (|dd_j| + |corr_j| + period)) + 2·n·(η + flush), the sum running
    along the axis. Integer results (an integer period) are NumPy's own, exact."""

    def __call__(self, p: Any, discont: Any, axis: Any, period: Any, *, underflow: float = 0.0,
                 result_dtype: Any = None) -> Any:
        options = {"discont": discont, "axis": axis, **({"period": period} if period is not None else {})}
        own = np.asarray(np.unwrap(p, **options))
        if _exact(own, result_dtype):
            return own
        dtype = _dtype(own, result_dtype)
        u, eta, c = _constants(dtype)
        span = abs(float(period)) if period is not None else 2 * np.pi
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wide = widened(p)
            wide = wide.astype(np.longdouble) if kind_of(wide.dtype) not in "fc" else wide
            reference = np.unwrap(wide, **options)
            moved = np.moveaxis(np.asarray(wide, dtype=np.float64), axis, -1)
            steps = np.abs(np.diff(moved, axis=-1))
            corrections = np.abs(np.diff(np.moveaxis(np.asarray(reference, dtype=np.float64), axis, -1)
                                         - moved, axis=-1))
            running = np.cumsum(steps + corrections + span, axis=-1)
            running = np.concatenate([np.zeros(running.shape[:-1] + (1,)), running], axis=-1)
            n = moved.shape[-1]
            bound = np.moveaxis((c * n + 8) * u * (np.abs(moved) + running) + 2 * n * (eta + underflow),
                                -1, axis)
        return _value(reference, own, dtype, bound, np.abs(np.asarray(reference, dtype=np.float64)))



def _divided(u: np.ndarray, v: np.ndarray, dtype: np.dtype) -> tuple[np.ndarray, np.ndarray]:
    """np.polydiv's long division without its trimming: the quotient (at least one coefficient) and the
    whole remainder (len(u) coefficients, the first len(u) - len(v) + 1 of them zero, as they are in
    exact arithmetic, where v[0] is not), in the arrays' dtype; 1 / v[0] rounded to `dtype`, as both
    compute it (a tiny v[0]: infinite there, and so are the quotient and the remainder)."""
    m, n = u.shape[0] - 1, v.shape[0] - 1
    q = np.zeros(max(m - n + 1, 1), u.dtype)
    r = u.copy()
    scale = 1 / v[0]
    narrow = np.asarray(scale).astype(np.complex128 if u.dtype.kind == "c" else np.float64).astype(dtype)
    if not np.isfinite(narrow):  # it overflows the dtype
        scale = narrow.astype(u.dtype)[()]
    for k in range(m - n + 1):
        d = scale * r[k]
        q[k] = d
        r[k:k + n + 1] -= d * v
        if v[0] != 0 and np.isfinite(r[k]):  # zero in exact arithmetic
            r[k] = 0
    return q, r


def _division_bounds(u: np.ndarray, v: np.ndarray, steps: int, unit: float, c: float, eta: float,
                     flush: float) -> tuple[np.ndarray, ...]:
    """Elementwise bounds on jnp.polydiv's quotient and remainder, and the magnitudes that may overflow
    (`u`, `v`: the magnitudes of the operands). Step k computes d = fl(fl(1 / v0)·r_k) (error:
    E_k / |v0| carried from r_k, plus c·u·|d| and the underflow) and r_k+j -= d·v_j (error: |v_j| times
    d's, plus
    c·u·(|r_k+j| + |d·v_j|) and the underflow), E being the running bound of the remainder and the
    magnitudes those of the absolute-value division (|u| divided by |v0|, each |d|·|v| added); doubled
    for the second-order terms, plus the rounding of the reference itself. A zero v0: no bound (the
    results are non-finite, compared as they are). Each coefficient of u starts with the flush's error
    (a subnormal read as zero, or not: with no step, jnp returns u as it is)."""
    n = v.shape[0] - 1
    q_size, q_error = np.zeros(max(steps, 1)), np.zeros(max(steps, 1))
    r_size, r_error = u.copy(), np.full(u.shape[0], flush)
    if steps > 0 and v[0] == 0:
        return q_error, 0 * r_error, q_size, 0 * r_error
    eta = eta + flush
    for k in range(max(steps, 0)):
        q_size[k] = r_size[k] / v[0]
        q_error[k] = r_error[k] / v[0] + c * unit * q_size[k] + 2 * eta
        r_error[k:k + n + 1] += v * q_error[k] + c * unit * (r_size[k:k + n + 1] + q_size[k] * v) + 2 * eta
        r_size[k:k + n + 1] += q_size[k] * v
    # the magnitudes that may overflow: each d reaches every later coefficient (an infinite d makes them
    # infinite or NaN), so each position's is the largest |d| before it, or its own
    reach = np.maximum.accumulate(q_size)
    r_reach = np.maximum(r_size, np.concatenate([reach, np.full(u.shape[0] - reach.shape[0], reach[-1])])
                         [:u.shape[0]]) if steps > 0 else r_size
    return 2 * q_error + unit * q_size, 2 * r_error + unit * r_size, reach, r_reach


def _own_or_zeros(own: np.ndarray, length: int) -> np.ndarray:
    """NumPy's remainder padded at the front with zeros to `length` (jnp's whole remainder)."""
    return np.concatenate([np.zeros(length - own.shape[0], own.dtype), own]) if own.shape[0] < length else own


@dataclass(frozen=True)
class BoundedDivision:
    """np.polydiv(u, v), bounded along the long division's recurrence (module docstring). NumPy's
    remainder is cut to NumPy's length (it strips leading near-zeros); `whole` keeps jnp's (len(u));
    `signed_zeros` divides the values as they are, where NumPy adds 0.0 first (a -0.0 leading
    coefficient of v then gives infinities of the other sign)."""

    def __call__(self, u: Any, v: Any, *, underflow: float = 0.0, result_dtype: Any = None,
                 whole: bool = False, signed_zeros: bool = False) -> Any:
        q_own, r_own = (np.asarray(a) for a in np.polydiv(u, v))  # NumPy's errors, shapes and dtype
        dtype = _dtype(q_own, result_dtype)
        unit, eta, c = _constants(dtype)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wide_u, wide_v = (widened(a) for a in (u, v))
            if kind_of(dtype) == "c":
                wide_u, wide_v = (a.astype(np.clongdouble) for a in (wide_u, wide_v))
            if not signed_zeros:  # np.polydiv's `+ 0.0`: -0.0 becomes +0.0
                wide_u, wide_v = wide_u + 0, wide_v + 0
            q, r = _divided(wide_u, wide_v, _arithmetic(dtype))
            steps = wide_u.shape[0] - wide_v.shape[0] + 1
            q_bound, r_bound, q_size, r_size = _division_bounds(
                _magnitude(wide_u), _magnitude(wide_v), steps, unit, c, eta, underflow)
        cut = r.shape[0] - (r.shape[0] if whole else r_own.shape[0])
        if signed_zeros:  # jnp's rules: its own non-finite values, not NumPy's
            q_own, r_own = q, r
        return (_value(q, q_own, dtype, q_bound, q_size),
                _value(r[cut:], _own_or_zeros(r_own, r.shape[0] - cut), dtype, r_bound[cut:], r_size[cut:]))


def _real_dtype(dtype: np.dtype) -> np.dtype:
    return np.dtype(np.zeros(0, dtype).real.dtype) if kind_of(dtype) == "c" else np.dtype(dtype)


@dataclass(frozen=True)
class BoundedInterp:
    """np.interp(x, xp, fp, left, right, period), bounded (module docstring): NumPy's own float64 (or
    complex128) result on the values as jnp reads them (x and xp in the real dtype it computes in, fp
    in that dtype), with (2·c + 2)·u·(|fp_j| + |fp_j+1|) + 4·(η + flush), fp_j and fp_j+1 the values
    either side of x (after the period's normalization). `stable`: with a period, the points equal
    modulo the period kept in their order (jnp's stable sort), not argsort's (NumPy's quicksort)."""

    def __call__(self, x: Any, xp: Any, fp: Any, left: Any, right: Any, period: Any, *,
                 underflow: float = 0.0, result_dtype: Any = None, stable: bool = False) -> Any:
        options = {"left": left, "right": right, "period": period}
        own = np.asarray(np.interp(x, xp, fp, **options))  # NumPy's errors, its shape
        dtype = _dtype(own, result_dtype)
        unit, eta, c = _constants(dtype)
        real = _real_dtype(_arithmetic(dtype))
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            x, xp = (np.asarray(a).astype(real).astype(np.float64) for a in (x, xp))
            fp = np.asarray(fp).astype(_arithmetic(dtype))
            reference = np.asarray(np.interp(x, xp, fp, **options))
            points, values = xp, _magnitude(fp)
            if period is not None and period != 0 and xp.shape[0]:
                # NumPy's normalization: xp modulo the period, sorted, one more point each side
                order = np.argsort(points % abs(period), kind="stable" if stable else None)
                points, values = points[order] % abs(period), values[order]
                points = np.concatenate([points[-1:] - abs(period), points, points[:1] + abs(period)])
                values = np.concatenate([values[-1:], values, values[:1]])
                x = x % abs(period)
                if stable:
                    ordered = fp[order]
                    reference = np.asarray(np.interp(x, points, np.concatenate(
                        [ordered[-1:], ordered, ordered[:1]])))
            if points.shape[0] > 1:
                j = np.clip(np.searchsorted(points, x, side="right") - 1, 0, points.shape[0] - 2)
                size = values[j] + values[j + 1]
            else:
                size = np.full(np.shape(x), values[0] if values.shape[0] else 0.0)
            bound = (2 * c + 2) * unit * size + 4 * (eta + underflow)
        return _value(reference, reference, dtype, bound, size)

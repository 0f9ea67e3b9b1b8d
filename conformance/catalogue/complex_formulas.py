"""The formulas XLA evaluates for complex operations that NumPy computes otherwise (or not at all),
evaluated the same way in NumPy, step by step in the working precision, with subnormal results flushed
(the CPU's FTZ/DAZ modes) and IEEE special values propagating as they do there (0 * inf is NaN).

A complex number is a pair (real part, imaginary part) of real arrays of the working dtype, so that the
rounding and the NaN/inf propagation of each step are the same as XLA's. The elementary real functions
(log, exp, atan2, pow, cos, sin) are NumPy's: they differ from XLA's by an ulp or two, which is what the
error bounds computed next to each formula account for (`eps` terms).

Sources: XLA's elemental IR emitter (xla/service/elemental_ir_emitter.cc: EmitComplexPower, the kAtan2
case, EmitComplexMultiply) and JAX's lax/other.py (logaddexp, logaddexp2, _wrap_between) and
interpreters/mlir.py (_minmax_hlo: complex max/min select an operand by a lexicographic comparison).
"""

from __future__ import annotations

import numpy as np

from conformance.catalogue.models import flush_subnormals

Pair = tuple[np.ndarray, np.ndarray]


def real_dtype(complex_dtype: np.dtype) -> np.dtype:
    return np.dtype(np.float32 if np.dtype(complex_dtype).itemsize == 8 else np.float64)


def _w(x, real: np.dtype) -> np.ndarray:
    """One rounding to the working precision, then FTZ."""
    return flush_subnormals(np.asarray(x).astype(real))


def split(z: np.ndarray, real: np.dtype) -> Pair:
    """A complex array as its (flushed) parts in the working precision (DAZ on the inputs)."""
    z = np.asarray(z)
    if z.dtype.kind != "c":
        return _w(z, real), np.zeros(z.shape, real)
    return _w(z.real, real), _w(z.imag, real)


def join(z: Pair, dtype: np.dtype) -> np.ndarray:
    out = np.empty(np.broadcast_shapes(z[0].shape, z[1].shape), dtype)
    out.real, out.imag = z
    return out


def mul(x: Pair, y: Pair) -> Pair:
    """XLA's complex product: (a c - b d) + (a d + b c) i, each step rounded and flushed."""
    (a, b), (c, d) = x, y
    real = a.dtype
    return (_w(_w(a * c, real) - _w(b * d, real), real), _w(_w(a * d, real) + _w(b * c, real), real))


def add(x: Pair, y: Pair) -> Pair:
    real = x[0].dtype
    return _w(x[0] + y[0], real), _w(x[1] + y[1], real)


def sub(x: Pair, y: Pair) -> Pair:
    real = x[0].dtype
    return _w(x[0] - y[0], real), _w(x[1] - y[1], real)


def const(value: complex, like: Pair) -> Pair:
    real = like[0].dtype
    return np.asarray(value.real, real), np.asarray(value.imag, real)


def lexicographic(op, x: Pair, y: Pair) -> np.ndarray:
    """JAX's complex ordering (`_complex_comparison`, and the select of complex max/min): the
    comparison of the real parts, or of the imaginary parts where the real parts are equal. With NaN
    every comparison is False."""
    return np.where(x[0] == y[0], op(x[1], y[1]), op(x[0], y[0]))


def select(which: np.ndarray, x: Pair, y: Pair) -> Pair:
    return np.where(which, x[0], y[0]), np.where(which, x[1], y[1])


def absolute(x: Pair) -> np.ndarray:
    """XLA's complex abs: max * sqrt(1 + (min / max) ** 2), or min where that is NaN (0 / 0, inf / inf)."""
    a, b = np.abs(x[0]), np.abs(x[1])
    real = a.dtype
    big, small = np.maximum(a, b), np.minimum(a, b)
    ratio = _w(small / big, real)
    size = _w(big * _w(np.sqrt(_w(_w(ratio * ratio, real) + 1, real)), real), real)
    return np.where(np.isnan(size), small, size).astype(real)


def c_atan2(y: np.ndarray, x: np.ndarray, real: np.dtype) -> np.ndarray:
    """The C library's atan2 (which XLA calls) on parts as they are, not flushed: its branches test the
    bits, so a subnormal y is not zero there (`subnormal_y_arctan2`); elsewhere atan2 of the flushed
    parts."""
    from conformance.catalogue.subnormals import subnormal, subnormal_y_arctan2

    y, x = np.broadcast_arrays(np.asarray(y, real), np.asarray(x, real))
    with np.errstate(all="ignore"):
        flushed = _w(np.arctan2(flush_subnormals(y), flush_subnormals(x)), real)
        tiny_y = subnormal(y)
        if not np.any(tiny_y):
            return flushed
        return np.where(tiny_y, subnormal_y_arctan2(y, x, real), flushed).astype(real)


def power(x: Pair, y: Pair, *, raw: Pair | None = None) -> Pair:
    """XLA's complex power (EmitComplexPower): with x = a + b i, y = c + d i,
    |x| ** c * exp(-d atan2(b, a)) * (cos q + i sin q), q = c atan2(b, a) + d ln |x|; then its cut-offs,
    the last one winning: 0 ** y is 1 for y == 0 and 0 for a real y > 0; x ** 0 is 1; 1 ** y is 1;
    inf ** c is inf for a real c > 0 and 0 for a real c < 0. `raw`: x's parts before DAZ, which atan2
    reads (`c_atan2`)."""
    (a, b), (c, d) = x, y
    real = a.dtype
    size = absolute(x)
    angle = _w(np.arctan2(b, a), real) if raw is None else c_atan2(raw[1], raw[0], real)
    coeff = _w(_w(np.power(size, c), real) * _w(np.exp(_w(-d * angle, real)), real), real)
    q = _w(_w(c * angle, real) + _w(d * _w(np.log(size), real), real), real)
    re, im = _w(coeff * _w(np.cos(q), real), real), _w(coeff * _w(np.sin(q), real), real)
    one, zero = np.ones((), real), np.zeros((), real)
    cases = [  # (where, real part, imaginary part), in XLA's order: a later case overrides
        ((size == 0) & (d == 0) & (c >= 0), np.where(c == 0, one, zero), zero),
        ((c == 0) & (d == 0), one, zero),
        ((a == 1) & (b == 0), one, zero),
        ((a == np.inf) & (b == 0) & (d == 0) & (c > 0), np.asarray(np.inf, real), zero),
        ((a == np.inf) & (b == 0) & (d == 0) & (c < 0), zero, zero),
    ]
    for where, case_re, case_im in cases:
        re, im = np.where(where, case_re, re), np.where(where, case_im, im)
    return re.astype(real), im.astype(real)


def divide(x: Pair, y: Pair) -> Pair:
    """XLA's complex division (EmitComplexDivide): Smith's algorithm; where it gives NaN in both
    parts, C99-like recoveries: a zero divisor gives copysign(inf, Re y) * x; an infinite numerator
    over a finite divisor inf * (x's infinities as +-1 or 0) * conj(y); a finite numerator over an
    infinite divisor 0 * x * conj(y's infinities as +-1 or 0)."""
    (ar, ai), (br, bi) = x, y
    real = ar.dtype
    w = lambda v: _w(v, real)  # noqa: E731 - one rounding, as a local shorthand
    ri = w(br / bi)
    ri_den = w(bi + w(ri * br))
    ir = w(bi / br)
    ir_den = w(br + w(ir * bi))
    r_lt_i = np.abs(br) < np.abs(bi)
    cr = np.where(r_lt_i, w(w(w(ri * ar) + ai) / ri_den), w(w(w(ir * ai) + ar) / ir_den))
    ci = np.where(r_lt_i, w(w(w(ri * ai) - ar) / ri_den), w(w(ai - w(ir * ar)) / ir_den))
    one, zero, inf = (np.asarray(v, real) for v in (1.0, 0.0, np.inf))
    zero_den = (br == 0) & (bi == 0) & (~np.isnan(ar) | ~np.isnan(ai))
    signed_inf = np.copysign(inf, br)
    zero_den_result = (w(signed_inf * ar), w(signed_inf * ai))
    finite = lambda v: np.abs(v) != inf  # noqa: E731 - FCmpONE: False for NaN too
    ar_inf, ai_inf, br_inf, bi_inf = (np.abs(v) == inf for v in (ar, ai, br, bi))
    inf_num = (ar_inf | ai_inf) & finite(br) & finite(bi)
    sr, si = np.copysign(np.where(ar_inf, one, zero), ar), np.copysign(np.where(ai_inf, one, zero), ai)
    inf_num_result = (w(inf * w(w(sr * br) + w(si * bi))), w(inf * w(w(si * br) - w(sr * bi))))
    inf_den = (br_inf | bi_inf) & finite(ar) & finite(ai)
    tr, ti = np.copysign(np.where(br_inf, one, zero), br), np.copysign(np.where(bi_inf, one, zero), bi)
    inf_den_result = (w(zero * w(w(ar * tr) + w(ai * ti))), w(zero * w(w(ai * tr) - w(ar * ti))))
    both_nan = np.isnan(cr) & np.isnan(ci)
    out = []
    for part in range(2):
        recovered = np.where(zero_den, zero_den_result[part],
                             np.where(inf_num, inf_num_result[part],
                                      np.where(inf_den, inf_den_result[part], (cr, ci)[part])))
        out.append(np.where(both_nan, recovered, (cr, ci)[part]).astype(real))
    return out[0], out[1]


def power_error(x: Pair, y: Pair, *, raw: Pair | None = None) -> tuple[np.ndarray, np.ndarray]:
    """A bound on |XLA's power - `power(x, y)`| where both are finite. The log-magnitude exponent
    m = c ln|x| - d atan2(b, a) and the angle q = c atan2(b, a) + d ln|x| carry the actual rounding
    error of ln|x| as `absolute` computes it (times |c| and |d|), two ulps of ln and atan2, and the
    rounding of the steps after them; the result is then off by a factor exp(dm) in size and dq radians
    in angle (at most the circle's diameter), on each side: XLA's elementary functions and NumPy's.
    Returns the bound and dq. `raw` as in `power`: the angle is the C library's atan2 of it."""
    (a, b), (c, d) = x, y
    eps = float(np.finfo(a.dtype).eps)
    wa, wb, wc, wd = (p.astype(np.longdouble) for p in (a, b, c, d))
    with np.errstate(all="ignore"):
        log_size = np.log(np.hypot(wa, wb))
        angle = np.arctan2(wb, wa) if raw is None else c_atan2(raw[1], raw[0], a.dtype).astype(np.longdouble)
        d_log = np.abs(np.log(absolute(x).astype(np.longdouble)) - log_size) + 2 * eps * np.abs(log_size)
        d_angle = 2 * eps * np.abs(angle)
        m = wc * log_size - wd * angle
        q_terms = np.abs(wc * angle) + np.abs(wd * log_size)
        dm = np.abs(wc) * d_log + np.abs(wd) * d_angle + 2 * eps * np.abs(m) + 6 * eps
        dq = np.abs(wc) * d_angle + np.abs(wd) * d_log + 2 * eps * q_terms + 4 * eps
        bound = np.exp(m) * (np.expm1(dm) + np.exp(dm) * np.minimum(dq, 2))
        bound = 2 * bound + 4 * float(np.finfo(a.dtype).tiny)
    return (np.where(np.isnan(bound), np.inf, bound).astype(np.float64),
            np.where(np.isnan(dq), np.inf, dq).astype(np.float64))


def sqrt(z: Pair) -> Pair:
    """XLA's complex sqrt (EmitComplexSqrt): sqrt|z| (cos t/2 + i sin t/2), t = atan2(Im z, Re z), with
    C99's infinities, and 0 where |z| is 0."""
    a, b = z
    real = a.dtype
    r = _w(np.sqrt(absolute(z)), real)
    half = _w(_w(np.arctan2(b, a), real) * 0.5, real)
    cos, sin = _w(np.cos(half), real), _w(np.sin(half), real)
    inf = np.asarray(np.inf, real)
    re = np.where((np.abs(b) == inf) | (a == inf), inf,
                  np.where((a == -inf) & (np.abs(b) != inf), 0, _w(r * cos, real)))
    im = np.where((np.abs(b) == inf) | (a == -inf), np.copysign(inf, b),
                  np.where(np.isnan(r), np.nan, np.where(sin == 0, sin, _w(r * sin, real))))
    zero = r == 0
    return np.where(zero, 0, re).astype(real), np.where(zero, 0, im).astype(real)


def log(z: Pair) -> Pair:
    """XLA's complex log: ln|z| + i atan2(Im z, Re z)."""
    real = z[0].dtype
    return _w(np.log(absolute(z)), real), _w(np.arctan2(z[1], z[0]), real)


def arctan2(y: Pair, x: Pair) -> Pair:
    """XLA's complex atan2 (the kAtan2 case): -i log((x + i y) / sqrt(x x + y y))."""
    root = sqrt(add(mul(x, x), mul(y, y)))
    return mul(const(-1j, y), log(divide(add(x, mul(const(1j, y), y)), root)))


def arctan2_error(y: Pair, x: Pair) -> np.ndarray:
    """A bound on |XLA's atan2 - `arctan2(y, x)`| where both are finite: a few ulps, amplified by the
    cancellation in x x + y y (its relative error grows by (|x|^2 + |y|^2) / |x x + y y|, halved by the
    square root) and in x + i y (by (|x| + |y|) / |x + i y|)."""
    eps = float(np.finfo(y[0].dtype).eps)
    wy, wx = (p[0].astype(np.complex128) + 1j * p[1].astype(np.complex128) for p in (y, x))
    with np.errstate(all="ignore"):
        sizes = np.abs(wx) ** 2 + np.abs(wy) ** 2
        squares = np.abs(wx * wx + wy * wy)
        num = np.abs(wx + 1j * wy)
        value = -1j * np.log((wx + 1j * wy) / np.sqrt(wx * wx + wy * wy))
        error = 8 * eps * (1 + np.abs(value) + sizes / squares + (np.abs(wx) + np.abs(wy)) / num)
    return np.where(np.isnan(error), np.inf, error)


def branch_shifts(value: Pair, near_cut: np.ndarray, period: float, part: int) -> list[Pair]:
    """`value` with `part` (0 real, 1 imaginary) shifted by -2, -1, 1, 2 times half `period` where
    `near_cut`, and unchanged elsewhere: the other sides of branch cuts that rounding may pick."""
    shifts = []
    for k in (-2, -1, 1, 2):
        moved = list(value)
        moved[part] = np.where(near_cut, value[part] + k * period / 2, value[part]).astype(value[part].dtype)
        shifts.append((moved[0], moved[1]))
    return shifts


def arctan2_near_cut(y: Pair, x: Pair, error: np.ndarray) -> np.ndarray:
    """Where rounding may put x x + y y or (x + i y) / sqrt(x x + y y) on the other side of the
    negative real axis (the branch cuts of sqrt and log): the result's real part moves by pi or 2 pi."""
    wy, wx = (p[0].astype(np.complex128) + 1j * p[1].astype(np.complex128) for p in (y, x))
    with np.errstate(all="ignore"):
        r = wx * wx + wy * wy
        q = (wx + 1j * wy) / np.sqrt(r)
        scale = np.abs(wx) ** 2 + np.abs(wy) ** 2
        near_sqrt = (r.real <= 0) & (np.abs(r.imag) <= error * scale)
        near_log = (q.real <= 0) & (np.abs(q.imag) <= error * np.abs(q))
    return near_sqrt | near_log


def exp(z: Pair) -> Pair:
    """XLA's complex exp: exp(Re z) (cos Im z + i sin Im z)."""
    real = z[0].dtype
    e = _w(np.exp(z[0]), real)
    return _w(e * _w(np.cos(z[1]), real), real), _w(e * _w(np.sin(z[1]), real), real)


def log1p(z: Pair) -> Pair:
    """log(1 + z), from NumPy's complex128 log1p, rounded to the working precision."""
    real = z[0].dtype
    with np.errstate(all="ignore"):
        wide = np.log1p(z[0].astype(np.float64) + 1j * z[1].astype(np.float64))
    return _w(wide.real, real), _w(wide.imag, real)


def wrap(v: np.ndarray, half_period: float) -> np.ndarray:
    """JAX's _wrap_between: v wrapped into [-a, a) by rem(v + a, 2 a), plus 2 a where negative, - a."""
    real = v.dtype
    a = np.asarray(half_period, real)
    rem = _w(np.fmod(_w(v + a, real), _w(2 * a, real)), real)
    rem = np.where(rem < 0, _w(rem + _w(2 * a, real), real), rem)
    return _w(rem - a, real)


def logaddexp(x1: Pair, x2: Pair, base2: bool) -> tuple[Pair, np.ndarray, np.ndarray]:
    """JAX's complex logaddexp (lax/other.py) or logaddexp2: amax = max(x1, x2) (lexicographic),
    delta = (x1 + x2) - 2 amax, out = amax + log1p(exp(delta)) (for base 2: exp2(delta) =
    exp(ln 2 delta), and log1p's value over ln 2), then the imaginary part wrapped into [-pi, pi)
    (pi / ln 2 for base 2). Returns the value, an error bound, and where the imaginary part is near
    the wrap's edge (it may land on either side)."""
    real = x1[0].dtype
    eps = float(np.finfo(real).eps)
    amax = select(lexicographic(np.greater, x1, x2), x1, x2)
    delta = sub(add(x1, x2), mul(amax, const(2, amax)))
    scale = 1 / np.log(2) if base2 else 1.0
    w = exp(mul(const(np.log(2), delta), delta) if base2 else delta)
    tail = log1p(w)
    if base2:
        tail = mul(const(scale, tail), tail)
    out = add(amax, tail)
    half = np.pi * scale
    value = (out[0], wrap(out[1], half))
    with np.errstate(all="ignore"):
        size = lambda z: np.hypot(z[0].astype(np.float64), z[1].astype(np.float64))  # noqa: E731
        w_size, one_plus_w = size(w), np.hypot(1 + w[0].astype(np.float64), w[1].astype(np.float64))
        d_delta = eps * (size(x1) + size(x2) + 2 * size(amax)) + 4 * eps
        error = 4 * ((d_delta + 2 * eps) * w_size / one_plus_w * scale + eps * (size(tail) + size(amax)))
        error = error + 4 * eps * np.abs(out[1].astype(np.float64)) + 8 * eps
        near_edge = np.abs(np.abs(value[1].astype(np.float64)) - half) <= error + 2 * eps * half
    return value, np.where(np.isnan(error), np.inf, error), near_edge


def square(z: Pair) -> Pair:
    """chlo.square of a complex value (functional_algorithms' square): real part (x - y)(x + y), or 0
    where x is finite and |x| == |y|; imaginary part 2 (x y)."""
    x, y = z
    real = x.dtype
    re = np.where(np.isfinite(x) & (np.abs(x) == np.abs(y)), np.zeros((), real),
                  _w(_w(x - y, real) * _w(x + y, real), real))
    return re.astype(real), _w(2 * _w(x * y, real), real)


def flush(x, real: np.dtype) -> np.ndarray:
    """One rounding to the working precision, then FTZ (for models outside this module)."""
    return _w(x, real)


def _hypot_scaled(mx: np.ndarray, mn: np.ndarray, real: np.dtype) -> np.ndarray:
    """functional_algorithms' hypot(mx, mn) for mx >= mn >= 0: sqrt(2) mx where equal; mx + mx r / 2
    where sqrt(1 + r) rounds to 1 (r = (mn / mx) ** 2 > 0); mx sqrt(1 + r) elsewhere."""
    w = lambda v: _w(v, real)  # noqa: E731 - one rounding, as a local shorthand
    r = w(w(mn / mx) * w(mn / mx))
    sqa = w(np.sqrt(w(1 + r)))
    sq_2 = np.asarray(np.sqrt(2), real)
    return np.where(mx == mn, w(sq_2 * mx), np.where((sqa == 1) & (r > 0), w(mx + w(w(mx * r) / 2)),
                                                     w(mx * sqa))).astype(real)


def sqrt_fa(z: Pair) -> Pair:
    """XLA's complex sqrt (functional_algorithms' complex_sqrt, as XLA's CPU emits it): with
    u = sqrt(hypot(x, y) / 2 + |x| / 2) (rescaled where that is 0 or inf, and where |x| == |y|), the
    result is u + i y / (2 u) for x >= 0 and |y| / (2 u) +- i u for x < 0, the sign from y < 0 (a -0.0
    imaginary part reads as +0.0). As XLA's algebraic simplifier rewrites it: a division by a constant
    is a product with its rounded reciprocal, (a * c1) * c2 is a * (c1 * c2), and a / 2 + b / 2 is
    (a + b) / 2 (which overflows where a + b does, and keeps a subnormal half)."""
    x, y = z
    real = x.dtype
    w = lambda v: _w(v, real)  # noqa: E731 - one rounding, as a local shorthand
    one, zero, inf = (np.asarray(v, real) for v in (1.0, 0.0, np.inf))
    sq_2 = np.asarray(np.sqrt(2), real)
    sq_12 = np.asarray(np.sqrt(1 + np.sqrt(2)), real)
    sq_12_2 = np.asarray(np.sqrt(1 + np.sqrt(2)) * np.sqrt(2), real)
    inv_sq_2, inv_sq_12_2 = w(one / sq_2), w(one / sq_12_2)  # XLA divides by a constant as a product
    ax, ay = np.abs(x), np.abs(y)
    eq, gt, lt = ax == ay, ax > ay, ax < ay
    sq_ax, sq_ay = w(np.sqrt(ax)), w(np.sqrt(ay))
    mx, mn = np.maximum(ax, ay), np.minimum(ax, ay)
    u_general = w(np.sqrt(w(w(_hypot_scaled(mx, mn, real) + ax) * 0.5)))  # A/2 + B/2 as (A + B)/2
    rescale = (u_general == 0) | (u_general == inf)
    r0 = np.where(eq, one, np.where(lt, w(ax / ay), w(ay / ax)))
    h = _hypot_scaled(np.maximum(one, np.abs(r0)), np.minimum(one, np.abs(r0)), real)
    sq_1h, sq_rh = w(np.sqrt(w(one + h))), w(np.sqrt(w(r0 + h)))
    u = np.where(eq, w(sq_ax * w(sq_12 * inv_sq_2)), np.where(
        rescale, np.where(gt, w(sq_ax * w(sq_1h / sq_2)), w(sq_ay * w(sq_rh / sq_2))), u_general))
    ratio = np.where(eq, one, np.where(lt, w(sq_ax / sq_ay), w(sq_ay / sq_ax)))
    ay_div_u = np.where(eq, w(sq_ay * inv_sq_12_2), np.where(
        rescale, np.where(gt, w(w(sq_ay * ratio) / w(sq_1h * sq_2)), w(sq_ay / w(sq_rh * sq_2))),
        w(ay / w(u_general * 2))))
    negative_y = y < zero
    re = np.where(x >= zero, u, ay_div_u)
    im = np.where(x < zero, np.where(negative_y, -u, u), np.where(negative_y, -ay_div_u, ay_div_u))
    return re.astype(real), im.astype(real)


def _sign_of(v: np.ndarray) -> np.ndarray:
    """functional_algorithms' select(v >= 0, 1, -1): +1 for -0.0 (the sign of a zero is not read)."""
    one = np.ones((), v.dtype)
    return np.where(v >= 0, one, -one)


def atanh_fa(z: Pair) -> Pair:
    """XLA's complex atanh (functional_algorithms' atanh, as XLA's CPU compiles it): with ax = |x|,
    in the safe region (|x|, |y| below (1 / (eps / 2) + 2)**2) the real part is
    sign(x) log1p(4 ax / ((1 - ax)**2 + y**2)) / 4 and the imaginary part
    atan2(2y, (1 - ax)(1 + ax) - y**2) / 2; outside it, the log1p's argument is 4 / ax (where
    |y| / (eps / 2) < ax), 0 (at an infinite part) or 4 / ((ax / y + y / ax) y), and the imaginary part
    sign(y) pi / 2. The signs are `_sign_of`'s (a -0.0 reads as +)."""
    x, y = z
    real = x.dtype
    w = lambda v: _w(v, real)  # noqa: E731 - one rounding, as a local shorthand
    one = np.ones((), real)
    inv_negeps = np.asarray(9007199254740994.0 if real == np.float64 else 16777218.0, real)
    safe_max = w(inv_negeps * inv_negeps)
    ax, ay = np.abs(x), np.abs(y)
    safe = (ax < safe_max) & (ay < safe_max)
    naxm1, yy = w(one - ax), w(y * y)
    infinite = (ax == np.inf) | (ay == np.inf)
    far = w(one / w(w(w(ax / y) + w(y / ax)) * y))  # XLA folds (1 / s) / y into 1 / (s y)
    arg = np.where(safe, w(ax / w(w(naxm1 * naxm1) + yy)),
                   np.where(w(ay * inv_negeps) < ax, w(one / ax), np.where(infinite, 0, far)))
    re = w(w(_sign_of(x) * w(np.log1p(w(arg * 4)))) * 0.25)
    inner = w(w(naxm1 * w(ax + one)) - yy)
    angle = np.where(safe, w(np.arctan2(w(y + y), inner)),
                     w(_sign_of(y) * np.asarray(np.pi, real)))
    return re.astype(real), w(angle * 0.5)


def _veltkamp_split(v: np.ndarray, real: np.dtype) -> Pair:
    """v as hi + lo, hi with half the mantissa's bits (Veltkamp's splitting, constant 2**s + 1)."""
    c = np.asarray(134217729.0 if real == np.float64 else 4097.0, real)
    cv = _w(c * v, real)
    hi = _w(cv + _w(v - cv, real), real)
    return hi, _w(v - hi, real)


def _square_dekker(v: np.ndarray, real: np.dtype) -> Pair:
    """v * v as an unevaluated sum high + low (Dekker's product of the split halves)."""
    w = lambda t: _w(t, real)  # noqa: E731 - one rounding, as a local shorthand
    high = w(v * v)
    hi, lo = _veltkamp_split(v, real)
    hl = w(hi * lo)
    return high, w(w(w(w(-high + w(hi * hi)) + hl) + hl) + w(lo * lo))


def _two_sum(a: np.ndarray, b: np.ndarray, real: np.dtype) -> Pair:
    """a + b as high + low, the rounding error of the sum in low (Knuth's 2Sum)."""
    w = lambda t: _w(t, real)  # noqa: E731 - one rounding, as a local shorthand
    high = w(a + b)
    d = w(high - a)
    return high, w(w(a - w(high - d)) + w(b - d))


def log1p_fa(z: Pair, raw: Pair | None = None) -> Pair:
    """XLA's complex log1p (functional_algorithms' complex log1p, 0.11): the imaginary part is
    atan2(y, x + 1); the real part log(mx) + log1p((mn / mx)**2) / 2 where mx = max(|x|, |y|) exceeds
    sqrt(largest) / 100, log((x + 1)**2 + y**2) / 2 where |x + 1| + |y| < 0.2, and elsewhere
    log1p(2x + x**2 + y**2) / 2, its argument summed exactly (Dekker's squares, 2Sum) and rounded once.
    `raw`: the parts' bits, which the C library's atan2 reads (`c_atan2`)."""
    x, y = z
    real = x.dtype
    w = lambda v: _w(v, real)  # noqa: E731 - one rounding, as a local shorthand
    one, half = np.ones((), real), np.asarray(0.5, real)
    ax, ay = np.abs(x), np.abs(y)
    mx, mn = np.maximum(ax, ay), np.minimum(ax, ay)
    xp1 = w(x + one)
    yy_high, yy_low = _square_dekker(y, real)
    xx_high, xx_low = _square_dekker(x, real)
    s2, l0 = _two_sum(w(x + x), yy_high, real)
    s1, l1 = _two_sum(s2, xx_high, real)
    s0, l2 = _two_sum(s1, yy_low, real)
    s, l3 = _two_sum(s0, xx_low, real)
    total = w(s + w(w(w(l0 + l1) + l2) + l3))
    ratio = w(mn / mx)
    large = w(w(np.log(mx)) + w(half * w(np.log1p(np.where(mn == mx, one, w(ratio * ratio))))))
    near_minus_one = w(half * w(np.log(w(w(xp1 * xp1) + yy_high))))
    general = w(half * w(np.log1p(total)))
    threshold = w(w(np.sqrt(np.finfo(real).max)) * np.asarray(0.01, real))
    re = np.where(mx > threshold, large, np.where(w(np.abs(xp1) + ay) < 0.2, near_minus_one, general))
    return re.astype(real), c_atan2(y if raw is None else raw[1], xp1, real)


def asin_acos_kernel(z: Pair) -> Pair:
    """functional_algorithms' complex asin/acos kernel (Hull et al.'s algorithm with fewer regions), as
    XLA's CPU compiles it: with x = |Re z|, y = |Im z|, r = hypot(x + 1, y), s = hypot(x - 1, y) and
    a = (r + s) / 2, returns (d, m): asin's real part is atan2(Re z, d), acos's atan2(d, Re z); m is the
    imaginary part's size, log1p(a - 1 + sqrt((a - 1)(a + 1))) (a - 1 by Hull et al.'s cases, y over the
    square root for tiny y and x < 1, log 2 + log(max) + log1p((x / y)**2) / 2 far out)."""
    sx, sy = z
    real = sx.dtype
    w = lambda v: _w(v, real)  # noqa: E731 - one rounding, as a local shorthand
    one, half = np.ones((), real), np.asarray(0.5, real)
    x, y = np.abs(sx), np.abs(sy)
    info = np.finfo(real)
    safe_max, safe_min = w(w(np.sqrt(info.max)) / 8), w(w(np.sqrt(info.tiny)) * 4)
    xp1, xm1 = w(x + one), w(x - one)
    r = _hypot_scaled(np.maximum(np.abs(xp1), y), np.minimum(np.abs(xp1), y), real)
    s = _hypot_scaled(np.maximum(np.abs(xm1), y), np.minimum(np.abs(xm1), y), real)
    a = w(w(r + s) * half)
    half_apx, yy = w(w(a + x) * half), w(sy * sy)
    rpxp1, smxm1, spxm1 = w(r + xp1), w(s - xm1), w(s + xm1)
    d = np.where(np.maximum(x, y) >= safe_max, y, np.where(
        x <= one, w(np.sqrt(w(half_apx * w(w(yy / rpxp1) + smxm1)))),
        w(y * w(np.sqrt(w(w(half_apx / rpxp1) + w(half_apx / spxm1)))))))
    safe_max_opt = np.where(x < w(safe_max * np.asarray(1e12, real)), w(safe_max * np.asarray(1e-6, real)),
                            w(safe_max * np.asarray(100.0, real)))
    y_large = y >= safe_max_opt
    mx = np.where(y_large, y, x)
    xoy = np.where(y_large & (y != np.inf), w(x / y), np.zeros((), real))
    far = w(w(w(np.log(mx)) + np.asarray(np.log(2), real)) + w(w(np.log1p(w(xoy * xoy))) * half))
    tiny_y = (y < safe_min) & (x < one)
    half_yy = w(yy * half)
    ap1, yy_part = w(a + one), w(half_yy / rpxp1)
    am1 = np.where(tiny_y, -w(w(xp1 * xm1) / ap1), np.where(
        x >= one, w(yy_part + w(spxm1 * half)),
        np.where(a <= 1.5, w(yy_part + w(half_yy / smxm1)), w(a - one))))
    sq = w(np.sqrt(w(am1 * ap1)))
    near = np.where(tiny_y, w(y / sq), w(np.log1p(w(am1 + sq))))
    m = np.where(mx >= np.where(y_large, safe_max_opt, safe_max), far, near)
    return d.astype(real), m.astype(real)


def asin_fa(z: Pair, raw: Pair) -> Pair:
    """chlo.asin of a complex value: atan2(Re z, d) + i m, m negated where Im z < 0 (a -0.0 reads as +);
    the C library's atan2 reads the real part's bits (`raw`)."""
    d, m = asin_acos_kernel(z)
    return c_atan2(raw[0], d, d.dtype), np.where(z[1] < 0, -m, m).astype(d.dtype)


def acos_fa(z: Pair, raw: Pair) -> Pair:
    """chlo.acos of a complex value: atan2(d, Re z) - i m, m's sign as asin_fa's, opposite."""
    d, m = asin_acos_kernel(z)
    return c_atan2(d, raw[0], d.dtype), np.where(z[1] < 0, m, -m).astype(d.dtype)

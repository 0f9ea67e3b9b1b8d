"""Known divergences in the values of complex arithmetic: division, powers, comparisons, NaN handling
and the functions jax.numpy extends to complex inputs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue import complex_formulas as cf
from conformance.catalogue.models import flush_subnormals, map_values
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.runner import is_array_input

# Where XLA's formulas are written down (the models below evaluate them step by step, complex_formulas).
_XLA_EMITTER = ("https://github.com/openxla/xla/blob/main/xla/service/elemental_ir_emitter.cc "
                "(EmitComplexPower, EmitComplexDivide, the kAtan2 case)")
_JAX_LOGADDEXP = "https://github.com/jax-ml/jax/blob/main/jax/_src/lax/other.py (logaddexp, logaddexp2)"
_JAX_MINMAX = ("https://docs.jax.dev/en/latest/_autosummary/jax.lax.max.html (for complex numbers, a "
               "lexicographic comparison on the (real, imaginary) pairs); jax/_src/interpreters/mlir.py "
               "_minmax_hlo selects an operand by it")
_JAX_ORDER = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/ufuncs.py (_complex_comparison)"


def _complex_outside_numpy_domain(example: Example) -> bool:
    return (
        "complex-extension" in example.case.tags and example.numpy.raised
        and any(np.asarray(a).dtype.kind == "c" for a in example.args)
    )


def _complex_result_dtype(example: Example) -> np.dtype:
    return np.result_type(*[np.asarray(a) for a in example.args if is_array_input(a)])


def _complex_with_nan(example: Example, tag: str) -> bool:
    """A `tag` case computed in complex numbers (a complex operand) with a NaN in some operand."""
    arrays = [np.asarray(a) for a in example.args]
    return tag in example.case.tags and any(a.dtype.kind == "c" for a in arrays) and any(
        a.dtype.kind in "fc" and bool(np.isnan(a).any()) for a in arrays)


def _complex_tie_of_zero_signs(example: Example) -> bool:
    """Complex maximum/minimum where the operands compare equal at some position but differ in the
    sign of a zero part (0+0j against 0-0j): which one is returned shows."""
    if "nan-propagating" not in example.case.tags or len(example.args) != 2 or example.numpy.raised:
        return False
    x, y = (np.asarray(a) for a in example.args)
    if "c" not in (x.dtype.kind, y.dtype.kind):
        return False
    try:
        x, y = np.broadcast_arrays(x.astype(np.complex128), y.astype(np.complex128))
    except ValueError:
        return False
    tie = (x == y) & ((np.signbit(x.real) != np.signbit(y.real)) | (np.signbit(x.imag) != np.signbit(y.imag)))
    return bool(tie.any())


def _complex_division_nonfinite(example: Example) -> bool:
    arrays = [np.asarray(a) for a in example.args]
    return "true-division" in example.case.tags and any(
        a.dtype.kind == "c" and not bool(np.isfinite(a).all()) for a in arrays)


def _operand_pairs(example: Example, v: Value) -> list[cf.Pair]:
    """The first two arguments as JAX reads them for the complex result `v`: in its dtype, broadcast to
    its shape, as (real, imaginary) parts with subnormals flushed."""
    real = cf.real_dtype(v.dtype)
    return [cf.split(np.broadcast_to(np.asarray(a).astype(v.dtype), v.shape), real)
            for a in example.args[:2]]


def _formula(compute) -> Callable[[Example, Outcome], Outcome]:
    """Outputs: each complex result is `compute(example, x, y) -> (value, atol, choices)` on the operands
    as JAX reads them (`_operand_pairs`): XLA's formula, evaluated as XLA evaluates it, within an
    elementwise bound, where `choices` are the other values rounding may pick (branch cuts)."""
    def outputs(example: Example, outcome: Outcome) -> Outcome:
        def model(v: Value) -> Value:
            if v.dtype.kind != "c":
                return v
            with np.errstate(all="ignore"):
                value, atol, choices = compute(example, *_operand_pairs(example, v))
            bound = None if atol is None else np.broadcast_to(atol, v.shape)
            return replace(v, array=cf.join(value, v.dtype), atol=bound,
                           choices=tuple(cf.join(c, v.dtype) for c in choices))
        return map_values(outcome, model)
    return outputs


def _division(example: Example, x: cf.Pair, y: cf.Pair):
    """XLA's complex division: exactly where it is not finite, within the dtype's tolerance elsewhere
    (the same algorithm: only an FMA may move a last bit)."""
    return cf.divide(x, y), None, ()


def nonfinite_positions(args: tuple) -> np.ndarray:
    """Where any float or complex argument has a non-finite part (broadcast together)."""
    masks = [~np.isfinite(np.asarray(a)) for a in args if np.asarray(a).dtype.kind in "fc"]
    return np.logical_or.reduce(np.broadcast_arrays(*masks)) if masks else np.False_


def _complex_by_static_zero(example: Example) -> bool:
    """A complex array divided by a Python scalar zero or subnormal (a compile-time constant under jit)."""
    if "true-division" not in example.case.tags or len(example.args) != 2:
        return False
    numerator, divisor = example.args
    if not (is_array_input(numerator) and np.asarray(numerator).dtype.kind == "c"
            and type(divisor) in (bool, int, float, complex)) or abs(divisor) > 1:
        return False
    tiny = np.finfo(np.asarray(numerator).dtype).tiny  # a subnormal constant is flushed to zero first
    return abs(complex(divisor).real) < tiny and abs(complex(divisor).imag) < tiny


def _complex_by_static_scalar(example: Example) -> bool:
    """A complex array divided by a nonzero Python scalar (a compile-time constant under jit)."""
    if "true-division" not in example.case.tags or len(example.args) != 2:
        return False
    numerator, divisor = example.args
    return (is_array_input(numerator) and np.asarray(numerator).dtype.kind == "c"
            and type(divisor) in (bool, int, float, complex) and not _complex_by_static_zero(example))


def _reciprocal_products(example: Example, outcome: Outcome) -> Outcome:
    """numerator * (1 / divisor) as the CPU computes it (each product and sum flushed), with XLA's
    quotient (`cf.divide`) as the other choice: which constants XLA rewrites is not documented."""
    numerator, divisor = example.args

    def product(v: Value) -> Value:
        x = np.broadcast_to(np.asarray(numerator), v.shape).astype(v.dtype)
        with np.errstate(all="ignore"):
            r = flush_subnormals(np.asarray(1 / v.dtype.type(divisor), v.dtype))
            parts = [flush_subnormals(np.asarray(p)) for p in
                     (x.real * r.real, x.imag * r.imag, x.real * r.imag, x.imag * r.real)]
            q = np.empty_like(x)
            q.real, q.imag = flush_subnormals(parts[0] - parts[1]), flush_subnormals(parts[2] + parts[3])
            x_pair, y_pair = _operand_pairs(example, v)
            quotient = cf.join(cf.divide(x_pair, y_pair), v.dtype)
        return replace(v, array=q, choices=(*_zero_parts_of_either_sign(q), quotient, *v.choices))

    return outcome if outcome.raised else map_values(outcome, product)


def _zero_parts_of_either_sign(q: np.ndarray) -> tuple[np.ndarray, ...]:
    """`q` with the sign of its zero real parts, imaginary parts, or both, flipped: XLA folds the
    reciprocal and orders the products' sums its own way, and the zero's sign follows that order (the
    signs seen: jit(a / (3.4e38+1j)) is [-0+0j, -0+0j, 0+0j, 0+0j] for a = [-1.2e16+0j, -1.2e16-0j,
    1.2e16+0j, -0+0j]). Only the sign of a zero is left open; every other bit is asserted."""
    def flipped(part: np.ndarray) -> np.ndarray:
        return np.where(part == 0, -part, part)

    real_flipped, imag_flipped, both = q.copy(), q.copy(), q.copy()
    real_flipped.real = flipped(q.real)
    imag_flipped.imag = flipped(q.imag)
    both.real, both.imag = flipped(q.real), flipped(q.imag)
    return real_flipped, imag_flipped, both


def _complex_nan(example: Example, outcome: Outcome) -> Outcome:
    """Every complex element is NaN+NaNj."""
    def nan(v: Value) -> Value:
        if v.dtype.kind != "c":
            return v
        return replace(v, array=np.full(v.shape, complex(np.nan, np.nan), v.dtype))
    return map_values(outcome, nan)


def _complex_power_special(args: tuple) -> np.ndarray:
    base, exponent = (np.asarray(a) for a in args[:2])
    arrays = [np.asarray(a).dtype for a in args[:2] if is_array_input(a)]  # Python scalars are weak
    dtype = np.result_type(*arrays) if any(d.kind == "c" for d in arrays) else np.result_type(
        base, exponent)
    return complex_power_special(base.astype(dtype), exponent.astype(dtype))


def complex_power_special(base: np.ndarray, exponent: np.ndarray) -> np.ndarray:
    """Where a complex power has no value JAX documents: a zero base, a non-finite operand, a power that
    overflows, or a factor of its polar form, |a|**Re(b) or exp(-Im(b) arg(a)), that overflows (XLA
    multiplies the two, so one that overflows against one that underflows gives NaN). Both operands
    in the complex dtype the power is computed in."""
    with np.errstate(all="ignore"):
        log_max = np.log(np.finfo(base.dtype).max)
        wide_base, wide_exponent = base.astype(np.complex128), exponent.astype(np.complex128)
        log_size, angle = np.log(np.abs(wide_base)), np.angle(wide_base)
        polar = ((np.abs(wide_exponent.real * log_size) > log_max)
                 | (np.abs(wide_exponent.imag * angle) > log_max))
        overflows = ~np.isfinite(np.power(base, exponent))
    return np.logical_or.reduce(np.broadcast_arrays(base == 0, ~np.isfinite(base), ~np.isfinite(exponent),
                                                    overflows, polar))


def _complex_power_at_special_values(example: Example) -> bool:
    tags = example.case.tags
    complex_inputs = any(np.asarray(a).dtype.kind == "c" for a in example.args)
    return ("power" in tags or "float-power" in tags) and complex_inputs and bool(
        np.any(_complex_power_special(example.args)))


def _complex_power(example: Example) -> bool:
    """A power with a complex input (computed as lax.pow, XLA's complex power)."""
    tags = example.case.tags
    return ("power" in tags or "float-power" in tags) and len(example.args) >= 2 and any(
        np.asarray(a).dtype.kind == "c" for a in example.args)


def _power(example: Example, x: cf.Pair, y: cf.Pair):
    """XLA's complex power (`cf.power`), within `cf.power_error`; where its size overflows and its
    angle is uncertain by more than a quarter turn, the infinities' signs are any of the four."""
    raw = _unflushed(example, x)[0]  # atan2 reads a subnormal imaginary part as it is
    value = cf.power(x, y, raw=raw)
    atol, angle_error = cf.power_error(x, y, raw=raw)
    unsigned = (np.isinf(value[0]) | np.isinf(value[1])) & (angle_error > np.pi / 4)
    flips = [(np.where(unsigned, sr * value[0], value[0]), np.where(unsigned, si * value[1], value[1]))
             for sr, si in ((-1, 1), (1, -1), (-1, -1))]
    return value, atol, flips


def _lexicographic_select(example: Example, x: cf.Pair, y: cf.Pair):
    """Complex maximum/minimum as JAX computes it: x where x compares greater (for minimum: less) in
    JAX's lexicographic order, else y; with NaN every comparison is False, so y. Whether the case is
    a maximum or a minimum is read from NumPy on two ordered values, 1 and 2."""
    probe = example.rerun_numpy((np.complex128(1), np.complex128(2)))
    op = np.greater if complex(probe.values[0].array) == 2 else np.less
    return cf.select(cf.lexicographic(op, x, y), *_unflushed(example, x)), None, ()


def _unflushed(example: Example, x: cf.Pair) -> list[cf.Pair]:
    """The operands as they are (a select moves values; only comparisons read subnormals as zero)."""
    dtype = np.dtype(np.complex64 if x[0].dtype == np.float32 else np.complex128)
    wide = [np.broadcast_to(np.asarray(a).astype(dtype), x[0].shape) for a in example.args[:2]]
    return [(w.real.copy(), w.imag.copy()) for w in wide]


def _lexicographic_order(example: Example, outcome: Outcome) -> Outcome:
    """Ordering of complex values as JAX computes it (`_complex_comparison`): the comparison of the
    imaginary parts where the real parts are equal, else of the real parts, each run on NumPy (a NaN
    part compares False); subnormal parts read as zero."""
    def model(v: Value) -> Value:
        dtype = np.result_type(*[np.asarray(a).dtype for a in example.args if is_array_input(a)])
        real = cf.real_dtype(dtype)
        x, y = (cf.split(np.broadcast_to(np.asarray(a).astype(dtype), v.shape), real)
                for a in example.args[:2])
        by_imag = example.rerun_numpy((x[1], y[1])).values[0].array
        by_real = example.rerun_numpy((x[0], y[0])).values[0].array
        return replace(v, array=np.where(x[0] == y[0], by_imag, by_real).astype(v.dtype))
    return map_values(outcome, model)


def _extension(example: Example, x: cf.Pair, y: cf.Pair, *, amax_choice: bool = False):
    """XLA's complex arctan2 or JAX's complex logaddexp/logaddexp2, whichever real function the case
    computes (read from NumPy on two real probes), within its bound; on the other side of a branch cut
    (arctan2) or of the wrap of the imaginary part (logaddexp) where rounding may put it. With
    `amax_choice`, logaddexp's amax is also accepted (NUM-COMPLEX-LOGADDEXP-NAN-CONSTANT-JIT)."""
    probe = example.rerun_numpy((np.float64(0.5), np.float64(2.0))).values[0].array
    if np.isclose(probe, np.arctan2(0.5, 2.0)) and not amax_choice:
        value = cf.arctan2(x, y)
        atol = cf.arctan2_error(x, y)
        return value, atol, cf.branch_shifts(value, cf.arctan2_near_cut(x, y, atol), 2 * np.pi, 0)
    for base2, reference in ((False, np.logaddexp), (True, np.logaddexp2)):
        if np.isclose(probe, reference(0.5, 2.0)):
            value, atol, near_edge = cf.logaddexp(x, y, base2)
            period = 2 * np.pi / (np.log(2) if base2 else 1)
            choices = cf.branch_shifts(value, near_edge, 2 * period, 1)[1:3]
            if amax_choice:
                choices.append(cf.select(cf.lexicographic(np.greater, x, y), *_unflushed(example, x)))
            return value, atol, choices
    raise ValueError(f"no complex extension computes {probe} at (0.5, 2.0)")


def _logaddexp_with_nan_constant(example: Example) -> bool:
    """A complex logaddexp/logaddexp2 (NumPy refuses) with a Python scalar operand that has a NaN part."""
    if not (_complex_outside_numpy_domain(example) and any(
            type(a) is complex and bool(np.isnan(a)) for a in example.args[:2])):
        return False
    probe = example.rerun_numpy((np.float64(0.5), np.float64(2.0))).values[0].array
    return bool(np.isclose(probe, np.logaddexp(0.5, 2.0)) or np.isclose(probe, np.logaddexp2(0.5, 2.0)))


def _complex_extension(example: Example, outcome: Outcome, *, amax_choice: bool = False) -> Outcome:
    """The complex value JAX returns where NumPy refuses: `_extension` on a result of the inputs'
    dtype and broadcast shape."""
    shape = np.broadcast_shapes(*(np.shape(a) for a in example.args))
    result = Outcome((Value(np.zeros(shape, _complex_result_dtype(example))),))
    return _formula(lambda *args: _extension(*args, amax_choice=amax_choice))(example, result)


def _negative_zero(divisor) -> np.ndarray:
    """Where a divisor, read as complex, is zero with a negative real part (-0.0 and -0.0-0.0j)."""
    divisor = np.asarray(divisor)
    real = divisor.real if divisor.dtype.kind == "c" else divisor
    return (divisor == 0) & np.signbit(real)


def _complex_division_by_negative_zero(example: Example) -> bool:
    if "true-division" not in example.case.tags or len(example.args) != 2:
        return False
    numerator, divisor = (np.asarray(a) for a in example.args)
    return "c" in (numerator.dtype.kind, divisor.dtype.kind) and divisor.dtype.kind in "fc" and bool(
        _negative_zero(divisor).any())


def _negated_at_negative_zero(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's quotient, negated (both parts) where the divisor is a negative zero."""
    divisor = example.args[1]

    def negate(v: Value) -> Value:
        if v.dtype.kind != "c":
            return v
        where = np.broadcast_to(_negative_zero(divisor), v.shape)
        return replace(v, array=np.where(where, -v.array, v.array))
    return map_values(outcome, negate)


ENTRIES = (
    KnownDivergence(
        id="NUM-COMPLEX-POWER-SPECIAL-VALUES",
        area="numerics",
        title="Complex power at a zero base, a non-finite operand or an overflow differs",
        numpy="0j ** b is 0 for Re(b) > 0; infinite operands follow C99's cpow special cases",
        jax="evaluates XLA's polar form |a| ** c * exp(-d arg a) * (cos q + i sin q), q = c arg a + d ln|a| "
            "(b = c + d i), with XLA's cut-offs only (0 ** b is 0 for a real b > 0 and 1 for b == 0; "
            "a ** 0 and 1 ** b are 1; inf ** c is inf or 0 for a real c): so 0j ** (2+1j) is NaN "
            "(ln 0 = -inf, times d), (inf+0j) ** (1-1j) is NaN+NaNj where NumPy gives inf+NaNj, and a "
            "factor that overflows against one that underflows gives NaN; asserted as that formula "
            "evaluated step by step (non-finite parts exactly)",
        why="jnp.power of complex values is lax.pow, which XLA expands to that polar form, with no "
            "special cases beyond its cut-offs",
        source=_XLA_EMITTER,
        condition="complex power or float_power with a zero base, a non-finite part in an operand, or "
                  "a result, or a factor of its polar form, that overflows in the complex dtype it is "
                  "computed in",
        kinds=("values", "dtype"),
        trigger=_complex_power_at_special_values,
        outputs=_formula(_power),
    ),
    KnownDivergence(
        id="NUM-COMPLEX-POWER-AMPLIFIED-ROUNDING",
        area="numerics",
        title="Complex power loses precision in proportion to the exponent",
        numpy="(1+0.5j) ** 4114 is -1.9377507809562934e+199-1.0573974719991799e+199j in complex128",
        jax="evaluates XLA's polar form (NUM-COMPLEX-POWER-SPECIAL-VALUES): the rounding of ln|a| and "
            "arg a, times |b|, reaches the result: -1.9377507809566885e+199-1.0573974719993955e+199j "
            "(2e-13 relative); asserted within a bound computed from the actual rounding error of ln|a| "
            "as XLA forms it and a few ulps of ln and arg, times |c| and |d| (1+0j ** 2e6 is exactly 1)",
        why="jnp.power of complex values is lax.pow, which XLA expands to exp(b log a) in polar form; "
            "the error of that form grows with the size of b",
        source=_XLA_EMITTER,
        condition="power, pow, ** or float_power with a complex input",
        kinds=("values",),
        trigger=_complex_power,
        outputs=_formula(_power),
    ),
    KnownDivergence(
        id="NUM-COMPLEX-MINMAX-NAN",
        area="numerics",
        title="maximum/minimum of complex values do not propagate NaN",
        numpy="maximum and minimum return the NaN operand when either complex operand has a NaN part",
        jax="selects x where x compares greater (minimum: less) lexicographically, real parts first, "
            "imaginary parts on equal real parts, else y: every comparison with NaN is False, so "
            "maximum(nan+1j, 2+0j) is 2+0j and maximum(2+0j, nan+1j) is nan+1j; asserted exactly",
        why="jnp.maximum/minimum are lax.max/min, which for complex numbers lower to a select on that "
            "comparison (jax/_src/interpreters/mlir.py, _minmax_hlo); jnp.maximum's docstring says a "
            "NaN propagates, which holds for real inputs only",
        source=_JAX_MINMAX,
        condition="complex maximum/minimum where an operand has a NaN real or imaginary part",
        kinds=("values",),
        trigger=lambda example: _complex_with_nan(example, "nan-propagating"),
        outputs=_formula(_lexicographic_select),
    ),
    KnownDivergence(
        id="SZ-COMPLEX-MAXIMUM-TIE-GIVES-Y",
        area="numerics",
        title="maximum/minimum of complex values that compare equal return the second operand",
        numpy="returns the first operand on a tie: maximum(0+0j, 0-0j) is 0+0j",
        jax="selects x only where x compares greater (minimum: less) in JAX's lexicographic order, else "
            "y: on a tie, y, so maximum(0+0j, 0-0j) is 0-0j; asserted exactly",
        why="lax.max/min of complex numbers lower to a select on that comparison (jax/_src/interpreters/"
            "mlir.py, _minmax_hlo); -0.0 and +0.0 compare equal",
        source=_JAX_MINMAX,
        condition="complex maximum/minimum where the operands compare equal at a position but differ in "
                  "the sign of a zero part",
        kinds=("values",),
        trigger=_complex_tie_of_zero_signs,
        outputs=_formula(_lexicographic_select),
    ),
    KnownDivergence(
        id="NUM-COMPLEX-ORDER-NAN",
        area="numerics",
        title="Ordering comparisons of complex values with a NaN part differ",
        numpy="<, <=, >, >= on complex values are False when either operand has a NaN part",
        jax="compares the imaginary parts where the real parts are equal, else the real parts, so a NaN "
            "imaginary part can still give True ((1+nanj) < (2+0j) is True); asserted exactly",
        why="jnp implements complex ordering as real-part comparison, then imaginary on ties "
            "(_complex_comparison)",
        source=_JAX_ORDER,
        condition="ordering comparison of complex operands with a NaN part",
        kinds=("values",),
        trigger=lambda example: _complex_with_nan(example, "ordering"),
        outputs=_lexicographic_order,
    ),
    KnownDivergence(
        id="NUM-COMPLEX-DIVISION-NONFINITE",
        area="numerics",
        title="Complex division with infinite or NaN parts differs",
        numpy="divides with C99 Annex G rules (an infinite numerator over a finite divisor is infinite)",
        jax="uses XLA's complex division: Smith's algorithm, and only where that gives NaN in both parts "
            "its recoveries (zero divisor, infinite numerator over a finite divisor, finite numerator "
            "over an infinite divisor): (inf+0j) / (3.4e38+1j) is inf+nanj where NumPy gives inf-infj; "
            "asserted as that algorithm evaluated step by step (non-finite parts exactly)",
        why="XLA's complex division does not implement C99 Annex G's recovery of infinities where "
            "Smith's algorithm gives NaN in one part only",
        source=_XLA_EMITTER + " EmitComplexDivide",
        condition="complex true division with an infinite or NaN part in an operand",
        kinds=("values",),
        trigger=_complex_division_nonfinite,
        outputs=_formula(_division),
    ),
    KnownDivergence(
        id="NUM-COMPLEX-DIVISION-BY-NEGATIVE-ZERO",
        area="numerics",
        title="Complex division by a zero with a negative real part flips the infinity's sign",
        numpy="divides by the zero's absolute value: (1+1j) / (-0.0+0j) is inf+infj, 1j / -0.0 is "
              "nan+infj",
        jax="takes the sign of the zero's real part (C99 Annex G's copysign rule): (1+1j) / (-0.0+0j) "
            "is -inf-infj, 1j / -0.0 is nan-infj; a +0.0 real part agrees with NumPy",
        why="NumPy's complex loop divides by |real part| when the divisor is zero; XLA's complex "
            "division multiplies by copysign(inf, real part)",
        source="observed by this suite, undocumented upstream",
        condition="complex true division where a divisor element is zero with a negative real part "
                  "(-0.0, -0.0+0j, -0.0-0j)",
        kinds=("values",),
        trigger=_complex_division_by_negative_zero,
        outputs=_negated_at_negative_zero,
    ),
    KnownDivergence(
        id="NUM-COMPLEX-DIVISION-BY-CONSTANT-ZERO-JIT",
        area="numerics",
        title="Under jit, a complex array divided by a constant zero is NaN+NaNj everywhere",
        numpy="divides with C99 Annex G rules: (1+1j) / 0 is inf+infj, 1j / 0 is nan+infj",
        jax="gives nan+nanj for every element when the zero is a compile-time constant (a Python scalar "
            "closed over by jit); eagerly, and under jit with a traced zero, it agrees with NumPy",
        why="XLA rewrites division by a constant into multiplication by its reciprocal, and the complex "
            "reciprocal of 0 is NaN+NaNj",
        source="observed by this suite, undocumented upstream",
        condition="complex array / a Python scalar that is 0 (0, 0.0, 0j, False) or flushes to 0 (a "
                  "subnormal), under jit",
        kinds=("values",),
        modes=("jit",),
        trigger=_complex_by_static_zero,
        outputs=_complex_nan,
    ),
    KnownDivergence(
        id="NUM-COMPLEX-DIVISION-BY-CONSTANT-RECIPROCAL-JIT",
        area="numerics",
        title="Under jit, complex division by a Python scalar may multiply by its reciprocal",
        numpy="divides each element (Smith's algorithm): (-1.2e16+0j) / (3.4e38+1j) is -3.6e-23+0j in "
              "complex64",
        jax="where the divisor is a compile-time constant, may compute x * (1 / b) with subnormals flushed "
            "(in the reciprocal and in each partial product), so (-1.2e16+0j) / (3.4e38+1j) is -0+0j "
            "(1 / b is subnormal); elements are either that product or XLA's quotient (Smith's "
            "algorithm with its recoveries for zero and infinite parts)",
        why="XLA rewrites division by a constant into multiplication by its reciprocal (as for the "
            "constant zero, NUM-COMPLEX-DIVISION-BY-CONSTANT-ZERO-JIT); which constants it rewrites is "
            "not documented",
        source="observed by this suite, undocumented upstream",
        condition="complex array / a nonzero Python scalar (bool, int, float, complex), under jit",
        kinds=("values",),
        modes=("jit",),
        trigger=_complex_by_static_scalar,
        outputs=_reciprocal_products,
    ),
    KnownDivergence(
        id="NUM-COMPLEX-DOMAIN-EXTENDED",
        area="numerics",
        title="arctan2, logaddexp and logaddexp2 accept complex inputs",
        numpy="raises TypeError: the ufunc is not supported for complex input types",
        jax="returns a complex result of the inputs' dtype and broadcast shape: arctan2(y, x) is XLA's "
            "-i log((x + i y) / sqrt(x x + y y)); logaddexp is amax + log1p(exp((x1 + x2) - 2 amax)) "
            "with amax the lexicographic maximum and the imaginary part wrapped into [-pi, pi) "
            "(logaddexp2 likewise in base 2); asserted as those formulas evaluated step by step, "
            "within a bound that grows with their cancellations",
        why="jax.numpy implements these for complex values where lax does",
        source=_XLA_EMITTER + "; " + _JAX_LOGADDEXP,
        condition="complex inputs to arctan2/atan2, logaddexp or logaddexp2",
        kinds=("error-parity",),
        trigger=_complex_outside_numpy_domain,
        outputs=_complex_extension,
    ),
    KnownDivergence(
        id="NUM-COMPLEX-LOGADDEXP-NAN-CONSTANT-JIT",
        area="numerics",
        title="Under jit, complex logaddexp with a NaN constant may return amax itself",
        numpy="raises TypeError: the ufunc is not supported for complex input types",
        jax="where an operand is a Python complex with a NaN part (a compile-time constant under jit), "
            "an element may be amax, the lexicographic maximum of the two operands, instead of the "
            "formula's NaN: jit(lambda a: jnp.logaddexp(a, complex(nan, 1)))(1-1j) is nan+1j, eagerly "
            "nan+nanj; jit(lambda a: jnp.logaddexp(complex(nan, 1), a))(1-1j) is 1-1j; logaddexp2 with "
            "complex(1, nan) likewise, logaddexp with complex(1, nan) not; asserted as the formula of "
            "NUM-COMPLEX-DOMAIN-EXTENDED or amax, elementwise",
        why="XLA's algebraic simplifier rewrites the formula around the constant; which rewrite applies "
            "is not documented",
        source="observed by this suite, undocumented upstream",
        condition="complex logaddexp/logaddexp2 under jit with a Python complex operand that has a NaN "
                  "part",
        kinds=("error-parity",),
        modes=("jit",),
        trigger=_logaddexp_with_nan_constant,
        outputs=lambda example, outcome: _complex_extension(example, outcome, amax_choice=True),
    ),
)

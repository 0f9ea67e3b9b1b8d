"""Known divergences in the values of complex arithmetic: division, powers, comparisons, NaN handling
and the functions jax.numpy extends to complex inputs."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.models import any_values, flush_subnormals, free_where, map_values
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.runner import is_array_input


def _complex_outside_numpy_domain(example: Example) -> bool:
    return (
        "complex-extension" in example.case.tags and example.numpy.raised
        and any(np.asarray(a).dtype.kind == "c" for a in example.args)
    )


def _complex_result_dtype(example: Example) -> np.dtype:
    return np.result_type(*[np.asarray(a) for a in example.args if is_array_input(a)])


def _complex_with_nan(example: Example, tag: str) -> bool:
    arrays = [np.asarray(a) for a in example.args]
    return tag in example.case.tags and any(
        a.dtype.kind == "c" and bool(np.isnan(a).any()) for a in arrays)


def _nan_positions(args: tuple) -> np.ndarray:
    masks = [np.isnan(np.asarray(a)) for a in args if np.asarray(a).dtype.kind in "fc"]
    return np.logical_or.reduce(np.broadcast_arrays(*masks)) if masks else np.False_


def _complex_division_nonfinite(example: Example) -> bool:
    arrays = [np.asarray(a) for a in example.args]
    return "true-division" in example.case.tags and any(
        a.dtype.kind == "c" and not bool(np.isfinite(a).all()) for a in arrays)


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
    """numerator * (1 / divisor) as the CPU computes it (each product and sum flushed), with NumPy's
    quotient as the other choice: which constants XLA rewrites is not documented."""
    numerator, divisor = example.args

    def product(v: Value) -> Value:
        x = np.broadcast_to(np.asarray(numerator), v.shape).astype(v.dtype)
        with np.errstate(all="ignore"):
            r = flush_subnormals(np.asarray(1 / v.dtype.type(divisor), v.dtype))
            parts = [flush_subnormals(np.asarray(p)) for p in
                     (x.real * r.real, x.imag * r.imag, x.real * r.imag, x.imag * r.real)]
            q = np.empty_like(x)
            q.real, q.imag = flush_subnormals(parts[0] - parts[1]), flush_subnormals(parts[2] + parts[3])
        return replace(v, array=q, choices=(v.array, *v.choices))

    return outcome if outcome.raised else map_values(outcome, product)


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


_POWER_ULPS = 8  # of the result's precision, per unit of |b| (1 + |log a|) (and one for its own rounding)


def _complex_power_amplified(example: Example) -> bool:
    """A power with a complex input: its rounding grows with the exponent (`_within_amplified_rounding`)."""
    tags = example.case.tags
    return ("power" in tags or "float-power" in tags) and len(example.args) >= 2 and any(
        np.asarray(a).dtype.kind == "c" for a in example.args)


def _within_amplified_rounding(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's value, to within a relative error d = eps * ULPS * (1 + |b| (1 + |log a|)): exp(b log a)
    carries log a's rounding (about eps, or eps |log a| where that is larger) times |b| into the
    exponent, which scales the result by up to exp(d) and turns it by up to d radians. Where d >= 1
    no digit of the result survives, and any value is accepted."""
    base, exponent = (np.asarray(a) for a in example.args[:2])

    def bound(v: Value) -> Value:
        if v.dtype.kind != "c":
            return v
        with np.errstate(all="ignore"):
            gain = np.abs(exponent) * (1 + np.abs(np.log(base.astype(np.complex128))))
            error = np.broadcast_to(np.finfo(v.dtype).eps * _POWER_ULPS * (1 + gain), v.shape)
            atol = np.abs(v.array) * np.expm1(np.minimum(error, 1))
        lost = ~(error < 1)  # NaN gains too
        free = lost if v.free is None else (lost | v.free)
        return replace(v, atol=np.where(np.isfinite(atol), atol, 0), free=free)

    return map_values(outcome, bound)


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
        jax="computes exp(b * log(a)) in polar form: NaN for a zero base (b != 0), NaN where one factor "
            "of the polar form overflows and the other underflows (NumPy: a finite or zero value), other "
            "NaN/inf patterns for non-finite parts",
        why="jnp's complex power has no special cases for zero or non-finite operands",
        source="observed by this suite, undocumented upstream",
        condition="complex power or float_power with a zero base, a non-finite part in an operand, or "
                  "a result, or a factor of its polar form, that overflows in the complex dtype it is "
                  "computed in",
        kinds=("values", "dtype"),
        trigger=_complex_power_at_special_values,
        outputs=free_where(_complex_power_special),
    ),
    KnownDivergence(
        id="NUM-COMPLEX-POWER-AMPLIFIED-ROUNDING",
        area="numerics",
        title="Complex power loses precision in proportion to the exponent",
        numpy="(1+0.5j) ** 4114 is -1.9377507809562934e+199-1.0573974719991799e+199j in complex128",
        jax="computes exp(b * log(a)): log(a)'s rounding error, times |b|, reaches the result: "
            "-1.9377507809566885e+199-1.0573974719993955e+199j (2e-13 relative); asserted within a "
            "relative d = eps * 8 * (1 + |b| (1 + |log a|)) of NumPy's value, free where d >= 1 "
            "((1+5e-10j) ** -8.7e19: NumPy 1.5e-06+6.3e-06j, JAX 0.23+0.97j)",
        why="jnp.power of complex values is lax.pow, which XLA expands to exp(b * log a); the error of "
            "that form grows with the size of b",
        source="observed by this suite, undocumented upstream",
        condition="power, pow, ** or float_power with a complex input",
        kinds=("values",),
        trigger=_complex_power_amplified,
        outputs=_within_amplified_rounding,
    ),
    KnownDivergence(
        id="NUM-COMPLEX-MINMAX-NAN",
        area="numerics",
        title="maximum/minimum of complex values do not propagate NaN",
        numpy="maximum and minimum return the NaN operand when either complex operand has a NaN part",
        jax="compares lexicographically and selects an operand: a NaN part need not propagate",
        why="jnp.maximum/minimum on complex compare real then imaginary parts with ordinary comparisons",
        source="observed by this suite, undocumented upstream",
        condition="complex maximum/minimum where an operand has a NaN real or imaginary part",
        kinds=("values",),
        trigger=lambda example: _complex_with_nan(example, "nan-propagating"),
        outputs=free_where(_nan_positions),
    ),
    KnownDivergence(
        id="NUM-COMPLEX-ORDER-NAN",
        area="numerics",
        title="Ordering comparisons of complex values with a NaN part differ",
        numpy="<, <=, >, >= on complex values are False when either operand has a NaN part",
        jax="compares lexicographically part by part, so a NaN imaginary part can still give True",
        why="jnp implements complex ordering as real-part comparison, then imaginary on ties",
        source="observed by this suite, undocumented upstream",
        condition="ordering comparison of complex operands with a NaN part",
        kinds=("values",),
        trigger=lambda example: _complex_with_nan(example, "ordering"),
        outputs=free_where(_nan_positions),
    ),
    KnownDivergence(
        id="NUM-COMPLEX-DIVISION-NONFINITE",
        area="numerics",
        title="Complex division with infinite or NaN parts differs",
        numpy="divides with C99 Annex G rules (an infinite numerator over a finite divisor is infinite)",
        jax="uses XLA's complex division, which can give NaN parts where NumPy gives infinities",
        why="XLA's complex division does not implement C99 Annex G's recovery of infinities",
        source="observed by this suite, undocumented upstream",
        condition="complex true division with an infinite or NaN part in an operand",
        kinds=("values",),
        trigger=_complex_division_nonfinite,
        outputs=free_where(nonfinite_positions),
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
            "(1 / b is subnormal); elements are either that product or NumPy's quotient",
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
        jax="returns a complex result of the inputs' dtype and broadcast shape (values not asserted: "
            "NumPy has none to compare with)",
        why="jax.numpy implements these for complex values where lax does",
        source="observed by this suite, undocumented upstream",
        condition="complex inputs to arctan2/atan2, logaddexp or logaddexp2",
        kinds=("error-parity",),
        trigger=_complex_outside_numpy_domain,
        outputs=any_values(_complex_result_dtype),
    ),
)

"""Compare two Outcomes in a fixed order: error parity, structure, shape, dtype, values.

`expected` is NumPy's outcome (or a catalogue entry's model of what JAX does); `actual` is JAX's.
Each step that fails is its own kind of difference, and only the first failing step is reported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from conformance import ulps
from conformance.outcome import Outcome, Value

# "api": a function's signature or presence differs (conformance/surface.py, not compared here)
KINDS = ("error-parity", "error-kind", "structure", "shape", "dtype", "values", "timeout", "api")


@dataclass(frozen=True)
class Tolerance:
    """An element agrees when it is within `ulps` units in the last place of NumPy's (conformance/ulps.py)
    or within assert_allclose's |actual - expected| <= atol + rtol * |expected|. All zero means exact.

    Elementwise functions are judged in ulps (the default table, and per-function budgets in ulps.py);
    rtol and atol are for results whose error grows with their size (sums, products) or that are accurate
    in absolute terms only (log-sum-exp near 0), where a case sets them explicitly."""

    rtol: float = 0.0
    atol: float = 0.0
    ulps: float = 0.0

    @property
    def exact(self) -> bool:
        return self.rtol == 0 and self.atol == 0 and self.ulps == 0


EXACT = Tolerance()

# One table for the whole suite, by the dtype of the expected value: ulps.DEFAULT_ULPS (measured).
# Integers and bools are always exact (absent here).
DEFAULT_TOLERANCES: Mapping[str, Tolerance] = {
    name: Tolerance(ulps=n) for name, n in ulps.DEFAULT_ULPS.items()}

ToleranceSpec = Tolerance | Mapping[str, Tolerance] | None


def tolerance_for(dtype: np.dtype, override: ToleranceSpec = None) -> Tolerance:
    """The case's override if it has one for this dtype (an explicit EXACT stays exact), else the table."""
    if dtype.kind in "biu":
        return EXACT
    if isinstance(override, Tolerance):
        return override
    if override is not None and dtype.name in override:
        return override[dtype.name]
    return DEFAULT_TOLERANCES.get(dtype.name, EXACT)


def budget_tolerance(name: str, tags: frozenset[str]) -> Mapping[str, Tolerance] | None:
    """A case's per-function ulp budget (ulps.BUDGETS) as tolerances by dtype, or None: what `Case`
    takes when it sets no tolerance of its own."""
    found = ulps.budget(name, tags)
    return None if found is None else {dtype: Tolerance(ulps=n) for dtype, n in found.items()}


@dataclass(frozen=True)
class Difference:
    kind: str  # one of KINDS
    summary: str  # one line: what JAX gives against what NumPy gives
    detail: str = ""  # the mismatch, labelled jax/numpy


def compare(expected: Outcome, actual: Outcome, tolerance: ToleranceSpec = None) -> Difference | None:
    if expected.raised or actual.raised:
        return _compare_errors(expected, actual)
    if expected.is_sequence != actual.is_sequence or len(expected.values) != len(actual.values):
        return Difference("structure", f"returns {_structure(actual)}, numpy gives {_structure(expected)}")
    for position, (e, a) in enumerate(zip(expected.values, actual.values, strict=True)):
        where = f"output {position}: " if expected.is_sequence else ""
        if e.shape != a.shape:
            return Difference("shape", f"{where}shape {a.shape}, numpy gives {e.shape}")
        if e.dtype != a.dtype:
            return Difference("dtype", f"{where}dtype {a.dtype.name}, numpy gives {e.dtype.name}")
        mismatch = value_mismatch(e, a, tolerance_for(e.dtype, tolerance))
        if mismatch:
            return Difference("values", f"{where}values differ ({mismatch[0]})", mismatch[1])
    return None


def _structure(outcome: Outcome) -> str:
    return f"a sequence of {len(outcome.values)}" if outcome.is_sequence else "one array"


def _compare_errors(expected: Outcome, actual: Outcome) -> Difference | None:
    if expected.raised and actual.raised:
        pattern = expected.error.pattern
        if expected.error.kind() == actual.error.kind() and (
                pattern is None or re.search(pattern, actual.error.message)):
            return None
        if expected.error.kind() == actual.error.kind():
            return Difference(
                "error-kind",
                f"raises {actual.error.type} with a message the model does not give",
                f"jax:   {actual.error.message}\nmodel: /{pattern}/",
            )
        return Difference(
            "error-kind",
            f"raises {actual.error.type}, numpy raises {expected.error.type}",
            f"jax:   {actual.error.message}\nnumpy: {expected.error.message}",
        )
    if actual.raised:
        return Difference(
            "error-parity",
            f"raises {actual.error.type}, numpy returns {expected.describe()}",
            f"jax:   {actual.error.type}: {actual.error.message}",
        )
    return Difference(
        "error-parity",
        f"returns {actual.describe()}, numpy raises {expected.error.type}",
        f"numpy: {expected.error.type}: {expected.error.message}",
    )


def _as_float_parts(a: np.ndarray) -> list[np.ndarray]:
    if a.dtype.kind == "c":
        return [a.real.astype(np.float64), a.imag.astype(np.float64)]
    return [a.astype(np.float64)]


def zero_sign_mismatch(e: np.ndarray, a: np.ndarray) -> np.ndarray:
    """Where both values are a zero (a part of a complex value, part by part) of opposite signs: +0.0
    against -0.0 is a different value to a NumPy user (1 / x, copysign, arctan2 tell them apart). The
    sign of a NaN is not compared, nor its payload."""
    mismatch = np.zeros(e.shape, dtype=bool)
    for ep, ap in zip(_as_float_parts(e), _as_float_parts(a), strict=True):
        mismatch |= (ep == 0) & (ap == 0) & (np.signbit(ep) != np.signbit(ap))
    return mismatch


def _inexact_mismatch(e: np.ndarray, a: np.ndarray, tol: Tolerance) -> np.ndarray:
    """Where float or complex values differ. NaN must meet NaN and an infinity the same infinity, part
    by part; a zero the zero of the same sign, where the tolerance has no absolute part (an approximate
    zero, within atol, has no meaningful sign); finite values must be within `tol.ulps` of NumPy's
    (conformance/ulps.py: complex values on the modulus) or within assert_allclose's rule, for complex
    numbers with the modulus (a 1e-10 imaginary part next to a real part of 1 is rounding)."""
    e_parts, a_parts = _as_float_parts(e), _as_float_parts(a)
    finite = np.ones(e.shape, dtype=bool)
    for ep, ap in zip(e_parts, a_parts, strict=True):
        finite &= np.isfinite(ep) & np.isfinite(ap)
    bad = np.zeros(e.shape, dtype=bool)
    with np.errstate(all="ignore"):
        for ep, ap in zip(e_parts, a_parts, strict=True):
            nan_e, nan_a = np.isnan(ep), np.isnan(ap)
            both_finite = np.isfinite(ep) & np.isfinite(ap)
            slack = tol.atol + tol.rtol * np.abs(ep) + tol.ulps * ulps.spacing(np.abs(ep), e.dtype)
            part_close = np.abs(ap - ep) <= slack
            same_inf = ~both_finite & ~nan_e & ~nan_a & (ep == ap)
            # elements with a non-finite part are compared part by part
            bad |= ~finite & ((nan_e != nan_a) | ~(nan_e | same_inf | (both_finite & part_close)))
        ew = e_parts[0] + 1j * e_parts[1] if len(e_parts) == 2 else e_parts[0]
        aw = a_parts[0] + 1j * a_parts[1] if len(a_parts) == 2 else a_parts[0]
        # |ew| overflows for parts near the largest float: 0 * inf would make the slack NaN
        relative = tol.rtol * np.abs(ew) if np.any(tol.rtol) else 0.0
        close = np.abs(aw - ew) <= tol.atol + relative
        if tol.ulps and ulps.measurable(e.dtype):
            close |= ulps.distance(e, a) <= tol.ulps
    bad |= finite & ~close
    return bad | (zero_sign_mismatch(e, a) & (np.asarray(tol.atol) == 0))


def _zero_signs_equal(e: np.ndarray, a: np.ndarray) -> bool:
    return e.dtype.kind not in "fcV" or not zero_sign_mismatch(e, a).any()


def _item(x) -> str:
    return repr(x.item()) if hasattr(x, "item") else repr(x)


def value_mismatch(expected: Value, actual: Value, tol: Tolerance) -> tuple[str, str] | None:
    """None when the values agree; else (a short count, a labelled jax/numpy detail)."""
    e, a = expected.array, actual.array
    exact_kind = e.dtype.kind in "biuOSUV" and e.dtype.name != "bfloat16"
    # Most examples agree exactly: say so before the elementwise tolerance (same verdict, a fraction of
    # the time). NaN meets NaN for real values only: a complex NaN is compared part by part below.
    # The sign of a zero is compared even then.
    if expected.atol is None and expected.nonfinite is None and np.array_equal(
            e, a, equal_nan=not exact_kind and e.dtype.kind != "c") and (
            exact_kind or _zero_signs_equal(e, a)):
        return None
    # an elementwise bound carried by the expected value replaces the tolerance (float and complex only)
    bound = None if exact_kind or expected.atol is None else np.broadcast_to(expected.atol, e.shape)
    if bound is not None:
        tol = Tolerance(atol=bound.astype(np.float64))
    bad = (e != a) if exact_kind else _inexact_mismatch(e, a, tol)
    if expected.free is not None:
        bad &= ~np.broadcast_to(expected.free, bad.shape)
    for choice in expected.choices:  # an element matching any documented alternative agrees
        bad &= (choice != a) if exact_kind else _inexact_mismatch(choice, a, tol)
    if expected.nonfinite is not None and not exact_kind:  # there, a non-finite value also agrees
        finite = np.logical_and.reduce([np.isfinite(p) for p in _as_float_parts(a)])
        bad &= ~np.broadcast_to(expected.nonfinite, bad.shape) | finite
    if not bad.any():
        return None
    count = int(bad.sum())
    positions = np.argwhere(bad)[:5] if bad.ndim else [()]
    lines = [f"mismatched elements: {count} / {bad.size}"]
    if bound is not None:
        lines.append("tolerance: an elementwise bound (shown at each position)")
    elif tol.exact or exact_kind:
        lines.append("tolerance: exact")
    else:
        lines.append("tolerance: " + ", ".join(f"{name}={getattr(tol, name):g}" for name in (
            "ulps", "rtol", "atol") if getattr(tol, name)))
    gaps = ulps.distance(e, a) if ulps.measurable(e.dtype) else None
    for pos in positions:
        index = tuple(int(i) for i in pos)
        within = "" if bound is None else f", bound {float(bound[index]):g}"
        if gaps is not None and np.isfinite(a[index]) and np.isfinite(e[index]):
            gap = float(gaps[index])
            within += f" ({gap:.3g} ulps)" if gap else " (a zero of the other sign)"
        lines.append(f"at {list(index)}: jax {_item(a[index])}, numpy {_item(e[index])}{within}")
    return f"{count} of {bad.size} elements", "\n".join(lines)

"""Distances in units in the last place (ulps), the per-function budgets the comparator allows, and the
report's table of the largest distance seen.

A real float distance is `numpy.testing.assert_array_max_ulp`'s: the number of representable values of
the result dtype between the two results (their bit patterns as ordered integers), so -0.0 and +0.0 are
0 apart (the comparator tells zeros apart by their sign separately) and the smallest subnormal is 1 from
zero. bfloat16 and float16 are measured in their own ulps.

A complex distance is measured on the modulus: |jax - numpy| in units of the spacing of the part dtype
at the larger part of NumPy's value. Per part would call rounding noise in a part that cancels (an
imaginary part of 1e-10 next to a real part of 1) millions of ulps; NumPy's own ulp helpers refuse
complex input.

This module stays free of JAX and of the rest of the project (compare.py and check.py import it).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import ml_dtypes
import numpy as np

if TYPE_CHECKING:
    from conformance.example import Example
    from conformance.outcome import Outcome
    from conformance.recorder import Recorder

_ORDINAL_INT = {"float16": np.int16, "bfloat16": np.int16, "float32": np.int32, "float64": np.int64}
_COMPLEX_PART = {"complex64": np.float32, "complex128": np.float64}
REDUCED = ("bfloat16", "float16")  # 8 and 11 significant bits: XLA computes them in float32


def measurable(dtype: np.dtype) -> bool:
    """Whether values of `dtype` have an ulp distance (float and complex dtypes, bfloat16 included)."""
    return dtype.name in _ORDINAL_INT or dtype.name in _COMPLEX_PART


def _ordinals(x: np.ndarray) -> np.ndarray:
    """The float bits as int64 in the floats' order: +-0 are 0, the smallest subnormals +-1."""
    kind = _ORDINAL_INT[x.dtype.name]
    bits = np.asarray(x).view(kind).astype(np.int64)  # same itemsize: any strides, 0-d too
    return np.where(bits < 0, np.int64(np.iinfo(kind).min) - bits, bits)


def distance(expected: np.ndarray, actual: np.ndarray) -> np.ndarray:
    """Elementwise ulp distance (float64) between two arrays of one float or complex dtype.

    Meaningful where both are finite; a NaN or an infinity gives some number there, which callers mask.
    """
    name = expected.dtype.name
    if name in _COMPLEX_PART:
        with np.errstate(all="ignore"):
            scale = np.maximum(np.abs(expected.real), np.abs(expected.imag))
            gap = np.abs(actual.astype(np.complex128) - expected.astype(np.complex128))
            return gap / spacing(scale, expected.dtype)
    e, a = _ordinals(expected), _ordinals(actual)
    same_side = (e >= 0) == (a >= 0)  # the int64 difference cannot overflow there
    with np.errstate(all="ignore"):
        near = np.abs(a - e).astype(np.float64)
        far = np.abs(a.astype(np.float64)) + np.abs(e.astype(np.float64))
    return np.where(same_side, near, far)


def spacing(magnitude: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """One ulp of `dtype` (a complex dtype: of its parts) at `magnitude` (float64, of any size), as
    float64: the gap to the next larger value, the smallest subnormal at and below the smallest normal
    (np.spacing has no bfloat16 loop)."""
    part = np.dtype(_COMPLEX_PART.get(dtype.name, dtype))
    info = ml_dtypes.finfo(part) if part.name == "bfloat16" else np.finfo(part)
    with np.errstate(all="ignore"):
        m = np.maximum(np.abs(np.asarray(magnitude, dtype=np.float64)), float(info.tiny))
        _, exponent = np.frexp(m)  # m = f * 2**exponent, 0.5 <= f < 1
        return np.ldexp(float(info.eps), exponent - 1)


# -- budgets ---------------------------------------------------------------------------------------------
# Budgets, measured on jax 0.10.2, numpy 2.4.6, ml_dtypes 0.7.0, CPU (2026-12-03): every binary function
# of the broadcasting area on 2048 random inputs per dtype (normal, spread over 16 decades, whole numbers;
# subnormal inputs and results left out: NUM-SUBNORMAL-FLUSH), eagerly and under jit, x64 off and on;
# `.at[].add/multiply` with repeated indices; and the `ci` runs of the dtypes, promotion and immutability
# areas with the report's table below. A budget is the largest distance seen, times 2, rounded up; 0 stays
# 0. `Tolerance`s that cases set explicitly (logaddexp's absolute accuracy, linspace's) and elementwise
# bounds (matmul, Value.atol) are kept. Integers and bools are exact.
#
# The default: exactly rounded operations (add, subtract, multiply, divide, sqrt, fmod, remainder,
# maximum, nextafter, copysign, comparisons, `.at[]` updates, real power and arctan2 on the draws above)
# are 0 ulps apart; complex multiplication 1 (so 2), XLA's expansion against NumPy's.
DEFAULT_ULPS: Mapping[str, int] = {
    "bfloat16": 0, "float16": 0, "float32": 0, "float64": 0, "complex64": 2, "complex128": 2,
}

_TRANSCENDENTAL = {"bfloat16": 2, "float16": 2, "float32": 2, "float64": 2, "complex64": 4,
                   "complex128": 4}
# The registry's unary functions (conformance/registry/), measured on 2048 inputs per dtype (normal,
# spread over 16 decades, and in [-4, 4]; subnormal inputs and results left out), eagerly and under jit,
# x64 off and on; the budget is the largest distance seen times 2, as above. By the tag `transcendental`:
# libm routines, within 3 ulps in every dtype. By name, where the error grows with the argument: exp2
# computes exp(x * log 2) and sinh and cosh exp of a shifted argument, so the argument's rounding
# error is amplified by |x| (measured 60 ulps in float32 and 449 in float64 for exp2, 69 in bfloat16;
# 24 and 477 for sinh and cosh); log1p and arctanh in float64 measured 105 and 125 (near -1 and +-1,
# where the function's condition number is large); i0's series measured 5 in every dtype.
_UNARY = {"bfloat16": 4, "float16": 4, "float32": 6, "float64": 4, "complex64": 8, "complex128": 8}
UNARY_BUDGETS: Mapping[str, Mapping[str, int]] = {
    "transcendental": _UNARY,
    "exp2": {**_UNARY, "bfloat16": 140, "float16": 24, "float32": 120, "float64": 900},
    **{name: {**_UNARY, "float32": 48, "float64": 960} for name in ("sinh", "cosh")},
    "tanh": {**_UNARY, "float32": 8, "float64": 14},
    "expm1": {**_UNARY, "float32": 8, "float64": 8},
    **{name: {**_UNARY, "float64": 250} for name in ("arctanh", "atanh")},
    "log1p": {**_UNARY, "float64": 210},
    "i0": {**_UNARY, "bfloat16": 10, "float16": 10, "float32": 10, "float64": 10},
    # x / |x|, 1 / x and x * x of complex values: measured 3, 2.9 and 2
    **{name: {"complex64": 6, "complex128": 6} for name in ("sign", "reciprocal", "square")},
}

# By case name, or by a case tag. A dtype left out takes DEFAULT_ULPS.
BUDGETS: Mapping[str, Mapping[str, int]] = {
    # XLA's and NumPy's libm differ by an ulp: sin and exp measured 1 (float32, dtypes area); power and
    # arctan2 measured 0 on the draws above, given the same margin (complex power: NUM-COMPLEX-POWER-*)
    **{name: _TRANSCENDENTAL for name in ("sin", "exp", "power", "arctan2", "atan2")},
    "float-power": _TRANSCENDENTAL,  # tag: float_power
    "method:power": _TRANSCENDENTAL,  # complex: UPD-POWER-IS-POWER-OF-PRODUCT's error bound
    "hypot": {"bfloat16": 4, "float16": 4, "float32": 4, "float64": 4},  # measured 2 in every dtype
    # complex division: XLA's algorithm and NumPy's (Smith's) round differently, measured 3.2
    "true-division": {"complex64": 7, "complex128": 7},
    # Floor division (floor_divide, //, divmod): JAX rounds (x - fmod(x, y)) / y in the dtype, NumPy
    # floors it (float16 in float32): where the quotient has no fractional bits left the two can differ by
    # one, which is at most 2 ulps there; measured 2 in float16, bfloat16 and float32.
    "integer-division": {"bfloat16": 4, "float16": 4, "float32": 4, "float64": 4},
    # linspace in float16 and bfloat16 (float32 and float64 set a tolerance): measured 1
    "linspace(start, stop, num, dtype)": {"bfloat16": 2, "float16": 2},
    # sums and means of the area's small integer inputs, in float32 with x64 off: measured 0; 4 leaves
    # room for the roundings of the sum, the division and the square root that NumPy does in float64
    **{name: {"float32": 4, "float64": 4} for name in ("sum", "prod", "cumsum", "cumprod", "mean",
                                                     "var", "std")},
    **UNARY_BUDGETS,  # the registry's unary functions (below)
}


def budget(name: str, tags: frozenset[str] | set[str] = frozenset()) -> Mapping[str, int] | None:
    """The per-function budget of a case (its name first, then its tags in sorted order), or None."""
    if name in BUDGETS:
        return BUDGETS[name]
    for tag in sorted(tags):
        if tag in BUDGETS:
            return BUDGETS[tag]
    return None


# -- the report's table of the largest distance seen -------------------------------------------------
TABLE = "ulps"
TABLE_TITLE = ("Largest ulp distance from NumPy, by case and result dtype (agreeing examples), with the "
               "input where it was seen")
_WIDTH = 20  # right-aligned: the table keeps the largest cell in string order, and 2**64 has 20 digits


def largest(expected: Outcome, actual: Outcome) -> tuple[float, int, tuple[int, ...]] | None:
    """The largest ulp distance over the finite positions of the float outputs, with the output and the
    position where it is; None when no output is a float or complex array."""
    best = None
    for number, (e, a) in enumerate(zip(expected.values, actual.values, strict=False)):
        if not measurable(e.dtype) or e.dtype != a.dtype or e.shape != a.shape or e.array.size == 0:
            continue
        if np.array_equal(e.array, a.array, equal_nan=e.dtype.kind != "c"):
            found = (0.0, number, (0,) * e.array.ndim)
        else:
            finite = np.isfinite(e.array) & np.isfinite(a.array)
            gaps = np.where(finite, distance(e.array, a.array), 0.0)
            where = np.unravel_index(int(np.argmax(gaps)), gaps.shape)
            found = (float(gaps[where]), number, tuple(int(i) for i in where))
        if best is None or found[0] > best[0]:
            best = found
    return best


def record_largest(recorder: Recorder, example: Example) -> None:
    """Put the example's largest ulp distance in the report's table when it beats the one there."""
    start = time.perf_counter()
    try:
        _record_largest(recorder, example)
    finally:  # the benchmark and the report's cost figures read it
        recorder.seconds["ulp table"] += time.perf_counter() - start


def _record_largest(recorder: Recorder, example: Example) -> None:
    if example.numpy.raised or example.jax.raised:
        return
    found = largest(example.numpy, example.jax)
    if found is None:
        return
    ulps, number, where = found
    case = example.case
    row, column = f"{case.area}: {case.name}", example.numpy.values[number].dtype.name
    old = recorder.tables.get(TABLE, {}).get("cells", {}).get(row, {}).get(column)
    if old is not None and float(old.split()[0]) >= ulps:
        return  # the common case: formatting the input costs more than the comparison
    text = f"{ulps:>{_WIDTH}.0f} ulps: {_input_at(example, number, where)} ({example.mode})"
    recorder.record_cell(TABLE, row, column, text, keep="max", title=TABLE_TITLE)


def _input_at(example: Example, number: int, where: tuple[int, ...]) -> str:
    """The arguments at `where` of an elementwise example (each array argument broadcast to the output),
    else their dtypes and shapes; then both results there."""
    from conformance.check import describe_args  # late: check imports this module

    e, a = example.numpy.values[number].array, example.jax.values[number].array
    out = f"jax {_scalar(a[where])}, numpy {_scalar(e[where])}"
    arrays = [np.asarray(arg) for arg in example.args if isinstance(arg, (np.ndarray, np.generic))]
    try:
        elementwise = np.broadcast_shapes(e.shape, *(x.shape for x in arrays)) == e.shape
    except ValueError:
        elementwise = False
    if not elementwise or example.mode == "vmap":
        return f"{describe_args(example.case, example.args)} at {list(where)}: {out}"
    parts = []
    for name, arg in zip(example.case.arg_names, example.args, strict=False):
        if isinstance(arg, (np.ndarray, np.generic)):
            parts.append(f"{name}={_scalar(np.broadcast_to(np.asarray(arg), e.shape)[where])}")
        else:
            parts.append(f"{name}={arg!r}")
    return f"{', '.join(parts)}: {out}"


def _scalar(x: Any) -> str:
    """A NumPy scalar as the constructor that recreates it: np.float32(1.5), ml_dtypes too."""
    x = np.asarray(x)
    return f"np.{x.dtype.name}({x.item()!r})" if x.dtype.name != "bfloat16" else (
        f"ml_dtypes.bfloat16({float(x)!r})")


# -- reduced precision: judged against the exact value ---------------------------------------------------
# XLA computes bfloat16 and float16 in float32 and, under jit, fuses several operations keeping float32
# intermediates, while NumPy rounds after every operation: a correct reduced-precision computation of
# several steps can differ from NumPy's by more than NumPy's own error. Where NumPy's result is itself
# more than the case's budget from the exact value, JAX is judged against the exact value, within
# REDUCED_EPS units of the dtype's epsilon relative to max(|exact|, 1) (one rounding of each of a few
# float32 steps, then of the result; absolute below 1, where a sum that cancels leaves its inputs' error).
REDUCED_EPS = 2


def exact_reference(example: Example) -> Outcome | None:
    """NumPy's outcome on the arguments upcast to float64 (bfloat16 and float16 arrays), each bfloat16 or
    float16 output rounded to its dtype with the bound above (`Value.atol`); None when no argument and
    output is bfloat16 or float16, or the wide run does not return the same structure and shapes."""
    from dataclasses import replace

    from conformance.outcome import Outcome

    numpy = example.numpy
    if numpy.raised or not any(v.dtype.name in REDUCED for v in numpy.values):
        return None
    reduced = [isinstance(a, (np.ndarray, np.generic)) and np.asarray(a).dtype.name in REDUCED
               for a in example.args]
    if not any(reduced):
        return None
    args = tuple(np.asarray(a).astype(np.float64) if wide else a
                 for a, wide in zip(example.args, reduced, strict=True))
    with np.errstate(all="ignore"):
        wide = example.rerun_numpy(args)
    if wide.raised or len(wide.values) != len(numpy.values) or wide.is_sequence != numpy.is_sequence:
        return None
    values = []
    for mine, exact in zip(numpy.values, wide.values, strict=True):
        if mine.dtype.name not in REDUCED:
            values.append(mine)
            continue
        if exact.shape != mine.shape:
            return None
        eps = float(ml_dtypes.finfo(mine.dtype).eps)
        with np.errstate(all="ignore"):  # a float64 value beyond the dtype's range rounds to infinity
            bound = REDUCED_EPS * eps * np.maximum(np.abs(exact.array.astype(np.float64)), 1.0)
            values.append(replace(mine, array=exact.array.astype(mine.dtype), atol=bound))
    return Outcome(tuple(values), numpy.is_sequence)

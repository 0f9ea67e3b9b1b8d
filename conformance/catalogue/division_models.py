"""Models of how XLA divides floats on a CPU (a broadcast divisor's reciprocal, floor division's
corrections, constants under jit), for the numerics catalogue (`numerics.py`)."""

from __future__ import annotations

import math
from dataclasses import replace

import ml_dtypes
import numpy as np

from conformance.catalogue.models import flush_subnormals, map_array_args, map_values
from conformance.catalogue.signed_zeros import identity_operand
from conformance.catalogue.subnormals import as_numpy_reads, subnormal
from conformance.example import Example
from conformance.outcome import Outcome
from conformance.strategies import BFLOAT16, kind_of


def division_by_broadcast_scalar(example: Example) -> bool:
    floor = "floor-division" in example.case.tags
    if not ("true-division" in example.case.tags or floor) or len(example.args) != 2:
        return False
    numerator, divisor = example.args
    if kind_of(np.asarray(numerator).dtype) != "f" or identity_operand(example) is not None:
        return False  # b / 1.0 and b / -1.0 under jit: no division at all (b or -b)
    if type(divisor) in (bool, int, float) and example.mode in ("jit", "vmap"):
        return True  # a constant under jit; under vmap, broadcast against the batch
    try:  # each divisor element divides several numerator elements: it is broadcast along some axis
        return np.size(divisor) < math.prod(np.broadcast_shapes(np.shape(numerator), np.shape(divisor)))
    except ValueError:
        return False


def reciprocal_quotients(numerator: np.ndarray, divisor: np.ndarray, *, floor: bool) -> list[np.ndarray]:
    """x * (1 / y), as XLA computes it: in float32 with subnormals flushed (bfloat16, float32, and float16
    in some broadcast patterns) or, for float16 divided along a broadcast axis (as in a vmap batch), in
    float16 itself, where 1 / y overflows for a subnormal y. Floor division is JAX's `_float_divmod` on
    that quotient: fmod, subtract, multiply by the reciprocal, step down where the signs differ, round."""
    works = [np.float64] if numerator.dtype == np.float64 else [np.float32]
    if numerator.dtype == np.float16:
        works.append(np.float16)
    quotients = []
    with np.errstate(all="ignore"):
        for wide in works:
            x, y = numerator.astype(wide), divisor.astype(wide)
            reciprocal = flush_subnormals(np.asarray(1 / y, dtype=wide))
            if not floor:
                quotients.append(flush_subnormals(np.asarray(x * reciprocal, dtype=wide)))
                continue
            mod = np.fmod(x, y)
            div = flush_subnormals(np.asarray(np.where(y == 0, x, x - mod) * reciprocal, dtype=wide))
            div = np.where((mod != 0) & (np.sign(y) != np.sign(mod)), div - 1, div)
            quotients.append(np.trunc(div + np.copysign(0.5, div)).astype(wide))  # half away from 0
    return quotients


def reciprocal_multiplication(example: Example, outcome):
    numerator, divisor = (np.asarray(a) for a in as_numpy_reads(example))
    first, *others = reciprocal_quotients(numerator, divisor,
                                           floor="floor-division" in example.case.tags)
    if outcome.raised:
        return outcome
    # NumPy's own quotient stays a choice: which broadcast patterns XLA rewrites is not documented.
    # An augmented assignment (b /= v) returns the old array first, then the quotient.
    position = 1 if "in-place:augmented" in example.case.tags else 0
    values = list(outcome.values)
    quotient = values[position]
    values[position] = replace(quotient, array=first.astype(quotient.dtype), choices=(
        quotient.array, *(o.astype(quotient.dtype) for o in others)))
    return replace(outcome, values=tuple(values))  # divmod's remainder: NumPy's


def divmod_by_broadcast_subnormal(example: Example) -> bool:
    """divmod of floats by a broadcast divisor that holds a subnormal (a value FTZ zeroes)."""
    if "quotient-remainder" not in example.case.tags or not division_by_broadcast_scalar(example):
        return False
    numerator, divisor = as_numpy_reads(example)
    divisor = np.asarray(divisor, np.asarray(numerator).dtype)
    return divisor.size > 0 and bool(subnormal(divisor).any())


def divmod_nan_or_by_zero(example: Example, outcome):
    """Where the divisor is subnormal: remainder NaN (fmod by the flushed zero); quotient NaN, or NumPy's
    quotient by that zero. Elsewhere NumPy's outcome."""
    if outcome.raised:
        return outcome
    numerator, divisor = (np.asarray(a) for a in as_numpy_reads(example))
    quotient, remainder = outcome.values[:2]
    at = np.broadcast_to(subnormal(divisor.astype(numerator.dtype)), quotient.shape)
    with np.errstate(all="ignore"):
        by_zero = np.floor_divide(numerator, np.zeros_like(divisor, dtype=numerator.dtype))
    by_zero = np.broadcast_to(by_zero, quotient.shape).astype(quotient.dtype)
    return replace(outcome, values=(
        replace(quotient, array=np.where(at, np.nan, quotient.array).astype(quotient.dtype),
                choices=(np.where(at, by_zero, quotient.array).astype(quotient.dtype),)),
        replace(remainder, array=np.where(at, np.nan, remainder.array).astype(remainder.dtype)),
        *outcome.values[2:]))


def floor_division_by_subnormal_constant(example: Example) -> bool:
    """Floor division under jit by a Python float that is subnormal in the numerator's dtype."""
    if example.mode != "jit" or "floor-division" not in example.case.tags or len(example.args) != 2:
        return False
    numerator, divisor = example.args
    if type(divisor) is not float or kind_of(np.asarray(numerator).dtype) != "f":
        return False
    dtype = np.asarray(numerator).dtype
    tiny = float(ml_dtypes.finfo(dtype).tiny if dtype == BFLOAT16 else np.finfo(dtype).tiny)
    return 0 < abs(divisor) < tiny  # float16 too, which the CPU does not flush


def nan_or_signed_infinity(example: Example, outcome):
    """The quotient NaN, or the infinity of the sign x / divisor has (the quotient by a zero of the
    divisor's sign); divmod's remainder NaN (fmod by the divisor read as zero), or NumPy's in float16,
    whose subnormals XLA computes in float32, where they are normal."""
    if outcome.raised:
        return outcome
    numerator, divisor = (np.asarray(a) for a in as_numpy_reads(example))
    quotient, *others = outcome.values
    with np.errstate(all="ignore"):
        infinity = np.copysign(np.inf, numerator.astype(np.float64)) * np.sign(float(divisor))
    quotient = replace(quotient, array=np.full(quotient.shape, np.nan, quotient.dtype),
                       choices=(np.broadcast_to(infinity, quotient.shape).astype(quotient.dtype),))
    remainders = tuple(v if v.dtype == np.float16 else replace(v, array=np.full(v.shape, np.nan, v.dtype))
                       for v in others)
    return replace(outcome, values=(quotient, *remainders))


def bool_zero_by_zero(example: Example) -> bool:
    arrays = [np.asarray(a) for a in example.args]
    return "true-division" in example.case.tags and all(a.dtype.kind == "b" for a in arrays) and bool(
        np.any(~arrays[0] & ~arrays[1]))


def bool_quotient_in_float32(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's quotient of the bools computed in float32, JAX's dtype for them with x64 on or off (the
    dtype entries cannot pair with this one: their rewrite turns the bools into floats), with 0 where
    both operands are False; NumPy's NaN there stays a choice (the unbroadcast path)."""
    with np.errstate(all="ignore"):
        computed = example.rerun_numpy(map_array_args(example, lambda a: a.astype(np.float32)))
    both_false = ~np.asarray(example.args[0]) & ~np.asarray(example.args[1])
    return map_values(computed, lambda v: replace(
        v, array=np.where(both_false, 0, v.array).astype(v.dtype), choices=(v.array,)))

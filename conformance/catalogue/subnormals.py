"""Models of how JAX on a CPU treats subnormal floats, for the numerics catalogue (`numerics.py`).

XLA sets the CPU's denormals-are-zero and flush-to-zero modes: arithmetic and comparisons read a
subnormal operand as a zero of its sign and write a subnormal result as a zero. Operations that only
move bits (a select, a gather, a sign copy) keep a subnormal as it is. Every function here is a model of
what JAX computes, from NumPy: none of them accepts an arbitrary value.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import numpy as np

from conformance.case import Case
from conformance.catalogue.models import flush_subnormals, flushes, has_subnormal, jax_at_least, map_values
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.runner import is_array_input
from conformance.strategies import BFLOAT16, kind_of

# Tags of cases whose result is some operand's own bits, chosen by comparisons that read subnormals as
# zeros: where two candidates compare equal once flushed, JAX may return either one's bits.
SELECTION_TAGS = frozenset({"selection", "method:min", "method:max"})
# Tags of cases that only move or copy values (gathers, assignments, sign copies, NumPy's in-place
# methods): JAX keeps subnormal bits there as NumPy does, so flushing is not what they show.
_MOVES_BITS = frozenset({"getitem", "setitem", "take", "take_along_axis", "at-get", "at-set-copies",
                         "sign-bits", "python-values", "moves-bits",
                         "subnormals-modelled-apart",  # an entry of its own models them (unary.py)
                         "tiny-argument-kept",  # f(x) is x, subnormal or not (expm1)
                         "cast"})  # casts flush by a table of their own (catalogue/casts.py)


def as_numpy_reads(example: Example) -> tuple:
    """The arguments as NumPy reads them: Python floats take the float array's dtype (NEP 50)."""
    floats = [np.asarray(a).dtype for a in example.args
              if is_array_input(a) and kind_of(np.asarray(a).dtype) in "fc"]
    if not floats:
        return tuple(example.args)
    return tuple(np.asarray(a, dtype=floats[0] if kind_of(floats[0]) == "c" or type(a) is float
                            else None)
                 if type(a) in (float, complex) else a for a in example.args)


def subnormal(a: np.ndarray) -> np.ndarray:
    """Where `a` holds a subnormal (a value FTZ reads as zero)."""
    return (flush_subnormals(a) == 0) & (a != 0)


def computes_on_values(case: Case) -> bool:
    """Whether the case does arithmetic or comparisons on its float inputs (where FTZ/DAZ shows)."""
    if "at-update" in case.tags:
        return not case.tags & {"method:set", "method:get"}
    in_place = any(t.startswith("in-place:") and t != "in-place:augmented" for t in case.tags)
    return not (in_place or case.tags & _MOVES_BITS)


def _read_as_float(a, original, example: Example) -> bool:
    """Whether JAX reads this operand with float arithmetic: the logical functions test bfloat16 for
    zero on its bits before jax 0.12 (float32 and float64, and bfloat16 from 0.12 on, with a float
    comparison: observed). A Python float is converted to bfloat16 first, a conversion that flushes
    when run op by op (eager, vmap); jit folds it unflushed."""
    if type(original) is float and example.mode != "jit":
        return True
    return not ("logical" in example.case.tags and np.asarray(a).dtype == BFLOAT16
                and not jax_at_least(example, "0.12"))


def any_subnormal(example: Example) -> bool:
    """A case that computes on floats, with a subnormal input or a subnormal NumPy result."""
    if not computes_on_values(example.case):
        return False
    inputs = [a for a, original in zip(as_numpy_reads(example), example.args, strict=True)
              if is_array_input(a) and _read_as_float(a, original, example)]
    outputs = [] if example.numpy.raised else [v.array for v in example.numpy.values]
    return any(has_subnormal(a) for a in inputs + outputs)


def flushed_inputs(example: Example, *, only: tuple[int, ...] | None = None) -> tuple:
    """The arguments with each subnormal replaced by a zero of its sign (Python floats too); `only`
    limits the rewrite to the arguments at those positions."""
    return tuple(
        original if (only is not None and i not in only) or not _read_as_float(a, original, example)
        else (flush_subnormals(a) if is_array_input(a) else a) if type(original) not in (float, complex)
        else type(original)(flush_subnormals(a).item()) if has_subnormal(a) else original
        for i, (original, a) in enumerate(zip(example.args, as_numpy_reads(example), strict=True)))


def _float_operands(example: Example, shape: tuple[int, ...], dtype: np.dtype) -> list[np.ndarray]:
    """The float inputs that line up with an output of `shape` (elementwise), broadcast to it."""
    operands = []
    for a in as_numpy_reads(example):
        a = np.asarray(a) if is_array_input(a) else None
        if a is None or kind_of(a.dtype) != "f":
            continue
        try:
            if np.broadcast_shapes(a.shape, shape) == shape:
                operands.append(np.broadcast_to(a, shape).astype(dtype))
        except ValueError:  # a gather or an update: its inputs do not line up with its output
            continue
    return operands


def _selected_bits(example: Example, computed: Value, numpy: Value | None) -> tuple[np.ndarray, ...]:
    """The candidates a selection may return where subnormals made a tie: each operand (and NumPy's
    unflushed pick) that flushes to the computed value where a subnormal is involved, with its own bits
    or flushed to a zero of its sign. (lax.max and min return the flushed operand, a select keeps its
    bits eagerly and may flush under jit where XLA fuses it, bfloat16 flushes on its way back from
    float32.)"""
    flushed = computed.array
    candidates = _float_operands(example, flushed.shape, flushed.dtype)
    if numpy is not None and numpy.shape == flushed.shape and numpy.dtype == flushed.dtype:
        candidates.append(numpy.array)
    involved = np.zeros(flushed.shape, bool)
    for c in candidates:
        involved |= subnormal(c)
    with np.errstate(invalid="ignore"):
        tied = [involved & (flush_subnormals(c) == flushed) for c in candidates]
        return tuple(np.where(t, form, flushed).astype(flushed.dtype)
                     for t, c in zip(tied, candidates, strict=True) for form in (c, flush_subnormals(c)))


def _folded_scalars(example: Example) -> tuple[Value, ...]:
    """Under jit, a subnormal Python scalar may reach XLA as a constant that its host-side folding reads
    unflushed (x64 on, x.at[0].power(5e-324+0j) of 0j is 0j under jit, 1 eagerly): NumPy's results with
    the arrays flushed and such scalars as they are, flushed. Empty where there is no such scalar."""
    if example.mode != "jit":
        return ()
    scalars = {i for i, (original, a) in enumerate(zip(example.args, as_numpy_reads(example), strict=True))
               if type(original) in (float, complex) and has_subnormal(a)}
    if not scalars:
        return ()
    arrays = tuple(i for i in range(len(example.args)) if i not in scalars)
    folded = example.rerun_numpy(flushed_inputs(example, only=arrays))
    return () if folded.raised else folded.values


def flushed_outputs(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's results (on the flushed inputs) with subnormals flushed; for a selection, each tied
    candidate's own bits are the alternatives (`_selected_bits`); under jit, the results with a folded
    Python scalar unflushed are one too (`_folded_scalars`); in folded mode, NumPy's own results, element
    by element: XLA's constant folding evaluates unflushed what its heuristics fold, and the rest runs
    in its flushing kernels (jnp.add of two constants is folded, jnp.ediff1d of one is not: measured)."""
    selection = bool(example.case.tags & SELECTION_TAGS)
    numpy = () if example.numpy.raised else example.numpy.values
    folded = _folded_scalars(example)

    # an augmented assignment's first output is the name's old array, which JAX leaves as it is
    # (IMM-AUGMENTED-ASSIGNMENT-REBINDS): its bits are kept, subnormals included
    untouched = 0 if "in-place:augmented" in example.case.tags else None

    def flush(position: int, v: Value) -> Value:
        if position == untouched:
            return v
        if kind_of(v.dtype) == "b":  # a comparison: on the flushed inputs, or not (below)
            return replace(v, choices=(*v.choices, *_unflushed_comparisons(example, position, v)))
        if kind_of(v.dtype) not in "fc":
            return v
        flushed = replace(v, array=flush_subnormals(v.array))
        if position < len(folded) and folded[position].shape == v.shape:
            flushed = replace(flushed, choices=(*flushed.choices, flush_subnormals(
                folded[position].array.astype(v.dtype))))
        if not selection:
            return flushed
        original = numpy[position] if position < len(numpy) else None
        choices = (*v.choices, *_selected_bits(example, flushed, original))
        if example.case.tags & {"method:min", "method:max"}:  # a zero's sign by lax's order of zeros
            choices += (np.where(flushed.array == 0, -flushed.array, flushed.array),)
        return replace(flushed, choices=choices)

    def flush_or_fold(position: int, v: Value) -> Value:
        flushed = flush(position, v)
        unflushed = numpy[position] if position < len(numpy) and not flushes(example) else None
        if unflushed is None or unflushed.shape != v.shape:
            return flushed
        # folded: what XLA's constant folding evaluated is unflushed (indices found unflushed too)
        choices = (*flushed.choices, unflushed.array.astype(v.dtype),
                   *(p.array.astype(v.dtype) for p in _sorted_side_flushed(example) if p.shape == v.shape))
        return replace(flushed, choices=choices)

    if outcome.raised:
        return outcome
    return Outcome(tuple(flush_or_fold(i, v) for i, v in enumerate(outcome.values)), outcome.is_sequence)


def _sorted_side_flushed(example: Example) -> tuple[Value, ...]:
    """Folded, jax 0.12's searchsorted (method 'scan') reads the sorted array's elements flushed in its
    compiled loop and the folded queries unflushed (measured on 0.12.0.1: bfloat16 a = [9.2e-41, 1], v =
    [9.2e-41] gives 1, NumPy 0): NumPy's result with `a` alone flushed."""
    if "searches" not in example.case.tags or not jax_at_least(example, "0.12") or example.numpy.raised:
        return ()
    partly = example.rerun_numpy(flushed_inputs(example, only=(0,)))
    return () if partly.raised else partly.values


def _unflushed_comparisons(example: Example, position: int, v: Value) -> tuple[np.ndarray, ...]:
    """A comparison's other outcomes: on the inputs as they are (XLA's CPU code compares eagerly
    without denormals-are-zero: jnp.equal(1e-40, 0.0) is False, under jit True), and with only the
    Python floats flushed (a constant converted under jit is zero, the array's subnormal kept)."""
    if example.numpy.raised:
        return ()
    floats = tuple(i for i, a in enumerate(example.args) if type(a) is float)
    outcomes = [example.numpy]
    if floats:
        with np.errstate(all="ignore"):
            outcomes.append(example.rerun_numpy(flushed_inputs(example, only=floats)))
    return tuple(o.values[position].array for o in outcomes
                 if not o.raised and position < len(o.values) and o.values[position].shape == v.shape)


# -- power of a subnormal base ---------------------------------------------------------------------------
# glibc's pow and powf (which XLA's CPU backend calls) normalize a subnormal x as bits(x * 2**p) - p,
# with p the mantissa's width; under denormals-are-zero that product is 0, so every subnormal x reads as
# 2**-(bias + p): 2**-150 in float32 (where bfloat16 computes too), 2**-1075 in float64.
_SUBNORMAL_BASE_LOG2 = {"float32": -150, "bfloat16": -150, "float64": -1075}


def subnormal_base_log2(dtype: np.dtype) -> int | None:
    return _SUBNORMAL_BASE_LOG2.get(np.dtype(dtype).name)


def _power_of_two(log2_base: int, exponent: float) -> float:
    """2 ** (log2_base * exponent), with the product exact (a Fraction) and its integer part exact."""
    if not np.isfinite(exponent):
        return float(np.exp2(log2_base * exponent)) if not np.isnan(exponent) else np.nan
    product = Fraction(log2_base) * Fraction(exponent)
    whole = product.numerator // product.denominator
    if whole > 2000:
        return np.inf
    if whole < -2000:
        return 0.0
    return float(np.ldexp(np.exp2(float(product - whole)), whole))


def subnormal_base_powers(base: np.ndarray, exponent: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """What pow gives for each element of `base` (subnormal) raised to `exponent` (as it is), as
    `dtype`: 2 ** (log2_base * y), negative for a negative base and an odd integer y, NaN for a negative
    base and a non-integer y; the result flushed."""
    log2_base = subnormal_base_log2(dtype)
    base, exponent = np.broadcast_arrays(base.astype(np.float64), exponent.astype(np.float64))
    out = np.empty(base.shape, np.float64)
    for index in np.ndindex(base.shape):
        x, y = float(base[index]), float(exponent[index])
        magnitude = 1.0 if y == 0 else _power_of_two(log2_base, y)
        integral = np.isfinite(y) and float(y).is_integer()
        if x < 0 and not integral and np.isfinite(y):
            out[index] = np.nan
        else:
            odd = integral and abs(y) < 2**53 and int(y) % 2 == 1
            out[index] = -magnitude if x < 0 and odd else magnitude
    with np.errstate(over="ignore"):
        narrow = out.astype(np.float32).astype(dtype) if dtype == BFLOAT16 else out.astype(dtype)
    return flush_subnormals(narrow)


# -- arctan2 of a subnormal y ------------------------------------------------------------------------
# XLA's CPU backend calls the C library's atan2f (float32, bfloat16) and atan2 (float64), whose branches
# test the bits (a subnormal y is not zero there) while its arithmetic reads subnormals as zero.
_ATAN2_NEGATIVE_X_SCALED = 2.0**-966  # float64: below this |x|, atan2 scales x and y and keeps pi's sign


def subnormal_y_arctan2(y: np.ndarray, x: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """What JAX's arctan2 gives where y (broadcast with x) is subnormal, as `dtype`.

    float32 and bfloat16 (glibc's fdlibm atan2f): +-pi/2 (y's sign) over x == +-0; NaN over a subnormal x
    (y / x is 0 / 0); y itself over x == 1 (atanf(y)); +-0 over any other positive x, +-pi over a
    negative x. float64: +-pi/2 over a zero or subnormal x; +-0 over a positive x; over a negative x,
    -pi, except +pi for a positive y when |x| < 2**-966 or x is -inf.
    """
    y, x = np.broadcast_arrays(y.astype(np.float64), x.astype(np.float64))
    with np.errstate(invalid="ignore"):
        flushed_x = flush_subnormals(x.astype(dtype)).astype(np.float64)
        half_pi, pi, zero = np.copysign(np.pi / 2, y), np.copysign(np.pi, y), np.copysign(0.0, y)
        if np.dtype(dtype).name == "float64":
            keeps_sign = (y > 0) & ((np.abs(x) < _ATAN2_NEGATIVE_X_SCALED) | np.isinf(x))
            negative_x = np.where(keeps_sign, np.pi, -np.pi)
            out = np.where(flushed_x == 0, half_pi, np.where(x > 0, zero, negative_x))
        else:
            out = np.where(x == 0, half_pi, np.where(flushed_x == 0, np.nan, np.where(
                x == 1, y, np.where(x > 0, zero, pi))))
        out = np.where(np.isnan(x), np.nan, out)
    return out.astype(np.float32).astype(dtype) if np.dtype(dtype) == BFLOAT16 else out.astype(dtype)


# -- remainders: lax.rem keeps a subnormal dividend's bits ----------------------------------------------
def _daz(a: np.ndarray) -> np.ndarray:
    """An operand as the CPU's arithmetic reads it (denormals are zero)."""
    return flush_subnormals(np.asarray(a))


_ftz = _daz  # a result as the CPU writes it (flush to zero): the same rewrite


def lax_rem(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """lax.rem on a CPU: the C library's fmod, which works on the bits (a subnormal dividend below |y|
    is returned as it is) but reads a subnormal divisor as zero (NaN)."""
    return np.fmod(x, _daz(y))


def remainder_like_jax(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """jnp.remainder for floats: lax.rem, then y added where the signs differ, with every comparison and
    addition reading subnormals as zero."""
    trunc = lax_rem(x, y)
    flushed = _daz(trunc)
    plus = ((flushed < 0) != (_daz(y) < 0)) & (flushed != 0)
    return np.where(plus, _ftz(flushed + _daz(y)), trunc).astype(trunc.dtype)


def divmod_like_jax(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """jnp's _float_divmod (floor_divide's quotient too), step by step, reading subnormals as zero."""
    dtype = np.result_type(x, y)
    x, y = np.asarray(x, dtype), np.asarray(y, dtype)
    mod = lax_rem(x, y)
    corrected = np.where(_daz(y) == 0, x, _ftz(_daz(x) - _daz(mod)))
    div = _ftz(_daz(corrected) / _daz(y))
    sign_y, sign_mod = np.sign(_daz(y)), np.sign(_daz(mod))
    step = (_daz(mod) != 0) & (sign_y != sign_mod)
    mod = np.where(step, _ftz(_daz(mod) + _daz(y)), mod).astype(dtype)
    div = np.where(step, _ftz(div - 1), div)
    rounded = np.trunc(div.astype(np.float64) + np.copysign(0.5, div.astype(np.float64)))  # half away
    return np.where(np.isfinite(div), rounded, div).astype(dtype), mod


# -- nextafter: XLA steps on the bits, but tests x == y with a float comparison --------------------------
def nextafter_operands(example: Example) -> tuple[np.ndarray, np.ndarray] | None:
    """nextafter's float32/float64 operands, broadcast (None for other cases and dtypes)."""
    if "nextafter" not in example.case.tags or len(example.args) != 2:
        return None
    x, y = (np.asarray(a) for a in as_numpy_reads(example))
    if x.dtype != y.dtype or x.dtype not in (np.float32, np.float64):
        return None
    try:
        return np.broadcast_arrays(x, y)
    except ValueError:
        return None


def nextafter_equal_when_flushed(example: Example) -> bool:
    operands = nextafter_operands(example)
    if operands is None:
        return False
    x, y = operands
    return bool(np.any((flush_subnormals(x) == flush_subnormals(y)) & (x != y)))


def nextafter_returns_y_where_flushed_equal(example: Example, outcome):
    """y itself (its bits: a subnormal y stays) where x and y compare equal once subnormals read as
    zero; NumPy's step elsewhere (XLA steps on the integer bits, which no flush touches)."""
    x, y = nextafter_operands(example)
    equal = flush_subnormals(x) == flush_subnormals(y)
    return map_values(outcome, lambda v: replace(v, array=np.where(equal, y, v.array).astype(v.dtype)))


def bfloat16_nextafter(x, y) -> np.ndarray:
    """The next bfloat16 after x towards y, bit by bit."""
    x, y = np.broadcast_arrays(np.asarray(x, BFLOAT16), np.asarray(y, BFLOAT16))
    xf, yf = x.astype(np.float32), y.astype(np.float32)
    bits = x.copy().view(np.uint16).astype(np.int32)
    away_from_zero = (yf > xf) == (xf > 0)
    stepped = np.where(away_from_zero, bits + 1, bits - 1)
    tiniest = np.where(yf > xf, 0x0001, 0x8001)  # the smallest subnormal, signed towards y
    stepped = np.where(xf == 0, tiniest, stepped).astype(np.uint16).view(BFLOAT16)
    result = np.where(flush_subnormals(xf) == flush_subnormals(yf), y, stepped)  # compared with DAZ
    return np.where(np.isnan(xf) | np.isnan(yf), np.asarray(np.nan, BFLOAT16), result).astype(BFLOAT16)


# -- Python float operands --------------------------------------------------------------------------------
def or_plain_flush_with_python_floats(outputs):
    """An entry's `outputs` that also accepts, as choices, the plain flush model (NumPy on the flushed
    inputs, flushed) when an argument is a Python float: JAX converts it from its weak form (float64 with
    x64 on), a conversion that reads a subnormal as zero, and under jit folds it into the computation as
    a constant (a bfloat16 constant is flushed; a remainder by a constant becomes arithmetic). Also
    NumPy with only the Python floats flushed, result flushed: the converted constant is zero while the
    array operands keep their bits (power(9.2e-41, bfloat16 9.2e-41) is 0 ** 9.2e-41 with x64 on)."""
    def model(example: Example, outcome: Outcome) -> Outcome:
        predicted = outputs(example, outcome)
        floats = tuple(i for i, a in enumerate(example.args) if type(a) is float)
        if predicted.raised or not floats:
            return predicted
        alternatives = [flushed_outputs(example, example.rerun_numpy(args))
                        for args in (flushed_inputs(example), flushed_inputs(example, only=floats))]
        for plain in alternatives:
            if not plain.raised:
                predicted = replace(predicted, values=tuple(
                    replace(v, choices=(*v.choices, p.array)) if p.shape == v.shape and p.dtype == v.dtype
                    else v for v, p in zip(predicted.values, plain.values, strict=False)))
        return predicted
    return model

"""Known divergences of the registry's exact reductions and sorts (`conformance/registry/`,
REDUCTIONS): how jnp.any and jnp.all read an element as true, how sort orders subnormals, and what
argmax and argmin refuse. Each trigger reads a row's tags and the drawn options."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.manipulation import option
from conformance.catalogue.models import (
    cast_outputs,
    flush_subnormals,
    flushes,
    folding_reads_subnormals,
    has_subnormal,
    jax_at_least,
    map_values,
    raises,
    truth_flushes,
    truth_like_jnp_any,
)
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.strategies import BFLOAT16, kind_of

_REDUCTIONS = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/reductions.py"


def _reduced(example: Example, fn, a: np.ndarray) -> np.ndarray:
    return fn(a, axis=option(example, "axis"), keepdims=option(example, "keepdims"))


def _truth_differs(example: Example) -> bool:
    a = np.asarray(example.args[0])
    return ("truth" in example.case.tags and not example.numpy.raised and a.size > 0
            and bool(np.any(truth_like_jnp_any(a, flush=truth_flushes(example)) != (a != 0))))


def _reduced_truth(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's any (or all) of the elements as jnp.any reads them."""
    reduce = np.any if "any" in example.case.tags else np.all
    a = np.asarray(example.args[0])
    truth = _reduced(example, reduce, truth_like_jnp_any(a, flush=truth_flushes(example)))
    return map_values(outcome, lambda v: Value(np.asarray(truth, bool)))


def _sorted(example: Example) -> bool:
    """A sort or argsort that ran (no kind=, which JAX refuses, and NumPy did not raise)."""
    return (("sorts" in example.case.tags or "argsort" in example.case.tags) and not example.numpy.raised
            and ("kind" not in example.case.arg_names or option(example, "kind") is None))


def _sorts_subnormal(example: Example) -> bool:
    a = np.asarray(example.args[0])
    # argsort's subnormals: NUM-SUBNORMAL-FLUSH's (NumPy's argsort of the flushed values)
    return (_sorted(example) and "sorts" in example.case.tags and kind_of(a.dtype) in "fc"
            and has_subnormal(a) and not folding_reads_subnormals(example))


def _sorts_complex_nan(example: Example) -> bool:
    a = np.asarray(example.args[0])
    return _sorted(example) and kind_of(a.dtype) == "c" and bool(np.any(np.isnan(a)))


def _jax_sort_order(a: np.ndarray, axis: int, *, daz: bool = True) -> np.ndarray:
    """The stable order XLA's sort gives along `axis`: subnormals compared as zeros (DAZ; `daz` False:
    folded with jax 0.12, by value), a complex value by its real part, then its imaginary part, each with
    NaN after every number (NumPy puts a complex value with a NaN in either part after all the others)."""
    flushed = flush_subnormals(a) if daz else a
    if kind_of(a.dtype) != "c":
        return np.argsort(flushed, axis=axis, stable=True)
    moved = np.moveaxis(flushed, axis, -1)
    order = np.empty(moved.shape, np.intp)
    for index in np.ndindex(moved.shape[:-1]):
        order[index] = np.lexsort((moved[index].imag, moved[index].real))  # NaNs last in each key
    return np.moveaxis(order, -1, axis)


def _sorted_as_xla(example: Example, outcome: Outcome) -> Outcome:
    """The elements (their own bits) in XLA's order, or (argsort) the order itself."""
    a = np.asarray(example.args[0])
    axis = option(example, "axis") if "axis" in example.case.arg_names else -1  # sort_complex: the last
    if axis is None:
        a, axis = a.reshape(-1), 0
    order = _jax_sort_order(a, axis, daz=not folding_reads_subnormals(example))
    result = order if "argsort" in example.case.tags else np.take_along_axis(a, order, axis=axis)
    return map_values(outcome, lambda v: Value(result.astype(v.dtype)))


def xla_extremum(a: np.ndarray, axis, keepdims: bool, largest: bool, folded: bool, daz: bool = True
                 ) -> np.ndarray:
    """XLA's max (or min) reduce of a real float array, as measured with jax 0.10.2: the comparisons read
    subnormals as zeros (DAZ; float16's subnormals are normal in float32). Compiled, the result is the
    extremum of the flushed values with -0.0 below +0.0, except over a slice of one element (returned as
    it is); folded (XLA's evaluator), each slice reduced in C order, keeping the first of tied elements
    (its own bits: max([-0.0, 1e-40]) is -0.0, max([1e-40, -0.0]) is 1e-40). NaN propagates. `daz`
    False: the comparisons read subnormals as they are (folded with jax 0.12: max([-0.0, 1e-40]) is
    1e-40, max([0.0, -0.0]) still 0.0, the first of tied zeros)."""
    axes = tuple(range(a.ndim)) if axis is None else np.lib.array_utils.normalize_axis_tuple(axis, a.ndim)
    kept = [d for d in range(a.ndim) if d not in axes]
    rows = np.moveaxis(a, axes, range(len(kept), a.ndim)).reshape(*[a.shape[d] for d in kept], -1)
    flat = flush_subnormals(rows) if daz else rows
    if folded or rows.shape[-1] == 1:
        result, best = rows[..., 0].copy(), flat[..., 0].copy()
        for j in range(1, rows.shape[-1]):
            better = (flat[..., j] > best) if largest else (flat[..., j] < best)
            better |= np.isnan(flat[..., j]) & ~np.isnan(best)
            result, best = np.where(better, rows[..., j], result), np.where(better, flat[..., j], best)
    else:
        result = flat.max(axis=-1) if largest else flat.min(axis=-1)
        zeros = flat == 0
        signed = zeros & (np.signbit(flat) != largest)  # +0.0 for a maximum, -0.0 for a minimum
        winner = np.copysign(np.zeros((), a.dtype), -1 if not largest else 1).astype(a.dtype)
        loser = -winner
        result = np.where(result == 0, np.where(signed.any(axis=-1), winner, loser), result).astype(a.dtype)
    result = np.asarray(result, a.dtype).reshape([a.shape[d] for d in kept])
    return np.expand_dims(result, axes) if keepdims else result


def _extremum_of_zeros_or_subnormals(example: Example) -> bool:
    a = np.asarray(example.args[0])
    return ("extremum" in example.case.tags and not example.numpy.raised and kind_of(a.dtype) == "f"
            and a.size > 0 and bool(np.any(flush_subnormals(a) == 0)))


def xla_extremum_value(a: np.ndarray, axis, keepdims: bool, largest: bool, folded: bool, daz: bool = True,
                       own_bits: bool = False) -> Value:
    """`xla_extremum` as a model's value. Folded, the compiled result is an alternative of each element:
    XLA leaves some constant reduces to its kernels (one process folded max([-0.0, 2**-140]) to -0.0,
    another gave the kernel's 0.0 for the same program: not modelled further); folded with `daz` False
    (jax 0.12), the DAZ rule is one too (nanmax's folded reduce still ties -1.4e-45 with 0.0 and keeps
    the first: observed on 0.12.0.1). `own_bits` (jax 0.12's bfloat16 kernels): the first or the last
    element tied with the compiled extremum, its own bits, is one too (max(-2.5, 9.2e-41) is 9.2e-41,
    max(9.2e-41, 0.0) is 0.0: observed on 0.12.0.1)."""
    value = Value(xla_extremum(a, axis, keepdims, largest, folded, daz))
    if own_bits and not folded:
        return replace(value, choices=_tied_bits(a, axis, keepdims, value.array))
    if not folded:
        return value
    choices = (xla_extremum(a, axis, keepdims, largest, folded=False),)
    if not daz:
        choices += (xla_extremum(a, axis, keepdims, largest, folded=True),)
    return replace(value, choices=choices)


def _tied_bits(a: np.ndarray, axis, keepdims: bool, result: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per slice, the first and the last element equal to `result` once both are flushed (zeros of
    either sign equal), with its own bits; `result` where none is (NaN)."""
    axes = tuple(range(a.ndim)) if axis is None else np.lib.array_utils.normalize_axis_tuple(axis, a.ndim)
    kept = [d for d in range(a.ndim) if d not in axes]
    rows = np.moveaxis(a, axes, range(len(kept), a.ndim)).reshape(*[a.shape[d] for d in kept], -1)
    target = np.asarray(result).reshape(rows.shape[:-1])
    with np.errstate(invalid="ignore"):
        tied = flush_subnormals(rows) == flush_subnormals(target)[..., None]
    found = tied.any(axis=-1)
    first = np.argmax(tied, axis=-1)
    last = rows.shape[-1] - 1 - np.argmax(tied[..., ::-1], axis=-1)
    picks = []
    for index in (first, last):
        bits = np.take_along_axis(rows, index[..., None], axis=-1)[..., 0]
        bits = np.where(found, bits, target).astype(a.dtype).reshape(np.shape(result))
        picks.append(bits)
    return tuple(picks)


def bfloat16_keeps_bits(example: Example) -> bool:
    """jax 0.12's compiled max and min of bfloat16 return a tied element's own bits (a subnormal kept)."""
    return np.asarray(example.args[0]).dtype == BFLOAT16 and jax_at_least(example, "0.12")


def _xla_extremum_outputs(example: Example, outcome: Outcome) -> Outcome:
    a = np.asarray(example.args[0])
    result = xla_extremum_value(a, option(example, "axis"), option(example, "keepdims"),
                                largest="max" in example.case.tags, folded=not flushes(example),
                                daz=not folding_reads_subnormals(example),
                                own_bits=bfloat16_keeps_bits(example))
    return map_values(outcome, lambda v: result)


def _sort_kind(example: Example) -> bool:
    return (("sorts" in example.case.tags or "argsort" in example.case.tags)
            and option(example, "kind") is not None)


def _arg_extremum_axis_out_of_range(example: Example) -> bool:
    axis, ndim = option(example, "axis"), np.ndim(example.args[0])
    return "arg-extremum" in example.case.tags and axis is not None and (
        ndim == 0 or not -ndim <= axis < ndim)


_SET_TAGS = frozenset({"distinct", "distinct-of-two", "membership"})


def set_rules_apply(example: Example) -> bool:
    """SET-UNIQUE-NAN-AND-SUBNORMAL-RULES' trigger: a set function of a complex array with a NaN part, of
    a float array with a subnormal, or of bfloat16 arrays with two NaNs or more."""
    if not example.case.tags & _SET_TAGS or example.numpy.raised:
        return False
    arrays = [np.asarray(a) for a in example.args[:len(example.args) - len(example.case.options)]]
    nans = sum(int(np.isnan(a).sum()) for a in arrays if a.dtype == BFLOAT16)
    return nans >= 2 or any(
        kind_of(a.dtype) in "fc" and ((a.dtype.kind == "c" and bool(np.any(np.isnan(a))))
                                      or bool(np.any(flush_subnormals(a) != a))) for a in arrays)


def _jnp_set_reading(example: Example) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """The array arguments, and all their elements (raveled, in order) with the key jnp's set functions
    compare: a complex value with a NaN part is nan+0j, and subnormals are flushed (FTZ/DAZ)."""
    count = len(example.args) - len(example.case.options)
    arrays = [np.asarray(a) for a in example.args[:count]]
    flat = np.concatenate([a.reshape(-1) for a in arrays])
    if flat.dtype.kind == "c":
        flat = np.where(np.isnan(flat), np.asarray(complex(np.nan, 0.0), flat.dtype), flat)
    return arrays, flat, flush_subnormals(flat)


def _keys_like_jnp_sets(example: Example) -> tuple:
    """The array arguments as the keys jnp's set functions sort and compare (`_jnp_set_reading`)."""
    arrays, _, key = _jnp_set_reading(example)
    out, start = [], 0
    for a in arrays:  # bfloat16 as float32 (exact): NumPy merges NaNs of its own floats only
        keys = key[start:start + a.size].reshape(a.shape)
        out.append(keys.astype(np.float32) if keys.dtype == BFLOAT16 else keys)
        start += a.size
    return (*out, *example.args[len(arrays):])


def _first_occurrences(example: Example, outcome: Outcome) -> Outcome:
    """The distinct values (output 0, NumPy's on the keys) with the bits of their first occurrence in
    the arguments, raveled in order (JAX's stable sort keeps it: a subnormal where it came before an
    equal zero); NaNs as they are. isin's truth values are NumPy's on the keys."""
    if "membership" in example.case.tags or outcome.raised:
        return outcome
    _, flat, key = _jnp_set_reading(example)
    values = outcome.values[0].array.astype(flat.dtype)  # bfloat16 back from float32 (exact)
    for i, v in enumerate(values.reshape(-1)):
        same = np.flatnonzero(key == v)  # never a NaN
        if same.size:
            values.reshape(-1)[i] = flat[same[0]]
    return Outcome((Value(values), *outcome.values[1:]), outcome.is_sequence)


def _fill_of_empty(example: Example) -> bool:
    return ("returns-index" in example.case.tags and "size" in example.case.arg_names
            and bool(option(example, "size")) and option(example, "fill_value") not in (None, 0)
            and np.size(example.args[0]) == 0 and not example.numpy.raised)


def _filled_with_zeros(example: Example) -> tuple:
    """The arguments with fill_value=None (zeros: JAX's default)."""
    index = example.case.arg_names.index("fill_value")
    return (*example.args[:index], None, *example.args[index + 1:])


def _extract_beyond_its_array(example: Example) -> bool:
    return ("extract-size" in example.case.tags and (option(example, "size") or 0) > min(
        np.size(a) for a in example.args[:2]) and not example.numpy.raised)


def _condition_as_jnp_reads(example: Example) -> np.ndarray:
    """astype(bool) flushes float32, float64 and complex subnormals, bfloat16's from jax 0.12 only
    (`truth_flushes`), never float16's (normal in float32)."""
    condition = np.asarray(example.args[0])
    kept = condition.dtype.name == "bfloat16" and "bfloat16" not in truth_flushes(example)
    return condition if kept else flush_subnormals(condition)


def _subnormal_condition(example: Example) -> bool:
    condition = np.asarray(example.args[0])
    # folded, XLA evaluates astype(bool) of the constant unflushed (measured, jax 0.10.2), as NumPy does
    return ("extract-size" in example.case.tags and not example.numpy.raised and flushes(example)
            and bool(np.any(_condition_as_jnp_reads(example) != condition)))


def _condition_flushed(example: Example) -> tuple:
    return (_condition_as_jnp_reads(example), *example.args[1:])


def _complex_arg_extremum(example: Example) -> bool:
    return "arg-extremum" in example.case.tags and np.asarray(example.args[0]).dtype.kind == "c"


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="REDUCE-ANY-ALL-READ-REAL-PART",
        area="reductions",
        title="any and all read a complex element by its real part, and a float32/float64 subnormal as zero",
        numpy="an element is true when it is nonzero: np.any([1j]) is True, np.all([1j]) is True, and a "
              "subnormal is true",
        jax="jnp.any(jnp.array([1j])) and jnp.all(jnp.array([1j])) are False: a complex element is true "
            "when its real part is nonzero; a float32 or float64 subnormal is false (flushed); float16 and "
            "bfloat16 (before jax 0.12) subnormals are true (astype(bool) reads both parts of a complex "
            "value); folded (the array a constant XLA evaluates while compiling) a subnormal is true",
        why="the reduction converts the elements to bool in a way that reads the real part of a complex "
            "value and compares floats with zero under FTZ (measured with jax 0.10.2)",
        source="observed by this suite, undocumented upstream (" + _REDUCTIONS + ": any, all)",
        condition="any or all of an array holding a complex value with a zero real part and a nonzero "
                  "imaginary part, or a float32/float64 (or complex) subnormal",
        kinds=("values",),
        trigger=_truth_differs,
        outputs=_reduced_truth,
    ),
    KnownDivergence(
        id="REDUCE-SORT-SUBNORMALS-COMPARE-AS-ZERO",
        area="reductions",
        title="sort compares float32, float64 and bfloat16 subnormals as zeros and keeps their bits",
        numpy="np.sort orders subnormals by value: sort([1e-45, 0.0]) is [0.0, 1e-45]",
        jax="the sort's comparator reads subnormals as zeros (FTZ/DAZ), so a subnormal and a zero (or two "
            "subnormals) keep their order, each with its own bits: jnp.sort([1e-45, 0.0]) is [1e-45, 0.0] "
            "(complex values: in either part)",
        why="XLA's sort compares with the CPU's floating-point comparison, under denormals-are-zero; it "
            "moves the elements without computing on them",
        source="observed by this suite, undocumented upstream (stable sort, jax 0.10.2)",
        condition="sort of a float or complex array holding a float32, float64 or bfloat16 subnormal",
        kinds=("values",),
        trigger=_sorts_subnormal,
        outputs=_sorted_as_xla,
    ),
    KnownDivergence(
        id="REDUCE-SORT-COMPLEX-NAN-BY-PART",
        area="reductions",
        title="sort and argsort order a complex value with a NaN part by its parts",
        numpy="puts every complex value with a NaN in either part after all the others ([R + Rj, R + nanj, "
              "nan + Rj, nan + nanj]): sort([-1+nanj, 0j]) is [0j, -1+nanj]",
        jax="orders by the real part, then the imaginary part, each with NaN last: sort([-1+nanj, 0j]) is "
            "[-1+nanj, 0j]",
        why="jnp.sort of complex values is a lexicographic lax.sort of the two parts, each a float total "
            "order with NaN last",
        source="observed by this suite, undocumented upstream (https://github.com/jax-ml/jax/blob/main/"
               "jax/_src/lax/lax.py: _sort_lt_comparator); NumPy's order: "
               "https://numpy.org/doc/stable/reference/generated/numpy.sort.html (Notes)",
        condition="sort or argsort of a complex array holding a NaN in either part",
        kinds=("values",),
        trigger=_sorts_complex_nan,
        outputs=_sorted_as_xla,
    ),
    KnownDivergence(
        id="REDUCE-MAX-MIN-ZEROS-AND-SUBNORMALS",
        area="reductions",
        title="max and min compare subnormals as zeros, and pick a zero's sign by their own rule",
        numpy="compares with gradual underflow (max([1e-40, -0.0]) is 1e-40 in float32), and which of two "
              "zeros of opposite signs it returns depends on its loop (max([0.0, -0.0]) is -0.0)",
        jax="eager and under jit: the extremum of the values with subnormals flushed to zeros, -0.0 below "
            "+0.0 (max([1e-40, -0.0]) and max([0.0, -0.0]) are 0.0), a slice of one element returned as it "
            "is; folded: each slice reduced in order, subnormals compared as zeros, the first of tied "
            "elements kept (max([-0.0, 1e-40]) is -0.0, max([1e-40, -0.0]) is 1e-40), or, element by "
            "element, the compiled result (both observed for one program in different processes)",
        why="XLA sets the CPU's flush-to-zero and denormals-are-zero modes: its max and min kernels read "
            "subnormals as zeros; its constant folder compares the same way and keeps its accumulator on "
            "a tie",
        source="https://github.com/jax-ml/jax/issues/16200 (working as intended: FTZ/DAZ on CPU); the "
               "zero's sign and the folded order observed by this suite, undocumented upstream",
        condition="max, min, amax or amin of a real float array holding a zero or a subnormal",
        kinds=("values",),
        trigger=_extremum_of_zeros_or_subnormals,
        outputs=_xla_extremum_outputs,
    ),
    KnownDivergence(
        id="REDUCE-SORT-KIND-REFUSED",
        area="reductions",
        title="sort and argsort refuse kind=",
        numpy="accepts kind='quicksort', 'mergesort', 'heapsort' or 'stable' (the algorithm)",
        jax="raises TypeError: 'kind' argument to sort is not supported. Use stable=True or stable=False "
            "to specify sort stability.",
        why="jnp.sort and jnp.argsort keep kind only to refuse it: stability is stable= (NumPy 2.0's)",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.sort.html (\"kind (None) - "
               "deprecated; instead specify sort algorithm using stable=True or stable=False\")",
        condition="sort or argsort with kind= other than None (before any other check: an axis out of "
                  "range too)",
        kinds=("error-parity", "error-kind"),
        trigger=_sort_kind,
        outputs=raises("TypeError", r"'kind' argument to (arg)?sort is not supported"),
    ),
    KnownDivergence(
        id="REDUCE-ARGMAX-AXIS-OUT-OF-RANGE-INDEXERROR",
        area="reductions",
        title="argmax and argmin raise IndexError for an axis out of range (and any axis of a 0-d array)",
        numpy="raises numpy.exceptions.AxisError (a ValueError and an IndexError); accepts axis 0 and -1 "
              "for a 0-d array",
        jax="raises IndexError: tuple index out of range (`except ValueError` does not catch it)",
        why="jnp.argmax reads the axis's length from the shape tuple before checking the axis",
        source="observed by this suite, undocumented upstream (" + _REDUCTIONS + ": argmax, argmin)",
        condition="argmax or argmin (nanargmax, nanargmin: tagged arg-extremum too) with an axis outside "
                  "-ndim..ndim-1, or any axis of a 0-d array",
        kinds=("error-kind", "error-parity"),
        trigger=_arg_extremum_axis_out_of_range,
        outputs=raises("IndexError", r"tuple index out of range"),
    ),
    KnownDivergence(
        id="SET-UNIQUE-NAN-AND-SUBNORMAL-RULES",
        area="reductions",
        title="unique and the set functions replace a complex value with a NaN part by nan+0j, and "
              "merge subnormals with zeros",
        numpy="np.unique (and unique_*, union1d, intersect1d, setdiff1d, setxor1d, isin) keeps a "
              "NaN-holding complex value as it is (nan+1j, 1+nanj, inf+nanj), and tells a subnormal from "
              "a zero",
        jax="every complex element with a NaN in either part becomes nan+0j before sorting "
            "(jnp.unique(jnp.array([nan+1j, 2])) is [2, nan+0j]); float32, float64 and bfloat16 "
            "subnormals compare as zeros, so a subnormal and a zero (or two subnormals) are one value, "
            "returned with the bits of its first occurrence (jnp.isin(1e-45, 0.0) is True, "
            "jnp.union1d([1e-45], [0.0]) is [1e-45]); bfloat16 NaNs are one value, as NumPy's own "
            "floats' (NumPy keeps each bfloat16 NaN: ml_dtypes' type has no equal_nan); indices, "
            "inverse and counts follow",
        why="jnp.unique's _unique_sorted_mask writes where(isnan(aux), nan, aux) (jnp.isnan of a complex "
            "value is true when either part is NaN), then sorts stably and compares neighbours under "
            "FTZ/DAZ; the set functions are built on it, and isin compares every pair with == (DAZ)",
        source="observed by this suite, undocumented upstream "
               "(https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/setops.py: _unique_sorted_mask, "
               "_in1d)",
        condition="unique, unique_*, a set function or isin of a complex array holding a value with a NaN "
                  "part, of a float or complex array holding a subnormal, or of bfloat16 arrays holding "
                  "two NaNs or more",
        kinds=("values", "shape"),
        trigger=set_rules_apply,
        inputs=_keys_like_jnp_sets,
        outputs=_first_occurrences,
    ),
    KnownDivergence(
        id="SIZE-NONZERO-OF-EMPTY-IGNORES-FILL-VALUE",
        area="reductions",
        title="nonzero, flatnonzero and argwhere with size= pad the result of an empty array with zeros, "
              "whatever fill_value says",
        numpy="no size= (this suite's reference pads NumPy's result with fill_value, as JAX documents: "
              "'If there are fewer nonzero elements than size, the result is padded with fill_value')",
        jax="jnp.nonzero(jnp.zeros((0, 2)), size=3, fill_value=-1) is two arrays [0, 0, 0]: for a "
            "zero-size input the padding is 0, not fill_value (a non-empty input pads with fill_value)",
        why="jnp.nonzero returns zeros(size) early where arr.size == 0, before it reads fill_value; "
            "flatnonzero and argwhere are built on it",
        source="observed by this suite, undocumented upstream "
               "(https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/lax_numpy.py: nonzero, "
               "`if arr.size == 0 or calculated_size == 0: return ... zeros(calculated_size, int)`)",
        condition="nonzero, flatnonzero or argwhere of a zero-size array with size > 0 and a nonzero "
                  "fill_value",
        kinds=("values",),
        trigger=_fill_of_empty,
        inputs=_filled_with_zeros,
    ),
    KnownDivergence(
        id="SEARCH-SEARCHSORTED-INT32-INDICES",
        area="reductions",
        title="searchsorted returns int32 indices with x64 on",
        numpy="np.searchsorted returns intp indices (int64)",
        jax="jnp.searchsorted returns int32 indices with x64 on too (int64 only where a's length needs "
            "it): jnp.searchsorted(jnp.zeros(3), 0.0).dtype is int32",
        why="jnp.searchsorted asks for the smallest signed integer dtype that holds a's length "
            "(lax_utils.int_dtype_for_dim(a.shape[0], signed=True)), int32 below 2**31",
        source="https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/lax_numpy.py: searchsorted "
               "(dtype = lax_utils.int_dtype_for_dim(a.shape[0], signed=True)); the examples of "
               "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.searchsorted.html show dtype=int32",
        condition="searchsorted with x64 on",
        kinds=("dtype",),
        x64=True,
        trigger=lambda example: "searches" in example.case.tags and not example.numpy.raised,
        outputs=cast_outputs(lambda example: np.dtype(np.int32)),
    ),
    KnownDivergence(
        id="SIZE-EXTRACT-BEYOND-THE-ARRAY-REFUSED",
        area="reductions",
        title="extract with a size larger than the array refuses, where nonzero and unique pad",
        numpy="no size= (this suite's reference pads NumPy's result with fill_value, as JAX documents "
              "for size= elsewhere)",
        jax="raises ValueError: size must be positive and not greater than the size of the array axis",
        why="jnp.extract is jnp.compress of the raveled arrays, which checks 0 <= size <= the length of "
            "the shorter of condition and arr",
        source="https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/lax_numpy.py: compress "
               "(`elif not 0 <= size <= arr.shape[0]: raise ValueError(...)`)",
        condition="extract with size= larger than the size of condition or arr",
        kinds=("error-parity",),
        trigger=_extract_beyond_its_array,
        outputs=raises("ValueError", r"size must be positive and not greater than the size of the array"),
    ),
    KnownDivergence(
        id="SET-EXTRACT-SUBNORMAL-CONDITION-IS-FALSE",
        area="reductions",
        title="extract reads a float32, float64 or complex subnormal condition as false (bfloat16 too from "
              "jax 0.12)",
        numpy="np.extract selects where the condition is nonzero: a subnormal (or a complex value "
              "whose nonzero part is subnormal) selects",
        jax="a subnormal condition does not select: jnp.extract(jnp.array([1e-45]), jnp.array([5.0])) "
            "is empty",
        why="jnp.extract converts the condition with astype(bool), a comparison with zero under FTZ/DAZ",
        source="observed by this suite, undocumented upstream "
               "(https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/lax_numpy.py: compress, "
               "condition.astype(bool))",
        condition="extract whose condition holds a float32, float64 or complex subnormal (in either part; "
                  "bfloat16 subnormals select, as in NumPy, before jax 0.12: measured on 0.10.2 and "
                  "0.12.0.1), eager or under jit (folded, the constant condition is read unflushed)",
        kinds=("values", "shape"),
        trigger=_subnormal_condition,
        inputs=_condition_flushed,
    ),
    KnownDivergence(
        id="REDUCE-ARGMAX-ARGMIN-REFUSE-COMPLEX",
        area="reductions",
        title="argmax and argmin refuse complex arrays",
        numpy="np.argmax and np.argmin order complex values lexicographically (real part, then imaginary)",
        jax="raises TypeError: gt (or lt) does not accept dtype complex64 at position 0",
        why="jnp.argmax compares with lax.gt and lax.lt, which are not defined for complex operands",
        source="observed by this suite, undocumented upstream (" + _REDUCTIONS + ": argmax, argmin)",
        condition="argmax or argmin of a complex array",
        kinds=("error-parity",),
        trigger=_complex_arg_extremum,
        outputs=raises("TypeError", r"does not accept dtype complex"),
    ),
)

"""Known divergences of the registry's exact reductions and sorts (`conformance/registry.py`,
REDUCTIONS): how jnp.any and jnp.all read an element as true, how sort orders subnormals, and what
argmax and argmin refuse. Each trigger reads a row's tags and the drawn options."""

from __future__ import annotations

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.manipulation import option
from conformance.catalogue.models import flush_subnormals, flushes, map_values, raises, truth_like_jnp_any
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.strategies import kind_of

_REDUCTIONS = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/reductions.py"


def _reduced(example: Example, fn, a: np.ndarray) -> np.ndarray:
    return fn(a, axis=option(example, "axis"), keepdims=option(example, "keepdims"))


def _truth_differs(example: Example) -> bool:
    a = np.asarray(example.args[0])
    return ("truth" in example.case.tags and not example.numpy.raised and a.size > 0
            and bool(np.any(truth_like_jnp_any(a, flush=flushes(example)) != (a != 0))))


def _reduced_truth(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's any (or all) of the elements as jnp.any reads them."""
    reduce = np.any if "any" in example.case.tags else np.all
    truth = _reduced(example, reduce, truth_like_jnp_any(np.asarray(example.args[0]), flush=flushes(example)))
    return map_values(outcome, lambda v: Value(np.asarray(truth, bool)))


def _sorts_subnormal(example: Example) -> bool:
    a = np.asarray(example.args[0])
    return ("sorts" in example.case.tags and not example.numpy.raised and kind_of(a.dtype) == "f"
            and bool(np.any(flush_subnormals(a) != a)))


def _sorted_with_subnormals_as_zeros(example: Example, outcome: Outcome) -> Outcome:
    """The elements (their own bits) in the stable order of their flushed values."""
    a, axis = np.asarray(example.args[0]), option(example, "axis")
    if axis is None:
        a, axis = a.reshape(-1), 0
    order = np.argsort(flush_subnormals(a), axis=axis, stable=True)
    return map_values(outcome, lambda v: Value(np.take_along_axis(a, order, axis=axis)))


def _arg_extremum_axis_out_of_range(example: Example) -> bool:
    axis, ndim = option(example, "axis"), np.ndim(example.args[0])
    return "arg-extremum" in example.case.tags and axis is not None and (
        ndim == 0 or not -ndim <= axis < ndim)


def _nan_or_subnormal(example: Example) -> bool:
    a = np.asarray(example.args[0])
    return "distinct" in example.case.tags and kind_of(a.dtype) in "fc" and not example.numpy.raised and bool(
        (a.dtype.kind == "c" and np.any(np.isnan(a))) or np.any(flush_subnormals(a) != a))


def _unique_like_jnp(example: Example, outcome: Outcome) -> Outcome:
    """jnp.unique: complex values with a NaN part become nan+0j; the values are sorted by their flushed
    form (subnormals compare as zeros) and the first of each run of equal ones (NaNs equal) is kept,
    with its own bits."""
    a = np.asarray(example.args[0]).reshape(-1)
    if a.dtype.kind == "c":
        a = np.where(np.isnan(a), np.asarray(complex(np.nan, 0.0), a.dtype), a)
    key = flush_subnormals(a)
    order = np.argsort(key, stable=True)
    values, keys = a[order], key[order]
    same = (keys[1:] == keys[:-1]) | (np.isnan(keys[1:]) & np.isnan(keys[:-1]))
    keep = np.concatenate([[True], ~same]) if a.size else np.zeros(0, bool)
    return map_values(outcome, lambda v: Value(values[keep]))


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
            "bfloat16 subnormals are true (astype(bool) reads both parts of a complex value); folded (the "
            "array a constant XLA evaluates while compiling) a subnormal is true",
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
            "subnormals) keep their order, each with its own bits: jnp.sort([1e-45, 0.0]) is [1e-45, 0.0]",
        why="XLA's sort compares with the CPU's floating-point comparison, under denormals-are-zero; it "
            "moves the elements without computing on them",
        source="observed by this suite, undocumented upstream (stable sort, jax 0.10.2)",
        condition="sort of a float array holding a float32, float64 or bfloat16 subnormal",
        kinds=("values",),
        trigger=_sorts_subnormal,
        outputs=_sorted_with_subnormals_as_zeros,
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
        title="unique replaces a complex value with a NaN part by nan+0j, and merges subnormals with zeros",
        numpy="np.unique keeps a NaN-holding complex value as it is (nan+1j, 1+nanj, inf+nanj), and tells "
              "a subnormal from a zero",
        jax="every complex element with a NaN in either part becomes nan+0j before sorting "
            "(jnp.unique(jnp.array([nan+1j, 2])) is [2, nan+0j]); float32, float64 and bfloat16 "
            "subnormals compare as zeros, so a subnormal and a zero (or two subnormals) are one value, "
            "returned with the bits of the first in sorted order",
        why="jnp.unique's _unique_sorted_mask writes where(isnan(aux), nan, aux) (jnp.isnan of a complex "
            "value is true when either part is NaN), then sorts and compares neighbours under FTZ/DAZ",
        source="observed by this suite, undocumented upstream "
               "(https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/setops.py: _unique_sorted_mask)",
        condition="unique of a complex array holding a value with a NaN part, or of a float or complex "
                  "array holding a subnormal",
        kinds=("values", "shape"),
        trigger=_nan_or_subnormal,
        outputs=_unique_like_jnp,
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

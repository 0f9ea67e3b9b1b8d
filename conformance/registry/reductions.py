"""Reductions and sorts whose results are exact (an element, an index, a count or a truth value),
searches and sets: compared exactly, every axis option (None, an axis, a tuple, out of range now and then)
and keepdims."""

from __future__ import annotations

from dataclasses import replace

from conformance import shape_domains as sd
from conformance.operation import Operation
from conformance.registry.common import COMPILED_AND_FOLDED, FLAG, KEEPDIMS, REDUCTIONS_AREA, with_reference


def _exact(name: str, *tags: str, **options) -> Operation:
    return Operation(name=name, area=REDUCTIONS_AREA, ranks=(0, 3), tags=frozenset({"reduction", *tags}),
                     modes=COMPILED_AND_FOLDED, options=options)


_DISTINCT = ("data-dependent-shape", "selects", "distinct", "subnormals-modelled-apart")
_SET_RESULT = ("data-dependent-shape", "selects", "distinct-of-two")


# JAX's fixed-size forms (size=, fill_value=) of a function whose result's length depends on the values:
# accepted under jit; the reference is NumPy's result padded or truncated as JAX documents
_SIZES = (None, 0, 3)
_SORT_KINDS = (None, None, None, None, "quicksort", "stable")


def _fitted(name: str, function: str, *tags: str, fill_value: tuple) -> Operation:
    return with_reference(_exact(name, *tags, size=_SIZES, fill_value=fill_value), function)


def _two_arrays(name: str, first: str, second: str, *tags: str, **options) -> Operation:
    """A set operation of two arrays of one drawn shape and dtype (it ravels them)."""
    return Operation(name=name, area=REDUCTIONS_AREA, arrays=(first, second), ranks=(0, 2),
                     tags=frozenset({"set-operation", *tags}), modes=COMPILED_AND_FOLDED, options=options)


REDUCTIONS: tuple[Operation, ...] = (
    *(_exact(name, "truth", name, axis=sd.AXES, keepdims=KEEPDIMS) for name in ("any", "all")),
    _exact("count_nonzero", "count-nonzero", axis=sd.AXES, keepdims=KEEPDIMS),
    # complex inputs pending (observed, not modelled yet): XLA's complex max and min propagate a NaN
    # only from some positions (jnp.max([nan+1j, 4]) is 4, jnp.max([4, nan+1j]) is nan+1j); real floats:
    # REDUCE-MAX-MIN-ZEROS-AND-SUBNORMALS
    *(replace(_exact(name, "selects", "extremum", "subnormals-modelled-apart", name[-3:], axis=sd.AXES,
                     keepdims=KEEPDIMS), pending_kinds="c") for name in ("max", "min", "amax", "amin")),
    *(_exact(name, "returns-index", "arg-extremum", axis=sd.AXIS_OR_NONE, keepdims=KEEPDIMS)
      for name in ("argmax", "argmin")),
    # where the elements are nonzero, and the distinct elements: shapes that depend on the values
    *(_fitted(name, f"fitted_{name}", "data-dependent-shape", "returns-index", fill_value=(None, -1, 7))
      for name in ("nonzero", "flatnonzero", "argwhere")),
    _exact("unique", *_DISTINCT, return_index=FLAG, return_inverse=FLAG, return_counts=FLAG,
           equal_nan=(True, False)),
    # the array API's forms of unique: NaNs are distinct (equal_nan=False); np.unique_values leaves its
    # order unspecified (a hash table since numpy 2.3), so its reference sorts it (JAX's are sorted)
    _fitted("unique_values", "sorted_unique_values", *_DISTINCT, fill_value=(None, 7)),
    *(_exact(name, *_DISTINCT) for name in ("unique_counts", "unique_inverse", "unique_all")),
    # set operations of two arrays: isin's result has the first's shape; the others' depend on the values
    with_reference(_two_arrays("isin", "element", "test_elements", "membership", assume_unique=FLAG,
                                invert=FLAG), "isin_defined"),
    # assume_unique=True of arrays that repeat a value is undefined in both libraries (not drawn)
    _two_arrays("intersect1d", "ar1", "ar2", *_SET_RESULT, assume_unique=(False,), return_indices=FLAG),
    _two_arrays("union1d", "ar1", "ar2", *_SET_RESULT),
    # setdiff1d returns an empty concrete ar1 before anything data-dependent (folded: no refusal)
    _two_arrays("setdiff1d", "ar1", "ar2", *_SET_RESULT, "empty-first-returned", assume_unique=(False,)),
    _two_arrays("setxor1d", "ar1", "ar2", *_SET_RESULT, assume_unique=(False,)),
    # the elements of arr where condition is nonzero (both arrays of one shape and dtype), fitted to size
    with_reference(replace(_two_arrays("extract", "condition", "arr", "data-dependent-shape", "moves-bits",
                                        "extract-size", size=_SIZES, fill_value=(0, 7)), ranks=(0, 1)),
                    "fitted_extract"),
    # where each value of v would go in a sorted a (the strategy sorts a, as NumPy sorts: NaNs last)
    Operation(name="searchsorted", area=REDUCTIONS_AREA, arrays=("a", "v"), ranks=(1, 1),
              tags=frozenset({"searches", "sorted-first-array", "returns-index"}), modes=COMPILED_AND_FOLDED,
              options={"side": ("left", "right")}),
    # sort's kind=: JAX refuses any (REDUCE-SORT-KIND-REFUSED), drawn one time in three (NumPy refuses
    # kind= with stable=: stable=True is passed only without a kind); argsort's refusal is the same code
    # (a harness test), its examples kept for the ties. stable=False: the order of equal elements (-0.0
    # and 0.0, argsort's indices of ties) is unspecified in both: not drawn.
    replace(_exact("sort", "selects", "sorts", "subnormals-modelled-apart", axis=sd.AXIS_OR_NONE,
                   stable=(True,), kind=_SORT_KINDS), passed_if={"stable": ("kind", None)}),
    _exact("argsort", "returns-index", "argsort", axis=sd.AXIS_OR_NONE, stable=(True,)),
)

# Sums, products, means and their cumulative forms: NumPy's result in long double with an error bound
# that grows with the number of terms (conformance/sums.py); differences and ranges (one subtraction

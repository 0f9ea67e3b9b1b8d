"""The operation registry: one row per NumPy function checked, as data (`conformance/operation.py` turns
a row into a Case; `tests/conformance/test_registry.py` draws any row's arguments from its row).

Adding a function is one row here (plus, at most, a strategy for a new kind of argument in
`conformance/registry_strategies.py`). `kinds` are the dtype kinds NumPy defines the function for
(probed on numpy 2.4); tags are what catalogue triggers and ulp budgets read:

- `elementwise`, `unary`: every unary row; `query`: a shape or dtype query (its name is its own tag),
  `returns-python-scalars`: one that returns Python ints (floats, complex), as NumPy does (not a 64-bit
  array);
- `transcendental`: computed by a libm routine (XLA's and NumPy's differ by ulps: ulps.BUDGETS);
- `rounding`: a result that is a whole number (floor, ceil, trunc, rint, round);
- `moves-bits`: the result is an input's own bits (real, imag, conj, a select): no flushing of
  subnormals; `logical`: a truth test of each element (bfloat16 on its bits);
- `sign-bits`: the result is made by the sign bit alone (abs and negative clear or flip it, signbit
  reads it): no flushing of subnormals (the complex abs computes: `abs`);
- `predicate`: a boolean classification of each element (isnan, isinf, isfinite, ...);
- `decimals`: round's `decimals` option; `abs`, `square`, `sqrt`, `exp`, `exp2`, `log2`, `log10`, `sin`,
  `cos`, `tan`, `tanh`, `expm1`, `sinh`, `cosh`: the function's own rule on complex inputs (XLA's or
  lax's complex formula);
  `angle-conversion` (`to-radians`): a product with pi/180 or 180/pi; `reciprocal`, `positive`,
  `conjugate`, `modf`, `frexp`, `sign`, `arcsin`, `cbrt`, `spacing`, `angle`, `log`, `nan-to-num`: the
  function's own rule (on complex inputs too: catalogue/complex_unary.py); `arccos`, `arcsinh`, `arccosh`,
  `arctan`, `arctanh`, `log1p`, `sinc` (and `arcsin`): the function's rule on complex inputs
  (catalogue/complex_inverse.py);
  `tiny-argument-returned`: f(x) is x for a tiny x, which some of XLA's kernels return through a select
  (arctan, tan; tanh in float32); `tiny-argument-kept`: f(x) is x for a tiny x, subnormals kept
  as NumPy keeps them (expm1, sin: no flushing of real subnormals);
  `subnormals-modelled-apart`: an entry of unary.py models the function's subnormals, not
  NUM-SUBNORMAL-FLUSH; `converts-to-default-float`: bool and integer inputs become the default float
  dtype (not DTYPE-INT-TO-INEXACT's);
  `refuses-complex-with-valueerror`: JAX refuses complex inputs with ValueError;
- `manipulation` (with `moves-bits`): a shape manipulation; `axes-checked-by-lax`: lax.transpose or
  lax.rev checks its axes; `nonnegative-axes`: it refuses negative axes; `reshape`, `squeeze`,
  `swapaxes`: the function's own rule; `at-least-2d`: it refuses fewer than two dimensions;
  `data-dependent-shape`: the result's shape depends on the values (refused under jit without size=);
  `trim-zeros`: trim_zeros' rule;
- `reduction`: a reduction or sort with an axis; `truth` (with `any` or `all`): each element read as a
  truth value; `selects`: the result's elements are input elements (max, min, sort); `extremum` (with
  `max` or `min`): a maximum or minimum; `sorts`: sort (its subnormals modelled apart);
  `returns-index`: the result is an index array (argmax, argsort); `arg-extremum`: argmax and argmin;
  `distinct`: unique and its array API forms; `set-operation` (two arrays): with `distinct-of-two`, a
  set of the values of both (intersect1d, union1d, setdiff1d, setxor1d), with `membership`, isin;
  `searches` (with `sorted-first-array`: the strategy sorts the first array): searchsorted;
  `extract-size`: extract's condition and size= rules; `empty-first-returned`: an empty first array is
  returned as it is, before anything data-dependent (setdiff1d).
- `sums` (with the function's name): an accumulating reduction compared with an error bound
  (conformance/sums.py); `cumulative`: an accumulation along an axis; `warns-once`: jnp jits it
  internally (a truncated dtype= warns on the first trace only); `diff`: diff and ediff1d; `ptp`;
  `nan`: a NaN-ignoring sum, product or mean (nansum ...: a NaN counts as the identity);
  `nan-extremum`: nanmax, nanmin; `nan-arg-extremum` (with `arg-extremum`): nanargmax, nanargmin;
  `variance` (with `sums`): var and std, bounded by conformance/sums.py's BoundedVariance.
- `creation`: an array made from options (its dtype one: `Operation.dtype_keyword`); `unspecified-values`:
  its values are whatever memory held (empty, empty_like: shape and dtype compared only); `fills`: full's
  fill value converted to the dtype; `arange`, `linspace`, `logspace`, `geomspace`, `tri`, `indices`: the
  function's own rule; `from-iterable`: fromiter;
- `joins` (manipulation): the first argument is a sequence of arrays (`Operation.pieces`), promoted
  together; `same-shape`: the pieces must have one shape (stack); `splits`: a split into a list of arrays
  (`splits-axis-0`, `-1`, `-2`: vsplit's, hsplit's and dsplit's axis; `uneven-sections`: array_split);
  `deletes`, `inserts`: delete's and insert's index rules (an int, a slice or a list); `grids`: meshgrid's
  vectors (`Operation.unpacks`: passed as positional arguments); `open-mesh`: ix_'s.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from conformance import references as ref
from conformance import shape_domains as sd
from conformance import sums
from conformance.compare import Tolerance
from conformance.operation import Operation, call_text, case_of
from conformance.sums import BoundedReduction

UNARY_AREA = "unary"
_BASE = frozenset({"elementwise", "unary"})


# Complex inputs not triaged yet (work left): none. A row whose complex formula is not modelled yet
# (catalogue/complex_formulas.py, complex_unary.py, complex_inverse.py) goes here, so that its complex
# inputs are not drawn.
_COMPLEX_PENDING: frozenset[str] = frozenset()


# Rows also checked under vmap: a batch of an elementwise function is the same operation on the whole
# array, so a few rows (an option, two outputs, a sign rule, a select) check the batching rule, and the
# rest run eagerly and under jit only (a third fewer compiles).
_UNDER_VMAP = frozenset({"abs", "sqrt", "round", "frexp", "modf", "nan_to_num", "sign", "isnan"})


def _unary(name: str, kinds: str, *tags: str, **fields) -> Operation:
    pending = "c" if name in _COMPLEX_PENDING and "c" in kinds else ""
    modes = ("eager", "jit", "vmap") if name in _UNDER_VMAP else ("eager", "jit")
    return Operation(name=name, area=UNARY_AREA, kinds=kinds, tags=_BASE | set(tags),
                     pending_kinds=pending, modes=modes, **fields)


_ROUND_DECIMALS = {"decimals": tuple(range(-3, 9))}
_REFUSES_COMPLEX = "refuses-complex-with-valueerror"  # where NumPy raises TypeError

UNARY: tuple[Operation, ...] = (
    # arithmetic
    _unary("abs", "biufc", "sign-bits", "abs"), _unary("absolute", "biufc", "sign-bits", "abs"),
    _unary("fabs", "biuf", "sign-bits"), _unary("negative", "iufc", "sign-bits"),
    _unary("positive", "iufc", "positive", "moves-bits"), _unary("sign", "iufc", "sign"),
    _unary("square", "biufc", "square"), _unary("reciprocal", "biufc", "reciprocal"),
    _unary("sqrt", "biufc", "transcendental", "sqrt"), _unary("cbrt", "biuf", "transcendental", "cbrt",
                                                      "subnormals-modelled-apart"),
    # exponentials and logarithms
    _unary("exp", "biufc", "transcendental", "exp"), _unary("expm1", "biufc", "transcendental", "expm1",
                                                          "tiny-argument-kept"),
    _unary("exp2", "biufc", "transcendental", "exp2"), _unary("log1p", "biufc", "transcendental", "log1p"),
    _unary("log2", "biufc", "transcendental", "log2"), _unary("log10", "biufc", "transcendental", "log10"),
    _unary("log", "biufc", "transcendental", "log", "subnormals-modelled-apart"),
    # trigonometric, hyperbolic and their inverses (with the array API aliases)
    _unary("tan", "biufc", "transcendental", "tiny-argument-returned", "subnormals-modelled-apart", "tan"),
    _unary("sin", "biufc", "transcendental", "sin", "tiny-argument-kept"),
    _unary("tanh", "biufc", "transcendental", "tanh", "tiny-argument-returned", "subnormals-modelled-apart"),
    _unary("cos", "biufc", "transcendental", "cos"), _unary("sinh", "biufc", "transcendental", "sinh"),
    _unary("cosh", "biufc", "transcendental", "cosh"),
    *(_unary(name, "biufc", "transcendental", tag) for tag, names in (
        ("arccos", ("arccos", "acos")), ("arcsinh", ("arcsinh", "asinh")), ("arccosh", ("arccosh", "acosh")))
      for name in names),
    *(_unary(name, "biufc", "transcendental", "arctanh") for name in ("arctanh", "atanh")),
    *(_unary(name, "biufc", "transcendental", "tiny-argument-returned", "subnormals-modelled-apart",
             "arctan") for name in ("arctan", "atan")),
    *(_unary(name, "biufc", "transcendental", "arcsin") for name in ("arcsin", "asin")),
    _unary("sinc", "biufc", "transcendental", "sinc"),
    *(_unary(name, "biuf", "transcendental", "angle-conversion", "to-radians")
      for name in ("deg2rad", "radians")),
    *(_unary(name, "biuf", "transcendental", "angle-conversion") for name in ("rad2deg", "degrees")),
    _unary("i0", "biuf", "transcendental", _REFUSES_COMPLEX),
    # rounding
    *(_unary(name, "biuf", "rounding") for name in ("floor", "ceil", "trunc")),
    _unary("rint", "biufc", "rounding", "converts-to-default-float"),
    _unary("round", "biufc", "rounding", "decimals", options=_ROUND_DECIMALS),
    _unary("around", "biufc", "rounding", "decimals", options=_ROUND_DECIMALS),
    # classification
    *(_unary(name, "biufc", "predicate") for name in ("isnan", "isinf", "isfinite", "isreal",
                                                       "iscomplex")),
    *(_unary(name, "biuf", "predicate", _REFUSES_COMPLEX) for name in ("isposinf", "isneginf")),
    _unary("signbit", "biuf", "predicate", "sign-bits", _REFUSES_COMPLEX),
    # floating-point decomposition
    _unary("spacing", "biuf", _REFUSES_COMPLEX, "spacing", "subnormals-modelled-apart"),
    _unary("frexp", "biuf", "frexp"),
    _unary("modf", "biuf", "modf"),
    _unary("nan_to_num", "biufc", "nan-to-num", "moves-bits"),
    # complex parts
    *(_unary(name, "biufc", "moves-bits") for name in ("real", "imag")),
    *(_unary(name, "biufc", "moves-bits", "conjugate") for name in ("conj", "conjugate")),
    _unary("angle", "biufc", "transcendental", "angle", "converts-to-default-float"),
    # logical and bitwise
    _unary("logical_not", "biufc", "predicate", "logical"),
    *(_unary(name, "biu") for name in ("invert", "bitwise_not", "bitwise_invert", "bitwise_count")),
)

# Shape and dtype queries: they read an array's metadata and compile nothing, so they run eagerly only
# (under jit they read a tracer's static shape: the same answer) on every kind and rank.
QUERIES_AREA = "queries"
QUERIES: tuple[Operation, ...] = tuple(
    Operation(name=name, area=QUERIES_AREA, ranks=(0, 4), modes=("eager",),
              tags=frozenset({"query", name, *(("returns-python-scalars",) if returns_ints else ())}))
    for name, returns_ints in (("ndim", True), ("shape", True), ("size", True), ("iscomplexobj", False),
                               ("isrealobj", False), ("isscalar", False)))

# Shape manipulation: the result is the input's elements rearranged (tag `moves-bits`: no arithmetic,
# no flushing), so every value is compared exactly; options that depend on the drawn shape (axes,
# permutations, new shapes) come from `shape_domains`, with values NumPy refuses now and then.
MANIPULATION_AREA = "manipulation"
# Rows that compile one program per drawn shape and option also run folded (runner.py: the arrays as
# compile-time constants, which XLA may evaluate while compiling), on each example's first value set.
_COMPILED_AND_FOLDED = ("eager", "jit", "folded")
_MOVES = frozenset({"moves-bits", "manipulation"})


def _moves(name: str, ranks: tuple[int, int] = (0, 3), tags: tuple[str, ...] = (), **options) -> Operation:
    return Operation(name=name, area=MANIPULATION_AREA, ranks=ranks, tags=_MOVES | set(tags),
                     modes=_COMPILED_AND_FOLDED, options=options)


_OFFSETS = tuple(range(-2, 3))
_LAX_AXES = "axes-checked-by-lax"  # lax.transpose or lax.rev checks the axes (and raises TypeError)
MANIPULATION: tuple[Operation, ...] = (
    _moves("ravel", order=("C", "F")),
    _moves("reshape", tags=("reshape",), shape=sd.NEW_SHAPE, order=("C", "F")),
    _moves("transpose", tags=(_LAX_AXES,), axes=sd.PERMUTATION_OR_NONE),
    _moves("permute_dims", tags=(_LAX_AXES, "nonnegative-axes"), axes=sd.PERMUTATION),
    _moves("matrix_transpose", ranks=(1, 3)),
    _moves("moveaxis", source=sd.AXIS, destination=sd.AXIS),
    _moves("swapaxes", tags=("swapaxes",), axis1=sd.AXIS, axis2=sd.AXIS),
    _moves("squeeze", tags=("squeeze",), axis=sd.SQUEEZE_AXIS), _moves("expand_dims", axis=sd.NEW_AXIS),
    _moves("flip", tags=(_LAX_AXES,), axis=sd.AXES), _moves("fliplr", ranks=(1, 3)), _moves("flipud"),
    _moves("roll", shift=(-5, -1, 0, 1, 2, 7), axis=sd.AXIS_OR_NONE),
    _moves("rot90", ranks=(1, 3), k=(-1, 0, 1, 2, 3, 5), axes=sd.AXIS_PAIR),
    _moves("tile", reps=(0, 1, 2, (2, 1), (1, 2, 1, 1))),
    _moves("repeat", repeats=(0, 1, 3), axis=sd.AXIS_OR_NONE),
    *(_moves(name, ranks=(0, 4)) for name in ("atleast_1d", "atleast_2d", "atleast_3d")),
    _moves("diagonal", ranks=(2, 3), tags=(_LAX_AXES,), offset=_OFFSETS, axis1=sd.AXIS, axis2=sd.AXIS),
    _moves("diag", ranks=(1, 2), k=_OFFSETS), _moves("diagflat", ranks=(0, 2), k=_OFFSETS),
    *(_moves(name, ranks=(1, 3), tags=("at-least-2d",), k=_OFFSETS) for name in ("tril", "triu")),
    _moves("resize", new_shape=((0,), 1, (2, 3), (7,), (3, 1, 2))),
    _moves("trim_zeros", ranks=(1, 1), tags=("data-dependent-shape", "trim-zeros"), trim=("fb", "f", "b")),
    _moves("rollaxis", axis=sd.AXIS, start=sd.NEW_AXIS_POSITION),
    _moves("copy"),
)

# Reductions and sorts whose results are exact (an element, an index, a count or a truth value): compared
# exactly, every axis option (None, an axis, a tuple, out of range now and then) and keepdims.
REDUCTIONS_AREA = "reductions"


def _exact(name: str, *tags: str, **options) -> Operation:
    return Operation(name=name, area=REDUCTIONS_AREA, ranks=(0, 3), tags=frozenset({"reduction", *tags}),
                     modes=_COMPILED_AND_FOLDED, options=options)


_KEEPDIMS = (False, True)
_FLAG = (False, True)
_DISTINCT = ("data-dependent-shape", "selects", "distinct", "subnormals-modelled-apart")
_SET_RESULT = ("data-dependent-shape", "selects", "distinct-of-two")


def _with_reference(row: Operation, function: str) -> Operation:
    """`row` with `conformance.references.<function>` as its NumPy reference (a reproducer imports it)."""
    arguments = [*row.arrays, *(f"{k}={k}" for k in row.options)]
    return replace(row, numpy_reference=getattr(ref, function), imports=(
        f"from conformance.references import {function}",),
                   numpy_source=f"{function}({', '.join(arguments)})")


# JAX's fixed-size forms (size=, fill_value=) of a function whose result's length depends on the values:
# accepted under jit; the reference is NumPy's result padded or truncated as JAX documents
_SIZES = (None, 0, 3)


def _fitted(name: str, function: str, *tags: str, fill_value: tuple) -> Operation:
    return _with_reference(_exact(name, *tags, size=_SIZES, fill_value=fill_value), function)


def _two_arrays(name: str, first: str, second: str, *tags: str, **options) -> Operation:
    """A set operation of two arrays of one drawn shape and dtype (it ravels them)."""
    return Operation(name=name, area=REDUCTIONS_AREA, arrays=(first, second), ranks=(0, 2),
                     tags=frozenset({"set-operation", *tags}), modes=_COMPILED_AND_FOLDED, options=options)
REDUCTIONS: tuple[Operation, ...] = (
    *(_exact(name, "truth", name, axis=sd.AXES, keepdims=_KEEPDIMS) for name in ("any", "all")),
    _exact("count_nonzero", axis=sd.AXES, keepdims=_KEEPDIMS),
    # float and complex inputs pending (rules observed, not modelled yet): the reduction flushes
    # subnormals except over a slice of one element, a zero maximum is +0.0 wherever the slice holds
    # one, and XLA's complex max and min propagate a NaN only from some positions
    *(replace(_exact(name, "selects", "extremum", name[-3:], axis=sd.AXES, keepdims=_KEEPDIMS),
              pending_kinds="fc") for name in ("max", "min", "amax", "amin")),
    *(_exact(name, "returns-index", "arg-extremum", axis=sd.AXIS_OR_NONE, keepdims=_KEEPDIMS)
      for name in ("argmax", "argmin")),
    # where the elements are nonzero, and the distinct elements: shapes that depend on the values
    *(_fitted(name, f"fitted_{name}", "data-dependent-shape", "returns-index", fill_value=(None, -1, 7))
      for name in ("nonzero", "flatnonzero", "argwhere")),
    _exact("unique", *_DISTINCT, return_index=_FLAG, return_inverse=_FLAG, return_counts=_FLAG,
           equal_nan=(True, False)),
    # the array API's forms of unique: NaNs are distinct (equal_nan=False); np.unique_values leaves its
    # order unspecified (a hash table since numpy 2.3), so its reference sorts it (JAX's are sorted)
    _fitted("unique_values", "sorted_unique_values", *_DISTINCT, fill_value=(None, 7)),
    *(_exact(name, *_DISTINCT) for name in ("unique_counts", "unique_inverse", "unique_all")),
    # set operations of two arrays: isin's result has the first's shape; the others' depend on the values
    _with_reference(_two_arrays("isin", "element", "test_elements", "membership", assume_unique=_FLAG,
                                invert=_FLAG), "isin_defined"),
    # assume_unique=True of arrays that repeat a value is undefined in both libraries (not drawn)
    _two_arrays("intersect1d", "ar1", "ar2", *_SET_RESULT, assume_unique=(False,), return_indices=_FLAG),
    _two_arrays("union1d", "ar1", "ar2", *_SET_RESULT),
    # setdiff1d returns an empty concrete ar1 before anything data-dependent (folded: no refusal)
    _two_arrays("setdiff1d", "ar1", "ar2", *_SET_RESULT, "empty-first-returned", assume_unique=(False,)),
    _two_arrays("setxor1d", "ar1", "ar2", *_SET_RESULT, assume_unique=(False,)),
    # the elements of arr where condition is nonzero (both arrays of one shape and dtype), fitted to size
    _with_reference(replace(_two_arrays("extract", "condition", "arr", "data-dependent-shape", "moves-bits",
                                        "extract-size", size=_SIZES, fill_value=(0, 7)), ranks=(0, 1)),
                    "fitted_extract"),
    # where each value of v would go in a sorted a (the strategy sorts a, as NumPy sorts: NaNs last)
    Operation(name="searchsorted", area=REDUCTIONS_AREA, arrays=("a", "v"), ranks=(1, 1),
              tags=frozenset({"searches", "sorted-first-array", "returns-index"}), modes=_COMPILED_AND_FOLDED,
              options={"side": ("left", "right")}),
    _exact("sort", "selects", "sorts", "subnormals-modelled-apart", axis=sd.AXIS_OR_NONE, stable=(True,)),
    _exact("argsort", "returns-index", axis=sd.AXIS_OR_NONE, stable=(True,)),
)

# Sums, products, means and their cumulative forms: NumPy's result in long double with an error bound
# that grows with the number of terms (conformance/sums.py); differences and ranges (one subtraction
# per element, in both libraries) compared with the default tolerance.
STATISTICS_AREA = "statistics"


def _numpy_function(name: str):
    return sums.nan_ignoring(getattr(np, name)) if name.startswith("nan") else getattr(np, name)


def _bounded(name: str, counter, *tags: str, pending: str = "", **options) -> Operation:
    keywords = tuple(options)
    # warns-once: jnp jits these internally, so a truncated dtype= warns on the first trace only
    return Operation(name=name, area=STATISTICS_AREA, ranks=(0, 3),
                     tags=frozenset({"reduction", "warns-once", "subnormals-modelled-apart", name, *tags}),
                     modes=_COMPILED_AND_FOLDED, options=options, pending_kinds=pending,
                     numpy_reference=BoundedReduction(_numpy_function(name), counter, keywords,
                                                      multiplicative="prod" in name,
                                                      divides=name in ("mean", "nanmean")),
                     numpy_source=call_text("np", Operation(name=name, area="", options=options)))


def _nan_exact(name: str, *tags: str, **options) -> Operation:
    """A NaN-ignoring extremum or index, compared exactly; NumPy's function ignores bfloat16's NaNs too."""
    keywords, fn = tuple(options), sums.nan_ignoring(getattr(np, name))
    return Operation(name=name, area=STATISTICS_AREA, ranks=(0, 3), kinds="biuf",
                     tags=frozenset({"reduction", name, *tags}), modes=_COMPILED_AND_FOLDED, options=options,
                     numpy_reference=lambda a, *values: fn(a, **dict(zip(keywords, values, strict=True))),
                     numpy_source=call_text("np", Operation(name=name, area="", options=options)))


# dtype=: None, an integer accumulator narrower and wider than the default int, floats and a complex.
# mean: no integer accumulator, which kills the process on an empty slice (jnp.mean(np.zeros(0, int8),
# dtype="int8") divides 0 by 0 in integers: SIGFPE, tests/harness/test_statistics.py).
_ACCUMULATORS = (None, "int8", "uint32", "int64", "float16", "float32", "float64", "complex64")
_MEAN_ACCUMULATORS = (None, "float16", "float32", "float64", "complex64")
_PRODUCT_ACCUMULATORS = _ACCUMULATORS[:-1]  # a complex product: pending (below)
_NAN_ACCUMULATORS = (None, "int64", "float32", "complex64")
# Complex products pending (not modelled yet): which part of a product with an infinity is NaN depends
# on the order of the factors (C99 Annex G's rules are not XLA's), and ptp of complex values (max and
# min of complex values: the max/min rows' pending complex rule).
STATISTICS: tuple[Operation, ...] = (
    _bounded("sum", sums.count_reduced, "sums", axis=sd.AXES, dtype=_ACCUMULATORS, keepdims=_KEEPDIMS,
             initial=(None, 3)),
    _bounded("prod", sums.count_reduced, "sums", pending="c", axis=sd.AXES, dtype=_PRODUCT_ACCUMULATORS,
             keepdims=_KEEPDIMS, initial=(None, 3)),
    _bounded("mean", sums.count_reduced, "sums", axis=sd.AXES, dtype=_MEAN_ACCUMULATORS,
             keepdims=_KEEPDIMS),
    _bounded("cumsum", sums.count_accumulated, "sums", "cumulative", axis=sd.AXIS_OR_NONE,
             dtype=_ACCUMULATORS),
    _bounded("cumprod", sums.count_accumulated, "sums", "cumulative", pending="c", axis=sd.AXIS_OR_NONE,
             dtype=_PRODUCT_ACCUMULATORS),
    _bounded("cumulative_sum", sums.count_accumulated, "sums", "cumulative", axis=sd.AXIS_OR_NONE,
             dtype=_ACCUMULATORS, include_initial=(False, True)),
    _bounded("cumulative_prod", sums.count_accumulated, "sums", "cumulative", pending="c",
             axis=sd.AXIS_OR_NONE, dtype=_PRODUCT_ACCUMULATORS, include_initial=(False, True)),
    # nan*: a NaN counts as the identity (nansum's magnitude leaves it out; k counts it, a looser bound).
    # Few dtype= values: the accumulators are sum's and prod's code (the rows above check them all).
    _bounded("nansum", sums.count_reduced, "sums", "nan", axis=sd.AXES, dtype=_NAN_ACCUMULATORS,
             keepdims=_KEEPDIMS, initial=(None, 3)),
    _bounded("nanprod", sums.count_reduced, "sums", "nan", pending="c", axis=sd.AXES,
             dtype=_NAN_ACCUMULATORS[:-1], keepdims=_KEEPDIMS, initial=(None, 3)),
    # complex nanmean pending (found, not modelled yet): where the sum is infinite, jnp divides each part by
    # the count (nanmean([-inf+0j, 1e-38+infj]) is -inf+infj), NumPy's complex division gives nan+nanj
    _bounded("nanmean", sums.count_reduced, "sums", "nan", pending="c", axis=sd.AXES,
             dtype=(None, "float32"), keepdims=_KEEPDIMS),
    _bounded("nancumsum", sums.count_accumulated, "sums", "nan", "cumulative", axis=sd.AXIS_OR_NONE,
             dtype=_NAN_ACCUMULATORS),
    _bounded("nancumprod", sums.count_accumulated, "sums", "nan", "cumulative", pending="c",
             axis=sd.AXIS_OR_NONE, dtype=_NAN_ACCUMULATORS[:-1]),
    # NaN-ignoring extrema and their indices: exact, as max and argmax (REDUCTIONS); complex pending as
    # theirs. Subnormals: an entry of their own (catalogue/statistics.py) for nanmax and nanmin.
    *(_nan_exact(name, "selects", "nan-extremum", "subnormals-modelled-apart", axis=sd.AXES,
                 keepdims=_KEEPDIMS) for name in ("nanmax", "nanmin")),
    *(_nan_exact(name, "returns-index", "arg-extremum", "nan-arg-extremum", axis=sd.AXIS_OR_NONE,
                 keepdims=_KEEPDIMS) for name in ("nanargmax", "nanargmin")),
    # var and std: the two-pass algorithm's bound (conformance/sums.py, BoundedVariance); "sums" for the
    # flush entry (STAT-SUMS-FLUSH-SUBNORMALS), which passes its underflow to the reference
    # Complex pending (found by the slow control, not modelled yet): folded, std of a complex slice with
    # infinities can be inf where NumPy (and eager, jit) give NaN.
    *(Operation(name=name, area=STATISTICS_AREA, ranks=(0, 3), modes=_COMPILED_AND_FOLDED, pending_kinds="c",
                tags=frozenset({"reduction", "sums", "variance", "subnormals-modelled-apart", name}),
                options={"axis": sd.AXES, "ddof": (0, 1), "keepdims": _KEEPDIMS},
                numpy_reference=sums.BoundedVariance(getattr(np, name), ("axis", "ddof", "keepdims")),
                numpy_source=f"np.{name}(a, axis=axis, ddof=ddof, keepdims=keepdims)")
      for name in ("var", "std")),
    Operation(name="ptp", area=STATISTICS_AREA, kinds="iufc", pending_kinds="c",
              tags=frozenset({"reduction", "ptp"}), modes=_COMPILED_AND_FOLDED,
              options={"axis": sd.AXES, "keepdims": _KEEPDIMS}),
    Operation(name="diff", area=STATISTICS_AREA, ranks=(0, 3), tags=frozenset({"diff"}),
              modes=_COMPILED_AND_FOLDED, options={"n": (1, 2), "axis": sd.AXIS}),
    Operation(name="ediff1d", area=STATISTICS_AREA, ranks=(0, 2), tags=frozenset({"diff"}),
              modes=_COMPILED_AND_FOLDED),
)

# Creation: arrays made from a shape, a range or a drawn array, with the dtype drawn as an option
# (`dtype_keyword`; the default one time in four). Python scalars are static under jit, as a user's code
# closes over them; each value compiles, so the domains are few.
CREATION_AREA = "creation"


def _create(name: str, *tags: str, kinds: str = "biufc", arrays: tuple[str, ...] = (),
            ranks: tuple[int, int] = (0, 0), tolerance=None, pending: str = "", **options) -> Operation:
    return Operation(name=name, area=CREATION_AREA, arrays=arrays, kinds=kinds, ranks=ranks,
                     pending_kinds=pending,
                     tags=frozenset({"creation", *tags}), options=options,
                     # folded only with an array to fold: without one, jit's program is all constants
                     modes=_COMPILED_AND_FOLDED if arrays else ("eager", "jit"),
                     dtype_keyword="dtype", tolerance=tolerance,
                     operands=("fill_value",) if "fill_value" in options else ())


def _scaled(ulps: float, scale: float):
    """A tolerance of `ulps` ulps of the result, or `ulps` ulps of `scale` (the largest magnitude the
    row's arguments give an intermediate), whichever is larger: a result computed as a sum of such terms
    (start + i * step, start * (1 - t) + stop * t) carries their rounding, which near zero is far more
    than an ulp of the result."""
    eps = {"bfloat16": 2.0**-7, "float16": 2.0**-10, "float32": 2.0**-23, "float64": 2.0**-52,
           "complex64": 2.0**-23, "complex128": 2.0**-52}
    return {name: Tolerance(ulps=ulps, atol=ulps * e * scale) for name, e in eps.items()}


_FILL_VALUES = (0, 1, -3, 200, True, 2.5, -0.0, float("nan"), float("-inf"), complex(1, 2))
_LIKE_SHAPES = (None, (2, 3), (0,), 3)
_SIDES, _OFFSETS_OF_K = (0, 1, 3), (-4, -1, 0, 1, 2, 5)
_NUMS = (0, 1, 2, 5, 8)
_ENDPOINTS = (0, 1, -2.5, 10, 0.1)  # linspace: |start| + |stop| <= 20
_EXPONENTS = (0, 1, -2, 2.5)  # logspace: |start| + |stop| <= 5
CREATION: tuple[Operation, ...] = (
    *(_create(name, ranks=(0, 3), shape=sd.SHAPE) for name in ("zeros", "ones")),
    _create("empty", "unspecified-values", ranks=(0, 3), shape=sd.SHAPE),
    _create("full", "fills", ranks=(0, 3), shape=sd.SHAPE, fill_value=_FILL_VALUES),
    *(_create(name, arrays=("a",), ranks=(0, 2), shape=_LIKE_SHAPES) for name in ("zeros_like", "ones_like")),
    _create("empty_like", "unspecified-values", arrays=("a",), ranks=(0, 2), shape=_LIKE_SHAPES),
    _create("full_like", "fills", arrays=("a",), ranks=(0, 2), fill_value=_FILL_VALUES, shape=_LIKE_SHAPES),
    _create("eye", N=_SIDES, M=(None, 0, 2, 4), k=_OFFSETS_OF_K),
    _create("identity", n=_SIDES),
    _create("tri", "tri", N=_SIDES, M=(None, 0, 2, 4), k=_OFFSETS_OF_K),
    # start + i * step: |start| <= 3 and |i * step| <= |stop - start| + |step| <= 8.5
    _create("arange", "arange", kinds="biuf", tolerance=_scaled(4, 12), start=(0, 2, -3, 0.5, -1.5),
            stop=(None, 5, -2, 2.5, 0), step=(None, 1, 3, -1, 0.5, -0.75, 0.1)),
    _create("linspace", "linspace", kinds="iufc", tolerance=_scaled(4, 20), start=_ENDPOINTS,
            stop=_ENDPOINTS, num=_NUMS, endpoint=(True, False), retstep=(False, True)),
    # base ** x: x's error (linspace's, 4 ulps of 5) amplified by ln(base) <= 2.3, and power's own.
    # Integer dtypes pending (work left): the result is a power truncated, which differs by one wherever
    # float32's and float64's powers fall on either side of an integer (geomspace(2, 8, 5, dtype=int32)
    # is [2, 2, 4, 5, 8] in JAX, [2, 2, 3, 5, 8] in NumPy), and XLA's saturating conversion meets NumPy's
    # undefined one past the range: neither modelled yet.
    _create("logspace", "logspace", kinds="iufc", pending="iu", tolerance=_scaled(64, 1), start=_EXPONENTS,
            stop=_EXPONENTS, num=_NUMS, endpoint=(True, False), base=(10.0, 2, 0.5)),
    # sign * 10 ** linspace(log10 |start|, log10 |stop|): logspace's error with exponents <= 3
    _create("geomspace", "geomspace", kinds="iufc", pending="iu", tolerance=_scaled(64, 1),
            start=(1, 2, -1, 1000, 0.5, 0), stop=(1, 8, -4, 1000, 0.25, 0), num=_NUMS,
            endpoint=(True, False)),
    _create("array", "moves-bits", arrays=("a",), ranks=(0, 2), ndmin=(0, 1, 3)),
    _create("asarray", "moves-bits", arrays=("a",), ranks=(0, 2)),
    _create("indices", "indices", kinds="iuf", ranks=(0, 3), dimensions=sd.SHAPE, sparse=(False, True)),
    # a buffer's bytes read as the dtype (its size a multiple of the item's or not), from an offset
    _create("frombuffer", buffer=(b"", bytes(range(8)), bytes(range(16, 32)), bytes(range(0, 255, 17))),
            count=(-1, 1, 2), offset=(0, 1, 4)),
    # an iterable's items (a tuple, a range, floats into any dtype, none), count of them or all
    _create("fromiter", "from-iterable", iter=((1, 2, 3), range(4), (1.5, -2.5), ()), count=(-1, 2)),
    _create("vander", arrays=("x",), kinds="iufc", ranks=(1, 1), N=(None, 0, 1, 3), increasing=(False, True)),
)

# Joining and splitting (area manipulation): a sequence of 1 to 4 arrays (`Operation.pieces`), mixed dtypes
# now and then, sides along the drawn axis varied (zero-size pieces included), a piece of another rank
# now and then; the splits return a list of arrays.
def _join(name: str, *tags: str, ranks: tuple[int, int] = (0, 3), **options) -> Operation:
    return Operation(name=name, area=MANIPULATION_AREA, arrays=("arrays",), ranks=ranks, pieces=(1, 4),
                     tags=_MOVES | {"joins", *tags}, modes=_COMPILED_AND_FOLDED, options=options)


_SECTIONS = (1, 2, 3, [1], [0, 2], [3, 1], [5])
JOINING: tuple[Operation, ...] = (
    *(_join(name, axis=sd.AXIS_OR_NONE) for name in ("concatenate", "concat")),
    _join("stack", "same-shape", axis=sd.RESULT_AXIS),
    *(_join(name) for name in ("hstack", "vstack", "dstack", "column_stack")),
    _join("block"),  # a flat list of the pieces: joined along the last axis, ranks raised to the largest
    Operation(name="append", area=MANIPULATION_AREA, arrays=("arr", "values"), tags=_MOVES,
              modes=_COMPILED_AND_FOLDED, options={"axis": sd.AXIS_OR_NONE}),
    _moves("split", ranks=(1, 3), tags=("splits",), indices_or_sections=_SECTIONS, axis=sd.AXIS),
    _moves("array_split", ranks=(1, 3), tags=("splits", "uneven-sections"), indices_or_sections=_SECTIONS,
           axis=sd.AXIS),
    *(_moves(name, ranks=(1, 3), tags=("splits", tag), indices_or_sections=_SECTIONS) for name, tag in (
        ("hsplit", "splits-axis-1"), ("vsplit", "splits-axis-0"), ("dsplit", "splits-axis-2"))),
    _moves("unstack", ranks=(1, 3), axis=sd.AXIS),
)

# Inserting and deleting (area manipulation): the result holds the input's elements and, for insert, a
# value made from an option (static, as a user's code closes over it); the index an int (out of range
# now and then), a slice or a list.
_INDICES = (0, 1, -1, 5, slice(None, None, 2), slice(1, 3), [0, 2], [])
EDITING: tuple[Operation, ...] = (
    _moves("delete", tags=("deletes",), obj=_INDICES, axis=sd.AXIS_OR_NONE),
    Operation(name="insert", area=MANIPULATION_AREA, tags=_MOVES | {"inserts"}, modes=_COMPILED_AND_FOLDED,
              options={"obj": (0, 1, -1, 5, slice(1, 3), [0, 2], [1, 1]), "values": (0, 3, 2.5),
                       "axis": sd.AXIS_OR_NONE}),
)

# pad: every mode both libraries support, the widths in the forms that broadcast to any rank and one pair
# per axis, constant_values as a scalar or a (before, after) pair, passed in mode="constant" only (both
# refuse it in the other modes).
# mean and median pending (work left): of 64-bit integers (x64 on), NumPy's mean in float64 rounded and
# converted back (undefined past the range) and jnp's differ by far more than a rounding; not modelled.
_PAD_MODES = ("constant", "edge", "reflect", "symmetric", "wrap", "linear_ramp", "maximum", "minimum")

# Float and complex arrays pending (work left, as max's and min's): maximum and minimum pick either zero
# of a slice holding both (complex: either of two values equal but for a zero's sign), and linear_ramp
# flushes a subnormal edge to a zero of the other sign; neither modelled yet.
PADDING = Operation(name="pad", area=MANIPULATION_AREA, tags=_MOVES | {"pads"}, modes=_COMPILED_AND_FOLDED,
                    pending_kinds="fc",
                    options={"pad_width": sd.PAD_WIDTH, "mode": _PAD_MODES,
                             "constant_values": (0, 7, (1, 2))},
                    passed_if={"constant_values": ("mode", "constant")})

# meshgrid(*xi), ix_(*args): 1 to 3 vectors (unpacked), of mixed dtypes now and then, a matrix among
# them now and then
GRIDS: tuple[Operation, ...] = (
    Operation(name="meshgrid", area=MANIPULATION_AREA, arrays=("xi",), ranks=(1, 1), pieces=(1, 3),
              unpacks=True, tags=_MOVES | {"grids"}, modes=_COMPILED_AND_FOLDED,
              options={"indexing": ("xy", "ij"), "sparse": (False, True)}),
    # ix_(*args): open-mesh index arrays from 1 to 3 vectors (bool ones: their nonzero positions)
    Operation(name="ix_", area=MANIPULATION_AREA, arrays=("args",), ranks=(1, 1), pieces=(1, 3),
              unpacks=True, tags=_MOVES | {"open-mesh"}, modes=_COMPILED_AND_FOLDED),
)

REGISTRY: tuple[Operation, ...] = (*UNARY, *QUERIES, *MANIPULATION, *REDUCTIONS, *STATISTICS, *CREATION,
                                   *JOINING, *EDITING, PADDING,
                                   *GRIDS)
BY_NAME = {row.name: row for row in REGISTRY}


def checked_names() -> tuple[str, ...]:
    """The jax.numpy names (attribute paths) the registry checks, in registry order."""
    return tuple(dict.fromkeys(row.name for row in REGISTRY))


def cases(rows: tuple[Operation, ...] = REGISTRY):
    """Each row's Case."""
    return tuple(case_of(row) for row in rows)

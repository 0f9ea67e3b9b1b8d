"""The operation registry: one row per NumPy function checked, as data (`conformance/operation.py` turns
a row into a Case; `tests/conformance/test_registry.py` draws any row's arguments from its row).

Adding a function is one row here (plus, at most, a strategy for a new kind of argument in
`conformance/registry_strategies.py`). `kinds` are the dtype kinds NumPy defines the function for
(probed on numpy 2.4); tags are what catalogue triggers and ulp budgets read:

- `elementwise`, `unary`: every unary row; `query`: a shape or dtype query (its name is its own tag),
  `returns-python-ints`: one that returns Python ints, as NumPy does (not a 64-bit array);
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
  `extract-size`: extract's condition and size= rules.
"""

from __future__ import annotations

from dataclasses import replace

from conformance import references as ref
from conformance import shape_domains as sd
from conformance.operation import Operation, case_of

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
              tags=frozenset({"query", name, *(("returns-python-ints",) if returns_ints else ())}))
    for name, returns_ints in (("ndim", True), ("shape", True), ("size", True), ("iscomplexobj", False),
                               ("isrealobj", False), ("isscalar", False)))

# Shape manipulation: the result is the input's elements rearranged (tag `moves-bits`: no arithmetic,
# no flushing), so every value is compared exactly; options that depend on the drawn shape (axes,
# permutations, new shapes) come from `shape_domains`, with values NumPy refuses now and then.
MANIPULATION_AREA = "manipulation"
_MOVES = frozenset({"moves-bits", "manipulation"})


def _moves(name: str, ranks: tuple[int, int] = (0, 3), tags: tuple[str, ...] = (), **options) -> Operation:
    return Operation(name=name, area=MANIPULATION_AREA, ranks=ranks, tags=_MOVES | set(tags),
                     modes=("eager", "jit"), options=options)


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
                     modes=("eager", "jit"), options=options)


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
                     tags=frozenset({"set-operation", *tags}), modes=("eager", "jit"), options=options)
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
    *(_two_arrays(name, "ar1", "ar2", *_SET_RESULT, assume_unique=(False,))
      for name in ("setdiff1d", "setxor1d")),
    # the elements of arr where condition is nonzero (both arrays of one shape and dtype), fitted to size
    _with_reference(replace(_two_arrays("extract", "condition", "arr", "data-dependent-shape", "moves-bits",
                                        "extract-size", size=_SIZES, fill_value=(0, 7)), ranks=(0, 1)),
                    "fitted_extract"),
    # where each value of v would go in a sorted a (the strategy sorts a, as NumPy sorts: NaNs last)
    Operation(name="searchsorted", area=REDUCTIONS_AREA, arrays=("a", "v"), ranks=(1, 1),
              tags=frozenset({"searches", "sorted-first-array", "returns-index"}), modes=("eager", "jit"),
              options={"side": ("left", "right")}),
    _exact("sort", "selects", "sorts", "subnormals-modelled-apart", axis=sd.AXIS_OR_NONE, stable=(True,)),
    _exact("argsort", "returns-index", axis=sd.AXIS_OR_NONE, stable=(True,)),
)

REGISTRY: tuple[Operation, ...] = (*UNARY, *QUERIES, *MANIPULATION, *REDUCTIONS)
BY_NAME = {row.name: row for row in REGISTRY}


def checked_names() -> tuple[str, ...]:
    """The jax.numpy names (attribute paths) the registry checks, in registry order."""
    return tuple(dict.fromkeys(row.name for row in REGISTRY))


def cases(rows: tuple[Operation, ...] = REGISTRY):
    """Each row's Case."""
    return tuple(case_of(row) for row in rows)

"""Unary elementwise functions and the shape and dtype queries."""

from __future__ import annotations

from conformance.operation import Operation

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

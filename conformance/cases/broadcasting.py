"""The broadcasting area's cases: every binary elementwise function both namespaces share, their
operator forms, the ternary functions, the shape functions, and broadcasting in assignment."""

from __future__ import annotations

import operator

import jax.numpy as jnp
import numpy as np

from conformance.case import Case
from conformance.compare import Tolerance

AREA = "broadcasting"

# name -> the dtype kinds NumPy defines it for. Kinds outside are checked separately: both must refuse.
BINARY_FUNCTIONS: dict[str, str] = {
    # arithmetic
    "add": "biufc", "subtract": "iufc", "multiply": "biufc", "divide": "biufc",
    "true_divide": "biufc", "floor_divide": "biuf", "power": "biufc", "pow": "biufc",
    "float_power": "biufc", "mod": "biuf", "remainder": "biuf", "fmod": "biuf", "divmod": "biuf",
    "maximum": "biufc", "minimum": "biufc", "fmax": "biufc", "fmin": "biufc",
    "arctan2": "biuf", "atan2": "biuf", "hypot": "biuf", "copysign": "biuf", "nextafter": "f",
    "logaddexp": "biuf", "logaddexp2": "biuf", "heaviside": "biuf", "gcd": "iu", "lcm": "iu",
    # comparison
    "equal": "biufc", "not_equal": "biufc", "less": "biuf", "less_equal": "biuf",
    "greater": "biuf", "greater_equal": "biuf",
    # logical
    "logical_and": "biufc", "logical_or": "biufc", "logical_xor": "biufc",
    # bitwise
    "bitwise_and": "biu", "bitwise_or": "biu", "bitwise_xor": "biu", "left_shift": "iu",
    "right_shift": "iu", "bitwise_left_shift": "iu", "bitwise_right_shift": "iu",
}

OPERATORS: dict[str, tuple[object, str]] = {
    "+": (operator.add, "biufc"), "-": (operator.sub, "iufc"), "*": (operator.mul, "biufc"),
    "/": (operator.truediv, "biufc"), "//": (operator.floordiv, "biuf"),
    "%": (operator.mod, "biuf"), "**": (operator.pow, "biufc"),
    "==": (operator.eq, "biufc"), "!=": (operator.ne, "biufc"), "<": (operator.lt, "biuf"),
    "<=": (operator.le, "biuf"), ">": (operator.gt, "biuf"), ">=": (operator.ge, "biuf"),
    "&": (operator.and_, "biu"), "|": (operator.or_, "biu"), "^": (operator.xor, "biu"),
    "<<": (operator.lshift, "iu"), ">>": (operator.rshift, "iu"),
}

# Facts about each case that catalogue triggers read (never the case's name): "integer-division" is
# Python's //, "floor-division" the same on floats, "quotient-remainder" a (quotient, remainder) pair,
# "selection" a result that is one operand's own bits, "sign-bits" a result built from sign bits alone,
# "logical" a truth test of each operand, "broadcasts-at-once" all operands broadcast together by jnp
# before lax sees them (not in pairs, by lax's binary operations: a clash is then broadcast_arrays'
# ValueError, not lax's TypeError), "moves-bits" a result made of the inputs' elements, unchanged,
# "promotes-as-integers" a float function that promotes integer operands among themselves first (the
# jnp.atan2 alias: promote_args, then arctan2).
_FLOOR = {"integer-division", "floor-division"}
_TAGS = {
    "add": {"addition"}, "+": {"addition"}, "subtract": {"subtraction"}, "-": {"subtraction"},
    "floor_divide": _FLOOR, "//": _FLOOR,
    "divmod": _FLOOR | {"quotient-remainder", "floored-remainder"},
    "power": {"power"}, "pow": {"power"}, "**": {"power"}, "float_power": {"float-power"},
    "arctan2": {"complex-extension", "arctan2"},
    "atan2": {"complex-extension", "arctan2", "promotes-as-integers"},
    "logaddexp": {"complex-extension"}, "logaddexp2": {"complex-extension"},
    "divide": {"true-division"}, "true_divide": {"true-division"}, "/": {"true-division"},
    "maximum": {"nan-propagating", "selection", "maximum"},
    "minimum": {"nan-propagating", "selection", "minimum"},
    "fmax": {"selection", "fmax", "nan-ignoring-maximum"},
    "fmin": {"selection", "fmin", "nan-ignoring-minimum"},
    "heaviside": {"selection", "broadcasts-at-once"},
    "multiply": {"multiplication"}, "*": {"multiplication"},
    "where": {"selection", "broadcasts-at-once"}, "clip": {"selection", "clip"},
    "copysign": {"sign-bits", "broadcasts-at-once"},
    "fmod": {"fmod"}, "mod": {"remainder", "floored-remainder"},
    "remainder": {"remainder", "floored-remainder"}, "%": {"remainder", "floored-remainder"},
    "nextafter": {"nextafter"}, "hypot": {"hypot"}, "gcd": {"gcd", "broadcasts-at-once"},
    "lcm": {"gcd", "broadcasts-at-once"},
    "logical_and": {"logical"}, "logical_or": {"logical"}, "logical_xor": {"logical"},
    **{name: {"ordering"} for name in ("less", "less_equal", "greater", "greater_equal",
                                        "<", "<=", ">", ">=")},
}


# Log-sum-exp functions are accurate in absolute terms: near 0 a relative tolerance is meaningless.
_TOLERANCES = {
    name: {"bfloat16": Tolerance(rtol=2e-2, atol=2e-2), "float16": Tolerance(rtol=4e-3, atol=2e-3),
           "float32": Tolerance(rtol=4e-6, atol=4e-7), "float64": Tolerance(rtol=1e-13, atol=1e-15)}
    for name in ("logaddexp", "logaddexp2")
}


# Elementwise cases also run under jax.vmap: a batch dimension is meaningful for each of them.
ELEMENTWISE_MODES = ("eager", "jit", "vmap")


def _function_case(name: str, kinds: str) -> Case:
    return Case(name=name, area=AREA, fn=lambda xp, a, b: getattr(xp, name)(a, b),
                source=f"xp.{name}(a, b)", dtype_kinds=kinds, tags=frozenset(_TAGS.get(name, ())),
                tolerance=_TOLERANCES.get(name), modes=ELEMENTWISE_MODES)


def _operator_case(symbol: str, op, kinds: str) -> Case:
    return Case(name=f"a {symbol} b", area=AREA, fn=lambda xp, a, b: op(a, b),
                source=f"a {symbol} b", dtype_kinds=kinds, tags=frozenset(_TAGS.get(symbol, ())),
                modes=ELEMENTWISE_MODES)


BINARY: tuple[Case, ...] = tuple(
    _function_case(name, kinds) for name, kinds in BINARY_FUNCTIONS.items()
    if hasattr(np, name) and hasattr(jnp, name)
) + tuple(_operator_case(symbol, op, kinds) for symbol, (op, kinds) in OPERATORS.items())

WHERE = Case(name="where", area=AREA, fn=lambda xp, c, a, b: xp.where(c, a, b),
             source="xp.where(c, a, b)", arg_names=("c", "a", "b"), modes=ELEMENTWISE_MODES,
             tags=frozenset(_TAGS["where"]))
CLIP = Case(name="clip", area=AREA, fn=lambda xp, a, lo, hi: xp.clip(a, lo, hi),
            source="xp.clip(a, lo, hi)", arg_names=("a", "lo", "hi"), dtype_kinds="iuf",
            modes=ELEMENTWISE_MODES, tags=frozenset(_TAGS["clip"]))

BROADCAST_SHAPES = Case(name="broadcast_shapes", area=AREA,
                        fn=lambda xp, s, t: xp.broadcast_shapes(s, t),
                        source="xp.broadcast_shapes(s, t)", arg_names=("s", "t"),
                        modes=("eager",),  # works on static shapes: there is nothing to trace
                        tags=frozenset({"returns-python-scalars"}))  # a tuple of ints: no dtype to narrow
BROADCAST_TO = Case(name="broadcast_to", area=AREA, fn=lambda xp, a, s: xp.broadcast_to(a, s),
                    source="xp.broadcast_to(a, s)", arg_names=("a", "s"), tags=frozenset({"moves-bits"}))


def _broadcast_arrays_case(count: int) -> Case:
    """`broadcast_arrays` of `count` operands (one case per count: a reproducer names each operand)."""
    names = ("a", "b", "c", "d")[:count]
    return Case(name="broadcast_arrays" if count == 2 else f"broadcast_arrays of {count}", area=AREA,
                fn=lambda xp, *arrays: xp.broadcast_arrays(*arrays),
                source=f"xp.broadcast_arrays({', '.join(names)})", arg_names=names,
                tags=frozenset({"broadcasts-at-once", "moves-bits"}))


BROADCAST_ARRAYS_OF = {count: _broadcast_arrays_case(count) for count in range(1, 5)}
BROADCAST_ARRAYS = BROADCAST_ARRAYS_OF[2]


def _numpy_setitem(x, index, value):
    out = x.copy()
    out[index] = value
    return out


SETITEM = Case(
    name="x[idx] = v", area=AREA, fn=lambda xp, x, idx, v: xp.asarray(x).at[idx].set(v),
    source="xp.asarray(x).at[idx].set(v)", arg_names=("x", "idx", "v"),
    numpy_reference=_numpy_setitem,
    numpy_source="(lambda out: (out.__setitem__(idx, v), out)[1])(x.copy())",
    tags=frozenset({"setitem"}),
)

SHAPE_FUNCTIONS = (BROADCAST_SHAPES, BROADCAST_TO, *BROADCAST_ARRAYS_OF.values())
ALL: tuple[Case, ...] = (*BINARY, WHERE, CLIP, *SHAPE_FUNCTIONS, SETITEM)

"""The dtypes area's cases: array constructors fed Python values (with and without a requested dtype),
and the functions whose result dtype follows a rule of its own (reductions, float functions of ints).

Requested dtypes travel as names ("int64", "bfloat16"): both namespaces accept them, they are static
under `jit`, and a reproducer prints them as they are.
"""

from __future__ import annotations

from collections.abc import Callable

from conformance.case import Case
from conformance.compare import Tolerance

AREA = "dtypes"

# Tags that catalogue triggers read: the case's arguments hold Python values (nested lists included),
# and its argument named "dtype" is the requested dtype (None: the default).
PYTHON_VALUES = "python-values"
REQUESTED_DTYPE = "requested-dtype"
WARNS_ONCE = "warns-once"  # jnp jits the function internally: a dtype warning comes on its first trace only


# A constructor fed Python values has nothing to trace: under jit it runs the same code at trace time
# and returns the result as a constant, while every distinct value would cost a compile.
CONSTRUCTOR_MODES = ("eager",)


def _constructor(name: str, fn: Callable, arg_names: tuple[str, ...], tolerance=None,
                 tags: frozenset[str] = frozenset()) -> Case:
    """A constructor whose last argument is the requested dtype: None (the default) or a name."""
    call = ", ".join(n for n in arg_names if n != "dtype")
    return Case(name=f"{name}({call}, dtype)", area=AREA, fn=fn,
                source=f"xp.{name}({call}, dtype=dtype)", arg_names=arg_names, tolerance=tolerance,
                modes=CONSTRUCTOR_MODES, tags=frozenset({PYTHON_VALUES, REQUESTED_DTYPE}) | tags)


# linspace computes start + i * step: an interior point near 0 carries the rounding of the endpoints,
# so the error is a few ulps of the largest endpoint (the tests keep them within 1e3), not of the point.
_LINSPACE_TOLERANCE = {"float32": Tolerance(rtol=4e-6, atol=1e3 * 4 * 2**-23),
                       "float64": Tolerance(rtol=1e-13, atol=1e3 * 4 * 2**-52)}


def _empty(xp, shape, dtype):
    return xp.zeros_like(xp.empty(shape, dtype=dtype))


# `empty` holds whatever memory held: its case keeps the dtype and shape and zeroes the values.
CONSTRUCTORS: tuple[Case, ...] = (
    _constructor("array", lambda xp, v, dtype: xp.array(v, dtype=dtype), ("v", "dtype")),
    _constructor("asarray", lambda xp, v, dtype: xp.asarray(v, dtype=dtype), ("v", "dtype")),
    _constructor("arange", lambda xp, stop, dtype: xp.arange(stop, dtype=dtype), ("stop", "dtype"),
                 tags=frozenset({"arange"})),
    _constructor("arange", lambda xp, start, stop, step, dtype: xp.arange(start, stop, step, dtype=dtype),
                 ("start", "stop", "step", "dtype"), tags=frozenset({"arange"})),
    _constructor("linspace", lambda xp, start, stop, num, dtype: xp.linspace(start, stop, num, dtype=dtype),
                 ("start", "stop", "num", "dtype"), _LINSPACE_TOLERANCE,
                 frozenset({WARNS_ONCE})),
    _constructor("zeros", lambda xp, shape, dtype: xp.zeros(shape, dtype=dtype), ("shape", "dtype")),
    _constructor("ones", lambda xp, shape, dtype: xp.ones(shape, dtype=dtype), ("shape", "dtype")),
    _constructor("full", lambda xp, shape, v, dtype: xp.full(shape, v, dtype=dtype), ("shape", "v", "dtype")),
    _constructor("eye", lambda xp, n, dtype: xp.eye(n, dtype=dtype), ("n", "dtype")),
    _constructor("identity", lambda xp, n, dtype: xp.identity(n, dtype=dtype), ("n", "dtype")),
)
EMPTY = Case(name="empty(shape, dtype)", area=AREA, fn=_empty,
             source="xp.zeros_like(xp.empty(shape, dtype=dtype))", arg_names=("shape", "dtype"),
             modes=CONSTRUCTOR_MODES, tags=frozenset({PYTHON_VALUES, REQUESTED_DTYPE}))


def _unary(name: str, tags: frozenset[str] = frozenset()) -> Case:
    return Case(name=name, area=AREA, fn=lambda xp, a: getattr(xp, name)(a), source=f"xp.{name}(a)",
                arg_names=("a",), dtype_kinds="biu", tags=tags)


REDUCTIONS: tuple[Case, ...] = (
    _unary("sum"), _unary("prod"),
    _unary("cumsum", frozenset({"cumulative"})), _unary("cumprod", frozenset({"cumulative"})),
    _unary("mean"), _unary("var"), _unary("std"),
)

FLOAT_FUNCTIONS: tuple[Case, ...] = (
    _unary("sqrt"), _unary("sin"), _unary("exp"),
    Case(name="a / b", area=AREA, fn=lambda xp, a, b: a / b, source="a / b", dtype_kinds="biu",
         tags=frozenset({"true-division"})),
)

ALL: tuple[Case, ...] = (*CONSTRUCTORS, EMPTY, *REDUCTIONS, *FLOAT_FUNCTIONS)

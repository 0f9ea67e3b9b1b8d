"""Dtype defaults and x64: constructors fed Python values, requested dtypes (64-bit ones with x64 off
included), reductions of bool and integer input, and float functions of integers."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance import environment, reach
from conformance import strategies as cst
from conformance.cases import dtypes as cases
from conformance.catalogue import BY_ID
from conformance.check import NewDivergence, Verdict, check, describe_args
from conformance.compare import Difference, compare
from conformance.example import Example
from conformance.recorder import active
from conformance.runner import run_jax, run_numpy

pytestmark = pytest.mark.conformance

CASE = {c.name: c for c in cases.ALL}
ALL_DTYPE_NAMES = tuple(d.name for d in cst.available_dtypes(x64=True))
SMALL_SIDE = 3  # sides of constructed arrays: what matters is the dtype, and every shape compiles


# -- strategies ---------------------------------------------------------------------------------------
def python_numbers(*, kinds: str = "bifc", beyond_int32: bool = True) -> st.SearchStrategy:
    """A Python bool, int, float or complex (of `kinds`, letters from "bifc").

    Ints stay inside int64; with `beyond_int32`, some fall just outside int32 (where JAX with x64 off
    raises). Floats include infinities, NaN and values float32 cannot hold. Shrinks towards False / 0.
    """
    if not kinds or set(kinds) - set("bifc"):
        raise ValueError(f"kinds must be letters from 'bifc', got {kinds!r}")
    int32, int64 = np.iinfo(np.int32), np.iinfo(np.int64)
    ints = st.one_of(st.integers(-3, 3), st.integers(int(int32.min), int(int32.max)))
    if beyond_int32:
        ints = st.one_of(ints, st.sampled_from([int(int32.max) + 1, int(int32.min) - 1, 2**40,
                                                int(int64.max)]))
    floats = st.one_of(st.sampled_from([0.0, -0.0, 0.5, 1e300, -np.inf, np.nan, 1e-40]), st.floats())
    by_kind = {"b": st.booleans(), "i": ints, "f": floats,
               "c": st.builds(complex, floats, st.sampled_from([0.0, 1.0, -2.5]))}
    return st.one_of(*(by_kind[k] for k in kinds))


@st.composite
def python_values(draw, *, beyond_int32: bool = True) -> object:
    """A Python scalar or a rectangular nested list of them, as users write array literals: one kind
    of number, or a mix (bools with ints, ints with floats, ...).

    >>> python_values().example()  # e.g. [[1, 2.5], [True, 0]]

    Shrinks towards False.
    """
    kinds = "".join(sorted(draw(st.sets(st.sampled_from("bifc"), min_size=1, max_size=2)), key="bifc".index))
    shape = draw(cst.array_shapes(budget=cst.ShapeBudget(max_dims=2, max_side=3, max_size=6), min_side=1))
    size = int(np.prod(shape))
    flat = draw(st.lists(python_numbers(kinds=kinds, beyond_int32=beyond_int32), min_size=size,
                         max_size=size))
    holder = np.empty(size, dtype=object)
    holder[:] = flat
    return holder.reshape(shape).tolist()


def shapes() -> st.SearchStrategy:
    """A shape as users pass it: an int or a tuple. Shrinks towards 0."""
    tuples = cst.array_shapes(budget=cst.ShapeBudget(max_dims=2, max_side=3, max_size=6))
    return st.one_of(st.integers(0, 3), tuples)


def requested_dtypes() -> st.SearchStrategy[str]:
    """Any dtype name, 64-bit ones included whatever the x64 mode (asking for them is the point)."""
    return st.sampled_from(ALL_DTYPE_NAMES)


# -- documented departures ------------------------------------------------------------------------------
def check_documented(case, *args, xp, entries) -> list[Verdict]:
    """`check`, and more: where JAX AGREES with NumPy although one of `entries` holds and documents a
    different outcome (its model is not NumPy's), JAX no longer does what is documented; that is new.

    `check` alone cannot see this: a constructor returning NumPy's float64 with x64 off, or a
    promote_types following NumPy's table, agree with NumPy."""
    __tracebackhide__ = True
    verdicts = check(case, *args, xp=xp)
    env, expected = environment.current(), run_numpy(case, args)
    for mode, verdict in zip(case.modes, verdicts, strict=False):
        if verdict.status != "agree":
            continue
        example = Example(case, tuple(args), mode, env, expected, run_jax(case, args, xp=xp, mode=mode))
        for entry in entries:
            if not entry.holds_for(example):
                continue
            predicted = entry.predict(example).numpy
            departure = compare(predicted, expected, case.tolerance)
            if departure is None:
                continue
            difference = Difference(departure.kind, f"agrees with numpy, but {entry.id} documents "
                                                    f"{predicted.describe()}")
            active().record(example, Verdict("new", None, difference))
            raise NewDivergence(f"{case.source} [{mode}]: {difference.summary} "
                                f"({describe_args(case, args)})")
    return verdicts


X64_ENTRIES = (BY_ID["DTYPE-X64-OFF-32BIT"], BY_ID["DTYPE-X64-OFF-REQUESTED-64BIT-WARNS"])


def check_constructor(case, *args, xp) -> None:
    __tracebackhide__ = True
    check_documented(case, *args, xp=xp, entries=X64_ENTRIES)


# -- constructors --------------------------------------------------------------------------------------
_NUMBERS = st.one_of(st.integers(-20, 20), st.floats(-20, 20).map(lambda x: round(x, 2)))
_TAME = st.integers(0, 100)  # a value every dtype holds, for a requested dtype

# argument name -> (strategy with the default dtype, strategy with a requested dtype)
_ARGUMENTS = {
    "v": (python_values(), st.one_of(_TAME, st.lists(_TAME, min_size=1, max_size=SMALL_SIDE))),
    "shape": (shapes(), shapes()),
    "stop": (_NUMBERS, st.integers(0, 2 * SMALL_SIDE)),
    "start": (_NUMBERS, st.integers(0, 2 * SMALL_SIDE)),
    "step": (st.one_of(st.integers(-5, 5), st.sampled_from([0.5, -0.25, 0.1, 3.0])), st.integers(1, 3)),
    "num": (st.integers(0, 8), st.integers(0, 8)),
    "n": (st.integers(0, SMALL_SIDE), st.integers(0, SMALL_SIDE)),
}
_ENDPOINTS = st.one_of(st.integers(-10, 10), st.floats(-1e3, 1e3))  # within linspace's tolerance
# (function, argument) -> strategies, where one function reads an argument differently
_SPECIFIC = {("full", "v"): (python_numbers(), _TAME),
             ("linspace", "start"): (_ENDPOINTS, _TAME), ("linspace", "stop"): (_ENDPOINTS, _TAME)}


def _constructor_args(data, case) -> tuple:
    dtype = data.draw(st.one_of(st.none(), requested_dtypes()), label="dtype")
    which = 0 if dtype is None else 1
    function = case.name.split("(")[0]
    args = {name: data.draw((_SPECIFIC.get((function, name)) or _ARGUMENTS[name])[which], label=name)
            for name in case.arg_names[:-1]}
    if args.get("step") and (args["stop"] - args["start"]) / args["step"] > cst.BUDGET.max_size:
        args["step"] = (args["stop"] - args["start"]) / 4  # keep the result within the size budget
    return (*args.values(), dtype)


def _requested(dtype: str | None) -> str:
    if dtype is None:
        return "default dtype"
    return "64-bit dtype requested" if dtype in cst.NEEDS_X64 else "narrower dtype requested"


@pytest.mark.parametrize("case", [*cases.CONSTRUCTORS, cases.EMPTY], ids=str)
@reach.declare("default dtype", "64-bit dtype requested", "narrower dtype requested")
@given(data=st.data())
def test_constructor_dtype(case, xp, data):
    """The default dtype for Python values, and every requested dtype: with x64 off a 64-bit one warns
    and is truncated to 32 bits."""
    args = _constructor_args(data, case)
    reach.reached(_requested(args[-1]))
    check_constructor(case, *args, xp=xp)


# -- functions with their own result-dtype rule --------------------------------------------------------
# The result dtype is the point here, not accuracy: few shapes, so few compiles.
_SMALL = cst.ShapeBudget(max_dims=2, max_side=3, max_size=9)
# mean, var and std of integers accumulate in float32: a sum of int32 extremes has no digits left, so
# their inputs stay small enough for float32 to hold every partial sum exactly.
_ACCUMULATE_IN_FLOAT = ("mean", "var", "std")


def _integer_elements(case, dtype: np.dtype):
    if case.name not in _ACCUMULATE_IN_FLOAT or dtype.kind == "b":
        return None
    return st.integers(0 if dtype.kind == "u" else -100, 100)


_KIND_NAMES = {"b": "bool input", "i": "signed input", "u": "unsigned input", "f": "float input",
               "c": "complex input"}


@pytest.mark.parametrize("case", [*cases.REDUCTIONS, *cases.FLOAT_FUNCTIONS[:-1]], ids=str)
@reach.declare(per_params=lambda params: [_KIND_NAMES[k] for k in params["case"].dtype_kinds])
@given(data=st.data())
def test_integer_input_result_dtype(case, xp, data):
    kind = data.draw(st.sampled_from(case.dtype_kinds), label="kind")  # each kind on purpose
    dtype = data.draw(cst.dtypes(kinds=kind), label="dtype")
    reach.reached(_KIND_NAMES[kind])
    shape = data.draw(cst.array_shapes(budget=_SMALL), label="shape")
    a = data.draw(cst.arrays(dtype, shape, elements=_integer_elements(case, dtype)), label="a")
    check(case, a, xp=xp)


@reach.declare("bool operands", "signed operands", "unsigned operands")
@given(data=st.data())
def test_true_division_of_integers(xp, data):
    kind = data.draw(st.sampled_from("biu"), label="kind")
    dtype = data.draw(cst.dtypes(kinds=kind), label="dtype")
    reach.reached({"b": "bool operands", "i": "signed operands", "u": "unsigned operands"}[kind])
    shapes_ = data.draw(cst.broadcastable_shapes(num_shapes=2, budget=_SMALL), label="shapes")
    a, b = data.draw(cst.broadcast_operands(dtype=dtype, shapes=shapes_, scalars=False), label="a, b")
    check(CASE["a / b"], a, b, xp=xp)

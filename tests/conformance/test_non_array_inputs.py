"""Non-array inputs: Python lists, tuples, nested lists, Python and NumPy scalars, None and strings passed
where a function takes an array, and array constructors given what is not a rectangular array of numbers.

NumPy converts a list or a tuple with `asarray`; jax.numpy refuses one in most functions (`jnp.sum([1, 2])`
raises TypeError: a list would be traced element by element), and refuses strings, bytes, None and
objects in its constructors, which NumPy turns into string and object arrays.

Every function is checked through `non_array_variants(case, args)`: one valid call (`VALID_CALLS`, taken
from the existing areas' cases), rewritten with each kind of non-array value at each array position. The
operation registry plugs in there: a row's Case and one valid example of its arguments are all it needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from conformance import environment, reach
from conformance.case import Case
from conformance.cases import broadcasting, dtypes
from conformance.catalogue import CATALOGUE
from conformance.catalogue.non_array import NON_ARRAY_INPUT
from conformance.check import NewDivergence, Verdict, check, describe_args
from conformance.compare import Difference
from conformance.example import Example
from conformance.recorder import active
from conformance.runner import run_jax, run_numpy

pytestmark = pytest.mark.conformance

AREA = "non-array inputs"
PYTHON_OPERATOR = "python-operator"
ARRAY_CONSTRUCTOR = "array-constructor"

# The kinds of non-array value put where an array goes, each made from the valid array it replaces.
VARIANTS: dict[str, Any] = {
    "list": lambda a: a.tolist(),
    "tuple": lambda a: tuple(a.tolist()),
    "nested list": lambda a: a.reshape(1, -1).tolist(),
    "Python scalar": lambda a: a.reshape(-1)[0].item(),
    "NumPy scalar": lambda a: a.reshape(-1)[0],
    "None": lambda a: None,
    "string": lambda a: "1",
}


def _has_variant(case: Case, kind: str) -> bool:
    return not (kind == "string" and PYTHON_OPERATOR in case.tags)


def non_array_variants(case: Case, args: tuple) -> Iterator[tuple[str, Case, tuple]]:
    """For a valid call `case(*args)`, each call with one array argument replaced by a non-array value:
    (`"list at a"`, the case tagged `non-array-input:a` for the catalogue, the new arguments), a variant
    of every kind in VARIANTS at every array position. A string never stands for an operand of a Python
    operator: `"1" % a` is Python's string formatting, not an array operation."""
    for position, arg in enumerate(args):
        if not isinstance(arg, np.ndarray):
            continue
        name = case.arg_names[position]
        tagged = replace(case, tags=case.tags | {NON_ARRAY_INPUT + name})
        for kind, make in VARIANTS.items():
            if not _has_variant(case, kind):
                continue
            yield f"{kind} at {name}", tagged, (*args[:position], make(arg), *args[position + 1:])


def _as_area(case: Case) -> Case:
    """The case in this area (the report counts these examples apart), eagerly and under jit: a
    non-array argument is static under jit, and a vmap batch of the others adds nothing. An operator
    (`a + b`, not `xp.add(a, b)`) is tagged as one."""
    operator = () if case.source.startswith("xp.") else (PYTHON_OPERATOR,)
    return replace(case, area=AREA, modes=tuple(m for m in case.modes if m != "vmap"),
                   tags=case.tags | set(operator))


def _valid_args(case: Case) -> tuple:
    """Small arrays every function of the case accepts, in the first of float32, int32 and bool it is
    defined for (a condition is bool)."""
    kinds = case.dtype_kinds
    dtype = np.float32 if "f" in kinds else np.int32 if "i" in kinds else np.bool_
    values = {"a": [1, 2, 3], "b": [3, 1, 2], "lo": [1, 1, 1], "hi": [2, 2, 2]}
    return tuple(np.array([True, False, True]) if name == "c" else np.array(values[name], dtype)
                 for name in case.arg_names)


# (case, valid arguments): every binary function and operator, where, clip, the reductions and the float
# functions of the dtypes area.
FUNCTIONS: tuple[Case, ...] = tuple(_as_area(c) for c in (
    *broadcasting.BINARY, broadcasting.WHERE, broadcasting.CLIP, *dtypes.REDUCTIONS,
    *(c for c in dtypes.FLOAT_FUNCTIONS if len(c.arg_names) == 1)))
VALID_CALLS: tuple[tuple[Case, tuple], ...] = tuple((c, _valid_args(c)) for c in FUNCTIONS)


@pytest.mark.parametrize(("call", "kind"), [pytest.param(call, kind, id=f"{call[0]}-{kind}")
                                            for call in VALID_CALLS for kind in VARIANTS
                                            if _has_variant(call[0], kind)])
@reach.declare(per_params=lambda params: [params["kind"]])
def test_non_array_argument(call, kind, xp):
    """The valid call with a `kind` non-array value at each array position in turn."""
    case, args = call
    for label, tagged, variant in non_array_variants(case, args):
        if label.startswith(kind + " at "):
            reach.reached(kind)
            check_refused(tagged, *variant, xp=xp)


REFUSALS = tuple(e for e in CATALOGUE if e.area == AREA)


def check_refused(case: Case, *args, xp) -> None:
    """`check`, and more: where a refusal (an entry of this area) holds for the example but another entry
    explained the difference, JAX did not refuse, and that is new. With x64 off, `jnp.sum([1, 2])`
    returning int32 3 would otherwise pass as DTYPE-X64-OFF-32BIT (NumPy gives int64 3)."""
    __tracebackhide__ = True
    verdicts = check(case, *args, xp=xp)
    env, expected = environment.current(), run_numpy(case, args)
    for mode, verdict in zip(case.modes, verdicts, strict=False):
        if verdict.status != "known" or verdict.entry_id.startswith("NONARRAY-"):
            continue
        example = Example(case, tuple(args), mode, env, expected, run_jax(case, args, xp=xp, mode=mode))
        refusal = next((e for e in REFUSALS if e.holds_for(example)), None)
        if refusal is None:
            continue
        difference = Difference("error-parity", f"returns {example.jax.describe()}, where {refusal.id} "
                                                f"documents {refusal.predict(example).numpy.describe()}")
        active().record(example, Verdict("new", None, difference))
        raise NewDivergence(f"{case.source} [{mode}]: {difference.summary} ({describe_args(case, args)})")


# -- constructors --------------------------------------------------------------------------------------
def _constructor(name: str, source: str, fn, tag: str) -> Case:
    """A constructor of one Python value `v`: `array-constructor` converts it, an *_like function takes
    an array there (`non-array-input:v`). Eager only: nothing is traced."""
    return Case(name=name, area=AREA, fn=fn, source=source, arg_names=("v",), modes=("eager",),
                tags=frozenset({dtypes.PYTHON_VALUES, tag}))


_LIKE = NON_ARRAY_INPUT + "v"
CONSTRUCTORS: tuple[Case, ...] = (
    _constructor("array(v)", "xp.array(v)", lambda xp, v: xp.array(v), ARRAY_CONSTRUCTOR),
    _constructor("asarray(v)", "xp.asarray(v)", lambda xp, v: xp.asarray(v), ARRAY_CONSTRUCTOR),
    _constructor("zeros_like(v)", "xp.zeros_like(v)", lambda xp, v: xp.zeros_like(v), _LIKE),
    _constructor("ones_like(v)", "xp.ones_like(v)", lambda xp, v: xp.ones_like(v), _LIKE),
    _constructor("full_like(v, 7)", "xp.full_like(v, 7)", lambda xp, v: xp.full_like(v, 7), _LIKE),
)

# What is not a rectangular array of numbers, as users pass it (each value's repr is Python that makes it).
NOT_ARRAYS: dict[str, Any] = {
    "ragged list": [[1, 2], [3]],
    "ragged nested list": [[[1.0]], [2.0]],
    "list holding None": [1, None],
    "None": None,
    "string": "abc",
    "list of strings": ["a", "b"],
    "bytes": b"ab",
    "dict": {"a": 1},
    "empty list": [],
    "list of NumPy scalars": [np.float32(1.5), np.int8(2)],
    "tuple of mixed numbers": (1, 2.5, True),
}


@pytest.mark.parametrize("value", NOT_ARRAYS, ids=str)
@pytest.mark.parametrize("case", CONSTRUCTORS, ids=str)
def test_constructor_of_non_array(case, value, xp):
    check(case, NOT_ARRAYS[value], xp=xp)

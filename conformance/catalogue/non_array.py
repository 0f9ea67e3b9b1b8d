"""Known divergences for non-array inputs: lists, tuples, None, strings and other objects passed where
jax.numpy takes an array (tests/conformance/test_non_array_inputs.py).

A case whose argument `name` holds such a value carries the tag `non-array-input:<name>`; array
constructors (`jnp.array`, `jnp.asarray`) carry `array-constructor`; a Python operator (`a + b`) carries
`python-operator`. Each model computes the error JAX raises, or, for an operator, what Python does once
JAX's operator declines the operand.
"""

from __future__ import annotations

import operator
from typing import Any

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.models import raises
from conformance.example import Example
from conformance.outcome import Outcome, Raised, Value

SHARP_BITS = ("https://docs.jax.dev/en/latest/notebooks/Common_Gotchas_in_JAX.html#non-array-inputs-numpy-"
              "vs-jax ('JAX departs from [NumPy] by generally not accepting lists or tuples as inputs to "
              "its API functions': passing one to a traced function would trace each element)")
ASARRAY_DOCS = ("https://docs.jax.dev/en/latest/_autosummary/jax.numpy.asarray.html (a is 'an object that "
                "is convertible to an array': JAX arrays, NumPy arrays, Python scalars, Python collections, "
                "objects with __jax_array__ or the buffer protocol); numeric dtypes only: "
                "https://docs.jax.dev/en/latest/type_promotion.html")
NON_ARRAY_INPUT = "non-array-input:"
_SEQUENCES = (list, tuple)


def non_array_argument(example: Example) -> tuple[bool, Any]:
    """(whether the case has a tagged non-array argument, its value)."""
    for tag in example.case.tags:
        if tag.startswith(NON_ARRAY_INPUT):
            name = tag.removeprefix(NON_ARRAY_INPUT)
            if name in example.case.arg_names:
                return True, example.args[example.case.arg_names.index(name)]
    return False, None


def _holds_sequence(example: Example) -> bool:
    tagged, value = non_array_argument(example)
    return tagged and isinstance(value, _SEQUENCES)


# What JAX says when it refuses a list or tuple: jnp's own check (`<fn> requires ndarray or scalar
# arguments, got <class 'list'> at position 0.`), or, for an operator, Python's error once JAX's operator
# raises or declines (`unsupported operand type(s) for +`, `'<' not supported between instances`).
_SEQUENCE_REFUSED = (r"requires ndarray or scalar arguments, got <class '(list|tuple)'>"
                     r"|unsupported operand type\(s\) for .*'(list|tuple)'"
                     r"|not supported between instances of .*'(list|tuple)'")


def _non_number_in_function(example: Example) -> bool:
    tagged, value = non_array_argument(example)
    if "clip" in example.case.tags and value is None and example.args[0] is not None:
        return False  # clip(a, None, hi): no lower bound, in both
    return (tagged and "python-operator" not in example.case.tags
            and (value is None or isinstance(value, (str, bytes, dict))))


def _function_refusal(example: Example, outcome: Outcome) -> Outcome:
    """The error jnp raises for None, a string, bytes or a dict where it takes an array."""
    _, value = non_array_argument(example)
    if value is None and "clip" in example.case.tags:
        return raises("ValueError", r"No input was provided to the clip function")(example, outcome)
    if isinstance(value, str):  # an *_like function reads a string as a dtype name
        pattern = (r"as an abstract array|data type .* not understood"
                   r"|expected ArrayLike, got .* of type <class 'str'>")
    elif isinstance(value, bytes):
        pattern = r"Cannot determine dtype of b"
    else:
        pattern = rf"requires ndarray or scalar arguments, got <class '{type(value).__name__}'>"
    return raises("TypeError", pattern)(example, outcome)


class _Declining:
    """An operand whose operators all decline (return NotImplemented), as jax.Array's do for None."""

    def __repr__(self) -> str:
        return "Array"


_OPERATORS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
              "//": operator.floordiv, "%": operator.mod, "**": operator.pow, "==": operator.eq,
              "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt,
              ">=": operator.ge, "&": operator.and_, "|": operator.or_, "^": operator.xor,
              "<<": operator.lshift, ">>": operator.rshift}


def _operator_with_none(example: Example) -> bool:
    tagged, value = non_array_argument(example)
    return tagged and value is None and "python-operator" in example.case.tags


def _python_fallback(example: Example, outcome: Outcome) -> Outcome:
    """What Python does when both operands decline: == and != compare identities (a 0-d bool), every
    other operator raises TypeError."""
    symbol = example.case.source.split(" ")[1]  # "a + b": the operator between the two names
    args = [None if a is None else _Declining() for a in example.args]
    try:
        result = _OPERATORS[symbol](*args)
    except TypeError:
        return Outcome(error=Raised("TypeError", "(matching /unsupported operand|not supported between/)",
                                    ("TypeError",), r"unsupported operand|not supported between"))
    return Outcome((Value(np.asarray(result)),))


def _flatten(value: Any) -> list:
    if isinstance(value, _SEQUENCES):
        return [leaf for item in value for leaf in _flatten(item)]
    return [value]


def _non_numeric_literal(example: Example) -> bool:
    if "array-constructor" not in example.case.tags or example.numpy.raised:
        return False
    return any(leaf is None or isinstance(leaf, (str, bytes, dict)) for leaf in _flatten(example.args[0]))


def _constructor_refusal(example: Example, outcome: Outcome) -> Outcome:
    if any(leaf is None for leaf in _flatten(example.args[0])):
        return raises("ValueError", r"None is not a valid value for jnp\.array")(example, outcome)
    return raises("TypeError", r"is not a valid JAX array type\. Only arrays of numeric types are "
                               r"supported by JAX")(example, outcome)


ENTRIES = (
    KnownDivergence(
        id="NONARRAY-SEQUENCE-REFUSED",
        area="non-array inputs",
        title="jax.numpy functions and operators refuse Python lists and tuples where NumPy converts them",
        numpy="converts a list or tuple argument with np.asarray (jnp.sum([1, 2]) is 3; a + [1, 2] adds "
              "elementwise; zeros_like([1, 2]) is [0, 0])",
        jax="raises TypeError: '<fn> requires ndarray or scalar arguments, got <class 'list'> at "
            "position 0.'; an operator raises Python's TypeError (unsupported operand type(s), or not "
            "supported between instances)",
        why="a list traced under jit would become one traced scalar per element, silently slow; JAX "
            "asks for an explicit jnp.asarray",
        source=SHARP_BITS,
        condition="a list or tuple (nested lists too) passed where a function or operator takes an array",
        kinds=("error-parity", "error-kind"),
        trigger=_holds_sequence,
        outputs=raises("TypeError", _SEQUENCE_REFUSED),
    ),
    KnownDivergence(
        id="NONARRAY-NON-NUMBER-REFUSED",
        area="non-array inputs",
        title="jax.numpy functions refuse None, strings, bytes and dicts where NumPy makes object arrays",
        numpy="makes a 0-d object (or string) array of the value: equal(None, a) compares elementwise, "
              "arctan2(None, a) raises AttributeError from the object loop, zeros_like('ab') is an "
              "empty string array, zeros_like(None) an object 0",
        jax="raises TypeError: 'requires ndarray or scalar arguments, got <class 'NoneType'>' (or "
            "'dict'); for a string 'Error interpreting argument ... as an abstract array'; *_like reads a "
            "string as a dtype name ('data type 'abc' not understood') and refuses bytes ('Cannot "
            "determine dtype of b...'); clip(None, lo, hi) raises ValueError 'No input was provided to "
            "the clip function'",
        why="JAX has no object or string arrays: only numeric dtypes are supported",
        source=SHARP_BITS + "; " + ASARRAY_DOCS,
        condition="None, a string, bytes or a dict passed where a jax.numpy function takes an array",
        kinds=("error-parity", "error-kind"),
        trigger=_non_number_in_function,
        outputs=_function_refusal,
    ),
    KnownDivergence(
        id="NONARRAY-OPERATOR-WITH-NONE-FALLS-BACK-TO-PYTHON",
        area="non-array inputs",
        title="a == None is one Python bool for a jax.Array, elementwise for a NumPy array",
        numpy="compares elementwise with the object None: a == None is an array of False, a != None of "
              "True",
        jax="jax.Array's operators decline None (NotImplemented), so Python compares identities: "
            "a == None is False and a != None True, each a single bool; every other operator raises "
            "TypeError as NumPy's does",
        why="JAX does not make an object array of None; Python's fallback for == and != is identity",
        source="observed by this suite, undocumented upstream; " + SHARP_BITS,
        condition="an operator with None as one operand",
        kinds=("shape", "error-parity", "error-kind", "values", "dtype"),
        trigger=_operator_with_none,
        outputs=_python_fallback,
    ),
    KnownDivergence(
        id="NONARRAY-CONSTRUCTOR-REFUSES-NON-NUMERIC",
        area="non-array inputs",
        title="jnp.array and jnp.asarray refuse None, strings, bytes and objects",
        numpy="makes an object, string or bytes array (np.array(None) is a 0-d object array, "
              "np.array('abc') a <U3 array, np.array([1, None]) an object array)",
        jax="raises ValueError 'None is not a valid value for jnp.array' where None appears anywhere in "
            "the literal, else TypeError 'Value ... with dtype <U3 is not a valid JAX array type. Only "
            "arrays of numeric types are supported by JAX.'",
        why="JAX arrays hold numeric types only",
        source=ASARRAY_DOCS,
        condition="jnp.array or jnp.asarray of None, a string, bytes, a dict, or a list holding one",
        kinds=("error-parity",),
        trigger=_non_numeric_literal,
        outputs=_constructor_refusal,
    ),
)

"""The promotion area's cases: promote_types and result_type of dtype pairs, and the result dtype of a
binary operation on two arrays and on an array and a Python scalar.

Dtypes travel as names (both namespaces accept them, and reproducers print them). The dtype functions
return a dtype, which the cases hold in a 0-d NumPy array so that a difference is a `dtype` difference.
"""

from __future__ import annotations

import numpy as np

from conformance.case import Case

AREA = "promotion"

# Tags that catalogue triggers read: the case promotes its operands' dtypes; its arguments are names.
PROMOTION = "promotion"
DTYPE_NAMES_ARGS = "dtype-names"

# The matrices' rows and columns, in the order JAX's promotion lattice documentation lists them.
DTYPE_NAMES = ("bool", "uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64",
               "bfloat16", "float16", "float32", "float64", "complex64", "complex128")

# Python scalars against an array: each kind, and ints that do not fit a narrow or a 32-bit dtype.
PYTHON_SCALARS: dict[str, bool | int | float | complex] = {
    "True": True, "1": 1, "-1": -1, "300": 300, "2**31": 2**31, "1.0": 1.0, "1e300": 1e300, "1j": 1j,
}

_SHORT = {"bool": "b", "bfloat16": "bf16"}


def short_name(dtype_name: str) -> str:
    """The matrices' cell text for a dtype: i8, u32, f16, bf16, c64, b."""
    if dtype_name in _SHORT:
        return _SHORT[dtype_name]
    kind = {"int": "i", "uint": "u", "float": "f", "complex": "c"}
    for prefix in ("uint", "int", "float", "complex"):
        if dtype_name.startswith(prefix):
            return kind[prefix] + dtype_name[len(prefix):]
    return dtype_name


def _dtype_case(name: str) -> Case:
    return Case(name=name, area=AREA, fn=lambda xp, a, b: np.zeros((), getattr(xp, name)(a, b)),
                source=f"np.zeros((), xp.{name}(a, b))", modes=("eager",),  # nothing to trace
                tags=frozenset({PROMOTION, DTYPE_NAMES_ARGS, name}))  # name: the function, for triggers


PROMOTE_TYPES = _dtype_case("promote_types")
RESULT_TYPE = _dtype_case("result_type")
# Two arrays carry no weak type, and eager jnp.add is itself a jitted call: under jit the promotion is
# the same, at one more compile per pair. A Python scalar is static under jit, so that case runs both.
ADD_ARRAYS = Case(name="add(array, array)", area=AREA, fn=lambda xp, a, b: xp.add(a, b),
                  source="xp.add(a, b)", modes=("eager",), tags=frozenset({PROMOTION}))
ADD_SCALAR = Case(name="add(array, python scalar)", area=AREA, fn=lambda xp, a, s: xp.add(a, s),
                  source="xp.add(a, s)", arg_names=("a", "s"), tags=frozenset({PROMOTION}))

ALL: tuple[Case, ...] = (PROMOTE_TYPES, RESULT_TYPE, ADD_ARRAYS, ADD_SCALAR)

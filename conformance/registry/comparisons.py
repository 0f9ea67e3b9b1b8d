"""Comparisons of two arrays and dtype queries: isclose, allclose (rtol, atol, equal_nan), array_equal
(equal_nan), array_equiv, and isdtype, issubdtype (a dtype drawn by name, no array: nothing compiles).

Both arrays of one drawn shape and dtype (the strategy copies a value of the first into the second), so
that equal values, NaN pairs, infinities and neighbours meet; the tolerances are drawn from NumPy's
defaults (1e-05, 1e-08: read in the input's precision by both, so that float16 holds no 1e-08), zero
(exact) and large ones (0.5, 1.0: the drawn edge values 0, 1, 2 lie on the boundary |a - b| = atol +
rtol * |b|). Results are truth values, compared exactly."""

from __future__ import annotations

import ml_dtypes
import numpy as np

from conformance.operation import Operation
from conformance.registry.common import FLAG

COMPARISONS_AREA = "comparisons"
# jit only: isclose and allclose are jitted functions (eagerly, the same program); array_equal and
# array_equiv run the same Python code when traced, and eagerly would compile each op apart
MODES = ("jit",)
# the dtype queries: Python functions of a dtype (jit would compile a constant)
DTYPE_QUERY_MODES = ("eager",)
TOLERANCES = {"rtol": (1e-05, 0.0, 0.5), "atol": (1e-08, 0.0, 1.0)}


def _pair(name: str, *tags: str, **options) -> Operation:
    return Operation(name=name, area=COMPARISONS_AREA, arrays=("a", "b") if "close" in tags else ("a1", "a2"),
                     ranks=(0, 2), modes=MODES, tags=frozenset({"compares-arrays", *tags}), options=options)


def numpy_dtype(name):
    """The NumPy dtype of a drawn dtype name (None: NumPy's default, float64): np.isdtype takes dtypes
    only, where JAX takes names too."""
    return np.dtype(ml_dtypes.bfloat16 if name == "bfloat16" else name)


def isdtype_of_name(kind, dtype):
    return np.isdtype(numpy_dtype(dtype), kind)


# the array API's kinds, one tuple of them, and a dtype as the kind
_KINDS = ("bool", "signed integer", "unsigned integer", "integral", "real floating", "complex floating",
          "numeric", ("integral", "bool"), np.dtype(np.float32))
# NumPy's abstract scalar types, and a dtype name
_ABSTRACT = (np.floating, np.integer, np.signedinteger, np.unsignedinteger, np.inexact, np.complexfloating,
             np.number, np.bool_, np.generic, "float32")

COMPARISONS: tuple[Operation, ...] = (
    # their subnormals (inputs and intermediates flushed) modelled by CMP-ISCLOSE-SUBNORMALS-FLUSHED
    *(_pair(name, "close", name, "subnormals-modelled-apart", **TOLERANCES, equal_nan=FLAG)
      for name in ("isclose", "allclose")),
    _pair("array_equal", "array-equal", equal_nan=FLAG),
    _pair("array_equiv", "array-equal"),
    Operation(name="isdtype", area=COMPARISONS_AREA, arrays=(), ranks=(0, 0), modes=DTYPE_QUERY_MODES,
              tags=frozenset({"dtype-query", "returns-python-scalars"}), options={"kind": _KINDS},
              dtype_keyword="dtype", numpy_reference=isdtype_of_name,
              imports=("from conformance.registry.comparisons import isdtype_of_name",),
              numpy_source="isdtype_of_name(kind, dtype)"),
    Operation(name="issubdtype", area=COMPARISONS_AREA, arrays=(), ranks=(0, 0), modes=DTYPE_QUERY_MODES,
              tags=frozenset({"dtype-query", "returns-python-scalars"}), options={"arg2": _ABSTRACT},
              dtype_keyword="arg1"),
)

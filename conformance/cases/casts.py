"""The casts area's cases: `a.astype(dtype)` and `xp.asarray(a, dtype=dtype)` from every dtype to every
dtype, and the values that make casts interesting (`cast_values`).

A cast case's arguments are the array `a` and the requested dtype `dtype`, a name ("int8", "bfloat16"):
static under `jit`, printed as it is in a reproducer, and read by the catalogue (`requested_dtype`).
64-bit names are requested whatever the x64 mode: with x64 off, asking for them is the point.
"""

from __future__ import annotations

import ml_dtypes
import numpy as np

from conformance.case import Case
from conformance.cases.dtypes import PYTHON_VALUES, REQUESTED_DTYPE
from conformance.special_values import special_values
from conformance.strategies import BFLOAT16, available_dtypes, kind_of

AREA = "casts"

# Tags catalogue triggers read: "cast" converts its argument `a` to the dtype `dtype` and nothing else;
# "numpy-input-cast" is the cast jnp.asarray does on a NumPy array, with NumPy's own conversion;
# "jax-asarray" the one it does on a jax.Array.
CAST = "cast"
NUMPY_INPUT_CAST = "numpy-input-cast"
JAX_ASARRAY = "jax-asarray"  # jnp.asarray of a jax.Array (lax's convert_element_type), not astype

# Elementwise: a batch axis makes sense, and every mode compiles once per dtype pair.
_MODES = ("eager", "jit", "vmap")
_TAGS = frozenset({CAST, REQUESTED_DTYPE})

ASTYPE = Case(name="a.astype(dtype)", area=AREA, fn=lambda xp, a, dtype: a.astype(dtype),
              source="a.astype(dtype)", arg_names=("a", "dtype"), modes=_MODES, tags=_TAGS)
# The function form, which a harness test can replace in a namespace (a method cannot be planted).
ASTYPE_FUNCTION = Case(name="astype(a, dtype)", area=AREA, fn=lambda xp, a, dtype: xp.astype(a, dtype),
                       source="xp.astype(a, dtype)", arg_names=("a", "dtype"), tags=_TAGS)
ASARRAY = Case(name="asarray(a, dtype)", area=AREA, fn=lambda xp, a, dtype: xp.asarray(a, dtype=dtype),
               source="xp.asarray(a, dtype=dtype)", arg_names=("a", "dtype"), modes=_MODES,
               tags=_TAGS | {JAX_ASARRAY})
# jnp.asarray given a NumPy array (not a jax.Array: the runner hands JAX its inputs on the device, so the
# body takes them back to NumPy first). Eager only: a traced value has no NumPy form.
ASARRAY_OF_NUMPY = Case(
    name="asarray(numpy a, dtype)", area=AREA,
    fn=lambda xp, a, dtype: xp.asarray(np.asarray(a), dtype=dtype),
    source="xp.asarray(numpy.asarray(a), dtype=dtype)", arg_names=("a", "dtype"),
    imports=("import numpy",), modes=("eager",), tags=_TAGS | {NUMPY_INPUT_CAST})
# jnp.asarray of a Python list of the values (`a.tolist()`, made in the body so that the list is the
# values' own): both sides convert it with NumPy's conversion of Python numbers. Eager only, as any
# constructor of Python values (cases/dtypes.py).
ASARRAY_OF_LIST = Case(
    name="asarray(a.tolist(), dtype)", area=AREA,
    fn=lambda xp, a, dtype: xp.asarray(np.asarray(a).tolist(), dtype=dtype),
    source="xp.asarray(numpy.asarray(a).tolist(), dtype=dtype)", arg_names=("a", "dtype"),
    imports=("import numpy",), modes=("eager",),
    tags=_TAGS | {NUMPY_INPUT_CAST, PYTHON_VALUES})
CASES: tuple[Case, ...] = (ASTYPE, ASTYPE_FUNCTION, ASARRAY, ASARRAY_OF_NUMPY, ASARRAY_OF_LIST)
# The sweep of every pair: astype's function form computes what the method does (it is drawn, not swept).
SWEPT: tuple[Case, ...] = (ASTYPE, ASARRAY, ASARRAY_OF_NUMPY, ASARRAY_OF_LIST)
SWEPT_MODES = ("eager", "jit")  # a vmap batch of a sweep adds a compile per pair; drawn examples have it

# Every dtype name a cast may request: all of them, 64-bit ones included whatever the x64 mode.
TARGETS: tuple[str, ...] = tuple(d.name for d in available_dtypes(x64=True))

# Values where casts between types disagree: the edges of every integer type and of float16's range
# (65504 is its largest finite value, 65520 the first that rounds to inf), the first integers float32
# and float64 cannot hold (2**24 + 1, 2**53 + 1), fractions either side of zero and of a type's edge.
_INTEGER_EDGES = sorted({edge + offset
                         for name in ("int8", "uint8", "int16", "uint16", "int32", "uint32", "int64",
                                      "uint64")
                         for edge in (int(np.iinfo(name).min), int(np.iinfo(name).max))
                         for offset in (-1, 0, 1)}
                        | {65504, 65520, 2**24 + 1, 2**53 + 1, 1000, 10**10})
_FRACTIONS = [0.5, -0.5, 0.9, -0.9, 1.5, -1.5, 2.5, -2.5, 255.9, -128.9, 300.5, -300.5]


def _holds(value: float | int, dtype: np.dtype) -> bool:
    """Whether `dtype` holds `value` without leaving its range (floats may round; ints must be exact)."""
    if kind_of(dtype) == "b":
        return False
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        return float(value).is_integer() and info.min <= value <= info.max
    info = ml_dtypes.finfo(dtype) if dtype == BFLOAT16 else np.finfo(dtype)
    return abs(value) <= float(info.max)


def cast_values(dtype: np.dtype) -> np.ndarray:
    """The values of `dtype` a cast is checked on, as one 1-D array: its special values
    (`special_values`), then the integer edges of every type and the fractions it holds (complex: as
    real parts, and with an imaginary part of 1)."""
    dtype = np.dtype(dtype)
    base = special_values(dtype)
    extra = [v for v in (*_INTEGER_EDGES, *_FRACTIONS) if _holds(v, dtype)]
    if kind_of(dtype) == "c":
        extra = [complex(v, im) for v in extra for im in (0.0, 1.0)]
    with np.errstate(all="ignore"):
        more = np.array(extra, dtype=object if dtype.kind in "iu" else None).astype(dtype)
    return np.concatenate([base, more]) if more.size else base

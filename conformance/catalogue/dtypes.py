"""Known divergences in result dtypes: x64 mode, weak types and promotion."""

from __future__ import annotations

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.models import numpy_at_32_bits
from conformance.example import Example
from conformance.outcome import Outcome
from conformance.runner import is_array_input


def _numpy_gives_64_bits(example: Example) -> bool:
    return not example.numpy.raised and any(
        v.dtype.name in ("int64", "uint64", "float64", "complex128") for v in example.numpy.values
    )


def _array_dtype(example: Example) -> np.dtype | None:
    dtypes = [np.asarray(a).dtype for a in example.args if is_array_input(a)]
    return dtypes[0] if dtypes else None


def _out_of_range_python_ints(example: Example) -> bool:
    dtype = _array_dtype(example)
    if dtype is None or dtype.kind not in "iu":
        return False
    info = np.iinfo(dtype)
    return any(
        type(a) is int and not info.min <= a <= info.max for a in example.args
    )


def wrap_int(value: int, dtype: np.dtype) -> int:
    """`value` reduced modulo 2**bits into the range of an integer dtype (two's complement)."""
    bits = np.dtype(dtype).itemsize * 8
    value %= 2**bits
    return value - 2**bits if np.dtype(dtype).kind == "i" and value >= 2 ** (bits - 1) else value


def _numpy_with_wrapped_ints(example: Example) -> Outcome:
    dtype = _array_dtype(example)
    args = tuple(wrap_int(a, dtype) if type(a) is int else a for a in example.args)
    return example.rerun_numpy(args)


ENTRIES = (
    KnownDivergence(
        id="DTYPE-X64-OFF-32BIT",
        area="dtypes",
        title="With x64 off, 64-bit results are computed as 32-bit",
        numpy="returns int64/uint64/float64/complex128 where its rules say so",
        jax="returns the 32-bit counterpart (int32/uint32/float32/complex64) of the dtype NumPy gives, "
            "computed at 32 bits",
        why="jax_enable_x64 is off by default; JAX canonicalizes every 64-bit dtype to 32 bits",
        source="https://docs.jax.dev/en/latest/notebooks/Common_Gotchas_in_JAX.html"
               "#double-64bit-precision",
        condition="x64 off and NumPy's result has a 64-bit dtype",
        kinds=("dtype",),
        x64=False,
        trigger=_numpy_gives_64_bits,
        model=numpy_at_32_bits,
    ),
    KnownDivergence(
        id="DTYPE-PYINT-OUT-OF-RANGE-WRAPS",
        area="dtypes",
        title="A Python int out of the array's integer range wraps instead of raising",
        numpy="raises OverflowError: Python integer out of bounds for the array's dtype (NEP 50)",
        jax="converts the weakly typed int to the array's dtype modulo 2**bits, then computes",
        why="a Python int is weakly typed and takes the array's dtype; JAX checks it only against the "
            "default integer type (int32 or int64)",
        source="https://docs.jax.dev/en/latest/type_promotion.html#weak-types",
        condition="a Python int argument outside the range of the integer array's dtype "
                  "but inside the default integer type's",
        kinds=("error-parity",),
        trigger=_out_of_range_python_ints,
        model=_numpy_with_wrapped_ints,
    ),
)

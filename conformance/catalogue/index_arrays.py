"""Known divergences of the index-array rows (`conformance/registry/index_arrays.py`): sort_complex's
result dtype. (Its order is sort's: REDUCE-SORT-SUBNORMALS-COMPARE-AS-ZERO and
REDUCE-SORT-COMPLEX-NAN-BY-PART read its `sorts` tag; the index arrays' int32 with x64 off is
DTYPE-X64-OFF-32BIT's.)"""

from __future__ import annotations

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.models import cast_outputs
from conformance.example import Example

_SORTING = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/sorting.py"
_WIDE = ("int64", "uint64", "float64", "complex128")  # to_complex_dtype: complex128 from these only


def jax_sort_complex_dtype(a) -> np.dtype:
    """jnp.sort_complex's result dtype with x64 on: complex128 for a 64-bit input, complex64 otherwise."""
    return np.dtype("complex128" if np.asarray(a).dtype.name in _WIDE else "complex64")


def _complex_dtype_differs(example: Example) -> bool:
    return ("sort-complex" in example.case.tags and not example.numpy.raised
            and example.numpy.values[0].dtype != jax_sort_complex_dtype(example.args[0]))


ENTRIES = (
    KnownDivergence(
        id="INDEX-SORT-COMPLEX-DTYPE-OF-INPUT-WIDTH",
        area="creation",
        title="sort_complex returns complex64 unless the input is 64-bit",
        numpy="returns complex64 for int8, int16, uint8, uint16 and complex64 inputs, complex128 for every "
              "other (bool, int32, uint32, float16, float32, bfloat16 included)",
        jax="returns to_complex_dtype of the input: complex128 for int64, uint64, float64 and complex128, "
            "complex64 for every other: jnp.sort_complex(np.float32([1])).dtype is complex64",
        why="jnp.sort_complex sorts the array, then converts it with dtypes.to_complex_dtype (the complex "
            "of the input's inexact type), not NumPy's rule by type character",
        source=_SORTING + ": sort_complex (lax.convert_element_type(a, dtypes.to_complex_dtype(a.dtype)))",
        condition="sort_complex with x64 on of a bool, int32, uint32, float16, float32 or bfloat16 array "
                  "(with x64 off, every result is complex64: DTYPE-X64-OFF-32BIT)",
        kinds=("dtype",),
        x64=True,
        trigger=_complex_dtype_differs,
        outputs=cast_outputs(lambda example: jax_sort_complex_dtype(example.args[0])),
    ),
)

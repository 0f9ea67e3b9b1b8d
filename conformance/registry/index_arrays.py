"""Index-array creators (area creation): the indices of a triangle or of the diagonal, of a size given
as options (tril_indices, triu_indices, diag_indices) or read from a drawn array's shape
(tril_indices_from, triu_indices_from, diag_indices_from); and sort_complex. All exact.

The creators take no dtype= (their rows are not `creation` rows: they run in test_axes_row, on one kind
that nothing reads) and compile nothing but constants: eager and jit. The array forms read only the
shape, so folding would fold nothing, and eagerly they run the creators' own code (tril_indices of the
shape's ints, op by op: a compile per shape and k, most of their cost): jit only. mask_indices is left
out: its mask_func must be each side's own triu (np.triu cannot read a tracer), which a row's options
(the same value on both sides) cannot say yet."""

from __future__ import annotations

import numpy as np

from conformance.operation import Operation
from conformance.registry.common import COMPILED_AND_FOLDED, CREATION_AREA

_EAGER_AND_JIT = ("eager", "jit")
_SIDES, _OFFSETS = (0, 1, 3), (-4, -1, 0, 1, 2, 5)


def stable_sort_complex(a):
    """np.sort_complex with a stable sort: NumPy's own (introsort, SIMD networks) leaves the order of
    equal elements unspecified (-0.0 and 0.0), jnp's (lax.sort) is stable; the dtype rule is NumPy's
    (complex64 for int8, int16, uint8, uint16 and complex64, complex128 otherwise)."""
    b = np.sort(a, axis=-1, kind="stable")
    if b.dtype.kind == "c":
        return b
    return b.astype("F" if b.dtype.char in "bhBH" else "G" if b.dtype.char == "g" else "D")


def _index_creator(name: str, **options) -> Operation:
    return Operation(name=name, area=CREATION_AREA, arrays=(), kinds="i", ranks=(0, 0), modes=_EAGER_AND_JIT,
                     tags=frozenset({"index-arrays"}), options=options)


def _from_array(name: str, ranks: tuple[int, int], **options) -> Operation:
    return Operation(name=name, area=CREATION_AREA, arrays=("arr",), ranks=ranks, modes=("jit",),
                     tags=frozenset({"index-arrays"}), options=options)


INDEX_ARRAYS: tuple[Operation, ...] = (
    *(_index_creator(name, n=_SIDES, k=_OFFSETS, m=(None, 0, 2, 4))
      for name in ("tril_indices", "triu_indices")),
    _index_creator("diag_indices", n=_SIDES, ndim=(0, 1, 2, 3)),
    # 2-D arrays, non-square mostly; a 1-D one now and then (both refuse)
    *(_from_array(name, (1, 2), k=_OFFSETS) for name in ("tril_indices_from", "triu_indices_from")),
    # NumPy refuses a non-square array (and one of fewer than 2 dimensions)
    _from_array("diag_indices_from", (1, 3)),
    # sorted along the last axis (a real array sorted, then made complex): sort's entries by its tags
    Operation(name="sort_complex", area=CREATION_AREA, ranks=(1, 2), modes=COMPILED_AND_FOLDED,
              tags=frozenset({"selects", "sorts", "subnormals-modelled-apart", "sort-complex"}),
              numpy_reference=stable_sort_complex, numpy_source="stable_sort_complex(a)",
              imports=("from conformance.registry.index_arrays import stable_sort_complex",)),
)

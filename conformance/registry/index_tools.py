"""Index utilities (area reductions, beside nonzero): unravel_index of a drawn integer (or bool) array of
flat indices into a few fixed shapes, and its inverse ravel_multi_index of two drawn index arrays (most
out of bounds: every mode's rule is read), compared exactly."""

from __future__ import annotations

from conformance.operation import Operation
from conformance.registry.common import REDUCTIONS_AREA

# shapes without a zero side (a flat index into an empty shape is refused by both, by division by zero
# in JAX): a vector as an int and a shape with a side of 1. Under jit only: eager runs its divmod and
# selects op by op, a compile each per dtype (about 9 s of the ci budget), for the same program
INDEX_TOOLS: tuple[Operation, ...] = (
    Operation(name="unravel_index", area=REDUCTIONS_AREA, kinds="biu", ranks=(0, 2), modes=("jit",),
              arrays=("indices",), tags=frozenset({"returns-index", "unravels"}),
              options={"shape": (5, (4, 1, 2))}),
    # two index arrays of one shape (small values, in and out of bounds; mixed dtypes now and then, a
    # third of another rank now and then) into a 2-d shape, in every mode and order; eagerly too (mode='raise'
    # reads the values there only)
    Operation(name="ravel_multi_index", area=REDUCTIONS_AREA, kinds="biu", arrays=("multi_index",),
              ranks=(0, 2), pieces=(2, 2), modes=("eager", "jit"),
              tags=frozenset({"returns-index", "same-shape", "small-indices"}),
              options={"dims": ((3, 4), (5, 1)), "mode": ("raise", "wrap", "clip"), "order": ("C", "F")}),
)

"""Index utilities (area reductions, beside nonzero): unravel_index of a drawn integer (or bool) array of
flat indices into a few fixed shapes, compared exactly."""

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
)

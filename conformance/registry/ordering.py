"""Partial sorts and sorts by several keys (area reductions, beside sort): partition and argpartition,
whose order on each side of the kth element is free, compared through `conformance/orderings.py`'s
canonical forms (a valid partition of the same elements is the sorted array); lexsort, exact (a stable
sort by the last key first)."""

from __future__ import annotations

from conformance import orderings
from conformance import shape_domains as sd
from conformance.operation import Operation
from conformance.registry.common import REDUCTIONS_AREA

# kth: the first, second, last and third-last positions, and one out of range for the budget's sides
_KTH = (0, 1, -1, -3, 5)
_COMPARED = ("# partition leaves the order on each side of kth free: both results are compared in "
             "the canonical form of conformance/orderings.py",)

ORDERING: tuple[Operation, ...] = (
    Operation(name="partition", area=REDUCTIONS_AREA, ranks=(0, 3), modes=("eager", "jit"),
              tags=frozenset({"partitions", "moves-bits"}), options={"kth": _KTH, "axis": sd.AXIS},
              canonical=orderings.partition_canonical, imports=_COMPARED),
    Operation(name="argpartition", area=REDUCTIONS_AREA, ranks=(0, 3), modes=("eager", "jit"),
              tags=frozenset({"partitions", "returns-index"}), options={"kth": _KTH, "axis": sd.AXIS},
              canonical=orderings.argpartition_canonical, imports=_COMPARED),
    # a sequence of 1 to 3 keys of one shape (mixed dtypes now and then, a key of another rank now and
    # then): the last key sorts first, ties kept in order
    Operation(name="lexsort", area=REDUCTIONS_AREA, arrays=("keys",), ranks=(0, 3), pieces=(1, 3),
              tags=frozenset({"returns-index", "same-shape", "sorts-by-keys"}), modes=("eager", "jit"),
              options={"axis": sd.AXIS}),
)

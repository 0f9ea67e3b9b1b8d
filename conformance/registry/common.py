"""What the registry's families share: the modes of compiled rows, the common option domains and the
helper that gives a row a NumPy reference of `conformance/references.py`."""

from __future__ import annotations

from dataclasses import replace

from conformance import references as ref
from conformance.operation import Operation

# Rows that compile one program per drawn shape and option also run folded (runner.py: the arrays as
# compile-time constants, which XLA may evaluate while compiling), on each example's first value set.
COMPILED_AND_FOLDED = ("eager", "jit", "folded")
MOVES = frozenset({"moves-bits", "manipulation"})
KEEPDIMS = (False, True)
FLAG = (False, True)

MANIPULATION_AREA = "manipulation"
REDUCTIONS_AREA = "reductions"
STATISTICS_AREA = "statistics"
CREATION_AREA = "creation"
LINALG_AREA = "linalg"  # jax.numpy.linalg: decompositions, solvers, norms


def with_reference(row: Operation, function: str) -> Operation:
    """`row` with `conformance.references.<function>` as its NumPy reference (a reproducer imports it)."""
    arguments = [*row.arrays, *(f"{k}={k}" for k in row.options)]
    return replace(row, numpy_reference=getattr(ref, function), imports=(
        f"from conformance.references import {function}",),
                   numpy_source=f"{function}({', '.join(arguments)})")


def moves(name: str, ranks: tuple[int, int] = (0, 3), tags: tuple[str, ...] = (), **options) -> Operation:
    """A shape manipulation: the input's elements rearranged, compared exactly."""
    return Operation(name=name, area=MANIPULATION_AREA, ranks=ranks, tags=MOVES | set(tags),
                     modes=COMPILED_AND_FOLDED, options=options)

"""Known divergences in matrix products: matmul, dot, einsum and their batching."""

from __future__ import annotations

from conformance.catalogue import KnownDivergence

ENTRIES: tuple[KnownDivergence, ...] = ()

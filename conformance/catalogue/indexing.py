"""Known divergences in indexing: out-of-bounds reads, take modes, masks under jit."""

from __future__ import annotations

from conformance.catalogue import KnownDivergence

ENTRIES: tuple[KnownDivergence, ...] = ()

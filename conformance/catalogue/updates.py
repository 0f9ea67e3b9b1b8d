"""Known divergences in `.at[]` updates and in-place semantics (immutability)."""

from __future__ import annotations

from conformance.catalogue import KnownDivergence

ENTRIES: tuple[KnownDivergence, ...] = ()

"""Known divergences in random number generation: keys, splitting, sequential equivalence."""

from __future__ import annotations

from conformance.catalogue import KnownDivergence

ENTRIES: tuple[KnownDivergence, ...] = ()

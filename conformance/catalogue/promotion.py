"""Known divergences in type promotion: weak types, NEP 50 and JAX's promotion lattice."""

from __future__ import annotations

from conformance.catalogue import KnownDivergence

ENTRIES: tuple[KnownDivergence, ...] = ()

"""Known divergences at special input values (infinities, NaN, extremes) that the special-value grids
reach: behaviours of their own, not an instance of a numerics or complex-values entry."""

from __future__ import annotations

from conformance.catalogue import KnownDivergence

ENTRIES: tuple[KnownDivergence, ...] = ()

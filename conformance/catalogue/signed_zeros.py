"""Known divergences in the sign of a zero result (+0.0 against -0.0): the comparator tells them apart."""

from __future__ import annotations

from conformance.catalogue import KnownDivergence

ENTRIES: tuple[KnownDivergence, ...] = ()

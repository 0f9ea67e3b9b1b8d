"""Known divergences of the norms, products and views of jax.numpy.linalg (`conformance/registry/norms.py`)."""

from __future__ import annotations

from conformance.catalogue import KnownDivergence

ENTRIES: tuple[KnownDivergence, ...] = ()

"""Namespaces where a documented divergence vanishes: jax.numpy changed so that, where a catalogue entry
holds and its model predicts another outcome than NumPy's, JAX now agrees with NumPy. The suite must
report each as a `vanished` finding (and fail), never count it as agreement."""

from __future__ import annotations

from tests.harness.broken_updates import _add_like_augmented_assignment, broken_at

# UPD-ADD-REPEATED-ACCUMULATES documents that x.at[idx].add(v) applies every update at a repeated
# position; this `.at[].add` reads x[idx] once and writes back, so it equals NumPy's x[idx] += v.
ADD_STOPS_ACCUMULATING = broken_at(".at[].add stops accumulating repeated indices (NumPy's x[idx] += v)",
                                   add=_add_like_augmented_assignment)

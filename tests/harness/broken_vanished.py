"""Namespaces where a documented divergence vanishes: jax.numpy changed so that, where a catalogue entry
holds and its model predicts another outcome than NumPy's, JAX now agrees with NumPy. The suite must
report each as a `vanished` finding (and fail), never count it as agreement."""

from __future__ import annotations

import numpy as np

from tests.harness.broken_updates import _has_mask, broken_at


def _add_once_per_position(array, index, values, **kwargs):
    """x[idx] += v: reads x[idx] once, so at a repeated position only one update counts. Bool arrays
    (which JAX's add refuses) and masks (which a traced x[idx] cannot read) keep the real add, so that
    the only documented divergence that changes is the planted one."""
    if array.dtype == bool or _has_mask(index):
        return array.at[index].add(values, **kwargs)
    if type(values) is int:  # .at[] reads a Python int in x's dtype (beyond int32 into uint32, say)
        values = np.array(values).astype(array.dtype)
    return array.at[index].set((array[index] + values).astype(array.dtype), **kwargs)


# UPD-ADD-REPEATED-ACCUMULATES documents that x.at[idx].add(v) applies every update at a repeated
# position; this `.at[].add` reads x[idx] once and writes back, so it equals NumPy's x[idx] += v.
ADD_STOPS_ACCUMULATING = broken_at(".at[].add stops accumulating repeated indices (NumPy's x[idx] += v)",
                                   add=_add_once_per_position)

"""Known divergences in broadcasting rules."""

from __future__ import annotations

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.models import raises
from conformance.example import Example


def _value_has_more_dims_than_target(example: Example) -> bool:
    if "setitem" not in example.case.tags:
        return False
    target, index, value = example.args
    try:
        region = np.empty(np.shape(target))[index]
    except (IndexError, TypeError, ValueError):
        return False
    return np.ndim(value) > region.ndim


ENTRIES = (
    KnownDivergence(
        id="BCAST-SET-EXTRA-LEADING-DIMS",
        area="broadcasting",
        title=".at[].set refuses a value with more dimensions than the indexed region",
        numpy="x[idx] = v accepts a v with extra leading dimensions of size 1 and drops them",
        jax="x.at[idx].set(v) raises ValueError: Cannot broadcast to shape with fewer dimensions",
        why="JAX broadcasts the update with broadcast_to's rules, which never remove dimensions",
        source="observed by this suite, undocumented upstream",
        condition="an assignment whose value has more dimensions than x[idx]",
        kinds=("error-parity",),
        trigger=_value_has_more_dims_than_target,
        model=raises("ValueError"),
    ),
)

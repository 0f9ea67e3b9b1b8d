"""Known divergences of the registry's shape and dtype queries (`conformance/registry/`, QUERIES)."""

from __future__ import annotations

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.example import Example
from conformance.outcome import Outcome, Value


def _isscalar_of_0d_array(example: Example) -> bool:
    return "isscalar" in example.case.tags and isinstance(example.args[0], np.ndarray) and (
        example.args[0].ndim == 0)


def _true(example: Example, outcome: Outcome) -> Outcome:
    return Outcome((Value(np.asarray(True)),))


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="QUERY-ISSCALAR-0D-ARRAY",
        area="queries",
        title="isscalar of a zero-dimensional array is True",
        numpy="returns True for scalar objects (0.0, np.float32(0)) and False for 0-d arrays",
        jax="returns True for scalar objects and for every array-like with zero dimensions",
        why="JAX has no scalar objects: a scalar is a 0-d array, and jit turns scalars into 0-d arrays, "
            "so only this rule gives the same answer under jit",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.isscalar.html (Note: JAX's "
               "implementation differs from NumPy's in that it considers zero-dimensional arrays to be "
               "scalars)",
        condition="isscalar of a 0-d array",
        kinds=("values",),
        trigger=_isscalar_of_0d_array,
        outputs=_true,
    ),
)

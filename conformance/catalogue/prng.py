"""Known divergences in random number generation: keys, splitting, sequential equivalence."""

from __future__ import annotations

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.example import Example
from conformance.outcome import Outcome, Value

SOURCE = "https://docs.jax.dev/en/latest/random-numbers.html"


def _sequential_property(example: Example) -> bool:
    return "sequential-equivalence" in example.case.tags and not example.numpy.raised


ENTRIES = (
    KnownDivergence(
        id="PRNG-NO-SEQUENTIAL-EQUIVALENCE",
        area="prng",
        title="A draw of shape (n,) is not the sequence of scalar draws from split keys",
        numpy="is sequentially equivalent: with one seed, n single draws equal one draw of size n "
              "(RandomState and default_rng alike)",
        jax="gives different numbers: random.normal(key, (n,)) is not "
            "[random.normal(k) for k in random.split(key, n)], for PRNGKey and typed keys",
        why="JAX's keys are values with no hidden state: a draw of shape (n,) is a function of one "
            "key, generated in parallel, so it cannot be a sequence of draws that each consume a key",
        source=SOURCE,
        condition="the sequential-equivalence property, comparing one draw of size n with n draws",
        kinds=("values",),
        trigger=_sequential_property,
        outputs=lambda example, outcome: Outcome((Value(np.asarray(False)),)),
    ),
)

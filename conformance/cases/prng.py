"""The PRNG area's cases: properties of random number generation, each computed by NumPy's generators
and by JAX's keys, compared as booleans.

NumPy's generators are stateful: the same seed gives the same draws, and n single draws equal one draw
of size n (sequential equivalence). JAX's keys are values: the same key gives the same draws, `split`
is deterministic and gives distinct keys, and a draw of shape (n,) is NOT the sequence of scalar draws
from split keys (https://docs.jax.dev/en/latest/random-numbers.html). The legacy APIs pair up
(`np.random.RandomState` with `jax.random.PRNGKey`), and so do the new ones (`default_rng` with
typed keys from `jax.random.key`).

The seed is a 0-d uint32 array, so that under `jit` it is traced and one compile serves every seed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jax
import numpy as np

from conformance.case import Case

AREA = "prng"
APIS = ("legacy", "new")  # RandomState with PRNGKey; default_rng with jax.random.key


@dataclass(frozen=True, kw_only=True)
class Distribution:
    """One distribution in both libraries: `numpy(generator, size)`, `jax(random, key, shape)`."""

    name: str
    numpy: Callable[[Any, int | None], Any]
    jax: Callable[[Any, Any, tuple[int, ...]], Any]
    continuous: bool  # two independent draws coincide with probability 0


def _numpy_integers(generator, size):
    draw = generator.integers if hasattr(generator, "integers") else generator.randint
    return draw(0, 10, size=size)


DISTRIBUTIONS: dict[str, Distribution] = {d.name: d for d in (
    Distribution(name="uniform", numpy=lambda g, size: g.uniform(size=size),
                 jax=lambda r, key, shape: r.uniform(key, shape), continuous=True),
    Distribution(name="normal", numpy=lambda g, size: g.normal(size=size),
                 jax=lambda r, key, shape: r.normal(key, shape), continuous=True),
    Distribution(name="exponential", numpy=lambda g, size: g.exponential(size=size),
                 jax=lambda r, key, shape: r.exponential(key, shape), continuous=True),
    Distribution(name="gamma(2)", numpy=lambda g, size: g.gamma(2.0, size=size),
                 jax=lambda r, key, shape: r.gamma(key, 2.0, shape), continuous=True),
    Distribution(name="integers(0, 10)", numpy=_numpy_integers,
                 jax=lambda r, key, shape: r.randint(key, shape, 0, 10), continuous=False),
    Distribution(name="poisson(3)", numpy=lambda g, size: g.poisson(3.0, size=size),
                 jax=lambda r, key, shape: r.poisson(key, 3.0, shape), continuous=False),
)}


def numpy_generator(seed, api: str):
    seed = int(seed)
    return np.random.RandomState(seed) if api == "legacy" else np.random.default_rng(seed)


def random_of(xp) -> Any:
    """The PRNG under test: jax.random, unless the namespace brings its own (a harness's planted bug)."""
    return getattr(xp, "random", None) or jax.random


def _key(random, seed, api: str):
    return random.PRNGKey(seed) if api == "legacy" else random.key(seed)


def _key_bits(random, keys):
    return random.key_data(keys) if hasattr(random, "key_data") else keys


# -- the properties, JAX side (xp is the namespace under test) -------------------------------------------
def same_key_same_draws(xp, seed, n: int, distribution: str, api: str):
    random, draw = random_of(xp), DISTRIBUTIONS[distribution].jax
    key = _key(random, seed, api)
    return xp.array_equal(draw(random, key, (n,)), draw(random, key, (n,)))


def split_is_deterministic_and_distinct(xp, seed, n: int, api: str):
    """[split twice gives the same keys, the n keys and their parent are pairwise distinct]"""
    random = random_of(xp)
    key = _key(random, seed, api)
    first, again = _key_bits(random, random.split(key, n)), _key_bits(random, random.split(key, n))
    rows = xp.concatenate([first.reshape(n, -1), _key_bits(random, key).reshape(1, -1)])
    equal = xp.all(rows[:, None, :] == rows[None, :, :], axis=-1)
    return xp.stack([xp.array_equal(first, again), xp.sum(equal) == n + 1])


def sequential_draws_match(xp, seed, n: int, distribution: str, api: str):
    """A draw of shape (n,) from a key equals the n scalar draws from its split keys."""
    random, draw = random_of(xp), DISTRIBUTIONS[distribution].jax
    key = _key(random, seed, api)
    singles = xp.stack([draw(random, k, ()) for k in random.split(key, n)])
    return xp.array_equal(draw(random, key, (n,)), singles)


# -- the fingerprint: fixed-key draws, for comparing reports across devices and versions -------------------
FINGERPRINT_SEED = 0
FINGERPRINT_SHAPE = (3,)
# tests/conformance/test_prng.py records the draws of each distribution; test_samplers.py those of
# uniform, normal and randint with jax_threefry_partitionable on and off, and whether a prefix of a larger
# draw is the smaller draw under each
FINGERPRINT_TITLE = (f"PRNG fingerprint: the first draws from the key of seed {FINGERPRINT_SEED}, "
                     f"shape {FINGERPRINT_SHAPE}, and what jax_threefry_partitionable changes (compare "
                     "reports across devices and versions)")


def fingerprint(random, distribution: str, api: str, *, jit: bool) -> np.ndarray:
    """The draws of `distribution` of shape FINGERPRINT_SHAPE from the key of FINGERPRINT_SEED."""
    draw = DISTRIBUTIONS[distribution].jax

    def sample(seed):
        return draw(random, _key(random, seed, api), FINGERPRINT_SHAPE)

    seed = np.array(FINGERPRINT_SEED, dtype=np.uint32)
    return np.asarray(jax.jit(sample)(seed) if jit else sample(seed))


# -- the same properties, NumPy side ------------------------------------------------------------------------
def numpy_same_seed_same_draws(seed, n: int, distribution: str, api: str):
    draw = DISTRIBUTIONS[distribution].numpy
    return np.array_equal(draw(numpy_generator(seed, api), n), draw(numpy_generator(seed, api), n))


def numpy_spawn_is_deterministic_and_distinct(seed, n: int, api: str):
    """NumPy's counterpart of split: SeedSequence.spawn (the same for both APIs)."""
    def states(children):
        return [tuple(c.generate_state(4)) for c in children]

    parent = np.random.SeedSequence(int(seed))
    first, again = states(parent.spawn(n)), states(np.random.SeedSequence(int(seed)).spawn(n))
    everything = [*first, tuple(parent.generate_state(4))]
    return np.array([first == again, len(set(everything)) == n + 1])


def numpy_sequential_draws_match(seed, n: int, distribution: str, api: str):
    """n single draws from a seeded generator equal one draw of size n from the same seed."""
    draw = DISTRIBUTIONS[distribution].numpy
    singles = numpy_generator(seed, api)
    return np.array_equal(draw(numpy_generator(seed, api), n), [draw(singles, None) for _ in range(n)])


def _case(name: str, fn: Callable, reference: Callable, arg_names: tuple[str, ...], tag: str) -> Case:
    # Both sides are functions of this library: a reproducer imports them, so that it runs as pasted.
    args = ", ".join(arg_names)
    return Case(name=name, area=AREA, fn=fn, source=f"{fn.__name__}(jnp, {args})",
                numpy_reference=reference, numpy_source=f"{reference.__name__}({args})",
                imports=(f"from conformance.cases.prng import {fn.__name__}, {reference.__name__}",),
                arg_names=arg_names, tags=frozenset({tag}))


SAME_KEY = _case("same key, same draws", same_key_same_draws, numpy_same_seed_same_draws,
                 ("seed", "n", "distribution", "api"), "same-key")
SPLIT = _case("split: deterministic, distinct keys", split_is_deterministic_and_distinct,
              numpy_spawn_is_deterministic_and_distinct, ("seed", "n", "api"), "split")
SEQUENTIAL = _case("sequential equivalence", sequential_draws_match, numpy_sequential_draws_match,
                   ("seed", "n", "distribution", "api"), "sequential-equivalence")

ALL: tuple[Case, ...] = (SAME_KEY, SPLIT, SEQUENTIAL)

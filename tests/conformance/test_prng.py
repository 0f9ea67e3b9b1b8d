"""PRNG: NumPy's sequential equivalence, and JAX's keys: the same key gives the same draws, split is
deterministic and gives distinct keys, and there is no sequential equivalence (a documented property,
asserted for continuous distributions, where a coincidence has probability 0)."""

import jax
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance import reach
from conformance.cases import prng as cases
from conformance.check import check
from conformance.combine import PRNG_FINGERPRINT
from conformance.recorder import active

pytestmark = pytest.mark.conformance

NO_SEQUENTIAL_EQUIVALENCE = "known:PRNG-NO-SEQUENTIAL-EQUIVALENCE"

seeds = st.integers(0, 2**32 - 1).map(lambda s: np.array(s, dtype=np.uint32))  # traced under jit
sizes = st.integers(1, 3)  # every size is a compile
apis = st.sampled_from(cases.APIS)  # PRNGKey (with RandomState) and typed keys (with default_rng)
distributions = st.sampled_from(list(cases.DISTRIBUTIONS))
# On the JAX side, gamma and poisson (rejection loops) compile for about a second per shape; the key
# properties do not depend on a distribution's algorithm, so JAX is checked on the direct samplers.
direct_samplers = st.sampled_from([d for d in cases.DISTRIBUTIONS if not d.startswith(("gamma", "poisson"))])


@settings(max_examples=settings.default.max_examples * 5)  # NumPy only: nothing compiles
@given(seed=seeds, n=st.integers(1, 16), distribution=distributions, api=apis)
def test_numpy_is_sequentially_equivalent(seed, n, distribution, api):
    """NumPy's own guarantee, which the comparison below relies on: n single draws are one draw of n."""
    assert cases.numpy_sequential_draws_match(seed, n, distribution, api), (
        f"np.random ({api}) {distribution}: {n} single draws differ from one draw of size {n}, seed {seed}")


KEY_FEATURES = (*(f"api: {api}" for api in cases.APIS), "one draw", "several draws")


def _reached_keys(n: int, api: str) -> None:
    reach.reached(f"api: {api}", "one draw" if n == 1 else "several draws")


@reach.declare(*KEY_FEATURES)
@given(seed=seeds, n=sizes, distribution=direct_samplers, api=apis)
def test_same_key_gives_same_draws(xp, seed, n, distribution, api):
    _reached_keys(n, api)
    check(cases.SAME_KEY, seed, n, distribution, api, xp=xp)


@reach.declare(*KEY_FEATURES)
@given(seed=seeds, n=sizes, api=apis)
def test_split_is_deterministic_and_distinct(xp, seed, n, api):
    _reached_keys(n, api)
    check(cases.SPLIT, seed, n, api, xp=xp)


@reach.declare(*KEY_FEATURES)
@given(seed=seeds, n=sizes, distribution=direct_samplers, api=apis)
def test_no_sequential_equivalence(xp, seed, n, distribution, api):
    _reached_keys(n, api)
    verdicts = check(cases.SEQUENTIAL, seed, n, distribution, api, xp=xp)
    if cases.DISTRIBUTIONS[distribution].continuous:
        unexpected = [str(v) for v in verdicts if str(v) != NO_SEQUENTIAL_EQUIVALENCE]
        assert not unexpected, (
            f"jax.random ({api}) {distribution}: a draw of shape ({n},) equals the draws from "
            f"{n} split keys ({', '.join(unexpected)}); JAX documents that it does not")




@pytest.mark.parametrize("api", cases.APIS)
@pytest.mark.parametrize("distribution", [d for d in cases.DISTRIBUTIONS
                                          if not d.startswith(("gamma", "poisson"))])
def test_fixed_key_fingerprint(xp, distribution, api):
    """NumPy has no counterpart (other algorithms), so the draws go into the report's fingerprint table,
    with the PRNG implementation; what is asserted is that jit does not change them."""
    random = cases.random_of(xp)
    eager = cases.fingerprint(random, distribution, api, jit=False)
    jitted = cases.fingerprint(random, distribution, api, jit=True)
    np.testing.assert_allclose(jitted, eager, rtol=1e-6,
                               err_msg=f"{distribution} ({api}): jit changes the draws")
    impl = jax.config.jax_default_prng_impl
    active().record_cell(PRNG_FINGERPRINT, distribution, f"{api} keys ({impl})",
                         " ".join(f"{v:.7g}" for v in eager.tolist()), keep="last",
                         title=cases.FINGERPRINT_TITLE)

"""jax.random's samplers against NumPy's Generator: every argument's dtype, shape, support and refusals;
each distribution by a two-sample test at a fixed false-alarm rate (conformance/cases/samplers.py says
which test, which rate and how it is split); and what jax_threefry_partitionable changes.

Fixed keys and seeds: no Hypothesis, every run checks the same draws.
"""

import jax
import numpy as np
import pytest

from conformance import reach
from conformance.cases import prng
from conformance.cases import samplers as cases
from conformance.check import check
from conformance.combine import PRNG_FINGERPRINT
from conformance.recorder import active

pytestmark = pytest.mark.conformance

SUPPORT_SEED = 7
FIT_TABLE = "sampler-fit"
FIT_TITLE = (f"Samplers against NumPy's Generator: two-sample test statistic of {cases.FIT_SIZE} draws "
             f"(key and default_rng of seed {cases.FIT_SEED}) and its critical value at "
             f"alpha = {cases.ALPHA:.3g} (false-alarm rate {cases.FALSE_ALARM_RATE:g} per run, Bonferroni)")


def _variant_id(variant) -> str:
    sampler, params, shape, dtype = variant
    options = ",".join(f"{k}={v}" for k, v in params.items() if k not in ("population", "logits"))
    return f"{sampler}[{options}]{list(shape)}{dtype or ''}"[:90]


SUPPORT_REACH = ("agrees with NumPy", "a known divergence", "both refuse")


@pytest.mark.parametrize("variant", cases.VARIANTS, ids=[_variant_id(v) for v in cases.VARIANTS])
@reach.declare(across_cases=SUPPORT_REACH)  # the table keeps arguments of every kind
def test_dtype_shape_and_support(xp, variant):
    sampler, params, shape, dtype = variant
    (verdict,) = check(cases.SUPPORT, sampler, params, shape, dtype, SUPPORT_SEED, xp=xp)
    reach.reached("both refuse" if verdict.both_raised else
                  "agrees with NumPy" if verdict.status == "agree" else "a known divergence")


@pytest.mark.parametrize("sampler", cases.FITS)
def test_distribution_fits_numpy(xp, sampler):
    """The case asserts the verdict; the statistic goes into the report's table (a failing one too)."""
    fit = cases.jax_fit(xp, sampler, cases.FIT_SEED)
    active().record_cell(FIT_TABLE, sampler, "jax" if jax.config.jax_enable_x64 is False else "jax (x64)",
                         str(fit), keep="last", title=FIT_TITLE)
    check(cases.FIT, sampler, cases.FIT_SEED, xp=xp)


def _keys() -> str:
    """The fingerprint table's column, as test_prng.py names it for typed keys."""
    return f"new keys ({jax.config.jax_default_prng_impl})"


# -- jax_threefry_partitionable ------------------------------------------------------------------------
@pytest.mark.parametrize("partitionable", [True, False], ids=["partitionable", "not-partitionable"])
def test_prefix_of_a_larger_draw(xp, partitionable):
    """NumPy's first m of n draws are its draw of m; JAX's are with the flag on and are not with it off
    (PRNG-PREFIX-NOT-SMALLER-DRAW). The fact goes into the PRNG fingerprint."""
    check(cases.PREFIX, cases.FIT_SEED, 6, 3, partitionable, xp=xp)
    same = bool(cases.prefix_is_smaller_draw(xp, prng.FINGERPRINT_SEED, 6, 3, partitionable))
    active().record_cell(PRNG_FINGERPRINT, f"uniform(key, (6,))[:3] == uniform(key, (3,)), "
                         f"threefry_partitionable={partitionable}", _keys(),
                         "yes" if same else "no", keep="last", title=prng.FINGERPRINT_TITLE)


FLAG_SAMPLERS = ("uniform", "normal", "randint(0, 10)")


def _flag_draws(random, name: str, partitionable: bool) -> np.ndarray:
    with jax.threefry_partitionable(partitionable):
        key = random.key(prng.FINGERPRINT_SEED)
        if name == "uniform":
            return np.asarray(random.uniform(key, prng.FINGERPRINT_SHAPE))
        if name == "normal":
            return np.asarray(random.normal(key, prng.FINGERPRINT_SHAPE))
        return np.asarray(random.randint(key, prng.FINGERPRINT_SHAPE, 0, 10))


@pytest.mark.parametrize("name", FLAG_SAMPLERS)
def test_partitionable_flag_changes_the_draws(xp, name):
    """The same key gives other draws with jax_threefry_partitionable on and off (its default changed
    to on in JAX 0.5.0: https://github.com/jax-ml/jax/discussions/18480); both go into the fingerprint."""
    random = prng.random_of(xp)
    on, off = _flag_draws(random, name, True), _flag_draws(random, name, False)
    for flag, draws in ((True, on), (False, off)):
        active().record_cell(PRNG_FINGERPRINT, f"{name}, threefry_partitionable={flag}", _keys(),
                             " ".join(f"{v:.7g}" for v in draws.tolist()), keep="last",
                             title=prng.FINGERPRINT_TITLE)
    assert not np.array_equal(on, off), (
        f"jax.random {name}: the same key gives the same draws with jax_threefry_partitionable on and "
        f"off ({on}); JAX documents a one-time change of every draw")

"""jax.random with one planted bug each (tests/conformance/test_samplers.py): the ones the issue names (a
randint whose upper bound is inclusive, a normal with the wrong scale, a choice that ignores p, a
permutation that is not a permutation), and next to each entry of conformance/catalogue/samplers.py one
that does what NumPy does (the entry then vanishes)."""

import jax
import jax.numpy as jnp
import numpy as np

from tests.harness.broken import BrokenNamespace


class _Random:
    """jax.random, except for the samplers given as keywords."""

    def __init__(self, **overrides):
        self.__dict__.update(overrides)

    def __getattr__(self, name):
        return getattr(jax.random, name)


def _broken(name: str, **overrides) -> BrokenNamespace:
    return BrokenNamespace(name, random=_Random(**overrides))


def _randint_inclusive(key, shape, minval, maxval, dtype=None):
    return jax.random.randint(key, shape, minval, maxval + 1, **({} if dtype is None else {"dtype": dtype}))


def _normal_wide(key, shape=(), dtype=None):
    return 1.5 * jax.random.normal(key, shape, **({} if dtype is None else {"dtype": dtype}))


def _choice_without_p(key, a, shape=(), replace=True, p=None, axis=0):
    return jax.random.choice(key, a, shape, replace=replace, axis=axis)


def _permutation_with_repeats(key, x, axis=0, independent=False):
    """A permutation whose second element (slice along `axis`) is a copy of its first: the right shape,
    one element twice, one missing."""
    drawn = jnp.moveaxis(jax.random.permutation(key, x, axis=axis, independent=independent), axis, 0)
    return jnp.moveaxis(drawn.at[1].set(drawn[0]), 0, axis)


def _refuses(check, error, message):
    """A sampler that raises like NumPy where `check(*args, **kwargs)` holds, else jax.random's."""
    def wrap(sampler):
        def draw(*args, **kwargs):
            if check(*args, **kwargs):
                raise error(message)
            return sampler(*args, **kwargs)
        return draw
    return wrap


def _bounds_outside(key, shape, minval, maxval, dtype=None):
    info = np.iinfo(dtype or jnp.int_)
    return not (info.min <= minval and maxval <= info.max + 1)


def _randint_wide_bounds(key, shape, minval, maxval, dtype=None):
    """NumPy's integers for a bound beyond int32 (what x64 off cannot parse)."""
    if not -2**31 <= maxval < 2**31:
        return jnp.asarray(np.random.default_rng(0).integers(minval, maxval, shape, dtype=dtype))
    return jax.random.randint(key, shape, minval, maxval, dtype=dtype)


def _binomial_ints(key, n, p, shape=None, dtype=None):
    return jax.random.binomial(key, n, p, shape).astype(jnp.int_)


def _multinomial_batch_shape(key, n, p, shape=None, dtype=None):
    """NumPy's size: the batch shape, the event axis appended (and NumPy's integer counts, so that the
    float-counts entry does not explain the example first)."""
    shape = None if shape is None else (*shape, p.shape[-1])
    return jax.random.multinomial(key, n, p, shape=shape).astype(jnp.int_)


def _half_precision(dtype) -> bool:
    return dtype is not None and np.dtype(dtype).itemsize == 2


def _prefix_consistent_uniform(key, shape=(), dtype=None, minval=0.0, maxval=1.0):
    """Draws as the partitionable threefry does, whatever the flag says."""
    with jax.threefry_partitionable(True):
        return jax.random.uniform(key, shape, minval=minval, maxval=maxval,
                                  **({} if dtype is None else {"dtype": dtype}))


def _uniform_in_float64(key, shape=(), dtype=None, minval=0.0, maxval=1.0):
    """NumPy's float64 arithmetic for the range, the draws cast to float32 (x64 off)."""
    u = np.asarray(jax.random.uniform(key, shape), np.float64)
    return jnp.asarray((minval + (maxval - minval) * u).astype(np.float32))


RANDINT_INCLUSIVE = _broken("randint whose upper bound is inclusive", randint=_randint_inclusive)
NORMAL_WRONG_SCALE = _broken("normal with standard deviation 1.5", normal=_normal_wide)
CHOICE_IGNORES_P = _broken("choice that ignores p", choice=_choice_without_p)
PERMUTATION_WITH_REPEATS = _broken("permutation that draws with replacement",
                                   permutation=_permutation_with_repeats)

# -- like NumPy, next to each entry -----------------------------------------------------------------------
RANDINT_REFUSES_OUT_OF_BOUNDS = _broken(
    "randint that refuses bounds beyond its dtype",
    randint=_refuses(_bounds_outside, ValueError, "low is out of bounds")(jax.random.randint))
RANDINT_REFUSES_EMPTY_RANGE = _broken(
    "randint that refuses maxval <= minval",
    randint=_refuses(lambda key, shape, minval, maxval, dtype=None: maxval <= minval, ValueError,
                     "low >= high")(jax.random.randint))
RANDINT_WIDE_BOUNDS = _broken("randint that takes a bound beyond int32 with x64 off",
                              randint=_randint_wide_bounds)
CHOICE_CHECKS_P = _broken(
    "choice that refuses p not summing to 1",
    choice=_refuses(lambda key, a, shape=(), replace=True, p=None, axis=0:
                    p is not None and not np.isclose(float(np.sum(p)), 1.0), ValueError,
                    "probabilities do not sum to 1")(jax.random.choice))
BINOMIAL_INTS = _broken("binomial that returns integer counts", binomial=_binomial_ints)
MULTINOMIAL_BATCH_SHAPE = _broken("multinomial whose shape is the batch shape",
                                  multinomial=_multinomial_batch_shape)
UNIFORM_REFUSES_HALF = _broken(
    "uniform that refuses float16",
    uniform=_refuses(lambda key, shape=(), dtype=None, **_: _half_precision(dtype), TypeError,
                     "Unsupported dtype")(jax.random.uniform))
UNIFORM_TYPEERROR = _broken(
    "uniform that refuses an integer dtype with TypeError",
    uniform=_refuses(lambda key, shape=(), dtype=None, **_: dtype is not None and np.dtype(dtype).kind != "f",
                     TypeError, "Unsupported dtype")(jax.random.uniform))
PREFIX_CONSISTENT = _broken("uniform that is partitionable whatever the flag",
                            uniform=_prefix_consistent_uniform)
UNIFORM_REFUSES_INFINITE_BOUNDS = _broken(
    "uniform that refuses an infinite bound",
    uniform=_refuses(lambda key, shape=(), dtype=None, minval=0.0, maxval=1.0:
                     not (np.isfinite(minval) and np.isfinite(maxval)), OverflowError,
                     "high - low range exceeds valid bounds")(jax.random.uniform))
UNIFORM_IN_FLOAT64 = _broken("uniform that scales in float64 with x64 off", uniform=_uniform_in_float64)

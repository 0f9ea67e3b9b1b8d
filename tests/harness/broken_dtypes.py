"""Namespaces with one planted bug each, for the dtypes, promotion and PRNG areas."""

import jax
import jax.numpy as jnp
import numpy as np

from tests.harness.broken import BrokenNamespace


def _zeros_float64_default(shape, dtype=None):
    """zeros that defaults to float64 whatever the x64 mode (a NumPy array: JAX could not hold it)."""
    return np.zeros(shape, np.float64 if dtype is None else dtype)


def _zeros_float32_default(shape, dtype=None):
    """zeros that defaults to float32 even with x64 on (the x64-off default, kept by mistake)."""
    return jnp.zeros(shape, jnp.float32 if dtype is None else dtype)


def _add_value_based(a, b):
    """NumPy 1.x's value-based casting for Python scalars: the smallest dtype that holds the value
    (int8 array + 300 is int16), instead of the array's dtype."""
    a = jnp.asarray(a)
    if type(b) in (int, float, complex):
        legacy = np.result_type(a.dtype, np.min_scalar_type(b))
        return jnp.add(a.astype(legacy), jnp.asarray(b, legacy))
    return jnp.add(a, b)


class _GlobalStateRandom:
    """jax.random whose samplers ignore the key and advance one hidden generator, as np.random does."""

    def __init__(self):
        self._state = np.random.RandomState(0)

    def __getattr__(self, name):
        return getattr(jax.random, name)

    def uniform(self, key, shape=()):
        return jnp.asarray(self._state.uniform(size=shape), jnp.float32)

    def normal(self, key, shape=()):
        return jnp.asarray(self._state.normal(size=shape), jnp.float32)

    def exponential(self, key, shape=()):
        return jnp.asarray(self._state.exponential(size=shape), jnp.float32)

    def randint(self, key, shape, minval, maxval):
        return jnp.asarray(self._state.randint(minval, maxval, size=shape), jnp.int32)


def _sequentially(sampler):
    def draw(key, shape=(), *args):
        if shape == ():
            return sampler(key, (), *args)
        return jnp.stack([sampler(k, (), *args) for k in jax.random.split(key, shape[0])])
    return draw


class _SequentialRandom:
    """jax.random made sequentially equivalent: a draw of shape (n,) is the n draws from split keys."""

    def __getattr__(self, name):
        return getattr(jax.random, name)

    uniform = staticmethod(_sequentially(jax.random.uniform))
    normal = staticmethod(_sequentially(jax.random.normal))
    exponential = staticmethod(_sequentially(jax.random.exponential))
    randint = staticmethod(_sequentially(jax.random.randint))


FLOAT64_DEFAULT = BrokenNamespace("zeros defaults to float64 with x64 off", zeros=_zeros_float64_default)
FLOAT32_DEFAULT = BrokenNamespace("zeros defaults to float32 with x64 on", zeros=_zeros_float32_default)
NUMPY_PROMOTE_TYPES = BrokenNamespace("promote_types follows NumPy's table",
                                      promote_types=np.promote_types)
VALUE_BASED_SCALARS = BrokenNamespace("add casts Python scalars by value (NumPy 1.x)", add=_add_value_based)
GLOBAL_STATE_PRNG = BrokenNamespace("jax.random with a hidden global state", random=_GlobalStateRandom())
SEQUENTIAL_PRNG = BrokenNamespace("jax.random made sequentially equivalent", random=_SequentialRandom())

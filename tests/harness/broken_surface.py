"""Namespaces with one planted API-surface bug each: jax.numpy with a function hidden or its signature
changed (conformance/surface.py must find each)."""

import jax.numpy as jnp

from tests.harness.broken import BrokenNamespace


class WithoutFunction(BrokenNamespace):
    """jax.numpy without the function `hidden` (an AttributeError, as for a function JAX lacks)."""

    def __init__(self, hidden: str):
        super().__init__(f"no jnp.{hidden}")
        self.hidden = hidden

    def __getattr__(self, attribute):
        if attribute == self.__dict__.get("hidden"):
            raise AttributeError(f"module 'jax.numpy' has no attribute {attribute!r}")
        return getattr(jnp, attribute)


def _sum_with_axes(a, axes=None, dtype=None, out=None, keepdims=False, initial=None, where=None,
                   promote_integers=True):
    """jnp.sum with its `axis` parameter renamed `axes` (a caller's sum(x, axis=0) would fail)."""
    return jnp.sum(a, axes, dtype, out, keepdims, initial, where, promote_integers)


def _put_like_numpy(a, ind, v, mode="raise"):
    """jnp.put with NumPy's signature: the documented inplace parameter (API-INPLACE) is gone."""
    return jnp.put(a, ind, v, mode=None if mode == "raise" else mode, inplace=False)


MISSING_FUNCTION = WithoutFunction("cumsum")
RENAMED_PARAMETER = BrokenNamespace("sum(a, axes=None, ...)", sum=_sum_with_axes)
NUMPY_SIGNATURE_OF_PUT = BrokenNamespace("put(a, ind, v, mode='raise')", put=_put_like_numpy)

"""Namespaces with one planted bug each, for the casts and non-array inputs areas."""

import jax.numpy as jnp
import numpy as np

from conformance.strategies import BFLOAT16, kind_of
from tests.harness.broken import BrokenNamespace


def _astype_wrapping(a, dtype):
    """astype that wraps a float past an integer type's range modulo 2**bits (300.5 to int8 is 44, -1.5
    to uint8 is 255, as NumPy gives on x86-64), where JAX saturates; NaN and infinities give 0."""
    a = jnp.asarray(a)
    target = BFLOAT16 if dtype == "bfloat16" else np.dtype(dtype)
    if kind_of(a.dtype) not in "fc" or target.kind not in "iu":
        return jnp.astype(a, dtype)
    canonical = jnp.zeros((), dtype).dtype  # int64 is int32 with x64 off
    info = np.iinfo(canonical)
    real = jnp.real(a)
    whole = jnp.trunc(jnp.where(jnp.isfinite(real), real, 0))
    modulus = 2.0 ** (8 * canonical.itemsize)
    return jnp.astype(whole - modulus * jnp.floor((whole - info.min) / modulus), dtype)


def _sum_of_anything(a, *args, **kwargs):
    """sum that converts its argument with asarray, as NumPy does: a list is accepted."""
    return jnp.sum(jnp.asarray(a), *args, **kwargs)


WRAPPING_ASTYPE = BrokenNamespace("astype wraps out-of-range floats where JAX saturates",
                                  astype=_astype_wrapping)
LIST_ACCEPTING_SUM = BrokenNamespace("sum accepts a list where JAX raises TypeError", sum=_sum_of_anything)

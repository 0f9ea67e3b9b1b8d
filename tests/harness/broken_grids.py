"""Namespaces with one planted bug each that a special-value grid catches with its single example."""

import jax.numpy as jnp

from tests.harness.broken import BrokenNamespace


def _is_subnormal(x):
    x = jnp.asarray(x)
    return (x != 0) & (jnp.abs(x) < jnp.finfo(x.dtype).tiny)


def _multiply_nan_at_subnormals(a, b):
    """NaN wherever a real float operand is subnormal (a broken denormal path)."""
    out = jnp.multiply(a, b)
    return jnp.where(_is_subnormal(a) | _is_subnormal(b), jnp.nan, out)


def _maximum_ignores_nan(a, b):
    """The other operand where one is NaN (fmax's rule in maximum, which must propagate NaN)."""
    return jnp.fmax(a, b)


MULTIPLY_NAN_AT_SUBNORMALS = BrokenNamespace("multiply gives NaN where an operand is subnormal",
                                             multiply=_multiply_nan_at_subnormals)
MAXIMUM_IGNORES_NAN = BrokenNamespace("maximum returns the operand that is not NaN",
                                      maximum=_maximum_ignores_nan)

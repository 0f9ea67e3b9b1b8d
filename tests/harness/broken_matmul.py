"""Namespaces with one planted matmul bug each: jax.numpy with a single product replaced."""

import jax.numpy as jnp

from tests.harness.broken import BrokenNamespace


def _matmul_keeps_prepended_dimension(a, b, **kwargs):
    """Prepends a 1 to a 1-D first operand, as matmul must, but forgets to remove it afterwards."""
    a = jnp.asarray(a)
    if a.ndim == 1:
        return jnp.matmul(a[None, :], b, **kwargs)
    return jnp.matmul(a, b, **kwargs)


def _dot_widens_integers(a, b):
    """Accumulates integer products in int32 and returns the accumulator (a dtype bug)."""
    out = jnp.dot(a, b)
    return out.astype(jnp.int32) if jnp.issubdtype(out.dtype, jnp.integer) else out


def _matmul_rounds_to_bfloat16(a, b, **kwargs):
    """Rounds float32 operands to bfloat16 before multiplying (a TPU's default precision on a CPU)."""
    a, b = jnp.asarray(a), jnp.asarray(b)
    if a.dtype == jnp.float32 and b.dtype == jnp.float32:
        a, b = a.astype(jnp.bfloat16).astype(jnp.float32), b.astype(jnp.bfloat16).astype(jnp.float32)
    return jnp.matmul(a, b, **kwargs)


def _matmul_lenient(a, b, **kwargs):
    """dot's rule for 0-d operands (multiply), and contracts over the shorter length where sizes differ."""
    a, b = jnp.asarray(a), jnp.asarray(b)
    if a.ndim == 0 or b.ndim == 0:
        return jnp.multiply(a, b)
    k_a, k_b = a.shape[-1], b.shape[0] if b.ndim == 1 else b.shape[-2]
    k = min(k_a, k_b)
    a = a[..., :k]
    b = b[:k] if b.ndim == 1 else b[..., :k, :]
    return jnp.matmul(a, b, **kwargs)


def _matmul_transposes_square_matrices(a, b, **kwargs):
    """Transposes a square second operand, or each matrix of a stack of them (swapped core axes)."""
    b = jnp.asarray(b)
    if b.ndim >= 2 and b.shape[-1] == b.shape[-2]:
        b = jnp.swapaxes(b, -1, -2)
    return jnp.matmul(a, b, **kwargs)


SHAPE_RULE = BrokenNamespace("matmul keeps the dimension it prepends to a 1-D operand",
                             matmul=_matmul_keeps_prepended_dimension)
DTYPE_RULE = BrokenNamespace("dot of integers returns int32", dot=_dot_widens_integers)
BEYOND_BOUND = BrokenNamespace("matmul rounds float32 operands to bfloat16",
                               matmul=_matmul_rounds_to_bfloat16)
ERROR_PARITY = BrokenNamespace("matmul accepts 0-d operands and contracted sizes that differ",
                               matmul=_matmul_lenient)
SWAPPED_AXES = BrokenNamespace("matmul transposes square second operands",
                               matmul=_matmul_transposes_square_matrices)

"""Namespaces with one planted bug each: jax.numpy with a single function replaced."""

from types import SimpleNamespace

import jax.numpy as jnp


class BrokenNamespace(SimpleNamespace):
    """jax.numpy, except for the functions given as keywords. `name` says what was planted."""

    def __init__(self, name: str, **overrides):
        super().__init__(**overrides)
        self.planted = name

    def __getattr__(self, attribute):
        return getattr(jnp, attribute)

    def __repr__(self):
        return f"<jax.numpy with a planted bug: {self.planted}>"

    __hash__ = object.__hash__


def _align_left(a, b):
    """The classic broadcasting bug: pad the shorter shape on the right instead of the left."""
    a, b = jnp.asarray(a), jnp.asarray(b)
    if a.ndim < b.ndim:
        a = a.reshape(a.shape + (1,) * (b.ndim - a.ndim))
    elif b.ndim < a.ndim:
        b = b.reshape(b.shape + (1,) * (a.ndim - b.ndim))
    return jnp.multiply(a, b)


def _subtract_swapped(a, b):
    """Swaps its operands when their shapes differ (a broadcasting path that lost track of order)."""
    if jnp.shape(a) != jnp.shape(b):
        return jnp.subtract(b, a)
    return jnp.subtract(a, b)


def _true_divide_keeps_ints(a, b):
    """Python 2 semantics: integer inputs give an integer result."""
    a, b = jnp.asarray(a), jnp.asarray(b)
    if jnp.issubdtype(a.dtype, jnp.integer) and jnp.issubdtype(b.dtype, jnp.integer):
        return jnp.floor_divide(a, b)
    return jnp.true_divide(a, b)


def _add_lenient(a, b):
    """Accepts shapes that do not broadcast by resizing the second operand (np.resize semantics)."""
    a, b = jnp.asarray(a), jnp.asarray(b)
    try:
        jnp.broadcast_shapes(a.shape, b.shape)
    except (ValueError, TypeError):
        b = jnp.resize(b, a.shape) if b.size else jnp.zeros(a.shape, b.dtype)
    return jnp.add(a, b)


def _broadcast_to_left_aligned(a, shape):
    """Aligns the array's shape with the target's from the left (pads trailing 1s)."""
    a = jnp.asarray(a)
    if a.ndim < len(shape):
        a = a.reshape(a.shape + (1,) * (len(shape) - a.ndim))
    return jnp.broadcast_to(a, shape)


SHAPE_RULE = BrokenNamespace("multiply aligns shapes on the left", multiply=_align_left)
VALUES = BrokenNamespace("subtract swaps operands of different shapes", subtract=_subtract_swapped)
DTYPE_RULE = BrokenNamespace("true_divide of ints returns ints", true_divide=_true_divide_keeps_ints)
ERROR_PARITY = BrokenNamespace("add accepts shapes that do not broadcast", add=_add_lenient)
SHAPE_FUNCTION = BrokenNamespace("broadcast_to aligns shapes on the left",
                                 broadcast_to=_broadcast_to_left_aligned)

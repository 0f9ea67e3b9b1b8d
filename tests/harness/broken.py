"""Namespaces with one planted bug each: jax.numpy with a single function replaced."""

from types import SimpleNamespace

import jax
import jax.numpy as jnp
import numpy as np


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


def through_numpy(name, dtype=None):
    """jnp's function `name` computed by NumPy's (a host callback, so that jit traces it), in JAX's shape
    and dtype (or `dtype`): what NumPy does, for a plant that makes an entry vanish. A dtype= option asks
    for JAX's accumulator (32 bits with x64 off); initial=None is not passed. Not for subnormals: XLA runs
    the callback with its flush-to-zero modes, so NumPy there reads them as zeros (`on_the_host`)."""
    def fn(a, **options):
        shape = jax.eval_shape(lambda x: getattr(jnp, name)(x, **options), jnp.asarray(a))
        shape = jax.ShapeDtypeStruct(shape.shape, dtype or shape.dtype)
        numpy_options = dict(options)
        if numpy_options.get("dtype") is not None:
            numpy_options["dtype"] = shape.dtype
        if numpy_options.get("initial", 0) is None:
            del numpy_options["initial"]

        def host(x):
            with np.errstate(all="ignore"):
                return np.asarray(getattr(np, name)(np.asarray(x), **numpy_options)).astype(shape.dtype)
        return jax.pure_callback(host, shape, a)
    return fn


def on_the_host(name):
    """NumPy's function `name` on the concrete values, eagerly (no callback: subnormals as NumPy reads
    them); a check with it runs in eager mode only."""
    return lambda a, **options: jnp.asarray(getattr(np, name)(np.asarray(a), **options))


def _multiply_max_rule(a, b):
    """A result shape from the max of the aligned sizes, so 1 against 0 gives 1, not 0 (an empty
    result becomes a non-empty one); every other shape and every value is right."""
    a, b = jnp.asarray(a), jnp.asarray(b)
    out = jnp.multiply(a, b)
    sa, sb = (1,) * (out.ndim - a.ndim) + a.shape, (1,) * (out.ndim - b.ndim) + b.shape
    wrong = tuple(max(x, y) for x, y in zip(sa, sb, strict=True))
    return out if wrong == out.shape else jnp.zeros(wrong, out.dtype)


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


SHAPE_RULE = BrokenNamespace("multiply sizes its result by max(sizes)", multiply=_multiply_max_rule)
VALUES = BrokenNamespace("subtract swaps operands of different shapes", subtract=_subtract_swapped)
DTYPE_RULE = BrokenNamespace("true_divide of ints returns ints", true_divide=_true_divide_keeps_ints)
ERROR_PARITY = BrokenNamespace("add accepts shapes that do not broadcast", add=_add_lenient)
SHAPE_FUNCTION = BrokenNamespace("broadcast_to aligns shapes on the left",
                                 broadcast_to=_broadcast_to_left_aligned)


# Every example of `add` is a NEW values divergence (report and spool tests need one that always fires).
ADD_OFF_BY_ONE = BrokenNamespace("add returns one more", add=lambda a, b: jnp.add(a, b) + 1)

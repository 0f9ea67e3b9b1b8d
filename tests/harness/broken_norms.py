"""Namespaces with one planted bug in the norms, products and views of jax.numpy.linalg
(registry/norms.py): the ones the issue names (a vector_norm that ignores ord, a norm whose keepdims
drops the axis, a cross of the wrong sign, a multi_dot in reverse order), a matrix norm off by a relative
2**-10 (the SVD bound is tight enough), and next to each entry of `conformance/catalogue/norms.py` that a
jnp-made function can undo, one that does what NumPy does (the entry then vanishes)."""

from types import SimpleNamespace

import jax
import jax.numpy as jnp
import numpy as np

from tests.harness.broken import BrokenNamespace


class _Linalg(SimpleNamespace):
    """jax.numpy.linalg, except for the functions given as keywords."""

    def __getattr__(self, attribute):
        return getattr(jnp.linalg, attribute)


def linalg(name: str, **overrides) -> BrokenNamespace:
    """jax.numpy with `overrides` planted in its linalg namespace."""
    return BrokenNamespace(name, linalg=_Linalg(**overrides))


def _vector_norm_ignoring_ord(x, *, axis=None, keepdims=False, ord=2):
    return jnp.linalg.vector_norm(x, axis=axis, keepdims=keepdims)


def _norm_dropping_keepdims(x, ord=None, axis=None, keepdims=False):
    return jnp.linalg.norm(x, ord=ord, axis=axis)


def _cross_of_wrong_sign(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):
    return -jnp.cross(a, b, axisa=axisa, axisb=axisb, axisc=axisc, axis=axis)


def _multi_dot_reversed(arrays, *, precision=None):
    return jnp.linalg.multi_dot(list(arrays)[::-1])


def _matrix_norm_off(x, *, keepdims=False, ord="fro"):
    result = jnp.linalg.matrix_norm(x, keepdims=keepdims, ord=ord)
    return result * jnp.asarray(1 + 2.0**-10).astype(result.dtype)


def _vector_norm_off_by_tiny(x, *, axis=None, keepdims=False, ord=2):
    result = jnp.linalg.vector_norm(x, axis=axis, keepdims=keepdims, ord=ord)
    return result + 8 * jnp.finfo(result.dtype).tiny


# what NumPy does, where an entry says JAX differs
def _kron_of_bool_as_and(a, b):
    a, b = jnp.asarray(a), jnp.asarray(b)
    if a.dtype == jnp.bool_ and b.dtype == jnp.bool_:
        return jnp.kron(a.astype(jnp.int8), b.astype(jnp.int8)) > 0
    return jnp.kron(a, b)


def _tensordot_indexerror(x1, x2, /, *, axes=2):
    if isinstance(axes, int) and axes > min(jnp.ndim(x1), jnp.ndim(x2)):
        raise IndexError("tuple index out of range")
    return jnp.linalg.tensordot(x1, x2, axes=axes)


def _vecdot_axiserror(x1, x2, /, *, axis=-1):
    if not -jnp.ndim(x1) <= axis < jnp.ndim(x1):
        raise np.exceptions.AxisError(axis, jnp.ndim(x1))
    return jnp.linalg.vecdot(x1, x2, axis=axis)


def _norm_refusing_repeated_axes(x, ord=None, axis=None, keepdims=False):
    if isinstance(axis, tuple) and len(axis) == 2 and axis[0] % jnp.ndim(x) == axis[1] % jnp.ndim(x):
        raise ValueError("Duplicate axes given.")
    return jnp.linalg.norm(x, ord=ord, axis=axis, keepdims=keepdims)


def _matrix_norm_refusing_half(x, *, keepdims=False, ord="fro"):
    if jnp.asarray(x).dtype == jnp.float16 and ord in (2, -2, "nuc"):
        raise TypeError("array type float16 is unsupported in linalg")
    return jnp.linalg.matrix_norm(x, keepdims=keepdims, ord=ord)


def _cross_refusing_to_broadcast(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):
    if axis is not None:
        axisa = axisb = axis
    batch_a = np.delete(np.shape(a), axisa % jnp.ndim(a))
    batch_b = np.delete(np.shape(b), axisb % jnp.ndim(b))
    np.broadcast_shapes(tuple(batch_a), tuple(batch_b))  # NumPy's ValueError: shape mismatch
    return jnp.cross(a, b, axisa=axisa, axisb=axisb, axisc=axisc, axis=axis)


def _cross_checking_axisc_first(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):
    result = jax.eval_shape(lambda a, b: jnp.cross(a, b, axisa=axisa, axisb=axisb, axis=axis),
                            jnp.asarray(a).astype(jnp.float32), jnp.asarray(b).astype(jnp.float32))
    axisc = axis if axis is not None else axisc
    if result.ndim and not -result.ndim <= axisc < result.ndim:
        raise np.exceptions.AxisError(f"axisc: axis {axisc} is out of bounds for array of dimension "
                                      f"{result.ndim}")
    return jnp.cross(a, b, axisa=axisa, axisb=axisb, axisc=axisc, axis=axis)


def _multi_dot_finite_where_not(arrays, *, precision=None):
    result = jnp.linalg.multi_dot(arrays)
    return jnp.where(jnp.isfinite(result), result, 0)


VECTOR_NORM_IGNORES_ORD = linalg("vector_norm ignores ord (the 2-norm always)",
                                 vector_norm=_vector_norm_ignoring_ord)
NORM_DROPS_KEEPDIMS = linalg("norm drops the reduced axes with keepdims=True",
                             norm=_norm_dropping_keepdims)
CROSS_WRONG_SIGN = BrokenNamespace("cross has the wrong sign", cross=_cross_of_wrong_sign)
MULTI_DOT_REVERSED = linalg("multi_dot multiplies in reverse order", multi_dot=_multi_dot_reversed)
MATRIX_NORM_OFF = linalg("matrix_norm is 2**-10 too large", matrix_norm=_matrix_norm_off)
VECTOR_NORM_OFF_BY_TINY = linalg("vector_norm adds 8 times the smallest normal",
                                 vector_norm=_vector_norm_off_by_tiny)
KRON_OF_BOOL = BrokenNamespace("kron of bools is a logical and, as NumPy's", kron=_kron_of_bool_as_and)
TENSORDOT_INDEXERROR = linalg("tensordot raises IndexError for too many axes, as NumPy",
                              tensordot=_tensordot_indexerror)
VECDOT_AXISERROR = linalg("vecdot raises AxisError for an axis out of range, as NumPy",
                          vecdot=_vecdot_axiserror)
NORM_REFUSES_REPEATED_AXES = linalg("norm refuses a repeated axis pair, as NumPy",
                                    norm=_norm_refusing_repeated_axes)
MATRIX_NORM_REFUSES_HALF = linalg("matrix_norm's SVD refuses float16 with TypeError, as NumPy",
                                  matrix_norm=_matrix_norm_refusing_half)
CROSS_REFUSES_TO_BROADCAST = BrokenNamespace("cross raises ValueError where the vectors' other axes do not "
                                             "broadcast, as NumPy", cross=_cross_refusing_to_broadcast)
CROSS_CHECKING_AXISC_FIRST = BrokenNamespace("cross checks axisc before computing, as NumPy",
                                             cross=_cross_checking_axisc_first)
MULTI_DOT_FINITE_WHERE_NOT = linalg("multi_dot gives 0 where its result is not finite",
                                    multi_dot=_multi_dot_finite_where_not)

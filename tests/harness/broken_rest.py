"""Namespaces with one planted bug in a row of the comparisons, bits and selection families
(conformance/registry/comparisons.py, bits.py, selection.py), and the namespaces that do what NumPy does
next to each entry of conformance/catalogue/comparisons.py, bits.py and selection.py, for the entry to
vanish (on the host, eagerly: a check with them runs in eager mode only, but where it says jit)."""

import jax.numpy as jnp
import numpy as np

from conformance.registry.comparisons import isdtype_of_name
from conformance.registry.selection import filled_diagonal, put_along
from tests.harness.broken import BrokenNamespace


def _isclose_ignoring_equal_nan(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    return jnp.isclose(a, b, rtol=rtol, atol=atol, equal_nan=False)


def _array_equal_ignoring_equal_nan(a1, a2, equal_nan=False):
    return jnp.array_equal(a1, a2, equal_nan=False)


def _packbits_other_bitorder(a, axis=None, bitorder="big"):
    return jnp.packbits(a, axis=axis, bitorder="little" if bitorder == "big" else "big")


def _unpackbits_ignoring_count(a, axis=None, count=None, bitorder="big"):
    return jnp.unpackbits(a, axis=axis, bitorder=bitorder)


def _ldexp_one_more(x1, x2):
    return jnp.ldexp(x1, jnp.asarray(x2) + 1)


def _choose_wraps_for_clip(a, choices, mode="raise"):
    return jnp.choose(a, choices, mode="wrap" if mode == "clip" else mode)


def _fill_diagonal_val_backwards(a, val, wrap=False, inplace=True):
    return jnp.fill_diagonal(a, jnp.ravel(jnp.asarray(val))[::-1], wrap=wrap, inplace=inplace)


def _put_along_the_first_axis(arr, indices, values, axis, inplace=True, mode=None):
    return jnp.put_along_axis(arr, indices, values, 0 if axis is not None else None, inplace=inplace)


def _compress_by_the_negated_condition(condition, a, axis=None, **options):
    return jnp.compress(jnp.logical_not(condition), a, axis, **options)


# what NumPy does, where an entry says JAX differs

def _packbits_axis_error(a, axis=None, bitorder="big"):
    ndim = np.ndim(a)
    if axis is not None and not -ndim <= axis < ndim:
        raise np.exceptions.AxisError(axis, ndim)
    return jnp.packbits(a, axis=axis, bitorder=bitorder)


def _unpackbits_on_the_host(a, axis=None, count=None, bitorder="big"):
    return jnp.asarray(np.unpackbits(np.asarray(a), axis=axis, count=count, bitorder=bitorder))


def _ldexp_on_the_host(x1, x2):
    return jnp.asarray(np.ldexp(np.asarray(x1), np.asarray(x2)))


def _isclose_on_the_host(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    return jnp.asarray(np.isclose(np.asarray(a), np.asarray(b), rtol=rtol, atol=atol, equal_nan=equal_nan))


def _choose_raise_clipped(a, choices, mode="raise"):
    """mode='raise' read as 'clip' (no refusal under jit): NumPy's result for valid indices."""
    return jnp.choose(a, choices, mode="clip" if mode == "raise" else mode)


def _choose_on_the_host(a, choices, mode="raise"):
    return jnp.asarray(np.choose(np.asarray(a), [np.asarray(c) for c in choices], mode=mode))


def _fill_diagonal_on_the_host(a, val, wrap=False, inplace=True):
    return jnp.asarray(filled_diagonal(np.asarray(a), np.asarray(val), wrap))


def _put_along_axis_on_the_host(arr, indices, values, axis, inplace=True, mode=None):
    return jnp.asarray(put_along(np.asarray(arr), np.asarray(indices), np.asarray(values), axis))


ISCLOSE_IGNORES_EQUAL_NAN = BrokenNamespace("isclose ignores equal_nan", isclose=_isclose_ignoring_equal_nan)
ARRAY_EQUAL_IGNORES_EQUAL_NAN = BrokenNamespace("array_equal ignores equal_nan",
                                                array_equal=_array_equal_ignoring_equal_nan)
PACKBITS_OTHER_BITORDER = BrokenNamespace("packbits with the other bitorder",
                                          packbits=_packbits_other_bitorder)
UNPACKBITS_IGNORES_COUNT = BrokenNamespace("unpackbits ignores count", unpackbits=_unpackbits_ignoring_count)
LDEXP_ONE_MORE = BrokenNamespace("ldexp scales by one power of two more", ldexp=_ldexp_one_more)
CHOOSE_WRAPS_FOR_CLIP = BrokenNamespace("choose wraps where it should clip", choose=_choose_wraps_for_clip)
FILL_DIAGONAL_VAL_BACKWARDS = BrokenNamespace("fill_diagonal reads a vector val backwards",
                                              fill_diagonal=_fill_diagonal_val_backwards)
PUT_ALONG_FIRST_AXIS = BrokenNamespace("put_along_axis puts along the first axis",
                                       put_along_axis=_put_along_the_first_axis)
COMPRESS_NEGATED = BrokenNamespace("compress keeps where the condition is false",
                                   compress=_compress_by_the_negated_condition)
# what NumPy does, where an entry says JAX differs
PACKBITS_AXIS_ERROR = BrokenNamespace("packbits refuses an axis out of range with AxisError",
                                      packbits=_packbits_axis_error)
UNPACKBITS_ON_THE_HOST = BrokenNamespace("unpackbits as NumPy's (eager only)",
                                         unpackbits=_unpackbits_on_the_host)
LDEXP_ON_THE_HOST = BrokenNamespace("ldexp as NumPy's (eager only)", ldexp=_ldexp_on_the_host)
ISCLOSE_ON_THE_HOST = BrokenNamespace("isclose as NumPy's (eager only)", isclose=_isclose_on_the_host)
ISDTYPE_AS_NUMPY = BrokenNamespace("isdtype and issubdtype as NumPy's",
                                   isdtype=lambda dtype, kind: isdtype_of_name(kind, dtype),
                                   issubdtype=np.issubdtype)
CHOOSE_RAISE_CLIPPED = BrokenNamespace("choose's mode='raise' read as clip", choose=_choose_raise_clipped)
CHOOSE_ON_THE_HOST = BrokenNamespace("choose as NumPy's (eager only)", choose=_choose_on_the_host)
FILL_DIAGONAL_ON_THE_HOST = BrokenNamespace("fill_diagonal as NumPy's on a copy (eager only)",
                                            fill_diagonal=_fill_diagonal_on_the_host)
PUT_ALONG_AXIS_ON_THE_HOST = BrokenNamespace("put_along_axis as NumPy's on a copy (eager only)",
                                             put_along_axis=_put_along_axis_on_the_host)

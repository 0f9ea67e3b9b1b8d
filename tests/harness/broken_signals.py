"""Namespaces with one planted bug in convolve, correlate, trapezoid or gradient each
(registry.SIGNALS): the ones the issue names (a correlate that does not conjugate, a convolve 'same'
shifted by one, a gradient that ignores edge_order), results off by a relative 2**-10 (the bounds are
tight enough), and next to each entry of `conformance/catalogue/signals.py` one that does what NumPy does
(the entry then vanishes, which fails the run like a new divergence)."""

import jax
import jax.numpy as jnp
import numpy as np

from tests.harness.broken import BrokenNamespace


def _correlate_not_conjugating(a, v, mode="valid"):
    return jnp.correlate(a, jnp.conj(jnp.asarray(v)), mode=mode)  # jnp conjugates: this undoes it


def _convolve_same_shifted(a, v, mode="full"):
    result = jnp.convolve(a, v, mode=mode)
    return jnp.roll(result, 1) if mode == "same" else result


def _gradient_ignoring_edge_order(f, *spacing, axis=None, edge_order=None):
    return jnp.gradient(f, *spacing, axis=axis)


def _gradient_ignoring_spacing(f, *spacing, axis=None, edge_order=None):
    return jnp.gradient(f, axis=axis, **({} if edge_order is None else {"edge_order": edge_order}))


def _trapezoid_ignoring_dx(y, x=None, dx=1.0, axis=-1):
    return jnp.trapezoid(y, x=x, axis=axis)


def _off(fn):
    """`fn`'s result times 1 + 2**-10: past float32's and float64's bounds for the strategies' sizes."""
    def off(*args, **options):
        result = fn(*args, **options)
        return jnp.asarray(result) * jnp.asarray(1 + 2.0**-10).astype(jnp.asarray(result).dtype)
    return off


def _convolve_of_0d_as_1d(a, v, mode="full"):
    return jnp.convolve(jnp.atleast_1d(a), jnp.atleast_1d(v), mode=mode)


def _convolve_keeping_integers(a, v, mode="full"):
    """An integer convolution in the input's dtype (bool: or of ands), as NumPy's."""
    a, v = jnp.asarray(a), jnp.asarray(v)
    if a.dtype == jnp.bool_:
        return jnp.convolve(a, v, mode=mode) > 0
    return jnp.convolve(a, v, mode=mode, preferred_element_type=a.dtype)


def _gradient_refusing_bool(f, *spacing, axis=None, edge_order=None):
    if jnp.asarray(f).dtype == jnp.bool_:
        raise TypeError("numpy boolean subtract, the `-` operator, is not supported")
    return jnp.gradient(f, *spacing, axis=axis)


def _trapezoid_axis_indexerror(y, x=None, dx=1.0, axis=-1):
    if not -jnp.ndim(y) <= axis < jnp.ndim(y):
        raise IndexError("list assignment index out of range")
    return jnp.trapezoid(y, x=x, dx=dx, axis=axis)


def _trapezoid_as_numpy(y, x=None, dx=1.0, axis=-1):
    """NumPy's formula, sum(d * (y[i] + y[i+1]) / 2), in the input's dtype first (integers wrap around),
    and zeros along an empty axis."""
    y = jnp.moveaxis(jnp.asarray(y), axis, -1)
    d = dx if x is None else jnp.diff(jnp.moveaxis(jnp.asarray(x), axis, -1), axis=-1)
    pairs = y[..., 1:] + y[..., :-1]
    inexact = jnp.result_type(pairs.dtype, float) if x is None else jnp.result_type(pairs, d)
    return (d * pairs.astype(inexact) / 2.0).sum(-1)


def _convolve_finite_where_infinite(a, v, mode="full"):
    result = jnp.convolve(a, v, mode=mode)
    return jnp.where(jnp.isfinite(result), result, 0)


def _gradient_finite_where_infinite(f, *spacing, axis=None, edge_order=None):
    result = jnp.gradient(f, *spacing, axis=axis)
    return jnp.where(jnp.isfinite(result), result, 0)


def _convolve_off_by_the_smallest_normal(a, v, mode="full"):
    result = jnp.convolve(a, v, mode=mode)
    return result + 8 * jnp.finfo(result.dtype).tiny


CORRELATE_NOT_CONJUGATING = BrokenNamespace("correlate does not conjugate v",
                                            correlate=_correlate_not_conjugating)
CONVOLVE_SAME_SHIFTED = BrokenNamespace("convolve 'same' is shifted by one", convolve=_convolve_same_shifted)
GRADIENT_IGNORES_EDGE_ORDER = BrokenNamespace("gradient ignores edge_order (first-order edges always)",
                                              gradient=_gradient_ignoring_edge_order)
GRADIENT_IGNORES_SPACING = BrokenNamespace("gradient ignores the spacing",
                                           gradient=_gradient_ignoring_spacing)
TRAPEZOID_IGNORES_DX = BrokenNamespace("trapezoid ignores dx", trapezoid=_trapezoid_ignoring_dx)
CONVOLVE_OFF = BrokenNamespace("convolve is 2**-10 too large", convolve=_off(jnp.convolve))
TRAPEZOID_OFF = BrokenNamespace("trapezoid is 2**-10 too large", trapezoid=_off(jnp.trapezoid))
# what NumPy does, where an entry says JAX differs
CONVOLVE_OF_0D_AS_1D = BrokenNamespace("convolve reads a 0-d array as 1-d, as NumPy does",
                                       convolve=_convolve_of_0d_as_1d)
CONVOLVE_KEEPS_INTEGERS = BrokenNamespace("convolve keeps an integer dtype, as NumPy does",
                                          convolve=_convolve_keeping_integers)
GRADIENT_REFUSES_BOOL = BrokenNamespace("gradient refuses bool arrays, as NumPy does",
                                        gradient=_gradient_refusing_bool)
TRAPEZOID_AXIS_INDEXERROR = BrokenNamespace("trapezoid raises IndexError for an axis out of range, as NumPy",
                                            trapezoid=_trapezoid_axis_indexerror)
TRAPEZOID_AS_NUMPY = BrokenNamespace("trapezoid sums the pairs as NumPy does", trapezoid=_trapezoid_as_numpy)
# entries that assert a non-finite value or a bound only: a namespace past them is new
CONVOLVE_FINITE_WHERE_INFINITE = BrokenNamespace("convolve gives 0 where its result is not finite",
                                                 convolve=_convolve_finite_where_infinite)
GRADIENT_FINITE_WHERE_INFINITE = BrokenNamespace("gradient gives 0 where its result is not finite",
                                                 gradient=_gradient_finite_where_infinite)
CONVOLVE_OFF_BY_TINY = BrokenNamespace("convolve adds 8 times the smallest normal",
                                       convolve=_convolve_off_by_the_smallest_normal)


def _cov_ignoring_ddof(m, rowvar=True, bias=False, ddof=None):
    return jnp.cov(m, rowvar=rowvar, bias=bias)


def _corrcoef_ignoring_rowvar(x, rowvar=True):
    return jnp.corrcoef(x)


COV_IGNORES_DDOF = BrokenNamespace("cov ignores ddof", cov=_cov_ignoring_ddof)
CORRCOEF_IGNORES_ROWVAR = BrokenNamespace("corrcoef ignores rowvar", corrcoef=_corrcoef_ignoring_rowvar)
COV_OFF = BrokenNamespace("cov is 2**-10 too large", cov=_off(jnp.cov))
CORRCOEF_OFF = BrokenNamespace("corrcoef is 2**-10 too large", corrcoef=_off(jnp.corrcoef))


def _as_numpy(name):
    """NumPy's convolve or correlate (a host callback), in JAX's dtype: no padding zero meets a tap."""
    def fn(a, v, mode="full"):
        a, v = jnp.asarray(a), jnp.asarray(v)
        shape = jax.eval_shape(lambda x, y: getattr(jnp, name)(x, y, mode=mode), a, v)

        def host(x, y):
            with np.errstate(all="ignore"):
                return getattr(np, name)(np.asarray(x), np.asarray(y), mode=mode).astype(shape.dtype)
        return jax.pure_callback(host, shape, a.astype(shape.dtype), v.astype(shape.dtype))
    return fn


def _cov_finite_where_divided_by_zero(m, rowvar=True, bias=False, ddof=None):
    return jnp.nan_to_num(jnp.cov(m, rowvar=rowvar, bias=bias, ddof=ddof), nan=0.0)


CONVOLVE_AS_NUMPY = BrokenNamespace("convolve and correlate are NumPy's (no padding zero meets a tap)",
                                         convolve=_as_numpy("convolve"), correlate=_as_numpy("correlate"))
COV_FINITE_WHERE_NAN = BrokenNamespace("cov gives 0 where it is NaN", cov=_cov_finite_where_divided_by_zero)

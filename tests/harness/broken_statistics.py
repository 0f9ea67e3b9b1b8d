"""Namespaces with one planted bug in a sum, product, mean or difference each (registry.STATISTICS): the
ones the issue names (a sum whose keepdims drops the axis, a mean that divides by n - 1, an exclusive
cumsum), and one next to each entry of `conformance/catalogue/statistics.py` that does what NumPy does
(the entry then vanishes, which fails the run like a new divergence)."""

import jax.numpy as jnp
import numpy as np

from tests.harness.broken import BrokenNamespace, on_the_host, through_numpy


def _sum_keepdims_drops_the_axis(a, axis=None, dtype=None, keepdims=False, initial=None):
    return jnp.sum(a, axis=axis, dtype=dtype, keepdims=False, initial=initial)


def _mean_by_n_minus_one(a, axis=None, dtype=None, keepdims=False):
    mean = jnp.mean(a, axis=axis, dtype=dtype, keepdims=keepdims)
    n = max(jnp.size(a) // max(mean.size, 1), 1)
    return (mean * n / (n - 1)).astype(mean.dtype) if n > 1 else mean


def _cumsum_exclusive(a, axis=None, dtype=None):
    total = jnp.cumsum(a, axis=axis, dtype=dtype)
    a = jnp.ravel(a) if axis is None else jnp.asarray(a)
    return total - a.astype(total.dtype)


def _cumulative_sum_of_0d_like_numpy(x, axis=None, dtype=None, include_initial=False):
    x = jnp.reshape(x, (1,)) if jnp.ndim(x) == 0 else x
    return jnp.cumulative_sum(x, axis=axis, dtype=dtype, include_initial=include_initial)


def _mean_axis_error_like_numpy(a, axis=None, dtype=None, keepdims=False):
    ndim = jnp.ndim(a)
    for x in axis if isinstance(axis, tuple) else (axis,):
        if x is not None and not -ndim <= x < ndim:
            raise np.exceptions.AxisError(x, ndim)
    return jnp.mean(a, axis=axis, dtype=dtype, keepdims=keepdims)


def _nanmean_axis_error_like_numpy(a, axis=None, dtype=None, keepdims=False):
    ndim = jnp.ndim(a)
    for x in axis if isinstance(axis, tuple) else (axis,):
        if x is not None and not -ndim <= x < ndim:
            raise np.exceptions.AxisError(x, ndim)
    return jnp.nanmean(a, axis=axis, dtype=dtype, keepdims=keepdims)


def _nanargmax_raises_on_all_nan(a, axis=None, keepdims=None):
    """NumPy's ValueError where a slice is all NaN: on concrete values (eager and folded modes)."""
    if bool(jnp.isnan(jnp.asarray(a)).all(axis=axis).any()):
        raise ValueError("All-NaN slice encountered")
    return jnp.nanargmax(a, axis=axis, keepdims=keepdims)


def _nanmin_near_zero_is_the_smallest_normal(a, axis=None, keepdims=False):
    result = jnp.nanmin(a, axis=axis, keepdims=keepdims)
    tiny = jnp.finfo(result.dtype).tiny
    return jnp.where(jnp.abs(result) < tiny, tiny, result)


def _cumulative_prod_include_initial_of_empty_raises(x, axis=None, dtype=None, include_initial=False):
    if include_initial and jnp.size(x) == 0 and jnp.ndim(x) > 0:
        raise IndexError("index 0 is out of bounds for axis 0 with size 0")  # NumPy 2.4's
    return jnp.cumulative_prod(x, axis=axis, dtype=dtype, include_initial=include_initial)


def _diff_like_numpy(a, n=1, axis=-1):
    """Values scaled by 2**24 first (exact for the small values of the entry's example), so that no
    difference between orders is subnormal: NumPy's gradual underflow there (a host callback would run
    under XLA's flush-to-zero mode too)."""
    return jnp.diff(jnp.asarray(a) * 2.0**24, n=n, axis=axis) / 2.0**24


SUM_KEEPDIMS_DROPS = BrokenNamespace("sum's keepdims drops the axis", sum=_sum_keepdims_drops_the_axis)
MEAN_BY_N_MINUS_ONE = BrokenNamespace("mean divides by n - 1", mean=_mean_by_n_minus_one)
CUMSUM_EXCLUSIVE = BrokenNamespace("cumsum is exclusive", cumsum=_cumsum_exclusive)
SUM_LIKE_NUMPY = BrokenNamespace("sum converts an integer dtype= of floats as NumPy does",
                                 sum=through_numpy("sum"))
CUMULATIVE_SUM_OF_0D_LIKE_NUMPY = BrokenNamespace("cumulative_sum reads a 0-d array as 1-d, as NumPy does",
                                                  cumulative_sum=_cumulative_sum_of_0d_like_numpy)
MEAN_AXIS_ERROR_LIKE_NUMPY = BrokenNamespace("mean raises AxisError out of range, as NumPy does",
                                             mean=_mean_axis_error_like_numpy)
CUMULATIVE_PROD_INITIAL_OF_EMPTY_RAISES = BrokenNamespace(
    "cumulative_prod with include_initial of an empty axis raises IndexError, as NumPy does",
    cumulative_prod=_cumulative_prod_include_initial_of_empty_raises)
MEAN_LIKE_NUMPY = BrokenNamespace("mean divides complex values as NumPy does", mean=through_numpy("mean"))
DIFF_LIKE_NUMPY = BrokenNamespace("diff keeps subnormal differences between orders, as NumPy does",
                                  diff=_diff_like_numpy)
NANSUM_PROPAGATES_NAN = BrokenNamespace("nansum propagates NaN (a plain sum)", nansum=jnp.sum)
NANMEAN_AXIS_ERROR_LIKE_NUMPY = BrokenNamespace("nanmean raises AxisError out of range, as NumPy does",
                                                nanmean=_nanmean_axis_error_like_numpy)
NANMAX_PROPAGATES_NAN = BrokenNamespace("nanmax propagates NaN (a plain max)", nanmax=jnp.max)
NANARGMAX_RAISES_ON_ALL_NAN = BrokenNamespace("nanargmax raises ValueError on an all-NaN slice, as NumPy",
                                              nanargmax=_nanargmax_raises_on_all_nan)
# NumPy on the host, eagerly (not through_numpy's callback: subnormals)
NANMIN_LIKE_NUMPY = BrokenNamespace("nanmin compares subnormals as NumPy does (eager only)",
                                    nanmin=on_the_host("nanmin"))
MAX_LIKE_NUMPY = BrokenNamespace("max compares subnormals as NumPy does (eager only)",
                                 max=on_the_host("max"))
NANMIN_NEAR_ZERO_IS_TINY = BrokenNamespace("nanmin gives the smallest normal for a zero or subnormal min",
                                           nanmin=_nanmin_near_zero_is_the_smallest_normal)
VAR_IGNORES_DDOF = BrokenNamespace("var ignores ddof", var=lambda a, axis=None, ddof=0, keepdims=False:
                                   jnp.var(a, axis=axis, keepdims=keepdims))
STD_SQUARED = BrokenNamespace("std returns the variance", std=jnp.var)
# the bound's tightness: a relative error of 2**-10, far past float32's and float64's bounds for the
# strategies' small slices (and float16's 2**-11 unit roundoff times a few terms: caught on the others)
VAR_OFF_BY_2_TO_MINUS_10 = BrokenNamespace("var is 2**-10 too large", var=lambda a, axis=None, ddof=0,
                                           keepdims=False: jnp.var(a, axis=axis, ddof=ddof,
                                                                   keepdims=keepdims) * (1 + 2.0**-10))
STD_OFF_BY_2_TO_MINUS_10 = BrokenNamespace("std is 2**-10 too large", std=lambda a, axis=None, ddof=0,
                                           keepdims=False: jnp.std(a, axis=axis, ddof=ddof,
                                                                   keepdims=keepdims) * (1 + 2.0**-10))


def _check_axis(a, axis):
    """jnp.nanvar's AxisError for an axis out of range (where jnp.var's IndexError would come first)."""
    ndim = jnp.ndim(a)
    for x in axis if isinstance(axis, tuple) else (axis,):
        if x is not None and not -ndim <= x < ndim:
            raise np.exceptions.AxisError(x, ndim)


def _nanvar_counting_nans(a, axis=None, ddof=0, keepdims=False):
    """The squared deviations from the non-NaN mean over n - ddof, where n counts the NaNs too."""
    _check_axis(a, axis)
    a = jnp.asarray(a)
    squares = jnp.where(jnp.isnan(a), 0, jnp.abs(a - jnp.nanmean(a, axis=axis, keepdims=True)) ** 2)
    n = jnp.size(a) // max(jnp.size(jnp.sum(squares, axis=axis)), 1)
    present = jnp.sum(~jnp.isnan(a), axis=axis, keepdims=keepdims)
    variance = jnp.nanvar(a, axis=axis, ddof=ddof, keepdims=keepdims)
    return (variance * (present - ddof) / (n - ddof)).astype(variance.dtype)


def _nanvar_axis_indexerror(a, axis=None, ddof=0, keepdims=False):
    ndim = jnp.ndim(a)
    for x in axis if isinstance(axis, tuple) else (axis,):
        if x is not None and not -ndim <= x < ndim:
            raise IndexError("tuple index out of range")  # jnp.var's (STAT-MEAN-AXIS-OUT-OF-RANGE-INDEXERROR)
    return jnp.nanvar(a, axis=axis, ddof=ddof, keepdims=keepdims)


def _valid_axes(a, axis1, axis2):
    ndim = jnp.ndim(a)
    return -ndim <= axis1 < ndim and -ndim <= axis2 < ndim and axis1 % ndim != axis2 % ndim


def _trace_of_the_anti_diagonal(a, offset=0, axis1=0, axis2=1, dtype=None):
    a = jnp.flip(a, axis2) if _valid_axes(a, axis1, axis2) else a
    return jnp.trace(a, offset=offset, axis1=axis1, axis2=axis2, dtype=dtype)


def _trace_off_by_2_to_minus_10(a, offset=0, axis1=0, axis2=1, dtype=None):
    result = jnp.trace(a, offset=offset, axis1=axis1, axis2=axis2, dtype=dtype)
    inexact = jnp.issubdtype(result.dtype, jnp.inexact)
    return (result * (1 + 2.0**-10)).astype(result.dtype) if inexact else result


NANVAR_COUNTS_NAN = BrokenNamespace("nanvar counts the NaNs in n", nanvar=_nanvar_counting_nans)
def _nanstd_propagating_nan(a, axis=None, ddof=0, keepdims=False):
    _check_axis(a, axis)
    return jnp.std(a, axis=axis, ddof=ddof, keepdims=keepdims)


NANSTD_PROPAGATES_NAN = BrokenNamespace("nanstd propagates NaN (a plain std)", nanstd=_nanstd_propagating_nan)
NANVAR_OFF_BY_2_TO_MINUS_10 = BrokenNamespace(
    "nanvar is 2**-10 too large",
    nanvar=lambda a, axis=None, ddof=0, keepdims=False: jnp.nanvar(a, axis=axis, ddof=ddof,
                                                                   keepdims=keepdims) * (1 + 2.0**-10))
NANVAR_AXIS_INDEXERROR = BrokenNamespace("nanvar raises IndexError out of range, as var does",
                                         nanvar=_nanvar_axis_indexerror)
TRACE_ANTI_DIAGONAL = BrokenNamespace("trace sums the anti-diagonal", trace=_trace_of_the_anti_diagonal)
TRACE_IGNORES_OFFSET = BrokenNamespace("trace ignores offset", trace=lambda a, offset=0, axis1=0, axis2=1,
                                       dtype=None: jnp.trace(a, axis1=axis1, axis2=axis2, dtype=dtype))
TRACE_OFF_BY_2_TO_MINUS_10 = BrokenNamespace("trace is 2**-10 too large", trace=_trace_off_by_2_to_minus_10)

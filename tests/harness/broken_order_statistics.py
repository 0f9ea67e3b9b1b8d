"""Namespaces with one planted bug in an order statistic each (registry/order_statistics.py): the ones the
issue names (a median that returns the lower middle element, a quantile whose 'linear' computes
'nearest'), others of the same family, and one next to each entry of
`conformance/catalogue/order_statistics.py` that does what NumPy does (the entry then vanishes)."""

import jax
import jax.numpy as jnp
import numpy as np

from tests.harness.broken import BrokenNamespace, on_the_host, through_numpy


def _median_lower(a, axis=None, keepdims=False):
    return jnp.quantile(a, 0.5, axis=axis, method="lower", keepdims=keepdims)


def _quantile_linear_as_nearest(a, q, axis=None, method="linear", keepdims=False):
    method = "nearest" if method == "linear" else method
    return jnp.quantile(a, q, axis=axis, method=method, keepdims=keepdims)


def _quantile_keepdims_drops(a, q, axis=None, method="linear", keepdims=False):
    return jnp.quantile(a, q, axis=axis, method=method, keepdims=False)


def _percentile_higher_as_lower(a, q, axis=None, method="linear", keepdims=False):
    method = "lower" if method == "higher" else method
    return jnp.percentile(a, q, axis=axis, method=method, keepdims=keepdims)


def _median_of_empty_is_nan(a, axis=None, keepdims=False):
    """NumPy's NaN for an empty slice (the shape from NumPy's own call on zeros)."""
    a = jnp.asarray(a)
    axes = range(a.ndim) if axis is None else (axis if isinstance(axis, tuple) else (axis,))
    if a.ndim and any(a.shape[x] == 0 for x in axes):
        shape = np.median(np.zeros(a.shape), axis=axis, keepdims=keepdims).shape
        return jnp.full(shape, jnp.nan, jnp.result_type(float))
    return jnp.median(a, axis=axis, keepdims=keepdims)


def _quantile_refuses_q_out_of_range(a, q, axis=None, method="linear", keepdims=False):
    if np.any((np.asarray(q) < 0) | (np.asarray(q) > 1)):
        raise ValueError("Quantiles must be in the range [0, 1]")
    return jnp.quantile(a, q, axis=axis, method=method, keepdims=keepdims)


def _nanpercentile_refuses_q_out_of_range(a, q, axis=None, method="linear", keepdims=False):
    if np.any((np.asarray(q) < 0) | (np.asarray(q) > 100)):
        raise ValueError("Percentiles must be in the range [0, 100]")
    return jnp.nanpercentile(a, q, axis=axis, method=method, keepdims=keepdims)


def _quantile_refuses_bools(a, q, axis=None, method="linear", keepdims=False):
    if jnp.asarray(a).dtype == bool:
        raise TypeError("numpy boolean subtract, the `-` operator, is not supported")
    return jnp.quantile(a, q, axis=axis, method=method, keepdims=keepdims)


def _quantile_keeps_integers(a, q, axis=None, method="linear", keepdims=False):
    result = jnp.quantile(a, q, axis=axis, method=method, keepdims=keepdims)
    selects = method in ("lower", "higher", "nearest", "inverted_cdf")
    return result.astype(jnp.asarray(a).dtype) if selects else result


def _median_keepdims_of_0d(a, axis=None, keepdims=False):
    result = jnp.median(a, axis=axis, keepdims=keepdims)
    return result.reshape(()) if jnp.ndim(a) == 0 else result


def _median_positive_zero(a, axis=None, keepdims=False):
    return jnp.median(a, axis=axis, keepdims=keepdims) + 0.0  # -0.0 + 0.0 is +0.0, as NumPy's mean


def _float32_to_float64(x: np.ndarray) -> np.ndarray:
    """float32 values decoded from their bits by integer arithmetic: a callback runs under XLA's
    flush-to-zero mode, where converting a subnormal reads it as zero."""
    bits = x.view(np.uint32).astype(np.int64)
    exponent, mantissa = (bits >> 23) & 0xFF, bits & 0x7FFFFF
    magnitude = np.where(exponent == 0, mantissa * 2.0**-149,
                         np.ldexp((mantissa + 2**23).astype(np.float64), (exponent - 150).astype(np.int32)))
    magnitude = np.where(exponent == 0xFF, np.abs(x.astype(np.float64)), magnitude)  # inf, nan
    return np.where(bits >> 31, -magnitude, magnitude)


def _float32_bits(v: np.ndarray) -> np.ndarray:
    """The int32 bits of float64 values rounded to float32, subnormals by integer arithmetic."""
    small = np.abs(v) < 2.0**-126
    sign = np.signbit(v).astype(np.uint32) << 31
    subnormal = np.rint(np.abs(np.where(small, v, 0)) / 2.0**-149).astype(np.uint32) | sign
    normal = np.where(small, 1.0, v).astype(np.float32).view(np.uint32)
    return np.where(small, subnormal, normal).view(np.int32)


def _median_bits_from_numpy(a, axis=None, keepdims=False):
    """NumPy's median of float32 values with gradual underflow: computed in float64 on the host from the
    decoded bits, and its float32 bits passed back as int32 (a float crossing XLA is flushed)."""
    shape = jax.eval_shape(lambda x: jnp.median(x, axis=axis, keepdims=keepdims), jnp.asarray(a))

    def host(x):
        median = np.median(_float32_to_float64(np.asarray(x)), axis=axis, keepdims=keepdims)
        return _float32_bits(np.asarray(median, np.float64))
    bits = jax.pure_callback(host, jax.ShapeDtypeStruct(shape.shape, jnp.int32), a)
    return jax.lax.bitcast_convert_type(bits, jnp.float32)


def _quantile_inverted_cdf_promotes(a, q, axis=None, method="linear", keepdims=False):
    a = jnp.asarray(a)
    if method == "inverted_cdf":
        wide = a.astype(jnp.result_type(float))
        result = jnp.quantile(wide, q, axis=axis, method=method, keepdims=keepdims)
        return result.astype(a.dtype) if a.dtype.kind == "f" else result
    return jnp.quantile(a, q, axis=axis, method=method, keepdims=keepdims)


def _quantile_promotes_with_q(a, q, axis=None, method="linear", keepdims=False):
    result = jnp.quantile(a, q, axis=axis, method=method, keepdims=keepdims)
    interpolates = method in ("linear", "midpoint") and jnp.ndim(q) > 0
    return result.astype(jnp.result_type(result.dtype, jnp.asarray(q).dtype)) if interpolates else result


def _quantile_takes_hazen(a, q, axis=None, method="linear", keepdims=False):
    return jnp.quantile(a, q, axis=axis, method="linear" if method == "hazen" else method, keepdims=keepdims)


def _median_of_complex_real_part(a, axis=None, keepdims=False):
    a = jnp.asarray(a)
    return jnp.median(a.real if a.dtype.kind == "c" else a, axis=axis, keepdims=keepdims).astype(a.dtype)


MEDIAN_LOWER = BrokenNamespace("median returns the lower middle element", median=_median_lower)
QUANTILE_LINEAR_AS_NEAREST = BrokenNamespace("quantile's linear computes nearest",
                                             quantile=_quantile_linear_as_nearest)
QUANTILE_KEEPDIMS_DROPS = BrokenNamespace("quantile's keepdims drops the axes",
                                          quantile=_quantile_keepdims_drops)
PERCENTILE_HIGHER_AS_LOWER = BrokenNamespace("percentile's higher computes lower",
                                             percentile=_percentile_higher_as_lower)
NANMEDIAN_PROPAGATES_NAN = BrokenNamespace("nanmedian propagates NaN (a plain median)", nanmedian=jnp.median)
NANQUANTILE_PROPAGATES_NAN = BrokenNamespace("nanquantile propagates NaN (a plain quantile)",
                                             nanquantile=jnp.quantile)
# what NumPy does, beside each entry
def _nan_form_of_empty_like_numpy(name):
    def fn(a, q, **options):
        """NumPy's nanmean of an empty array (no q dimension), in JAX's dtype; jnp's otherwise."""
        if np.size(a) == 0:
            try:
                dtype = getattr(jnp, name)(a, q, **options).dtype
            except IndexError:  # inverted_cdf of an empty slice: the input's float dtype
                dtype = jnp.asarray(a).dtype
            return jnp.asarray(np.nanmean(np.asarray(a), axis=options.get("axis"),
                                          keepdims=options.get("keepdims", False)), dtype)
        return getattr(jnp, name)(a, q, **options)
    return fn


def _quantile_cannot_reshape_empty(a, q, axis=None, method="linear", keepdims=False):
    """NumPy's ValueError for an empty array over a tuple of axes (numpy/numpy#32535)."""
    if np.size(a) == 0 and isinstance(axis, tuple) and len(axis) != 1:
        raise ValueError("cannot reshape array of size 0 into shape (0,newaxis)")
    return jnp.quantile(a, q, axis=axis, method=method, keepdims=keepdims)


MEDIAN_OF_EMPTY_IS_NAN = BrokenNamespace("median of an empty slice is NaN, as NumPy's",
                                         median=_median_of_empty_is_nan)
MEDIAN_LIKE_NUMPY = BrokenNamespace("median computed by NumPy", median=through_numpy("median"))
QUANTILE_LIKE_NUMPY = BrokenNamespace("quantile computed by NumPy", quantile=through_numpy("quantile"))
QUANTILE_ON_THE_HOST = BrokenNamespace("quantile computed by NumPy on the host, its errors too (eager only)",
                                       quantile=on_the_host("quantile"))
NANQUANTILE_LIKE_NUMPY = BrokenNamespace("nanquantile of an empty array is NumPy's (eager only)",
                                         nanquantile=_nan_form_of_empty_like_numpy("nanquantile"))
NANPERCENTILE_LIKE_NUMPY = BrokenNamespace("nanpercentile of an empty array is NumPy's (eager only)",
                                           nanpercentile=_nan_form_of_empty_like_numpy("nanpercentile"))
QUANTILE_REFUSES_Q_OUT_OF_RANGE = BrokenNamespace("quantile refuses q out of [0, 1], as NumPy",
                                                  quantile=_quantile_refuses_q_out_of_range)
NANPERCENTILE_REFUSES_Q_OUT_OF_RANGE = BrokenNamespace("nanpercentile refuses q out of [0, 100], as NumPy",
                                                       nanpercentile=_nanpercentile_refuses_q_out_of_range)
QUANTILE_REFUSES_BOOLS = BrokenNamespace("quantile refuses bools, as NumPy", quantile=_quantile_refuses_bools)
QUANTILE_KEEPS_INTEGERS = BrokenNamespace("quantile's selecting methods keep an integer dtype, as NumPy",
                                          quantile=_quantile_keeps_integers)
MEDIAN_KEEPDIMS_OF_0D = BrokenNamespace("median keepdims of a 0-d array is 0-d, as NumPy",
                                        median=_median_keepdims_of_0d)
MEDIAN_POSITIVE_ZERO = BrokenNamespace("median of negative zeros is +0.0, as NumPy's",
                                       median=_median_positive_zero)
MEDIAN_GRADUAL_UNDERFLOW = BrokenNamespace("median keeps subnormals, as NumPy",
                                           median=_median_bits_from_numpy)
QUANTILE_INVERTED_CDF_PROMOTES = BrokenNamespace("quantile's inverted_cdf takes any float input, as NumPy",
                                                 quantile=_quantile_inverted_cdf_promotes)
QUANTILE_TAKES_HAZEN = BrokenNamespace("quantile takes method hazen (as linear)",
                                       quantile=_quantile_takes_hazen)
QUANTILE_PROMOTES_WITH_Q = BrokenNamespace("quantile promotes with a q array, as NumPy",
                                           quantile=_quantile_promotes_with_q)
MEDIAN_OF_COMPLEX = BrokenNamespace("median takes complex inputs", median=_median_of_complex_real_part)
QUANTILE_CANNOT_RESHAPE_EMPTY = BrokenNamespace(
    "quantile of an empty array over a tuple of axes raises ValueError, as NumPy",
    quantile=_quantile_cannot_reshape_empty)

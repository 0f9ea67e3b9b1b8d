"""Known divergences of the registry's order statistics (`conformance/registry/order_statistics.py`):
median, quantile, percentile and their nan* forms. jnp computes every one of them with one algorithm
(jax/_src/numpy/reductions.py, `_quantile`), which `jax_quantile` below restates in NumPy: the models
assert its result where JAX's rules differ from NumPy's."""

from __future__ import annotations

import math
import re

import ml_dtypes
import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.dtypes import jax_inexact_dtype
from conformance.catalogue.manipulation import option
from conformance.catalogue.models import canonical_dtype, flush_subnormals, flushes, jax_at_least, raises
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.strategies import kind_of

_REDUCTIONS = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/reductions.py"
_DOCS = "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.{}.html"
JAX_METHODS = ("linear", "lower", "higher", "midpoint", "nearest", "inverted_cdf")
INTERPOLATING = ("linear", "midpoint")


def _settings(example: Example) -> tuple[object, str, bool]:
    """(q as a fraction, method, nan-ignoring) of an order-statistic example."""
    tags = example.case.tags
    if "median" in tags or "nanmedian" in tags:
        return 0.5, "midpoint", "nanmedian" in tags
    q = option(example, "q")
    return q, option(example, "method"), example.case.name.startswith("nan")


def _dtypes(example: Example, a: np.ndarray) -> tuple[np.dtype, np.dtype]:
    """(the result's dtype, q's dtype) in JAX: the input promoted to an inexact dtype; q a default float."""
    x64 = example.env.x64
    default = np.dtype(np.float64 if x64 else np.float32)
    dtype = jax_inexact_dtype(a.dtype, x64=x64) if kind_of(a.dtype) in "biu" else np.dtype(a.dtype)
    return (dtype if x64 else canonical_dtype(dtype)), default


def jax_quantile(example: Example, *, flush: bool = False) -> tuple[np.ndarray, tuple | None, np.ndarray]:
    """jnp's `_quantile` in NumPy: the slice sorted (a NaN makes the whole slice NaN, or nan* forms count
    the values that are not NaN), the index q * (n - 1) split into floor and ceil, each clamped to the
    slice, and the two elements combined by the method: linear low * (1 - t) + high * t in q's dtype,
    midpoint (low + high) * 0.5 in the result's dtype, nearest low where t <= 0.5; inverted_cdf the
    first element whose count reaches q * n. `flush`: subnormals read as zeros (XLA's CPU kernels).
    Returns the result, for the interpolating methods the two elements interpolated, and where the
    result is a zero of either sign (its slice holds zeros of both signs)."""
    a = np.asarray(example.args[0])
    q, method, nan_ignoring = _settings(example)
    dtype, q_dtype = _dtypes(example, a)
    with np.errstate(all="ignore"):
        q = np.asarray(q, dtype=q_dtype)
        if "percentile" in example.case.name:
            q = q / q_dtype.type(100)
        values = a.astype(dtype)
        values = (flush_subnormals(values) if flush else values).astype(np.float64)  # exact
        axis = option(example, "axis") if "axis" in example.case.arg_names else None
        axes = tuple(range(a.ndim)) if axis is None else tuple(
            ax % a.ndim for ax in (axis if isinstance(axis, tuple) else (axis,)))
        keep = [i for i in range(a.ndim) if i not in axes]
        values = np.transpose(values, keep + list(axes)).reshape(
            [a.shape[i] for i in keep] + [math.prod(a.shape[i] for i in axes)])
        nan = np.isnan(values)
        if nan_ignoring:
            count = (~nan).sum(-1).astype(q_dtype)
        else:
            values = np.where(nan.any(-1, keepdims=True), np.nan, values)
            count = np.full(values.shape[:-1], values.shape[-1], dtype=q_dtype)
        # lax.sort compares -0.0 and +0.0 (and subnormals, flushed) as equal, in no specified order: where
        # a slice holds zeros of both signs, a zero result may have either
        zeros = values == 0
        mixed = (zeros & np.signbit(values)).any(-1) & (zeros & ~np.signbit(values)).any(-1)
        ordered = np.sort(values, axis=-1)  # NaNs last

        def _ftz(x: np.ndarray) -> np.ndarray:  # each operation's result flushed, as XLA's CPU kernels
            return flush_subnormals(np.asarray(x)) if flush else x

        q = q.reshape(q.shape + (1,) * count.ndim)
        last = count - 1

        def take(index: np.ndarray) -> np.ndarray:  # index: q's shape + the kept axes
            whole = np.broadcast_to(ordered, index.shape + ordered.shape[-1:])
            return np.take_along_axis(whole, index[..., None], axis=-1)[..., 0]

        pair = None
        if method == "inverted_cdf":
            steps = np.minimum(np.arange(1, ordered.shape[-1] + 1, dtype=q_dtype), count[..., None])
            below = (steps < (q * count)[..., None]).sum(-1)  # q's shape + the kept axes
            index = np.clip(below, 0, np.maximum(last, 0)).astype(np.intp)
            result = take(index)
            empty = (count == 0) if nan_ignoring else nan.any(-1)
            result = np.where(empty, np.nan, result)
        else:
            position = q * last
            low, high = np.floor(position), np.ceil(position)
            t = (position - low).astype(q_dtype)
            low = take(np.clip(low, 0, np.maximum(last, 0)).astype(np.intp))
            high = take(np.clip(high, 0, np.maximum(last, 0)).astype(np.intp))
            pair = (low, high)
            if method == "linear":
                result = _ftz(_ftz(low.astype(q_dtype) * (1 - t)) + _ftz(high.astype(q_dtype) * t))
            elif method == "lower":
                result = low
            elif method == "higher":
                result = high
            elif method == "nearest":
                result = np.where(t <= 0.5, low, high)
            else:  # midpoint
                result = _ftz(_ftz(low.astype(dtype) + high.astype(dtype)) * dtype.type(0.5))
        result = np.asarray(result).astype(dtype)
        result = flush_subnormals(result) if flush else result
        if method not in INTERPOLATING:
            pair = None
        signless = np.broadcast_to(mixed, result.shape) & (result == 0)
        if "keepdims" in example.case.arg_names and option(example, "keepdims"):
            # a 0-d array (or axis=() of one) keeps the raveled slice's axis: shape (1,)
            kept = tuple(1 if i in axes else a.shape[i] for i in range(a.ndim)) or (1,)
            shape = result.shape[:result.ndim - count.ndim] + kept
            result, signless = result.reshape(shape), signless.reshape(shape)
            pair = pair and tuple(np.reshape(x, shape) for x in pair)
        return result, pair, signless


def _order(example: Example) -> bool:
    """An order statistic with a method JAX accepts (ORDER-METHOD-NOT-SUPPORTED is the others'), but
    for ORDER-INVERTED-CDF-DTYPE-MISMATCH's refusals."""
    return ("order-statistic" in example.case.tags and _settings(example)[1] in JAX_METHODS
            and not _inverted_cdf_mismatch(example))


def _inverted_cdf_mismatch(example: Example) -> bool:
    """method inverted_cdf of a nonempty slice, where the input's promoted dtype is not q's (the row's q is
    a Python float or a float64 array: JAX's default float)."""
    if "order-statistic" not in example.case.tags or _settings(example)[1] != "inverted_cdf":
        return False
    a = np.asarray(example.args[0])
    dtype, q_dtype = _dtypes(example, a)
    return (dtype != q_dtype and kind_of(a.dtype) != "c" and _valid_axes(example)
            and math.prod(a.shape[i] for i in _axes(example)) > 0)


def _axes(example: Example) -> tuple[int, ...]:
    a = np.asarray(example.args[0])
    axis = option(example, "axis")
    if axis is None:
        return tuple(range(a.ndim))
    return tuple(ax % a.ndim for ax in (axis if isinstance(axis, tuple) else (axis,)))


def _subnormal_in(example: Example) -> bool:
    """A float input holding a subnormal or a value below 8 times the smallest normal (of the dtype JAX
    computes in): a weight (1 - t or t, 0.25 at least for the row's quantiles) or half of it may make a
    subnormal product."""
    a = np.asarray(example.args[0])
    if kind_of(a.dtype) != "f" or _dtypes(example, a)[0] == np.float16:  # computed in float32 by XLA
        return False
    with np.errstate(all="ignore"):
        values = np.abs(a.astype(_dtypes(example, a)[0]).astype(np.float64))
    return bool(np.any((values != 0) & (values < 8 * float(ml_dtypes.finfo(_dtypes(example, a)[0]).tiny))))


def _modelled(example: Example, outcome: Outcome) -> Outcome:
    """jax_quantile's result, with the reference's slack of a few roundings of each slice's magnitude.
    Where the input holds a subnormal, XLA's kernels read it as zero (sorting and interpolating: the
    interpolation's flushed result is modelled exactly), and a selecting method's element may be the
    subnormal's own bits (the sort moves them): the smallest normal more slack there."""
    from conformance.registry.order_statistics import slack  # the registry's tolerance, in one place

    a = np.asarray(example.args[0])
    if _settings(example)[2] and jax_at_least(example, "0.12") and _valid_axes(example) and math.prod(
            a.shape[i] for i in _axes(example)) == 0:
        return _nan_filled(example, outcome)  # jax 0.12: NaN early, see _nan_filled
    flush = flushes(example) and _subnormal_in(example)
    result, pair, signless = jax_quantile(example, flush=flush)
    if not result.size:
        return Outcome((Value(result),))
    atol = slack(*pair, result) if pair else np.zeros(result.shape)
    if flush and not pair:  # a selected element's own bits
        atol = atol + float(ml_dtypes.finfo(result.dtype).tiny)
    # a zero of either sign: an absolute bound makes the compare ignore a zero's sign
    atol = np.where(signless, np.maximum(atol, float(ml_dtypes.finfo(result.dtype).smallest_subnormal)), atol)
    return Outcome((Value(result, atol=atol),))


# NumPy's refusals of q out of range and of bools, which come before its empty-slice handling, and its
# reshape of a zero-size array with -1 (ORDER-EMPTY-NUMPY-CANNOT-RESHAPE's, where a slice is not empty)
_NUMPY_REFUSALS = r"must be in the range|boolean subtract|cannot reshape array of size 0"


def _empty_slice(example: Example) -> bool:
    """The reduced axes hold no element, where NumPy gives a nonempty result (NaN for each slice, with a
    warning) or raises IndexError (quantile and percentile: index -1 is out of bounds, or cannot do a
    non-empty take from an empty axes)."""
    error = example.numpy.error
    if not _order(example) or not _valid_axes(example) or (error is not None and error.kind() != "IndexError"
                                                         and not re.search(_NUMPY_REFUSALS, error.message)):
        return False
    a = np.asarray(example.args[0])
    if _settings(example)[2] and jax_at_least(example, "0.12"):
        return False  # ORDER-NAN-FORMS-OF-AN-EMPTY-SLICE-UNCHECKED
    return math.prod(a.shape[i] for i in _axes(example)) == 0 and not _jax_computes(example)


def _empty_slice_error(example: Example, outcome: Outcome) -> Outcome:
    """A NaN-ignoring form of one q (0-d) reducing every axis without keepdims indexes a 1-d array
    (IndexError); the others gather (TypeError from lax's shape rule); inverted_cdf of a nan* form whose
    result is empty (its gathers succeed) takes the last cumulative weight (IndexError). From jax 0.12
    median checks the reduced axes first (ValueError)."""
    keepdims = "keepdims" in example.case.arg_names and option(example, "keepdims")
    q, method, nan_ignoring = _settings(example)
    if "median" in example.case.tags and jax_at_least(example, "0.12"):
        return raises("ValueError", r"median reduction axis must be non-empty")(example, outcome)
    if nan_ignoring and method == "inverted_cdf" and _kept_size(example) == 0:
        return raises("IndexError", r"index -1 is out of bounds for axis \d+ with size 0")(example, outcome)
    if nan_ignoring and np.ndim(q) == 0 and len(_axes(example)) == np.ndim(example.args[0]) and not keepdims:
        return raises("IndexError", r"index is out of bounds for axis 0 with size 0")(example, outcome)
    return raises("TypeError", r"Slice size at index \d+ in gather op is out of range")(example, outcome)


def _nan_form_of_empty_slice_refused(example: Example) -> bool:
    """A nan* form whose reduced axes hold no element, where NumPy refuses (q out of range, a bool)."""
    error = example.numpy.error
    if not _order(example) or not _settings(example)[2] or not _valid_axes(example) or error is None:
        return False
    a = np.asarray(example.args[0])
    return math.prod(a.shape[i] for i in _axes(example)) == 0 and (
        error.kind() == "IndexError" or re.search(_NUMPY_REFUSALS, error.message) is not None)


def _nan_filled(example: Example, outcome: Outcome) -> Outcome:
    """jax 0.12's early return: NaN in the reduced shape (keepdims: ones there), no q dimension."""
    a = np.asarray(example.args[0])
    axes, keepdims = _axes(example), "keepdims" in example.case.arg_names and option(example, "keepdims")
    shape = tuple(1 if i in axes else n for i, n in enumerate(a.shape) if keepdims or i not in axes)
    return Outcome((Value(np.full(shape, np.nan, _dtypes(example, a)[0])),))


def _nan_form_of_nothing(example: Example) -> bool:
    """A nan* form of q an array, of an empty input whose reduced axes are not empty or whose result is
    empty anyway (JAX returns an empty result), where NumPy returns nanmean(a) instead: no q dimension."""
    if not _order(example) or not _valid_axes(example) or example.numpy.raised:
        return False
    a = np.asarray(example.args[0])
    q, _, nan_ignoring = _settings(example)
    reduced = math.prod(a.shape[i] for i in _axes(example))
    if reduced == 0 and jax_at_least(example, "0.12"):
        return False  # jax 0.12 returns an empty slice's NaN early, without q's dimension: NumPy's shape
    return (nan_ignoring and a.size == 0 and np.ndim(q) > 0
            and (reduced > 0 or example.numpy.values[0].array.size == 0))


def _empty_with_q_dimension(example: Example, outcome: Outcome) -> Outcome:
    """JAX's empty result: q's shape, then the reduced shape (NumPy's nanmean's), in JAX's dtype."""
    a = np.asarray(example.args[0])
    shape = np.shape(_settings(example)[0]) + outcome.values[0].shape
    return Outcome((Value(np.empty(shape, _dtypes(example, a)[0])),))


def _numpy_cannot_reshape_empty(example: Example) -> bool:
    """An empty input NumPy cannot reshape (axis=(), or a tuple of axes with a kept axis of length 0),
    whose slices are not empty (ORDER-EMPTY-SLICE-RAISES where they are: JAX raises too)."""
    error = example.numpy.error
    a = np.asarray(example.args[0])
    return (_order(example) and _valid_axes(example) and a.size == 0 and error is not None
            and error.kind() == "ValueError" and "cannot reshape array of size 0" in error.message
            and math.prod(a.shape[i] for i in _axes(example)) > 0)


def _not_finite_interpolated(example: Example) -> bool:
    """linear or midpoint (median's) of a slice holding an infinity, or a magnitude above half the
    largest finite value of the result's dtype (where a + b overflows)."""
    if not _order(example) or example.numpy.raised or _settings(example)[1] not in ("linear", "midpoint"):
        return False
    a = np.asarray(example.args[0])
    if kind_of(a.dtype) != "f" or a.size == 0:
        return False
    dtype, _ = _dtypes(example, a)
    with np.errstate(all="ignore"):
        values = np.abs(a.astype(dtype).astype(np.float64))
    return bool(np.any(values[~np.isnan(values)] > float(np.finfo(dtype).max) / 2))


def _nearest_half(example: Example) -> bool:
    """method nearest where q * (n - 1) is halfway between two indexes for some slice."""
    if not _order(example) or example.numpy.raised or _settings(example)[1] != "nearest":
        return False
    a = np.asarray(example.args[0])
    scale = 100 if "percentile" in example.case.name else 1
    q = np.asarray(_settings(example)[0], dtype=np.float64) / scale
    if _settings(example)[2]:  # the counts of values that are not NaN
        counts = np.unique(np.sum(~np.isnan(a.astype(np.float64)), axis=_axes(example))) if a.size else []
    else:
        counts = [math.prod(a.shape[i] for i in _axes(example))]
    return any(np.any((q * (n - 1)) % 1 == 0.5) for n in counts)


def _kept_size(example: Example) -> int:
    a = np.asarray(example.args[0])
    return math.prod(a.shape[i] for i in range(a.ndim) if i not in _axes(example))


def _jax_computes(example: Example) -> bool:
    """JAX returns a result (its gather does not refuse an empty slice): the reduced axes are not empty,
    or, for the nan* forms but of inverted_cdf (its last cumulative weight), the result is empty (the
    kept axes hold no element)."""
    a = np.asarray(example.args[0])
    _, method, nan_ignoring = _settings(example)
    return (math.prod(a.shape[i] for i in _axes(example)) > 0
            or (nan_ignoring and method != "inverted_cdf" and _kept_size(example) == 0))


def _numpy_refused(pattern: str, kind: str = ""):
    def trigger(example: Example) -> bool:
        error = example.numpy.error
        a = np.asarray(example.args[0])
        return (_order(example) and error is not None and (not kind or kind_of(a.dtype) in kind)
                and _settings(example)[1] in JAX_METHODS and re.search(pattern, error.message) is not None
                and _valid_axes(example) and _jax_computes(example))
    return trigger


def _valid_axes(example: Example) -> bool:
    """The axis option is one JAX accepts (it checks axes before q)."""
    axis, ndim = option(example, "axis"), np.ndim(example.args[0])
    if axis is None:
        return True
    axes = axis if isinstance(axis, tuple) else (axis,)
    return all(-ndim <= ax < ndim for ax in axes) and len({ax % ndim for ax in axes}) == len(axes)


def _integer_input(example: Example) -> bool:
    """A bool or integer input, where NumPy's result dtype is not JAX's."""
    a = np.asarray(example.args[0])
    return (_order(example) and not example.numpy.raised and kind_of(a.dtype) in "biu"
            and example.numpy.values[0].dtype != _dtypes(example, a)[0])


def _other_method(example: Example) -> bool:
    return ("order-statistic" in example.case.tags and "method" in example.case.arg_names
            and option(example, "method") not in JAX_METHODS)


def _subnormals(example: Example) -> bool:
    return _order(example) and not example.numpy.raised and flushes(example) and _subnormal_in(example)


def _q_array_promotes(example: Example) -> bool:
    """An interpolating method with q an array (float64), where NumPy's result dtype is not JAX's."""
    if not _order(example) or example.numpy.raised or _settings(example)[1] not in INTERPOLATING:
        return False
    a = np.asarray(example.args[0])
    return (isinstance(_settings(example)[0], np.ndarray) and kind_of(a.dtype) == "f"
            and example.numpy.values[0].dtype != _dtypes(example, a)[0])


def _complex_median(example: Example) -> bool:
    return _order(example) and not example.numpy.raised and kind_of(np.asarray(example.args[0]).dtype) == "c"


def _keepdims_of_0d(example: Example) -> bool:
    return (_order(example) and not example.numpy.raised and np.ndim(example.args[0]) == 0
            and bool(option(example, "keepdims")))


def _zero_of_negative_zeros(example: Example) -> bool:
    """A float input holding a negative zero, where NumPy's result holds a zero."""
    if not _order(example) or example.numpy.raised:
        return False
    a, result = np.asarray(example.args[0]), example.numpy.values[0].array
    return (kind_of(a.dtype) == "f" and bool(np.any(np.signbit(a) & (a == 0)))
            and kind_of(result.dtype) == "f" and bool(np.any(result == 0)))


ENTRIES = (
    KnownDivergence(
        id="ORDER-EMPTY-SLICE-RAISES",
        area="statistics",
        title="median, quantile and percentile of an empty slice raise (the nan* forms before jax 0.12)",
        numpy="returns NaN for each empty slice (median and the nan* forms; RuntimeWarning) or raises "
              "IndexError (quantile, percentile: index -1 is out of bounds for axis 0 with size 0, or "
              "cannot do a non-empty take from an empty axes), or ValueError where the reduced axes are a "
              "tuple with a kept axis of length 0 (cannot reshape array of size 0: numpy/numpy#32535); "
              "the nan* forms return an empty result where no slice is kept",
        jax="raises TypeError (Slice size ... in gather op is out of range) or, for the nan* forms of one q "
            "reducing every axis without keepdims, IndexError (index is out of bounds for axis 0 with size "
            "0); the nan* forms return an empty result where no slice is kept, but of inverted_cdf: "
            "IndexError (index -1 is out of bounds: its last cumulative weight); from jax 0.12 median "
            "raises ValueError: jax.numpy.median reduction axis must be non-empty (measured on 0.12.0.1)",
        why="jnp gathers the elements at the clamped indexes of each slice, and a slice of length 0 has none",
        source="observed by this suite, undocumented upstream",
        condition="the reduced axes hold no element, where JAX raises: but for nan* forms of a method other "
                  "than inverted_cdf whose result is empty; NumPy raising IndexError or refusing q out of "
                  "range or a bool input first, or unable to reshape the array",
        kinds=("error-parity", "error-kind"),
        trigger=_empty_slice,
        outputs=_empty_slice_error,
    ),
    KnownDivergence(
        id="ORDER-NAN-FORMS-OF-AN-EMPTY-SLICE-UNCHECKED",
        area="statistics",
        title="nanmedian, nanquantile and nanpercentile of an empty slice return NaN without checking q",
        numpy="checks q first: nanquantile(zeros((0, 2)), 1.5, axis=0) raises ValueError: Quantiles must be "
              "in the range [0, 1]",
        jax="returns NaN in the reduced shape (no q dimension), in the result's dtype, whatever q: [nan, "
            "nan]",
        why="from jax 0.12, jnp's _quantile returns lax.full(reduced shape, nan) early where a nan* form's "
            "reduced axes hold no element (as NumPy's nanmean of an empty array), and jnp never checks q",
        source=_REDUCTIONS + " (_quantile: `if squash_nans and core.definitely_equal(a_shape[axis], 0)`); "
               "observed by this suite on jax 0.12.0.1",
        condition="nanmedian, nanquantile or nanpercentile whose reduced axes hold no element, where NumPy "
                  "refuses q out of range (or a bool input)",
        kinds=("error-parity",),
        jax_versions=">=0.12",
        trigger=_nan_form_of_empty_slice_refused,
        outputs=_nan_filled,
    ),
    KnownDivergence(
        id="ORDER-NAN-FORMS-OF-AN-EMPTY-ARRAY-DROP-Q",
        area="statistics",
        title="nanquantile and nanpercentile of an empty array keep q's dimension",
        numpy="returns nanmean(a, axis, keepdims=keepdims) for an empty array, whatever q: "
              "nanquantile(uint16 (1, 0, 3), q=[0, 0.25, 0.5, 1], axis=2, keepdims=True) has shape (1, 0, 1)",
        jax="returns q's shape followed by the reduced shape, as for any other input: (4, 1, 0, 1), "
            "empty, in the result's dtype",
        why="NumPy's _nanquantile_unchecked returns np.nanmean early when a.size == 0; jnp's _quantile "
            "has no such branch",
        source="observed by this suite; NumPy's early return: "
               "https://github.com/numpy/numpy/blob/main/numpy/lib/_nanfunctions_impl.py "
               "(_nanquantile_unchecked: `if a.size == 0: return np.nanmean(...)`)",
        condition="nanquantile or nanpercentile of q an array, of an empty input whose reduced axes are not "
                  "empty or whose result is empty",
        kinds=("shape", "dtype"),
        trigger=_nan_form_of_nothing,
        outputs=_empty_with_q_dimension,
    ),
    KnownDivergence(
        id="ORDER-EMPTY-NUMPY-CANNOT-RESHAPE",
        area="statistics",
        title="median, quantile and percentile of an empty array over axis=() (or a tuple of axes with a "
              "kept axis of length 0) are empty",
        numpy="raises ValueError: cannot reshape array of size 0 into shape (2,0,4,newaxis)",
        jax="returns the empty result: q's shape, then the kept shape (with keepdims, the reduced axes of "
            "length 1), in the result's dtype",
        why="NumPy's _ureduce merges the reduced axes with a.reshape(kept + (-1,)), which a zero-size array "
            "cannot resolve (numpy/numpy#32535, fixed by #32536; NumPy 2.4.6 raises); jnp's _quantile "
            "reshapes to the kept shape explicitly",
        source="https://github.com/numpy/numpy/issues/32535 (NumPy's bug; JAX's result is the other "
               "reductions')",
        condition="an order statistic of a zero-size input with a method and axes JAX accepts, whose reduced "
                  "axes are not empty (axis=() among them), where NumPy raises ValueError: cannot reshape "
                  "array of size 0",
        kinds=("error-parity",),
        numpy_versions="<2.5",  # numpy 2.5.5 returns the empty result (measured)
        trigger=_numpy_cannot_reshape_empty,
        outputs=_modelled,
    ),
    KnownDivergence(
        id="ORDER-INTERPOLATION-NOT-FINITE",
        area="statistics",
        title="Interpolated quantiles and medians of infinities or of values above half the largest finite",
        numpy="interpolates as a + (b - a) * t (b - (b - a) * (1 - t) where t >= 0.5) and takes the middle "
              "element of an odd median as it is: median([3e38]) is 3e38, midpoint of [1, inf] is NaN",
        jax="interpolates as a * (1 - t) + b * t (linear) and (a + b) * 0.5 (midpoint, median: also of one "
            "middle element): median([3e38]) in float32 is inf, quantile([inf], 0.5) is NaN (inf * 0)",
        why="jnp's _quantile combines the two gathered elements by its own formulas",
        source=_REDUCTIONS + " (_quantile: method 'linear' and 'midpoint')",
        condition="method linear or midpoint (median, nanmedian) of a slice holding an infinity or a "
                  "magnitude above half the result dtype's largest finite value",
        kinds=("values",),
        trigger=_not_finite_interpolated,
        outputs=_modelled,
    ),
    KnownDivergence(
        id="ORDER-NEAREST-ROUNDS-HALF-DOWN",
        area="statistics",
        title="method='nearest' takes the lower element at a half-way index",
        numpy="rounds the index q * (n - 1) half to even (np.around): quantile(arange(4), 0.5, "
              "method='nearest') is 2",
        jax="takes the lower element where the fraction is <= 0.5: 1",
        why="jnp's _quantile selects low where high_weight <= 0.5",
        source=_REDUCTIONS + " (_quantile: method 'nearest')",
        condition="method nearest where q * (n - 1) is half-way between two indexes for a slice",
        kinds=("values",),
        trigger=_nearest_half,
        outputs=_modelled,
    ),
    KnownDivergence(
        id="ORDER-Q-OUT-OF-RANGE-CLAMPED",
        area="statistics",
        title="A quantile outside [0, 1] (percentile outside [0, 100]) is not refused",
        numpy="raises ValueError: Quantiles must be in the range [0, 1] (Percentiles ... [0, 100])",
        jax="computes it: the indexes are clamped to the slice, so the result is the first or last element "
            "(linear: its weights unclamped)",
        why="jnp's _quantile does not check q (it cannot, for a traced q)",
        source=_REDUCTIONS + " (_quantile: low and high clamped to [0, n - 1])",
        condition="q out of range, with a method JAX accepts, of a nonempty slice (nan* forms: or of an "
                  "empty result)",
        kinds=("error-parity",),
        trigger=_numpy_refused(r"must be in the range"),
        outputs=_modelled,
    ),
    KnownDivergence(
        id="ORDER-BOOL-INTERPOLATED",
        area="statistics",
        title="Quantiles of bool arrays are computed",
        numpy="raises TypeError for an interpolating method (numpy boolean subtract is not supported)",
        jax="promotes the bools to its default float type first and computes the quantile",
        why="jnp's _quantile promotes its input to an inexact dtype (promote_dtypes_inexact)",
        source=_REDUCTIONS + " (_quantile: promote_dtypes_inexact)",
        condition="a bool input NumPy refuses (boolean subtract), with a method JAX accepts",
        kinds=("error-parity",),
        trigger=_numpy_refused(r"boolean subtract", kind="b"),
        outputs=_modelled,
    ),
    KnownDivergence(
        id="ORDER-INTEGER-INPUT-DTYPE",
        area="statistics",
        title="Order statistics of bool and integer inputs are float32 (float64 for 64-bit ints, x64 on)",
        numpy="keeps the input's dtype for methods that select an element (lower, higher, nearest, "
              "inverted_cdf: quantile(arange(5), 0.5, method='lower') is int64 2), and interpolates in "
              "float64",
        jax="promotes the input to float32, or float64 for 64-bit ints with x64 on, also for the selecting "
            "methods",
        why="jnp's _quantile promotes its input to an inexact dtype before sorting (promote_dtypes_inexact: "
            "DTYPE-INT-TO-INEXACT's rule, which the Python float q does not change here)",
        source=_REDUCTIONS + " (_quantile: promote_dtypes_inexact)",
        condition="a bool or integer input where NumPy's result dtype is not JAX's",
        kinds=("dtype",),
        trigger=_integer_input,
        outputs=_modelled,
    ),
    KnownDivergence(
        id="ORDER-INVERTED-CDF-DTYPE-MISMATCH",
        area="statistics",
        title="method='inverted_cdf' raises TypeError where the input's float dtype is not q's",
        numpy="computes it (quantile(np.ones(3, float16), 0.5, method='inverted_cdf') is 1.0)",
        jax="raises TypeError: lax.mul requires arguments to have the same dtypes (float16 or bfloat16 "
            "inputs; with x64 on, float32 and bool or integer inputs below 64 bits too)",
        why="jnp's _quantile multiplies q by the total weight with lax.mul, which does not promote: q is "
            "its own float dtype (the default float for a Python float), the weights the input's",
        source="observed by this suite, undocumented upstream (" + _REDUCTIONS
               + ", _quantile: lax.mul(q_f, tw_f))",
        condition="method inverted_cdf of a nonempty slice, where the input's promoted dtype is not the "
                  "default float dtype (q's), with an axis JAX accepts",
        kinds=("error-parity", "error-kind"),
        trigger=_inverted_cdf_mismatch,
        outputs=raises("TypeError", r"lax.mul requires arguments to have the same dtypes"),
    ),
    KnownDivergence(
        id="ORDER-METHOD-NOT-SUPPORTED",
        area="statistics",
        title="quantile and percentile support six of NumPy's thirteen methods",
        numpy="accepts the H&F methods too (hazen, weibull, median_unbiased, normal_unbiased, "
              "averaged_inverted_cdf, closest_observation, interpolated_inverted_cdf)",
        jax="raises ValueError: method can only be 'linear', 'lower', 'higher', 'midpoint', 'nearest' or "
            "'inverted_cdf'",
        why="jnp's _quantile implements those six",
        source=_DOCS.format("quantile") + " (method: ... 'inverted_cdf'; the others are not supported)",
        condition="a method outside JAX's six",
        kinds=("error-parity", "error-kind"),
        trigger=_other_method,
        outputs=raises("ValueError", r"method can only be"),
    ),
    KnownDivergence(
        id="ORDER-KEEPDIMS-OF-0D",
        area="statistics",
        title="keepdims=True of a 0-d array gives shape (1,)",
        numpy="keeps the 0-d shape: median(np.float32(1), keepdims=True).shape is ()",
        jax="(1,) (with q an array: (len(q), 1))",
        why="jnp's _quantile ravels the array to one axis and keeps that axis; the reshape back to the "
            "input's rank is skipped for rank 0",
        source=_REDUCTIONS + " (_quantile: `if keepdims and keepdim`, keepdim empty for a 0-d array)",
        condition="a 0-d input with keepdims=True",
        kinds=("shape",),
        trigger=_keepdims_of_0d,
        outputs=_modelled,
    ),
    KnownDivergence(
        id="ORDER-SIGNED-ZERO",
        area="statistics",
        title="The sign of a zero median or quantile of negative zeros",
        numpy="median of one element is its mean (-0.0 + 0 is +0.0: median([-0.0]) is 0.0); linear "
              "interpolation a + (b - a) * t",
        jax="(a + b) * 0.5 and a * (1 - t) + b * t: median([-0.0]) is -0.0",
        why="jnp's _quantile combines the two gathered elements by its own formulas",
        source=_REDUCTIONS + " (_quantile: method 'linear' and 'midpoint')",
        condition="a float input holding a negative zero, where NumPy's result holds a zero",
        kinds=("values",),
        trigger=_zero_of_negative_zeros,
        outputs=_modelled,
    ),
    KnownDivergence(
        id="ORDER-SUBNORMALS-AS-ZEROS",
        area="statistics",
        title="Order statistics read subnormals as zeros",
        numpy="sorts and interpolates subnormals as the numbers they are",
        jax="XLA's CPU kernels compare and compute with subnormals as zeros (DAZ/FTZ): an interpolated "
            "result is flushed, a selected element is the flushed order's (its own bits or a zero)",
        why="the flush-to-zero mode of XLA's CPU kernels (NUM-SUBNORMAL-FLUSH), in the sort and in the "
            "interpolation of jnp's _quantile",
        source="https://github.com/jax-ml/jax/issues/16200 (subnormals flushed, working as intended)",
        condition="a float input holding a subnormal or a value below 8 times the smallest normal (of the "
                  "dtype JAX computes in), eager or jit",
        kinds=("values",),
        trigger=_subnormals,
        outputs=_modelled,
        notes="the model is jax_quantile of the flushed input, within the smallest normal (the selected "
              "element's own bits)",
    ),
    KnownDivergence(
        id="ORDER-Q-ARRAY-DTYPE-NOT-PROMOTED",
        area="statistics",
        title="Interpolated quantiles keep the input's float dtype for a float64 array of quantiles",
        numpy="promotes the input with q: quantile(float16 or float32 array, np.array([0.5]), "
              "method='linear' or 'midpoint') is float64 (a Python float q is weak: the input's dtype)",
        jax="returns the input's dtype (float16, bfloat16, float32), computed in q's",
        why="jnp's _quantile converts its result to the input's (promoted) dtype",
        source=_REDUCTIONS + " (_quantile: lax.convert_element_type(result, a.dtype))",
        condition="method linear or midpoint, q a float64 array, a float input of fewer bits",
        kinds=("dtype",),
        trigger=_q_array_promotes,
        outputs=_modelled,
    ),
    KnownDivergence(
        id="ORDER-COMPLEX-MEDIAN-REFUSED",
        area="statistics",
        title="median and nanmedian refuse complex inputs",
        numpy="returns the mean of the middle elements in lexicographic order",
        jax="raises ValueError: quantile does not support complex input, as the operation is poorly defined",
        why="jnp.median is jnp.quantile(a, 0.5, method='midpoint'), which refuses complex inputs",
        source=_REDUCTIONS + " (_quantile: complex inputs refused)",
        condition="a complex input NumPy reduces",
        kinds=("error-parity",),
        trigger=_complex_median,
        outputs=raises("ValueError", r"does not support complex input"),
    ),
)

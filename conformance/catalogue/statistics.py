"""Known divergences of the registry's sums, products, means and their cumulative forms
(`conformance/registry/`, STATISTICS): subnormals flushed inside the accumulation, integer accumulators
of float inputs, cumulative_sum and cumulative_prod of a 0-d array."""

from __future__ import annotations

from dataclasses import replace

import ml_dtypes
import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue import complex_formulas as cf
from conformance.catalogue.casts import saturated
from conformance.catalogue.dtypes import requested_dtype
from conformance.catalogue.manipulation import option
from conformance.catalogue.models import (
    canonical_dtype,
    flush_subnormals,
    flushes,
    folding_reads_subnormals,
    has_subnormal,
    map_array_args,
    raises,
)
from conformance.catalogue.reductions import bfloat16_keeps_bits, xla_extremum_value
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.strategies import kind_of

_REDUCTIONS = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/reductions.py"


def _sums(example: Example) -> bool:
    return "sums" in example.case.tags


def _tiny(dtype: np.dtype) -> float:
    return float(ml_dtypes.finfo(dtype).tiny)


def _flushes_in_a_sum(example: Example) -> bool:
    """A sum or product of float or complex values with a float result, where a subnormal or a value
    below twice the smallest normal is among the inputs (partial sums and products of such values may
    underflow): the planted smallest subnormal is in every float example."""
    if not _sums(example) or example.numpy.raised:
        return False
    a = np.asarray(example.args[0])
    result = example.numpy.values[0].dtype
    return kind_of(a.dtype) in "fc" and kind_of(result) in "fc" and a.size > 0 and (
        has_subnormal(a) or has_subnormal(example.numpy.values[0].array))


def _bounded_like_jax(example: Example, outcome: Outcome) -> Outcome:
    """The bounded reference in the dtype JAX computes in (the 32-bit one with x64 off), each step
    allowed an absolute error of the smallest normal number where a subnormal is about (times the later
    factors of a product)."""
    dtype = example.numpy.values[0].dtype
    dtype = dtype if example.env.x64 else canonical_dtype(dtype)
    # a float32 subnormal converted to a 64-bit accumulator is flushed too (CAST-SUBNORMAL-FLUSH)
    source = np.asarray(example.args[0]).dtype
    source = source if kind_of(source) in "fc" else dtype
    flushes = _flushes_in_a_sum(example)
    underflow = max(_tiny(dtype), _tiny(source)) if flushes else 0.0
    args = map_array_args(example, flush_subnormals) if flushes else example.args  # read as zeros
    return Outcome((example.case.numpy_reference(*args, underflow=underflow, result_dtype=dtype),))


def _complex_mean_of_one_not_finite(example: Example) -> bool:
    a = np.asarray(example.args[0])
    return ("mean" in example.case.tags and not example.numpy.raised
            and kind_of(example.numpy.values[0].dtype) == "c"
            and not np.isfinite(example.numpy.values[0].array).all()
            and a.size == example.numpy.values[0].array.size)  # every slice holds one element


def _mean_of_one(example: Example, outcome: Outcome) -> Outcome:
    """The bounded mean where NumPy's is finite; elsewhere the slice's one element, as it is."""
    bounded = _bounded_like_jax(example, outcome).values[0]
    options = {k: option(example, k) for k in ("axis", "keepdims", "dtype") if k in example.case.arg_names}
    with np.errstate(all="ignore"):
        element = np.asarray(np.sum(np.asarray(example.args[0]), **options)).astype(bounded.dtype)
    own = example.numpy.values[0].array
    array = np.where(np.isfinite(own), bounded.array, element)
    return Outcome((Value(array, atol=bounded.atol, nonfinite=bounded.nonfinite),))


def _complex_mean_folded_not_finite(example: Example) -> bool:
    """mean, folded, with a complex result over slices of more than one element, where NumPy's result has
    an element whose parts are both NaN (the complex division's NaN that C99 Annex G recovers)."""
    if "mean" not in example.case.tags or example.mode != "folded" or example.numpy.raised:
        return False
    own = example.numpy.values[0].array
    return (kind_of(own.dtype) == "c" and 0 < own.size < np.asarray(example.args[0]).size
            and bool(np.any(np.isnan(own.real) & np.isnan(own.imag))))


def _mean_divided_by_annex_g(example: Example, outcome: Outcome) -> Outcome:
    """The bounded mean where NumPy's is finite; elsewhere the sum (its infinite and NaN parts do not
    depend on the order) divided by the count with XLA's complex division, which recovers infinities as
    C99 Annex G does (`complex_formulas.divide`), in the dtype JAX computes in."""
    bounded = _bounded_like_jax(example, outcome).values[0]
    options = {k: option(example, k) for k in ("axis", "keepdims") if k in example.case.arg_names}
    a = np.asarray(example.args[0])
    with np.errstate(all="ignore"):
        total = np.asarray(np.sum(a.astype(bounded.dtype), **options))
    real = cf.real_dtype(bounded.dtype)
    count = np.full(total.shape, a.size // max(total.size, 1), real)
    quotient = cf.join(cf.divide(cf.split(total, real), (count, np.zeros(total.shape, real))), bounded.dtype)
    own = example.numpy.values[0].array
    finite = np.isfinite(own.real) & np.isfinite(own.imag)
    return Outcome((Value(np.where(finite, bounded.array, quotient), atol=bounded.atol,
                          nonfinite=bounded.nonfinite),))


def _requests_64_bit_inexact(example: Example) -> bool:
    requested = requested_dtype(example)
    return (_sums(example) and not example.env.x64 and requested is not None
            and requested.name in ("float64", "complex128") and not example.numpy.raised)


def _axis_out_of_range(example: Example) -> bool:
    axis, ndim = option(example, "axis"), np.ndim(example.args[0])
    axes = axis if isinstance(axis, tuple) else (axis,)
    # nanmean of integers or bools is jnp.mean's (of floats, jnp.nansum checks the axis first)
    nanmean_of_integers = ("nanmean" in example.case.tags
                           and kind_of(np.asarray(example.args[0]).dtype) in "biu")
    # nanvar and nanstd (tags variance and nan) check the axis first, as nansum does
    variance = "variance" in example.case.tags and "nan" not in example.case.tags
    # average checks its axes first (canonicalize_axis_tuple: ValueError, the family of NumPy's AxisError)
    mean = "mean" in example.case.tags and "average" not in example.case.tags
    return ((mean or variance or nanmean_of_integers)
            and any(a is not None and not -ndim <= a < ndim for a in axes))


def _include_initial_of_empty(example: Example) -> bool:
    a, axis = np.asarray(example.args[0]), option(example, "axis")
    return ("cumulative" in example.case.tags and option(example, "include_initial") is True
            and a.size == 0 and a.ndim > 0 and (axis is None or (-a.ndim <= axis < a.ndim
                                                               and a.shape[axis] == 0))
            and example.numpy.raised and example.numpy.error.kind() == "IndexError")


def _initial_slice(example: Example, outcome: Outcome) -> Outcome:
    """The identity (0 for a sum, 1 for a product) along the axis, one element long, in the dtype
    NumPy gives without include_initial."""
    a, axis = np.asarray(example.args[0]), option(example, "axis")
    fn = np.cumulative_sum if "cumulative_sum" in example.case.tags else np.cumulative_prod
    flat = a.reshape(-1) if axis is None else a
    dtype = fn(flat, axis=0 if axis is None else axis, dtype=option(example, "dtype")).dtype
    dtype = dtype if example.env.x64 else canonical_dtype(dtype)
    shape = list(flat.shape)
    shape[0 if axis is None else axis] = 1
    identity = 0 if fn is np.cumulative_sum else 1
    return Outcome((Value(np.full(shape, identity, dtype=dtype)),))


def _integer_accumulator_of_floats(example: Example) -> bool:
    """dtype= an integer type, of a float or complex input whose (real) values are NaN, infinite or
    out of that type's range: each element is converted before it is summed."""
    requested = requested_dtype(example)
    a = np.asarray(example.args[0])
    if not _sums(example) or requested is None or requested.kind not in "iu" or kind_of(a.dtype) not in "fc":
        return False
    info = np.iinfo(canonical_dtype(requested) if not example.env.x64 else requested)
    real = (a.real if kind_of(a.dtype) == "c" else a).astype(np.float64)
    with np.errstate(invalid="ignore"):
        return bool((np.isnan(real) | (np.trunc(real) >= float(info.max) + 1)
                     | (np.trunc(real) < float(info.min))).any())


def _saturated_input(example: Example) -> tuple:
    requested = requested_dtype(example)
    dtype = requested if example.env.x64 else canonical_dtype(requested)
    return (saturated(np.asarray(example.args[0]), dtype), *example.args[1:])


def _cumulative_of_0d(example: Example) -> bool:
    return ("cumulative" in example.case.tags and example.case.name.startswith("cumulative_")
            and np.ndim(example.args[0]) == 0)


def _stepwise_diff(example: Example) -> np.ndarray:
    """diff's n differences taken one at a time, each flushed (FTZ), of the flushed input."""
    result = flush_subnormals(np.asarray(example.args[0]))
    for _ in range(option(example, "n")):
        with np.errstate(all="ignore"):
            result = flush_subnormals(np.diff(result, axis=option(example, "axis")))
    return result


def _diff_flushes_between_orders(example: Example) -> bool:
    a = np.asarray(example.args[0])
    if "diff" not in example.case.tags or example.numpy.raised or kind_of(a.dtype) not in "fc" \
            or (option(example, "n") or 1) < 2 or folding_reads_subnormals(example):
        return False
    first = np.asarray(example.args[0])
    with np.errstate(all="ignore"):
        first = np.diff(flush_subnormals(first), axis=option(example, "axis"))
    return has_subnormal(first)


def _nan_extremum_near_zero(example: Example) -> bool:
    """nanmax or nanmin of floats holding a zero or a subnormal (what flushing and a zero's sign change)."""
    a = np.asarray(example.args[0])
    return ("nan-extremum" in example.case.tags and not example.numpy.raised and kind_of(a.dtype) == "f"
            and a.size > 0 and bool(np.any(flush_subnormals(a) == 0)))


def _nan_extremum_as_xla(example: Example, outcome: Outcome) -> Outcome:
    """jnp.nanmax's own steps: NaNs replaced by -inf (nanmin: +inf), XLA's max reduce (REDUCE-MAX-MIN-
    ZEROS-AND-SUBNORMALS's model), NaN where the slice is all NaN."""
    a, axis, keepdims = np.asarray(example.args[0]), option(example, "axis"), option(example, "keepdims")
    largest = "nanmax" in example.case.tags
    filled = np.where(np.isnan(a), -np.inf if largest else np.inf, a).astype(a.dtype)
    value = xla_extremum_value(filled, axis, keepdims, largest=largest, folded=not flushes(example),
                               daz=not folding_reads_subnormals(example),
                               own_bits=bfloat16_keeps_bits(example))
    all_nan = np.all(np.isnan(a), axis=axis, keepdims=keepdims)
    nan_where_all_nan = lambda r: np.where(all_nan, np.nan, r).astype(a.dtype)  # noqa: E731
    return Outcome((replace(value, array=nan_where_all_nan(value.array),
                            choices=tuple(nan_where_all_nan(c) for c in value.choices)),))


def _all_nan_slice(example: Example) -> bool:
    a, axis = np.asarray(example.args[0]), option(example, "axis")
    if "nan-arg-extremum" not in example.case.tags or kind_of(a.dtype) != "f" or not example.numpy.raised \
            or example.numpy.error.kind() != "ValueError" or a.size == 0:
        return False
    return axis is None or (a.ndim > 0 and -a.ndim <= axis < a.ndim)


def _minus_one_where_all_nan(example: Example, outcome: Outcome) -> Outcome:
    """jnp.nanargmax: argmax of the values with NaNs replaced by -inf (nanargmin: argmin, +inf), -1 where
    the slice is all NaN; compared as the compiled kernels do, subnormals read as zeros (folded: as they
    are); the index dtype is JAX's default integer."""
    a, axis, keepdims = np.asarray(example.args[0]), option(example, "axis"), option(example, "keepdims")
    a = a.astype(np.float32) if a.dtype.name == "bfloat16" else a
    a = flush_subnormals(a) if flushes(example) else a
    largest = "nanargmax" in example.case.tags
    filled = np.where(np.isnan(a), -np.inf if largest else np.inf, a)
    index = (np.argmax if largest else np.argmin)(filled, axis=axis, keepdims=bool(keepdims))
    index = np.where(np.isnan(a).all(axis=axis, keepdims=bool(keepdims)), -1, index)
    return Outcome((Value(np.asarray(index).astype(canonical_dtype(np.dtype(np.int64)) if not example.env.x64
                                                   else np.int64)),))


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="STAT-SUMS-FLUSH-SUBNORMALS",
        area="statistics",
        title="Sums, products and means flush subnormal inputs and partial results to zero",
        numpy="adds and multiplies with IEEE gradual underflow",
        jax="reads subnormal float32/float64/bfloat16 inputs as zero and flushes subnormal partial sums and "
            "products (FTZ/DAZ), except where a slice has one element (no arithmetic): each step may be "
            "off by the smallest normal number, which a product's later factors multiply",
        why="XLA sets the CPU's flush-to-zero and denormals-are-zero modes for speed; GPUs flush too",
        source="https://github.com/jax-ml/jax/issues/16200 (working as intended)",
        condition="sum, prod, mean, cumsum, cumprod, cumulative_sum or cumulative_prod (their nan forms, "
                  "var, std, nanvar, nanstd and trace: tag sums) with a float result "
                  "of float or complex inputs holding a subnormal (or a subnormal NumPy result)",
        kinds=("values",),
        trigger=_flushes_in_a_sum,
        outputs=_bounded_like_jax,
    ),
    KnownDivergence(
        id="STAT-INTEGER-ACCUMULATOR-OF-FLOATS-SATURATES",
        area="statistics",
        title="An integer dtype= of a float sum or product converts each element saturating",
        numpy="converts each element with C's float-to-integer conversion, undefined for NaN, infinities "
              "and values out of range (on x86-64 the minimum integer, or the low bits of an int64 "
              "conversion), then accumulates",
        jax="converts each element as astype does (CAST-FLOAT-TO-INT-SATURATES: NaN to 0, values past "
            "the range to its nearest end; the real part of a complex value), then accumulates in the "
            "requested type (its 32-bit counterpart with x64 off)",
        why="jnp's reductions convert the operand with lax.convert_element_type to the requested dtype",
        source="observed by this suite, undocumented upstream (" + _REDUCTIONS + ": _reduction); "
               "saturation: https://github.com/jax-ml/jax/issues/5082",
        condition="an accumulating reduction of a float or complex array with an integer dtype=, where a "
                  "(real) value is NaN, infinite or out of that type's range",
        kinds=("values",),
        platforms=("cpu",),
        trigger=_integer_accumulator_of_floats,
        inputs=_saturated_input,
    ),
    KnownDivergence(
        id="STAT-CUMULATIVE-REFUSES-0D",
        area="statistics",
        title="cumulative_sum and cumulative_prod refuse a 0-d array",
        numpy="reads a 0-d array as a 1-d array of one element: cumulative_sum(np.int8(3)) is [3] "
              "(include_initial: [0, 3])",
        jax="raises ValueError: The input must be non-scalar to take a cumulative sum (product)",
        why="jnp.cumulative_sum checks the rank first, as the array API standard's cumulative_sum "
            "(defined for one or more dimensions) allows",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.cumulative_sum.html; observed by "
               "this suite",
        condition="cumulative_sum or cumulative_prod of a 0-d array",
        kinds=("error-parity",),
        trigger=_cumulative_of_0d,
        outputs=raises("ValueError", r"must be non-scalar to take a cumulative"),
    ),
    KnownDivergence(
        id="STAT-X64-OFF-REQUESTED-64BIT-ACCUMULATES-IN-32",
        area="statistics",
        title="With x64 off, a float64 or complex128 dtype= accumulates in float32 or complex64",
        numpy="accumulates and returns float64 (complex128)",
        jax="returns float32 (complex64), accumulated at 32 bits: the error bound of a 32-bit sum; no "
            "warning once jnp's internally jitted reduction has traced (DTYPE-X64-OFF-REQUESTED-64BIT-WARNS "
            "is the dtype rule; this entry its bound)",
        why="with jax_enable_x64 off JAX has no 64-bit arrays; the requested dtype is truncated",
        source="https://docs.jax.dev/en/latest/default_dtypes.html",
        condition="x64 off, an accumulating reduction with dtype='float64' or 'complex128'",
        kinds=("dtype", "values"),
        x64=False,
        trigger=_requests_64_bit_inexact,
        outputs=_bounded_like_jax,
    ),
    KnownDivergence(
        id="STAT-MEAN-AXIS-OUT-OF-RANGE-INDEXERROR",
        area="statistics",
        title="mean, var and std (nanmean of integers) raise IndexError for an axis out of range",
        numpy="raises numpy.exceptions.AxisError (a ValueError and an IndexError)",
        jax="raises IndexError: tuple index out of range (`except ValueError` does not catch it)",
        why="jnp.mean reads the axes' lengths from the shape tuple (to count the elements) before the "
            "reduction checks the axes",
        source="observed by this suite, undocumented upstream (" + _REDUCTIONS + ": mean)",
        condition="mean, var or std (jnp.var calls jnp.mean first), or nanmean of an integer or bool array "
                  "(jnp.nanmean calls jnp.mean there), with "
                  "an axis (or an axis of a tuple) outside -ndim..ndim-1",
        kinds=("error-kind",),
        trigger=_axis_out_of_range,
        outputs=raises("IndexError", r"tuple index out of range"),
    ),
    KnownDivergence(
        id="STAT-CUMULATIVE-INCLUDE-INITIAL-OF-EMPTY",
        area="statistics",
        title="cumulative_sum and cumulative_prod with include_initial of an empty axis return the identity",
        numpy="raises IndexError (index 0 is out of bounds for axis 0 with size 0): NumPy 2.4 builds the "
              "initial slice from the first element",
        jax="returns the identity (0, or 1 for a product) along the axis, one element long: the "
            "result the array API standard defines",
        why="jnp pads the accumulation with the identity instead of reading the first element",
        source="https://data-apis.org/array-api/latest/API_specification/generated/"
               "array_api.cumulative_sum.html (include_initial); observed by this suite",
        condition="cumulative_sum or cumulative_prod with include_initial=True along an empty axis "
                  "(or axis=None of an empty array), where NumPy raises IndexError",
        kinds=("error-parity",),
        trigger=_include_initial_of_empty,
        outputs=_initial_slice,
    ),
    KnownDivergence(
        id="STAT-MEAN-COMPLEX-OF-ONE-ELEMENT-KEPT",
        area="statistics",
        title="The complex mean of one infinite element is the element",
        numpy="divides the complex sum by the count, 1, as a complex division: mean([inf+0j]) is "
              "inf+nanj (0 * inf in the division)",
        jax="returns the element as it is: mean([inf+0j]) is inf+0j (over more elements, the complex "
            "division gives NumPy's NaN parts)",
        why="jnp.mean divides by the count, a compile-time constant: XLA's simplifier removes a division "
            "by one",
        source="observed by this suite, undocumented upstream (" + _REDUCTIONS + ": mean)",
        condition="mean with a complex result over slices of one element, where NumPy's result has an "
                  "infinite or NaN part",
        kinds=("values",),
        trigger=_complex_mean_of_one_not_finite,
        outputs=_mean_of_one,
    ),
    KnownDivergence(
        id="STAT-MEAN-COMPLEX-FOLDED-DIVISION-RECOVERS-INFINITY",
        area="statistics",
        title="A folded complex mean whose sum has an infinite part keeps the infinity",
        numpy="divides the complex sum by the count as a complex division: mean of [inf+1j, -inf+1j, "
              "1+infj] (sum nan+infj) is nan+nanj",
        jax="folded (a constant input), XLA's evaluator divides the sum by the count with C99 Annex G's "
            "recovery of infinities: nan+infj / 3 is nan+infj, inf+infj / 3 is inf+infj (eager and jit, "
            "the kernels multiply by the count's reciprocal: NumPy's nan+nanj)",
        why="jnp.mean is lax.div(sum, count); XLA's constant folding evaluates the complex division with "
            "the host's C++ complex division (Annex G's recovery, as the compilers' __divsc3), the "
            "compiled kernels as a product with the reciprocal of the constant count",
        source="observed by this suite, undocumented upstream (" + _REDUCTIONS + ": _mean, lax.div)",
        condition="mean in folded mode with a complex result over slices of more than one element, where "
                  "NumPy's result has an element whose parts are both NaN",
        kinds=("values",),
        trigger=_complex_mean_folded_not_finite,
        outputs=_mean_divided_by_annex_g,
    ),
    KnownDivergence(
        id="STAT-DIFF-FLUSHES-EACH-ORDER",
        area="statistics",
        title="diff with n >= 2 flushes each order's subnormal differences before the next",
        numpy="takes the n differences with gradual underflow: diff([2.2e-308, 3.3e-308, 2.2e-308], n=2) "
              "subtracts the subnormal first differences",
        jax="flushes every subnormal difference to zero before the next order subtracts (FTZ), as well as "
            "the inputs and the result (NUM-SUBNORMAL-FLUSH)",
        why="XLA sets the CPU's flush-to-zero and denormals-are-zero modes; jnp.diff subtracts n times",
        source="https://github.com/jax-ml/jax/issues/16200 (working as intended)",
        condition="diff with n >= 2 of a float or complex array whose first differences (of the flushed "
                  "input) hold a subnormal",
        kinds=("values",),
        trigger=_diff_flushes_between_orders,
        outputs=lambda example, outcome: Outcome((Value(_stepwise_diff(example)),)),
    ),
    KnownDivergence(
        id="STAT-NAN-EXTREMUM-NEAR-ZERO",
        area="statistics",
        title="nanmax and nanmin compare subnormals as zeros, and pick a zero's sign by XLA's rule",
        numpy="compares with gradual underflow: nanmin([-0.0, -5e-324]) is -5e-324",
        jax="max's and min's rule (REDUCE-MAX-MIN-ZEROS-AND-SUBNORMALS) on the values with NaNs replaced by "
            "-inf (nanmin: +inf): eager and under jit nanmin([-0.0, -5e-324]) is -0.0, the extremum of the "
            "flushed values with -0.0 below +0.0; folded, the first of tied elements (or the compiled "
            "result)",
        why="XLA sets the CPU's flush-to-zero and denormals-are-zero modes; jnp.nanmax is max of the "
            "values with NaNs replaced by -inf, a reduce whose comparisons read subnormals as zeros",
        source="https://github.com/jax-ml/jax/issues/16200 (working as intended)",
        condition="nanmax or nanmin of a float array holding a zero or a subnormal",
        kinds=("values",),
        trigger=_nan_extremum_near_zero,
        outputs=_nan_extremum_as_xla,
    ),
    KnownDivergence(
        id="STAT-NANARG-ALL-NAN-MINUS-ONE",
        area="statistics",
        title="nanargmax and nanargmin return -1 for an all-NaN slice",
        numpy="raises ValueError: All-NaN slice encountered",
        jax="returns -1 for each all-NaN slice (the index of the largest, or smallest, non-NaN value "
            "elsewhere)",
        why="jnp.nanargmax is traceable: it cannot raise on values, so it marks all-NaN slices with -1",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.nanargmax.html (\"In the case of an "
               "axis with all-NaN values, the returned index will be -1.\")",
        condition="nanargmax or nanargmin of a non-empty float array with a valid axis, where NumPy raises "
                  "ValueError (an all-NaN slice)",
        kinds=("error-parity",),
        trigger=_all_nan_slice,
        outputs=_minus_one_where_all_nan,
    ),
)

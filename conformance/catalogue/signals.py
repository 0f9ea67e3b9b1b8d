"""Known divergences of convolve, correlate, trapezoid and gradient (`conformance/registry/signals.py`):
integer inputs made inexact, 0-d and empty arrays, gradient's edge_order, trapezoid's fast path, and
subnormals flushed inside the arithmetic."""

from __future__ import annotations

from dataclasses import replace

import ml_dtypes
import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.dtypes import jax_inexact_dtype
from conformance.catalogue.manipulation import option
from conformance.catalogue.models import canonical_dtype, flush_subnormals, flushes, has_subnormal, raises
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.strategies import kind_of

_LAX_NUMPY = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/lax_numpy.py"
_FUNCTIONS = ("convolution", "trapezoid", "gradient", "covariance")


def _signal(example: Example, *tags: str) -> bool:
    return any(tag in example.case.tags for tag in tags or _FUNCTIONS)


def _inexact(example: Example) -> np.dtype:
    """The float dtype jnp computes bool and integer inputs in (promote_dtypes_inexact: float32, or
    float64 for 64-bit integers with x64 on; with trapezoid's float x, x's dtype)."""
    if "trapezoid" in example.case.tags and option(example, "x") is not None:
        return _jax_dtype(example, np.asarray(option(example, "x")).dtype)
    return jax_inexact_dtype(_arrays(example)[0].dtype, x64=example.env.x64)


def _arrays(example: Example) -> list[np.ndarray]:
    count = 2 if "convolution" in example.case.tags else 1
    return [np.asarray(a) for a in example.args[:count]]


def _jax_dtype(example: Example, dtype: np.dtype) -> np.dtype:
    return dtype if example.env.x64 else canonical_dtype(dtype)


def _flushes_in_the_arithmetic(example: Example) -> bool:
    """Float or complex inputs holding a subnormal (or a subnormal NumPy result), compiled."""
    if not _signal(example) or example.numpy.raised or not flushes(example):
        return False
    arrays = _arrays(example)
    if any(kind_of(a.dtype) not in "fc" or a.size == 0 for a in arrays):
        return False
    if "gradient" in example.case.tags and option(example, "edge_order") is not None:
        return False
    return any(has_subnormal(a) for a in arrays) or any(has_subnormal(v.array) for v in example.numpy.values)


def _tiny(dtype: np.dtype) -> float:
    return float(ml_dtypes.finfo(dtype).tiny)


def _bounded_as_jax(example: Example, convert=None, flush: bool = False) -> Outcome:
    """The row's bounded reference on the arrays as JAX reads them (`convert`ed to its dtype, subnormals
    flushed), in JAX's result dtype, each step allowed the smallest normal where JAX flushes."""
    count = len(_arrays(example))
    arrays = [np.asarray(a) for a in example.args[:count]]
    if convert is not None:
        arrays = [a.astype(convert) for a in arrays]
    own = example.numpy.values[0].array if not example.numpy.raised else None
    dtype = convert if convert is not None else _jax_dtype(example, own.dtype)
    underflow = 0.0
    if flush:
        arrays = [flush_subnormals(a) for a in arrays]
        underflow = max(_tiny(dtype), *(_tiny(a.dtype) for a in arrays if kind_of(a.dtype) in "fc"))
    result = example.case.numpy_reference(*arrays, *example.args[count:], underflow=underflow,
                                          result_dtype=dtype)
    many = isinstance(result, tuple)
    values = tuple(r if isinstance(r, Value) else Value(np.asarray(r))
                   for r in (result if many else (result,)))
    return Outcome(values, is_sequence=many)


def _covariance_dtype(example: Example) -> np.dtype:
    """The dtype jnp.cov computes in: m's own for an inexact m, float32 (float64 for 64-bit integers
    with x64 on) for bool and integer m."""
    m = _arrays(example)[0]
    return _jax_dtype(example, m.dtype) if kind_of(m.dtype) in "fc" else _inexact(example)


def _covariance_keeps_dtype(example: Example) -> bool:
    # no variables: jnp returns an empty array of the default float dtype, NumPy's for real m
    if not _signal(example, "covariance") or example.numpy.raised or example.numpy.values[0].array.size == 0:
        return False
    return _covariance_dtype(example) != _jax_dtype(example, example.numpy.values[0].dtype)


def _freedom(example: Example) -> int | None:
    """cov's N - ddof (N the observations per variable); None where it is not cov or NumPy raised."""
    if not _signal(example, "cov") or example.numpy.raised:
        return None
    m, ddof = _arrays(example)[0], option(example, "ddof")
    x = np.atleast_2d(m)
    observations = x.shape[0] if not option(example, "rowvar") and m.ndim == 2 else x.shape[1]
    ddof = (0 if option(example, "bias") else 1) if ddof is None else ddof
    return observations - ddof if observations else None


def _ddof_past_observations(example: Example) -> bool:
    freedom = _freedom(example)
    return freedom is not None and freedom < 0


def _divided_by_negative_freedom(example: Example, outcome: Outcome) -> Outcome:
    """The sum of products (cov with ddof=0, times N) divided by N - ddof < 0, in JAX's dtype."""
    freedom = _freedom(example)
    observations = freedom + option(example, "ddof")
    args = list(example.args)
    args[example.case.arg_names.index("ddof")] = 0
    bounded = _bounded_as_jax(replace(example, args=tuple(args)), convert=_covariance_dtype(example),
                              flush=_flushes_in_the_arithmetic(example)).values[0]
    scale = observations / freedom
    with np.errstate(all="ignore"):
        array = bounded.array.astype(np.complex128 if kind_of(bounded.dtype) == "c" else np.float64) * scale
    return Outcome((Value(array.astype(bounded.dtype), atol=bounded.atol * abs(scale),
                          nonfinite=bounded.nonfinite),))


def _convolution_of_0d(example: Example) -> bool:
    return (_signal(example, "convolution") and not example.numpy.raised
            and any(a.ndim == 0 for a in _arrays(example)))


def _convolution_of_integers(example: Example) -> bool:
    return (_signal(example, "convolution") and not example.numpy.raised
            and kind_of(_arrays(example)[0].dtype) in "biu")


def _complex_nonfinite(example: Example) -> bool:
    arrays = _arrays(example)
    return (_signal(example, "convolution") and not example.numpy.raised and kind_of(arrays[0].dtype) == "c"
            and all(a.ndim == 1 for a in arrays) and not all(np.isfinite(a).all() for a in arrays))


def _padding_times_nonfinite(example: Example) -> np.ndarray:
    """The outputs where jnp's convolution multiplies a padding zero by a non-finite kernel tap (NaN):
    jnp's _conv takes the shorter array as the kernel (v where the lengths are equal; convolve flips
    it, correlate conjugates it and reverses the output where it swapped), pads the other with zeros
    ('full': k - 1 each side, 'same': k // 2 before and k - k // 2 - 1 after) and XLA's CPU convolution
    of float16, bfloat16, float32 and complex64 multiplies every tap of a kernel of 3 or more by them
    (measured: not a kernel of 2, nor float64 or complex128, where it skips the padding as NumPy does)."""
    a, v = _arrays(example)
    dtype = _jax_dtype(example, example.numpy.values[0].dtype)
    x, y, swapped = a, v, len(a) < len(v)
    if swapped:
        x, y = y, x
    if example.case.name == "convolve":
        y, swapped = y[::-1], False
    k, mode = len(y), option(example, "mode")
    pads = {"full": (k - 1, k - 1), "same": (k // 2, k - k // 2 - 1)}.get(mode, (0, 0))
    if kind_of(dtype) not in "fc" or k < 3 or ml_dtypes.finfo(dtype).bits > 32 or pads == (0, 0):
        return np.zeros(0, bool)
    padding = np.concatenate([np.ones(pads[0]), np.zeros(len(x)), np.ones(pads[1])])
    mask = np.correlate(padding, (~np.isfinite(y)).astype(np.float64), mode="valid") > 0
    return mask[::-1] if swapped else mask


def _padding_nan(example: Example) -> bool:
    """Real convolve or correlate of 1-d arrays where a padding zero meets a non-finite kernel tap."""
    arrays = _arrays(example)
    return (_signal(example, "convolution") and not example.numpy.raised
            and kind_of(example.numpy.values[0].dtype) == "f" and all(a.ndim == 1 for a in arrays)
            and bool(_padding_times_nonfinite(example).any()))


def _nan_at_padding(example: Example, outcome: Outcome) -> Outcome:
    """The bounded reference (as JAX reads the values), NaN where a padding zero meets a non-finite tap."""
    bounded = _bounded_as_jax(example, flush=_flushes_in_the_arithmetic(example)).values[0]
    array = np.where(_padding_times_nonfinite(example), np.nan, bounded.array).astype(bounded.dtype)
    return Outcome((Value(array, atol=bounded.atol, nonfinite=bounded.nonfinite),))


def _nonfinite_at_nonfinite_terms(example: Example, outcome: Outcome) -> Outcome:
    """The bounded reference (as JAX reads the values), except that an output summing a term with an
    infinite or NaN factor (a padding zero's included: `_padding_times_nonfinite`) is asserted
    non-finite only."""
    a, v = _arrays(example)
    flush = _flushes_in_the_arithmetic(example)
    bounded = _bounded_as_jax(example, flush=flush).values[0]
    fn, mode = getattr(np, example.case.name), option(example, "mode")
    mask = (fn((~np.isfinite(a)).astype(np.float64), np.ones(v.shape), mode=mode)
            + fn(np.ones(a.shape), (~np.isfinite(v)).astype(np.float64), mode=mode)) > 0
    padding = _padding_times_nonfinite(example)
    mask = mask | padding if padding.size else mask
    # (where a sum may overflow, the bounded value, or a non-finite one: bounded.nonfinite)
    array = np.where(mask, np.nan, bounded.array).astype(bounded.dtype)
    overflow = bounded.nonfinite if bounded.nonfinite is not None else False
    return Outcome((Value(array, atol=bounded.atol, nonfinite=mask | overflow),))


def _complex_gradient_not_finite(example: Example) -> bool:
    return (_signal(example, "gradient", "covariance") and not example.numpy.raised
            and ("gradient" not in example.case.tags or option(example, "edge_order") is None)
            and kind_of(_arrays(example)[0].dtype) == "c"
            and any(not np.isfinite(v.array).all() for v in example.numpy.values))


def _nonfinite_where_numpy_is(example: Example, outcome: Outcome) -> Outcome:
    """The bounded reference (as JAX reads the values), except that where NumPy's element is not finite,
    JAX's is asserted non-finite only (which part is NaN is the division's)."""
    convert = _covariance_dtype(example) if _signal(example, "covariance") else None
    bounded = _bounded_as_jax(example, convert=convert, flush=_flushes_in_the_arithmetic(example))
    values = []
    for value, own in zip(bounded.values, example.numpy.values, strict=True):
        mask = ~np.isfinite(own.array)
        overflow = value.nonfinite if value.nonfinite is not None else False
        values.append(Value(np.where(mask, np.nan, value.array).astype(value.dtype), atol=value.atol,
                            nonfinite=mask | overflow))
    return Outcome(tuple(values), is_sequence=bounded.is_sequence)


def _edge_order_given(example: Example) -> bool:
    return _signal(example, "gradient") and option(example, "edge_order") is not None


def _gradient_of_bool(example: Example) -> bool:
    return (_signal(example, "gradient") and option(example, "edge_order") is None
            and example.numpy.raised and example.numpy.error.kind() == "TypeError"
            and kind_of(_arrays(example)[0].dtype) == "b")


def _gradient_of_bool_as_jax(example: Example, outcome: Outcome) -> Outcome:
    """JAX's gradient of 0.0 and 1.0, or its refusal where a differentiated axis has fewer than 2
    elements (measured: jnp.gradient(np.zeros((2, 1), bool)) raises ValueError, NumPy's TypeError)."""
    a, axis = _arrays(example)[0], option(example, "axis")
    axes = range(a.ndim) if axis is None else [axis]
    if any(a.shape[d] < 2 for d in axes):
        return raises("ValueError", r"Shape of array too small to calculate a numerical gradient")(
            example, outcome)
    return _bounded_as_jax(example, convert=_inexact(example))


def _trapezoid_axis_out_of_range(example: Example) -> bool:
    ndim, axis = _arrays(example)[0].ndim, option(example, "axis")
    return (_signal(example, "trapezoid") and not -ndim <= axis < ndim and example.numpy.raised
            and example.numpy.error.kind() == "IndexError")


def _trapezoid_of_empty_axis(example: Example) -> bool:
    y, axis = _arrays(example)[0], option(example, "axis")
    return (_signal(example, "trapezoid") and option(example, "x") is None and not example.numpy.raised
            and y.ndim > 0 and y.shape[axis] == 0)


def _trapezoid_of_integers(example: Example) -> bool:
    return (_signal(example, "trapezoid") and not example.numpy.raised
            and kind_of(_arrays(example)[0].dtype) in "biu")


def _fast_path(example: Example) -> np.ndarray:
    """jnp.trapezoid without x: dx * (the slice's sum - (first + last) / 2), in long double."""
    y = np.moveaxis(np.asarray(example.args[0]), option(example, "axis"), -1)
    y = y.astype(np.clongdouble if kind_of(y.dtype) == "c" else np.longdouble)
    with np.errstate(all="ignore"):
        return option(example, "dx") * (y.sum(-1) - 0.5 * (y[..., 0] + y[..., -1]))


def _fast_path_not_finite(example: Example) -> bool:
    """trapezoid without x of float or complex values where jnp's formula is not finite as NumPy's is
    (an infinity at a slice's end: inf - inf; a slice of one huge element: y - (y + y) / 2 overflows)."""
    if not _signal(example, "trapezoid") or example.numpy.raised or option(example, "x") is not None:
        return False
    y = _arrays(example)[0]
    if kind_of(y.dtype) not in "fc" or y.size == 0:
        return False
    own = example.numpy.values[0].array
    dtype = _jax_dtype(example, own.dtype)
    with np.errstate(all="ignore"):
        narrow = np.complex128 if kind_of(dtype) == "c" else np.float64
        formula = _fast_path(example).astype(narrow).astype(dtype)
    parts = (lambda a: (a.real, a.imag)) if kind_of(dtype) == "c" else (lambda a: (a,))
    return any(bool(np.any(np.isfinite(p) != np.isfinite(q)) or np.any(np.isnan(p) != np.isnan(q)))
               for p, q in zip(parts(formula), parts(own.astype(dtype)), strict=True))


def _fast_path_outputs(example: Example, outcome: Outcome) -> Outcome:
    """jnp's formula where it is not finite; elsewhere the bounded reference (as JAX reads the values)."""
    bounded = _bounded_as_jax(example, flush=_flushes_in_the_arithmetic(example)).values[0]
    with np.errstate(all="ignore"):
        formula = _fast_path(example)
        narrow = np.complex128 if kind_of(bounded.dtype) == "c" else np.float64
        formula = formula.astype(narrow).astype(bounded.dtype)
    array = np.where(np.isfinite(formula), bounded.array, formula)
    return Outcome((Value(np.asarray(array), atol=bounded.atol, nonfinite=bounded.nonfinite),))


_FTZ = "https://github.com/jax-ml/jax/issues/16200 (working as intended)"
ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="SIGNAL-FLUSH-SUBNORMALS",
        area="statistics",
        title="convolve, correlate, trapezoid and gradient flush subnormal inputs and partial results",
        numpy="multiplies, adds and subtracts with IEEE gradual underflow",
        jax="reads subnormal inputs as zero and flushes subnormal products, partial sums and differences "
            "(FTZ/DAZ): each step may be off by the smallest normal number (times the other factor's "
            "magnitude for a product)",
        why="XLA sets the CPU's flush-to-zero and denormals-are-zero modes for speed; GPUs flush too",
        source=_FTZ,
        condition="convolve, correlate, trapezoid or gradient of float or complex arrays holding a "
                  "subnormal (or with a subnormal NumPy result), compiled (eager or jit)",
        kinds=("values",),
        trigger=_flushes_in_the_arithmetic,
        outputs=lambda example, outcome: _bounded_as_jax(example, flush=True),
    ),
    KnownDivergence(
        id="SIGNAL-CONVOLVE-REFUSES-0D",
        area="statistics",
        title="convolve and correlate refuse a 0-d array",
        numpy="reads a 0-d array as a 1-d array of one element: convolve(2.0, [1, 1]) is [2, 2]",
        jax="raises ValueError: convolve() only support 1-dimensional inputs.",
        why="jnp's _conv checks np.ndim(x) != 1 before anything else",
        source=_LAX_NUMPY + " (_conv); observed by this suite, undocumented upstream",
        condition="convolve or correlate with a 0-d array, where NumPy returns",
        kinds=("error-parity",),
        trigger=_convolution_of_0d,
        outputs=raises("ValueError", r"only support 1-dimensional inputs"),
    ),
    KnownDivergence(
        id="SIGNAL-CONVOLVE-INTEGERS-INEXACT",
        area="statistics",
        title="convolve and correlate of bool and integer arrays return the default float dtype",
        numpy="keeps the input's dtype: integer products summed with wraparound, bool ones as logical "
              "and/or (convolve([100, 100], [100, 3]) of int8 is [16, 60, 44])",
        jax="converts both arrays to float32 (float64 for 64-bit integers with x64 on) first: the "
            "float convolution of the values (convolve of int8 [100, 100], [100, 3] is [10000., 10300., "
            "300.])",
        why="jnp's _conv promotes to inexact, \"following NumPy's default for convolutions\" (its comment), "
            "unless preferred_element_type= is given",
        source=_LAX_NUMPY + " (_conv: promote_dtypes_inexact); "
               "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.convolve.html",
        condition="convolve or correlate of bool or integer 1-d arrays, where NumPy returns",
        kinds=("dtype", "values"),
        trigger=_convolution_of_integers,
        outputs=lambda example, outcome: _bounded_as_jax(example, convert=_inexact(example)),
    ),
    KnownDivergence(
        id="SIGNAL-CONVOLVE-COMPLEX-NONFINITE",
        area="statistics",
        title="Complex convolve and correlate with an infinite or NaN factor may differ in which part is NaN",
        numpy="multiplies complex terms with the textbook formula: convolve of complex64 [-inf+0j] and "
              "[-inf+0j, 6.3e16-3.1e15j] is [inf+nanj, -inf+infj]",
        jax="XLA's complex convolution (conv_general_dilated) gives other non-finite values there "
            "([nan+nanj, -inf+nanj]): an output that sums a term with a non-finite factor is asserted "
            "non-finite (NaN or infinite in some part), not which; every other output is held to the "
            "bound. With complex64 a padding zero times a non-finite tap of a kernel of 3 or more is such "
            "a term too (as SIGNAL-CONVOLVE-PADDING-TIMES-NONFINITE-NAN's)",
        why="XLA does not follow C99 Annex G for complex products inside a convolution (as in dot_general: "
            "MATMUL-COMPLEX-NONFINITE)",
        source="observed by this suite, undocumented upstream",
        condition="complex convolve or correlate of 1-d arrays holding an infinity or a NaN",
        kinds=("values",),
        trigger=_complex_nonfinite,
        outputs=_nonfinite_at_nonfinite_terms,
    ),
    KnownDivergence(
        id="SIGNAL-CONVOLVE-PADDING-TIMES-NONFINITE-NAN",
        area="statistics",
        title="convolve and correlate in float32 (or narrower) with an infinite or NaN tap in a kernel of 3 "
              "or more give NaN where the tap meets the padding",
        numpy="sums the products of overlapping elements only: convolve([1, 1, 1], [inf, 1, 1]) is "
              "[inf, inf, inf, 2, 1]",
        jax="multiplies each tap of the kernel (the shorter array; v for equal lengths) by the zeros that "
            "pad the other array ('full', 'same'), and 0 * inf is NaN: [inf, inf, inf, nan, nan] in "
            "float32; exactly NaN at each output where a non-finite tap meets a padding zero, the bound "
            "elsewhere (float64 and kernels of 1 or 2 skip the padding as NumPy does)",
        why="jnp's _conv pads the longer array with zeros (conv_general_dilated padding) and XLA's CPU "
            "convolution of 16- and 32-bit floats multiplies the padding like any other element",
        source=_LAX_NUMPY + " (_conv: padding for 'same' and 'full'); observed by this suite, undocumented "
               "upstream (related: https://github.com/jax-ml/jax/issues/9972, conv_general_dilated_patches' "
               "0 * inf = NaN)",
        condition="real convolve or correlate of 1-d arrays computed in float16, bfloat16 or float32, mode "
                  "'full' or 'same', a kernel of 3 or more holding an infinity or a NaN that meets a "
                  "padding zero (complex64: SIGNAL-CONVOLVE-COMPLEX-NONFINITE)",
        kinds=("values",),
        trigger=_padding_nan,
        outputs=_nan_at_padding,
    ),
    KnownDivergence(
        id="SIGNAL-COV-KEEPS-INPUT-PRECISION",
        area="statistics",
        title="cov and corrcoef compute in the input's float dtype, not in float64",
        numpy="computes in float64 at least (np.result_type(m, np.float64): float16, bfloat16, float32, "
              "bool and integer m give float64; complex64 gives complex128)",
        jax="computes in m's own dtype (float16, bfloat16, float32, complex64), bool and integer m in "
            "float32 (float64 for 64-bit integers with x64 on): the bound of that dtype",
        why="jnp.cov promotes m with promote_args_inexact, which keeps an inexact dtype as it is",
        source=_LAX_NUMPY + " (cov: promote_args_inexact); observed by this suite, undocumented upstream",
        condition="cov or corrcoef with at least one variable, where that dtype is not NumPy's (with x64 "
                  "off, not its 32-bit counterpart)",
        kinds=("dtype", "values"),
        trigger=_covariance_keeps_dtype,
        outputs=lambda example, outcome: _bounded_as_jax(example, convert=_covariance_dtype(example),
                                                         flush=_flushes_in_the_arithmetic(example)),
    ),
    KnownDivergence(
        id="SIGNAL-COV-DDOF-PAST-OBSERVATIONS-NEGATIVE",
        area="statistics",
        title="cov with ddof past the number of observations divides by the negative N - ddof",
        numpy="warns (Degrees of freedom <= 0) and divides by 0: inf, or NaN where the sum is 0",
        jax="divides the sums of products by N - ddof, a negative number: cov([1, 2, 4], ddof=5) is "
            "-2.33 where NumPy gives inf",
        why="jnp.cov computes f = X.shape[1] - ddof and divides by it, without NumPy's clamp to 0",
        source="observed by this suite, undocumented upstream (" + _LAX_NUMPY + ": cov)",
        condition="cov of a non-empty m with ddof greater than the number of observations",
        kinds=("values",),
        trigger=_ddof_past_observations,
        outputs=_divided_by_negative_freedom,
    ),
    KnownDivergence(
        id="SIGNAL-GRADIENT-EDGE-ORDER-NOT-IMPLEMENTED",
        area="statistics",
        title="gradient refuses edge_order (any value, 1 included)",
        numpy="takes one-sided differences of first (edge_order=1, the default) or second order at the "
              "edges",
        jax="raises NotImplementedError: The 'edge_order' argument to jnp.gradient is not supported.",
        why="jnp.gradient implements first-order edges only and refuses the argument",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.gradient.html; " + _LAX_NUMPY,
        condition="gradient called with edge_order (1 or 2)",
        kinds=("error-parity", "error-kind"),
        trigger=_edge_order_given,
        outputs=raises("NotImplementedError", r"'edge_order' argument to jnp.gradient is not supported"),
    ),
    KnownDivergence(
        id="SIGNAL-COMPLEX-NONFINITE-QUOTIENT",
        area="statistics",
        title="A complex gradient, cov or corrcoef that is not finite may differ in which part is NaN",
        numpy="divides each complex difference by the spacing as a complex division: gradient([-1.5+0j, "
              "-inf-0j, inf+0j]) is [-inf+nanj, inf+nanj, inf+nanj]",
        jax="multiplies by 0.5 and divides by the spacing with XLA's complex arithmetic: [-inf-0j, "
            "inf+nanj, inf+0j]; cov divides by N - ddof (by 0: nan+nanj where NumPy gives inf+nanj); "
            "where NumPy's element is not finite JAX's is asserted non-finite (NaN or infinite in some "
            "part), not which; every other element is held to the bound",
        why="jnp.gradient computes (f[2:] - f[:-2]) * 0.5 / h and (f[1] - f[0]) / h, jnp.cov and "
            "corrcoef divide complex sums of products: XLA's complex division by a real-valued divisor "
            "and NumPy's complex division treat 0 * inf and a zero divisor differently",
        source="observed by this suite, undocumented upstream (" + _LAX_NUMPY + ": gradient, cov)",
        condition="gradient (without edge_order), cov or corrcoef of a complex array, where NumPy's "
                  "result has a non-finite element",
        kinds=("values",),
        trigger=_complex_gradient_not_finite,
        outputs=_nonfinite_where_numpy_is,
    ),
    KnownDivergence(
        id="SIGNAL-GRADIENT-OF-BOOL",
        area="statistics",
        title="gradient of a bool array is computed on 0 and 1",
        numpy="raises TypeError: numpy boolean subtract, the `-` operator, is not supported",
        jax="converts the array to float32 and differentiates 0.0 and 1.0 (where a differentiated axis has "
            "fewer than 2 elements, raises ValueError: Shape of array too small)",
        why="jnp.gradient promotes its input to inexact (promote_dtypes_inexact) before subtracting",
        source=_LAX_NUMPY + " (gradient); observed by this suite, undocumented upstream",
        condition="gradient of a bool array without edge_order, where NumPy raises TypeError",
        kinds=("error-parity", "error-kind"),
        trigger=_gradient_of_bool,
        outputs=_gradient_of_bool_as_jax,
    ),
    KnownDivergence(
        id="SIGNAL-TRAPEZOID-AXIS-OUT-OF-RANGE-VALUEERROR",
        area="statistics",
        title="trapezoid with an axis out of range (of a 0-d array: any axis) raises ValueError",
        numpy="raises IndexError: list assignment index out of range",
        jax="raises ValueError: axis ... is out of bounds for array of dimension ...",
        why="jnp.trapezoid moves the axis first (moveaxis checks it); NumPy indexes a list of slices",
        source="observed by this suite, undocumented upstream (" + _LAX_NUMPY + ": trapezoid)",
        condition="trapezoid with an axis outside -ndim..ndim-1, where NumPy raises IndexError",
        kinds=("error-kind",),
        trigger=_trapezoid_axis_out_of_range,
        outputs=raises("ValueError", r"out of bounds for array of dimension"),
    ),
    KnownDivergence(
        id="SIGNAL-TRAPEZOID-EMPTY-AXIS-INDEXERROR",
        area="statistics",
        title="trapezoid without x along an empty axis raises IndexError",
        numpy="returns zeros (an empty sum)",
        jax="raises IndexError: index is out of bounds for axis 0 with size 0",
        why="jnp.trapezoid's fast path reads the slice's first and last elements",
        source="observed by this suite, undocumented upstream (" + _LAX_NUMPY + ": trapezoid)",
        condition="trapezoid with x=None along an axis of length 0",
        kinds=("error-parity",),
        trigger=_trapezoid_of_empty_axis,
        outputs=raises("IndexError", r"out of bounds"),
    ),
    KnownDivergence(
        id="SIGNAL-TRAPEZOID-INTEGERS-INEXACT",
        area="statistics",
        title="trapezoid of bool and integer arrays adds the values as floats",
        numpy="adds neighbours in the input's dtype first (integers wrap around, bools or: "
              "trapezoid(int8 [100, 100]) is -28.0, trapezoid([True, True]) is 0.5)",
        jax="converts y to float32 (float64 for 64-bit integers, or with a float64 x, with x64 on) first: "
            "trapezoid(int8 [100, 100]) is 100.0, in float32 where NumPy's dtype is float64",
        why="jnp.trapezoid promotes y (and x) to inexact before anything else",
        source=_LAX_NUMPY + " (trapezoid: promote_dtypes_inexact); observed by this suite",
        condition="trapezoid of a bool or integer array, where NumPy returns",
        kinds=("dtype", "values"),
        trigger=_trapezoid_of_integers,
        outputs=lambda example, outcome: _bounded_as_jax(
            example, convert=_inexact(example)),
    ),
    KnownDivergence(
        id="SIGNAL-TRAPEZOID-FAST-PATH-NOT-FINITE",
        area="statistics",
        title="trapezoid without x subtracts the ends from the slice's sum: an infinite end gives NaN",
        numpy="sums dx * (y[i] + y[i+1]) / 2: trapezoid([inf, 1, 2]) is inf, trapezoid([x]) is 0",
        jax="computes dx * (sum(y) - (y[0] + y[-1]) / 2): trapezoid([inf, 1, 2]) is nan (inf - inf), "
            "and a one-element slice of a huge y overflows",
        why="jnp.trapezoid's fast path for a constant dx",
        source="observed by this suite, undocumented upstream (" + _LAX_NUMPY + ": trapezoid, \"Fast path: "
               "dx is constant along the integration axis\")",
        condition="trapezoid with x=None of float or complex values where jnp's formula (in long double) "
                  "is not finite, or NaN, where NumPy's result is not",
        kinds=("values",),
        trigger=_fast_path_not_finite,
        outputs=_fast_path_outputs,
    ),
)

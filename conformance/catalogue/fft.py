"""Known divergences of jax.numpy.fft (`conformance/registry/fft.py`): axes out of range, repeated or
empty, transforms of zero points, half-precision inputs of the real transforms, fftfreq of no points and
the shifts of a 0-d array. (Bool and integer inputs computed in float32 and, with x64 off, float64 read
as float32: the generic DTYPE-INT-TO-INEXACT and DTYPE-X64-OFF-* entries, which model them exactly: NumPy
2's FFT of float32 is complex64, JAX's too.)"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.dtypes import jax_inexact_dtype
from conformance.catalogue.models import canonical_dtype, flushes, map_values, raises
from conformance.example import Example
from conformance.fft_bounds import ONE_AXIS, REAL_INPUT, REAL_OUTPUT, TWO_AXES, transformed_axes
from conformance.outcome import Outcome, Value
from conformance.strategies import kind_of

_FFT_SOURCE = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/fft.py"
_HALF = ("float16", "bfloat16")


def _transform(example: Example) -> str | None:
    """The transform's NumPy name (fft, rfft2, ...) where the example is one, else None."""
    return example.case.name.removeprefix("fft.") if "fft" in example.case.tags else None


def _options(example: Example) -> dict:
    return dict(zip(example.case.arg_names[1:], example.args[1:], strict=True))


def _refused(example: Example, kind: str, message: str) -> bool:
    error = example.numpy.error
    return error is not None and error.kind() == kind and re.search(message, error.message) is not None


def _jax_dtype(example: Example) -> np.dtype:
    """The dtype of JAX's transform: the input made inexact (float32 for bool, integers and the half
    precisions, float64 for 64-bit integers with x64 on; 32 bits with x64 off), complex or, for irfft,
    hfft and their forms, real."""
    dtype = np.asarray(example.args[0]).dtype
    if kind_of(dtype) in "biu":
        dtype = jax_inexact_dtype(dtype, x64=example.env.x64)
    elif dtype.name in _HALF:
        dtype = np.dtype(np.float32)
    dtype = dtype if example.env.x64 else canonical_dtype(dtype)
    real = _transform(example) in REAL_OUTPUT
    return np.dtype(np.zeros((), dtype).real.dtype) if real else np.result_type(dtype, np.complex64)


def _lengths(example: Example) -> tuple[tuple[int, ...], list[int], bool] | None:
    """(the transformed axes, their logical lengths, whether a length was given) where the axes are in
    range and distinct: `n`/`s` where given, else the input's sides, the last of a real-output transform
    2·(m - 1) (NumPy's default; JAX's too, at least 0)."""
    name, a, options = _transform(example), np.asarray(example.args[0]), _options(example)
    axes = transformed_axes(name, a.ndim, options)
    if not axes or len(set(axes)) != len(axes):
        return None
    given = [options.get("n")] if name in ONE_AXIS else list(options.get("s") or [None] * len(axes))
    if len(given) != len(axes):
        return None
    lengths = [a.shape[d] if g is None else g for d, g in zip(axes, given, strict=True)]
    if name in REAL_OUTPUT and given[-1] is None:
        lengths[-1] = max(0, 2 * (a.shape[axes[-1]] - 1))
    return axes, lengths, any(g is not None for g in given)


def _no_points(example: Example) -> bool:
    """A transform NumPy refuses for a zero (or negative) default length, where JAX returns an empty
    array: no length of zero given (JAX refuses n=0 too), and not a real-input transform whose last
    axis is empty (JAX refuses it, failing to lower)."""
    name = _transform(example)
    if name is None or not _refused(example, "ValueError", r"Invalid number of FFT data points"):
        return False
    found = _lengths(example)
    if found is None:
        return False
    _, lengths, _ = found
    given = [_options(example).get("n")] if name in ONE_AXIS else list(_options(example).get("s") or ())
    if any(g is not None and g <= 0 for g in given):
        return False
    return not (name in REAL_INPUT and lengths[-1] == 0)


def _empty_result(example: Example, outcome: Outcome) -> Outcome:
    """JAX's empty result: the input's shape with each transformed axis at its logical length (the last
    of a real-input transform at length // 2 + 1), in JAX's dtype."""
    axes, lengths, _ = _lengths(example)
    shape = list(np.shape(example.args[0]))
    for d, length in zip(axes, lengths, strict=True):
        shape[d] = length
    if _transform(example) in REAL_INPUT:
        shape[axes[-1]] = lengths[-1] // 2 + 1
    return Outcome((Value(np.zeros(shape, _jax_dtype(example))),))


def _axis_out_of_range(example: Example) -> bool:
    name = _transform(example)
    if name in ("hfft", "ihfft") and _options(example).get("n") is None:  # jnp reads a.shape[axis] first:
        return False  # IndexError, as NumPy's
    if name is None or not example.numpy.raised or example.numpy.error.kind() not in ("IndexError",
                                                                                       "AxisError"):
        return False
    a, options = np.asarray(example.args[0]), _options(example)
    if name in ONE_AXIS or name in TWO_AXES or options.get("axes") is not None:
        return not transformed_axes(name, a.ndim, options)
    return options.get("s") is not None and len(options["s"]) > a.ndim  # s names more axes than a has


def _repeated_axes(example: Example) -> bool:
    name = _transform(example)
    if name is None or name in ONE_AXIS or (example.numpy.raised and not _bfloat16_refused(example)):
        return False
    return _repeated(example)


def _repeated(example: Example) -> bool:
    axes = transformed_axes(_transform(example), np.ndim(example.args[0]), _options(example))
    return len(set(axes)) != len(axes)


def _bfloat16_refused(example: Example) -> bool:
    return (np.asarray(example.args[0]).dtype.name == "bfloat16"
            and _refused(example, "TypeError", r"No loop matching"))


def _half_precision(example: Example, names: tuple[str, ...]) -> bool:
    """A transform of `names` of a float16 or bfloat16 array, its axes in range (and as many as s)."""
    a, options = np.asarray(example.args[0]), _options(example)
    if _transform(example) not in names or a.dtype.name not in _HALF:
        return False
    axes = transformed_axes(_transform(example), a.ndim, options)
    return bool(axes) and (options.get("s") is None or len(options["s"]) == len(axes))


def _half_real_output(example: Example) -> bool:
    """irfft, hfft, irfft2, irfftn of float16 or bfloat16, where NumPy returns a half-precision result
    (irfft2 and irfftn over two axes or more compute the others in complex64 first: float32 in NumPy
    too)."""
    return (_half_precision(example, REAL_OUTPUT) and not example.numpy.raised
            and example.numpy.values[0].dtype.name in _HALF)


def _bfloat16_without_loop(example: Example) -> bool:
    """A transform (not a real-input one: JAX refuses those) of bfloat16 that NumPy refuses for a
    missing ufunc loop (its normalization's sqrt or reciprocal)."""
    name = _transform(example)
    return (name is not None and name not in REAL_INPUT and _bfloat16_refused(example)
            and not _repeated(example))


def _not_finite(example: Example) -> bool:
    """A transform of float or complex values, where NumPy returns a result with a non-finite element
    (an infinity or a NaN among the inputs, or an overflow: the reference is NumPy's own there)."""
    name = _transform(example)
    a = np.asarray(example.args[0])
    return (name is not None and not example.numpy.raised and kind_of(a.dtype) in "fc"
            and _nonfinite_mask(example.numpy.values[0].array).any())


def _ihfft_of_nothing(example: Example) -> bool:
    """ihfft whose transformed length is 0 (an empty axis, no n), where NumPy refuses it."""
    found = _lengths(example) if _transform(example) == "ihfft" else None
    return (found is not None and found[1] == [0] and _options(example).get("n") is None
            and _refused(example, "ValueError", r"Invalid number of FFT data points"))


def _nonfinite_mask(array: np.ndarray) -> np.ndarray:
    return ~(np.isfinite(array.real) & np.isfinite(array.imag))


def _nonfinite_in_slabs(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's outcome (as the other entries made it), asserted non-finite only where NumPy's element is
    not finite, but where the reference's is: NumPy's partial sums overflowed, the reference or a
    non-finite value expected (fft_bounds' docstring)."""
    value = outcome.values[0]
    mask = _nonfinite_mask(example.numpy.values[0].array)
    if value.nonfinite is not None:
        mask = mask & ~(value.nonfinite & ~_nonfinite_mask(value.array))
    where = mask if value.nonfinite is None else mask | value.nonfinite
    array = np.where(mask, np.nan, value.array).astype(value.dtype)
    return Outcome((replace(value, array=array, nonfinite=where, atol=np.where(mask, 0.0, value.atol)
                            if value.atol is not None else None),))


def _as_float32(example: Example, outcome: Outcome) -> Outcome:
    """The bounded reference of the input read as float32 (in float32: JAX's dtype; its refusal where
    the axes are out of range)."""
    return example.rerun_numpy((np.asarray(example.args[0]).astype(np.float32), *example.args[1:]))


def _tiny(example: Example) -> float:
    """The smallest normal of the dtype JAX computes in (float16 and bfloat16: float32)."""
    dtype = example.numpy.values[0].dtype
    wide = np.dtype(np.zeros((), dtype).real.dtype).itemsize == 8 and example.env.x64
    return float(np.finfo(np.float64 if wide else np.float32).tiny)


def _flushes_in_the_transform(example: Example) -> bool:
    """A compiled transform of float or complex values where NumPy returns, with a nonzero part of the
    input or of NumPy's result below N times the smallest normal (where the normalization or a stage
    can make a subnormal)."""
    name, a = _transform(example), np.asarray(example.args[0])
    if name is None or example.numpy.raised or kind_of(a.dtype) not in "fc" or not flushes(example):
        return False
    count = max(1, a.size, example.numpy.values[0].array.size)
    limit = 4 * count * _tiny(example)
    parts = [p for x in (a, example.numpy.values[0].array) for p in (np.real(x), np.imag(x))]
    with np.errstate(all="ignore"):
        return any(bool(np.any((p != 0) & (np.abs(p.astype(np.float64)) < limit))) for p in parts)


def _with_flush_slack(example: Example, outcome: Outcome) -> Outcome:
    """The outcome (as the other entries made it), each element allowed the flushing's absolute error."""
    reference = example.case.numpy_reference
    options = dict(zip(reference.keywords, example.args[1:], strict=True))
    slack = reference.flush_slack(example.args[0], example.numpy.values[0].shape, options, _tiny(example))
    return map_values(outcome, lambda v: replace(v, atol=slack if v.atol is None else v.atol + slack))


def _no_axes(example: Example) -> bool:
    name = _transform(example)
    options = _options(example)
    return name is not None and name.endswith("n") and options.get("axes") == () and not options.get("s")


def _no_axes_result(example: Example, outcome: Outcome) -> Outcome:
    """JAX's transform over no axes: the input, converted to JAX's dtype (rfftn's real: the input made
    inexact, as it is; fftn's, ifftn's and irfftn's complex)."""
    a = np.asarray(example.args[0])
    dtype = _jax_dtype(example)
    name = _transform(example)
    if name == "rfftn":  # JAX's real-input path returns the (inexact) input itself
        dtype = np.dtype(dtype.type(0).real.dtype)
    elif name == "irfftn":
        dtype = np.result_type(dtype, np.complex64)
    result = a.astype(dtype)
    if example.mode == "eager" and _options(example).get("norm") in ("ortho", "forward"):
        result = result * dtype.type(1)  # the norm's factor of no axes, 1, multiplied (jit folds it away)
    return Outcome((Value(result),))


def _frequencies_of_nothing(example: Example) -> bool:
    return "fft-frequencies" in example.case.tags and _refused(example, "ZeroDivisionError", "")


def _frequencies_of_nothing_result(example: Example, outcome: Outcome) -> Outcome:
    """fftfreq(0): an empty array; rfftfreq(0): [nan] (0 / (0·d); nan+nanj for a complex dtype), in the
    requested dtype or the default float."""
    dtype = np.dtype(example.args[-1] or (np.float64 if example.env.x64 else np.float32))
    shape = (1,) if "rfftfreq" in example.case.tags else (0,)
    return Outcome((Value(np.full(shape, complex(np.nan, np.nan) if dtype.kind == "c" else np.nan, dtype)),))


def _shift_of_0d(example: Example) -> bool:
    return ("fft-shift" in example.case.tags and np.ndim(example.args[0]) == 0 and example.numpy.raised
            and _options(example).get("axes") in (None, ()))


def _the_input(example: Example, outcome: Outcome) -> Outcome:
    a = np.asarray(example.args[0])
    return Outcome((Value(a.astype(a.dtype if example.env.x64 else canonical_dtype(a.dtype))),))


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="FFT-AXIS-OUT-OF-RANGE-VALUEERROR",
        area="fft",
        title="An FFT axis out of range (of a 0-d array: any axis) raises ValueError",
        numpy="raises IndexError (tuple index out of range) or AxisError",
        jax="raises ValueError: axis ... is out of bounds for array of dimension ... (or, for an s "
            "longer than the array's rank: FFT input shape ... must have at least as many input "
            "dimensions as fft_lengths)",
        why="jnp.fft canonicalizes the axes with the ValueError of its axis checks; NumPy indexes the "
            "shape tuple",
        source="observed by this suite, undocumented upstream (" + _FFT_SOURCE + ")",
        condition="a transform whose axis, axes or s (with axes=None) fall outside the array's dimensions, "
                  "where NumPy raises IndexError (hfft and ihfft without n: IndexError on both sides)",
        kinds=("error-kind",),
        trigger=_axis_out_of_range,
        outputs=raises("ValueError", r"out of bounds for array of dimension|at least as many input "
                                     r"dimensions"),
    ),
    KnownDivergence(
        id="FFT-ZERO-POINTS-EMPTY-RESULT",
        area="fft",
        title="A transform of zero points returns an empty array",
        numpy="raises ValueError: Invalid number of FFT data points (0) specified (an empty transformed "
              "axis, or irfft's default n = 2·(m - 1) of a single element)",
        jax="returns an empty array of the result's shape and dtype (irfft(np.ones(1)) is float32[0]); "
            "a given n or s of 0 is refused as NumPy refuses it, and so is a real-input transform "
            "whose last axis is empty",
        why="jnp.fft passes the lengths to lax.fft, which transforms nothing where an axis has no "
            "element; NumPy's pocketfft wrapper checks n >= 1 first",
        source="observed by this suite, undocumented upstream (" + _FFT_SOURCE + ")",
        condition="a transform NumPy refuses with 'Invalid number of FFT data points' for a zero default "
                  "length, no n or s of 0 given, not a real-input transform of an empty last axis",
        kinds=("error-parity",),
        trigger=_no_points,
        outputs=_empty_result,
    ),
    KnownDivergence(
        id="FFT-REPEATED-AXES-VALUEERROR",
        area="fft",
        title="fft2, fftn and their forms refuse repeated axes",
        numpy="transforms along a repeated axis once for each time it is named",
        jax="raises ValueError: jax.numpy.fft.fftn does not support repeated axes",
        why="jnp.fft's n-d transforms map the axes to one lax.fft call, which names each axis once",
        source=_FFT_SOURCE + " (_fft_core: \"does not support repeated axes\")",
        condition="a 2-d or n-d transform with an axis named twice, where NumPy returns (or, for "
                  "bfloat16, lacks a loop)",
        kinds=("error-parity", "error-kind"),
        trigger=_repeated_axes,
        outputs=raises("ValueError", r"does not support repeated axes"),
    ),
    KnownDivergence(
        id="FFT-HALF-PRECISION-REAL-INPUT-REFUSED",
        area="fft",
        title="rfft and ihfft (rfft2, rfftn) refuse float16 and bfloat16",
        numpy="computes in float32: a complex64 result (bfloat16 ihfft: TypeError, no reciprocal loop)",
        jax="raises ValueError: RFFT input must be float32 or float64, got float16",
        why="lax.fft's RFFT checks the input's dtype; jnp.fft does not promote half precisions first "
            "(its complex transforms do, through complex64)",
        source="observed by this suite, undocumented upstream (" + _FFT_SOURCE + "; jax/_src/lax/fft.py)",
        condition="rfft, ihfft, rfft2 or rfftn of a float16 or bfloat16 array",
        kinds=("error-parity", "error-kind"),
        # (n < 1: JAX refuses the length first, as NumPy does)
        trigger=lambda example: _half_precision(example, REAL_INPUT) and not (
            _options(example).get("n") is not None and _options(example)["n"] < 1),
        # (with repeated axes, JAX refuses them first)
        outputs=raises("ValueError", r"RFFT input must be float32 or float64|does not support repeated"),
    ),
    KnownDivergence(
        id="FFT-HALF-PRECISION-REAL-OUTPUT-FLOAT32",
        area="fft",
        title="irfft and hfft (irfft2, irfftn over one axis) of float16 and bfloat16 return float32",
        numpy="returns the input's half precision (irfft of bfloat16 raises TypeError: no reciprocal "
              "loop)",
        jax="computes in complex64 and returns float32, bounded as float32",
        why="jnp.fft promotes the input to complex64 for lax.fft's IRFFT and keeps its real float32 "
            "result",
        source="observed by this suite, undocumented upstream (" + _FFT_SOURCE + ")",
        condition="irfft, hfft, irfft2 or irfftn of a float16 or bfloat16 array, where NumPy returns a "
                  "half-precision result",
        kinds=("error-parity", "error-kind", "dtype", "values"),
        trigger=_half_real_output,
        outputs=_as_float32,
    ),
    KnownDivergence(
        id="FFT-BFLOAT16-WITHOUT-NUMPY-LOOP",
        area="fft",
        title="Transforms of bfloat16 that NumPy cannot normalize are computed in float32",
        numpy="raises TypeError: No loop matching the specified signature and casting was found for ufunc "
              "reciprocal (or sqrt: ifft, ifft2, ifftn, irfft with any norm, fft with norm='ortho' or "
              "'forward')",
        jax="computes the transform of the values read as float32 (complex64; irfft, hfft: float32); "
            "an axis out of range: ValueError (as FFT-AXIS-OUT-OF-RANGE-VALUEERROR)",
        why="ml_dtypes' bfloat16 has no reciprocal or sqrt loop for NumPy's normalization factor; jnp.fft "
            "promotes bfloat16 to complex64 first",
        source="observed by this suite, undocumented upstream",
        condition="a transform other than rfft, ihfft, rfft2, rfftn of a bfloat16 array, its axes not "
                  "repeated, where NumPy raises TypeError for a missing loop",
        kinds=("error-parity", "error-kind"),
        trigger=_bfloat16_without_loop,
        outputs=lambda example, outcome: (
            _as_float32(example, outcome) if transformed_axes(_transform(example), np.ndim(example.args[0]),
                                                              _options(example))
            else raises("ValueError", r"out of bounds for array of dimension")(example, outcome)),
    ),
    KnownDivergence(
        id="FFT-NONFINITE-PARTS",
        area="fft",
        title="A transform that is not finite may differ in which part is NaN",
        numpy="skips the products by trivial twiddle factors (1, -1, ±i): ifft2 of float32 [[-4e16, 0, "
              "-3.4e38, 1e-38], [-5e15, -3.4e38, 0, -inf]] with norm='forward' gives -inf+0j at [0, 0]",
        jax="multiplies by every twiddle factor with XLA's complex products (inf·0 is NaN): -inf+nanj "
            "there; where NumPy's element is not finite JAX's is asserted non-finite (NaN or an "
            "infinity in some part), not which; every other element is held to the bound",
        why="DUCC's kernels, which XLA's CPU FFT calls, and NumPy's pocketfft order and skip the products "
            "differently; C99 Annex G's infinity rules are not followed by either",
        source="observed by this suite, undocumented upstream",
        condition="a transform of float or complex values whose NumPy result has a non-finite element "
                  "(an infinity or a NaN in its slab, or an overflow)",
        kinds=("values",),
        trigger=_not_finite,
        outputs=_nonfinite_in_slabs,
    ),
    KnownDivergence(
        id="FFT-IHFFT-OF-NOTHING-ZERODIVISION",
        area="fft",
        title="ihfft of an empty axis under jit raises ZeroDivisionError",
        numpy="raises ValueError: Invalid number of FFT data points (0) specified.",
        jax="raises ZeroDivisionError: division by zero (eagerly: ValueError, as NumPy)",
        why="jnp.fft.ihfft divides the conjugated rfft by n = a.shape[axis] = 0 in Python under jit, "
            "before the rfft fails to lower",
        source="observed by this suite, undocumented upstream (" + _FFT_SOURCE + ": ihfft)",
        condition="ihfft along an empty axis without n, compiled (jit)",
        kinds=("error-kind",),
        modes=("jit",),
        trigger=_ihfft_of_nothing,
        outputs=raises("ZeroDivisionError", r"division by zero"),
    ),
    KnownDivergence(
        id="FFT-FLUSH-SUBNORMALS",
        area="fft",
        title="Transforms flush subnormal inputs and partial results",
        numpy="transforms with IEEE gradual underflow",
        jax="reads subnormal inputs as zero and flushes subnormal butterflies and normalized results "
            "(FTZ/DAZ): each operation may be off by the smallest normal number",
        why="XLA sets the CPU's flush-to-zero and denormals-are-zero modes; its FFT kernels run under them",
        source="https://github.com/jax-ml/jax/issues/16200 (working as intended)",
        condition="a compiled transform of float or complex values with a nonzero part (of the input or "
                  "of NumPy's result) below 4·N times the smallest normal",
        kinds=("values",),
        trigger=_flushes_in_the_transform,
        outputs=_with_flush_slack,
    ),
    KnownDivergence(
        id="FFT-NO-AXES",
        area="fft",
        title="fftn, ifftn, rfftn and irfftn with axes=() return the input converted",
        numpy="fftn and ifftn return the input unchanged (its own dtype, a float64 array stays float64); "
              "rfftn and irfftn raise IndexError",
        jax="returns the input in the transform's dtype: complex for fftn, ifftn and irfftn, the input "
            "made inexact for rfftn (eagerly with norm 'ortho' or 'forward' times the factor 1: a "
            "complex -0.0 imaginary part becomes +0.0)",
        why="jnp.fft's n-d transforms apply lax.fft over no axes after converting the input",
        source="observed by this suite, undocumented upstream (" + _FFT_SOURCE + ")",
        condition="an n-d transform with axes=() and no s",
        kinds=("error-parity", "dtype", "values"),
        trigger=_no_axes,
        outputs=_no_axes_result,
    ),
    KnownDivergence(
        id="FFT-FREQUENCIES-OF-NOTHING",
        area="fft",
        title="fftfreq(0) returns an empty array and rfftfreq(0) returns [nan]",
        numpy="raises ZeroDivisionError: float division by zero (1.0 / (n·d))",
        jax="divides arange(n) by the array n·d: fftfreq(0) is an empty array, rfftfreq(0) is [nan] "
            "(0 / 0; [nan+nanj] with a complex dtype)",
        why="jnp.fft.fftfreq and rfftfreq divide arrays (no Python division by zero)",
        source=_FFT_SOURCE + " (fftfreq, rfftfreq); observed by this suite, undocumented upstream",
        condition="fftfreq or rfftfreq with n = 0",
        kinds=("error-parity",),
        trigger=_frequencies_of_nothing,
        outputs=_frequencies_of_nothing_result,
    ),
    KnownDivergence(
        id="FFT-SHIFT-OF-0D",
        area="fft",
        title="fftshift and ifftshift of a 0-d array return it",
        numpy="raises ValueError: not enough values to unpack (roll of no shifts over no axes)",
        jax="returns the 0-d array unchanged",
        why="jnp.roll with empty shifts and axes is the identity",
        source="observed by this suite, undocumented upstream (" + _FFT_SOURCE + ")",
        condition="fftshift or ifftshift of a 0-d array with axes None or ()",
        kinds=("error-parity",),
        trigger=_shift_of_0d,
        outputs=_the_input,
    ),
)

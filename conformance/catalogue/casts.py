"""Known divergences in casts: `astype` and `asarray(..., dtype=)` (the cases are conformance/cases/casts.py).

NumPy casts a float to an integer with C's conversion, which the C standard leaves undefined where the
truncated value is NaN, infinite or outside the integer's range (NumPy warns "invalid value encountered in
cast" and returns whatever the CPU gives); XLA's convert saturates. Some of XLA's conversions run with the
CPU's flush-to-zero modes; jnp.asarray converts a complex jax.Array to bool by its real part, and NumPy
input with NumPy after truncating a requested 64-bit dtype. The models compute what JAX returns, from the
input: none of them accepts an arbitrary value.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.dtypes import requested_64_bit_dtype
from conformance.catalogue.models import (
    canonical_dtype,
    flush_subnormals,
    has_subnormal,
    jax_at_least,
    map_values,
)
from conformance.catalogue.promotion import joined_dtype
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.strategies import kind_of

NUMPY_UNDEFINED = ("https://github.com/numpy/numpy/issues/22951 (NumPy maintainers: a float cast to an "
                   "integer 'inherits the C99 behavior, which is undefined for out-of-bounds float values'); "
                   "https://numpy.org/devdocs/release/1.24.0-notes.html#numpy-now-gives-floating-point-"
                   "errors-in-casts (NumPy warns 'invalid value encountered in cast')")


def _is_cast(example: Example) -> bool:
    """A cast of a jax.Array (astype, or asarray of a traced or device array), or of a creation row's
    fill value (full, full_like: the `fills` tag) eagerly: XLA's convert. Under jit the conversion of a
    Python fill value is folded at trace time by NumPy's, as NumPy converts it."""
    return ("cast" in example.case.tags and "numpy-input-cast" not in example.case.tags
            or "fills" in example.case.tags and example.mode == "eager")


def _source(example: Example) -> np.ndarray:
    """What is converted: the array cast, or the fill value."""
    if "fills" in example.case.tags:
        return np.asarray(example.args[example.case.arg_names.index("fill_value")])
    return np.asarray(example.args[0])


def _real_part(a: np.ndarray) -> np.ndarray:
    """The values as float64 (the real part of complex ones: both sides drop the imaginary part)."""
    return (a.real if kind_of(a.dtype) == "c" else a).astype(np.float64)


def _integer_results(example: Example) -> list[np.dtype]:
    if example.numpy.raised:
        return []
    return [v.dtype for v in example.numpy.values if v.dtype.kind in "iu"]


def saturated(a: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """A float (or complex: its real part) array converted to an integer dtype the way XLA converts it:
    toward zero, NaN to 0, values past the range to its nearest end (an infinity too)."""
    info = np.iinfo(dtype)
    real = _real_part(a)
    with np.errstate(invalid="ignore"):
        truncated = np.trunc(np.nan_to_num(real, nan=0.0, posinf=0.0, neginf=0.0))
        high = ~np.isnan(real) & (np.trunc(real) >= float(info.max) + 1)
        low = ~np.isnan(real) & (np.trunc(real) < float(info.min))
        inside = np.where(high | low, 0.0, truncated)
        # float64 holds every integer that reaches here exactly up to 2**53; beyond, the value is a float
        # and converts exactly as it is
        out = inside.astype(dtype)
    out[high] = info.max
    out[low] = info.min
    return out


def _float_to_int_out_of_range(example: Example) -> bool:
    if not _is_cast(example) or kind_of(_source(example).dtype) not in "fc":
        return False
    real = _real_part(_source(example))
    for dtype in _integer_results(example):
        info = np.iinfo(dtype)
        with np.errstate(invalid="ignore"):
            if (np.isnan(real) | (np.trunc(real) >= float(info.max) + 1)
                    | (np.trunc(real) < float(info.min))).any():
                return True
    return False


def _saturated_outputs(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's outcome with each integer value replaced by the saturating conversion of the input, in
    that value's dtype (the 32-bit one where DTYPE-X64-OFF-REQUESTED-64BIT-WARNS truncated it)."""
    source = _source(example)

    fills = "fills" in example.case.tags  # a fill value fills the whole result

    def convert(v: Value) -> Value:
        if v.dtype.kind not in "iu" or (v.shape != source.shape and not fills):
            return v
        return replace(v, array=np.broadcast_to(saturated(source, v.dtype), v.shape).copy())

    return map_values(outcome, convert)


# (source, result) dtype names of the conversions that XLA's CPU backend computes with the CPU's
# denormals-are-zero and flush-to-zero modes on (measured with jax 0.10.2, every pair of float and complex
# dtypes): "in" reads a subnormal input as a zero of its sign, "in-out" also writes a subnormal result as
# one. A widening from float32 (or bfloat16, float32 in its top bits) to a 64-bit type, a narrowing from
# a 64-bit type, and a truth test of float32 and float64. Every other conversion keeps subnormal bits:
# float16 (its subnormals are normal float32 values), bfloat16 to and from float32, the real part of a
# complex64, a bfloat16 truth test (of its bits).
_FLUSHING_CASTS: dict[tuple[str, str], str] = {
    **{(source, "bool"): "in" for source in ("float32", "float64", "complex64", "complex128")},
    **{(source, result): "in" for source in ("bfloat16", "float32", "complex64")
       for result in ("float64", "complex128")},
    **{(source, result): "in-out" for source in ("float64", "complex128")
       for result in ("bfloat16", "float32", "complex64")},
}


def _flushing(example: Example) -> str | None:
    """How this cast flushes subnormals ("in", "in-out"), from the source dtype and NumPy's result dtype
    (32 bits where a requested 64-bit dtype was truncated), or None where it keeps them."""
    if not _is_cast(example) or example.numpy.raised or len(example.numpy.values) != 1:
        return None
    pair = (_source(example).dtype.name, example.numpy.values[0].dtype.name)
    if pair == ("bfloat16", "bool") and jax_at_least(example, "0.12"):
        return "in"  # jax 0.12 tests a bfloat16 for truth as a float (observed: 9.2e-41 is False)
    return _FLUSHING_CASTS.get(pair)


def _flushing_pieces(example: Example) -> list[bool]:
    """Of a joining row's pieces (concatenate, stack), which ones a flushing conversion to the dtype
    JAX joins them at (promotion.joined_dtype, at 32 bits with x64 off) reads subnormals of as zeros."""
    if "joins" not in example.case.tags or example.numpy.raised:
        return []
    dtypes = [np.asarray(a).dtype for a in example.args[0]]
    result = joined_dtype(dtypes)
    result = result if example.env.x64 else canonical_dtype(result)
    return [_FLUSHING_CASTS.get((d.name, result.name)) is not None for d in dtypes]


def _cast_flushes_a_subnormal(example: Example) -> bool:
    flushing = _flushing_pieces(example)
    if any(flushing):
        return any(f and has_subnormal(np.asarray(a)) for f, a in zip(flushing, example.args[0], strict=True))
    how = _flushing(example)
    if how is None:
        return False
    return has_subnormal(_source(example)) or (
        how == "in-out" and has_subnormal(example.numpy.values[0].array))


def _flushed_source(example: Example) -> tuple:
    flushing = _flushing_pieces(example)
    if any(flushing):
        pieces = zip(flushing, example.args[0], strict=True)
        return ([flush_subnormals(np.asarray(a)) if f else a for f, a in pieces], *example.args[1:])
    return (flush_subnormals(_source(example)), *example.args[1:])


def _flushed_result(example: Example, outcome: Outcome) -> Outcome:
    if _flushing(example) != "in-out":
        return outcome
    return map_values(outcome, lambda v: replace(v, array=flush_subnormals(v.array)))


def _numpy_input_beyond_32_bits(example: Example) -> bool:
    """x64 off, jnp.asarray of NumPy input (an array or a list) with a 64-bit integer dtype, where a
    (real) value is NaN or outside the 32-bit range: there NumPy's int64 cast, truncated, differs from
    its int32 cast."""
    if ("numpy-input-cast" not in example.case.tags
            or requested_64_bit_dtype(example) not in ("int64", "uint64")):
        return False
    info = np.iinfo(canonical_dtype(np.dtype(requested_64_bit_dtype(example))))
    source = _source(example)
    if kind_of(source.dtype) in "biu":
        return bool(((source > info.max) | (source < info.min)).any()) if source.dtype.kind in "iu" else False
    real = _real_part(source)
    with np.errstate(invalid="ignore"):
        return bool((np.isnan(real) | (np.trunc(real) > info.max) | (np.trunc(real) < info.min)).any())


def _requesting_32_bits(example: Example) -> tuple:
    """The arguments with the requested dtype replaced by its 32-bit counterpart: NumPy's own conversion
    to it is what JAX returns (its value for NaN and out-of-range floats is C's undefined conversion,
    computed by NumPy on this machine; a Python int out of range raises OverflowError)."""
    position = example.case.arg_names.index("dtype")
    requested = canonical_dtype(np.dtype(example.args[position])).name
    return (*example.args[:position], requested, *example.args[position + 1:])


def _complex_to_bool_by_asarray(example: Example) -> bool:
    return ("jax-asarray" in example.case.tags and kind_of(_source(example).dtype) == "c"
            and not example.numpy.raised and example.numpy.values[0].dtype == np.dtype(bool))


def _truth_of_real_part(example: Example, outcome: Outcome) -> Outcome:
    """The truth value of the real part alone, read with denormals-are-zero (a subnormal is False)."""
    truth = flush_subnormals(_source(example).real) != 0
    return map_values(outcome, lambda v: replace(v, array=truth))


ENTRIES = (
    KnownDivergence(
        id="CAST-FLOAT-TO-INT-SATURATES",
        area="casts",
        title="A float cast to an integer saturates: NaN gives 0, values past the range its nearest end",
        numpy="converts with C's float-to-integer conversion, undefined for NaN, infinities and values "
              "whose truncation the integer type cannot hold: it warns 'invalid value encountered in "
              "cast' and returns what the CPU gives (on x86-64 0 or the minimum integer for NaN and "
              "infinities, the low bits of an int64 conversion for int8 and int16, 255 for -1.5 to "
              "uint8)",
        jax="truncates toward zero and saturates: NaN gives 0, +inf and values above the range the "
            "type's maximum, -inf and values below it the minimum (0 for unsigned types, so a negative "
            "float never wraps); a complex input converts its real part the same way",
        why="XLA's convert clamps a float to the integer range and maps NaN to 0 before converting, so "
            "that the result does not depend on the hardware (observed with jax 0.10.2 on the CPU, "
            "eagerly, under jit and under vmap)",
        source="https://github.com/jax-ml/jax/issues/5082 (convert_element_type to an unsigned type "
               "differs from a C cast); saturation observed by this suite, undocumented upstream; "
               "NumPy's value: " + NUMPY_UNDEFINED,
        condition="astype or asarray(dtype=) of a jax.Array from a float or complex dtype to an integer "
                  "dtype, or eagerly full and full_like with a float fill value and an integer dtype, where "
                  "a (real) value is NaN, infinite or out of the integer's range",
        kinds=("values",),
        trigger=_float_to_int_out_of_range,
        outputs=_saturated_outputs,
        platforms=("cpu",),
    ),
    KnownDivergence(
        id="CAST-SUBNORMAL-FLUSH",
        area="casts",
        title="Some casts read subnormal floats as zero, or write subnormal results as zero",
        numpy="converts subnormal values exactly (a float32 subnormal to float64 keeps its value; its "
              "truth value is True)",
        jax="reads a subnormal input as a zero of its sign in a truth test of float32 or float64 "
            "(astype(bool) gives False) and in a widening from float32, bfloat16 or complex64 to "
            "float64 or complex128; a narrowing from float64 or complex128 to float32, bfloat16 or "
            "complex64 also writes a subnormal result as a zero. Every other cast keeps subnormal bits "
            "(float16, bfloat16 to and from float32, identities, a bfloat16 truth test before jax 0.12: "
            "from 0.12 on that one reads a subnormal as zero too)",
        why="XLA sets the CPU's flush-to-zero and denormals-are-zero modes (NUM-SUBNORMAL-FLUSH); the "
            "conversions that are bit manipulations (bfloat16 is the top half of a float32) or that "
            "leave the value unchanged never reach the floating-point unit",
        source="https://github.com/jax-ml/jax/issues/16200 (flushing is working as intended); which "
               "casts flush: observed by this suite, undocumented upstream",
        condition="astype or asarray(dtype=) of a jax.Array through one of the conversions listed, with a "
                  "subnormal input (or, for a narrowing, a subnormal result); a joining row's piece "
                  "converted so to the dtype the pieces are joined at (concatenate of float32 and "
                  "float64)",
        kinds=("values",),
        trigger=_cast_flushes_a_subnormal,
        inputs=_flushed_source,
        outputs=_flushed_result,
        platforms=("cpu",),
    ),
    KnownDivergence(
        id="CAST-X64-OFF-NUMPY-INPUT-CASTS-TO-32-BITS",
        area="casts",
        title="With x64 off, jnp.asarray of NumPy input with dtype int64 converts straight to int32",
        numpy="converts to int64 (a value beyond the int32 range keeps its value)",
        jax="truncates the requested int64 (uint64) to int32 (uint32) with a warning "
            "(DTYPE-X64-OFF-REQUESTED-64BIT-WARNS) before converting, and converts NumPy input (an "
            "array, or a list of Python numbers) with NumPy's own conversion to the 32-bit type: a "
            "float beyond its range is NumPy's undefined conversion (the minimum int32 on x86-64), not "
            "the int64 value's low 32 bits; a Python int beyond it raises OverflowError ('Python "
            "integer ... out of bounds for int32')",
        why="jnp.asarray canonicalizes the dtype first and hands NumPy input to np.asarray with the "
            "canonical dtype",
        source="https://docs.jax.dev/en/latest/default_dtypes.html; the order of the conversions: "
               "observed by this suite, undocumented upstream; NumPy's value: " + NUMPY_UNDEFINED,
        condition="x64 off, jnp.asarray of a NumPy array or a list with dtype int64 or uint64, where a "
                  "(real) value is NaN, infinite or outside the 32-bit range",
        kinds=("dtype", "values", "error-parity"),
        x64=False,
        trigger=_numpy_input_beyond_32_bits,
        inputs=_requesting_32_bits,
    ),
    KnownDivergence(
        id="CAST-ASARRAY-COMPLEX-TO-BOOL-DROPS-IMAGINARY",
        area="casts",
        title="jnp.asarray(complex array, dtype=bool) tests the real part only",
        numpy="a complex value is True where its real or its imaginary part is nonzero (1j is True)",
        jax="jnp.asarray (and jnp.array) of a complex jax.Array with dtype=bool drops the imaginary part "
            "first (1j is False; complex(0, nan) is False), and tests the real part with "
            "denormals-are-zero (a subnormal real part is False); astype(bool) tests both parts",
        why="jnp.asarray converts with lax's convert_element_type, which takes the real part of a complex "
            "value before any conversion to a real type (bool included); astype special-cases bool as a "
            "comparison with zero",
        source="observed by this suite, undocumented upstream",
        condition="jnp.asarray of a complex jax.Array (eager, jit or vmap) with dtype=bool",
        kinds=("values",),
        trigger=_complex_to_bool_by_asarray,
        outputs=_truth_of_real_part,
    ),
)

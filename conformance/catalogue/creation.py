"""Known divergences of the registry's creation rows (`conformance/registry/`, CREATION): the errors JAX
raises for shapes and fill values NumPy handles otherwise, and the arithmetic of arange, linspace and
geomspace where a requested dtype or a degenerate range makes JAX's formula differ from NumPy's. The
models replay JAX's formula in NumPy (`jax_arange`, `jax_linspace`); triggers read tags and options."""

from __future__ import annotations

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.casts import saturated
from conformance.catalogue.dtypes import requested_dtype
from conformance.catalogue.manipulation import option
from conformance.catalogue.models import jax_at_least, map_values, raises
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.strategies import BFLOAT16

_SOURCE = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/{}"
_DOCS = "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.{}.html"


def _has(example: Example, keyword: str) -> bool:
    return keyword in example.case.arg_names


def _negative_side(example: Example) -> bool:
    shapes = [option(example, k) for k in ("shape", "dimensions") if _has(example, k)]
    return "creation" in example.case.tags and any(
        any(side < 0 for side in (s if isinstance(s, tuple) else (s,))) for s in shapes if s is not None)


_BROADCAST_REFUSAL = raises("TypeError", r"shape must have every element be nonnegative")
# jax 0.11's empty and empty_like allocate with lax.empty (uninitialized), whose MLIR type refuses the side
_EMPTY_REFUSAL = raises("MLIRError", r"Invalid type")


def _negative_side_refusal(example: Example, outcome: Outcome) -> Outcome:
    """lax's TypeError for a negative side; from jax 0.11, empty and empty_like's MLIRError."""
    uninitialized = "unspecified-values" in example.case.tags and jax_at_least(example, "0.11")
    return (_EMPTY_REFUSAL if uninitialized else _BROADCAST_REFUSAL)(example, outcome)


def _target_dtype(example: Example) -> np.dtype | None:
    """The dtype a fill value is converted to: the requested one, else the array's (full_like)."""
    requested = requested_dtype(example)
    if requested is not None or not _has(example, "a"):
        return requested
    return np.asarray(example.args[0]).dtype


def _complex_fill_into_real(example: Example) -> bool:
    if "fills" not in example.case.tags or type(option(example, "fill_value")) is not complex:
        return False
    dtype = _target_dtype(example)
    return dtype is not None and dtype.kind not in "cb"


# -- arange ------------------------------------------------------------------------------------------------
def _working_dtype(dtype: np.dtype) -> np.dtype:
    """The dtype jnp.arange computes start + step * i in: float32 for float16 and bfloat16, else the dtype."""
    return np.dtype(np.float32) if dtype in (np.dtype(np.float16), BFLOAT16) else dtype


def _converted(value, dtype: np.dtype, *, eager: bool):
    """A Python scalar converted to the working dtype as jnp.arange converts it: an int wrapped modulo
    2**bits; a float into an integer dtype by XLA's saturating conversion eagerly (casts.saturated), and
    under jit, where the conversion of a constant is folded at trace time, by NumPy's (C's) conversion."""
    if dtype.kind in "iu" and type(value) is float and eager:
        return saturated(np.asarray(value), dtype)
    return np.asarray(value).astype(dtype)


def jax_arange(start, stop, step, dtype: np.dtype, *, eager: bool) -> np.ndarray:
    """jnp.arange of Python scalars with a requested dtype, in NumPy: the length is ceil((stop - start)
    / step) in Python floats (as NumPy's), the values start + step * i with start and step converted to
    the working dtype first, wrapping as its integers wrap, then converted to the dtype."""
    if stop is None:
        start, stop = 0, start
    step = 1 if step is None else step
    size = max(0, int(np.ceil((stop - start) / step)))
    work = _working_dtype(dtype)
    with np.errstate(over="ignore"):
        values = (_converted(start, work, eager=eager)
                  + _converted(step, work, eager=eager) * np.arange(size).astype(work))
    return values.astype(work).astype(dtype)


def _arange_of_integers_converted(example: Example) -> bool:
    """arange with a requested integer dtype and a non-integer start or step (NumPy converts the first two
    values and steps by their difference), or an int out of the dtype's range (NumPy raises)."""
    dtype = requested_dtype(example)
    if "arange" not in example.case.tags or dtype is None or dtype.kind not in "iu":
        return False
    values = [option(example, k) for k in ("start", "stop", "step")]
    info = np.iinfo(dtype)
    return (any(type(v) is float and v != int(v) for v in values[:1] + values[2:] if v is not None)
            or any(type(v) is int and not info.min <= v <= info.max for v in values))


def _arange_like_jax(example: Example, outcome: Outcome) -> Outcome:
    args = [option(example, k) for k in ("start", "stop", "step")]
    return Outcome((Value(jax_arange(*args, requested_dtype(example), eager=example.mode == "eager")),))


# -- linspace and geomspace --------------------------------------------------------------------------------
def computation_dtype(dtype: np.dtype, *, x64: bool) -> np.dtype:
    """The inexact dtype jnp.linspace computes a requested dtype in: the dtype itself if float or complex,
    else the default float (float32, or float64 with x64 on for 64-bit integers)."""
    if dtype.kind in "fc" or dtype == BFLOAT16:
        return dtype
    return np.dtype(np.float64 if x64 and dtype.itemsize == 8 else np.float32)


def jax_linspace(start, stop, num: int, endpoint: bool, dtype: np.dtype, computation: np.dtype):
    """jnp.linspace's formula in NumPy: start * (1 - t) + stop * t in the computation dtype with t = i / div,
    the endpoint appended as it is, and the step (stop - start) / div (NaN for one sample with the
    endpoint). Its rounding is not XLA's (which fuses and reorders): geomspace's model uses it where the
    values are NaN, zeros and infinities, which it gives exactly."""
    start, stop = np.asarray(start).astype(computation), np.asarray(stop).astype(computation)
    div = num - 1 if endpoint else num
    if num > 1:
        real = np.dtype(np.float32) if computation == BFLOAT16 else np.zeros((), computation).real.dtype
        t = (np.arange(div).astype(real) / real.type(div)).astype(computation)
        out = start * (1 - t).astype(computation) + stop * t
        out = np.concatenate([out, [stop]]) if endpoint else out
        step = (stop - start) / np.asarray(div).astype(computation)
    elif num == 1:
        out, step = np.asarray([start]), np.asarray(np.nan if endpoint else stop - start).astype(computation)
    else:
        out, step = np.zeros(0, computation), np.asarray(np.nan).astype(computation)
    return _xla_convert(out.astype(computation), dtype), np.asarray(step).astype(computation)


def _xla_convert(values: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """A float array converted as XLA converts it: saturating into an integer dtype (casts.saturated)."""
    if dtype.kind in "iu" and values.dtype.kind in "fc":
        return saturated(values, dtype)
    return values.astype(dtype)


def _linspace_in_requested_precision(example: Example) -> bool:
    dtype = requested_dtype(example)
    if "linspace" not in example.case.tags or dtype is None or example.numpy.raised:
        return False
    return dtype.kind in "iu" or (option(example, "retstep")
                                  and computation_dtype(dtype, x64=example.env.x64) != np.float64)


# The bound of linspace's float error, in units of the computation dtype's epsilon times |start| + |stop|:
# the registry row's tolerance (4 ulps of the endpoints' scale), justified there.
LINSPACE_ERROR = 4


def _eps(dtype: np.dtype) -> float:
    part = np.zeros((), dtype).real.dtype if dtype != BFLOAT16 else BFLOAT16
    return float(np.finfo(part).eps) if part != BFLOAT16 else 2.0**-7


def _linspace_like_jax(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's outcome, with each integer the floor of a float within linspace's error bound of the
    exact point (either of the two integers where the bound straddles one, saturated as XLA converts),
    and the step in the computation dtype."""
    if outcome.raised:
        return outcome
    dtype = requested_dtype(example)
    computation = computation_dtype(dtype, x64=example.env.x64)
    start, stop, num, endpoint = (option(example, k) for k in ("start", "stop", "num", "endpoint"))
    values = [*outcome.values]
    if dtype.kind in "iu":
        exact = np.linspace(start, stop, num, endpoint=endpoint)
        bound = LINSPACE_ERROR * _eps(computation) * (abs(start) + abs(stop))
        low, high = (saturated(np.floor(exact + d), dtype) for d in (-bound, bound))
        values[0] = Value(low, choices=(high,))
    if option(example, "retstep"):
        values[1] = values[1].astype(computation)
    return Outcome(tuple(values), outcome.is_sequence)


def _geomspace_through_zero(example: Example) -> bool:
    """geomspace from or to zero, or, in a real dtype, between values of opposite signs."""
    if "geomspace" not in example.case.tags:
        return False
    start, stop = option(example, "start"), option(example, "stop")
    dtype = requested_dtype(example)
    real = dtype is None or dtype.kind != "c"  # a complex dtype takes logarithms of negative values
    return start == 0 or stop == 0 or (real and (start < 0) != (stop < 0))


def _geomspace_like_jax(example: Example, outcome: Outcome) -> Outcome:
    """sign(start) * 10 ** linspace(log10(start / sign), log10(stop / sign)), as jnp.geomspace computes
    it: NaN throughout where start is 0 (0 / 0) or stop has the other sign (the log of a negative number
    and NaN * 0), NaN or 0 where stop is 0 (-inf * 0); converted to an integer dtype as XLA does."""
    requested = requested_dtype(example)
    dtype = requested if requested is not None else np.dtype(np.float64 if example.env.x64 else np.float32)
    computation = computation_dtype(dtype, x64=example.env.x64)
    start, stop = (np.asarray(option(example, k)).astype(computation) for k in ("start", "stop"))
    sign = np.sign(start)
    exponents, _ = jax_linspace(np.log10(start / sign), np.log10(stop / sign), option(example, "num"),
                                option(example, "endpoint"), computation, computation)
    values = (sign * np.power(computation.type(10), exponents)).astype(computation)
    return Outcome((Value(_xla_convert(values, dtype)),))


def _dense_indices_of_none(example: Example) -> bool:
    return ("indices" in example.case.tags and requested_dtype(example) is None
            and not option(example, "sparse") and not example.numpy.raised)


def _default_int(example: Example, outcome: Outcome) -> Outcome:
    dtype = np.dtype(np.int64 if example.env.x64 else np.int32)
    return map_values(outcome, lambda v: v.astype(dtype))


def _tri_of_default_dtype(example: Example) -> bool:
    return "tri" in example.case.tags and requested_dtype(example) is None and not example.numpy.raised


def _from_iterable(example: Example) -> bool:
    return "from-iterable" in example.case.tags


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="CREATE-NEGATIVE-SHAPE-TYPEERROR",
        area="creation",
        title="zeros, ones, empty, full and indices raise TypeError for a negative side (empty and "
              "empty_like from jax 0.11: MLIRError)",
        numpy="raises ValueError: negative dimensions are not allowed (indices(..., sparse=True) returns "
              "the index arrays, a negative side giving an empty one)",
        jax="raises TypeError from lax: broadcast_in_dim (or iota) shape must have every element be "
            "nonnegative; from jax 0.11 empty and empty_like raise jaxlib's MLIRError: Invalid type "
            "(invalid tensor dimension size), measured on jax 0.12.0.1",
        why="jnp passes the shape to lax.broadcast_in_dim or lax.iota, whose shape rule checks it and "
            "raises TypeError (lax's error for a bad static argument)",
        source="observed by this suite, undocumented upstream (empty: " + _DOCS.format("empty") + ", "
               "\"Starting in JAX v0.11.0, this returns an uninitialized array\", see jax.lax.empty)",
        condition="a creation row's shape (or indices' dimensions) with a negative side",
        kinds=("error-kind", "error-parity"),
        trigger=_negative_side,
        outputs=_negative_side_refusal,
    ),
    KnownDivergence(
        id="CREATE-FULL-COMPLEX-FILL-INTO-REAL-TYPEERROR",
        area="creation",
        title="full and full_like refuse a complex fill value for a real dtype",
        numpy="discards the imaginary part (ComplexWarning) and fills with the real part",
        jax="raises TypeError: int() (or float()) argument must be ... not 'complex' (bfloat16: expected "
            "number, got complex); a bool dtype takes the value's truth, as in NumPy",
        why="jnp.full converts the Python fill value with the dtype's scalar type, and Python's int() and "
            "float() refuse a complex number",
        source="observed by this suite, undocumented upstream",
        condition="full or full_like with a Python complex fill value and an integer or float dtype "
                  "(requested, or full_like's array's); with a negative side too (JAX converts the value "
                  "before it reads the shape, NumPy checks the shape first)",
        kinds=("error-parity", "error-kind"),
        trigger=_complex_fill_into_real,
        outputs=raises("TypeError", r"argument must be .*not 'complex'|expected number, got complex"),
    ),
    KnownDivergence(
        id="CREATE-ARANGE-INTEGER-DTYPE-CONVERTS-START-AND-STEP",
        area="creation",
        title="arange with an integer dtype converts start and step to it, then adds step * i in it",
        numpy="computes the first two values, converts them to the dtype and steps by their difference "
              "(arange(0.5, -3, -1, dtype=int32) is [0, 0, 0, 0]: 0.5 and -0.5 both give 0); refuses an int "
              "the dtype cannot hold with OverflowError",
        jax="computes convert(start) + convert(step) * i in the dtype: a float truncated toward zero, an "
            "int out of range wrapped modulo 2**bits (arange(0.5, -3, -1, dtype=int32) is [0, -1, -2, -3], "
            "arange(-3, None, -1, dtype=uint16) [0, 65535, 65534]); the length is NumPy's, "
            "ceil((stop - start) / step)",
        why="jnp.arange builds the range with lax.iota and lax's arithmetic on converted scalars",
        source=_SOURCE.format("lax_numpy.py") + " (_arange: lax.add(convert(start), lax.mul(convert(step), "
               "iota))); behaviour observed by this suite, undocumented upstream",
        condition="arange with an integer dtype requested and a non-integer start or step, or an int "
                  "outside the dtype's range",
        kinds=("values", "error-parity"),
        trigger=_arange_of_integers_converted,
        outputs=_arange_like_jax,
    ),
    KnownDivergence(
        id="CREATE-LINSPACE-IN-REQUESTED-PRECISION",
        area="creation",
        title="linspace computes in the requested dtype's precision: its step has that dtype, and integer "
              "results floor float32 values",
        numpy="computes in float64 whatever the dtype, then converts (flooring for integer dtypes); "
              "retstep's step is a float64",
        jax="computes start * (1 - t) + stop * t in the requested dtype, or in float32 for bool and integer "
            "dtypes (float64 for 64-bit integers with x64 on), and floors that for integers (a point float32 "
            "rounds just below an integer lands one lower); retstep's step is an array of that dtype",
        why="jnp.linspace picks its computation dtype from the requested one (dtypes.to_inexact_dtype)",
        source=_SOURCE.format("array_creation.py") + " (_linspace: computation_dtype, \"can lead to rounding "
               "errors for integer outputs\")",
        condition="linspace with an integer dtype requested, or with retstep=True and a requested dtype "
                  "computed in another dtype than float64 (complex ones, narrower floats, 32-bit integers)",
        kinds=("dtype", "values"),
        trigger=_linspace_in_requested_precision,
        outputs=_linspace_like_jax,
    ),
    KnownDivergence(
        id="CREATE-GEOMSPACE-THROUGH-ZERO-NAN",
        area="creation",
        title="geomspace from or to zero, or across zero, returns NaN instead of raising",
        numpy="raises ValueError: Geometric sequence cannot include zero; across zero (-1 to 8) returns "
              "the endpoints with NaN between them",
        jax="returns NaN throughout where start is 0 or the signs differ, and NaN (0 in an integer dtype) "
            "where stop is 0: sign(start) * 10 ** linspace(log10(start / sign), log10(stop / sign))",
        why="jnp.geomspace divides by sign(start) and takes logarithms without checking the endpoints",
        source=_SOURCE.format("array_creation.py") + " (_geomspace); observed by this suite, undocumented "
               "upstream",
        condition="geomspace with start or stop 0, or of a real dtype with start and stop of opposite "
                  "signs (with num=0 JAX returns an empty array)",
        kinds=("error-parity", "values"),
        trigger=_geomspace_through_zero,
        outputs=_geomspace_like_jax,
    ),
    KnownDivergence(
        id="CREATE-TRI-DEFAULT-FLOAT32",
        area="creation",
        title="tri's default dtype is float32, with x64 on too",
        numpy="returns float64 by default",
        jax="returns float32 whatever the x64 mode (zeros, ones, eye and the others give float64 with x64 "
            "on)",
        why="jnp.tri sets dtype = float32 when none is given, not the default float dtype",
        source=_SOURCE.format("lax_numpy.py") + " (tri: if dtype is None: dtype = np.dtype(np.float32)); "
               + _DOCS.format("tri") + " (\"The default type is float\")",
        condition="tri without a dtype, x64 on (with x64 off DTYPE-X64-OFF-32BIT gives float32 too)",
        kinds=("dtype",),
        x64=True,
        trigger=_tri_of_default_dtype,
        outputs=lambda example, outcome: map_values(outcome, lambda v: v.astype(np.float32)),
    ),
    KnownDivergence(
        id="CREATE-INDICES-DTYPE-NONE-IS-INT",
        area="creation",
        title="indices(dimensions, dtype=None) returns the default integer dtype",
        numpy="np.indices' default is dtype=int; passed dtype=None explicitly, its dense result is float64 "
              "(np.empty(..., dtype=None)), its sparse one int64",
        jax="returns the default integer dtype (int32 with x64 off, int64 with x64 on) for dtype=None, dense "
            "or sparse",
        why="jnp.indices reads None as its default, an integer dtype",
        source=_DOCS.format("indices") + " (dtype: the dtype of the indices (defaults to integer)); "
               "observed by this suite, undocumented upstream",
        condition="indices with dtype=None passed and sparse=False",
        kinds=("dtype",),
        trigger=_dense_indices_of_none,
        outputs=_default_int,
    ),
    KnownDivergence(
        id="CREATE-FROMITER-NOT-IMPLEMENTED",
        area="creation",
        title="fromiter is not implemented",
        numpy="reads the iterable into an array of the dtype (ValueError where count asks for more items "
              "than it holds)",
        jax="raises NotImplementedError: jnp.fromiter() is not implemented because it may be non-pure; "
            "consider np.fromiter() instead",
        why="an iterator's items are side effects that tracing would run once, so jnp.fromiter points to "
            "NumPy's",
        source=_DOCS.format("fromiter") + " (left deliberately unimplemented because it may be non-pure)",
        condition="any call of fromiter",
        kinds=("error-parity", "error-kind"),
        trigger=_from_iterable,
        outputs=raises("NotImplementedError", r"jnp.fromiter\(\) is not implemented"),
    ),
)

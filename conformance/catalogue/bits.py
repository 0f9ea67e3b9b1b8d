"""Known divergences of the bits rows (`conformance/registry/bits.py`): packbits' and unpackbits' axis
and count rules, and ldexp's subnormals (JAX computes x1 * 2**x2 from frexp's mantissa and exponent,
under the CPU's flush-to-zero)."""

from __future__ import annotations

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.manipulation import option
from conformance.catalogue.models import flush_subnormals, map_values, raises
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.strategies import BFLOAT16, kind_of

_LAX_NUMPY = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/lax_numpy.py"
_UFUNCS = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/ufuncs.py"


def _packbits_axis_refused(example: Example) -> bool:
    """An axis NumPy refuses as out of range, or any axis of a 0-d array of a dtype NumPy packs (as a
    1-d one; unpackbits' count checked or not)."""
    if "packs-bits" not in example.case.tags or option(example, "axis") is None:
        return False
    error = example.numpy.error
    if np.ndim(example.args[0]) == 0:  # whatever NumPy says of count, but its dtype refusal
        return error is None or "Expected an input array" not in error.message
    return error is not None and "out of bounds for array of dimension" in error.message


def _count_beyond_the_bits(example: Example) -> bool:
    error = example.numpy.error
    return ("unpacks-bits" in example.case.tags and error is not None
            and "-count larger than number of elements" in error.message)


def _padding_of_nothing(example: Example) -> bool:
    """unpackbits of an empty array with a positive count, where NumPy returns."""
    count = option(example, "count") if "unpacks-bits" in example.case.tags else None
    return (count is not None and count > 0 and np.size(example.args[0]) == 0
            and not example.numpy.raised)


def _zeros_padded(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's shape and dtype, every element the zero its docs promise for the padding."""
    return map_values(outcome, lambda v: Value(np.zeros_like(v.array)))


def _count_zero(example: Example) -> tuple:
    index = example.case.arg_names.index("count")
    return (*example.args[:index], 0, *example.args[index + 1:])


def subnormal_mask(a: np.ndarray) -> np.ndarray:
    """Where a float32, float64 or bfloat16 array holds a subnormal (as XLA's CPU flushes them: float16
    computes in float32, where its subnormals are normal)."""
    a = np.asarray(a)
    if a.dtype.name not in ("float32", "float64", "bfloat16"):
        return np.zeros(a.shape, bool)
    tiny = float(np.finfo(np.float64 if a.dtype == np.float64 else np.float32).tiny)
    wide = a.astype(np.float64)
    return (wide != 0) & (np.abs(wide) < tiny)


def _ldexp_meets_subnormals(example: Example) -> bool:
    if "ldexp" not in example.case.tags or example.numpy.raised:
        return False
    return bool(subnormal_mask(example.args[0]).any()) or any(
        subnormal_mask(v.array).any() for v in example.numpy.values)


def _ldexp_as_jax(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's result flushed (a subnormal result is a zero of its sign), except where x1 is subnormal:
    there x1 itself, in the result's dtype."""
    x1 = np.asarray(example.args[0])
    kept = subnormal_mask(x1)

    def model(v: Value) -> Value:
        flushed = flush_subnormals(v.array)
        return Value(np.where(np.broadcast_to(kept, v.shape), x1.astype(v.dtype), flushed).astype(v.dtype))

    return map_values(outcome, model)


def _ldexp_operands(example: Example) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """x1 (a float array), x2 broadcast with it, and where jax 0.12's ldexp gives a zero of x1's sign:
    x1 subnormal, or its exact exponent plus x2 below the smallest normal's (x1 nonzero and finite)."""
    if "ldexp" not in example.case.tags or example.numpy.raised or len(example.args) != 2:
        return None
    result = example.numpy.values[0].dtype  # x1's float dtype (an integer x1's float)
    x1, x2 = np.asarray(example.args[0]), np.asarray(example.args[1][0])
    if kind_of(result) != "f":
        return None
    try:
        x1, x2 = np.broadcast_arrays(x1.astype(result), x2)
    except ValueError:
        return None
    wide = x1.astype(np.float64)
    info = np.finfo(np.float32 if result == BFLOAT16 else result)
    finite = np.isfinite(wide) & (wide != 0)
    exponent = np.frexp(np.where(finite, wide, 1.0))[1].astype(np.int64) + x2.astype(np.int64)
    # |m * 2**e| with 0.5 <= |m| < 1 is below 2**minexp exactly where e <= minexp
    zero = finite & ((np.abs(wide) < float(info.tiny)) | (exponent <= info.minexp))
    return x1, x2, zero


def _ldexp_flushes(example: Example) -> bool:
    operands = _ldexp_operands(example)
    return operands is not None and bool(operands[2].any())


def _ldexp_flushed(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's result, with a zero of x1's sign where `_ldexp_operands` says so."""
    x1, _, zero = _ldexp_operands(example)

    def model(v: Value) -> Value:
        signed_zero = np.copysign(0.0, x1.astype(np.float64)).astype(v.dtype)
        return Value(np.where(zero, signed_zero, v.array).astype(v.dtype))

    return map_values(outcome, model)


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="BITS-UNPACKBITS-PADDING-OF-EMPTY-ZEROS",
        area="bits",
        title="unpackbits of an empty array with count > 0 pads with zeros, NumPy with uninitialized bytes",
        numpy="returns count bytes per slice that it never writes (uninitialized memory: unpackbits(uint8 "
              "(0, 0), count=3) gave [62, 37, 116], then [12, 229, 140]), though its docs say the padding "
              "is zeros",
        jax="pads with zeros, as NumPy's docs say: [0, 0, 0]",
        why="NumPy's unpackbits allocates the result and copies the unpacked bits only; with no input "
            "byte it leaves the padding unwritten",
        source="https://numpy.org/doc/stable/reference/generated/numpy.unpackbits.html (count: \"pad "
               "the output with zeros\"); NumPy's side observed by this suite",
        condition="unpackbits of an empty array with a positive count, where NumPy returns",
        kinds=("values",),
        trigger=_padding_of_nothing,
        outputs=_zeros_padded,
    ),
    KnownDivergence(
        id="BITS-PACKBITS-AXIS-INDEXERROR",
        area="bits",
        title="packbits and unpackbits raise IndexError for an axis out of range, and for any axis of a "
              "0-d array",
        numpy="raises numpy.exceptions.AxisError (a ValueError and an IndexError) for an axis out of "
              "range; packs or unpacks a 0-d array as a 1-d one with axis 0 or -1",
        jax="raises IndexError (index ... is out of bounds for axis 0 with size ...): `except ValueError` "
            "does not catch it",
        why="jnp.packbits and jnp.unpackbits read the axis's length from the shape tuple (a.shape[axis]) "
            "before any check of the axis",
        source="observed by this suite, undocumented upstream (" + _LAX_NUMPY + ": packbits, unpackbits)",
        condition="packbits or unpackbits with an axis outside -ndim..ndim-1, or an axis of a 0-d array "
                  "(before unpackbits' count is checked)",
        kinds=("error-kind", "error-parity"),
        trigger=_packbits_axis_refused,
        outputs=raises("IndexError", r"out of bounds for axis 0 with size"),
    ),
    KnownDivergence(
        id="BITS-UNPACKBITS-NEGATIVE-COUNT-BEYOND-THE-BITS",
        area="bits",
        title="unpackbits with a negative count beyond the number of bits returns no bits",
        numpy="raises ValueError: -count larger than number of elements",
        jax="returns an empty axis, as count=0 does (the bits sliced [:count])",
        why="jnp.unpackbits slices the unpacked bits with count, which Python's slicing clips",
        source="observed by this suite, undocumented upstream (" + _LAX_NUMPY + ": unpackbits)",
        condition="unpackbits with count below minus the number of bits along the axis",
        kinds=("error-parity",),
        trigger=_count_beyond_the_bits,
        inputs=_count_zero,
    ),
    KnownDivergence(
        id="BITS-LDEXP-SUBNORMAL-X1-RETURNED",
        area="bits",
        title="ldexp returns a subnormal x1 as it is, and flushes subnormal results",
        numpy="scales x1 by 2**x2 with gradual underflow: ldexp(1e-40, 10) is 1.02e-37, ldexp(1, -140) "
              "is 7.2e-43",
        jax="where x1 is a float32, float64 or bfloat16 subnormal, returns x1 unchanged (ldexp(1e-40, 10) "
            "is 1e-40); a subnormal result is a zero of its sign (ldexp(1, -140) is 0)",
        why="jnp.ldexp returns where(isinf(x1) | (x1 == 0), x1, m * 2**e): x1 == 0 holds for a "
            "subnormal under the CPU's denormals-are-zero mode, and the select keeps x1's bits; m * "
            "2**e is flushed to zero (FTZ)",
        source="observed by this suite, undocumented upstream (" + _UFUNCS + ": ldexp); flushing: "
               "https://github.com/jax-ml/jax/issues/16200",
        condition="ldexp where x1 holds a float32, float64 or bfloat16 subnormal, or NumPy's result holds "
                  "one",
        kinds=("values",),
        trigger=_ldexp_meets_subnormals,
        outputs=_ldexp_as_jax,
        # jax 0.12 flushes a subnormal x1 too (BITS-LDEXP-SUBNORMAL-FLUSHED)
        jax_versions="<0.12",
    ),
    KnownDivergence(
        id="BITS-LDEXP-SUBNORMAL-FLUSHED",
        area="bits",
        title="ldexp reads a subnormal x1 as zero and writes a result below the smallest normal as zero",
        numpy="scales x1 by 2**x2 with gradual underflow: ldexp(1e-40, 10) is 1.02e-37, ldexp(1, -140) "
              "is 7.2e-43",
        jax="works on the bits of x1 in its own dtype (float16 too): a subnormal x1 gives a zero of its "
            "sign (ldexp(1e-40, 10) is 0), and so does a result whose exponent falls below the smallest "
            "normal's (ldexp(1, -140) is 0, ldexp(1.5, -127) is 0 where NumPy rounds to 2**-126 or a "
            "subnormal); NumPy's value elsewhere (overflow to inf included)",
        why="jax 0.12's ldexp is bit-exact for normal numbers: it flushes subnormal inputs at entry and "
            "maps an exponent <= 0 to a signed zero ('Under FTZ semantics')",
        source="observed by this suite, undocumented upstream (" + _UFUNCS + ": _ldexp_impl, jax "
               "0.12.0.1)",
        condition="ldexp where x1 holds a subnormal of its float dtype, or the exact result is below "
                  "the dtype's smallest normal and not zero",
        kinds=("values",),
        trigger=_ldexp_flushes,
        outputs=_ldexp_flushed,
        jax_versions=">=0.12",
    ),
)

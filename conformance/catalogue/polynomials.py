"""Known divergences of the polynomial and window rows (`conformance/registry/polynomials.py`): the
inexact dtype jnp computes in, subnormals flushed inside the arithmetic, polyadd's and polysub's empty
operand and bools, polydiv's whole remainder, signed zero divisor and empty dividend, interp's repeated
last point, ties modulo the period, empty xp and zero period, roots under jit, LAPACK's half
precisions, polyfit's integer x and zero column, unwrap's axis, negative window lengths."""

from __future__ import annotations

from dataclasses import replace

import ml_dtypes
import numpy as np

from conformance.cases.matmul import underflow_unit
from conformance.catalogue import KnownDivergence
from conformance.catalogue.dtypes import jax_inexact_dtype
from conformance.catalogue.manipulation import option
from conformance.catalogue.models import (
    canonical_dtype,
    finfo_refusal,
    flush_subnormals,
    flushes,
    half_precision_linalg_refusal,
    has_subnormal,
    raises,
)
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.runner import canonicalized
from conformance.strategies import BFLOAT16, kind_of

_POLYNOMIAL = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/polynomial.py"
_WINDOWS = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/window_functions.py"
_FTZ = "https://github.com/jax-ml/jax/issues/16200 (working as intended)"
_COMPLEX = {"float16": np.complex64, "bfloat16": np.complex64, "float32": np.complex64,
            "float64": np.complex128}


def _tagged(example: Example, tag: str) -> bool:
    return tag in example.case.tags


def _arrays(example: Example) -> list[np.ndarray]:
    count = 2 if _tagged(example, "second-own-length") or _tagged(example, "polyfit") else 1
    count = 3 if _tagged(example, "interp") else count
    return [np.asarray(a) for a in example.args[:count]]


def _returns(example: Example) -> bool:
    return _tagged(example, "polynomial") and not example.numpy.raised


def jax_dtype(example: Example) -> np.dtype:
    """The dtype jnp computes an inexact-result row in: promote_dtypes_inexact of the arrays (bool and
    integers: float32, or float64 for 64-bit integers (polyint: and bool) with x64 on; with x64 off,
    64-bit floats as 32-bit
    ones); for roots, its complex counterpart."""
    dtype = _arrays(example)[-1 if _tagged(example, "interp") else 0].dtype  # interp: fp's (x is real)
    # polyint promotes p with k, a Python scalar (weak): bool with any k, and integers with a float k,
    # give the default float
    if _tagged(example, "polyint") and kind_of(dtype) in "biu" and (
            kind_of(dtype) == "b" or isinstance(option(example, "k"), float)):
        dtype = np.dtype(np.float64 if example.env.x64 else np.float32)
    elif kind_of(dtype) in "biu":
        dtype = jax_inexact_dtype(dtype, x64=example.env.x64)
    elif not example.env.x64:
        dtype = canonical_dtype(dtype)
    if _tagged(example, "polyfit") and _weights(example) is not None:  # lhs *= w: promoted with w's
        dtype = np.promote_types(dtype, _weights(example).dtype)
    if _tagged(example, "roots") and kind_of(dtype) != "c":
        dtype = np.dtype(_COMPLEX[np.dtype(dtype).name])
    return np.dtype(dtype)


def _weights(example: Example) -> np.ndarray | None:
    return example.args[example.case.arg_names.index("w")]


def _tiny(dtype: np.dtype) -> float:
    return float(ml_dtypes.finfo(dtype).tiny)


def _near_underflow(a: np.ndarray) -> bool:
    """A subnormal, or a value within a factor 1024 of the smallest normal (a few products with the
    moderate values, down to 1/4, make it subnormal)."""
    return has_subnormal(a) or has_subnormal(np.asarray(a) / 1024)


def flushes_in_the_arithmetic(example: Example) -> bool:
    """Float or complex inputs holding a value near the underflow (or such a NumPy result), compiled."""
    if not _returns(example) or not flushes(example):
        return False
    arrays = _arrays(example)
    if any(kind_of(a.dtype) not in "fc" for a in arrays):
        return False
    return (any(_near_underflow(a) for a in arrays)
            or any(_near_underflow(v.array) for v in example.numpy.values))


def as_jax(example: Example, dtype: np.dtype | None = None) -> Outcome:
    """The row's bounded reference as JAX computes it: in `dtype` (default: NumPy's, at 32 bits with x64
    off), on flushed inputs with the smallest normal allowed per step where JAX flushes; canonicalized
    as the row compares it (roots' monic polynomial, polyfit's fitted values); polymul's with jnp's
    leading zeros (POLY-MUL-KEEPS-LEADING-ZEROS: a flushed leading coefficient is one too)."""
    count = len(_arrays(example))
    arrays = list(example.args[:count])
    own = example.numpy.values[0].array
    if dtype is None:
        dtype = own.dtype if example.env.x64 else canonical_dtype(own.dtype)
    dtype = np.dtype(dtype)
    underflow = 0.0
    if flushes_in_the_arithmetic(example):
        arrays = [flush_subnormals(np.asarray(a)) for a in arrays]
        inexact = [np.asarray(a).dtype for a in arrays if kind_of(np.asarray(a).dtype) in "fc"]
        underflow = max(_tiny(dtype.type(0).real.dtype if kind_of(dtype) == "c" else dtype),
                        *(_tiny(np.zeros(0, d).real.dtype) for d in inexact))
    # polydiv: jnp's whole remainder, the divisor's zeros as they are (no `+ 0.0`); interp: points
    # equal modulo the period in their order (a stable sort)
    divided = ({"whole": True, "signed_zeros": True} if _tagged(example, "polydiv")
               else {"stable": True} if _tagged(example, "interp") else {})
    result = example.case.numpy_reference(*arrays, *example.args[count:], underflow=underflow,
                                          result_dtype=dtype, **divided)
    if isinstance(result, tuple):
        return Outcome(result, is_sequence=True)
    value = result if isinstance(result, Value) else Value(np.asarray(result))
    outcome = Outcome((value,))
    if _tagged(example, "polymul") and value.shape[0] < _product_length(example):  # jnp keeps leading zeros
        outcome = _leading_zeros_kept(example, outcome)
    return canonicalized(example.case, example.args, outcome)


def _dtype_differs(example: Example) -> bool:
    if not (_returns(example) and _tagged(example, "inexact-result")) or _integer_sample_points(example):
        return False
    own = example.numpy.values[0].dtype
    return jax_dtype(example) != (own if example.env.x64 else canonical_dtype(own))


def _one_empty(example: Example) -> bool:
    sizes = [a.size for a in _arrays(example)]
    return ((_tagged(example, "polyadd") or _tagged(example, "polysub")) and sizes.count(0) == 1
            and not example.numpy.raised)


def _added_bools(example: Example) -> bool:
    return (_tagged(example, "polyadd") and all(a.size for a in _arrays(example))
            and kind_of(_arrays(example)[0].dtype) == "b" and not example.numpy.raised)


def _product_length(example: Example) -> int:
    """jnp.polymul's length: an empty operand counts as [0]."""
    return sum(max(a.size, 1) for a in _arrays(example)) - 1


def _leading_zeros_stripped(example: Example) -> bool:
    return (_returns(example) and _tagged(example, "polymul")
            and example.numpy.values[0].shape[0] < _product_length(example))


def _leading_zeros_kept(example: Example, outcome: Outcome) -> Outcome:
    """The outcome padded at the front with zeros to jnp's length."""
    value = outcome.values[0]
    pad = _product_length(example) - value.shape[0]
    atol = value.atol if value.atol is not None else np.zeros(value.shape)
    nonfinite = None if value.nonfinite is None else np.concatenate([np.zeros(pad, bool), value.nonfinite])
    # sums of products with a zero: zeros whose sign the order of the terms decides (a smallest-subnormal
    # slack, as every bounded position has: the sign of such a zero is not compared)
    slack = underflow_unit(value.dtype) if kind_of(value.dtype) in "fc" else 0.0
    return Outcome((Value(np.concatenate([np.zeros(pad, value.dtype), value.array]),
                          atol=np.concatenate([np.full(pad, slack), atol]), nonfinite=nonfinite),))


def _remainder_trimmed(example: Example) -> bool:
    """polydiv where NumPy's remainder is shorter than len(u) (it strips leading near-zeros)."""
    return (_returns(example) and _tagged(example, "polydiv")
            and example.numpy.values[1].shape[0] < _arrays(example)[0].shape[0])


def _negative_zero(a: np.ndarray) -> np.ndarray:
    """Where a float or complex array holds a zero with its sign bit set (a part of it, complex)."""
    parts = (a.real, a.imag) if kind_of(a.dtype) == "c" else (a,)
    return np.logical_or.reduce([(p == 0) & np.signbit(p) for p in parts])


def _signed_zeros_kept(example: Example) -> bool:
    """polydiv where a -0.0 shows: v[0] with at least one step (1 / v[0]), or any of u where there is
    no step (the remainder is u as it is)."""
    if not (_returns(example) and _tagged(example, "polydiv")):
        return False
    u, v = _arrays(example)
    if kind_of(v.dtype) not in "fc":
        return False
    if u.shape[0] >= v.shape[0]:
        return bool(_negative_zero(v[:1]).any())
    return bool(_negative_zero(u).any())


def _empty_dividend(example: Example) -> bool:
    if not _tagged(example, "polydiv"):
        return False
    u, v = _arrays(example)
    return u.shape[0] == 0 and v.shape[0] > 0 and example.numpy.raised


def _interp_option(example: Example, keyword: str):
    return example.args[example.case.arg_names.index(keyword)]


def _repeated_last_point(example: Example) -> bool:
    """interp without a period, xp's last two points equal, some x equal to the last or NaN."""
    if not (_tagged(example, "interp") and _returns(example)) or \
            _interp_option(example, "period") is not None:
        return False
    x, xp, _ = _arrays(example)
    return xp.shape[0] >= 2 and xp[-1] == xp[-2] and bool(np.any((x == xp[-1]) | np.isnan(x)))


def _previous_point(example: Example, outcome: Outcome) -> Outcome:
    """jnp's result: the bounded one (as_jax), with fp[-2] where x is xp[-1] or NaN (exactly)."""
    outcome = as_jax(example, jax_dtype(example))
    value = outcome.values[0]
    x, xp, fp = _arrays(example)
    at = np.broadcast_to((x == xp[-1]) | np.isnan(x), value.shape)
    array = np.where(at, np.asarray(fp[-2]).astype(value.dtype), value.array)
    return Outcome((replace(value, array=array, atol=np.where(at, 0.0, value.atol)),))


def _period_ties_reordered(example: Example) -> bool:
    """interp with a period where the points' stable order gives another result than NumPy's (points
    equal modulo the period that argsort reorders, an x on them)."""
    if not (_tagged(example, "interp") and _returns(example)) or _interp_option(example, "period") is None:
        return False
    stable = example.case.numpy_reference(*example.args, stable=True).array
    own = example.case.numpy_reference(*example.args).array
    return not np.array_equal(stable, own, equal_nan=True)


def _interp_without_points(example: Example) -> bool:
    """interp of an empty xp, where NumPy raises, or (numpy >= 2.5) returns the empty result of an empty
    x."""
    if not _tagged(example, "interp") or _arrays(example)[1].shape[0] != 0:
        return False
    return example.numpy.raised or _arrays(example)[0].size == 0


def _gather_out_of_range(example: Example, outcome: Outcome) -> Outcome:
    """jnp.interp of an empty xp: its gather of fp[i] (i of x's shape) out of the empty array, a slice
    of size 1 (TypeError); where x is 0-d or empty, an indexing that checks the index first
    (IndexError: fp[0] for left or right None, xp[0] without a period); an empty x with left, right
    and a period all given reads none of them: the empty result."""
    x = _arrays(example)[0]
    if x.size == 0 and all(_interp_option(example, k) is not None for k in ("left", "right", "period")):
        return Outcome((Value(np.zeros(x.shape, jax_dtype(example))),))
    if x.ndim == 0 or x.size == 0:
        return raises("IndexError", r"index is out of bounds for axis 0 with size 0")(example, outcome)
    return raises("TypeError", r"Slice size at index 0 in gather op is out of range")(example, outcome)


def _zero_period(example: Example) -> bool:
    return (_tagged(example, "interp") and _interp_option(example, "period") == 0
            and _arrays(example)[1].shape[0] > 0 and example.numpy.raised)


def _all_nan(example: Example, outcome: Outcome) -> Outcome:
    """NaN of x's shape in jnp's dtype (complex: NaN in both parts)."""
    dtype = jax_dtype(example)
    nan = np.full(np.shape(_arrays(example)[0]), np.nan, dtype)
    return Outcome((Value(nan + 1j * nan if kind_of(dtype) == "c" else nan),))


def _zero_quotient(example: Example, outcome: Outcome) -> Outcome:
    """jnp.polydiv of an empty u: the quotient [0.] and the empty remainder, in jnp's dtype."""
    dtype = jax_dtype(example)
    return Outcome((Value(np.zeros(1, dtype)), Value(np.zeros(0, dtype))), is_sequence=True)


def _half_precision_lapack(example: Example) -> bool:
    dtype = _arrays(example)[0].dtype
    return (_tagged(example, "lapack") and dtype in (np.dtype(np.float16), BFLOAT16)
            and not (_tagged(example, "roots") and _arrays(example)[0].size < 2)
            and not (_tagged(example, "polyfit") and _weights(example) is not None)
            and not (_tagged(example, "roots") and example.mode == "jit"))  # concretization comes first


def _weighted_float16_fit(example: Example) -> bool:
    return (_tagged(example, "polyfit") and _weights(example) is not None and example.numpy.raised
            and not _zero_column(example)
            and _arrays(example)[0].dtype == np.float16 and example.numpy.error.kind() == "TypeError")


def _fitted_in_float32(example: Example, outcome: Outcome) -> Outcome:
    """The fit of the values in float32 (float16 values are exact in it), bounded in float32."""
    args = (*(a.astype(np.float32) for a in _arrays(example)), *example.args[2:])
    value = example.case.numpy_reference(*args, result_dtype=np.dtype(np.float32))
    return canonicalized(example.case, args, Outcome((value,)))


def _zero_column(example: Example) -> bool:
    """polyfit of float points all zero (one point: the strategy's x is [0]) with deg >= 1: a column of
    the Vandermonde matrix is zero, its scale 0 (not where JAX refuses the dtype first)."""
    x = _arrays(example)[0]
    return (_tagged(example, "polyfit") and kind_of(x.dtype) in "fc" and x.size > 0 and not x.any()
            and option_deg(example) >= 1 and not _half_precision_lapack(example))


def _all_nan_fit(example: Example, outcome: Outcome) -> Outcome:
    """deg + 1 NaN coefficients of jnp's dtype, as the row compares them (their fitted values: NaN)."""
    nan = np.full(option_deg(example) + 1, np.nan, dtype=jax_dtype(example))
    return canonicalized(example.case, example.args, Outcome((Value(nan),)))


def _integer_sample_points(example: Example) -> bool:
    return (_tagged(example, "polyfit") and kind_of(_arrays(example)[0].dtype) in "biu"
            and _arrays(example)[0].size > 0 and option_deg(example) >= 0)


def _polyval_of_bools(example: Example) -> bool:
    """polyval of bool coefficients at bool points (both: promote_dtypes keeps bool), p of two or more
    coefficients (jnp returns zeros for an empty p before lax.polynomial, which returns a lone
    coefficient as it is, measured), where NumPy returns."""
    if not _tagged(example, "polyval") or example.numpy.raised:
        return False
    p, x = (np.asarray(a) for a in example.args[:2])
    return p.dtype == bool and x.dtype == bool and p.shape[0] > 1


def option_deg(example: Example) -> int:
    return example.args[example.case.arg_names.index("deg")]


def _unwrap_axis_out_of_range(example: Example) -> bool:
    if not _tagged(example, "unwrap"):
        return False
    ndim, axis = np.ndim(example.args[0]), example.args[example.case.arg_names.index("axis")]
    return not -ndim <= axis < ndim and example.numpy.raised


def _unwrap_empty_axis_refused_by_numpy(example: Example) -> bool:
    if not _tagged(example, "unwrap") or not example.numpy.raised:
        return False
    p, axis = np.asarray(example.args[0]), example.args[example.case.arg_names.index("axis")]
    return -p.ndim <= axis < p.ndim and p.shape[axis] == 0


def _negative_window(example: Example) -> bool:
    return _tagged(example, "window") and example.args[0] < 0


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="POLY-FLUSH-SUBNORMALS",
        area="polynomials",
        title="Polynomial arithmetic flushes subnormal inputs and partial results",
        numpy="multiplies and adds with IEEE gradual underflow",
        jax="reads subnormal coefficients and points as zero and flushes subnormal products and partial "
            "sums (FTZ/DAZ): each step may be off by the smallest normal number (carried through the later "
            "products); roots strips a subnormal leading coefficient as a zero",
        why="XLA sets the CPU's flush-to-zero and denormals-are-zero modes for speed; GPUs flush too",
        source=_FTZ,
        condition="a polynomial row of float or complex arrays holding a value within a factor 1024 of the "
                  "smallest normal (or such a NumPy result), compiled (eager or jit)",
        # roots: a flushed leading coefficient is a leading zero, stripped (a shorter result); in jnp's
        # dtype (POLY-INEXACT-RESULT-DTYPE's rule, which would not chain: both models recompute)
        kinds=("shape", "values"),
        trigger=flushes_in_the_arithmetic,
        outputs=lambda example, outcome: as_jax(
            example, jax_dtype(example) if _tagged(example, "inexact-result") else None),
    ),
    KnownDivergence(
        id="POLY-INEXACT-RESULT-DTYPE",
        area="polynomials",
        title="polymul, polydiv, polyder, polyint, poly, roots, polyfit and interp compute in the inputs' "
              "inexact dtype",
        numpy="keeps integers (polymul of int8 is int8, wrapping; of bool, bool; polyder of int8 is int64 "
              "and of float32 float64, with NumPy's int64 factors), or computes in float64 (polyint, poly "
              "and polyfit of integers, float16 and float32; roots of integers; polydiv of bool and "
              "integers, its `u + 0.0`; interp always, complex128 for complex fp); roots are real where "
              "all are",
        jax="promotes the inputs to inexact first (bool and integers: float32, float64 for 64-bit integers "
            "(polyint: and bool) with x64 on) and computes in that dtype (float16, bfloat16, float32 "
            "kept; interp: x, xp and fp promoted together); roots are always "
            "complex (complex64 for float32 and narrower, complex128 for float64)",
        why="jnp's polynomial functions call promote_dtypes_inexact; jnp.roots' docstring: \"Unlike np.roots "
            "of this function, the jnp.roots returns the roots in a complex array regardless of the values "
            "of the roots\"",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.roots.html; "
               "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.polymul.html, "
               "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.polydiv.html (\"The dtype of "
               "the output is always promoted to inexact\"); " + _POLYNOMIAL
               + " (promote_dtypes_inexact)",
        condition="polymul, polydiv, polyder, polyint, poly, roots, polyfit or interp where that dtype is "
                  "not NumPy's (with x64 off, not its 32-bit counterpart), where NumPy returns",
        kinds=("dtype", "values"),
        trigger=_dtype_differs,
        outputs=lambda example, outcome: as_jax(example, jax_dtype(example)),
    ),
    KnownDivergence(
        id="POLY-MUL-KEEPS-LEADING-ZEROS",
        area="polynomials",
        title="polymul keeps the operands' leading zeros",
        numpy="strips each operand's leading zeros first (poly1d): polymul([0, 1], [1, 1]) is [1, 1]",
        jax="convolves the operands as they are: [0, 1, 1] (len(a1) + len(a2) - 1 coefficients, an empty "
            "operand counted as [0]), the leading ones exact zeros",
        why="jnp.polymul's trim_leading_zeros defaults to False (True needs concrete values: not "
            "jit-compatible)",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.polymul.html (trim_leading_zeros)",
        condition="polymul whose NumPy result is shorter than len(a1) + len(a2) - 1 (an operand with a "
                  "leading zero)",
        kinds=("shape",),
        trigger=_leading_zeros_stripped,
        # in jnp's dtype too (POLY-INEXACT-RESULT-DTYPE's rule: its model recomputes the product, so
        # the two would not chain)
        outputs=lambda example, outcome: as_jax(example, jax_dtype(example)),  # padded there
    ),
    KnownDivergence(
        id="POLY-DIV-KEEPS-REMAINDER-LENGTH",
        area="polynomials",
        title="polydiv returns the whole remainder, len(u) coefficients",
        numpy="strips the remainder's leading coefficients while they are allclose to 0 (|r[0]| <= 1e-8: "
              "the zeros the division leaves, and a true remainder's tiny leading ones): "
              "polydiv([5, 7, 9], [4, 1]) is ([1.25, 1.4375], [7.5625])",
        jax="keeps len(u) coefficients: [0, 0, 7.5625], the first len(u) - len(v) + 1 the rounding "
            "residues of the division's cancellations (near zero, not always exactly zero)",
        why="jnp.polydiv's trim_leading_zeros defaults to False (True needs concrete values: not "
            "jit-compatible; its cutoff is sqrt(eps), not NumPy's)",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.polydiv.html (trim_leading_zeros; "
               "its example shows [0., 0., 7.5625])",
        condition="polydiv where NumPy's remainder is shorter than len(u)",
        kinds=("shape",),
        trigger=_remainder_trimmed,
        # in jnp's dtype, with its signed zeros (the other polydiv rules: as_jax applies them all)
        outputs=lambda example, outcome: as_jax(example, jax_dtype(example)),
    ),
    KnownDivergence(
        id="POLY-DIV-KEEPS-SIGNED-ZEROS",
        area="polynomials",
        title="polydiv keeps the sign of -0.0: a v[0] of -0.0 gives infinities of the other sign",
        numpy="adds 0.0 to u and v first (u + 0.0: -0.0 becomes +0.0), so 1 / v[0] is +inf: "
              "polydiv([1, 2], [-0.0, 1]) is ([inf], [nan, -inf]); polydiv([-0.0], [1, 2]) is ([0.], [0.])",
        jax="divides the values as they are: 1 / v[0] is -inf, the quotient's and remainder's infinities "
            "of the other sign ([-inf], [nan, inf]); with len(u) < len(v) the remainder is u, its -0.0 "
            "kept ([0.], [-0.])",
        why="np.polydiv's `atleast_1d(v) + 0.0` (its float conversion) drops the sign of a zero; "
            "jnp.polydiv promotes with promote_dtypes_inexact, which keeps it",
        source="observed by this suite, undocumented upstream (" + _POLYNOMIAL + ": polydiv)",
        condition="polydiv with len(u) >= len(v) and v[0] a zero with its sign bit set (a part of it, "
                  "complex), or len(u) < len(v) and such a zero in u",
        kinds=("values",),
        trigger=_signed_zeros_kept,
        outputs=lambda example, outcome: as_jax(example, jax_dtype(example)),
    ),
    KnownDivergence(
        id="POLY-DIV-EMPTY-DIVIDEND",
        area="polynomials",
        title="polydiv of an empty u returns ([0.], [])",
        numpy="raises IndexError: index 0 is out of bounds for axis 0 with size 0 (its remainder "
              "trimming reads r[0])",
        jax="returns the quotient [0.] and the empty remainder, in its inexact dtype",
        why="jnp.polydiv's quotient has max(len(u) - len(v) + 1, 1) coefficients and its remainder is u, "
            "untrimmed (trim_leading_zeros=False)",
        source="observed by this suite, undocumented upstream (" + _POLYNOMIAL + ": polydiv)",
        condition="polydiv of an empty u by a non-empty v",
        kinds=("error-parity",),
        trigger=_empty_dividend,
        outputs=_zero_quotient,
    ),
    KnownDivergence(
        id="POLY-INTERP-REPEATED-LAST-POINT",
        area="polynomials",
        title="interp with xp's last two points equal returns fp[-2] at x = xp[-1] and for a NaN x",
        numpy="returns fp[-1] at x = xp[-1] (its search finds the last point) and NaN for a NaN x",
        jax="returns fp[-2]: searchsorted puts such an x past the last point, clipped to the last "
            "segment, whose width is zero, where jnp returns the segment's left value (its guard against "
            "NaN gradients, |dx| <= spacing(eps)); NaN does not compare greater than xp[-1], so `right` "
            "does not apply",
        why="jnp.interp: f = where(dx0, fp[i - 1], ...) with i = clip(searchsorted(xp, x, side='right'), "
            "1, len(xp) - 1)",
        source="observed by this suite, undocumented upstream (https://github.com/jax-ml/jax/blob/main/"
               "jax/_src/numpy/lax_numpy.py: _interp); NumPy's documentation asks for increasing xp "
               "(np.all(np.diff(xp) > 0)) without saying what repeated points give",
        condition="interp without a period, xp[-1] == xp[-2], some x equal to xp[-1] or NaN",
        kinds=("values",),
        trigger=_repeated_last_point,
        outputs=_previous_point,
    ),
    KnownDivergence(
        id="POLY-INTERP-PERIOD-TIES-IN-ORDER",
        area="polynomials",
        title="interp with a period: points equal modulo the period keep their order (a stable sort)",
        numpy="sorts xp % period with argsort (quicksort: the order of equal points unspecified; for "
              "[1, 0.5, 0, 0] it gives [3, 2, 1, 0]); at x on such a point it returns the fp of the "
              "point sorted last",
        jax="sorts with lax.sort_key_val, equal points in their order in xp: at x on them, the fp of "
            "the last of them in xp (interp(3, [1, 2, 3, 3], [3, 0, 0, 1], period=1.5) is 1.0, NumPy's "
            "0.0)",
        why="NumPy's documentation says xp is sorted after the normalization without saying how ties "
            "are ordered; jnp's sort is stable",
        source="observed by this suite, undocumented upstream (https://github.com/jax-ml/jax/blob/main/"
               "jax/_src/numpy/lax_numpy.py: _interp, lax.sort_key_val)",
        condition="interp with a period where NumPy's result differs from the same computation with a "
                  "stable sort",
        kinds=("values",),
        trigger=_period_ties_reordered,
        outputs=lambda example, outcome: as_jax(example, jax_dtype(example)),
    ),
    KnownDivergence(
        id="POLY-INTERP-EMPTY-XP-RAISES",
        area="polynomials",
        title="interp with an empty xp raises TypeError (IndexError for a 0-d or empty x, or returns)",
        numpy="raises ValueError: array of sample points is empty (period must be a non-zero value, for "
              "period 0); numpy 2.5 returns the empty result of an empty x",
        jax="raises TypeError: Slice size at index 0 in gather op is out of range (for a 0-d or empty x, "
            "IndexError: index is out of bounds for axis 0 with size 0); an empty x with left, right and "
            "a period given: returns the empty result",
        why="jnp.interp gathers fp[i] and xp[i] for the searched indices without checking xp's size",
        source="observed by this suite, undocumented upstream (https://github.com/jax-ml/jax/blob/main/"
               "jax/_src/numpy/lax_numpy.py: _interp)",
        condition="interp with xp and fp of length 0",
        kinds=("error-kind", "error-parity"),
        trigger=_interp_without_points,
        outputs=_gather_out_of_range,
    ),
    KnownDivergence(
        id="POLY-INTERP-ZERO-PERIOD-NAN",
        area="polynomials",
        title="interp with period=0 returns NaN",
        numpy="raises ValueError: period must be a non-zero value",
        jax="returns NaN for every x (x % 0 and xp % 0 are NaN), in its dtype",
        why="jnp.interp does not check the period (a traced value under jit)",
        source="observed by this suite, undocumented upstream (https://github.com/jax-ml/jax/blob/main/"
               "jax/_src/numpy/lax_numpy.py: _interp)",
        condition="interp with period 0 and xp not empty",
        kinds=("error-parity",),
        trigger=_zero_period,
        outputs=_all_nan,
    ),
    KnownDivergence(
        id="POLY-ADD-EMPTY-OPERAND-RAISES",
        area="polynomials",
        title="polyadd and polysub with one empty operand raise ValueError",
        numpy="returns the other operand (negated for polysub's second): polyadd([1, 2], []) is [1, 2]",
        jax="raises ValueError: Incompatible types for broadcasting (the longer operand's .at[-0:] slice "
            "is all of it, and the empty operand does not broadcast to it)",
        why="jnp.polyadd adds the shorter operand at a1.at[-a2.shape[0]:], which for length 0 is [0:]",
        source="observed by this suite, undocumented upstream (" + _POLYNOMIAL + ": polyadd, polysub)",
        condition="polyadd or polysub with exactly one operand of length 0",
        kinds=("error-parity", "error-kind"),
        trigger=_one_empty,
        outputs=raises("ValueError", r"Incompatible types for broadcasting"),
    ),
    KnownDivergence(
        id="POLY-ADD-REFUSES-BOOL",
        area="polynomials",
        title="polyadd refuses bool coefficients (both operands non-empty)",
        numpy="adds bools as logical or: polyadd([True, False], [True]) is [True, True]",
        jax="raises TypeError: add does not accept dtype bool",
        why="jnp.polyadd adds with .at[].add, a scatter-add that refuses bool",
        source="observed by this suite, undocumented upstream (" + _POLYNOMIAL + ": polyadd)",
        condition="polyadd of two non-empty bool arrays",
        kinds=("error-parity",),
        trigger=_added_bools,
        outputs=raises("TypeError", r"add does not accept dtype bool"),
    ),
    KnownDivergence(
        id="POLY-ROOTS-JIT-NEEDS-CONCRETE-COEFFICIENTS",
        area="polynomials",
        title="roots under jit raises (strip_zeros=True needs the number of leading zeros)",
        numpy="returns the roots",
        jax="raises ConcretizationTypeError: Abstract tracer value encountered where concrete value is "
            "expected (jnp.roots(p, strip_zeros=False) works under jit, NaN for the stripped roots)",
        why="the number of leading zeros decides the result's shape",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.roots.html (strip_zeros: \"must be "
               "set to False for the function to be compatible with jax.jit\")",
        condition="roots of at least two coefficients, under jit",
        kinds=("error-parity", "error-kind"),
        modes=("jit",),
        trigger=lambda example: _tagged(example, "roots") and _arrays(example)[0].size >= 2,
        outputs=raises("TypeError", r"Abstract tracer value encountered"),
    ),
    KnownDivergence(
        id="POLY-LAPACK-HALF-PRECISION-NOT-IMPLEMENTED",
        area="polynomials",
        title="roots and polyfit (unweighted) of float16 and bfloat16 raise NotImplementedError",
        numpy="refuses float16 with TypeError (array type float16 is unsupported in linalg); computes "
              "bfloat16 in float64",
        jax="raises NotImplementedError: Unsupported dtype float16 (bfloat16): its LAPACK kernels take "
            "float32 and float64 only",
        why="jnp.roots (eigvals) and jnp.polyfit (lstsq) keep the half-precision dtype for LAPACK",
        source="observed by this suite, undocumented upstream (" + _POLYNOMIAL + ": roots, polyfit)",
        condition="roots (of at least two coefficients) or polyfit without w of float16 or bfloat16 arrays",
        kinds=("error-parity", "error-kind"),
        trigger=_half_precision_lapack,
        outputs=half_precision_linalg_refusal,  # (jax 0.12: TypeError)
    ),
    KnownDivergence(
        id="POLY-POLYFIT-WEIGHTED-FLOAT16-FITS",
        area="polynomials",
        title="polyfit of float16 with float32 weights fits in float32",
        numpy="raises TypeError: array type float16 is unsupported in linalg",
        jax="multiplies the Vandermonde matrix and y by w first, which promotes them to float32: the "
            "float32 fit",
        why="jnp.polyfit weights lhs and rhs (lhs *= w) before lstsq; NumPy converts x to float64 but "
            "keeps float16 y, which its lstsq refuses",
        source="observed by this suite, undocumented upstream (" + _POLYNOMIAL + ": polyfit)",
        condition="polyfit of float16 x and y with float32 w, where NumPy raises TypeError",
        kinds=("error-parity",),
        trigger=_weighted_float16_fit,
        outputs=_fitted_in_float32,
    ),
    KnownDivergence(
        id="POLY-POLYFIT-ZERO-COLUMN-NAN",
        area="polynomials",
        title="polyfit with a zero column (x all zero, deg >= 1) returns NaN coefficients",
        numpy="divides the zero column by its zero norm (NaN), then raises LinAlgError: SVD did not "
              "converge in Linear Least Squares (TypeError first for float16)",
        jax="returns deg + 1 NaN coefficients (lstsq of a NaN matrix), in its dtype",
        why="both scale the Vandermonde matrix's columns by their norms; LAPACK's SVD of NaNs fails in "
            "NumPy, which checks its status, and gives NaN in jnp, which does not raise",
        source="observed by this suite, undocumented upstream (" + _POLYNOMIAL
               + ": polyfit, 'scale lhs to improve condition number')",
        condition="polyfit of float points all zero with deg >= 1 (a float16 or bfloat16 one weighted by "
                  "float32 w: JAX computes it in float32)",
        kinds=("error-parity",),
        trigger=_zero_column,
        outputs=_all_nan_fit,
    ),
    KnownDivergence(
        id="POLY-POLYFIT-REFUSES-INTEGER-X",
        area="polynomials",
        title="polyfit refuses bool and integer sample points",
        numpy="fits in float64 (x + 0.0)",
        jax="raises ValueError: data type <class 'numpy.int8'> not inexact (finfo of x's dtype, for rcond; "
            "numpy 2.5's finfo: data type dtype('int8') not compatible with finfo)",
        why="jnp.polyfit computes rcond from finfo(x.dtype) before promoting x",
        source="observed by this suite, undocumented upstream (" + _POLYNOMIAL + ": polyfit)",
        condition="polyfit of a bool or integer x, non-empty, deg >= 0",
        kinds=("error-parity", "error-kind"),
        trigger=_integer_sample_points,
        outputs=finfo_refusal,
    ),
    KnownDivergence(
        id="POLY-POLYVAL-OF-BOOLS-TYPEERROR",
        area="polynomials",
        title="polyval of bool coefficients at bool points raises TypeError (jax 0.12)",
        numpy="evaluates with bool arithmetic (p[0] * x + p[1] ...: and, or): a bool result",
        jax="raises TypeError: polynomial does not accept dtype bool at position 0 (jax 0.10 computed "
            "NumPy's bools)",
        why="jnp.polyval evaluates with lax.polynomial from jax 0.12 (Horner's rule with lax.fmuladd "
            "for floats), which accepts integer, floating and complex dtypes only",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.lax.polynomial.html; observed by this "
               "suite on jax 0.12.0.1, undocumented upstream (" + _POLYNOMIAL + ": polyval)",
        condition="polyval of a bool p of two or more coefficients at bool x, where NumPy returns (jax >= "
                  "0.12)",
        kinds=("error-parity",),
        trigger=_polyval_of_bools,
        outputs=raises("TypeError", r"polynomial does not accept dtype bool"),
        jax_versions=">=0.12",
    ),
    KnownDivergence(
        id="POLY-UNWRAP-AXIS-OUT-OF-RANGE-INDEXERROR",
        area="polynomials",
        title="unwrap with an axis out of range raises IndexError",
        numpy="raises AxisError (a ValueError and an IndexError): axis 2 is out of bounds for array of "
              "dimension 2",
        jax="raises IndexError: tuple index out of range",
        why="jnp.unwrap reads p.shape[axis] (its empty-axis shortcut) before anything checks the axis",
        source="observed by this suite, undocumented upstream (https://github.com/jax-ml/jax/blob/main/"
               "jax/_src/numpy/lax_numpy.py: unwrap)",
        condition="unwrap with an axis outside -ndim..ndim-1",
        kinds=("error-kind",),
        trigger=_unwrap_axis_out_of_range,
        outputs=raises("IndexError", r"tuple index out of range"),
    ),
    KnownDivergence(
        id="POLY-UNWRAP-EMPTY-AXIS-RETURNED",
        area="polynomials",
        title="unwrap along an empty axis returns p before any other check",
        numpy="computes, and raises where it must: OverflowError for an unsigned p with an integer period "
              "(Python integer -2 out of bounds for uint16: -period // 2)",
        jax="returns p as it is where p.shape[axis] is 0",
        why="jnp.unwrap's shortcut for an empty axis comes first",
        source="observed by this suite, undocumented upstream (https://github.com/jax-ml/jax/blob/main/"
               "jax/_src/numpy/lax_numpy.py: unwrap)",
        condition="unwrap along an axis of length 0 where NumPy raises",
        kinds=("error-parity",),
        trigger=_unwrap_empty_axis_refused_by_numpy,
        outputs=lambda example, outcome: Outcome((Value(np.asarray(example.args[0])),)),
    ),
    KnownDivergence(
        id="POLY-WINDOW-NEGATIVE-M-RAISES",
        area="polynomials",
        title="Window functions of a negative M raise TypeError",
        numpy="returns an empty float64 array (as for M = 0)",
        jax="raises TypeError: broadcast_in_dim shape must have every element be nonnegative",
        why="jnp's windows build arange(M) and broadcasts of shape (M,) without clamping M at 0",
        source="observed by this suite, undocumented upstream (" + _WINDOWS + ")",
        condition="bartlett, blackman, hamming, hanning or kaiser with M < 0",
        kinds=("error-parity",),
        trigger=_negative_window,
        outputs=raises("TypeError", r"must have every element be nonnegative"),
    ),
)

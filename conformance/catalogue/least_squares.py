"""Known divergences of lstsq and pinv (`conformance/registry/least_squares.py`): lstsq's residuals
(JAX returns them everywhere), its rank's dtype, its refusal of stacks, and both functions on matrices
holding NaN or an infinity (NumPy's SVD does not converge, JAX returns NaN). Half precision: solvers.py's
LINALG-HALF-PRECISION-NOT-IMPLEMENTED."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from conformance.catalogue import KnownDivergence, lapack
from conformance.catalogue.dtypes import jax_inexact_dtype
from conformance.catalogue.models import at_32_bits, canonical_dtype, raises
from conformance.example import Example
from conformance.least_squares_bounds import BoundedPinv, lstsq_parts
from conformance.outcome import Outcome, Value
from conformance.strategies import kind_of

_DOCS = "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.linalg."
_LINALG = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/linalg.py"


def _is(example: Example, tag: str) -> bool:
    return "least-squares" in example.case.tags and tag in example.case.tags


def _a(example: Example) -> np.ndarray:
    return np.asarray(example.args[0])


def _jax_dtype(example: Example) -> np.dtype:
    dtype = _a(example).dtype
    if kind_of(dtype) in "biu":
        return jax_inexact_dtype(dtype, x64=example.env.x64)
    return dtype if example.env.x64 else canonical_dtype(dtype)


def _rank_dtype(example: Example) -> np.dtype:
    return np.dtype(np.int64 if example.env.x64 else np.int32)


def _nonfinite(a: np.ndarray) -> np.ndarray:
    """Per matrix of the stack: whether it holds a NaN or an infinity."""
    return ~np.isfinite(np.asarray(a, np.complex128)).all(axis=(-2, -1))


# --- lstsq ---------------------------------------------------------------------------------------

def _empty_residuals(example: Example) -> bool:
    """lstsq where NumPy returns its residuals empty (rank < n or m <= n)."""
    return (_is(example, "lstsq") and not example.numpy.raised and len(example.numpy.values) == 4
            and example.numpy.values[1].array.size == 0 and _a(example).size > 0)


def _residuals_everywhere(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's outcome with the residuals ‖b - A·x‖² of every column, bounded as the solution's
    (conformance/least_squares_bounds.py), in the shape JAX gives them: (K,), or (1,) for a vector b."""
    a, b, rcond = example.args[:3]
    x = outcome.values[0]
    residuals = lstsq_parts(np.asarray(a), np.asarray(b), rcond, x.dtype)[1]
    return replace(outcome, values=(x, residuals, *outcome.values[2:]))


def _lstsq_returns(example: Example) -> bool:
    return _is(example, "lstsq") and not example.numpy.raised and len(example.numpy.values) == 4


def _rank_int64(example: Example, outcome: Outcome) -> Outcome:
    rank = outcome.values[2]
    return replace(outcome, values=(*outcome.values[:2], rank.astype(np.int64), *outcome.values[3:]))


def _stack_refused(example: Example) -> bool:
    error = example.numpy.error
    return (_is(example, "lstsq") and error is not None and error.type == "LinAlgError"
            and "-dimensional array given" in error.message)


def _nonfinite_refused(example: Example, tag: str) -> bool:
    error = example.numpy.error
    return (_is(example, tag) and error is not None and error.type == "LinAlgError"
            and "SVD did not converge" in error.message and bool(_nonfinite(_a(example)).any()))


def _lstsq_all_nan(example: Example, outcome: Outcome) -> Outcome:
    """The residuals and s all NaN (in JAX's dtype), the rank 0; x NaN or 0, element by element
    (x = V·(0·Uᴴb): zero, unless the NaN of XLA's SVD reaches U or V, measured both ways)."""
    a, b = _a(example), np.asarray(example.args[1])
    dtype = _jax_dtype(example)
    real = np.finfo(dtype).dtype
    n, k = a.shape[-1], (1 if b.ndim == 1 else b.shape[-1])
    x_shape = (n,) if b.ndim == 1 else (n, k)
    nan = np.nan + 1j * np.nan if kind_of(dtype) == "c" else np.nan
    rank = Value(np.asarray(0, _rank_dtype(example)))
    x = Value(np.full(x_shape, nan, dtype), choices=(np.zeros(x_shape, dtype),))
    return Outcome((x, Value(np.full((k,), np.nan, real)), rank,
                    Value(np.full((min(a.shape),), np.nan, real))), is_sequence=True)


def _integers_with_cutoff(example: Example) -> bool:
    """A bool or integer matrix with an explicit cutoff (a Python float option), where NumPy returns."""
    cutoff = example.args[2] if _is(example, "lstsq") else example.args[1] if _is(example, "pinv") else None
    return (isinstance(cutoff, float) and kind_of(_a(example).dtype) in "biu"
            and not example.numpy.raised)


def _in_jax_dtype(example: Example) -> tuple:
    arrays = 2 if _is(example, "lstsq") else 1
    dtype = _jax_dtype(example)
    return (*(np.asarray(a).astype(dtype) for a in example.args[:arrays]), *example.args[arrays:])


# --- pinv ----------------------------------------------------------------------------------------

def _pinv_of_nonfinite(matrix: np.ndarray, rtol, hermitian: bool) -> np.ndarray:
    """jnp.linalg.pinv's own steps on one matrix holding NaN or an infinity, in JAX's dtype: the SVD of
    conj(A) from JAX's LAPACK (catalogue/lapack.py; all NaN where it fails), singular values at or below
    rtol·s[0] (NaN ones too) made infinite, Vh^T·(U^T/s): 0 or NaN, element by element, for an SVD with
    NaN singular values. hermitian=True (an eigendecomposition): all NaN."""
    m, n = matrix.shape
    nan = np.full((n, m), np.nan + 1j * np.nan if kind_of(matrix.dtype) == "c" else np.nan, matrix.dtype)
    factors = None if hermitian else lapack.gesdd(np.conj(matrix), full_matrices=False)
    if factors is None:
        return nan
    u, s, vh = factors
    if rtol is None:
        rtol = 10.0 * max(m, n) * float(np.finfo(matrix.dtype).eps)
    with np.errstate(all="ignore"):
        s = np.where(s > rtol * s[0], s, np.inf).astype(u.dtype)
        scaled = u.T / s[:, None]  # (k, m)
        return (vh.T[:, :, None] * scaled[None, :, :]).sum(axis=1).astype(matrix.dtype)  # NaN propagates


def _pinv_nan_where_nonfinite(example: Example, outcome: Outcome) -> Outcome:
    """Each matrix holding a NaN or an infinity: jnp's own steps on it (`_pinv_of_nonfinite`); the others
    as bounded (BoundedPinv on the stack with those matrices zeroed), in JAX's dtype."""
    a, options = _a(example), example.args[1:]
    bad = _nonfinite(a)
    zeroed = np.where(bad[..., None, None], 0, a).astype(a.dtype)
    value = BoundedPinv()(zeroed, *options)
    dtype = _jax_dtype(example)
    array = value.array.astype(dtype)
    atol = np.array(np.broadcast_to(value.atol, value.shape), dtype=np.float64)
    wide = a.astype(dtype)
    for index in np.ndindex(*a.shape[:-2]):
        if bad[index]:
            array[index] = _pinv_of_nonfinite(wide[index], *options)
            atol[index] = 0.0
    return Outcome((Value(array, atol=atol),))


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="LINALG-LSTSQ-RESIDUALS-EVERYWHERE",
        area="linalg",
        title="lstsq returns the residuals where NumPy returns an empty array",
        numpy="returns residuals of shape (0,) where the rank is below n or m <= n",
        jax="returns the sums of squared residuals ‖b - A·x‖² of every column anyway: shape (K,), (1,) for "
            "a vector b (about 0 for a full-rank m <= n, the true residual where the rank is short); "
            "asserted within the solution's bound",
        why="jnp.linalg.lstsq is jitted: a result's shape cannot depend on the rank it computes; "
            "numpy_resid=True (not jittable) gives NumPy's empty array",
        source=_DOCS + "lstsq.html (numpy_resid: \"If True, compute and return residuals in the same way "
               "as NumPy's linalg.lstsq\"); " + _LINALG + " (\"To allow compilation, we default to "
               "returning full residuals in all cases\")",
        condition="lstsq of a non-empty matrix where NumPy's residuals are empty",
        kinds=("shape",),
        trigger=_empty_residuals,
        outputs=_residuals_everywhere,
    ),
    KnownDivergence(
        id="LINALG-LSTSQ-RANK-INT64",
        area="linalg",
        title="lstsq's rank is int64 with x64 on",
        numpy="returns the rank as int32 (LAPACK's integer)",
        jax="returns it as int64 with x64 on (a sum of booleans in the default integer type; int32 with "
            "x64 off, as NumPy)",
        why="jnp.linalg.lstsq counts the kept singular values with mask.sum()",
        source="observed by this suite, undocumented upstream (" + _LINALG + ": _lstsq)",
        condition="lstsq with x64 on, where NumPy returns",
        kinds=("dtype",),
        trigger=_lstsq_returns,
        outputs=_rank_int64,
        x64=True,
    ),
    KnownDivergence(
        id="LINALG-LEAST-SQUARES-INTEGERS-INEXACT",
        area="linalg",
        title="lstsq and pinv of bool or integer matrices with an explicit cutoff compute in float32",
        numpy="computes in float64",
        jax="computes in float32 (float64 for 64-bit integers with x64 on), as DTYPE-INT-TO-INEXACT "
            "everywhere else: here the cutoff, a Python float, keeps that rule's trigger (no Python float "
            "operand) from holding",
        why="jnp.linalg.lstsq and pinv promote their arrays with promote_dtypes_inexact; rcond and rtol "
            "are options, not operands (LINALG-COND-INTEGERS-INEXACT: the same for cond's p)",
        source="https://github.com/jax-ml/jax/pull/11046 (promote_dtypes_inexact); observed by this suite",
        condition="lstsq with rcond, or pinv with rtol, given as a Python float, of bool or integer arrays, "
                  "where NumPy returns",
        kinds=("dtype", "values"),
        trigger=_integers_with_cutoff,
        inputs=_in_jax_dtype,
        outputs=lambda example, outcome: outcome if example.env.x64 else at_32_bits(example, outcome),
    ),
    KnownDivergence(
        id="LINALG-LSTSQ-STACK-TYPEERROR",
        area="linalg",
        title="lstsq of a stack of matrices raises TypeError",
        numpy="raises LinAlgError (a ValueError): 3-dimensional array given. Array must be two-dimensional",
        jax="raises TypeError with the same message (neither broadcasts lstsq over a batch)",
        why="jnp.linalg.lstsq checks the dimensions itself and raises TypeError",
        source="observed by this suite, undocumented upstream (" + _LINALG + ": _lstsq)",
        condition="lstsq of an a (or b) with more dimensions than a matrix (a vector), where NumPy refuses",
        kinds=("error-kind",),
        trigger=_stack_refused,
        outputs=raises("TypeError", r"-dimensional array given\. Array must be (one or )?two-dimensional"),
    ),
    KnownDivergence(
        id="LINALG-LSTSQ-NONFINITE-NAN",
        area="linalg",
        title="lstsq of a matrix holding NaN or an infinity returns NaN",
        numpy="raises LinAlgError: SVD did not converge in Linear Least Squares",
        jax="returns the residuals and the singular values all NaN and the rank 0 (XLA's SVD returns "
            "NaN for non-finite input; no singular value passes the cutoff), and x NaN or 0, element by "
            "element (V·(0·Uᴴb): 0 unless the SVD's NaN reaches U or V); asserted",
        why="jnp.linalg.lstsq is jitted and cannot raise on the SVD's convergence",
        source="observed by this suite, undocumented upstream (" + _LINALG + ": _lstsq)",
        condition="lstsq of an a holding a NaN or an infinity, where NumPy's SVD does not converge",
        kinds=("error-parity",),
        trigger=lambda example: _nonfinite_refused(example, "lstsq"),
        outputs=_lstsq_all_nan,
    ),
    KnownDivergence(
        id="LINALG-PINV-NONFINITE-NAN",
        area="linalg",
        title="pinv of a matrix holding NaN or an infinity returns NaN",
        numpy="raises LinAlgError: SVD did not converge (for the whole stack; numpy >= 2.5: for an infinity "
              "too)",
        jax="returns, for each matrix holding a NaN or an infinity, an all-NaN pseudo-inverse where its "
            "SVD fails (a NaN; hermitian=True), else Vh^T·(U^T/inf) from the SVD's NaN singular values: 0 "
            "or NaN, element by element (an infinity, numpy >= 2.5 refusing it too); the pseudo-inverse "
            "of the others",
        why="jnp.linalg.pinv is jitted and cannot raise; XLA's SVD (eigh for hermitian=True) returns NaN",
        source="observed by this suite, undocumented upstream (" + _LINALG + ": _pinv)",
        condition="pinv of a stack holding a NaN or an infinity, where NumPy's SVD does not converge",
        kinds=("error-parity",),
        trigger=lambda example: _nonfinite_refused(example, "pinv"),
        outputs=_pinv_nan_where_nonfinite,
    ),
)

assert all(re.match(r"LINALG-[A-Z0-9-]+$", e.id) for e in ENTRIES)

"""Known divergences of the solvers and inverses of jax.numpy.linalg (`conformance/registry/solvers.py`):
singular matrices (NumPy raises, JAX returns NaN and infinities in a pattern the LU factorization decides),
half-precision dtypes, matrix_power's error for a matrix that is not square, cond of singular matrices."""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.dtypes import jax_inexact_dtype
from conformance.catalogue.manipulation import option
from conformance.catalogue.models import at_32_bits, canonical_dtype, half_precision_linalg_refusal, raises
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.solver_bounds import BoundedDet, BoundedSlogdet, backward_error
from conformance.strategies import kind_of

_DOCS = "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.linalg."
_LINALG = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/linalg.py"
_HALF = ("float16", "bfloat16")


def _tags(example: Example, *tags: str) -> bool:
    return "linalg" in example.case.tags and any(t in example.case.tags for t in tags)


def _a(example: Example) -> np.ndarray:
    return np.asarray(example.args[0])


def _jax_dtype(example: Example) -> np.dtype:
    """The dtype JAX computes the example's matrix in (bool and integers: DTYPE-INT-TO-INEXACT's)."""
    dtype = _a(example).dtype
    if kind_of(dtype) in "biu":
        return jax_inexact_dtype(dtype, x64=example.env.x64)
    return dtype if example.env.x64 else canonical_dtype(dtype)


# --- singular matrices: LAPACK's getrf, exactly, in rationals ---------------------------------------

class _Q:
    """An exact complex rational (re, im as Fractions): LAPACK's elimination without rounding."""

    __slots__ = ("re", "im")

    def __init__(self, re, im=0):
        self.re, self.im = Fraction(float(re)), Fraction(float(im))

    def __add__(self, o):
        return _Q(self.re + o.re, self.im + o.im)

    def __sub__(self, o):
        return _Q(self.re - o.re, self.im - o.im)

    def __mul__(self, o):
        return _Q(self.re * o.re - self.im * o.im, self.re * o.im + self.im * o.re)

    def __truediv__(self, o):
        d = o.re * o.re + o.im * o.im
        return _Q((self.re * o.re + self.im * o.im) / d, (self.im * o.re - self.re * o.im) / d)

    def size(self) -> Fraction:  # LAPACK's i?amax measure: |x|, or |re| + |im| (dcabs1)
        return abs(self.re) + abs(self.im)

    def __bool__(self) -> bool:
        return bool(self.re or self.im)

    def value(self) -> complex:
        return complex(float(self.re), float(self.im))


def _exact_lu(matrix: np.ndarray) -> tuple[list, list[int], list[int]]:
    """getf2's partial pivoting in exact arithmetic: (LU in place, the row order, the zero pivots). A
    zero pivot (its column all zero below) is neither swapped nor scaled, as LAPACK leaves it."""
    n = matrix.shape[0]
    lu = [[_Q(v.real, v.imag) for v in row] for row in matrix.astype(np.complex128)]
    order, zeros = list(range(n)), []
    for j in range(n):
        p = max(range(j, n), key=lambda i: lu[i][j].size())  # the first of the largest
        if not lu[p][j]:
            zeros.append(j)
            continue
        lu[j], lu[p], order[j], order[p] = lu[p], lu[j], order[p], order[j]
        for i in range(j + 1, n):
            lu[i][j] = lu[i][j] / lu[j][j]
            for k in range(j + 1, n):
                lu[i][k] = lu[i][k] - lu[i][j] * lu[j][k]
    return lu, order, zeros


def _lu_solution(matrix: np.ndarray, rhs: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """(x, where x is non-finite, a bound on the finite rows' error) for one matrix (n, n) and its right-hand
    sides (n, k): the rows up to the last zero pivot of U are NaN or infinite (a division by the zero pivot,
    then products with it), the rows after it the exact solution of the trailing triangular system."""
    n, rhs = matrix.shape[0], np.asarray(rhs, np.complex128)
    lu, order, zeros = _exact_lu(matrix)
    last = max(zeros, default=-1)
    x = np.full(rhs.shape, np.nan, np.complex128)
    for column in range(rhs.shape[1]):
        y = [_Q(rhs[i, column].real, rhs[i, column].imag) for i in order]
        for i in range(n):
            for k in range(i):
                y[i] = y[i] - lu[i][k] * y[k]
        solution = [None] * n
        for i in range(n - 1, last, -1):
            total = y[i]
            for k in range(i + 1, n):
                total = total - lu[i][k] * solution[k]
            solution[i] = total / lu[i][i]
            x[i, column] = solution[i].value()
    nonfinite = np.zeros(rhs.shape, bool)
    nonfinite[:last + 1] = True
    lower = np.array([[lu[i][k].value() if k < i else float(k == i) for k in range(n)] for i in range(n)])
    upper = np.array([[lu[i][k].value() if k >= i else 0 for k in range(n)] for i in range(n)])
    trailing = upper[last + 1:, last + 1:]
    with np.errstate(all="ignore"):
        conditions = [np.linalg.cond(m, np.inf) if m.size else 1.0 for m in (lower, trailing)]
    return x, nonfinite, float(np.prod(conditions))


def _systems(example: Example) -> tuple[np.ndarray, np.ndarray, tuple[int, ...], int]:
    """(the matrices (..., n, n), the right-hand sides (..., n, k), the result's shape, the power) of a
    solve, inv, tensorsolve, tensorinv or matrix_power example."""
    a = _a(example)
    if "solves" in example.case.tags:
        b = np.asarray(example.args[1])
        if "tensor" in example.case.tags:
            matrix = a.reshape(b.size, -1)
            return matrix, b.reshape(-1, 1), a.shape[b.ndim:], 1
        vector = b.ndim == 1
        rhs = b[:, None] if vector else b
        batch = np.broadcast_shapes(a.shape[:-2], rhs.shape[:-2])
        matrices = np.broadcast_to(a, (*batch, *a.shape[-2:]))
        rhs = np.broadcast_to(rhs, (*batch, *rhs.shape[-2:]))
        return matrices, rhs, (*batch, a.shape[-1]) if vector else rhs.shape, 1
    if "tensor" in example.case.tags:
        ind = option(example, "ind")
        rows = int(np.prod(a.shape[:ind]))
        return a.reshape(rows, rows), np.eye(rows), (*a.shape[ind:], *a.shape[:ind]), 1
    power = -option(example, "n") if "matrix-power" in example.case.tags else 1
    return a, np.broadcast_to(np.eye(a.shape[-1]), a.shape), a.shape, power


def _numpy_singular(example: Example) -> bool:
    error = example.numpy.error
    return (_tags(example, "solves", "inverts", "matrix-power") and error is not None
            and error.type == "LinAlgError" and "Singular matrix" in error.message
            and _a(example).dtype.name not in _HALF)


def _finite_inputs(example: Example) -> bool:
    return all(np.isfinite(np.asarray(a, np.complex128)).all() for a in example.array_args())


def _singular(example: Example) -> bool:
    return _numpy_singular(example) and _finite_inputs(example)


def _nonfinite_singular(example: Example) -> bool:
    return _numpy_singular(example) and not _finite_inputs(example)


def _ieee_nonfinite(matrix: np.ndarray, rhs: np.ndarray) -> np.ndarray:
    """Which elements of the LU solve are not finite, for a matrix holding NaN or infinities: getf2 in
    IEEE arithmetic as JAX's LU does it, measured: the pivot the first of the largest by i?amax's `>`
    (a NaN wins only where it comes first in the column); a nonzero pivot swapped into place and, unless
    it is NaN, divided by (a NaN pivot leaves the column below as a zero pivot does: NumPy reports that
    as a singular matrix); then the two triangular substitutions. Whether an element is finite does not
    depend on the order of a sum."""
    lu, rhs = matrix.astype(np.complex128), np.asarray(rhs, np.complex128).copy()
    n = lu.shape[0]
    with np.errstate(all="ignore"):
        for j in range(n):
            sizes = np.abs(lu[j:, j].real) + np.abs(lu[j:, j].imag)
            p = 0
            for i in range(1, n - j):
                if sizes[i] > sizes[p]:  # i?amax: a NaN wins only where it comes first
                    p = i
            p += j
            if lu[p, j] != 0:
                lu[[j, p]], rhs[[j, p]] = lu[[p, j]], rhs[[p, j]]
                if not np.isnan(lu[j, j]):  # a NaN pivot: the column below is left as a zero one's
                    lu[j + 1:, j] = lu[j + 1:, j] / lu[j, j]
            lu[j + 1:, j + 1:] -= np.outer(lu[j + 1:, j], lu[j, j + 1:])
        for i in range(n):
            rhs[i] -= lu[i, :i] @ rhs[:i]
        for i in range(n - 1, -1, -1):
            rhs[i] = (rhs[i] - lu[i, i + 1:] @ rhs[i + 1:]) / lu[i, i]
    return ~(np.isfinite(rhs.real) & np.isfinite(rhs.imag))


def _complex_nan(example: Example) -> bool:
    """A complex matrix whose first element is its only NaN (the first pivot: measured; a NaN met later in
    the elimination is not modelled), where NumPy returns."""
    if not _tags(example, "solves", "inverts") or example.numpy.raised or kind_of(_a(example).dtype) != "c":
        return False
    nan = np.isnan(_systems(example)[0])
    rhs_finite = "solves" not in example.case.tags or bool(np.isfinite(np.asarray(example.args[1])).all())
    return bool(nan[..., 0, 0].all() and nan.sum(axis=(-2, -1)).max() == 1) and rhs_finite


def _nonfinite_pattern(example: Example, outcome: Outcome) -> Outcome:
    """`_ieee_nonfinite` of each matrix in JAX's dtype, as the rows' canonical form reads a result of
    non-finite inputs (conformance/solver_bounds.py: NaN where not finite, 0 elsewhere)."""
    matrices, rhs, shape, power = _systems(example)
    n = matrices.shape[-1]
    flat_a, flat_b = matrices.reshape(-1, n, n), np.asarray(rhs).reshape(-1, n, rhs.shape[-1])
    masks = np.asarray([_ieee_nonfinite(m, b) for m, b in zip(flat_a, flat_b, strict=True)])
    return Outcome((Value(np.where(masks.reshape(shape), np.nan, 0).astype(_jax_dtype(example))),))


def _singular_as_jax(example: Example, outcome: Outcome) -> Outcome:
    """The LU pattern (`_lu_solution`) of each matrix, in JAX's dtype; a power of 2 or more of a singular
    matrix's inverse is non-finite everywhere (each element sums products with the non-finite rows)."""
    matrices, rhs, shape, power = _systems(example)
    dtype = _jax_dtype(example)
    n = matrices.shape[-1]
    flat_a, flat_b = matrices.reshape(-1, n, n), np.asarray(rhs).reshape(-1, n, rhs.shape[-1])
    values, masks, bounds = [], [], []
    beta = backward_error(n, dtype)
    for matrix, b in zip(flat_a, flat_b, strict=True):
        x, nonfinite, condition = _lu_solution(matrix, b)
        if power > 1 and nonfinite.any():
            nonfinite[:] = True
        values.append(x)
        masks.append(nonfinite)
        size = np.abs(np.where(nonfinite, 0, x)).max(initial=0)
        bounds.append(np.full(x.shape, 2 * n * beta * condition * (size + 1)))
    array = np.asarray(values).reshape(shape)
    if kind_of(dtype) != "c":
        array = array.real
    return Outcome((Value(array.astype(dtype), atol=np.asarray(bounds).reshape(shape),
                          nonfinite=np.asarray(masks).reshape(shape)),))


# --- half precision ------------------------------------------------------------------------------

def _closed_form(example: Example) -> bool:
    """det of order 1 to 3 and slogdet of order 1 or 2: jnp computes them by formula, in any dtype."""
    n = _a(example).shape[-1] if _a(example).ndim >= 2 else 0
    square = _a(example).ndim >= 2 and _a(example).shape[-2] == n
    limit = 2 if "slogdet" in example.case.tags else 3
    return "determinant" in example.case.tags and square and 1 <= n <= limit


def _half_refused(example: Example) -> bool:
    """A half-precision matrix for an LU (or SVD): not matrix_power's n >= 0 (products only), not cond of
    an empty matrix, nor a shape NumPy refuses (JAX refuses both first, with a ValueError)."""
    if "matrix-power" in example.case.tags and option(example, "n") >= 0:
        return False
    if "condition-number" in example.case.tags and _a(example).size == 0:
        return False
    error = example.numpy.error  # a shape NumPy refuses (not square): JAX's ValueError too
    shape_refused = error is not None and error.type != "TypeError" and "Singular" not in error.message \
        and "did not converge" not in error.message  # (NumPy computes bfloat16 in float64: NaN, then this)
    return (_tags(example, "solves", "inverts", "determinant", "matrix-power", "condition-number", "rank",
                  "least-squares")
            and _a(example).dtype.name in _HALF and not _closed_form(example) and not shape_refused)


def _half_computed(example: Example) -> bool:
    return _tags(example, "determinant") and _a(example).dtype.name in _HALF and _closed_form(example)


def _half_determinant(example: Example, outcome: Outcome) -> Outcome:
    """The bounded determinant (or slogdet) in the half-precision dtype itself."""
    a = _a(example)
    reference = BoundedSlogdet() if "slogdet" in example.case.tags else BoundedDet()
    wide = a.astype(np.float32)
    result = reference(wide, result_dtype=a.dtype)
    values = result if isinstance(result, tuple) else (result,)
    return Outcome(tuple(values), is_sequence=isinstance(result, tuple))


def _mismatched(example: Example) -> bool:
    """solve's b of another length than a's order, or batches that do not broadcast."""
    if "solves" not in example.case.tags or "tensor" in example.case.tags:
        return False
    a, b = _a(example), np.asarray(example.args[1])
    try:
        np.broadcast_shapes(a.shape[:-2], b.shape[:-2] if b.ndim > 1 else ())
    except ValueError:
        return True
    return (b.shape[0] if b.ndim == 1 else b.shape[-2]) != a.shape[-1]


def _half_refusal(example: Example, outcome: Outcome) -> Outcome:
    """NotImplementedError, or where solve's shapes do not match, jnp's ValueError (it checks them
    first: NumPy checks the dtype first)."""
    if _mismatched(example):
        return raises("ValueError", r"inconsistent size for core dimension")(example, outcome)
    return half_precision_linalg_refusal(example, outcome)


def _cond_of_integers_with_float_p(example: Example) -> bool:
    """cond of a bool or integer matrix with p = inf or -inf: a Python float option, which keeps
    DTYPE-INT-TO-INEXACT (a rule of arithmetic with Python floats) out."""
    return (_tags(example, "condition-number") and kind_of(_a(example).dtype) in "biu"
            and isinstance(option(example, "p"), float) and not example.numpy.raised)


def _cond_in_jax_dtype(example: Example) -> tuple:
    return (_a(example).astype(_jax_dtype(example)), *example.args[1:])


def _rank_of_nonfinite(example: Example) -> bool:
    error = example.numpy.error
    return (_tags(example, "rank") and error is not None and "SVD did not converge" in error.message
            and not _finite_inputs(example))


def _nonfinite_matrices_zeroed(example: Example) -> tuple:
    """The stack with each matrix that holds a NaN or an infinity replaced by zeros (rank 0)."""
    a = _a(example)
    bad = ~np.isfinite(a.astype(np.complex128)).all(axis=(-2, -1), keepdims=True)
    return (np.where(bad, 0, a).astype(a.dtype), *example.args[1:])


def _rank_of_empty(example: Example) -> bool:
    """matrix_rank of an empty matrix, neither tol nor rtol given (with rtol given jnp returns 0, as
    NumPy: measured on jax 0.10.2 and 0.12.0.1)."""
    a = _a(example)
    return (_tags(example, "rank") and not example.numpy.raised and a.ndim >= 2 and 0 in a.shape[-2:]
            and option(example, "tol") is None and option(example, "rtol") is None)


# --- matrix_power and cond ------------------------------------------------------------------------

def _power_of_non_square(example: Example) -> bool:
    return (_tags(example, "matrix-power") and example.numpy.raised
            and "must be square" in example.numpy.error.message)


def _cond_of_zero(example: Example) -> bool:
    """cond with p None or 2 (σ_max / σ_min) of a stack holding a zero matrix, where NumPy returns."""
    if not _tags(example, "condition-number") or example.numpy.raised:
        return False
    if option(example, "p") not in (None, 2):
        return False
    return bool((_a(example) == 0).all(axis=(-2, -1)).any())


def _nan_for_zero(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's values, NaN (0/0) for each zero matrix."""
    value = outcome.values[0]
    zero = (_a(example) == 0).all(axis=(-2, -1))
    array = np.where(zero, np.nan, value.array).astype(value.dtype)
    atol = np.where(zero, 0.0, value.atol) if value.atol is not None else None
    return Outcome((Value(array, atol=atol),))


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="LINALG-SINGULAR-NAN-INF",
        area="linalg",
        title="solve, inv, tensorsolve, tensorinv and negative matrix powers of a singular matrix return "
              "NaN and infinities",
        numpy="raises LinAlgError: Singular matrix (LAPACK's getrf reports a zero pivot)",
        jax="returns the LU solve with the zero pivot in it: the rows of the solution up to the last zero "
            "pivot of U are NaN or infinite (a division by it, then products with it), the rows after it "
            "the solution of the trailing triangular system (inv([[0, 1], [0, 1]]) is [[inf, -inf], "
            "[0, 1]]); a power of -2 is non-finite everywhere. Asserted row by row from LAPACK's "
            "elimination done exactly",
        why="jnp.linalg.solve and inv factor with lax.linalg.lu and never check the pivots (no error can "
            "be raised from inside jit); the documentation says a singular a gives nan or inf values",
        source=_DOCS + "solve.html (\"If a is singular, this will return nan or inf values\"); "
               + _DOCS + "inv.html",
        condition="solve, inv, tensorsolve, tensorinv or matrix_power with n < 0 where NumPy raises "
                  "LinAlgError: Singular matrix",
        kinds=("error-parity",),
        trigger=_singular,
        outputs=_singular_as_jax,
    ),
    KnownDivergence(
        id="LINALG-NONFINITE-SINGULAR-NAN-INF",
        area="linalg",
        title="solve, inv, tensorsolve and tensorinv of a matrix holding NaN that NumPy calls singular "
              "return NaN and infinities",
        numpy="raises LinAlgError: Singular matrix (its LAPACK reports a zero pivot where a NaN sits)",
        jax="returns the LU solve computed through the NaN: asserted element by element, finite or not, "
            "as getf2 and the substitutions give it in IEEE arithmetic (the rows' canonical form compares "
            "only that where an input is not finite)",
        why="jnp.linalg.solve and inv never check the pivots; IEEE arithmetic carries the NaN into the "
            "factors and the solution",
        source=_DOCS + "solve.html (\"If a is singular, this will return nan or inf values\")",
        condition="solve, inv, tensorsolve or tensorinv with a NaN or an infinity among the inputs, where "
                  "NumPy raises LinAlgError: Singular matrix",
        kinds=("error-parity",),
        trigger=_nonfinite_singular,
        outputs=_nonfinite_pattern,
    ),
    KnownDivergence(
        id="LINALG-MATRIX-RANK-NONFINITE-ZERO",
        area="linalg",
        title="matrix_rank of a matrix holding NaN or an infinity is 0",
        numpy="raises LinAlgError: SVD did not converge",
        jax="returns 0 for each such matrix (its singular values are NaN, and no NaN is above the cutoff), "
            "the rank of the others",
        why="jnp.linalg.matrix_rank counts svd(M) > tol; XLA's SVD returns NaN for non-finite input "
            "instead of reporting that it did not converge",
        source="observed by this suite, undocumented upstream (" + _LINALG + ": matrix_rank)",
        condition="matrix_rank of a stack holding a NaN or an infinity, where NumPy's SVD does not converge",
        kinds=("error-parity",),
        trigger=_rank_of_nonfinite,
        inputs=_nonfinite_matrices_zeroed,
        outputs=lambda example, outcome: outcome if example.env.x64 else at_32_bits(example, outcome),
    ),
    KnownDivergence(
        id="LINALG-MATRIX-RANK-EMPTY-VALUEERROR",
        area="linalg",
        title="matrix_rank of an empty matrix without tol raises ValueError",
        numpy="returns 0",
        jax="raises ValueError: zero-size array to reduction operation max which has no identity",
        why="jnp.linalg.matrix_rank takes the largest singular value for its cutoff (rtol times it) and "
            "an empty matrix has none",
        source="observed by this suite, undocumented upstream (" + _LINALG + ": matrix_rank)",
        condition="matrix_rank of a matrix with a zero dimension, tol and rtol not given",
        kinds=("error-parity",),
        trigger=_rank_of_empty,
        outputs=raises("ValueError", r"zero-size array to reduction operation max"),
    ),
    KnownDivergence(
        id="LINALG-COMPLEX-NAN-PIVOT-NOT-DIVIDED",
        area="linalg",
        title="A complex matrix holding NaN: fewer NaN in JAX's solution than in NumPy's",
        numpy="its complex LAPACK divides the column below a NaN pivot by it: every later row of the "
              "factors, and so of the solution, is NaN (tensorsolve of a 4 x 4 complex64 matrix with a NaN "
              "first: all four elements NaN)",
        jax="leaves a NaN pivot in U without dividing by it, as a zero one: only the rows of the solution "
            "that the substitution carries the NaN into are NaN (there: the first only); asserted element "
            "by element, finite or not (the rows' canonical form compares only that where an input is not "
            "finite)",
        why="the LU kernels differ on a NaN pivot (NumPy's real LAPACK does as JAX does: no entry)",
        source="observed by this suite, undocumented upstream",
        condition="solve, inv, tensorsolve or tensorinv of complex matrices whose first element is their "
                  "only NaN (the first pivot), where NumPy returns",
        kinds=("values",),
        trigger=_complex_nan,
        outputs=_nonfinite_pattern,
    ),
    KnownDivergence(
        id="LINALG-HALF-PRECISION-NOT-IMPLEMENTED",
        area="linalg",
        title="Linear algebra on float16 and bfloat16 raises NotImplementedError",
        numpy="refuses float16 with TypeError: array type float16 is unsupported in linalg; computes "
              "bfloat16 (an ml_dtypes user dtype) in float64",
        jax="raises NotImplementedError: Unsupported dtype float16 (bfloat16): XLA's CPU LU has no "
            "half-precision kernel (jax 0.12: TypeError, svd does not accept dtype float16, from jnp's own "
            "check; NumPy's bfloat16 results stay a difference)",
        why="jnp's solve, inv, slogdet, matrix_power (n < 0), matrix_rank, cond, lstsq and pinv call "
            "lax.linalg.lu (or svd), whose CPU lowering (LAPACK) exists for float32, float64, complex64 and "
            "complex128 only",
        source="observed by this suite, undocumented upstream (" + _LINALG + ")",
        condition="a float16 or bfloat16 matrix (det of order 1 to 3 and slogdet of order 1 or 2 excepted: "
                  "LINALG-DET-HALF-PRECISION-CLOSED-FORM; matrix_power with n >= 0: products only), where "
                  "NumPy does not refuse its shape; where solve's b does not match, jnp's ValueError (it "
                  "checks shapes before the dtype, NumPy the dtype first)",
        kinds=("error-parity", "error-kind"),
        trigger=_half_refused,
        outputs=_half_refusal,
    ),
    KnownDivergence(
        id="LINALG-DET-HALF-PRECISION-CLOSED-FORM",
        area="linalg",
        title="det of order 1 to 3 and slogdet of order 1 or 2 compute float16 and bfloat16 by formula",
        numpy="refuses float16 (TypeError: array type float16 is unsupported in linalg); computes bfloat16 "
              "in float64",
        jax="computes the determinant by its closed form (a·d - b·c, the rule of Sarrus) in float16 or "
            "bfloat16 itself, within the determinant's bound for that dtype",
        why="jnp.linalg.det has closed forms for 2 x 2 and 3 x 3 matrices (_det_2x2, _det_3x3) that use no "
            "LU; slogdet uses them too for small orders",
        source="observed by this suite, undocumented upstream (" + _LINALG + ": _det_2x2, _det_3x3)",
        condition="det of a float16 or bfloat16 matrix of order 1 to 3, slogdet of order 1 or 2",
        kinds=("error-parity", "dtype", "values"),
        trigger=_half_computed,
        outputs=_half_determinant,
    ),
    KnownDivergence(
        id="LINALG-MATRIX-POWER-NOT-SQUARE-TYPEERROR",
        area="linalg",
        title="matrix_power of a matrix that is not square raises TypeError",
        numpy="raises LinAlgError (a ValueError): Last 2 dimensions of the array must be square",
        jax="raises TypeError with the same message",
        why="jnp.linalg.matrix_power checks the shape itself and raises TypeError",
        source="observed by this suite, undocumented upstream (" + _LINALG + ": matrix_power)",
        condition="matrix_power of an array whose last two dimensions differ",
        kinds=("error-kind",),
        trigger=_power_of_non_square,
        outputs=raises("TypeError", r"must be square"),
    ),
    KnownDivergence(
        id="LINALG-COND-ZERO-MATRIX-NAN",
        area="linalg",
        title="cond of a zero matrix with p None or 2 is NaN where NumPy gives inf",
        numpy="replaces a NaN condition number of a matrix without NaN by inf: cond(zeros((2, 2))) is inf",
        jax="returns σ_max / σ_min as it is for p None or 2: 0/0 = NaN (for the other p it replaces NaN "
            "by inf as NumPy does)",
        why="jnp.linalg.cond returns early for p None or 2, before its own NaN-to-inf step",
        source="observed by this suite, undocumented upstream (" + _LINALG + ": cond)",
        condition="cond with p None or 2 of a stack holding an all-zero matrix",
        kinds=("values",),
        trigger=_cond_of_zero,
        outputs=_nan_for_zero,
        # jax 0.12.0.1 agrees with NumPy here (observed); 0.11 not run
        jax_versions="<0.12",
    ),
    KnownDivergence(
        id="LINALG-COND-INTEGERS-INEXACT",
        area="linalg",
        title="cond of a bool or integer matrix with p = inf or -inf computes in float32",
        numpy="computes in float64",
        jax="computes in float32 (float64 for 64-bit integers with x64 on), as DTYPE-INT-TO-INEXACT "
            "everywhere else: here p, a Python float, keeps that rule's trigger (no Python float operand) "
            "from holding",
        why="jnp.linalg.cond promotes x with promote_dtypes_inexact; p is an option, not an operand",
        source="https://github.com/jax-ml/jax/pull/11046 (promote_dtypes_inexact); observed by this suite",
        condition="cond of a bool or integer matrix with p = inf or -inf, where NumPy returns",
        kinds=("dtype", "values"),
        trigger=_cond_of_integers_with_float_p,
        inputs=_cond_in_jax_dtype,
        outputs=lambda example, outcome: outcome if example.env.x64 else at_32_bits(example, outcome),
    ),
)

assert all(re.match(r"LINALG-[A-Z0-9-]+$", e.id) for e in ENTRIES)

"""Known divergences of the matrix decompositions (`conformance/registry/decompositions.py`): 0-d
and 1-d arrays and (cholesky, eigh, eigvalsh) matrices that are not square refused with TypeError, half
precision refused, eig's complex results, eigh's and cholesky's symmetrized input, NaN where NumPy raises
LinAlgError, qr's non-finite factors from another LAPACK (numpy 2.5).

The models restate what jnp computes (`jax_factors`: NumPy's factors of each matrix as JAX reads it,
in JAX's dtype, JAX's NaN pattern where a matrix is non-finite or NumPy refuses it, JAX's own LAPACK's
result for svd, svdvals and qr of a non-finite matrix: catalogue/lapack.py) and put the result
in the row's canonical form (conformance/decomposition_bounds.py), so that its bounds apply as they do
to NumPy's own result.
"""

from __future__ import annotations

import numpy as np

from conformance.catalogue import KnownDivergence, lapack
from conformance.catalogue.dtypes import jax_inexact_dtype
from conformance.catalogue.manipulation import option
from conformance.catalogue.models import canonical_dtype, half_precision_linalg_refusal, jax_at_least, raises
from conformance.compare import compare
from conformance.example import Example
from conformance.outcome import Outcome, Value

_DOCS = "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.linalg.{}.html"
_HALF = ("float16", "bfloat16")
_SYMMETRIZED = ("eigh", "eigvalsh", "cholesky")
_FAILS_AS_NAN = ("svd", "svdvals", "cholesky", "eig", "eigvals", "eigh", "eigvalsh")


def _function(example: Example) -> str | None:
    """The decomposition's name, or None for any other row."""
    tags = example.case.tags
    if "decomposition" not in tags:
        return None
    return example.case.name.removeprefix("linalg.")


def _options(example: Example) -> dict:
    return {k: option(example, k) for k in example.case.arg_names[1:]}


def jax_input(example: Example, a) -> np.ndarray:
    """The matrix as jnp computes with it: bool and integers promoted to JAX's inexact dtype, 64-bit
    dtypes made 32-bit with x64 off."""
    a = np.asarray(a)
    if a.dtype.kind in "biu":
        return a.astype(jax_inexact_dtype(a.dtype, x64=example.env.x64))
    return a if example.env.x64 else a.astype(canonical_dtype(a.dtype))


def symmetrized(a: np.ndarray) -> np.ndarray:
    """(A + Aᴴ)/2 in A's dtype: what jnp's eigh, eigvalsh and cholesky factor (symmetrize_input=True)."""
    with np.errstate(all="ignore"):
        return ((a + np.conj(np.swapaxes(a, -1, -2))) / 2).astype(a.dtype)


def _numpy_call(name: str, options: dict):
    function = getattr(np.linalg, name)
    return lambda m: function(m, **options)


def _nan_pattern(name: str, template, options: dict):
    """JAX's result for a matrix it cannot factor: every element NaN (cholesky: the factor's triangle
    and diagonal NaN, the other triangle zero)."""
    def fill(x):
        x = np.asarray(x)
        out = np.full(x.shape, np.nan, x.dtype)
        if name == "cholesky":
            keep = np.triu(np.ones(x.shape, bool), 1) if not options.get("upper") else np.tril(
                np.ones(x.shape, bool), -1)
            out = np.where(keep, 0, out).astype(x.dtype)
        return out
    return tuple(fill(x) for x in template) if isinstance(template, tuple) else fill(template)


def _jax_lapack(name: str, options: dict, matrix: np.ndarray):
    """JAX's own LAPACK result on a matrix holding NaN or an infinity (catalogue/lapack.py), where NumPy
    (2.5) refuses it (svd, svdvals: gesdd; None where LAPACK fails) or its LAPACK gives other non-finite
    elements (qr); NotImplemented for the other functions and qr's mode "raw"."""
    if name in ("svd", "svdvals"):
        return lapack.gesdd(matrix, options.get("full_matrices", True), options.get("compute_uv", True)
                            and name == "svd")
    if name == "qr" and options.get("mode", "reduced") in ("reduced", "complete", "r"):
        mode = options.get("mode", "reduced")
        q, r = lapack.geqrf_q_r(matrix, "reduced" if mode == "r" else mode)
        return r if mode == "r" else (q, r)
    return NotImplemented


def jax_factors(example: Example, a: np.ndarray):
    """jnp's raw result on the matrix (stack) `a`, already in JAX's input dtype: NumPy's factors of each
    finite matrix, JAX's own LAPACK result (`_jax_lapack`) on the others for svd, svdvals and qr, JAX's
    NaN pattern where the matrix has a non-finite element (the other functions, which fail alike) or
    LAPACK or NumPy refuses it; eig's and eigvals' results complex."""
    name, options = _function(example), _options(example)
    call = _numpy_call(name, options)
    m, n = a.shape[-2:]
    template = call(np.eye(m, n, dtype=a.dtype))
    batch = a.shape[:-2]
    results = []
    for index in np.ndindex(*batch):
        matrix = a[index]
        result = None
        own = NotImplemented if np.isfinite(matrix).all() else _jax_lapack(name, options, matrix)
        if own is not NotImplemented:
            result = own
        elif name not in _FAILS_AS_NAN or np.isfinite(matrix).all():
            try:
                with np.errstate(all="ignore"):
                    result = call(matrix)
            except np.linalg.LinAlgError:
                result = None
        results.append(_nan_pattern(name, template, options) if result is None else result)
    many = isinstance(template, tuple)
    parts = []
    for i, t in enumerate(template if many else (template,)):
        part = np.empty((*batch, *np.shape(t)), np.asarray(t).dtype)
        for index, r in zip(np.ndindex(*batch), results, strict=True):
            part[index] = r[i] if many else r
        parts.append(part)
    if name in ("eig", "eigvals"):
        parts = [p.astype(np.result_type(p.dtype, np.complex64)) for p in parts]
    return tuple(parts) if many else parts[0]


def _predicted(example: Example, a: np.ndarray) -> Outcome:
    """The outcome of the row's canonical form of `jax_factors` (its bounds computed on `a`)."""
    raw = jax_factors(example, a)
    form = example.case.canonical(raw, a, *example.args[1:])
    values = form if isinstance(form, tuple) else (form,)
    return Outcome(tuple(v if isinstance(v, Value) else Value(np.asarray(v)) for v in values),
                   is_sequence=isinstance(form, tuple))


def _as_jax(example: Example, outcome: Outcome) -> Outcome:
    a = jax_input(example, example.args[0])
    if _function(example) in _SYMMETRIZED:
        a = symmetrized(a)
    return _predicted(example, a)


def _half(example: Example) -> bool:
    """A half-precision input, except where jax 0.12's shape check (`_checks_square_first`) refuses the
    shape first, with NumPy's error kind."""
    a = np.asarray(example.args[0])
    if _checks_square_first(example) and (a.ndim < 2 or a.shape[-1] != a.shape[-2]):
        return False
    return _function(example) is not None and a.dtype.name in _HALF


def _matrix(example: Example) -> np.ndarray | None:
    a = np.asarray(example.args[0])
    return a if a.ndim >= 2 and a.dtype.name not in _HALF else None


def _real_eigenvalues(example: Example) -> bool:
    """eig or eigvals where NumPy returns real eigenvalues (all of them real)."""
    return (_function(example) in ("eig", "eigvals") and _matrix(example) is not None
            and not example.numpy.raised and example.numpy.values[0].dtype.kind != "c")


def _not_hermitian(example: Example) -> bool:
    """eigh, eigvalsh or cholesky of a matrix whose two triangles are not each other's conjugate
    transpose (NaN never equals its mirror)."""
    a = _matrix(example) if _function(example) in _SYMMETRIZED else None
    if a is None or a.shape[-1] != a.shape[-2]:
        return False
    wide = jax_input(example, a)
    mirror = np.conj(np.swapaxes(wide, -1, -2))
    off = ~np.eye(a.shape[-1], dtype=bool)
    return bool(np.any((wide != mirror) & off))


def _numpy_raises_linalgerror(example: Example) -> bool:
    """NumPy raises LinAlgError on a matrix (stack) JAX factors: not where jax 0.12's own shape check
    refuses a matrix that is not square, with NumPy's error kind (`_checks_square_first`)."""
    a = _matrix(example)
    if a is not None and _checks_square_first(example) and a.shape[-1] != a.shape[-2]:
        return False
    return (_function(example) in _FAILS_AS_NAN and a is not None
            and example.numpy.raised and example.numpy.error.type == "LinAlgError")


def _qr_of_nonfinite_differs(example: Example) -> bool:
    """qr (not mode "raw") of a matrix holding NaN or an infinity, where NumPy's LAPACK gives other
    non-finite factors than JAX's (`_as_jax`, computed with JAX's own LAPACK)."""
    if _function(example) != "qr" or example.numpy.raised or option(example, "mode") == "raw":
        return False
    a = _matrix(example)
    if a is None or np.isfinite(a).all():
        return False
    return compare(_as_jax(example, example.numpy), example.numpy, example.case.tolerance) is not None


def _checks_square_first(example: Example) -> bool:
    """jax 0.12's cholesky, eigh and eigvalsh check the shape [..., n, n] themselves (ValueError, as
    NumPy's LinAlgError: observed on jax 0.12.0.1; 0.11 not run)."""
    return _function(example) in _SYMMETRIZED and jax_at_least(example, "0.12")


def _fewer_than_two_dimensions(example: Example) -> bool:
    return (_function(example) is not None and np.ndim(example.args[0]) < 2 and example.numpy.raised
            and example.numpy.error.type == "LinAlgError" and not _checks_square_first(example))


def _symmetrized_not_square(example: Example) -> bool:
    a = np.asarray(example.args[0])
    return (_function(example) in _SYMMETRIZED and a.ndim >= 2 and a.shape[-1] != a.shape[-2]
            and example.numpy.raised and example.numpy.error.type == "LinAlgError"
            and not _checks_square_first(example))


ENTRIES = (
    KnownDivergence(
        id="LINALG-FEWER-THAN-2D-TYPEERROR",
        area="linalg",
        title="The decompositions refuse 0-d and 1-d arrays with TypeError",
        numpy="raises LinAlgError (a ValueError): '1-dimensional array given. Array must be at least "
              "two-dimensional'",
        jax="raises TypeError: 'Input 0 to svd must have rank at least 2' (svd, svdvals, qr, eig, "
            "eigvals: lax's shape rule), or 'transpose permutation isn't a permutation of operand "
            "dimensions' (cholesky, eigh, eigvalsh: the symmetrization transposes the last two axes "
            "first)",
        why="jnp passes the array to lax.linalg without checking its rank: lax's shape rules refuse it",
        source="observed by this suite, undocumented upstream",
        condition="a decomposition of a 0-d or 1-d array (from jax 0.12: not cholesky, eigh, eigvalsh, "
                  "whose ValueError agrees)",
        kinds=("error-kind",),
        trigger=_fewer_than_two_dimensions,
        outputs=raises("TypeError", r"must have rank at least 2|transpose permutation isn't a permutation"),
    ),
    KnownDivergence(
        id="LINALG-SYMMETRIZED-NOT-SQUARE-TYPEERROR",
        area="linalg",
        title="cholesky, eigh and eigvalsh refuse a matrix that is not square with TypeError",
        numpy="raises LinAlgError (a ValueError): 'Last 2 dimensions of the array must be square'",
        jax="raises TypeError: 'add got incompatible shapes for broadcasting' (A + Aᴴ, the "
            "symmetrization, fails before any check of the shape)",
        why="symmetrize_input=True adds the matrix to its conjugate transpose first",
        source="observed by this suite, undocumented upstream",
        condition="cholesky, eigh or eigvalsh of a stack of matrices that are not square (jax < 0.12: "
                  "0.12.0.1's ValueError agrees)",
        kinds=("error-kind",),
        trigger=_symmetrized_not_square,
        outputs=raises("TypeError", r"incompatible shapes for broadcasting"),
    ),
    KnownDivergence(
        id="LINALG-HALF-PRECISION-REFUSED",
        area="linalg",
        title="The decompositions refuse float16 and bfloat16 with NotImplementedError",
        numpy="refuses float16 with TypeError (array type float16 is unsupported in linalg); computes "
              "bfloat16 (an ml_dtypes type) in float64",
        jax="raises NotImplementedError (Unsupported dtype float16 / bfloat16): the LAPACK kernels have "
            "no half-precision form (jax 0.12: TypeError from jnp's own dtype check, as NumPy's for float16)",
        why="jnp.linalg passes the input's dtype to the CPU LAPACK custom calls, which exist for float32, "
            "float64, complex64 and complex128 only",
        source="observed by this suite, undocumented upstream",
        condition="a decomposition of a float16 or bfloat16 array (from jax 0.12: cholesky, eigh and "
                  "eigvalsh of square matrices only, the others' ValueError agrees)",
        kinds=("error-kind", "error-parity"),
        trigger=_half,
        outputs=half_precision_linalg_refusal,
    ),
    KnownDivergence(
        id="LINALG-EIG-ALWAYS-COMPLEX",
        area="linalg",
        title="eig and eigvals return complex eigenvalues and eigenvectors for every input",
        numpy="returns real (float) eigenvalues and eigenvectors where every eigenvalue of a real "
              "matrix is real, complex ones otherwise",
        jax="always returns complex64 (complex128 with x64 on for 64-bit inputs), the same values",
        why="the result dtype must not depend on the values under jit",
        source=_DOCS.format("eig") + ": \"This differs from numpy.linalg.eig in that the return type "
               "of jax.numpy.linalg.eig is always complex\"",
        condition="eig or eigvals where NumPy's eigenvalues are real (numpy < 2.5: numpy 2.5's are complex "
                  "too, https://numpy.org/devdocs/release/2.5.0-notes.html#linalg-eig-and-linalg-eigvals-"
                  "now-always-return-complex-arrays)",
        kinds=("dtype",),
        trigger=_real_eigenvalues,
        outputs=_as_jax,
        numpy_versions="<2.5",
    ),
    KnownDivergence(
        id="LINALG-SYMMETRIZED-INPUT",
        area="linalg",
        title="eigh, eigvalsh and cholesky factor (A + Aᴴ)/2, not one triangle of A",
        numpy="reads only the triangle UPLO names (cholesky: the lower one) and ignores the other",
        jax="symmetrizes the input first (symmetrize_input=True, the default): both triangles count, "
            "whatever UPLO or upper says; a non-finite element in either triangle makes the whole "
            "result NaN",
        why="symmetrizing gives better behaviour under automatic differentiation (jnp's docstring)",
        source=_DOCS.format("eigh") + ": \"symmetrize_input: if True (default) then input is "
               "symmetrized, which leads to better behavior under automatic differentiation\"; "
               + _DOCS.format("cholesky"),
        condition="eigh, eigvalsh or cholesky of a matrix that is not Hermitian",
        kinds=("values", "error-parity"),
        trigger=_not_hermitian,
        outputs=_as_jax,
    ),
    KnownDivergence(
        id="LINALG-QR-NONFINITE-LAPACK",
        area="linalg",
        title="qr of a matrix holding an infinity: other non-finite factors than NumPy's",
        numpy="factors it with the LAPACK NumPy links (its own OpenBLAS): numpy 2.5.5 gives R an element "
              "inf-infj where a complex Householder step meets -inf",
        jax="factors it with the LAPACK scipy ships (geqrf, then ungqr/orgqr), as jaxlib's CPU kernels "
            "do: nan+nanj there; asserted with that LAPACK's own result (catalogue/lapack.py)",
        why="the two LAPACK builds propagate an infinity through the Householder reflections differently; "
            "neither result is meaningful",
        source="observed by this suite on numpy 2.5.5 (numpy 2.4.6's factors agreed), undocumented "
               "upstream",
        condition="qr (mode reduced, complete or r) of a matrix holding NaN or an infinity, where NumPy's "
                  "factors differ from JAX's LAPACK's (numpy >= 2.5)",
        kinds=("values",),
        trigger=_qr_of_nonfinite_differs,
        outputs=_as_jax,
        numpy_versions=">=2.5",
    ),
    KnownDivergence(
        id="LINALG-NAN-NOT-LINALGERROR",
        area="linalg",
        title="Where NumPy raises LinAlgError, the decompositions return NaN",
        numpy="raises LinAlgError: a matrix that is not positive definite (cholesky), a non-finite "
              "element (eig, eigvals: 'Array must not contain infs or NaNs'), an SVD that does not "
              "converge (a NaN element)",
        jax="returns, for each such matrix of the stack, every element NaN (cholesky: the factor's "
            "triangle NaN, the other zero), and the other matrices' factors",
        why="JAX cannot raise on values under jit: LAPACK's failure flag becomes NaNs",
        source=_DOCS.format("cholesky") + ": \"If the input is not Hermitian positive-definite, the "
               "result will contain NaN entries\"",
        condition="NumPy raises LinAlgError for svd, svdvals, cholesky, eig, eigvals, eigh or eigvalsh",
        kinds=("error-parity",),
        trigger=_numpy_raises_linalgerror,
        outputs=_as_jax,
    ),
)

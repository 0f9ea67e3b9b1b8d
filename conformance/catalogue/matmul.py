"""Known divergences in matrix products: matmul, dot, einsum and their batching.

Models that compute values do it with the case's bounded reference (conformance/cases/matmul.py), so a
known divergence still holds JAX to the error bound, with the terms the entry documents.
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from conformance.cases.matmul import (
    BFLOAT16_PASS_UNIT_ROUNDOFF,
    TF32_UNIT_ROUNDOFF,
    BoundedProduct,
    reference_outcome,
)
from conformance.catalogue import KnownDivergence
from conformance.catalogue.models import (
    flush_subnormals,
    has_subnormal,
    map_array_args,
    nonfinite_where,
    raises,
)
from conformance.example import Example
from conformance.outcome import Outcome
from conformance.runner import is_array_input
from conformance.strategies import BFLOAT16, kind_of

# NumPy's messages when the contracted sizes of a product differ (matmul, dot and inner, vdot, tensordot).
_CONTRACTION_MISMATCH = ("mismatch in its core dimension", "not aligned", "cannot reshape array",
                         "shape-mismatch for sum")


def _is_product(example: Example) -> bool:
    return "product" in example.case.tags


def _reference(example: Example, args: tuple, **terms) -> Outcome:
    return reference_outcome(example.case, args, **terms)


def _result_dtype(example: Example) -> np.dtype | None:
    if example.numpy.raised or len(example.numpy.values) != 1:
        return None
    return example.numpy.values[0].dtype


def _contracted_sizes_differ(example: Example) -> bool:
    error = example.numpy.error
    return _is_product(example) and error is not None and error.kind() == "ValueError" and any(
        phrase in error.message for phrase in _CONTRACTION_MISMATCH)


# -- flush to zero ----------------------------------------------------------------------------------------
def _compute_tiny(dtype: np.dtype) -> float | None:
    """The smallest normal number of the type XLA computes a product of `dtype` in; None where the
    product's subnormals are normal numbers there (float16 computes in float32)."""
    name = np.dtype(dtype).name
    if name in ("float32", "complex64", "bfloat16"):
        return float(np.finfo(np.float32).tiny)
    if name in ("float64", "complex128"):
        return float(np.finfo(np.float64).tiny)
    return None


def _smallest_nonzero(a: np.ndarray) -> float:
    a = np.asarray(a)
    parts = (a.real, a.imag) if a.dtype.kind == "c" else (a.astype(np.float64),)
    magnitudes = [np.abs(p.astype(np.float64))[(p != 0) & np.isfinite(p)] for p in parts]
    values = [float(m.min()) for m in magnitudes if m.size]
    return min(values) if values else np.inf


def _underflows(example: Example) -> bool:
    """An input is subnormal, or some product of two inputs may fall below the smallest normal."""
    dtype = _result_dtype(example)
    if not _is_product(example) or dtype is None or kind_of(dtype) not in "fc":
        return False
    tiny = _compute_tiny(dtype)
    arrays = [a for a in example.args if is_array_input(a)]
    if tiny is None or len(arrays) != 2:
        return False
    if any(has_subnormal(a) for a in arrays):
        return True
    with np.errstate(all="ignore"):
        return _smallest_nonzero(arrays[0]) * _smallest_nonzero(arrays[1]) < tiny


def _flushed_product(example: Example, outcome: Outcome) -> Outcome:
    """The bounded reference on the flushed inputs, each term allowed an absolute error of the smallest
    normal number (a flushed product or partial sum)."""
    if outcome.raised:
        return outcome
    dtype = outcome.values[0].dtype
    args = map_array_args(example, flush_subnormals)
    return _reference(example, args, result_dtype=dtype, underflow=_compute_tiny(dtype))


# -- promotion ------------------------------------------------------------------------------------------
def _jax_result_dtype(example: Example) -> np.dtype:
    dtypes = [np.asarray(a).dtype for a in example.args if is_array_input(a)]
    return np.dtype(jnp.result_type(*dtypes))


def _promotes_otherwise(example: Example) -> bool:
    dtypes = {np.asarray(a).dtype for a in example.args if is_array_input(a)}
    result = _result_dtype(example)
    return _is_product(example) and len(dtypes) == 2 and result is not None and (
        _jax_result_dtype(example) != result)


def _promoted_inputs(example: Example) -> tuple:
    dtype = _jax_result_dtype(example)
    return map_array_args(example, lambda a: a.astype(dtype))


# -- bfloat16 -------------------------------------------------------------------------------------------
def _bfloat16_without_numpy_loop(example: Example) -> bool:
    dtypes = [np.asarray(a).dtype for a in example.args if is_array_input(a)]
    if not _is_product(example) or BFLOAT16 not in dtypes or _jax_result_dtype(example) != BFLOAT16:
        return False
    error = example.numpy.error
    return (error is not None and error.kind() == "TypeError") or _result_dtype(example) in (
        np.dtype(np.float32), np.dtype(np.float64))


# -- complex non-finite ---------------------------------------------------------------------------------
def _nonfinite_terms(example: Example) -> np.ndarray:
    """Output positions that sum a term with an infinite or NaN factor."""
    reference = example.case.numpy_reference
    a, b, *static = example.args
    bad_a, ok_b = (~np.isfinite(np.asarray(a))).astype(float), np.ones(np.shape(b))
    ok_a, bad_b = np.ones(np.shape(a)), (~np.isfinite(np.asarray(b))).astype(float)
    touched = np.asarray(reference.product(bad_a, ok_b, *static)) + np.asarray(
        reference.product(ok_a, bad_b, *static))
    return np.asarray(touched) > 0


def _complex_nonfinite(example: Example) -> bool:
    dtype = _result_dtype(example)
    return (_is_product(example) and dtype is not None and dtype.kind == "c"
            and isinstance(example.case.numpy_reference, BoundedProduct)
            and not all(np.all(np.isfinite(a)) for a in example.args[:2])  # cheap, before the products
            and bool(np.any(_nonfinite_terms(example))))


def _nonfinite_at_nonfinite_terms(example: Example, outcome: Outcome) -> Outcome:
    """The bounded reference, except that an output summing a term with an infinite or NaN factor is
    only asserted to be non-finite: such a term is non-finite in any complex arithmetic (inf * 0 is NaN,
    inf * x has an infinite or NaN part), and so is a sum that holds it; which non-finite value XLA's
    dot gives there is what NumPy's textbook products do not predict."""
    if outcome.raised:
        return outcome
    return nonfinite_where(_nonfinite_terms)(example, outcome)


# -- a bool operand that XLA selects by ---------------------------------------------------------------
# The products whose dot_general pairs each element of one operand with one element of the other, which
# XLA's CPU compiler rewrites as a select-and-sum (observed: 1-d by 1-d, vdot's flattened operands,
# vecdot of equal shapes, a full tensordot, einsum of two vectors). A matrix product keeps the multiply.
_PAIRED_PRODUCTS = frozenset({"dot", "inner", "matmul", "a @ b", "tensordot", "einsum", "vecdot",
                              "linalg.vecdot", "linalg.multi_dot"})


def _paired_operands(example: Example) -> tuple[np.ndarray, np.ndarray] | None:
    """The two operands of a product whose elements pair one to one, if the example is one."""
    name = example.case.name
    first = example.args[0] if example.args else None
    arrays = list(first) if name == "linalg.multi_dot" and isinstance(first, (list, tuple)) else [
        a for a in example.args[:2] if is_array_input(a)]
    if len(arrays) != 2:
        return None
    a, b = (np.asarray(x) for x in arrays)
    if name == "vdot":
        return (a, b) if a.size == b.size else None
    if name not in _PAIRED_PRODUCTS or a.shape != b.shape:
        return None
    vector = a.ndim == 1 or (name == "tensordot" and example.numpy.values and
                             example.numpy.values[0].ndim == 0)
    return (a, b) if vector or name in ("vecdot", "linalg.vecdot") else None


def _bool_selects(example: Example) -> bool:
    """A paired product of a bool operand and a float or complex one that holds an infinity or a NaN."""
    if example.numpy.raised:
        return False
    paired = _paired_operands(example)
    if paired is None:
        return False
    kinds = {a.dtype.kind for a in paired}
    other = next((a for a in paired if a.dtype.kind != "b"), None)
    return "b" in kinds and kinds & set("fc") != set() and not np.all(np.isfinite(other))


def _selected_inputs(example: Example) -> tuple:
    """The value operand zeroed where its bool partner is False (what XLA's select keeps)."""
    a, b = _paired_operands(example)
    mask, value = (a, b) if a.dtype.kind == "b" else (b, a)
    kept = np.where(mask.reshape(value.shape), value, np.zeros((), value.dtype))
    pair = (a, kept) if a is mask else (kept, b)
    if example.case.name == "linalg.multi_dot":
        return (list(pair), *example.args[1:])
    return (*pair, *example.args[2:])


# -- reduced precision on accelerators ------------------------------------------------------------------
def _default_precision_float32(example: Example) -> bool:
    dtype = _result_dtype(example)
    return (_is_product(example) and "full-precision" not in example.case.tags and dtype is not None
            and dtype.name in ("float32", "complex64"))


def _reduced_precision_product(example: Example, outcome: Outcome) -> Outcome:
    if outcome.raised:
        return outcome
    u = BFLOAT16_PASS_UNIT_ROUNDOFF if example.env.platform == "tpu" else TF32_UNIT_ROUNDOFF
    return _reference(example, tuple(example.args), result_dtype=outcome.values[0].dtype, unit_roundoff=u)


ENTRIES = (
    KnownDivergence(
        id="MATMUL-CONTRACTION-MISMATCH-TYPEERROR",
        area="matmul",
        title="Products whose contracted sizes differ raise TypeError",
        numpy="raises ValueError (matmul: mismatch in its core dimension; dot, inner: shapes not "
              "aligned; vdot: cannot reshape; tensordot: shape-mismatch for sum)",
        jax="raises TypeError: dot_general requires contracting dimensions to have the same shape",
        why="jnp.matmul, dot, inner, vdot and tensordot hand the shapes to lax.dot_general unchecked; "
            "lax reports shape errors as TypeError",
        source="observed by this suite, undocumented upstream",
        condition="a product whose contracted dimensions differ in size (NumPy's ValueError says so)",
        kinds=("error-kind",),
        trigger=_contracted_sizes_differ,
        outputs=raises("TypeError", r"dot_general requires contracting dimensions to have the same shape"),
    ),
    KnownDivergence(
        id="MATMUL-SUBNORMAL-FLUSH",
        area="matmul",
        title="Products flush subnormal inputs, products and sums to zero",
        numpy="multiplies and adds with IEEE gradual underflow",
        jax="reads subnormal float32/float64/bfloat16 inputs as zero and flushes subnormal products and "
            "partial sums to zero (FTZ/DAZ): each term may be off by the smallest normal number",
        why="XLA sets the CPU's flush-to-zero and denormals-are-zero modes for speed; GPUs flush too",
        source="https://github.com/jax-ml/jax/issues/16200 (working as intended)",
        condition="a product with a subnormal input, or two inputs whose product may be subnormal",
        kinds=("values",),
        trigger=_underflows,
        outputs=_flushed_product,
    ),
    KnownDivergence(
        id="MATMUL-MIXED-DTYPES-JAX-PROMOTION",
        area="matmul",
        title="Products of mixed dtypes compute in JAX's promoted dtype",
        numpy="promotes the operands with NumPy's rules (int16 @ float16 is float32, int32 @ float32 is "
              "float64)",
        jax="promotes them with jnp.result_type (int16 @ float16 is float16, int32 @ float32 is "
            "float32), converts both operands, then multiplies",
        why="JAX's type promotion lattice keeps the float type of a float operand; its matmul converts "
            "operands with promote_dtypes before lax.dot_general",
        source="https://docs.jax.dev/en/latest/type_promotion.html",
        condition="a product of two arrays of different dtypes where jnp.result_type differs from NumPy's "
                  "result dtype",
        kinds=("dtype",),
        trigger=_promotes_otherwise,
        inputs=_promoted_inputs,
    ),
    KnownDivergence(
        id="MATMUL-BFLOAT16-NO-NUMPY-LOOP",
        area="matmul",
        title="bfloat16 products stay bfloat16 where NumPy has no bfloat16 loop",
        numpy="ml_dtypes registers no matmul/vecdot loop for bfloat16, so NumPy computes in float32; "
              "einsum raises TypeError: invalid data type for einsum",
        jax="computes the product in bfloat16 (accumulating in float32), within the bfloat16 bound",
        why="bfloat16 is native to JAX; to NumPy it is a user dtype with partial ufunc support",
        source="observed by this suite, undocumented upstream",
        condition="a bfloat16 product that NumPy computes in float32 or refuses",
        kinds=("dtype", "error-parity"),
        trigger=_bfloat16_without_numpy_loop,
        outputs=lambda example, outcome: _reference(example, tuple(example.args), result_dtype=BFLOAT16),
    ),
    KnownDivergence(
        id="MATMUL-COMPLEX-NONFINITE",
        area="matmul",
        title="Complex products with an infinite or NaN factor may give NaN where NumPy gives inf",
        numpy="multiplies complex terms with the textbook formula (-0+1j)*(inf+0j) = nan+infj",
        jax="XLA's complex dot may give nan+nanj for such a sum: an output that sums a non-finite term "
            "is asserted non-finite (NaN or infinite in some part), not which non-finite value; every "
            "other output is held to the bound",
        why="XLA does not follow C99 Annex G for complex products inside dot_general",
        source="observed by this suite, undocumented upstream",
        condition="a complex product where an output sums a term with an infinite or NaN factor",
        kinds=("values",),
        trigger=_complex_nonfinite,
        outputs=_nonfinite_at_nonfinite_terms,
    ),
    KnownDivergence(
        id="MATMUL-BOOL-OPERAND-SELECTS",
        area="matmul",
        title="A vector product with a bool operand drops the terms whose bool is False, NaN and inf too",
        numpy="converts the bool to the other dtype and multiplies: nan * False is nan, so "
              "dot(float32 [nan, 1], [False, True]) is nan",
        jax="selects: a False term is zero whatever its partner, a True term is its partner as it is "
            "(complex inf+1j stays inf+1j, where NumPy's (inf+1j)*(1+0j) is inf+nanj): that dot is 1.0; "
            "a matrix product (matmul of 2-d by 2-d, or by a vector) multiplies, as NumPy",
        why="jnp.dot passes the bool operand unconverted to lax.dot_general (preferred_element_type "
            "float32); XLA's CPU compiler rewrites a dot whose elements pair one to one (no free "
            "dimensions: vector by vector, vdot, vecdot of equal shapes, a full tensordot, einsum of two "
            "vectors) as a reduction of a select",
        source="observed by this suite, undocumented upstream (the bool operand reaching dot_general: "
               "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/tensor_contractions.py)",
        condition="dot, inner, vdot, matmul, tensordot, einsum, vecdot or multi_dot of two operands whose "
                  "elements pair one to one, one bool and the other float or complex with an infinity or "
                  "a NaN",
        kinds=("values",),
        trigger=_bool_selects,
        inputs=_selected_inputs,
    ),
    KnownDivergence(
        id="MATMUL-F32-REDUCED-PRECISION",
        area="matmul",
        title="float32 products run at reduced precision on GPUs (TF32) and TPUs (bfloat16 passes)",
        numpy="computes float32 products in float32",
        jax="by default rounds float32 operands to TensorFloat-32 on GPUs and to bfloat16 on TPUs; "
            "precision='highest' or jax.default_matmul_precision('float32') restores float32",
        why="jax_default_matmul_precision is 'default', which lets XLA pick the fastest precision",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.default_matmul_precision.html",
        condition="a float32 or complex64 product at default precision, on a GPU or TPU",
        kinds=("values",),
        trigger=_default_precision_float32,
        outputs=_reduced_precision_product,
        platforms=("gpu", "tpu"),
    ),
)

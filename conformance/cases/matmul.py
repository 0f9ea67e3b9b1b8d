"""The matmul area's cases: matmul and `@`, the products users batch by hand (dot, vdot, inner, outer,
tensordot, einsum, matvec, vecmat, vecdot), `jax.vmap` of matmul, and matmul at float32 precision.

Values are compared with an error bound, not a flat tolerance: a product's rounding error grows with its
inner dimension k. Each case's NumPy reference is a `BoundedProduct`: NumPy's own call decides the errors,
the result's shape and dtype; the values come from the same product computed in long double, with an
elementwise bound carried on the expected `Value` (`Value.atol`):

    |C - round(C_ref)| <= (c·k + 1)·u·(|A| @ |B|) + 2·k·η

u is the unit roundoff of the result dtype, k the number of terms summed into each element (computed as
the product of arrays of ones, so it is right for every contraction, including k = 0, which must give
exact zeros), |A| @ |B| the same product of the absolute values, c = 2 for real and 4 for complex
results (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., §3.1 and §3.6: γ_k for real
inner products, √2·γ_{k+2} for complex ones, rounded up), and the 1 pays for rounding C_ref to the dtype.
η, the smallest subnormal of the dtype, is what each rounding may lose to gradual underflow (§2.1).
Where the finite terms' |A| @ |B| may overflow the result dtype, the summation order decides whether a
partial sum overflows: if none does, the bound holds; if one does, the result is not finite (an infinity
never sums back to a finite value; XLA's kernels may turn it into NaN in some part, as a complex gemv
scaling by 1+0j does). So either is accepted there, nothing else (`Value.nonfinite`). Integer and bool
results are NumPy's own, compared exactly (integer products wrap on both sides).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jax
import ml_dtypes
import numpy as np

from conformance.case import Case
from conformance.outcome import Outcome, Value
from conformance.strategies import BFLOAT16, kind_of

AREA = "matmul"

# Unit roundoff (half an ulp of 1) of each inexact result dtype.
UNIT_ROUNDOFF: dict[str, float] = {
    "float16": 2.0**-11, "bfloat16": 2.0**-8, "float32": 2.0**-24, "float64": 2.0**-53,
    "complex64": 2.0**-24, "complex128": 2.0**-53,
}
# The reduced precisions accelerators use for float32 products by default (see the catalogue).
TF32_UNIT_ROUNDOFF = 2.0**-11  # TensorFloat-32: a 10-bit mantissa (NVIDIA GPUs)
BFLOAT16_PASS_UNIT_ROUNDOFF = 2.0**-8  # one bfloat16 pass (TPUs)
REAL_CONSTANT, COMPLEX_CONSTANT = 2, 4


def _finfo(dtype: np.dtype):
    dtype = np.dtype(dtype)
    return ml_dtypes.finfo(BFLOAT16) if dtype == BFLOAT16 else np.finfo(dtype)


def largest_finite(dtype: np.dtype) -> float:
    return float(_finfo(dtype).max)


def underflow_unit(dtype: np.dtype) -> float:
    """The absolute error one rounding may add under IEEE gradual underflow: the smallest subnormal."""
    return float(_finfo(dtype).smallest_subnormal)


def widened(x: Any) -> np.ndarray:
    """`x` in long double (complex long double for complex input): exact for every input dtype."""
    x = np.asarray(x)
    if x.dtype == BFLOAT16:
        x = x.astype(np.float32)
    return x.astype(np.clongdouble if x.dtype.kind == "c" else np.longdouble)


def doubled(x: Any) -> np.ndarray:
    """`x` in float64 (complex128 for complex input)."""
    x = np.asarray(x)
    return x.astype(np.complex128 if x.dtype.kind == "c" else np.float64)


def finite_magnitude(x: np.ndarray) -> np.ndarray:
    return np.where(np.isfinite(x), np.abs(x), 0)


@dataclass(frozen=True)
class BoundedProduct:
    """The NumPy reference of a bilinear product `product(a, b, *static)` (NumPy arrays in, out).

    Called like the product, it returns NumPy's own result for integer and bool results, and otherwise
    a `Value` holding the long-double result rounded to NumPy's result dtype, with its elementwise error
    bound (see the module docstring). Catalogue models ask for other terms with the keywords: the result
    dtype JAX documents, the unit roundoff of a reduced precision, and an absolute `underflow` slack per
    term (flush-to-zero arithmetic).
    """

    product: Callable[..., Any]

    def __call__(self, a: Any, b: Any, *static: Any, result_dtype: np.dtype | None = None,
                 unit_roundoff: float | None = None, underflow: float = 0.0) -> Any:
        if result_dtype is None:
            result = np.asarray(self.product(a, b, *static))  # NumPy's errors, shape and dtype
            if kind_of(result.dtype) not in "fc":
                return result
            result_dtype = result.dtype
        return self.bounded(a, b, *static, result_dtype=np.dtype(result_dtype),
                            unit_roundoff=unit_roundoff, underflow=underflow)

    def terms(self, a: Any, b: Any, *static: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(C_ref, |A| @ |B| over finite inputs, k per element), all in long double or float64. With an
        empty operand there is no product to round: float64 (complex128) is exact, and NumPy 2.4.6's
        einsum of complex long doubles with an empty operand corrupts the heap (observed here:
        np.einsum('bi,bj->bij', ones((1, 2)), ones((1, 0))) in np.clongdouble, 200 times, ends in
        "munmap_chunk(): invalid pointer"; not with numpy 2.5.5, complex128 or longdouble)."""
        widen = widened if np.size(a) and np.size(b) else doubled
        wide_a, wide_b = widen(a), widen(b)
        with np.errstate(all="ignore"):
            reference = np.asarray(self.product(wide_a, wide_b, *static))
            magnitude = np.asarray(self.product(finite_magnitude(wide_a), finite_magnitude(wide_b),
                                                *static)).real
            count = np.asarray(self.product(np.ones(np.shape(a)), np.ones(np.shape(b)), *static)).real
        return reference, magnitude, count

    def bounded(self, a: Any, b: Any, *static: Any, result_dtype: np.dtype,
                unit_roundoff: float | None = None, underflow: float = 0.0) -> Value:
        reference, magnitude, k = self.terms(a, b, *static)
        u = UNIT_ROUNDOFF[result_dtype.name] if unit_roundoff is None else unit_roundoff
        c = COMPLEX_CONSTANT if kind_of(result_dtype) == "c" else REAL_CONSTANT
        with np.errstate(all="ignore"):
            absolute = 2 * k * max(underflow, underflow_unit(result_dtype))  # k products, k - 1 sums
            bound = (c * k + 1) * u * magnitude + absolute
            may_overflow = magnitude * (1 + c * k * u) > largest_finite(result_dtype)
            narrow = np.complex128 if reference.dtype.kind == "c" else np.float64
            array = reference.astype(narrow).astype(result_dtype) if result_dtype == BFLOAT16 or \
                result_dtype.itemsize < 8 else reference.astype(result_dtype)
        return Value(np.asarray(array), nonfinite=may_overflow if may_overflow.any() else None,
                     atol=np.asarray(bound, dtype=np.float64))

    def error_ratio(self, actual: np.ndarray, a: Any, b: Any, *static: Any) -> float | None:
        """The largest |C - C_ref| / (c·k·u·|A|·|B| + 2·k·η) of a result C, against the unrounded reference,
        over the elements where both are finite and the bound is positive and cannot overflow; None
        where there is no such element (integer results, k = 0, all zeros)."""
        actual = np.asarray(actual)
        if kind_of(actual.dtype) not in "fc":
            return None
        reference, magnitude, k = self.terms(a, b, *static)
        if reference.shape != actual.shape:
            return None
        u = UNIT_ROUNDOFF[np.dtype(actual.dtype).name]
        c = COMPLEX_CONSTANT if kind_of(actual.dtype) == "c" else REAL_CONSTANT
        wide = actual.astype(np.complex128 if actual.dtype.kind == "c" else np.float64).astype(
            reference.dtype)
        with np.errstate(all="ignore"):
            bound = c * k * u * magnitude + 2 * k * underflow_unit(actual.dtype)
            keep = (np.isfinite(reference) & np.isfinite(wide) & (bound > 0)
                    & ~(magnitude * (1 + c * k * u) > largest_finite(actual.dtype)))
            if not keep.any():
                return None
            return float(np.max(np.abs(wide - reference)[keep] / bound[keep]))


def bound_ratio(expected: Value, actual: Value) -> float | None:
    """The largest |actual - expected| as a fraction of the bound, over elements finite on both sides
    (0 where the bound is 0 and the values are equal); None where there is no bound to measure."""
    if expected.atol is None or expected.shape != actual.shape or expected.dtype != actual.dtype:
        return None
    e = expected.array.astype(np.complex128 if expected.dtype.kind == "c" else np.float64)
    a = actual.array.astype(e.dtype)
    atol = np.broadcast_to(expected.atol, e.shape)
    keep = np.isfinite(e) & np.isfinite(a) & np.isfinite(atol)
    if expected.free is not None:
        keep &= ~np.broadcast_to(expected.free, e.shape)
    if not keep.any():
        return None
    error, atol = np.abs(a - e)[keep], atol[keep]
    with np.errstate(all="ignore"):
        ratio = np.where(atol > 0, error / np.where(atol > 0, atol, 1), np.where(error > 0, np.inf, 0))
    return float(ratio.max())


# -- vmap: NumPy's batched matmul of the same data ------------------------------------------------------
def vmap_matmul(a: np.ndarray, b: np.ndarray, in_axes: tuple[int | None, int | None]) -> np.ndarray:
    """What `jax.vmap(matmul, in_axes)(a, b)` computes, as one NumPy matmul: each batched operand's
    batch axis moved to the front, 1-D operands made matrices, every operand brought to one rank so that
    the batch axis aligns, then the added matrix dimensions removed."""
    operands, ranks = [], []
    for x, axis in zip((a, b), in_axes, strict=True):
        x = np.asarray(x)
        operands.append(x if axis is None else np.moveaxis(x, axis, 0))
        ranks.append(x.ndim - (axis is not None))
    if min(ranks) == 0:  # what NumPy's matmul says of a 0-d operand, per element
        raise ValueError("matmul: Input operand does not have enough dimensions (per batch element)")
    vector_a, vector_b = ranks[0] == 1, ranks[1] == 1
    if vector_a:
        operands[0] = np.expand_dims(operands[0], -2)
    if vector_b:
        operands[1] = np.expand_dims(operands[1], -1)
    rank = max(max(ranks), 2)
    aligned = []
    for x, axis, r in zip(operands, in_axes, ranks, strict=True):
        per_element = max(r, 2)
        if axis is None:
            x = x.reshape((1,) * (1 + rank - per_element) + x.shape)
        else:
            x = x.reshape(x.shape[:1] + (1,) * (rank - per_element) + x.shape[1:])
        aligned.append(x)
    out = np.matmul(*aligned)
    if vector_b:
        out = out[..., 0]
    if vector_a:
        out = out[..., 0, :] if not vector_b else out[..., 0]
    return out


def _product_case(name: str, fn: Callable, source: str, product: Callable, numpy_source: str, *,
                  arg_names: tuple[str, ...] = ("a", "b"), tags: frozenset[str] = frozenset(),
                  imports: tuple[str, ...] = ()) -> Case:
    return Case(name=name, area=AREA, fn=fn, source=source, arg_names=arg_names,
                numpy_reference=BoundedProduct(product), numpy_source=numpy_source, imports=imports,
                tags=frozenset({"product"}) | tags)


MATMUL = _product_case("matmul", lambda xp, a, b: xp.matmul(a, b), "xp.matmul(a, b)", np.matmul,
                       "np.matmul(a, b)")
MATMUL_OPERATOR = _product_case("a @ b", lambda xp, a, b: a @ b, "a @ b", operator.matmul, "a @ b")
DOT = _product_case("dot", lambda xp, a, b: xp.dot(a, b), "xp.dot(a, b)", np.dot, "np.dot(a, b)")
VDOT = _product_case("vdot", lambda xp, a, b: xp.vdot(a, b), "xp.vdot(a, b)", np.vdot, "np.vdot(a, b)")
INNER = _product_case("inner", lambda xp, a, b: xp.inner(a, b), "xp.inner(a, b)", np.inner,
                      "np.inner(a, b)")
OUTER = _product_case("outer", lambda xp, a, b: xp.outer(a, b), "xp.outer(a, b)", np.outer,
                      "np.outer(a, b)")
TENSORDOT = _product_case("tensordot", lambda xp, a, b, axes: xp.tensordot(a, b, axes),
                          "xp.tensordot(a, b, axes)", np.tensordot, "np.tensordot(a, b, axes)",
                          arg_names=("a", "b", "axes"))
EINSUM = _product_case("einsum", lambda xp, a, b, spec: xp.einsum(spec, a, b),
                       "xp.einsum(spec, a, b)", lambda a, b, spec: np.einsum(spec, a, b),
                       "np.einsum(spec, a, b)", arg_names=("a", "b", "spec"))
# The gufuncs NumPy 2.2 added, where both namespaces have them.
VECTOR_PRODUCTS: tuple[Case, ...] = tuple(
    _product_case(name, lambda xp, a, b, name=name: getattr(xp, name)(a, b), f"xp.{name}(a, b)",
                  getattr(np, name), f"np.{name}(a, b)")
    for name in ("matvec", "vecmat", "vecdot") if hasattr(np, name) and hasattr(jax.numpy, name)
)
VMAP_MATMUL = _product_case(
    "vmap(matmul)", lambda xp, a, b, in_axes: jax.vmap(xp.matmul, in_axes=in_axes)(a, b),
    "jax.vmap(xp.matmul, in_axes=in_axes)(a, b)", vmap_matmul,
    "vmap_matmul(a, b, in_axes)", arg_names=("a", "b", "in_axes"),
    imports=("# NumPy's side: the same batched product as one np.matmul (this suite's reference)",
             "from conformance.cases.matmul import vmap_matmul"))
# float32 products at full precision, whatever the device's default: the float32 bound must hold.
MATMUL_HIGHEST = _product_case(
    "matmul precision=highest", lambda xp, a, b: xp.matmul(a, b, precision="highest"),
    "xp.matmul(a, b, precision='highest')", np.matmul, "np.matmul(a, b)",
    tags=frozenset({"full-precision"}))
MATMUL_FLOAT32_CONTEXT = _product_case(
    "matmul under default_matmul_precision('float32')",
    lambda xp, a, b: jax.default_matmul_precision("float32")(lambda: xp.matmul(a, b))(),
    "jax.default_matmul_precision('float32')(lambda: xp.matmul(a, b))()",
    np.matmul, "np.matmul(a, b)", tags=frozenset({"full-precision"}))

MATMUL_CASES = (MATMUL, MATMUL_OPERATOR)
PRECISION_CASES = (MATMUL_HIGHEST, MATMUL_FLOAT32_CONTEXT)
ALL: tuple[Case, ...] = (*MATMUL_CASES, DOT, VDOT, INNER, OUTER, TENSORDOT, EINSUM, *VECTOR_PRODUCTS,
                         VMAP_MATMUL, *PRECISION_CASES)


def reference_outcome(case: Case, args: tuple, **terms: Any) -> Outcome:
    """The case's bounded reference on `args`, with other terms (for catalogue models)."""
    reference = case.numpy_reference
    if not isinstance(reference, BoundedProduct):
        raise TypeError(f"case {case.name!r} has no bounded reference")
    return Outcome((reference.bounded(*args, **terms),))

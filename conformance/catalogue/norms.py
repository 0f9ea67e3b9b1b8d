"""Known divergences of the norms, products and views of jax.numpy.linalg (`conformance/registry/norms.py`):
vector_norm of integers computed in integer arithmetic, subnormals flushed, the SVD norms of half
precision and of NaN, repeated axes, and the errors some products raise."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np
import opt_einsum

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
    nonfinite_where,
    raises,
)
from conformance.example import Example
from conformance.norm_bounds import _plan
from conformance.outcome import Outcome, Value
from conformance.strategies import BFLOAT16, kind_of

_LINALG = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/linalg.py"


def _tagged(example: Example, tag: str) -> bool:
    return tag in example.case.tags


def _x(example: Example) -> np.ndarray:
    return np.asarray(example.args[0])


def _options(example: Example) -> dict:
    return {k: option(example, k) for k in example.case.options}


def _jax_dtype(example: Example, dtype: np.dtype) -> np.dtype:
    return np.dtype(dtype) if example.env.x64 else canonical_dtype(dtype)


# -- vector_norm of bool and integer arrays ------------------------------------------------------------
def _integer_vector_norm(example: Example) -> bool:
    """vector_norm of bool or integers where NumPy returns, or where it refuses the axis and jnp's
    integer power refuses the order first (a negative order of signed or unsigned integers)."""
    if not _tagged(example, "vector_norm") or kind_of(_x(example).dtype) not in "biu":
        return False
    ord = option(example, "ord")
    return not example.numpy.raised or (_x(example).dtype != bool and ord < 0 and ord != -np.inf)


def _sum_dtype(dtype: np.dtype, x64: bool) -> np.dtype:
    """jnp.sum's dtype for bool and integer input: the default int (uint for unsigned input)."""
    if dtype.kind == "u":
        return np.dtype(np.uint64 if x64 else np.uint32)
    return np.dtype(np.int64 if x64 else np.int32)


def _vector_norm_in_integers(example: Example, outcome: Outcome) -> Outcome:
    """jnp.linalg.vector_norm's own steps on the integers (it does not promote them): x * conj(x) and
    |x| ** p wrap around in x's dtype, the sums are jnp.sum's (the default int), the root's exponent
    1/p is converted to x's dtype (0 for p >= 2: every result is 1; 1 for p = 1), ord=±inf is max/min
    of |x| in x's dtype (|int_min| wraps), ord=0 and negative orders raise."""
    x = _x(example)
    x = x.astype(_jax_dtype(example, x.dtype))
    ord, keepdims = option(example, "ord"), option(example, "keepdims")
    axis = option(example, "axis")
    total = _sum_dtype(x.dtype, example.env.x64)
    if ord == 0:
        return finfo_refusal(example, outcome)
    if ord in (np.inf, -np.inf):
        size = np.abs(x)  # wraps in x's dtype, as lax.abs does
        if ord > 0:
            value = np.max(size, axis=axis, keepdims=keepdims, initial=0)
        else:
            value = np.min(size, axis=axis, keepdims=keepdims)
        return Outcome((Value(np.asarray(value, dtype=x.dtype)),))
    if ord == 2:
        squares = x & x if x.dtype == bool else x * x  # wraps in x's dtype
        summed = np.sum(squares, axis=axis, keepdims=keepdims, dtype=total)
        inexact = np.float64 if total.itemsize == 8 else np.float32
        return Outcome((Value(np.sqrt(summed.astype(inexact))),))
    if x.dtype == bool:  # bool ** True: the count of True values, whatever the order
        return Outcome((Value(np.asarray(np.sum(x, axis=axis, keepdims=keepdims, dtype=total))),))
    power = int(ord)  # the order converted to x's dtype (lax._const)
    if power < 0:
        if x.dtype.kind == "u":
            return raises("OverflowError", r"out of bounds for uint")(example, outcome)
        return raises("TypeError", r"Integers cannot be raised to negative powers")(example, outcome)
    size = np.abs(x)
    summed = np.sum(size**power, axis=axis, keepdims=keepdims, dtype=total)  # wraps in x's dtype
    value = summed if power == 1 else np.ones_like(summed)  # out ** int(1 / power)
    return Outcome((Value(np.asarray(value, dtype=total)),))


def _integer_norm(example: Example) -> bool:
    """norm or matrix_norm of bool or integers, where NumPy returns (DTYPE-INT-TO-INEXACT leaves out calls
    with a Python float: ord=inf)."""
    return (_tagged(example, "norm") and not _tagged(example, "vector_norm") and not example.numpy.raised
            and kind_of(_x(example).dtype) in "biu")


def _norm_of_floats(example: Example, outcome: Outcome) -> Outcome:
    """The bounded norm of the values converted to float32 (float64 for 64-bit integers with x64 on)."""
    x = _x(example)
    dtype = jax_inexact_dtype(x.dtype, x64=example.env.x64)
    return Outcome((example.case.numpy_reference(x.astype(dtype), *example.args[1:], result_dtype=dtype),))


# -- multi_dot's promotion --------------------------------------------------------------------------------
def _multi_dot_promotes_otherwise(example: Example) -> bool:
    if not _tagged(example, "multi-dot") or example.numpy.raised:
        return False
    dtypes = {np.asarray(a).dtype for a in example.args[0]}
    # (with x64 off too: NumPy's 64-bit result of 32-bit arrays is no bound for JAX's 32-bit one)
    return len(dtypes) > 1 and np.dtype(jnp.result_type(*dtypes)) != example.numpy.values[0].dtype


def _promoted_pieces(example: Example) -> tuple:
    dtype = np.dtype(jnp.result_type(*(np.asarray(a).dtype for a in example.args[0])))
    return ([np.asarray(a).astype(dtype) for a in example.args[0]], *example.args[1:])


def _chain_touched(example: Example) -> np.ndarray:
    """multi_dot's outputs that sum a term with an infinite or NaN factor: the chain of the arrays'
    indicators (1 where not finite) with every other array's ones, one chain per array."""
    arrays = [np.asarray(a) for a in example.args[0]]
    touched = 0
    for i in range(len(arrays)):
        chain = [np.ones(a.shape) for a in arrays]
        chain[i] = (~np.isfinite(arrays[i])).astype(np.float64)
        touched = touched + np.asarray(np.linalg.multi_dot(chain))
    return np.asarray(touched) > 0


def _multi_dot_nonfinite(example: Example) -> bool:
    if not _tagged(example, "multi-dot") or example.numpy.raised \
            or kind_of(example.numpy.values[0].dtype) not in "fc":
        return False
    arrays = [np.asarray(a) for a in example.args[0]]
    return not all(np.isfinite(a).all() for a in arrays if kind_of(a.dtype) in "fc") \
        and bool(np.any(_chain_touched(example)))


def _integer_pair_contracted(example: Example) -> bool:
    """multi_dot whose contraction path (opt_einsum's 'auto', as jnp.einsum takes it) multiplies two
    integer arrays together while the promoted dtype of all the arrays, jnp.einsum's
    preferred_element_type, is a float narrower than their product's integer dtype."""
    if not _tagged(example, "multi-dot") or example.numpy.raised:
        return False
    arrays = [np.asarray(a).astype(_jax_dtype(example, np.asarray(a).dtype)) for a in example.args[0]]
    preferred = np.dtype(jnp.result_type(*(a.dtype for a in arrays)))
    if kind_of(preferred) not in "fc" or len(arrays) < 2:
        return False
    axes = [(i, i + 1) for i in range(len(arrays))]
    if arrays[0].ndim == 1:
        axes[0] = axes[0][1:]
    if arrays[-1].ndim == 1:
        axes[-1] = axes[-1][:1]
    letters = ["".join("abcdefgh"[i] for i in ax) for ax in axes]
    joined = "".join(letters)
    output = "".join(c for c in sorted(set(joined)) if joined.count(c) == 1)  # the uncontracted ends
    equation = f"{','.join(letters)}->{output}"
    path, _ = opt_einsum.contract_path(equation, *(a.shape for a in arrays), optimize="auto", shapes=True)
    dtypes = [a.dtype for a in arrays]
    for step in path:
        pair = [dtypes[i] for i in step]
        for i in sorted(step, reverse=True):
            del dtypes[i]
        if len(pair) == 2 and all(d.kind in "biu" for d in pair) \
                and np.result_type(*pair).itemsize > preferred.itemsize:
            return True
        dtypes.append(preferred)
    return False


# -- subnormals -------------------------------------------------------------------------------------------
def _arrays(example: Example) -> list[np.ndarray]:
    first = example.args[0]
    if isinstance(first, (list, tuple)):
        return [np.asarray(a) for a in first]
    count = 2 if "cross" in example.case.tags else 1
    return [np.asarray(a) for a in example.args[:count]]


def _flushes_in_the_arithmetic(example: Example) -> bool:
    """A norm, multi_dot or cross of float or complex arrays holding a subnormal (or with a subnormal
    NumPy result), compiled."""
    if not _tagged(example, "linalg-bounded") or example.numpy.raised or not flushes(example):
        return False
    arrays = _arrays(example)
    if kind_of(example.numpy.values[0].dtype) not in "fc":
        return False
    return (any(has_subnormal(a) for a in arrays) or any(has_subnormal(v.array) for v in example.numpy.values)
            or _tiny_terms(example))


def _tiny_terms(example: Example) -> bool:
    """A norm one of whose terms |x|^p (p = 2 for 'fro' and the SVD norms, 1 for the others of a matrix)
    is below the smallest normal number of the dtype JAX computes in."""
    if not _tagged(example, "norm"):
        return False
    x = _x(example)
    kind, _, ord = _plan(example.case.name.removeprefix("linalg."), x, _options(example))
    p = (ord if ord not in (0, np.inf, -np.inf) else 1) if kind == "vector" else (
        1 if ord in (1, -1, np.inf, -np.inf) else 2)
    size = np.abs(x.astype(np.complex128 if kind_of(x.dtype) == "c" else np.float64))
    size = size[np.isfinite(size) & (size > 0)]
    with np.errstate(all="ignore"):
        terms = size**p
    return bool(np.any(terms < _tiny(_jax_dtype(example, example.numpy.values[0].dtype))))


def _tiny(dtype: np.dtype) -> float:
    dtype = np.dtype(dtype)
    if dtype.name in ("float64", "complex128"):
        return float(np.finfo(np.float64).tiny)
    return float(np.finfo(np.float32).tiny)  # float16 and bfloat16 compute in float32 on XLA


def _flushed(example: Example, outcome: Outcome) -> Outcome:
    """The row's bounded reference on the flushed inputs, in JAX's dtype, each step allowed the smallest
    normal number (XLA's FTZ/DAZ)."""
    own = example.numpy.values[0].dtype
    dtype = _jax_dtype(example, own)
    underflow = max(_tiny(dtype), *(_tiny(a.dtype) for a in _arrays(example)))
    first = example.args[0]
    if isinstance(first, (list, tuple)):
        args = ([flush_subnormals(np.asarray(a)) for a in first], *example.args[1:])
    else:
        count = len(_arrays(example))
        args = (*(flush_subnormals(np.asarray(a)) for a in example.args[:count]), *example.args[count:])
    result = example.case.numpy_reference(*args, underflow=underflow, result_dtype=dtype)
    return Outcome((result if isinstance(result, Value) else Value(np.asarray(result)),))


# -- bfloat16 ----------------------------------------------------------------------------------------------
def _bfloat16_norm(example: Example) -> bool:
    return (_tagged(example, "norm") and _x(example).dtype == BFLOAT16 and not example.numpy.raised
            and not _svd_norm(example))


# -- SVD norms --------------------------------------------------------------------------------------------
def _svd_norm(example: Example) -> bool:
    """norm or matrix_norm with ord 2, -2 or 'nuc' of a matrix (as NumPy reads the call)."""
    if not _tagged(example, "norm"):
        return False
    x = _x(example)
    try:
        kind, _, ord = _plan(example.case.name.removeprefix("linalg."), x, _options(example))
    except Exception:  # noqa: BLE001 - a call NumPy refuses for its axes
        return False
    return kind == "matrix" and ord in (2, -2, "nuc")


def _svd_of_half_precision(example: Example) -> bool:
    x = _x(example)
    return _svd_norm(example) and (x.dtype == np.float16 or x.dtype == BFLOAT16) and (
        example.numpy.raised or x.size > 0) and x.ndim >= 2


def _svd_of_nan(example: Example) -> bool:
    error = example.numpy.error
    return (_svd_norm(example) and error is not None and "did not converge" in error.message
            and kind_of(_x(example).dtype) in "fc")


def _nan_where_not_finite(example: Example, outcome: Outcome) -> Outcome:
    """The bounded reference, with every matrix that holds a non-finite value read as zeros, then NaN
    at those matrices' norms."""
    x = _x(example)
    x = x.astype(_jax_dtype(example, x.dtype))
    _, (row, col), _ = _plan(example.case.name.removeprefix("linalg."), x, _options(example))
    keepdims = option(example, "keepdims")
    bad = np.any(~np.isfinite(x), axis=(row, col), keepdims=keepdims)
    zeroed = np.where(np.isfinite(x), x, 0).astype(x.dtype)
    value = example.case.numpy_reference(zeroed, *example.args[1:])
    array = np.where(bad, np.nan, value.array).astype(value.dtype)
    return Outcome((Value(array, atol=np.where(bad, 0, value.atol)),))


def _numpy_cannot_reshape_empty(example: Example) -> bool:
    error = example.numpy.error
    return (_tagged(example, "norm") and error is not None
            and "cannot reshape array of size 0" in error.message)


_MINIMA = (-np.inf, -1, -2)  # ords that take a min: of nothing, an error


def _norm_of_nothing(example: Example, outcome: Outcome) -> Outcome:
    """jnp's norm where NumPy cannot reshape an empty array: the norm's shape (the reduced axes kept with
    length 1, or removed) in JAX's dtype, 0 for each element (a sum of no terms, a max with initial 0),
    inf for a negative p (0 ** (1/p)); a min over nothing raises ValueError, as NumPy's; vector_norm of
    integers as NORM-VECTOR-NORM-INTEGER-ARITHMETIC computes it."""
    x = _x(example)
    if _integer_vector_norm(example):
        return _vector_norm_in_integers(example, outcome)
    kind, axes, ord = _plan(example.case.name.removeprefix("linalg."), x, _options(example))
    shape = [1 if axis in axes else side for axis, side in enumerate(x.shape)]
    if not option(example, "keepdims"):
        shape = [side for axis, side in enumerate(shape) if axis not in axes]
    size = int(np.prod(shape))
    if size and (ord in _MINIMA or (kind == "matrix" and ord == -np.inf)):
        return outcome
    dtype = (_jax_dtype(example, x.real.dtype) if kind_of(x.dtype) in "fc"
             else jax_inexact_dtype(x.dtype, x64=example.env.x64))
    fill = np.inf if kind == "vector" and ord not in (0, np.inf) and ord < 0 else 0
    return Outcome((Value(np.full(shape, fill, dtype)),))


# -- repeated axes ----------------------------------------------------------------------------------------
def _repeated_axis_pair(example: Example) -> bool:
    if example.case.name != "linalg.norm":
        return False
    axis, x = option(example, "axis"), _x(example)
    return (isinstance(axis, tuple) and len(axis) == 2 and x.ndim > 0
            and all(-x.ndim <= a < x.ndim for a in axis) and axis[0] % x.ndim == axis[1] % x.ndim
            and example.numpy.raised)


def _norm_of_repeated_axis(example: Example, outcome: Outcome) -> Outcome:
    """jnp.linalg.norm with axis (a, a): ord ±1 and ±inf sum |x| along a, then take the max (min) along
    a again: with keepdims, along the kept axis of length 1 (the vector 1-norm along a); without, along
    the axis that came after a (NumPy's ord=±1 matrix norm over (a, a + 1); an error where a is the last
    axis); any other ord refuses the repeated axis."""
    x = _x(example)
    ord, keepdims = option(example, "ord"), option(example, "keepdims")
    a = option(example, "axis")[0] % x.ndim
    x = x.astype(_jax_dtype(example, x.dtype) if kind_of(x.dtype) in "fc"
                 else jax_inexact_dtype(x.dtype, x64=example.env.x64))
    if ord in (2, -2, "nuc") and x.ndim >= 2:  # moveaxis's transpose refuses the repeated axis
        return raises("TypeError", r"isn't a permutation of operand dimensions")(example, outcome)
    if ord not in (1, -1, np.inf, -np.inf):  # a ValueError as NumPy's (its own words)
        return outcome
    norm = example.case.numpy_reference
    if keepdims and x.size == 0:  # the bounded reference reads no empty array: an empty result
        return Outcome((Value(np.zeros(tuple(1 if i == a else n for i, n in enumerate(x.shape)), x.dtype)),))
    if keepdims:
        return Outcome((norm(x, 1, a, True),))
    if a == x.ndim - 1:
        return raises("ValueError", r"out of bounds")(example, outcome)
    return Outcome((norm(x, 1 if ord > 0 else -1, (a, a + 1), False),))


# -- products ---------------------------------------------------------------------------------------------
def _kron_of_bool(example: Example) -> bool:
    return (example.case.name == "kron" and not example.numpy.raised
            and all(np.asarray(a).dtype == bool for a in example.args[:2]))


def _tensordot_axes_beyond_ranks(example: Example) -> bool:
    error = example.numpy.error
    return example.case.name == "linalg.tensordot" and error is not None and error.kind() == "IndexError"


def _tensordot_refusal(example: Example, outcome: Outcome) -> Outcome:
    if isinstance(option(example, "axes"), int):
        return raises("TypeError", r"exceeds input ranks")(example, outcome)
    return raises("ValueError", r"out of bounds for array of dimension")(example, outcome)


def _vecdot_axis_out_of_range(example: Example) -> bool:
    error = example.numpy.error
    return (example.case.name == "linalg.vecdot" and error is not None and "out of bounds" in error.message)


def _cross_batches_differ(example: Example) -> bool:
    error = example.numpy.error
    return ("cross" in example.case.tags and error is not None and error.kind() == "ValueError"
            and "cannot be broadcast" in error.message)


def _cross_of_bool_past_axisc(example: Example) -> bool:
    """cross of bools where NumPy refuses axisc first (it checks axisc before computing; jnp computes,
    then moves the result's axis)."""
    error = example.numpy.error
    return ("cross" in example.case.tags and error is not None and error.message.startswith("axisc")
            and all(np.asarray(a).dtype == bool for a in example.args[:2]))


def _linalg_cross_axis_out_of_range(example: Example) -> bool:
    error = example.numpy.error
    return (example.case.name == "linalg.cross" and error is not None and error.type == "AxisError"
            and "out of bounds" in error.message)


_FTZ = "https://github.com/jax-ml/jax/issues/16200 (working as intended)"
ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="NORM-VECTOR-NORM-INTEGER-ARITHMETIC",
        area="linalg",
        title="linalg.vector_norm of bool and integer arrays computes in integer arithmetic",
        numpy="converts the array to float64 first: vector_norm(int8 [100, -128, 3]) is 162.46, ord=3 "
              "145.77, ord=inf 128.0, ord=0 3.0",
        jax="computes in the input's dtype: x * conj(x) and |x| ** p wrap around (ord=2 gives sqrt(25) = "
            "5.0), |int_min| is int_min (ord=inf gives 100 of dtype int8), the root's exponent 1/p "
            "becomes an integer (ord=3 gives 1, ord=1 the integer sum), ord=0 raises ValueError (np.finfo's "
            "message: not inexact; numpy 2.5: not compatible with finfo), negative orders TypeError "
            "(OverflowError for unsigned input); bool arrays give the "
            "count of True values for every finite order but 2",
        why="jnp.linalg.vector_norm does not promote its input to inexact (jnp.linalg.norm does: "
            "promote_dtypes_inexact), so lax's integer arithmetic applies",
        source=_LINALG + " (vector_norm); observed by this suite, undocumented upstream",
        condition="linalg.vector_norm of a bool or integer array, where NumPy returns",
        kinds=("dtype", "values", "error-parity", "error-kind"),
        trigger=_integer_vector_norm,
        outputs=_vector_norm_in_integers,
    ),
    KnownDivergence(
        id="NORM-INTEGERS-TO-FLOAT32",
        area="linalg",
        title="linalg.norm and matrix_norm of bool and integer arrays compute in float32",
        numpy="converts the array to float64 (astype(float)) and returns float64",
        jax="converts it to float32 (float64 for 64-bit integers with x64 on) and returns that dtype, "
            "within its bound",
        why="jnp.linalg.norm promotes with promote_dtypes_inexact, to JAX's default float for the input",
        source=_LINALG + " (norm: promote_dtypes_inexact); https://docs.jax.dev/en/latest/type_promotion.html",
        condition="norm or matrix_norm of a bool or integer array, where NumPy returns",
        kinds=("dtype", "values"),
        trigger=_integer_norm,
        outputs=_norm_of_floats,
    ),
    KnownDivergence(
        id="NORM-MULTI-DOT-JAX-PROMOTION",
        area="linalg",
        title="multi_dot of mixed dtypes computes in JAX's promoted dtype",
        numpy="promotes with NumPy's rules (int32 with complex64 is complex128)",
        jax="promotes every array to jnp.result_type of them all (int32 with complex64 is complex64), "
            "then multiplies",
        why="JAX's type promotion lattice keeps the inexact operand's width; jnp.linalg.multi_dot promotes "
            "its arrays before the products",
        source="https://docs.jax.dev/en/latest/type_promotion.html",
        condition="multi_dot of arrays of several dtypes where jnp.result_type differs from NumPy's result "
                  "dtype",
        kinds=("dtype", "values"),
        trigger=_multi_dot_promotes_otherwise,
        inputs=_promoted_pieces,
    ),
    KnownDivergence(
        id="NORM-MULTI-DOT-NONFINITE-ORDER",
        area="linalg",
        title="multi_dot with an infinite or NaN factor may give another non-finite value",
        numpy="multiplies in the order of its cost model: [[-inf, x]] @ B @ C can be -inf",
        jax="may give NaN there (another order of the products, or XLA's dot, meets inf·0): an output "
            "that sums a term with a non-finite factor is asserted non-finite (NaN or infinite), not "
            "which; every other output is held to the bound",
        why="inf·0 is NaN: which non-finite value a chain gives depends on the order of its products",
        source="observed by this suite, undocumented upstream",
        condition="multi_dot with a float or complex result where an output sums a term with an infinite "
                  "or NaN factor",
        kinds=("values",),
        trigger=_multi_dot_nonfinite,
        outputs=nonfinite_where(_chain_touched),
    ),
    KnownDivergence(
        id="NORM-MULTI-DOT-INTEGER-PAIR-TYPEERROR",
        area="linalg",
        title="multi_dot that multiplies two wide integer arrays together under a 16-bit float raises",
        numpy="promotes and multiplies: multi_dot of int32, int32 and bfloat16 2x2 arrays is float64",
        jax="raises TypeError: `preferred_element_type` must not be narrower than the original type "
            "(the int32 product of the two integer arrays, asked for in bfloat16)",
        why="jnp.linalg.multi_dot is jnp.einsum with optimize='auto': each contraction on opt_einsum's "
            "path is a dot_general of the two operands in their own dtypes with preferred_element_type "
            "the promoted dtype of all of them, which lax refuses narrower than an integer product",
        source=_LINALG + " (multi_dot: einsum(..., optimize='auto')); observed by this suite, "
               "undocumented upstream",
        condition="multi_dot whose contraction path (opt_einsum 'auto', on the shapes) multiplies two "
                  "integer arrays whose product's dtype is wider than the float all the arrays promote to",
        kinds=("error-parity",),
        trigger=_integer_pair_contracted,
        outputs=raises("TypeError", r"preferred_element_type` must not be narrower"),
    ),
    KnownDivergence(
        id="NORM-FLUSH-SUBNORMALS",
        area="linalg",
        title="Norms, multi_dot and cross flush subnormal inputs and partial results",
        numpy="computes with IEEE gradual underflow",
        jax="reads subnormal inputs as zero and flushes subnormal terms, products and partial sums "
            "(FTZ/DAZ): each step may be off by the smallest normal number (ord=0 counts a subnormal as "
            "zero)",
        why="XLA sets the CPU's flush-to-zero and denormals-are-zero modes for speed; GPUs flush too",
        source=_FTZ,
        condition="norm, vector_norm, matrix_norm, multi_dot or cross of float or complex arrays holding a "
                  "subnormal (or with a subnormal NumPy result), compiled (eager or jit)",
        kinds=("values",),
        trigger=_flushes_in_the_arithmetic,
        outputs=_flushed,
    ),
    KnownDivergence(
        id="NORM-BFLOAT16-COMPUTED-IN-BFLOAT16",
        area="linalg",
        title="Norms of bfloat16 arrays are bfloat16",
        numpy="does not count ml_dtypes' bfloat16 as inexact: converts the array to float64 and returns "
              "float64",
        jax="computes in bfloat16 (its reductions accumulate in float32) and returns bfloat16, within "
            "bfloat16's bound",
        why="bfloat16 is native to JAX; to NumPy's linalg it is a user dtype, cast with astype(float)",
        source="observed by this suite, undocumented upstream",
        condition="norm, vector_norm or matrix_norm of a bfloat16 array (but the SVD norms), where NumPy "
                  "returns",
        kinds=("dtype",),
        trigger=_bfloat16_norm,
        outputs=lambda example, outcome: Outcome((example.case.numpy_reference(
            *example.args, result_dtype=BFLOAT16),)),
    ),
    KnownDivergence(
        id="NORM-SVD-HALF-PRECISION-NOT-IMPLEMENTED",
        area="linalg",
        title="The SVD norms (ord 2, -2, 'nuc') of float16 and bfloat16 matrices raise NotImplementedError",
        numpy="raises TypeError for float16 (array type float16 is unsupported in linalg); converts "
              "bfloat16 to float64 and returns the norm",
        jax="raises NotImplementedError: Unsupported dtype float16 (bfloat16): its SVD has no kernel for "
            "them",
        why="jnp.linalg.norm calls svd, whose CPU kernels (LAPACK) take float32, float64, complex64 and "
            "complex128 only",
        source=_LINALG + " (norm: svd(x, compute_uv=False)); observed by this suite, undocumented upstream",
        condition="norm or matrix_norm with ord 2, -2 or 'nuc' over a non-empty float16 or bfloat16 matrix",
        kinds=("error-kind", "error-parity"),
        trigger=_svd_of_half_precision,
        outputs=half_precision_linalg_refusal,  # (jax 0.12: TypeError)
    ),
    KnownDivergence(
        id="NORM-SVD-NAN-WHERE-NUMPY-RAISES",
        area="linalg",
        title="The SVD norms of a matrix with a NaN are NaN where NumPy raises LinAlgError",
        numpy="raises LinAlgError: SVD did not converge (for the whole call)",
        jax="returns NaN for each matrix that holds a NaN or an infinity, each other norm within its bound",
        why="LAPACK's gesdd reports a failure that NumPy turns into an exception; JAX's svd returns NaN",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.linalg.svd.html; "
               "observed by this suite",
        condition="norm or matrix_norm with ord 2, -2 or 'nuc' where NumPy raises LinAlgError (SVD did not "
                  "converge)",
        kinds=("error-parity",),
        trigger=_svd_of_nan,
        outputs=_nan_where_not_finite,
    ),
    KnownDivergence(
        id="NORM-EMPTY-NUMPY-CANNOT-RESHAPE",
        area="linalg",
        title="Norms of zero-size arrays that NumPy cannot reshape are the norms of nothing",
        numpy="raises ValueError: cannot reshape array of size 0 into shape (0,newaxis) (a tuple of axes "
              "over a zero-size array; the SVD norms of empty matrices with keepdims=True or stacked)",
        jax="returns the norm of no values in the result's shape: 0 (a sum of no terms, a max with "
            "initial 0), inf for a negative order; a min over nothing raises ValueError as NumPy does",
        why="NumPy reshapes with -1 (or to the kept shape), which a zero-size array cannot fill; jnp "
            "reduces over the axes directly",
        source="observed by this suite, undocumented upstream (numpy/linalg/_linalg.py: vector_norm, "
               "_multi_svd_norm)",
        condition="norm, vector_norm or matrix_norm of a zero-size array where NumPy cannot reshape it",
        kinds=("error-parity", "dtype"),
        trigger=_numpy_cannot_reshape_empty,
        outputs=_norm_of_nothing,
    ),
    KnownDivergence(
        id="NORM-REPEATED-AXIS-PAIR",
        area="linalg",
        title="linalg.norm with a repeated axis pair (a, a) and ord ±1 or ±inf returns",
        numpy="raises ValueError: Duplicate axes given.",
        jax="sums |x| along a and takes the max (min) along a again: with keepdims the vector 1-norm "
            "along a; without, NumPy's ord=±1 matrix norm over (a, a + 1), or ValueError where a is the "
            "last axis; ord 2, -2 and 'nuc' of 2 or more dimensions raise TypeError (transpose "
            "permutation isn't a permutation), other orders ValueError",
        why="jnp.linalg.norm canonicalizes the pair but never checks that its axes differ",
        source=_LINALG + " (norm); observed by this suite, undocumented upstream",
        condition="linalg.norm with axis a pair of one axis in range, where NumPy raises",
        kinds=("error-parity", "error-kind"),
        trigger=_repeated_axis_pair,
        outputs=_norm_of_repeated_axis,
    ),
    KnownDivergence(
        id="NORM-KRON-BOOL-REFUSED",
        area="linalg",
        title="kron refuses bool arrays",
        numpy="multiplies bools as logical and: kron([True], [False, True]) is [False, True]",
        jax="raises TypeError: mul does not accept dtype bool",
        why="jnp.kron multiplies with lax.mul, which has no bool form",
        source="observed by this suite, undocumented upstream (" + _LINALG.replace("linalg", "lax_numpy")
               + ": kron)",
        condition="kron of two bool arrays",
        kinds=("error-parity",),
        trigger=_kron_of_bool,
        outputs=raises("TypeError", r"mul does not accept dtype bool"),
    ),
    KnownDivergence(
        id="NORM-TENSORDOT-AXES-BEYOND-RANKS-TYPEERROR",
        area="linalg",
        title="tensordot with more axes than the arrays have raises TypeError (ValueError for a pair)",
        numpy="raises IndexError: tuple index out of range",
        jax="raises TypeError: Number of tensordot axes (axes n) exceeds input ranks; for a pair of axis "
            "sequences, ValueError: axis 0 is out of bounds for array of dimension 0",
        why="jnp.tensordot checks the count against the ranks first, and canonicalizes explicit axes; "
            "NumPy indexes the shape",
        source="observed by this suite, undocumented upstream",
        condition="linalg.tensordot with axes beyond an array's rank (NumPy's IndexError)",
        kinds=("error-kind",),
        trigger=_tensordot_axes_beyond_ranks,
        outputs=_tensordot_refusal,
    ),
    KnownDivergence(
        id="NORM-CROSS-BATCHES-MISMATCH-TYPEERROR",
        area="linalg",
        title="cross of vectors whose other axes do not broadcast raises TypeError",
        numpy="raises ValueError: shape mismatch: objects cannot be broadcast to a single shape",
        jax="raises TypeError: mul got incompatible shapes for broadcasting",
        why="jnp.cross multiplies the moved components with lax.mul, unchecked; lax reports shape errors "
            "as TypeError (as MATMUL-CONTRACTION-MISMATCH-TYPEERROR)",
        source="observed by this suite, undocumented upstream",
        condition="cross or linalg.cross where NumPy refuses to broadcast the vectors' other axes",
        kinds=("error-kind",),
        trigger=_cross_batches_differ,
        outputs=raises("TypeError", r"incompatible shapes for broadcasting"),
    ),
    KnownDivergence(
        id="NORM-CROSS-BOOL-BEFORE-AXISC",
        area="linalg",
        title="cross of bools with axisc out of range raises TypeError",
        numpy="checks axisc before computing: raises AxisError (axisc: axis is out of bounds)",
        jax="computes first: raises TypeError: sub does not accept dtype bool (as NumPy's TypeError for "
            "bools whenever axisc is in range)",
        why="jnp.cross subtracts the products with lax.sub, which has no bool form, before it moves the "
            "result's axis to axisc",
        source="observed by this suite, undocumented upstream",
        condition="cross of two bool arrays where NumPy refuses axisc",
        kinds=("error-kind",),
        trigger=_cross_of_bool_past_axisc,
        outputs=raises("TypeError", r"does not accept dtype bool"),
    ),
    KnownDivergence(
        id="NORM-LINALG-CROSS-AXIS-OUT-OF-RANGE-INDEXERROR",
        area="linalg",
        title="linalg.cross with an axis out of range raises IndexError",
        numpy="2.5 raises AxisError (a ValueError and an IndexError): axisa: axis 2 is out of bounds for "
              "array of dimension 2 (numpy 2.4 raised IndexError: tuple index out of range, as JAX does)",
        jax="raises IndexError: tuple index out of range",
        why="jnp.linalg.cross reads x1.shape[axis] before anything checks the axis",
        source="observed by this suite on numpy 2.5.5, undocumented upstream (numpy 2.4's IndexError: "
               "https://github.com/numpy/numpy/pull/26667, \"an IndexError can still occur, rather than an "
               "AxisError\")",
        condition="linalg.cross with an axis outside -ndim..ndim-1 (numpy >= 2.5)",
        kinds=("error-kind",),
        trigger=_linalg_cross_axis_out_of_range,
        outputs=raises("IndexError", r"tuple index out of range"),
        numpy_versions=">=2.5",
    ),
    KnownDivergence(
        id="NORM-VECDOT-AXIS-OUT-OF-RANGE-INDEXERROR",
        area="linalg",
        title="linalg.vecdot with an axis out of range raises IndexError",
        numpy="raises AxisError (a ValueError): axis is out of bounds for array of dimension n",
        jax="raises IndexError: tuple index out of range",
        why="jnp.linalg.vecdot reads the shape at the axis before canonicalizing it",
        source="observed by this suite, undocumented upstream",
        condition="linalg.vecdot with an axis outside -ndim..ndim-1",
        kinds=("error-kind",),
        trigger=_vecdot_axis_out_of_range,
        outputs=raises("IndexError", r"index out of range"),
    ),
)

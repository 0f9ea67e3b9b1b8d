"""Known divergences of the partial sorts (registry/ordering.py): jnp.partition and jnp.argpartition are
two calls of lax.top_k, one on the negated array (the lower part) and one on the array (the upper part).
Their results are compared in the canonical form of conformance/orderings.py (a valid partition is the
sorted array), so a model computes JAX's raw result and puts it in that form too."""

from __future__ import annotations

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.models import (
    canonical_dtype,
    cast_outputs,
    flush_subnormals,
    has_subnormal,
    jax_at_least,
    raises,
)
from conformance.example import Example
from conformance.orderings import argpartition_canonical, partition_canonical
from conformance.outcome import Outcome, Value

_SORTING = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/sorting.py"
_PARTITION_DOCS = "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.partition.html"


def _arguments(example: Example) -> tuple[np.ndarray, object, object]:
    """(a, kth, axis) of a partitions row."""
    a, kth, axis = example.args[:3]
    return np.asarray(a), kth, axis


def _valid(example: Example) -> bool:
    """The axis is one of a's and kth a position along it: what jnp checks first (canonicalize_axis)."""
    a, kth, axis = _arguments(example)
    return -a.ndim <= axis < a.ndim and -a.shape[axis] <= kth < a.shape[axis]


def _partitions(example: Example) -> bool:
    return "partitions" in example.case.tags


def _indices(example: Example) -> bool:
    return "returns-index" in example.case.tags


# -- lax.top_k, in NumPy ------------------------------------------------------------------------------
def total_key(x: np.ndarray) -> np.ndarray:
    """Integer keys in XLA's total order of the elements: for floats -NaN < -inf < ... < -0.0 < +0.0 <
    ... < +inf < +NaN (the bits, the negative ones' magnitude reversed); integers as they are."""
    if x.dtype.kind in "fV":  # V: bfloat16
        bits = x.view({2: np.int16, 4: np.int32, 8: np.int64}[x.dtype.itemsize]).astype(np.int64)
        return np.where(bits < 0, bits ^ np.int64(2 ** (8 * x.dtype.itemsize - 1) - 1), bits)
    return x if x.dtype == np.uint64 else x.astype(np.int64)


def top_k(x: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """lax.top_k along the last axis: the k largest in the total order, largest first, and their indices
    (of equal keys, the lower index first)."""
    order = np.argsort(~total_key(x), axis=-1, kind="stable")[..., :k]  # ~: descending, no overflow
    return np.take_along_axis(x, order, -1), order


def jax_partition(a: np.ndarray, kth: int, axis: int, *, indices: bool, inverts: str = "u") -> np.ndarray:
    """jnp.partition (jnp.argpartition with `indices`) as sorting.py computes it: the lower part is
    -top_k(-a, kth + 1) (for the dtype kinds in `inverts` ~top_k(~a), its wrap-free form: unsigned
    integers; jax 0.12 every integer and bool), the upper part top_k(a, n - kth - 1); argpartition's
    upper indices are the others, in increasing order."""
    arr = np.swapaxes(a, axis, -1)
    n = arr.shape[-1]
    k = kth % n
    inverted = arr.dtype.kind in inverts
    with np.errstate(over="ignore"):
        negated = ~arr if inverted else -arr  # the integer minimum wraps to itself
    low, low_indices = top_k(negated, k + 1)
    if indices:
        rest = np.ones(arr.shape, bool)
        np.put_along_axis(rest, low_indices, False, -1)
        high_indices = np.argsort(~rest, axis=-1, kind="stable")[..., :n - k - 1]
        out = np.concatenate([low_indices, high_indices], -1).astype(np.int32)  # top_k's int32 indices
    else:
        with np.errstate(over="ignore"):
            out = np.concatenate([~low if inverted else -low, top_k(arr, n - k - 1)[0]], -1)
    return np.swapaxes(out, -1, axis)


def _top_k_misorders(example: Example) -> bool:
    """A real array, valid options, holding a NaN with its sign bit set or a signed integer minimum."""
    a = _arguments(example)[0]
    if not _partitions(example) or example.numpy.raised or a.dtype.kind not in "ifV" or not _valid(example):
        return False
    if a.dtype.kind == "i":  # jax 0.12 inverts integers with bitwise_not, which keeps the order
        return not jax_at_least(example, "0.12") and bool(np.any(a == np.iinfo(a.dtype).min))
    wide = a.astype(np.float64)
    return bool(np.any(np.isnan(wide) & np.signbit(wide)))


def _like_top_k(example: Example, outcome: Outcome) -> Outcome:
    a, kth, axis = _arguments(example)
    indices = _indices(example)
    inverts = "biu" if jax_at_least(example, "0.12") else "u"
    raw = jax_partition(a, kth, axis, indices=indices, inverts=inverts)
    canonical = argpartition_canonical if indices else partition_canonical
    return Outcome((Value(canonical(raw, a, kth, axis)),))


def _complex(example: Example) -> bool:
    return _partitions(example) and _arguments(example)[0].dtype.kind == "c"


def _bool_negated(example: Example) -> bool:
    return _partitions(example) and _arguments(example)[0].dtype.kind == "b" and _valid(example)


def _empty_with_kth_out_of_range(example: Example) -> bool:
    a, kth, axis = _arguments(example)
    return (_partitions(example) and a.size == 0 and a.dtype.kind != "c" and -a.ndim <= axis < a.ndim
            and not _valid(example))


def _argpartition_of_0d(example: Example) -> bool:
    a = _arguments(example)[0]
    return _partitions(example) and _indices(example) and a.ndim == 0 and not example.numpy.raised


def _int64_indices(example: Example) -> bool:
    return (_partitions(example) and _indices(example) and not example.numpy.raised
            and example.numpy.values[0].dtype == np.int64)


def _key_subnormal(example: Example) -> bool:
    return ("sorts-by-keys" in example.case.tags and not example.numpy.raised
            and any(has_subnormal(key) for key in example.args[0]))


def _keys_flushed(example: Example) -> tuple:
    return ([flush_subnormals(np.asarray(key)) for key in example.args[0]], *example.args[1:])


def _unravels(example: Example) -> bool:
    return "unravels" in example.case.tags


def _unravelled_dtype(dtype: np.dtype, *, x64: bool) -> np.dtype:
    dtype = np.dtype(np.int64) if np.dtype(dtype).kind == "b" else np.dtype(dtype)
    return dtype if x64 else canonical_dtype(dtype)


def jax_unravel(indices: np.ndarray, shape, *, x64: bool) -> tuple[np.ndarray, ...]:
    """jnp.unravel_index: divmod by each side from the last, in the indices' own dtype (bool: the default
    int); a flat index past the end is the last position, one before -size the first, and -size..-1
    count from the end (Python's floor division)."""
    dtype = _unravelled_dtype(indices.dtype, x64=x64)
    sides = (shape,) if isinstance(shape, int) else tuple(shape)
    size = int(np.prod(sides))
    wide = [int(i) for i in indices.reshape(-1).tolist()]
    rows = []
    for i in wide:
        q = i // size
        position = np.unravel_index(i - q * size, sides)
        rows.append([s - 1 if q > 0 else 0 if q < -1 else int(p)
                     for s, p in zip(sides, position, strict=True)])
    out = np.array(rows, dtype=object).reshape(len(wide), len(sides))
    return tuple(out[:, k].astype(dtype).reshape(indices.shape) for k in range(len(sides)))


def _unravel_outside_numpy(example: Example) -> bool:
    """unravel_index where NumPy refuses the values (an index out of range, or negative) or returns intp
    where JAX keeps the indices' dtype."""
    return _unravels(example) and (example.numpy.raised or example.numpy.values[0].dtype != _unravelled_dtype(
        np.asarray(example.args[0]).dtype, x64=example.env.x64))


def _unravelled_like_jax(example: Example, outcome: Outcome) -> Outcome:
    values = jax_unravel(np.asarray(example.args[0]), example.args[1], x64=example.env.x64)
    return Outcome(tuple(Value(v) for v in values), is_sequence=True)


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="INDEX-UNRAVEL-CLIPS-AND-KEEPS-DTYPE",
        area="reductions",
        title="unravel_index clips out-of-range flat indices, wraps negative ones, and keeps the indices' "
              "dtype",
        numpy="raises ValueError for a flat index outside 0..size-1 (a uint64 index past int64 too); "
              "returns intp (int64) arrays",
        jax="an index >= size gives the last position, one below -size the first, and -size..-1 count "
            "from the end; the arrays have the indices' integer dtype (bool: the default int), "
            "e.g. jnp.unravel_index(np.int16([-1, 200]), (2, 3)) is ([1, 1], [2, 2]) as int16",
        why="jnp.unravel_index divides by each side with divmod in the input's dtype, then selects the "
            "bounds where the final quotient is out of range",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.unravel_index.html ('unlike NumPy, "
               "negative indices are supported, and out-of-bound indices are clipped to the nearest valid "
               "value'); the dtype: observed by this suite, undocumented upstream",
        condition="unravel_index where NumPy raises (an index out of range) or whose indices are not "
                  "JAX's default int",
        kinds=("error-parity", "dtype"),
        trigger=_unravel_outside_numpy,
        outputs=_unravelled_like_jax,
    ),
    KnownDivergence(
        id="SORT-LEXSORT-SUBNORMALS-COMPARE-AS-ZERO",
        area="reductions",
        title="lexsort compares float32, float64 and bfloat16 subnormal keys as zeros",
        numpy="orders subnormals by value: a tie is left to the next key only where the values are equal",
        jax="the sort's comparator reads a subnormal key as a zero of its sign (FTZ/DAZ), so a subnormal "
            "ties with zeros and other subnormals and the next key (then the position) decides: "
            "with x64 on, jnp.lexsort([[0., 1.], [5e-324, 0.]]) is [0, 1], np.lexsort's [1, 0]",
        why="lax.sort with several operands compares with the CPU's floating-point comparison, under "
            "denormals-are-zero (as REDUCE-SORT-SUBNORMALS-COMPARE-AS-ZERO for sort)",
        source="observed by this suite, undocumented upstream (jax 0.10.2)",
        condition="lexsort where a key (float32, float64, bfloat16, or a part of a complex key) holds a "
                  "subnormal",
        kinds=("values",),
        trigger=_key_subnormal,
        inputs=_keys_flushed,
    ),
    KnownDivergence(
        id="SORT-PARTITION-TOP-K-ORDER",
        area="reductions",
        title="partition and argpartition put a NaN with its sign bit set first, and lose the signed "
              "integer minimum to the upper part (before jax 0.12)",
        numpy="partitions with NaN as the largest value whatever its sign, and the integer minimum as the "
              "smallest: np.partition(np.array([3, -128, 5, 1], np.int8), 0) starts with -128",
        jax="computes the lower part as -lax.top_k(-a, kth + 1) in XLA's total order: a NaN whose sign bit "
            "is set is the smallest value (the lower part takes it first), and the signed integer "
            "minimum, whose negation wraps to itself, is taken last by the lower part while the upper "
            "part, top_k(a), leaves it out too: jnp.partition(np.array([3, -128, 5, 1], np.int8), 0) is "
            "[1, 5, 3, 1], not a permutation (argpartition repeats an index the same way only for NaNs; "
            "its indices stay a permutation); jax 0.12 inverts integers and bools with bitwise_not "
            "(_order_reversing_invert), which keeps the minimum in place (measured on 0.12.0.1)",
        why="two top_k calls instead of a selection; the docstring's TODO says 'handle NaN values like "
            "numpy'",
        source=_PARTITION_DOCS + " ('NaNs which have the negative bit set are sorted to the beginning of "
               "the array'); the integer minimum: observed by this suite, undocumented upstream ("
               + _SORTING + ": partition)",
        condition="partition or argpartition of a float array holding a NaN with its sign bit set, or a "
                  "signed integer array holding its minimum (jax < 0.12; valid axis and kth)",
        kinds=("values",),
        trigger=_top_k_misorders,
        outputs=_like_top_k,
    ),
    KnownDivergence(
        id="SORT-PARTITION-COMPLEX-NOT-IMPLEMENTED",
        area="reductions",
        title="partition and argpartition refuse complex arrays",
        numpy="partitions complex values in lexicographic order (real part, then imaginary part)",
        jax="raises NotImplementedError: jnp.partition for complex dtype is not implemented (before it "
            "reads the axis or kth)",
        why="lax.top_k has no complex comparison",
        source=_SORTING + " (partition, argpartition: 'for complex dtype is not implemented')",
        condition="partition or argpartition of a complex array",
        kinds=("error-parity", "error-kind"),
        trigger=_complex,
        outputs=raises("NotImplementedError", r"for complex dtype is not implemented"),
    ),
    KnownDivergence(
        id="SORT-PARTITION-BOOL-TYPEERROR",
        area="reductions",
        title="partition and argpartition refuse bool arrays",
        numpy="partitions bools (False before True)",
        jax="raises TypeError: neg does not accept dtype bool (after checking axis and kth)",
        why="the lower part is computed from the negated array, and lax.neg has no bool form",
        source="observed by this suite, undocumented upstream (" + _SORTING + ": partition, "
               "`-lax.top_k(-arr, kth + 1)`)",
        condition="partition or argpartition of a bool array, with an axis of the array and kth a "
                  "position along it (jax < 0.12: jax 0.12.0.1 partitions bools, measured)",
        kinds=("error-parity",),
        jax_versions="<0.12",
        trigger=_bool_negated,
        outputs=raises("TypeError", r"neg does not accept dtype bool"),
    ),
    KnownDivergence(
        id="SORT-PARTITION-EMPTY-CHECKS-KTH",
        area="reductions",
        title="partition and argpartition of an empty array check kth",
        numpy="returns an empty array of any size as it is, whatever kth",
        jax="raises ValueError (axis ... is out of bounds for array of dimension n) where kth is not a "
            "position along the axis (always for an axis of length 0)",
        why="jnp checks kth with canonicalize_axis(kth, a.shape[axis]) before anything else; NumPy "
            "returns early for an empty array",
        source="observed by this suite, undocumented upstream (" + _SORTING + ": partition)",
        condition="partition or argpartition of a real or bool array of size 0, a valid axis, and kth "
                  "outside -n..n-1 for the axis's length n",
        kinds=("error-parity",),
        trigger=_empty_with_kth_out_of_range,
        outputs=raises("ValueError", r"is out of bounds for array of dimension"),
    ),
    KnownDivergence(
        id="SORT-ARGPARTITION-0D-REFUSED",
        area="reductions",
        title="argpartition refuses a 0-d array",
        numpy="reads a 0-d array as one element: np.argpartition(np.float32(1), 0) is [0] (partition "
              "raises AxisError)",
        jax="raises ValueError: axis ... is out of bounds for array of dimension 0",
        why="jnp.argpartition checks the axis against the array's own rank",
        source="observed by this suite, undocumented upstream (" + _SORTING + ": argpartition)",
        condition="argpartition of a 0-d array that NumPy accepts (axis 0 or -1, kth 0 or -1)",
        kinds=("error-parity",),
        trigger=_argpartition_of_0d,
        outputs=raises("ValueError", r"is out of bounds for array of dimension 0"),
    ),
    KnownDivergence(
        id="SORT-ARGPARTITION-INT32-INDICES",
        area="reductions",
        title="argpartition returns int32 indices with x64 on",
        numpy="returns intp (int64) indices",
        jax="returns int32 indices whatever the x64 mode (the same positions)",
        why="the indices are lax.top_k's, which are int32",
        source="observed by this suite, undocumented upstream (" + _SORTING + ": argpartition, "
               "`lax.top_k(...)[1]`)",
        condition="argpartition with x64 on (NumPy's int64 result)",
        kinds=("dtype",),
        x64=True,
        trigger=_int64_indices,
        outputs=cast_outputs(lambda example: np.dtype(np.int32)),
    ),
)

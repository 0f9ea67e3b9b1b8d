"""Known divergences of the histogram rows (`conformance/registry/histograms.py`): jnp.histogram and
jnp.histogram_bin_edges compute in the input's inexact dtype (edges by linspace in that precision,
float counts), bincount clips negative values and needs length= under jit, digitize returns int32.
The histogram model replays JAX's algorithm in NumPy in JAX's dtype: edges by jnp.linspace's formula
within linspace's error bound, and the counts binned exactly (NumPy's rule: the last bin closed) by
the edges JAX returned, so that a value near an edge lands where JAX's own edges put it."""

from __future__ import annotations

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.creation import LINSPACE_ERROR, jax_linspace
from conformance.catalogue.manipulation import option
from conformance.catalogue.models import (
    cast_outputs,
    flush_subnormals,
    flushes,
    has_subnormal,
    jax_at_least,
    raises,
)
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.strategies import BFLOAT16, kind_of

_LAX_NUMPY = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/lax_numpy.py"
_DOCS = "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.{}.html"
_WIDE = ("int64", "uint64", "float64")


def computation_dtype(example: Example) -> np.dtype:
    """The dtype jnp.histogram computes in: a's inexact dtype (promote_dtypes_inexact: float16, bfloat16
    and float32 as they are, int64, uint64 and float64 as float64 with x64 on, every other integer and
    bool as float32: measured, jax 0.10.2), promoted with the float32 weights when there are any."""
    a = np.asarray(example.args[0]).dtype
    wide = example.env.x64 and a.name in _WIDE
    base = np.dtype(np.float64) if wide else a if a.name in ("float16", "bfloat16", "float32") else \
        np.dtype(np.float32)
    weighted = "weights" in example.case.arg_names and option(example, "weights") is not None
    if weighted:  # JAX's lattice: int64 and float32 promote to float32
        return np.dtype(np.float64 if example.env.x64 and a.name == "float64" else np.float32)
    return base


def _tiny(dtype: np.dtype) -> float:
    return float(np.finfo(np.float32).tiny) if dtype == BFLOAT16 else float(np.finfo(dtype).tiny)


def _eps(dtype: np.dtype) -> float:
    return 2.0 ** -7 if dtype == BFLOAT16 else float(np.finfo(dtype).eps)


# density's error: counts / widths / sum with two roundings, which XLA may rewrite (measured: 1 ulp)
DENSITY_ULPS = 4


def _edges(column: np.ndarray, bins, given, dtype: np.dtype) -> Value:
    """The edges JAX computes for one column (already in the computation dtype `dtype`): bins (an array)
    in that dtype; for a number of bins, linspace over the range (the column's minimum and maximum where
    None; widened by 0.5 each way where they are equal) in that dtype, within linspace's error bound (its
    rounding is XLA's, fused)."""
    if np.ndim(bins) == 1:
        return Value(np.asarray(bins).astype(dtype))
    if given is None:  # jax 0.12 takes (0, 1) for an empty array, as NumPy does (before: refused)
        given = (column.min(), column.max()) if column.size else (0, 1)
    low, high = np.asarray(given).astype(dtype)
    if low == high:
        low, high = np.asarray([float(low) - 0.5, float(high) + 0.5]).astype(dtype)
    edges, _ = jax_linspace(low, high, bins + 1, True, dtype, dtype)
    # and the smallest normal: a subnormal edge may be flushed (FTZ) or rounded to a subnormal neighbour
    bound = LINSPACE_ERROR * _eps(dtype) * (abs(float(low)) + abs(float(high))) + _tiny(dtype)
    return Value(edges, atol=np.full(edges.shape, bound))


def _columns(example: Example) -> list[np.ndarray]:
    """The coordinates binned, each raveled, in the computation dtype: a (histogram), x and y
    (histogram2d), each column of the sample (histogramdd); subnormals flushed where the kernels compare
    (their minimum and maximum, the range, too)."""
    dtype, tags = computation_dtype(example), example.case.tags
    if "two-coordinates" in tags:
        columns = [np.asarray(c).astype(dtype).reshape(-1) for c in example.args[:2]]
    else:
        a = np.asarray(example.args[0]).astype(dtype)
        columns = [a[:, i] for i in range(a.shape[1])] if "histogram-dd" in tags else [a.reshape(-1)]
    return [flush_subnormals(c) for c in columns] if flushes(example) else columns


def _per_dimension(example: Example, keyword: str, count: int) -> list:
    """histogramdd's bins or range for each dimension (histogram2d: an array of edges serves both)."""
    value = option(example, keyword)
    if "histogram-dd" not in example.case.tags:
        return [value]
    if value is None or np.ndim(value) == 0 or (keyword == "bins" and np.ndim(value) == 1):
        return [value] * count
    return list(value)


def jax_edges(example: Example) -> list[Value]:
    """Each dimension's edges, as JAX computes them."""
    columns, dtype = _columns(example), computation_dtype(example)
    bins, ranges = (_per_dimension(example, k, len(columns)) for k in ("bins", "range"))
    return [_edges(c, b, r, dtype) for c, b, r in zip(columns, bins, ranges, strict=True)]


def _stacks_edges(example: Example) -> bool:
    """histogramdd returns its edges as a list, which the outcome holds as one stacked array."""
    return "histogram-dd" in example.case.tags and "two-coordinates" not in example.case.tags


def _returned_edges(example: Example, models: list[Value]) -> list[np.ndarray]:
    """The edges JAX returned where it returned edges like the model's (else the model's own)."""
    jax = example.jax
    if not jax.raised:
        stacked = _stacks_edges(example) and len(jax.values) == 2
        returned = list(jax.values[1].array) if stacked else [v.array for v in jax.values[1:]]
        if [(e.shape, e.dtype) for e in returned] == [(m.shape, m.dtype) for m in models]:
            return returned
    return [m.array for m in models]


def counts_dtype(example: Example) -> np.dtype:
    """histogram counts in the computation dtype; histogram2d and histogramdd count with bincount: the
    default int unweighted (float with density=True), the computation dtype weighted."""
    dtype = computation_dtype(example)
    if "histogram-dd" not in example.case.tags or option(example, "weights") is not None \
            or option(example, "density"):
        return dtype
    return np.dtype(np.int64 if example.env.x64 else np.int32)


def jax_counts(example: Example, edges: list[np.ndarray]) -> np.ndarray:
    """JAX's counts: each coordinate (subnormals flushed where the kernels compare) binned by its
    dimension's `edges` as NumPy bins, every bin half-open but the last, a point counted (weighted) where
    it is inside in every dimension; density=True divides by the counts' sum and each bin's width (width
    first in 1-d; in D dimensions a product with each one's reciprocal), in the computation dtype."""
    dtype, columns = computation_dtype(example), _columns(example)
    weights = option(example, "weights")
    each = np.ones(columns[0].shape if columns else 0) if weights is None else \
        np.asarray(weights, np.float64).reshape(-1)
    indices, inside = [], np.ones(each.shape, bool)
    for column, edge in zip(columns, edges, strict=True):
        index = np.searchsorted(edge, column, side="right")
        index[column == edge[-1]] = edge.size - 1
        inside &= (index >= 1) & (index < edge.size)
        indices.append(index - 1)
    counts = np.zeros([e.size - 1 for e in edges])
    np.add.at(counts, tuple(i[inside] for i in indices), each[inside])
    counts = counts.astype(counts_dtype(example))
    if option(example, "density"):
        with np.errstate(all="ignore"):
            widths = [np.diff(e).astype(dtype) for e in edges]
            if "histogram-dd" not in example.case.tags:
                return (counts / widths[0]).astype(dtype) / counts.sum(dtype=dtype)
            # XLA multiplies by the reciprocal of a broadcast divisor (measured, jax 0.10.2: float16
            # reciprocals of tiny widths overflow to inf, and 0 * inf is NaN where NumPy gives 0)
            one = np.ones((), dtype)
            counts = (counts * (one / counts.sum(dtype=dtype)).astype(dtype)).astype(dtype)
            for axis, width in enumerate(widths):
                shape = [1] * len(widths)
                shape[axis] = width.size
                counts = (counts * (one / width).astype(dtype).reshape(shape)).astype(dtype)
    return np.asarray(counts)


def _histogram_like_jax(example: Example, outcome: Outcome) -> Outcome:
    models = jax_edges(example)
    if "bin-edges" in example.case.tags:
        return Outcome((models[0],), outcome.is_sequence)
    counts = jax_counts(example, _returned_edges(example, models))
    # density: XLA reorders counts / widths / sum (a multiplication by reciprocals): a few ulps apart
    atol = DENSITY_ULPS * len(models) * _eps(counts.dtype) * np.abs(counts.astype(np.float64)) if option(
        example, "density") else None
    if _stacks_edges(example):
        edges = Value(np.stack([m.array for m in models]), atol=np.stack([m.atol for m in models])
                      if all(m.atol is not None for m in models) else None)
        return Outcome((Value(counts, atol=atol), edges), True)
    return Outcome((Value(counts, atol=atol), *models), True)


_HISTOGRAMS = frozenset({"histogram", "bin-edges", "histogram-dd"})


def _binned(example: Example) -> bool:
    return bool(_HISTOGRAMS & example.case.tags) and not example.numpy.raised \
        and not (_empty_auto_range(example) and not jax_at_least(example, "0.12"))


def _empty_auto_range(example: Example) -> bool:
    return (bool(_HISTOGRAMS & example.case.tags) and np.ndim(option(example, "bins")) == 0
            and option(example, "range") is None and np.size(example.args[0]) == 0)


def _subnormal_range_refused(example: Example) -> bool:
    """NumPy refuses a range its bins cannot split (a subnormal one), which JAX's kernels read as empty."""
    error = example.numpy.error
    return (bool(_HISTOGRAMS & example.case.tags) and flushes(example) and error is not None
            and "Too many bins for data range" in error.message)


def _digitize_subnormal(example: Example) -> bool:
    x = np.asarray(example.args[0])
    return ("digitize" in example.case.tags and not example.numpy.raised and flushes(example)
            and kind_of(x.dtype) == "f" and has_subnormal(x))


def _negative_counted(example: Example) -> bool:
    return "bincount" in example.case.tags and bool(np.any(np.asarray(example.args[0]) < 0))


def _traced_length(example: Example) -> bool:
    return "bincount" in example.case.tags and example.mode == "jit" and option(example, "length") is None


def _weighted(example: Example) -> bool:
    return ("bincount" in example.case.tags and option(example, "weights") is not None
            and not example.numpy.raised)


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="HIST-HISTOGRAM-IN-INPUT-PRECISION",
        area="histograms",
        title="histogram returns float counts (histogram2d and histogramdd integer ones) and computes its "
              "edges in the input's inexact dtype, so a value near an edge may fall in another bin",
        numpy="np.histogram counts in int64 (the weights' dtype where given; float64 with density); its "
              "edges are float64 for integer and bool input, computed by linspace in float64 and cast to a "
              "float input's dtype; edges given as an array are returned as they are",
        jax="counts in the inexact dtype of a (promoted with the weights): float32 for bool and integers "
            "(float64 for int64 and uint64 with x64 on), float16 for float16; the edges, given or not, in "
            "that dtype, by linspace computed in it (jnp.histogram_bin_edges(np.arange(6, dtype=np.int8), "
            "3) is float32 [0, 1.6666667, 3.3333335, 5]): a value on NumPy's float64 edge can lie on "
            "either side of JAX's; values are binned in that dtype, subnormals compared as zero (FTZ); "
            "histogram2d and histogramdd (NumPy: float64 counts) count with jnp.bincount: int32 counts "
            "(int64 with x64 on), the weights' dtype promoted with the sample's where weighted, that dtype "
            "with density=True (divided by the sum, then by each dimension's widths)",
        why="jnp.histogram promotes a and weights to an inexact dtype (promote_dtypes_inexact), counts "
            "ones_like(a) with a scatter-add, and jnp.histogram_bin_edges calls "
            "linspace(range[0], range[1], bins + 1, dtype=dtype) in that dtype",
        source=_LAX_NUMPY + " (histogram_bin_edges: dtype = dtypes.to_inexact_dtype(arr.dtype), "
               "array_creation.linspace(..., dtype=dtype); histogram: promote_dtypes_inexact, zeros(..., "
               "weights.dtype).at[bin_idx].add(weights); histogramdd: bincount(xy, weights, length=...)); "
               + _DOCS.format("histogram") + " (its examples "
               "print float counts: [3. 0. 2. 2. 1.])",
        condition="histogram, histogram_bin_edges, histogram2d or histogramdd of any drawn input NumPy "
                  "accepts (the model: JAX's "
                  "dtype, edges by jnp.linspace's formula within 4 ulps of the range, counts binned exactly "
                  "by the edges JAX returned)",
        kinds=("dtype", "values"),
        trigger=_binned,
        outputs=_histogram_like_jax,
    ),
    KnownDivergence(
        id="HIST-SUBNORMAL-RANGE-READ-AS-EMPTY",
        area="histograms",
        title="a histogram whose range is subnormal counts in a range widened by 0.5 each way, where NumPy "
              "refuses it",
        numpy="raises ValueError: Too many bins for data range. Cannot create 3 finite-sized bins "
              "(np.histogram(np.float32([-0.0, -1e-45]), 3))",
        jax="the kernels read subnormals as zero (FTZ): the minimum and maximum are equal, the range "
            "(-0.5, 0.5), every value counted in the middle bin (HIST-HISTOGRAM-IN-INPUT-PRECISION's model "
            "on the flushed values)",
        why="jnp.histogram_bin_edges widens an empty range (ptp == 0) by 0.5 each way; XLA's CPU kernels "
            "flush subnormals (FTZ/DAZ), so the range of subnormals and zeros is empty",
        source="observed by this suite, undocumented upstream (" + _LAX_NUMPY + ": histogram_bin_edges, "
               "where(ptp(range) == 0, range[0] - 0.5, range[0]))",
        condition="a histogram without range= of values whose range is subnormal (eager and under jit)",
        kinds=("error-parity",),
        trigger=_subnormal_range_refused,
        outputs=_histogram_like_jax,
    ),
    KnownDivergence(
        id="HIST-DIGITIZE-SUBNORMALS-COMPARE-AS-ZERO",
        area="histograms",
        title="digitize compares a float32, float64 or bfloat16 subnormal as zero",
        numpy="np.digitize(bfloat16 [-9.2e-41], [0, 1, 2.5]) is [0]: the value is below the edge 0",
        jax="[1]: the subnormal is read as -0.0, which equals the edge 0 (indices int32, as "
            "HIST-DIGITIZE-INT32-INDICES)",
        why="jnp.digitize is jnp.searchsorted, whose comparisons run under FTZ/DAZ on XLA's CPU kernels "
            "(float16 computes in float32, where its subnormals are normal)",
        source="observed by this suite, undocumented upstream (" + _LAX_NUMPY + ": digitize)",
        condition="digitize of a float32, float64 or bfloat16 array holding a subnormal",
        kinds=("values", "dtype"),
        trigger=_digitize_subnormal,
        inputs=lambda example: (flush_subnormals(np.asarray(example.args[0])), *example.args[1:]),
        outputs=cast_outputs(lambda example: np.dtype(np.int32)),
    ),
    KnownDivergence(
        id="HIST-EMPTY-AUTO-RANGE-REFUSED",
        area="histograms",
        title="histogram, histogram_bin_edges, histogram2d and histogramdd of an empty array without range= "
              "raise ValueError",
        numpy="an empty array's range is (0, 1): np.histogram(np.zeros(0), 3) counts [0, 0, 0]",
        jax="raises ValueError: zero-size array to reduction operation min which has no identity",
        why="jnp.histogram_bin_edges takes the range as [arr.min(), arr.max()], and jnp.min of an empty "
            "array has no identity",
        source="observed by this suite, undocumented upstream (" + _LAX_NUMPY + ": histogram_bin_edges, "
               "range = [arr.min(), arr.max()])",
        condition="a histogram of a zero-size array (or sample), a number of bins and range=None (jax < "
                  "0.12: jax 0.12 takes the range (0, 1) as NumPy does, histogram_bin_edges: `[0, 1] if "
                  "arr.size == 0`)",
        kinds=("error-parity",),
        jax_versions="<0.12",
        trigger=_empty_auto_range,
        outputs=raises("ValueError", r"zero-size array to reduction operation min which has no identity"),
    ),
    KnownDivergence(
        id="HIST-BINCOUNT-NEGATIVE-CLIPPED",
        area="histograms",
        title="bincount counts a negative value in bin 0",
        numpy="raises ValueError: 'list' argument must have no negative elements",
        jax="clips x to 0: jnp.bincount(jnp.array([0, -1, 1, 3])) is [2, 1, 0, 1]",
        why="jnp.bincount scatters into zeros(length).at[clip(x, 0)]",
        source=_DOCS.format("bincount") + " (\"In NumPy, passing an array x with negative entries will "
               "result in an error. In JAX, negative values are clipped to zero.\")",
        condition="bincount of an array holding a negative value (eager, or under jit with length=)",
        kinds=("error-parity",),
        trigger=lambda example: _negative_counted(example) and not _traced_length(example),
        inputs=lambda example: (np.clip(np.asarray(example.args[0]), 0, None), *example.args[1:]),
    ),
    KnownDivergence(
        id="HIST-BINCOUNT-WITHOUT-LENGTH-UNDER-JIT",
        area="histograms",
        title="bincount under jit without length= raises a ConcretizationTypeError",
        numpy="returns max(x) + 1 counts (at least minlength), a length that depends on the values",
        jax="raises jax.errors.ConcretizationTypeError (a TypeError): Abstract tracer value encountered "
            "where concrete value is expected (its message: pass a static `length` argument)",
        why="the result's length depends on the values, and a traced array has none; length= fixes it",
        source=_DOCS.format("bincount") + " (\"length: the length of the output counts array. Must be "
               "specified statically for bincount to be used with jax.jit\"); as "
               "MANIP-DATA-DEPENDENT-SHAPE-UNDER-JIT",
        condition="bincount under jit with length=None",
        kinds=("error-parity", "error-kind"),
        trigger=_traced_length,
        outputs=raises("TypeError", r"Abstract tracer value encountered where concrete value is expected"),
    ),
    KnownDivergence(
        id="HIST-BINCOUNT-WEIGHTS-KEEP-THEIR-DTYPE",
        area="histograms",
        title="bincount with weights returns the weights' dtype",
        numpy="np.bincount sums the weights in float64 (weights are cast to double)",
        jax="the counts have the weights' dtype: float32 weights give float32 sums (x64 on too)",
        why="jnp.bincount scatters the weights into zeros(length, weights.dtype)",
        source=_LAX_NUMPY + " (bincount: array_creation.zeros(length, _dtype(weights)).at[...].add(weights))"
               "; observed by this suite, undocumented upstream",
        condition="bincount with float32 weights",
        kinds=("dtype",),
        trigger=_weighted,
        outputs=cast_outputs(lambda example: np.asarray(option(example, "weights")).dtype),
    ),
    KnownDivergence(
        id="HIST-DIGITIZE-INT32-INDICES",
        area="histograms",
        title="digitize returns int32 indices with x64 on",
        numpy="np.digitize returns intp indices (int64)",
        jax="int32 (jnp.searchsorted's indices; and zeros_like(x, int32) for empty bins)",
        why="jnp.digitize is jnp.searchsorted (SEARCH-SEARCHSORTED-INT32-INDICES), or "
            "zeros_like(x, dtype=np.int32) where bins is empty",
        source=_LAX_NUMPY + " (digitize); " + _DOCS.format("digitize") + " (its examples print "
               "dtype=int32)",
        condition="digitize with x64 on",
        kinds=("dtype",),
        x64=True,
        trigger=lambda example: "digitize" in example.case.tags and not example.numpy.raised,
        outputs=cast_outputs(lambda example: np.dtype(np.int32)),
    ),
)

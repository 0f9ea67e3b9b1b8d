"""Known divergences of the composite functions (conformance/cases/composites.py): functions that take a
function, index expressions, and average."""

from __future__ import annotations

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.dtypes import jax_inexact_dtype
from conformance.catalogue.models import canonical_dtype, raises
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.strategies import kind_of
from conformance.sums import bounded_average

_LAX_NUMPY = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/lax_numpy.py"
_DOCS = "https://docs.jax.dev/en/latest/_autosummary/jax.numpy."


def _source(example: Example, prefix: str) -> bool:
    return example.case.source.startswith(prefix)


def _default_float(example: Example) -> np.dtype:
    return np.dtype(np.float64 if example.env.x64 else np.float32)


def _inexact(example: Example, *dtypes: np.dtype) -> np.dtype:
    """promote_dtypes_inexact: the joined dtype, or for bools and integers the float JAX computes them in
    (jax_inexact_dtype: float32, float64 for 64-bit ones with x64 on)."""
    joined = np.result_type(*dtypes)
    if kind_of(joined) not in "fc":
        return jax_inexact_dtype(joined, x64=example.env.x64)
    return joined if example.env.x64 else canonical_dtype(joined)


def _int_axes(example: Example) -> bool:
    return _source(example, "xp.apply_over_axes") and isinstance(example.args[1], int)


def _mask_indices_traced(example: Example) -> bool:
    return _source(example, "xp.mask_indices") and example.mode != "eager"


def _empty_range_in_a_grid(example: Example) -> bool:
    """mgrid of two ranges, the first empty: NumPy computes a negative length for it and raises."""
    if not _source(example, "xp.mgrid[start:stop:step, 0:2]"):
        return False
    start, stop, step = example.args
    return not isinstance(step, complex) and (stop - start) / step <= 0


def _empty_grid(example: Example, outcome: Outcome) -> Outcome:
    """jnp.mgrid: the ranges' arange, each broadcast: the first axis empty (the dtype: an int range's
    default int, a float one's default float)."""
    start, stop, step = example.args
    floats = any(isinstance(v, float) for v in (start, stop, step))
    dtype = _default_float(example) if floats else np.dtype(np.int64 if example.env.x64 else np.int32)
    return Outcome((Value(np.zeros((2, 0, 2), dtype)),))


def _empty_average(example: Example) -> bool:
    """An unweighted average whose result is empty: NumPy divides a.size by the result's size (0)."""
    return (_source(example, "xp.average(a, axis=axis, keepdims") and example.numpy.raised
            and example.numpy.error.kind() == "ZeroDivisionError")


def _empty_mean(example: Example, outcome: Outcome) -> Outcome:
    a, axis, keepdims = example.args
    shape = np.mean(np.zeros(np.shape(a)), axis=axis, keepdims=keepdims).shape
    return Outcome((Value(np.zeros(shape, _inexact(example, np.asarray(a).dtype))),))


def _zero_total(example: Example) -> bool:
    """A weighted average where NumPy's sum of weights is zero somewhere."""
    return (_source(example, "xp.average(a, axis=axis, weights") and example.numpy.raised
            and example.numpy.error.kind() == "ZeroDivisionError")


def _divided_by_zero_total(example: Example, outcome: Outcome) -> Outcome:
    a, w, axis, returned, keepdims = example.args
    dtype = _inexact(example, np.asarray(a).dtype, np.asarray(w).dtype)
    result = bounded_average(a, w, axis=axis, keepdims=keepdims, returned=returned, dtype=dtype)
    return Outcome(tuple(result) if returned else (result,), is_sequence=returned)


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="COMPOSITE-APPLY-OVER-AXES-NEEDS-A-SEQUENCE",
        area="manipulation",
        title="apply_over_axes refuses a single int axis",
        numpy="reads an int as a sequence of one axis (np.asarray(axes), then (axes,) for a 0-d one)",
        jax="raises TypeError ('int' object is not iterable): jnp.apply_over_axes(jnp.flip, a, 0)",
        why="jnp.apply_over_axes loops `for axis in axes`",
        source=_DOCS + "apply_over_axes.html ('axes: the sequence of axes over which to apply the "
               "function')",
        condition="apply_over_axes with an int for axes (NumPy's AxisError for one out of range too)",
        kinds=("error-parity", "error-kind"),
        trigger=_int_axes,
        outputs=raises("TypeError", "'int' object is not iterable"),
    ),
    KnownDivergence(
        id="COMPOSITE-MASK-INDICES-REFUSED-UNDER-JIT",
        area="creation",
        title="mask_indices is refused under jit, its n and k static",
        numpy="returns the indices where mask_func(ones((n, n)), k) is nonzero",
        jax="raises ConcretizationTypeError (a TypeError): the mask is an array computed inside the "
            "trace, and its nonzero positions make a shape that depends on its values, e.g. "
            "jax.jit(lambda: jnp.mask_indices(3, jnp.triu))()",
        why="jnp.mask_indices calls jnp.nonzero on mask_func's result without a size=",
        source="observed by this suite, undocumented upstream (" + _LAX_NUMPY + ": mask_indices; nonzero's "
               "size requirement under jit: " + _DOCS + "nonzero.html)",
        condition="mask_indices under jit or folded",
        kinds=("error-parity",),
        trigger=_mask_indices_traced,
        outputs=raises("TypeError", "Abstract tracer value encountered where concrete value is expected"),
    ),
    KnownDivergence(
        id="COMPOSITE-MGRID-EMPTY-RANGE",
        area="creation",
        title="mgrid of several ranges, one of them empty, gives an empty grid",
        numpy="raises ValueError ('negative dimensions are not allowed'): np.mgrid[-3:-2:-1, 0:2] "
              "computes the empty range's length as a negative number",
        jax="returns an empty grid: jnp.mgrid[-3:-2:-1, 0:2] has shape (2, 0, 2)",
        why="jnp.mgrid makes each range with arange (an empty one has length 0) and broadcasts them",
        source="observed by this suite, undocumented upstream (" + _DOCS + "mgrid.html)",
        condition="mgrid of two ranges whose first is empty (its step points away from stop)",
        kinds=("error-parity",),
        trigger=_empty_range_in_a_grid,
        outputs=_empty_grid,
    ),
    KnownDivergence(
        id="COMPOSITE-AVERAGE-EMPTY-RESULT",
        area="statistics",
        title="average whose result is empty returns it",
        numpy="raises ZeroDivisionError: it computes the weight a.size / avg.size, 0 / 0, even without "
              "returned",
        jax="returns the empty mean: jnp.average(np.zeros((3, 0)), axis=0) is a float32 array of shape (0,)",
        why="jnp.average computes the sum of weights as a static product of the reduced sides",
        source="observed by this suite, undocumented upstream (jax/_src/numpy/reductions.py: _average)",
        condition="unweighted average where NumPy raises ZeroDivisionError (an empty result)",
        kinds=("error-parity",),
        trigger=_empty_average,
        outputs=_empty_mean,
    ),
    KnownDivergence(
        id="COMPOSITE-AVERAGE-ZERO-SUM-OF-WEIGHTS",
        area="statistics",
        title="average with weights that sum to zero divides by the zero",
        numpy="raises ZeroDivisionError ('Weights sum to zero, can't be normalized')",
        jax="returns sum(a * w) / sum(w): an infinity, or NaN where the weighted sum is zero or NaN too "
            "(jnp.average(np.ones(2), weights=np.array([1.0, -1.0])) is nan)",
        why="jnp.average divides without checking the sum of weights (a check on values, impossible "
            "under jit)",
        source="observed by this suite, undocumented upstream (jax/_src/numpy/reductions.py: _average)",
        condition="weighted average where NumPy raises ZeroDivisionError",
        kinds=("error-parity",),
        trigger=_zero_total,
        outputs=_divided_by_zero_total,
    ),
)

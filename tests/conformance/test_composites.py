"""The namespace's functions that take functions, lists of conditions, index expressions or weights
(`conformance/cases/composites.py`), eagerly and under jit, on every dtype kind each is defined for."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance import reach
from conformance import registry_strategies as rst
from conformance import shape_domains as sd
from conformance import strategies as cst
from conformance.cases import composites
from conformance.check import check

pytestmark = pytest.mark.conformance

# Each example checks every kind, as the registry's rows do: the registry's budget (a sixth).
PER_KIND = settings(max_examples=max(settings.default.max_examples // 6, 2))


def _kinds(case) -> list[str]:
    return [rst.kind_feature(k) for k in case.dtype_kinds]


def _array(data, kind: str, *, low: int = 0, high: int = 3, min_side: int | None = None) -> np.ndarray:
    dtype = data.draw(cst.dtypes(kinds=kind), label=f"{kind} dtype")
    side = (1 if kind in "fc" else 0) if min_side is None else min_side
    shape = data.draw(rst.shapes_of_rank(low=low, high=high, min_side=side), label="shape")
    return data.draw(cst.arrays(dtype, shape), label="a")


@pytest.mark.parametrize("case", composites.ALONG_AXIS, ids=str)
@reach.declare(per_params=lambda params: [*_kinds(params["case"]), "an axis out of range"])
@PER_KIND
@given(data=st.data())
def test_apply_along_axis(case, xp, data):
    for kind in case.dtype_kinds:
        a = _array(data, kind, low=1, min_side=1)
        axis = data.draw(rst.option_values(sd.AXIS, a.shape), label="axis")
        outside = not -a.ndim <= axis < a.ndim
        reach.reached(rst.kind_feature(kind), *(["an axis out of range"] if outside else []))
        check(case, a, axis, xp=xp)


def _axes(shape) -> st.SearchStrategy:
    """An axis, or a tuple of distinct axes (negative ones too), now and then one out of range."""
    ndim = len(shape)
    axis = st.integers(-ndim, ndim - 1)
    return st.one_of(axis, st.lists(axis, max_size=ndim, unique_by=lambda x: x % ndim).map(tuple),
                     st.just(ndim))


@pytest.mark.parametrize("case", composites.OVER_AXES, ids=str)
@reach.declare(per_params=lambda params: [*_kinds(params["case"]), "a tuple of axes", "an axis out of range"])
@PER_KIND
@given(data=st.data())
def test_apply_over_axes(case, xp, data):
    for kind in case.dtype_kinds:
        a = _array(data, kind, low=1, min_side=1)
        axes = data.draw(_axes(a.shape), label="axes")
        reach.reached(rst.kind_feature(kind), *(["a tuple of axes"] if isinstance(axes, tuple) else []),
                      *(["an axis out of range"] if axes == a.ndim else []))
        check(case, a, axes, xp=xp)


@reach.declare(*_kinds(composites.FROM_FUNCTION), "an empty side")
@PER_KIND
@given(data=st.data())
def test_fromfunction(xp, data):
    for kind in composites.FROM_FUNCTION.dtype_kinds:
        dtype = data.draw(cst.dtypes(kinds=kind), label=f"{kind} dtype")
        shape = data.draw(st.tuples(st.integers(0, 4), st.integers(0, 4)), label="shape")
        reach.reached(rst.kind_feature(kind), *(["an empty side"] if 0 in shape else []))
        check(composites.FROM_FUNCTION, shape, dtype.name, xp=xp)


@reach.declare("n=0", "a negative k", "a positive k")
@settings(max_examples=max(settings.default.max_examples // 4, 2))
@given(n=st.integers(0, 5), k=st.integers(-2, 2))
def test_mask_indices(xp, n, k):
    reach.reached(*(["n=0"] if n == 0 else []),
                  *(["a negative k"] if k < 0 else ["a positive k"] if k > 0 else []))
    check(composites.MASK_INDICES, n, k, xp=xp)


@pytest.mark.parametrize("case", [composites.SELECT, composites.PIECEWISE, composites.WHERE_NONZERO], ids=str)
@reach.declare(per_params=lambda params: [*_kinds(params["case"]), "rank=0", "rank=3"])
@PER_KIND
@given(data=st.data())
def test_selections(case, xp, data):
    for kind in case.dtype_kinds:
        a = _array(data, kind)
        reach.reached(rst.kind_feature(kind), f"rank={a.ndim}")
        check(case, a, xp=xp)


# Bounds of each kind (int: ints; float: floats, one not a whole number), steps: a range's (positive,
# negative) or a number of points (an imaginary step; 1j: one point)
_BOUNDS = {"i": st.integers(-3, 5), "f": st.sampled_from([-2.5, -1.0, 0.0, 0.5, 1.0, 3.25])}
_STEPS = {"i": st.sampled_from([1, 2, -1, 3j, 1j]), "f": st.sampled_from([0.5, 1.0, -0.75, 4j, 1j])}


@pytest.mark.parametrize("case", composites.GRIDS, ids=str)
@reach.declare(per_params=lambda params: [*_kinds(params["case"]), "a number of points", "an empty range"])
@PER_KIND
@given(data=st.data())
def test_grids(case, xp, data):
    for kind in case.dtype_kinds:
        start, stop = data.draw(_BOUNDS[kind], label="start"), data.draw(_BOUNDS[kind], label="stop")
        step = data.draw(_STEPS[kind], label="step")
        points = isinstance(step, complex)
        empty = not points and (stop - start) / step <= 0
        reach.reached(rst.kind_feature(kind), *(["a number of points"] if points else []),
                      *(["an empty range"] if empty else []))
        check(case, start, stop, step, xp=xp)


@reach.declare(*_kinds(composites.AVERAGE), "keepdims", "a tuple of axes")
@PER_KIND
@given(data=st.data())
def test_average(xp, data):
    for kind in composites.AVERAGE.dtype_kinds:
        a = _array(data, kind)
        axis = data.draw(rst.option_values(sd.AXES, a.shape), label="axis")
        keepdims = data.draw(st.booleans(), label="keepdims")
        reach.reached(rst.kind_feature(kind), *(["keepdims"] if keepdims else []),
                      *(["a tuple of axes"] if isinstance(axis, tuple) and len(axis) > 1 else []))
        check(composites.AVERAGE, a, axis, keepdims, xp=xp)


@reach.declare(*_kinds(composites.WEIGHTED_AVERAGE), "returned", "an axis")
@PER_KIND
@given(data=st.data())
def test_weighted_average(xp, data):
    for kind in composites.WEIGHTED_AVERAGE.dtype_kinds:
        a = _array(data, kind)
        w = data.draw(cst.arrays(a.dtype, a.shape), label="w")
        axis = data.draw(st.one_of(st.none(), st.integers(-a.ndim, a.ndim - 1)) if a.ndim else st.none(),
                         label="axis")
        returned = data.draw(st.booleans(), label="returned")
        keepdims = data.draw(st.booleans(), label="keepdims")
        reach.reached(rst.kind_feature(kind), *(["returned"] if returned else []),
                      *(["an axis"] if axis is not None else []))
        check(composites.WEIGHTED_AVERAGE, a, w, axis, returned, keepdims, xp=xp)

"""Indexing: x[index] for every kind of index, take and take_along_axis in every mode, .at[index].get, on
arange-filled arrays (a wrong element names its position), eagerly and under jit (index arrays traced).

The structures that decide what an index means are drawn on purpose, not left to luck: a slice with a
negative step and an explicit stop, an ellipsis followed by `newaxis`, masks of two or more axes with
`True` in several rows, advanced indices adjacent and separated by a slice. Each test declares the ones it
must reach (`conformance/reach.py`)."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance import indices as ci
from conformance import reach
from conformance import strategies as cst
from conformance.cases import indexing as cases
from conformance.check import check
from conformance.outcome import capture
from conformance.recorder import active

pytestmark = pytest.mark.conformance


def _base(data, *, min_dims: int = 0, min_side: int = 0) -> np.ndarray:
    dtype = data.draw(cst.dtypes(), label="dtype")
    shape = data.draw(cst.array_shapes(min_dims=min_dims, min_side=min_side), label="shape")
    return ci.arange_array(shape, dtype)


def _reached(index) -> None:
    reach.reached(*ci.index_features(index))


@reach.declare("negative step with explicit stop", "ellipsis then newaxis")
@given(data=st.data())
def test_basic_indices(xp, data):
    # Hypothesis draws the first of a list most often: the structures it would not reach come first
    structure = data.draw(st.sampled_from(["negative step", "ellipsis then newaxis", "drawn"]),
                          label="structure")
    x = _base(data, min_dims=int(structure == "negative step"))
    index = data.draw(ci.basic_indices(x.shape) if structure == "drawn" else
                      ci.basic_index_structures(x.shape), label="idx")
    _reached(index)
    check(cases.GETITEM, x, index, xp=xp)


@reach.declare("several index arrays", "index array of rank>=2")
@given(data=st.data())
def test_integer_array_indices(xp, data):
    x = _base(data, min_dims=1)
    index = data.draw(ci.integer_array_indices(x.shape, out_of_bounds=data.draw(st.booleans())), label="idx")
    _reached(index)
    check(cases.GETITEM, x, index, xp=xp)


@reach.declare("mask rank>=2, True in several rows")
@given(data=st.data())
def test_boolean_masks(xp, data):
    if data.draw(st.sampled_from([True, False]), label="several rows"):
        x = _base(data, min_dims=2, min_side=2)
        index = data.draw(ci.masks_with_several_rows(x.shape), label="idx")
    else:
        x = _base(data)
        index = data.draw(ci.boolean_masks(x.shape), label="idx")
    _reached(index)
    check(cases.GETITEM, x, index, xp=xp)


@reach.declare(*(f"advanced indices {layout}" for layout in ci.LAYOUTS),
               "advanced indices separated, after a slice")
@settings(max_examples=settings.default.max_examples * 2)  # the layouts, in and out of bounds
@given(data=st.data())
def test_mixed_indices(xp, data):
    layout = data.draw(st.sampled_from(["separated", "adjacent", None]), label="layout")
    # separated after a slice (x[:, i, :, j]: the case where moving the advanced axes first shows) needs 4
    separated = layout == "separated"  # on sides of 2 or more, so that moving axes shows
    x = _base(data, min_dims=data.draw(st.sampled_from([4, 3])) if separated else 1, min_side=2 * separated)
    out_of_bounds = data.draw(st.sampled_from([False, False, False, True]), label="out_of_bounds")
    index = data.draw(ci.mixed_indices(x.shape, out_of_bounds=out_of_bounds, layout=layout), label="idx")
    _reached(index)
    check(cases.GETITEM, x, index, xp=xp)


def _list_kind(index) -> str:
    if isinstance(index, tuple):
        return "tuple of lists"
    if not index:
        return "empty list"
    if isinstance(index[0], list):
        return "nested list"
    return "list of bools" if isinstance(index[0], bool) else "list of ints"


@reach.declare("list of ints", "nested list", "list of bools", "empty list", "tuple of lists")
@given(data=st.data())
def test_list_indices(xp, data):
    x = _base(data, min_dims=1)
    index = data.draw(ci.list_indices(x.shape), label="idx")
    reach.reached(_list_kind(index))
    check(cases.GETITEM, x, index, xp=xp)


def _invalid_kind(index) -> str:
    parts = index if isinstance(index, tuple) else (index,)
    if any(isinstance(p, np.ndarray) and p.dtype == bool for p in parts):
        return "mask of the wrong shape"
    if sum(p is Ellipsis for p in parts) > 1:
        return "two ellipses"
    if all(isinstance(p, int | slice) for p in parts) and not any(isinstance(p, slice) and isinstance(
            p.start, float) or isinstance(p, slice) and isinstance(p.step, float) for p in parts):
        return "too many indices"
    return type(parts[0]).__name__ if not isinstance(parts[0], np.ndarray) else "float array"


# Both sides refuse these before computing anything (JAX while tracing): cheap, so more of them.
@reach.declare("mask of the wrong shape", "two ellipses", "too many indices", "float", "str", "float array")
@settings(max_examples=settings.default.max_examples * 3)
@given(data=st.data())
def test_invalid_indices(xp, data):
    x = _base(data)
    index = data.draw(ci.invalid_indices(x.shape), label="idx")
    reach.reached(_invalid_kind(index))
    verdicts = check(cases.GETITEM, x, index, xp=xp)
    numpy = capture(lambda: x[index])
    for mode, verdict in zip(cases.GETITEM.modes, verdicts, strict=True):
        jax = numpy.error.kind() if verdict.status == "agree" else verdict.difference.summary
        active().record_cell("indexing: errors for invalid indices", _invalid_kind(index), mode,
                             f"numpy {numpy.error.type if numpy.raised else 'returns'}; jax {jax}",
                             title="The error each side raises for an invalid index (jax: same kind, or "
                                   "what differs)", keep="last")


@pytest.mark.parametrize("case", cases.TAKE, ids=str)
@reach.declare("axis=None", "negative axis")
@given(data=st.data())
def test_take(case, xp, data):
    x = _base(data, min_dims=1)
    axis = data.draw(st.sampled_from([None, *range(-x.ndim, x.ndim)]), label="axis")
    reach.reached("axis=None" if axis is None else "negative axis" if axis < 0 else "axis >= 0")
    size = x.size if axis is None else x.shape[axis]
    rest = 1 if axis is None else math.prod(x.shape) // max(size, 1)
    shape = data.draw(ci.index_shape(rest=rest), label="index shape")
    out_of_bounds = size == 0 or data.draw(st.booleans(), label="out_of_bounds")
    # np.take(mode="wrap") wraps by repeated addition: entries near 2**63 would not finish on NumPy's side
    dtypes = ("int8", "int16", "uint8", "uint16") if "mode:wrap" in case.tags else None
    i = data.draw(ci.index_array(shape, axis_size=size, out_of_bounds=out_of_bounds, dtypes=dtypes),
                  label="i")
    check(case, x, i, axis, xp=xp)


@pytest.mark.parametrize("case", cases.TAKE_ALONG_AXIS, ids=str)
@reach.declare("negative axis", "axis >= 0")
@given(data=st.data())
def test_take_along_axis(case, xp, data):
    x = _base(data, min_dims=1)
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1), label="axis")
    reach.reached("negative axis" if axis < 0 else "axis >= 0")
    size = x.shape[axis]
    shape = [data.draw(st.sampled_from([1, side]), label="side") for side in x.shape]
    shape[axis] = data.draw(st.integers(0, cst.BUDGET.max_side), label="count")
    out_of_bounds = size == 0 or data.draw(st.booleans(), label="out_of_bounds")
    i = data.draw(ci.index_array(tuple(shape), axis_size=size, out_of_bounds=out_of_bounds), label="i")
    check(case, x, i, axis, xp=xp)


@pytest.mark.parametrize("case", cases.AT_GET, ids=str)
@given(data=st.data())
def test_at_get(case, xp, data):
    x = _base(data, min_dims=1)
    index = data.draw(st.one_of(ci.integer_array_indices(x.shape, out_of_bounds=True),
                                ci.mixed_indices(x.shape, out_of_bounds=True),
                                ci.basic_indices(x.shape)), label="idx")
    check(case, x, index, xp=xp)

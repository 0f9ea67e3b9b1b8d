"""Broadcasting: elementwise functions and operators, ternary functions, shape functions and assignment,
on shapes that broadcast and shapes that do not, eagerly and under jit. Where values matter, each drawn
shape and dtype is checked with several value sets (`cst.value_sets`), which share its compiles, until
both sides raise on one (`check_sets`)."""

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance import strategies as cst
from conformance.cases import broadcasting as cases
from conformance.check import check, check_sets

pytestmark = pytest.mark.conformance


@pytest.mark.parametrize("case", cases.BINARY, ids=str)
@given(data=st.data())
def test_binary_broadcasts(case, xp, data):
    dtype = data.draw(cst.dtypes(kinds=case.dtype_kinds), label="dtype")
    shapes = data.draw(cst.broadcastable_shapes(num_shapes=2), label="shapes")
    check_sets(case, data.draw(cst.broadcast_operand_sets(dtype=dtype, shapes=shapes), label="operands"),
               xp=xp)


@pytest.mark.parametrize("case", cases.BINARY, ids=str)
@given(data=st.data())
def test_binary_refuses_shapes_that_do_not_broadcast(case, xp, data):
    dtype = data.draw(cst.dtypes(kinds=case.dtype_kinds), label="dtype")
    shapes = data.draw(cst.non_broadcastable_shapes(num_shapes=2), label="shapes")
    operands = data.draw(cst.broadcast_operands(dtype=dtype, shapes=shapes, scalars=False),
                         label="operands")
    check(case, *operands, xp=xp)


@pytest.mark.parametrize("case", [c for c in cases.BINARY if c.dtype_kinds != "biufc"], ids=str)
@given(data=st.data())
def test_binary_outside_its_dtypes(case, xp, data):
    outside = "".join(k for k in "biufc" if k not in case.dtype_kinds)
    dtype = data.draw(cst.dtypes(kinds=outside), label="dtype")
    shapes = data.draw(cst.broadcastable_shapes(num_shapes=2), label="shapes")
    check_sets(case, data.draw(cst.broadcast_operand_sets(dtype=dtype, shapes=shapes), label="operands"),
               xp=xp)


@given(data=st.data())
def test_where_broadcasts_three_operands(xp, data):
    dtype = data.draw(cst.dtypes(), label="dtype")
    c_shape, a_shape, b_shape = data.draw(
        st.one_of(cst.broadcastable_shapes(num_shapes=3), cst.non_broadcastable_shapes(num_shapes=3)),
        label="shapes")
    sets = data.draw(cst.broadcast_operand_sets(dtype=dtype, shapes=(a_shape, b_shape)), label="a, b")
    # a generator: a condition is drawn for each set that gets checked
    check_sets(cases.WHERE, ((data.draw(cst.arrays(np.dtype(bool), c_shape), label="c"), a, b)
                             for a, b in sets), xp=xp)


@given(data=st.data())
def test_clip_broadcasts_three_operands(xp, data):
    dtype = data.draw(cst.dtypes(kinds=cases.CLIP.dtype_kinds), label="dtype")
    shapes = data.draw(
        st.one_of(cst.broadcastable_shapes(num_shapes=3), cst.non_broadcastable_shapes(num_shapes=3)),
        label="shapes")
    check_sets(cases.CLIP, data.draw(cst.broadcast_operand_sets(dtype=dtype, shapes=shapes),
                                     label="a, lo, hi"), xp=xp)


@given(shapes=st.one_of(cst.broadcastable_shapes(num_shapes=2),
                        cst.non_broadcastable_shapes(num_shapes=2)))
def test_broadcast_shapes(xp, shapes):
    check(cases.BROADCAST_SHAPES, *shapes, xp=xp)


@given(data=st.data())
def test_broadcast_to(xp, data):
    dtype = data.draw(cst.dtypes(), label="dtype")
    source, target = data.draw(st.one_of(
        cst.broadcastable_shapes(num_shapes=2).map(lambda s: (s[0], np.broadcast_shapes(*s))),
        cst.broadcastable_shapes(num_shapes=2),  # target too small where the first shape is larger
        cst.non_broadcastable_shapes(num_shapes=2),
    ), label="shape, target")
    a = data.draw(cst.arrays(dtype, source), label="a")
    check(cases.BROADCAST_TO, a, tuple(target), xp=xp)


@given(data=st.data())
def test_broadcast_arrays(xp, data):
    dtype = data.draw(cst.dtypes(), label="dtype")
    shapes = data.draw(st.one_of(cst.broadcastable_shapes(num_shapes=2),
                                 cst.non_broadcastable_shapes(num_shapes=2)), label="shapes")
    operands = data.draw(cst.broadcast_operands(dtype=dtype, shapes=shapes, scalars=False),
                         label="operands")
    check(cases.BROADCAST_ARRAYS, *operands, xp=xp)


@st.composite
def _values_for(draw, region: tuple[int, ...], dtype: np.dtype):
    """A value to assign into a region: broadcastable, with extra leading 1s, or of a clashing shape."""
    shape = draw(st.one_of(
        hnp.broadcastable_shapes(region, min_side=0, max_side=cst.BUDGET.max_side),
        st.just(region).map(lambda s: (1, *s)),
        cst.array_shapes(),
    ))
    if draw(st.sampled_from([False, False, False, True])):
        return draw(cst.python_scalars(dtype, out_of_range=False))
    return draw(cst.arrays(dtype, shape))


@given(data=st.data())
def test_assignment_broadcasts_value(xp, data):
    dtype = data.draw(cst.dtypes(), label="dtype")
    x = data.draw(cst.arrays(dtype, data.draw(cst.array_shapes(), label="shape")), label="x")
    index = data.draw(st.one_of(st.just(...), hnp.basic_indices(x.shape, allow_newaxis=True)),
                      label="idx")
    region = np.empty(x.shape)[index].shape
    value = data.draw(_values_for(region, dtype), label="v")
    check(cases.SETITEM, x, index, value, xp=xp)

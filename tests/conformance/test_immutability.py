"""Immutability and in-place semantics: NumPy's in-place idioms against what JAX does instead.

Each is a catalogue entry (conformance/catalogue/updates.py) with a live test: the test fails when JAX
stops doing what the entry documents, also where that would make JAX agree with NumPy (an entry that no
longer holds is stale, and the report would be wrong)."""

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance import indices as idx
from conformance import reach
from conformance import strategies as cst
from conformance.cases import updates as cases
from conformance.check import check
from conformance.compare import compare
from conformance.environment import x64_enabled
from conformance.outcome import Outcome, Value
from conformance.runner import run_numpy

pytestmark = pytest.mark.conformance


def assert_entry_holds(verdicts, entry_id: str, *, when: bool = True) -> None:
    """Where NumPy changed its array in place (`when`), JAX must not agree: each mode is a known divergence
    (`entry_id`, or another entry where the values themselves differ too, a subnormal flushed, say)."""
    __tracebackhide__ = True
    seen = [str(v) for v in verdicts]
    if when and any(not v.startswith("known:") for v in seen):
        raise AssertionError(f"the catalogue entry {entry_id} no longer holds: verdicts {seen}")


def _same(after: np.ndarray, x: np.ndarray) -> bool:
    """The same shape and values, NaN meeting NaN (bfloat16 included)."""
    return after.shape == x.shape and np.array_equal(after, x, equal_nan=cst.kind_of(x.dtype) in "fc")


def _changed(numpy: Outcome, before: np.ndarray, case) -> bool:
    """NumPy raised, or its first result differs from `before` as the verdicts see it (within the
    case's tolerance: a change below it cannot make JAX's unchanged array disagree)."""
    return numpy.raised or compare(Outcome((Value(np.asarray(before)),)),
                                   Outcome((numpy.values[0],)), case.tolerance) is not None


@st.composite
def _array(draw, kinds: str = "biufc", *, min_side: int = 0):
    dtype = draw(cst.dtypes(kinds=kinds), label="dtype")
    shape = draw(cst.array_shapes(min_dims=1, min_side=min_side), label="shape")
    return draw(cst.arrays(dtype, shape), label="x")


@st.composite
def _value_into(draw, shape: tuple[int, ...], dtype: np.dtype):
    """A value that broadcasts into `shape`: a Python scalar or an array. Shrinks towards 0. Python ints
    beyond JAX's default integer are the dtypes area's (DTYPE-PYINT-BEYOND-DEFAULT-INT): left out."""
    if draw(st.booleans()):
        limit = 2**63 if x64_enabled() else 2**31
        return draw(cst.python_scalars(dtype, out_of_range=False).filter(
            lambda v: type(v) is not int or -limit <= v < limit))
    into = hnp.broadcastable_shapes(shape, max_dims=len(shape), min_side=0, max_side=cst.BUDGET.max_side)
    return draw(cst.arrays(dtype, draw(into.filter(lambda s: np.broadcast_shapes(s, shape) == shape))))


def _reached_value(value) -> None:
    reach.reached("value: python scalar" if not isinstance(value, np.ndarray) else "value: array")


@reach.declare("value: python scalar", "value: array")
@given(data=st.data())
def test_setitem_raises_and_leaves_x_unchanged(xp, data):
    x = data.draw(_array(), label="x")
    index = data.draw(idx.basic_indices(x.shape), label="idx")
    value = data.draw(_value_into(np.empty(x.shape)[index].shape, x.dtype), label="v")
    _reached_value(value)
    assert_entry_holds(check(cases.SETITEM, x, index, value, xp=xp), "IMM-SETITEM-RAISES")
    a = xp.asarray(x)
    with pytest.raises(TypeError):
        a[index] = value
    # _same, not assert_array_equal: that one takes a bfloat16 NaN for a changed element
    assert _same(np.asarray(a), x), f"a failed x[idx] = v changed x: {np.asarray(a)!r}, was {x!r}"


@reach.declare("value: python scalar", "value: array", "index arrays")
@given(data=st.data())
def test_at_set_leaves_x_and_returns_a_new_buffer(xp, data):
    x = data.draw(_array(), label="x")
    index = data.draw(idx.indices(x.shape, kinds=("basic", "integer")), label="idx")
    region = np.empty(x.shape)[index].shape
    value = data.draw(_value_into(region, x.dtype), label="v")
    _reached_value(value)
    if any(isinstance(p, np.ndarray) for p in (index if isinstance(index, tuple) else (index,))):
        reach.reached("index arrays")
    check(cases.AT_SET_COPIES, x, index, value, xp=xp)


@given(data=st.data())
def test_basic_index_is_not_a_view(xp, data):
    x = data.draw(_array(), label="x")
    index = data.draw(idx.basic_indices(x.shape), label="idx")
    verdicts = check(cases.SLICE_VIEW, x, index, xp=xp)
    numpy = run_numpy(cases.SLICE_VIEW, (x, index))
    changed = not numpy.raised and _changed(numpy, x[index], cases.SLICE_VIEW)
    assert_entry_holds(verdicts, "IMM-SLICE-IS-A-COPY", when=changed)


@pytest.mark.parametrize("case", cases.AUGMENTED, ids=str)
@reach.declare("value: python scalar", "value: array")
@given(data=st.data())
def test_augmented_assignment_rebinds(case, xp, data):
    x = data.draw(_array(case.dtype_kinds), label="x")
    value = data.draw(_value_into(x.shape, x.dtype), label="v")
    _reached_value(value)
    verdicts = check(case, x, value, xp=xp)
    changed = _changed(run_numpy(case, (x, value)), x, case)
    assert_entry_holds(verdicts, "IMM-AUGMENTED-ASSIGNMENT-REBINDS", when=changed)


_ENTRY_OF_TAG = {
    "in-place:sort": "IMM-SORT-METHOD-RETURNS-COPY", "in-place:method": "IMM-IN-PLACE-METHODS-MISSING",
    "in-place:function": "IMM-FUNCTION-NEEDS-INPLACE-FALSE", "in-place:out": "IMM-UFUNC-OUT-REFUSED",
}


@pytest.mark.parametrize("case", cases.IN_PLACE, ids=str)
@given(data=st.data())
def test_in_place_methods(case, xp, data):
    x = data.draw(_array(case.dtype_kinds, min_side=1), label="x")
    verdicts = check(case, x, xp=xp)
    changed = _changed(run_numpy(case, (x,)), x, case)
    (tag,) = case.tags
    assert_entry_holds(verdicts, _ENTRY_OF_TAG[tag], when=changed)

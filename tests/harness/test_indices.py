"""The index strategies reach their edge cases, produce indices NumPy accepts (or refuses, for the
invalid ones) within the budget, and refuse bad arguments clearly."""

import math

import numpy as np
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

from conformance import indices as ci
from conformance.strategies import BUDGET, available_dtypes

FIND = settings(max_examples=3000, database=None, derandomize=True)
SHAPE = (3, 4, 2)


def reaches(strategy, predicate):
    __tracebackhide__ = True
    return find(strategy, predicate, settings=FIND)


def named(pairs):
    """Parameters ids by their names, not by the lambdas' reprs."""
    return [pytest.param(name, predicate, id=name) for name, predicate in pairs]


def _is_array(part) -> bool:
    return isinstance(part, np.ndarray)


def _parts(index) -> tuple:
    return index if isinstance(index, tuple) else (index,)


def _numpy_read(shape, index):
    return ci.arange_array(shape, np.int64)[index]


# --- arange_array -------------------------------------------------------------------------------------

def test_arange_array_names_positions():
    a = ci.arange_array((2, 3), np.float32)
    assert a.dtype == np.float32 and a.tolist() == [[0, 1, 2], [3, 4, 5]]
    assert ci.arange_array((4,), bool).tolist() == [False, True, False, True]
    assert ci.arange_array((2,), np.complex64).tolist() == [0j, 1 + 1j]
    assert ci.arange_array((200,), np.int8)[130] == 2  # wraps modulo 128, never negative


# --- basic --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "predicate"), named([
    ("negative-step", lambda i: any(isinstance(p, slice) and (p.step or 1) < 0 for p in _parts(i))),
    ("negative-int", lambda i: any(isinstance(p, int) and p < 0 for p in _parts(i))),
    ("newaxis", lambda i: any(p is None for p in _parts(i))),
    ("ellipsis-and-int", lambda i: Ellipsis in _parts(i) and any(isinstance(p, int) for p in _parts(i))),
]))
def test_basic_indices_reach(name, predicate):
    reaches(ci.basic_indices(SHAPE), predicate)


# --- integer arrays -----------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", available_dtypes(kinds="iu"), ids=str)
def test_integer_array_indices_reach_every_dtype(dtype):
    reaches(ci.integer_array_indices(SHAPE), lambda t: any(a.dtype == dtype for a in t))


@pytest.mark.parametrize(("name", "predicate"), named([
    ("broadcasting", lambda t: len({a.shape for a in t}) > 1),
    ("zero-d", lambda t: any(a.ndim == 0 for a in t)),
    ("negative", lambda t: any((a < 0).any() for a in t)),
    ("leading-axes-only", lambda t: 1 < len(t) < len(SHAPE)),
]))
def test_integer_array_indices_reach(name, predicate):
    reaches(ci.integer_array_indices(SHAPE), predicate)


@pytest.mark.parametrize(("name", "predicate"), named([
    ("past-the-end", lambda t: any((a.astype(object) >= SHAPE[i]).any() for i, a in enumerate(t))),
    ("before-the-start", lambda t: any((a.astype(object) < -SHAPE[i]).any() for i, a in enumerate(t))),
    ("above-2**32", lambda t: any((a.astype(object) > 2**32).any() for a in t)),
]))
def test_out_of_bounds_indices_reach(name, predicate):
    strategy = ci.integer_array_indices(SHAPE, out_of_bounds=True, dtypes=[np.int8, np.int64, np.uint64])
    reaches(strategy, predicate)


def test_repeated_indices_repeat_positions():
    def repeats(t):
        positions = np.broadcast_arrays(*(a.astype(np.int64) % n for a, n in zip(t, SHAPE, strict=False)))
        flat = list(zip(*(p.ravel().tolist() for p in positions), strict=True))
        return len(flat) > 2 and len(set(flat)) == 1
    reaches(ci.integer_array_indices(SHAPE, repeated=True), repeats)


@given(data=st.data())
def test_integer_array_indices_are_in_bounds_and_within_budget(data):
    shape = data.draw(st.sampled_from([(3,), (4, 2), (2, 0, 3), SHAPE]))
    index = data.draw(ci.integer_array_indices(shape))
    assert _numpy_read(shape, index).size <= BUDGET.max_size


def test_unsigned_indices_are_never_negative():
    reaches(ci.integer_array_indices((4,), dtypes=[np.uint8], negative=False), lambda t: t[0].size > 3)
    with pytest.raises(Exception):  # noqa: B017, PT011 (find raises NoSuchExample)
        find(ci.integer_array_indices((4,), negative=False), lambda t: (t[0] < 0).any(),
             settings=settings(FIND, max_examples=300))


# --- boolean masks ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "predicate"), named([
    ("full-shape", lambda m: np.shape(m) == SHAPE and np.any(m)),
    ("leading-axes", lambda m: 0 < np.ndim(m) < len(SHAPE) and np.any(m)),
    ("zero-d-true", lambda m: np.ndim(m) == 0 and bool(m)),
    ("zero-d-false-python", lambda m: m is False),
    ("all-false", lambda m: np.ndim(m) > 0 and np.size(m) > 0 and not np.any(m)),
]))
def test_boolean_masks_reach(name, predicate):
    reaches(ci.boolean_masks(SHAPE), predicate)


# --- mixed --------------------------------------------------------------------------------------------

def _advanced_positions(index) -> list[int]:
    parts = [p for p in _parts(index) if p is not None and p is not Ellipsis]
    return [i for i, p in enumerate(parts) if _is_array(p) or isinstance(p, int)]


@pytest.mark.parametrize(("name", "predicate"), named([
    ("adjacent-after-a-slice", lambda i: isinstance(_parts(i)[0], slice)
     and len(_advanced_positions(i)) == 2 and np.ptp(_advanced_positions(i)) == 1),
    ("separated-by-a-slice", lambda i: len(_advanced_positions(i)) >= 2
     and np.ptp(_advanced_positions(i)) >= len(_advanced_positions(i))),
    ("int-with-array", lambda i: any(isinstance(p, int) for p in _parts(i))),
    ("with-none-or-ellipsis", lambda i: any(p is None or p is Ellipsis for p in _parts(i))),
]))
def test_mixed_indices_reach(name, predicate):
    reaches(ci.mixed_indices(SHAPE), predicate)


@given(data=st.data())
def test_mixed_indices_are_valid_and_within_budget(data):
    shape = data.draw(st.sampled_from([(3,), (4, 2), (2, 0, 3), SHAPE]))
    index = data.draw(ci.mixed_indices(shape))
    assert any(_is_array(p) for p in index)
    assert _numpy_read(shape, index).size <= BUDGET.max_size


# --- lists --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "predicate"), named([
    ("list-of-ints", lambda i: isinstance(i, list) and len(i) > 1 and isinstance(i[0], int)),
    ("nested", lambda i: isinstance(i, list) and i and isinstance(i[0], list)),
    ("bools", lambda i: isinstance(i, list) and i and isinstance(i[0], bool)),
    ("empty", lambda i: i == []),
    ("tuple-of-lists", lambda i: isinstance(i, tuple) and len(i) > 1),
]))
def test_list_indices_reach(name, predicate):
    reaches(ci.list_indices(SHAPE), predicate)


@given(data=st.data())
def test_list_indices_are_valid(data):
    shape = data.draw(st.sampled_from([(3,), (4, 2), SHAPE]))
    _numpy_read(shape, data.draw(ci.list_indices(shape)))


# --- invalid ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "predicate"), named([
    ("float", lambda i: isinstance(i, float)),
    ("float-array", lambda i: isinstance(i, np.ndarray) and i.dtype.kind == "f"),
    ("float-slice", lambda i: isinstance(i, slice)),
    ("string", lambda i: isinstance(i, str)),
    ("too-many", lambda i: isinstance(i, tuple) and len(i) > len(SHAPE) and Ellipsis not in i),
    ("wrong-mask", lambda i: isinstance(i, np.ndarray) and i.dtype == bool),
]))
def test_invalid_indices_reach(name, predicate):
    reaches(ci.invalid_indices(SHAPE), predicate)


@given(data=st.data())
def test_numpy_refuses_invalid_indices(data):
    shape = data.draw(st.sampled_from([(), (3,), (4, 2), (2, 0, 3)]))
    with pytest.raises((IndexError, TypeError, ValueError)):
        _numpy_read(shape, data.draw(ci.invalid_indices(shape)))


# --- indices ------------------------------------------------------------------------------------------

@given(data=st.data())
def test_indices_are_valid_and_within_budget(data):
    shape = data.draw(st.sampled_from([(), (3,), (4, 2), (2, 0, 3), SHAPE]))
    result = _numpy_read(shape, data.draw(ci.indices(shape)))
    assert result.size <= BUDGET.max_size


def test_indices_leave_out_kinds_that_need_an_axis():
    reaches(ci.indices((), kinds=("integer", "boolean")), lambda i: np.ndim(i) == 0)
    with pytest.raises(ValueError, match="can index a 0-d array"):
        ci.indices((), kinds=("integer", "list"))


@pytest.mark.parametrize(("make", "message"), [
    (lambda: ci.indices(SHAPE, kinds=("fancy",)), "kinds must be"),
    (lambda: ci.indices(SHAPE, kinds=()), "kinds must be"),
    (lambda: ci.basic_indices([3, 4]), "shape must be a tuple"),
    (lambda: ci.boolean_masks((3, -1)), "shape must be a tuple"),
    (lambda: ci.integer_array_indices(()), "at least one axis"),
    (lambda: ci.mixed_indices(()), "at least one axis"),
    (lambda: ci.list_indices(()), "at least one axis"),
    (lambda: ci.integer_array_indices(SHAPE, dtypes=[np.float32]), "integer dtypes"),
    (lambda: ci.integer_array_indices(SHAPE, dtypes=[]), "integer dtypes"),
    (lambda: ci.arange_array((2.0,), np.int8), "shape must be a tuple"),
], ids=["unknown-kind", "no-kind", "list-shape", "negative-side", "int-0d", "mixed-0d", "list-0d",
        "float-dtype", "no-dtype", "float-side"])
def test_strategies_refuse_bad_arguments_eagerly(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_index_shape_budget_keeps_results_small():
    budget = ci._index_shape_budget(rest=32)
    assert budget.max_size == 2 and math.prod((budget.max_side,)) <= 2

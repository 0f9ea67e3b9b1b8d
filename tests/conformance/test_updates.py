""".at[] updates: every method against its NumPy reference, on every kind of index (basic, integer arrays
with repeated positions on purpose, boolean masks, mixed), with update values that broadcast, that do not,
scalars and values of another dtype, out-of-bounds indices in every mode, and the sorted/unique promises;
eagerly and under jit (boolean masks under jit are a catalogued error).

Repeated positions decide what an update method means (every update counts, or one wins), so each method
is checked with them on purpose in every out-of-bounds mode (`mode=`, also for in-bounds indices, where
every mode must agree with NumPy); each test declares the structures it must reach
(`conformance/reach.py`)."""

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance import indices as idx
from conformance import reach
from conformance import strategies as cst
from conformance.cases import updates as cases
from conformance.catalogue.updates import target_positions
from conformance.check import check
from conformance.recorder import active

pytestmark = pytest.mark.conformance

# Lists as indices are the indexing area's (JAX refuses them): the kinds that index both namespaces alike.
VALUE_KINDS = ("basic", "integer", "boolean", "mixed")


def _method(case) -> str:
    return next(t for t in case.tags if t.startswith("method:")).removeprefix("method:")


# method -> its case with the static `mode` argument (get's modes are the indexing area's)
WITH_MODE = {_method(c): c for c in cases.WITH_MODE}
# "default": the method called without `mode` (mode=None is the same call); then each mode by name
MODE_LABELS = {"default": None, **{f"mode={m}": m for m in cases.MODES if m is not None}}


def _repeats(shape: tuple[int, ...], index) -> bool:
    """Whether two elements of x[index] are the same in-bounds element of x."""
    try:
        positions, inside = target_positions(shape, index, clip=False)
    except (IndexError, ValueError, TypeError):
        return False
    flat = np.asarray(positions)[np.asarray(inside, bool)]
    return flat.size != np.unique(flat).size


def _region(shape: tuple[int, ...], index) -> tuple[int, ...]:
    """The shape of x[index], out-of-bounds positions included."""
    return target_positions(shape, index, clip=False)[0].shape


@st.composite
def _target(draw, case, *, kinds=VALUE_KINDS, out_of_bounds: bool = False, repeated: bool | None = None):
    """(x, idx): an arange-filled x (every element names its position) and an index of `kinds`, with
    repeated positions drawn on purpose half of the time (always or never where `repeated` says)."""
    dtype = draw(cst.dtypes(kinds=case.dtype_kinds), label="dtype")
    needs_an_axis = out_of_bounds or set(kinds) <= idx.NEEDS_AN_AXIS
    shape = draw(cst.array_shapes(min_dims=1 if needs_an_axis else 0), label="shape")
    x = idx.arange_array(shape, dtype)
    # indices.py cannot draw repeated positions for an empty axis (its pool of positions is empty)
    repeated = 0 not in shape and (draw(st.booleans(), label="repeated") if repeated is None else repeated)
    index = draw(idx.indices(shape, kinds=kinds, repeated=repeated, out_of_bounds=out_of_bounds),
                 label="idx")
    return x, index


@st.composite
def _values_into(draw, region: tuple[int, ...], dtype: np.dtype) -> st.SearchStrategy:
    """The update values for `region`, their kind and shape drawn: arrays (edge values included) of a
    shape that broadcasts into it, or Python scalars of the dtype's kind. Shrinks towards 0-d arrays."""
    if draw(st.sampled_from([False, False, False, True])):
        return cst.python_scalars(dtype, out_of_range=False)
    return cst.arrays(dtype, draw(_shapes_into(region)))


def _shapes_into(region: tuple[int, ...]) -> st.SearchStrategy[tuple[int, ...]]:
    """Shapes that broadcast INTO `region` (no more dimensions; each side 1 or the region's)."""
    return hnp.broadcastable_shapes(region, min_dims=0, max_dims=len(region), min_side=0,
                                    max_side=cst.BUDGET.max_side).filter(lambda s: _broadcasts(s, region))


def _arg_sets(case, x, index, data, *, mode=()) -> list[tuple]:
    """The arguments of `case`; with an update value, `cst.value_sets` of values of one kind and shape
    (x and the index stay: the sets share their compiles)."""
    if "takes-value" not in case.tags:
        return [(x, index, *mode)]
    values = data.draw(_values_into(_region(x.shape, index), x.dtype), label="v kind")
    return [(x, index, value, *mode) for value in data.draw(cst.value_sets(values), label="v")]


# Three fifths of the profile's examples per method: repeated positions, every out-of-bounds mode and
# values of another dtype have tests of their own below, which reach them by construction.
PER_METHOD = settings(max_examples=max(settings.default.max_examples * 3 // 5, 2))


@pytest.mark.parametrize("case", cases.METHODS, ids=str)
@PER_METHOD
@reach.declare("repeated positions")
@given(data=st.data())
def test_update_matches_numpy(case, xp, data):
    # half the time an index that repeats a position by construction (drawn kinds rarely do)
    repeating = data.draw(st.sampled_from([True, False]), label="repeating")
    x, index = data.draw(_repeating_target(case) if repeating else _target(case), label="x, idx")
    for args in _with_telling_values(case, x, index, data, _arg_sets(case, x, index, data)):
        check(case, *args, xp=xp)


def _with_telling_values(case, x, index, data, sets: list[tuple], mode=()) -> list[tuple]:
    """`sets`, and where the index repeats a position (counted for reach), first a set of values whose
    repeated updates all show in the result."""
    if not _repeats(x.shape, index):
        return sets
    reach.reached("repeated positions")
    if "takes-value" not in case.tags:
        return sets
    values = data.draw(_telling_values(x.dtype, _region(x.shape, index)), label="v that tells updates apart")
    return [(x, index, values, *mode), *sets]


def _telling_values(dtype: np.dtype, region: tuple[int, ...]) -> st.SearchStrategy[np.ndarray]:
    """Update values of the region's shape, none of them neutral (1 to 3; bools of both kinds): at a
    repeated position, dropping or reordering an update changes the result."""
    return cst.arrays(dtype, region, elements=st.booleans() if dtype.kind == "b" else st.integers(1, 3))


@st.composite
def _repeating_target(draw, case):
    """(x, idx) where idx repeats an in-bounds position by construction: an index array (of any signed
    integer dtype, negative entries too) with one position two to four times among others, on the first
    axis, or on the second after a slice. Shrinks towards x[[0, 0]] on a 1-d x."""
    dtype = draw(cst.dtypes(kinds=case.dtype_kinds), label="dtype")
    shape = draw(cst.array_shapes(min_dims=1, min_side=1), label="shape")
    axis = draw(st.integers(0, min(1, len(shape) - 1)), label="axis")
    size = shape[axis]
    index_dtype = draw(cst.dtypes(kinds="i"), label="index dtype")
    positions = st.integers(max(-size, int(np.iinfo(index_dtype).min)), size - 1)
    repeated = [draw(positions)] * draw(st.integers(2, 4))
    entries = draw(st.permutations(repeated + draw(st.lists(positions, max_size=2))))
    array = np.array(entries, dtype=index_dtype)
    return idx.arange_array(shape, dtype), (array,) if axis == 0 else (slice(None), array)


# "default": the method called without `mode` (mode=None is the same call); then each mode by name
MODE_LABELS = {"default": None, **{f"mode={m}": m for m in cases.MODES if m is not None}}
REPEATED = [(case, label) for case in cases.METHODS if _method(case) in WITH_MODE for label in MODE_LABELS]


# Every example repeats a position by construction: a few per method and mode reach it for sure (the
# dtypes and index kinds are test_update_matches_numpy's to cover).
@pytest.mark.parametrize("case, label", REPEATED, ids=[f"{c.name}-{label}" for c, label in REPEATED])
@reach.declare("repeated positions")
@settings(max_examples=max(3, settings.default.max_examples // 13))
@given(data=st.data())
def test_repeated_positions_in_every_mode(case, label, xp, data):
    """Each update method with an index that repeats a position, called without `mode` and with each
    mode: in bounds every mode must do what NumPy's ufunc.at (or setitem) does."""
    mode = () if label == "default" else (MODE_LABELS[label],)
    checked = case if label == "default" else WITH_MODE[_method(case)]
    x, index = data.draw(_repeating_target(case), label="x, idx")
    sets = _arg_sets(checked, x, index, data, mode=mode)
    for args in _with_telling_values(checked, x, index, data, sets, mode=mode):
        check(checked, *args, xp=xp)


# The tests below draw the method, to keep the number of compiles (the suite's cost) down.


def _out_of_bounds(shape: tuple[int, ...], index) -> bool:
    try:
        return not np.all(target_positions(shape, index, clip=False)[1])
    except (IndexError, ValueError, TypeError):
        return False


@pytest.mark.parametrize("mode", cases.MODES, ids=str)
@reach.declare("out-of-bounds position")
@given(data=st.data())
def test_out_of_bounds_in_every_mode(mode, xp, data):
    case = data.draw(st.sampled_from(cases.WITH_MODE), label="case")
    x, index = data.draw(_target(case, kinds=("integer", "mixed"), out_of_bounds=True), label="x, idx")
    if _out_of_bounds(x.shape, index):
        reach.reached("out-of-bounds position")
    for args in _arg_sets(case, x, index, data, mode=(mode,)):
        check(case, *args, xp=xp)


def _clashing_shape(region: tuple[int, ...]) -> st.SearchStrategy[tuple[int, ...]]:
    """A value shape that does not broadcast into `region` (an extra leading 1 is the broadcasting
    area's: test_assignment_broadcasts_value)."""
    return cst.array_shapes(min_dims=1).filter(lambda s: not _broadcasts(s, region))


def _broadcasts(shape, region) -> bool:
    try:
        np.broadcast_to(np.empty(shape), region)
    except ValueError:
        return False
    return True


@given(data=st.data())
def test_values_that_do_not_broadcast(xp, data):
    case = data.draw(st.sampled_from(cases.UPDATES), label="case")
    x, index = data.draw(_target(case, kinds=("basic", "integer", "mixed")), label="x, idx")
    shape = data.draw(_clashing_shape(_region(x.shape, index)), label="v shape")
    check(case, x, index, data.draw(cst.arrays(x.dtype, shape), label="v"), xp=xp)


@st.composite
def _foreign_value(draw, dtype: np.dtype, region: tuple[int, ...]):
    """(kind, value): a value of another dtype than the target's (float into int, complex into real,
    a Python int outside the dtype's range, a wider float array), as a user writes it."""
    kind = np.dtype(dtype).kind
    options = ["python float", "float64 array"] if kind in "iub" else []
    options += ["python complex", "complex array"] if kind in "iuf" else []
    options += ["python int out of range"] if kind in "iu" else []
    options += ["float64 array"] if kind == "f" else []
    choice = draw(st.sampled_from(options or ["python float"]), label="value kind")
    if choice == "python float":
        return choice, draw(st.sampled_from([0.5, -0.5, 2.7, -1.5, 1e10, float("nan")]))
    if choice == "python complex":
        return choice, draw(st.sampled_from([1 + 1j, -2.5 + 0.5j, 1j]))
    if choice == "python int out of range":
        info = np.iinfo(dtype)
        return choice, draw(st.sampled_from([int(info.max) + 1, int(info.min) - 1, 2**31, 2**40]))
    shape = draw(_shapes_into(region))
    elements = st.sampled_from([0.5, -0.5, 2.7, -1.5, 3.0])
    if choice == "complex array":
        return choice, draw(hnp.arrays(np.complex128, shape, elements=elements.map(lambda r: complex(r, 1))))
    return choice, draw(hnp.arrays(np.float64 if dtype != np.float64 else np.float32, shape,
                                   elements=elements))


@given(data=st.data())
def test_values_of_another_dtype(xp, data):
    case = data.draw(st.sampled_from(cases.UPDATES), label="case")
    x, index = data.draw(_target(case, kinds=("basic", "integer")), label="x, idx")
    kind, value = data.draw(_foreign_value(x.dtype, _region(x.shape, index)), label="kind, v")
    verdicts = check(case, x, index, value, xp=xp)
    # What each side does with a value of another dtype, for the report: agree, or the entry's id.
    for mode, verdict in zip(case.modes, verdicts, strict=True):
        active().record_cell("updates-foreign-values", f"{case.name} into {x.dtype.name}",
                             f"{kind} ({mode})", str(verdict), keep="last",
                             title=".at[] update values of another dtype: verdict per method and value")


@st.composite
def _sorted_unique_index(draw, shape: tuple[int, ...]):
    """A 1-d integer index into the first axis, strictly increasing (sorted and unique, no negative
    entries: JAX's promise is about the normalized indices). Shrinks towards an empty index."""
    positions = draw(st.sets(st.integers(0, shape[0] - 1), max_size=shape[0])) if shape[0] else set()
    dtype = draw(cst.dtypes(kinds="iu"))
    return (np.array(sorted(positions), dtype=dtype),)


@given(data=st.data())
def test_sorted_unique_promises_where_true(xp, data):
    case = data.draw(st.sampled_from(cases.SORTED_UNIQUE), label="case")
    dtype = data.draw(cst.dtypes(kinds=case.dtype_kinds), label="dtype")
    x = idx.arange_array(data.draw(cst.array_shapes(min_dims=1), label="shape"), dtype)
    index = data.draw(_sorted_unique_index(x.shape), label="idx")
    for args in _arg_sets(case, x, index, data):
        check(case, *args, xp=xp)


@reach.declare("repeated positions")
@given(data=st.data())
def test_augmented_assignment_differs_from_add_on_repeats(xp, data):
    """NumPy's x[idx] += v counts one update per repeated position; .at[].add counts all (np.add.at)."""
    case = cases.AUGMENTED_ADD
    repeating = data.draw(st.sampled_from([True, False]), label="repeating")
    x, index = data.draw(_repeating_target(case) if repeating else _target(case, kinds=("integer", "mixed")),
                         label="x, idx")
    if _repeats(x.shape, index):
        reach.reached("repeated positions")
    for args in _arg_sets(case, x, index, data):
        check(case, *args, xp=xp)

"""Broadcasting: elementwise functions and operators, ternary functions, shape functions and assignment,
on shapes that broadcast and shapes that do not, eagerly and under jit. Where values matter, each drawn
shape and dtype is checked with several value sets (`cst.value_sets`), which share its compiles, until
both sides raise on one (`check_sets`).

Shapes that broadcast are built around a drawn structure (`cst.stretching_shapes`): every result rank
from 0 to 4, a size-1 axis stretched at the first, an interior and the last position; each test declares
the structures it must reach (`conformance/reach.py`), and a `ci` run fails where one was missed."""

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance import reach
from conformance import strategies as cst
from conformance.cases import broadcasting as cases
from conformance.check import check, check_sets

pytestmark = pytest.mark.conformance

RANKS = tuple(f"rank={r}" for r in range(cst.BUDGET.max_dims + 1))
STRETCHES = tuple(f"stretched axis: {p}" for p in cst.STRETCH_POSITIONS)
# Shape-only functions compile little (broadcast_shapes nothing): they afford more examples.
CHEAP = settings(max_examples=settings.default.max_examples * 5)
SHAPE_ONLY = settings(max_examples=settings.default.max_examples * 10)


def _mostly_broadcastable(num_shapes: int) -> st.SearchStrategy:
    """Shapes that broadcast, built around a structure, three times in four; else shapes that clash."""
    structured = cst.stretching_shapes(num_shapes=num_shapes)
    return st.one_of(structured, structured, structured, cst.non_broadcastable_shapes(num_shapes=num_shapes))


def _reached_shapes(shapes) -> None:
    """Count the broadcasting structures of `shapes` (none where they clash)."""
    try:
        reach.reached(*cst.broadcast_features(shapes))
    except ValueError:
        reach.reached("shapes that clash")


# Half the profile's examples per function: the structures are declared for the family, and the values
# of every function and dtype meet the special-value grids (test_special_values.py) besides.
PER_FUNCTION = settings(max_examples=max(settings.default.max_examples // 2, 2))


@pytest.mark.parametrize("case", cases.BINARY, ids=str)
@PER_FUNCTION
@reach.declare(across_cases=(*RANKS, *STRETCHES))  # each function draws a few shapes; the family all
@given(data=st.data())
def test_binary_broadcasts(case, xp, data):
    dtype = data.draw(cst.dtypes(kinds=case.dtype_kinds), label="dtype")
    structured = cst.stretching_shapes(num_shapes=2)
    shapes = data.draw(st.one_of(structured, structured, structured, cst.broadcastable_shapes(num_shapes=2)),
                       label="shapes")
    _reached_shapes(shapes)
    sets = data.draw(cst.broadcast_operand_sets(dtype=dtype, shapes=shapes), label="operands")
    check_sets(case, cst.with_edge_values(sets, dtype), xp=xp)  # edge values meet every drawn shape


# Refusals are decided by shapes and dtypes, not values: half the profile's examples reach the few
# structures there are (equal or different ranks, a clash at each position) at half the cost.
REFUSALS = settings(max_examples=max(settings.default.max_examples // 2, 2))


@pytest.mark.parametrize("case", cases.BINARY, ids=str)
@REFUSALS
@given(data=st.data())
def test_binary_refuses_shapes_that_do_not_broadcast(case, xp, data):
    dtype = data.draw(cst.dtypes(kinds=case.dtype_kinds), label="dtype")
    shapes = data.draw(cst.non_broadcastable_shapes(num_shapes=2), label="shapes")
    operands = data.draw(cst.broadcast_operands(dtype=dtype, shapes=shapes, scalars=False),
                         label="operands")
    check(case, *operands, xp=xp)


# The dtypes decide a refusal: every dtype outside the function's kinds is swept in each example (by
# construction, not by luck). Where JAX computes instead (complex arctan2, a documented extension), a
# few examples of values test its formula.
DTYPE_SWEEP = settings(max_examples=min(settings.default.max_examples, 5))


@pytest.mark.parametrize("case", [c for c in cases.BINARY if c.dtype_kinds != "biufc"], ids=str)
@DTYPE_SWEEP
@reach.declare("every dtype outside its kinds")
@given(data=st.data())
def test_binary_outside_its_dtypes(case, xp, data):
    outside = "".join(k for k in "biufc" if k not in case.dtype_kinds)
    for dtype in cst.available_dtypes(kinds=outside):
        shapes = data.draw(cst.broadcastable_shapes(num_shapes=2), label=f"shapes ({dtype})")
        check_sets(case, data.draw(cst.broadcast_operand_sets(dtype=dtype, shapes=shapes),
                                   label=f"operands ({dtype})"), xp=xp)
    reach.reached("every dtype outside its kinds")


@reach.declare("operands=3", *STRETCHES, "shapes that clash")
@given(data=st.data())
def test_where_broadcasts_three_operands(xp, data):
    dtype = data.draw(cst.dtypes(), label="dtype")
    c_shape, a_shape, b_shape = data.draw(_mostly_broadcastable(3), label="shapes")
    _reached_shapes((c_shape, a_shape, b_shape))
    sets = data.draw(cst.broadcast_operand_sets(dtype=dtype, shapes=(a_shape, b_shape)), label="a, b")
    # a generator: a condition is drawn for each set that gets checked
    check_sets(cases.WHERE, ((data.draw(cst.arrays(np.dtype(bool), c_shape), label="c"), a, b)
                             for a, b in sets), xp=xp)


# A quarter more than the profile's examples (40 in ci): an interior stretch needs a rank-3 result, which
# 32 derandomized examples of three operands missed.
@reach.declare("operands=3", *STRETCHES, "shapes that clash")
@settings(max_examples=settings.default.max_examples * 5 // 4)
@given(data=st.data())
def test_clip_broadcasts_three_operands(xp, data):
    dtype = data.draw(cst.dtypes(kinds=cases.CLIP.dtype_kinds), label="dtype")
    shapes = data.draw(_mostly_broadcastable(3), label="shapes")
    _reached_shapes(shapes)
    check_sets(cases.CLIP, data.draw(cst.broadcast_operand_sets(dtype=dtype, shapes=shapes),
                                     label="a, lo, hi"), xp=xp)


@reach.declare(*RANKS, *STRETCHES, "0-d operand", "new leading axes", "zero-size result",
               "shapes that clash")
@SHAPE_ONLY
@given(shapes=st.one_of(cst.stretching_shapes(num_shapes=2), cst.broadcastable_shapes(num_shapes=2),
                        cst.non_broadcastable_shapes(num_shapes=2)))
def test_broadcast_shapes(xp, shapes):
    _reached_shapes(shapes)
    check(cases.BROADCAST_SHAPES, *shapes, xp=xp)


@st.composite
def _stretched_source(draw) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(source, target): the stretched shape of `stretching_shapes`, sometimes without some leading axes
    (new ones in the target), and the shape it broadcasts to with the other."""
    shapes = draw(cst.stretching_shapes(num_shapes=2, shuffle=False))
    dropped = draw(st.sampled_from([0, 0, 1, 2]))
    return shapes[0][dropped:], np.broadcast_shapes(*shapes)


def _broadcast_to_features(source, target) -> list[str]:
    try:
        features = cst.broadcast_features([source], target)
        np.broadcast_to(np.empty(source), target)
    except ValueError:
        return ["target that does not fit"]
    stretched_interior = len(target) == 3 and "stretched axis: interior" in features
    return [*features, *(["rank-3 target, stretched interior axis"] if stretched_interior else [])]


@reach.declare(*RANKS, *STRETCHES, "rank-3 target, stretched interior axis", "new leading axes",
               "target that does not fit")
@CHEAP
@given(data=st.data())
def test_broadcast_to(xp, data):
    dtype = data.draw(cst.dtypes(), label="dtype")
    kind = data.draw(st.sampled_from(["stretched"] * 3 + ["any pair", "clash"]), label="kind")
    source, target = data.draw({
        "stretched": _stretched_source(),
        "any pair": cst.broadcastable_shapes(num_shapes=2),  # target too small where the first is larger
        "clash": cst.non_broadcastable_shapes(num_shapes=2)}[kind], label="shape, target")
    reach.reached(*_broadcast_to_features(source, tuple(target)))
    a = data.draw(cst.arrays(dtype, source), label="a")
    check(cases.BROADCAST_TO, a, tuple(target), xp=xp)


OPERAND_COUNTS = tuple(cases.BROADCAST_ARRAYS_OF)


@reach.declare(*(f"operands={n}" for n in OPERAND_COUNTS), *STRETCHES,
               *(f"operands=3, operand {i} broadcast" for i in (1, 2, 3)), "shapes that clash")
@CHEAP
@given(data=st.data())
def test_broadcast_arrays(xp, data):
    dtype = data.draw(cst.dtypes(), label="dtype")
    count = data.draw(st.sampled_from(OPERAND_COUNTS), label="operands")
    shapes = data.draw(_mostly_broadcastable(count) if count > 1 else cst.stretching_shapes(num_shapes=1),
                       label="shapes")
    _reached_shapes(shapes)
    if count == 3 and _broadcast(shapes):  # each operand position whose shape the broadcast changes
        target = np.broadcast_shapes(*shapes)
        reach.reached(*(f"operands=3, operand {i} broadcast" for i, shape in enumerate(shapes, 1)
                        if tuple(shape) != target))
    operands = data.draw(cst.broadcast_operands(dtype=dtype, shapes=shapes, scalars=False),
                         label="operands")
    check(cases.BROADCAST_ARRAYS_OF[count], *operands, xp=xp)


def _broadcast(shapes) -> bool:
    try:
        np.broadcast_shapes(*shapes)
    except ValueError:
        return False
    return True


@st.composite
def _values_for(draw, region: tuple[int, ...], dtype: np.dtype):
    """A value to assign into a region, of a kind drawn on purpose: a Python scalar, an array stretched
    into it (size-1 axes, fewer axes), with extra leading 1s, broadcastable either way, or any shape."""
    kind = draw(st.sampled_from(["scalar", "stretched", "extra leading 1", "broadcastable", "any"]))
    if kind == "scalar":
        return draw(cst.python_scalars(dtype, out_of_range=False))
    if kind == "stretched":
        ones = draw(st.lists(st.booleans(), min_size=len(region), max_size=len(region)))
        # One axis that really stretches (a side other than 1 made 1), kept when leading axes are cut:
        # by construction, not by luck of the booleans.
        stretchable = [axis for axis, side in enumerate(region) if side != 1]
        keep = draw(st.sampled_from(stretchable)) if stretchable else len(region)
        if stretchable:
            ones[keep] = True
        shape = tuple(1 if one else side for one, side in zip(ones, region, strict=True))
        shape = shape[draw(st.integers(0, min(keep, len(region)))):]
    elif kind == "extra leading 1":
        shape = (1, *region)
    elif kind == "broadcastable":
        shape = draw(hnp.broadcastable_shapes(region, min_side=0, max_side=cst.BUDGET.max_side))
    else:
        shape = draw(cst.array_shapes())
    return draw(cst.arrays(dtype, shape))


@reach.declare("value: python scalar", "value: extra leading 1", "value: stretched into the region",
               "index: ellipsis", "index: newaxis")
@given(data=st.data())
def test_assignment_broadcasts_value(xp, data):
    dtype = data.draw(cst.dtypes(), label="dtype")
    x = data.draw(cst.arrays(dtype, data.draw(cst.array_shapes(), label="shape")), label="x")
    index = data.draw(st.one_of(st.just(...), hnp.basic_indices(x.shape, allow_newaxis=True)),
                      label="idx")
    region = np.empty(x.shape)[index].shape
    value = data.draw(_values_for(region, dtype), label="v")
    reach.reached(*_assignment_features(index, region, value))
    check(cases.SETITEM, x, index, value, xp=xp)


def _assignment_features(index, region: tuple[int, ...], value) -> list[str]:
    parts = index if isinstance(index, tuple) else (index,)
    features = [*(["index: ellipsis"] if any(p is Ellipsis for p in parts) else []),
                *(["index: newaxis"] if any(p is None for p in parts) else [])]
    if not isinstance(value, np.ndarray):
        return [*features, "value: python scalar"]
    if value.ndim > len(region) and value.shape[:1] == (1,):
        features.append("value: extra leading 1")
    if value.ndim <= len(region) and _broadcast((value.shape, region)) and any(
            "stretched" in f for f in cst.broadcast_features([value.shape], region)):
        features.append("value: stretched into the region")
    return features

"""Hypothesis strategies for the suite, composed from `hypothesis.extra.numpy`.

Inputs are NumPy arrays: the same bits go to NumPy and (through `jnp.asarray`) to JAX. Shapes live under
one size budget (`BUDGET`), because every distinct shape costs JAX a compile.

What Hypothesis leaves out and we add: dtype lists that follow JAX's x64 mode and include bfloat16, arrays
that hit the edge values of their dtype on purpose, and shape tuples that do NOT broadcast.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import hypothesis.extra.numpy as hnp
import ml_dtypes
import numpy as np
from hypothesis import strategies as st

from conformance.environment import x64_enabled

BFLOAT16 = np.dtype(ml_dtypes.bfloat16)


def kind_of(dtype: np.dtype) -> str:
    """NumPy's kind letter, with bfloat16 (a 'V' to NumPy) counted as the float it is."""
    dtype = np.dtype(dtype)
    return "f" if dtype == BFLOAT16 else dtype.kind


@dataclass(frozen=True)
class ShapeBudget:
    """The one place that bounds generated shapes: few distinct shapes, few compiles."""

    max_dims: int = 4
    max_side: int = 4
    max_size: int = 64
    # Inputs checked per drawn shape, dtype and structure (`value_sets`): one compile serves them all.
    values_per_shape: int = 8


BUDGET = ShapeBudget()

_KINDS = {
    "b": ("bool",),
    "i": ("int8", "int16", "int32", "int64"),
    "u": ("uint8", "uint16", "uint32", "uint64"),
    "f": ("float16", "bfloat16", "float32", "float64"),
    "c": ("complex64", "complex128"),
}
_NEEDS_X64 = {"int64", "uint64", "float64", "complex128"}
NEEDS_X64 = frozenset(_NEEDS_X64)  # the dtypes JAX gives only with x64 on


def available_dtypes(*, kinds: str = "biufc", x64: bool | None = None,
                     bfloat16: bool = True) -> list[np.dtype]:
    """The dtypes of `kinds` (NumPy kind letters) that JAX represents in the given x64 mode."""
    unknown = set(kinds) - set(_KINDS)
    if unknown or not kinds:
        raise ValueError(f"kinds must be letters from 'biufc', got {kinds!r}")
    x64 = x64_enabled() if x64 is None else x64
    names = [n for k in kinds for n in _KINDS[k] if x64 or n not in _NEEDS_X64]
    return [BFLOAT16 if n == "bfloat16" else np.dtype(n) for n in names if bfloat16 or n != "bfloat16"]


def dtypes(*, kinds: str = "biufc", x64: bool | None = None,
           bfloat16: bool = True) -> st.SearchStrategy[np.dtype]:
    """A dtype that both sides can represent in the current x64 mode.

    >>> dtypes(kinds="f").example() in available_dtypes(kinds="f")
    True

    Shrinks towards the first kind given and its narrowest type (bool, then int8, ...).
    """
    return _dtypes(kinds, x64_enabled() if x64 is None else x64, bfloat16)


@cache
def _dtypes(kinds: str, x64: bool, bfloat16: bool) -> st.SearchStrategy[np.dtype]:
    return st.sampled_from(available_dtypes(kinds=kinds, x64=x64, bfloat16=bfloat16))


def edge_values(dtype: np.dtype) -> list:
    """The values where implementations disagree: zeros of both signs, infinities, NaN, the extremes of
    the range, the smallest normal and subnormal numbers."""
    dtype = np.dtype(dtype)
    if dtype.kind == "b":
        return [False, True]
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        values = [0, 1, info.max, info.max - 1, info.min]
        return values + ([-1, info.min + 1] if dtype.kind == "i" else [])
    real = np.dtype(np.float32 if dtype.kind == "c" and dtype.itemsize == 8 else
                    np.float64 if dtype.kind == "c" else dtype)
    info = ml_dtypes.finfo(real) if real == BFLOAT16 else np.finfo(real)
    floats = [0.0, -0.0, 1.0, -1.0, 0.5, np.inf, -np.inf, np.nan, float(info.max), float(-info.max),
              float(info.tiny), float(info.smallest_subnormal), -float(info.smallest_subnormal)]
    if dtype.kind == "c":
        return [complex(r, i) for r, i in [(0, 0), (-0.0, 1), (1, -1), (np.inf, 0), (np.nan, 1),
                                           (0, np.inf), (float(info.max), 1),
                                           (float(info.smallest_subnormal), 0)]]
    return floats


@cache  # strategies are immutable; building and validating one per draw is a visible share of a run
def _element_strategy(dtype: np.dtype) -> st.SearchStrategy:
    if dtype == BFLOAT16:  # Hypothesis does not know bfloat16: draw float32 values it can hold
        base = hnp.from_dtype(np.dtype(np.float32)).map(lambda v: float(BFLOAT16.type(v)))
    else:
        base = hnp.from_dtype(dtype)
    return st.one_of(st.sampled_from(edge_values(dtype)), base)


def arrays(dtype: np.dtype, shape: tuple[int, ...], *, edges: bool = True,
           elements: st.SearchStrategy | None = None) -> st.SearchStrategy[np.ndarray]:
    """`hypothesis.extra.numpy.arrays` whose elements hit the dtype's edge values often.

    Shrinks towards arrays of zeros (False for bool).
    """
    dtype, shape = np.dtype(dtype), tuple(shape)
    if elements is None:
        return _arrays(dtype, shape, edges)
    return _arrays_of(dtype, shape, elements)


@cache
def _arrays(dtype: np.dtype, shape: tuple[int, ...], edges: bool) -> st.SearchStrategy[np.ndarray]:
    # Hypothesis has no elements for bfloat16: it always draws from ours
    return _arrays_of(dtype, shape, _element_strategy(dtype) if edges or dtype == BFLOAT16 else None)


def _arrays_of(dtype: np.dtype, shape: tuple[int, ...], elements: st.SearchStrategy | None
               ) -> st.SearchStrategy[np.ndarray]:
    if dtype == BFLOAT16:  # drawn as float32 values that bfloat16 holds exactly
        return hnp.arrays(np.float32, shape, elements=elements).map(lambda a: a.astype(BFLOAT16))
    return hnp.arrays(dtype, shape, elements=elements)


@cache
def array_shapes(*, min_dims: int = 0, budget: ShapeBudget = BUDGET, min_side: int = 0
                 ) -> st.SearchStrategy[tuple[int, ...]]:
    """A shape within the budget (zero-size and 0-d shapes included). Shrinks towards ()."""
    return hnp.array_shapes(min_dims=min_dims, max_dims=budget.max_dims, min_side=min_side,
                            max_side=budget.max_side).filter(
        lambda s: int(np.prod(s)) <= budget.max_size)


@cache
def broadcastable_shapes(*, num_shapes: int = 2, min_dims: int = 0, budget: ShapeBudget = BUDGET
                         ) -> st.SearchStrategy[tuple[tuple[int, ...], ...]]:
    """`num_shapes` shapes that broadcast together, with a result shape within the budget.

    Built on `mutually_broadcastable_shapes`; includes 0-d and zero-size shapes. Shrinks towards ((), ()).
    """
    if num_shapes < 1:
        raise ValueError(f"num_shapes must be at least 1, got {num_shapes}")
    return hnp.mutually_broadcastable_shapes(
        num_shapes=num_shapes, min_dims=min_dims, max_dims=budget.max_dims, min_side=0,
        max_side=budget.max_side,
    ).filter(lambda bs: all(int(np.prod(s)) <= budget.max_size for s in (*bs.input_shapes,
                                                                            bs.result_shape))
             ).map(lambda bs: bs.input_shapes)


@st.composite
def non_broadcastable_shapes(draw, *, num_shapes: int = 2, budget: ShapeBudget = BUDGET
                             ) -> tuple[tuple[int, ...], ...]:
    """`num_shapes` shapes that do NOT broadcast together: two of them clash on one aligned axis.

    Starts from broadcastable shapes and puts distinct sizes, neither 1, at one axis of two of them
    (sizes from 0, 2, 3, ...: a zero-size dimension clashing with 2 is included). Shrinks towards
    ((2,), (0,)).
    """
    if num_shapes < 2:
        raise ValueError(f"non-broadcastable shapes need num_shapes >= 2, got {num_shapes}")
    shapes = [list(s) for s in draw(broadcastable_shapes(num_shapes=num_shapes, min_dims=1,
                                                         budget=budget))]
    first, second = draw(st.permutations(range(num_shapes)))[:2]
    axis = draw(st.integers(1, min(len(shapes[first]), len(shapes[second]))))
    sizes = [0] + list(range(2, budget.max_side + 1))
    a, b = draw(st.lists(st.sampled_from(sizes), min_size=2, max_size=2, unique=True))
    shapes[first][-axis], shapes[second][-axis] = b, a
    return tuple(tuple(s) for s in shapes)


@cache
def value_sets(strategy: st.SearchStrategy, *, budget: ShapeBudget = BUDGET) -> st.SearchStrategy[list]:
    """One to `budget.values_per_shape` draws of `strategy`, which draws the values of inputs whose
    shapes, dtypes and structure are already fixed: JAX compiles once for them, so each further input
    costs microseconds, not the 10-70 ms of a compile. Shrinks towards a single draw.

    >>> sets = value_sets(arrays(np.dtype("int8"), (2,))).example()
    >>> 1 <= len(sets) <= BUDGET.values_per_shape
    True
    """
    if budget.values_per_shape < 1:
        raise ValueError(f"values_per_shape must be at least 1, got {budget.values_per_shape}")
    return st.lists(strategy, min_size=1, max_size=budget.values_per_shape)


@cache
def python_scalars(dtype: np.dtype, *, out_of_range: bool = True) -> st.SearchStrategy:
    """A Python scalar of the kind that pairs with `dtype` (bool, int, float or complex).

    For integer dtypes it also draws ints just outside the dtype's range (NumPy raises for those, JAX's
    weak types do not) when `out_of_range` is set. Shrinks towards 0 / False.
    """
    dtype = np.dtype(dtype)
    if dtype.kind == "b":
        return st.booleans()
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        inside = st.one_of(st.sampled_from(edge_values(dtype)), st.integers(int(info.min), int(info.max)))
        if not out_of_range:
            return inside
        return st.one_of(inside, st.sampled_from([int(info.max) + 1, int(info.min) - 1, 2**31, 2**40]))
    values = _element_strategy(dtype).map(lambda v: v.item() if hasattr(v, "item") else v)
    return values.map(complex if dtype.kind == "c" else float)


@cache
def _operands(dtype: np.dtype, shapes: tuple[tuple[int, ...], ...], scalar_at: int | None
              ) -> st.SearchStrategy[tuple]:
    return st.tuples(*(python_scalars(dtype) if i == scalar_at else arrays(dtype, shape)
                       for i, shape in enumerate(shapes)))


def _shape_tuple(shapes) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(shape) for shape in shapes)  # hashable, for the strategy cache


_ONE_IN_FOUR = st.sampled_from([False, False, False, True])


@st.composite
def _scalar_position(draw, count: int, scalars: bool) -> int | None:
    if scalars and draw(_ONE_IN_FOUR):
        return draw(_positions(count))
    return None


@cache
def _positions(count: int) -> st.SearchStrategy[int]:
    return st.integers(0, count - 1)


@st.composite
def broadcast_operands(draw, *, dtype: np.dtype, shapes: tuple[tuple[int, ...], ...],
                       scalars: bool = True) -> tuple:
    """One array of `dtype` per shape; with `scalars`, sometimes one of them is a Python scalar instead.

    Shrinks towards all-array operands filled with zeros.
    """
    scalar_at = draw(_scalar_position(len(shapes), scalars))
    return draw(_operands(np.dtype(dtype), _shape_tuple(shapes), scalar_at))


@st.composite
def broadcast_operand_sets(draw, *, dtype: np.dtype, shapes: tuple[tuple[int, ...], ...],
                           scalars: bool = True) -> list[tuple]:
    """`value_sets` of `broadcast_operands`: a Python scalar, where there is one, is at the same
    position in every set, so that the sets share their compiles. Shrinks towards one all-array set."""
    scalar_at = draw(_scalar_position(len(shapes), scalars))
    return draw(value_sets(_operands(np.dtype(dtype), _shape_tuple(shapes), scalar_at)))


def with_edge_values(sets: list[tuple], dtype: np.dtype) -> list[tuple]:
    """`sets` and one more set shaped like the first, filled with the dtype's `edge_values` by
    construction (each operand's cycle shifted by its position, so that different edge values meet):
    a subnormal, a NaN or -0.0 reaches every non-empty example, at no compile of its own. A Python
    scalar operand stays one, of the same type."""
    edges = edge_values(np.dtype(dtype))
    # the ones a one-element operand should meet first: a subnormal, NaN, -0.0, an infinity
    edges = edges[-2:] + edges[:-2] if np.dtype(dtype).kind == "f" else edges
    extra = []
    for position, operand in enumerate(sets[0]):
        if isinstance(operand, np.ndarray):
            cycle = np.resize(np.array(np.roll(np.array(edges, dtype=object), -3 * position).tolist(),
                                       dtype=operand.dtype), operand.size)
            extra.append(cycle.reshape(operand.shape))
        else:
            extra.append(type(operand)(edges[(3 * position) % len(edges)]))
    return [*sets, tuple(extra)]


# -- structures that decide broadcasting (conformance/reach.py counts them) -------------------------------
STRETCH_POSITIONS = ("first", "interior", "last")


def stretch_positions(axis: int, rank: int) -> tuple[str, ...]:
    """Where `axis` sits among `rank` axes: first, interior or last (the one axis of rank 1 is both ends)."""
    return tuple(p for p, holds in (("first", axis == 0), ("last", axis == rank - 1),
                                    ("interior", 0 < axis < rank - 1)) if holds)


def broadcast_features(shapes, result: tuple[int, ...] | None = None) -> list[str]:
    """The structural features of `shapes` broadcast to `result` (default: their broadcast shape):
    `operands=N`, `rank=R` (the result's), `stretched axis: first|interior|last` (a size-1 axis of an
    operand against a size other than 1), `new leading axes` (an operand of lower rank, not 0-d),
    `0-d operand` and `zero-size result`."""
    shapes = [tuple(s) for s in shapes]
    result = tuple(np.broadcast_shapes(*shapes) if result is None else result)
    rank = len(result)
    features = [f"operands={len(shapes)}", f"rank={rank}"]
    for shape in shapes:
        aligned = (None,) * (rank - len(shape)) + shape
        for axis, (side, size) in enumerate(zip(aligned, result, strict=True)):
            if side == 1 and size != 1:
                features += [f"stretched axis: {p}" for p in stretch_positions(axis, rank)]
        if 0 < len(shape) < rank:
            features.append("new leading axes")
        if not shape and rank:
            features.append("0-d operand")
    if 0 in result:
        features.append("zero-size result")
    return list(dict.fromkeys(features))


def _fit(sides: list[int], keep: int | None, budget: ShapeBudget) -> list[int]:
    """Shrink the largest side (not the one at `keep`) until the size is within the budget."""
    while int(np.prod(sides)) > budget.max_size:
        axis = max((a for a in range(len(sides)) if a != keep), key=lambda a: sides[a])
        sides[axis] -= 1
    return sides


@st.composite
def stretching_shapes(draw, *, num_shapes: int = 2, min_rank: int = 0, shuffle: bool = True,
                      budget: ShapeBudget = BUDGET) -> tuple[tuple[int, ...], ...]:
    """`num_shapes` shapes that broadcast together, built around a drawn structure so that the ones that
    decide broadcasting are reached on purpose, not by luck: the result's rank (0 to the budget's), the
    first operand stretched (a size-1 axis against a size of 2 or more) at the first, an interior or the
    last axis or at several, and the others of lower rank (new leading axes, 0-d) or with a size-1 axis.
    The stretched operand comes first unless `shuffle` puts it at any position.

    >>> stretching_shapes(num_shapes=3).example()  # e.g. ((2, 1, 3), (3,), ())

    Shrinks towards 0-d shapes.
    """
    if num_shapes < 1:
        raise ValueError(f"num_shapes must be at least 1, got {num_shapes}")
    rank = draw(st.integers(min_rank, budget.max_dims))
    sides = draw(st.lists(st.integers(0, budget.max_side), min_size=rank, max_size=rank))
    stretched: list[int] = []
    if rank and num_shapes > 1:
        flags = draw(st.lists(st.booleans(), min_size=rank, max_size=rank))  # each axis half the time
        stretched = [axis for axis, flag in enumerate(flags) if flag]
        for axis in stretched:
            sides[axis] = max(sides[axis], 2)
        sides = _fit(sides, None, budget)
        stretched = [a for a in stretched if sides[a] >= 2]
    shapes = [tuple(1 if a in stretched else s for a, s in enumerate(sides))]
    for k in range(1, num_shapes):
        # the second operand keeps the stretched axes' sizes, so that the result has them
        last_drop = min(stretched, default=rank) if k == 1 else rank
        dropped = draw(st.integers(0, last_drop))
        free = [a for a in range(dropped, rank) if k > 1 or a not in stretched]
        ones = draw(st.sets(st.sampled_from(free), max_size=1)) if free else set()
        shapes.append(tuple(1 if a in ones else sides[a] for a in range(dropped, rank)))
    order = draw(st.permutations(range(num_shapes))) if shuffle else range(num_shapes)
    return tuple(shapes[i] for i in order)

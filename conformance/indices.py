"""Index strategies for `x[index]` and `x.at[index]`: shared by the indexing and the `.at[]` updates areas.

Built on `hypothesis.extra.numpy.basic_indices` and `integer_array_indices`. What Hypothesis leaves out
and we add: index arrays of every integer dtype that broadcast against each other (Hypothesis gives one
array per axis, all of one shape and dtype), indexing fewer axes than the array has, out-of-bounds and
near-dtype-limit entries, repeated positions (for updates), boolean masks, basic and advanced indices
mixed (adjacent, or separated by a slice so NumPy moves the advanced axes first), Python lists as
indices, and invalid indices.

Every strategy takes the shape of the array being indexed and keeps the indexed result within the shared
size `BUDGET`, because every distinct index structure costs JAX a compile.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import hypothesis.extra.numpy as hnp
import numpy as np
from hypothesis import strategies as st

from conformance.strategies import BFLOAT16, BUDGET, ShapeBudget, available_dtypes

KINDS = ("basic", "integer", "boolean", "mixed", "list")
LAYOUTS = ("adjacent", "separated")  # of the advanced parts of a mixed index
NEEDS_AN_AXIS = frozenset({"integer", "mixed", "list"})  # meaningless on a 0-d array


def _check_shape(shape, where: str) -> tuple[int, ...]:
    if not isinstance(shape, tuple) or not all(isinstance(s, int) and s >= 0 for s in shape):
        raise ValueError(f"{where}: shape must be a tuple of non-negative ints, got {shape!r}")
    return shape


def _check_axes(shape: tuple[int, ...], where: str) -> None:
    if len(shape) == 0:
        raise ValueError(f"{where}: an array index needs an array with at least one axis, got shape ()")


def _check_integer_dtypes(dtypes) -> tuple[np.dtype, ...]:
    if dtypes is None:
        return tuple(available_dtypes(kinds="iu"))
    dtypes = tuple(np.dtype(d) for d in dtypes)
    if not dtypes or any(d.kind not in "iu" for d in dtypes):
        raise ValueError(f"dtypes must be a non-empty sequence of integer dtypes, got {dtypes!r}")
    return dtypes


def arange_array(shape: tuple[int, ...], dtype) -> np.ndarray:
    """The base array to index: `arange(size)` in `shape`, so every element names its own position.

    In dtypes that cannot hold every position exactly the count wraps: modulo 2 for bool (alternating
    False, True), 128 for int8, 256 for uint8 and bfloat16, 2048 for float16 (the budget's 64 elements
    never wrap except for bool). Complex arrays hold `k + k*1j`. Floats are never NaN, so that JAX's
    NaN fill value for out-of-bounds reads is visible too.

    >>> arange_array((2, 3), np.int8)
    array([[0, 1, 2],
           [3, 4, 5]], dtype=int8)
    """
    _check_shape(tuple(shape), "arange_array")
    dtype = np.dtype(dtype)
    modulus = {"bool": 2, "int8": 128, "uint8": 256, "float16": 2048}.get(dtype.name)
    if dtype == BFLOAT16:
        modulus = 256
    counts = np.arange(math.prod(shape), dtype=np.int64)
    if modulus is not None:
        counts = counts % modulus
    if dtype.kind == "c":
        return (counts + 1j * counts).astype(dtype).reshape(shape)
    return counts.astype(dtype).reshape(shape)


def basic_indices(shape: tuple[int, ...], *, allow_newaxis: bool = True, allow_ellipsis: bool = True
                  ) -> st.SearchStrategy:
    """`hypothesis.extra.numpy.basic_indices` for `shape`: ints (negative too), slices with any start, stop
    and step (negative steps included), `...` and `None`, alone or in a tuple.

    >>> basic_indices((3, 4)).example()  # e.g. (slice(None, None, -2), None, 1)

    Shrinks towards `()` (the whole array). With a zero-size axis, Hypothesis indexes it with slices only.
    """
    shape = _check_shape(shape, "basic_indices")
    return hnp.basic_indices(shape, min_dims=0, allow_newaxis=allow_newaxis, allow_ellipsis=allow_ellipsis)


def _position_values(size: int, dtype: np.dtype, *, negative: bool, out_of_bounds: bool
                     ) -> st.SearchStrategy[int]:
    """Index values for an axis of `size` that `dtype` can hold. Shrinks towards 0."""
    info = np.iinfo(dtype)
    low = max(-size if negative else 0, int(info.min))
    inside = [st.integers(low, size - 1)] if size > 0 else []
    if not out_of_bounds:
        return inside[0] if inside else st.nothing()  # only empty index arrays fit an axis of size 0
    outside = [size, size + 1, 2**31 - 1, 2**31, 2**32, 2**32 + 1, 2**63 - 1, int(info.max),
               int(info.max) - 1]
    if negative:
        outside += [-size - 1, -size - 2, -(2**31), -(2**31) - 1, -(2**32), int(info.min), int(info.min) + 1]
    fits = sorted({v for v in outside if info.min <= v <= info.max and not -size <= v < size})
    return st.one_of(*inside, st.sampled_from(fits)) if fits else inside[0]


@st.composite
def _index_array(draw, shape: tuple[int, ...], size: int, dtypes: tuple[np.dtype, ...], *,
                 negative: bool, out_of_bounds: bool, repeated: bool) -> np.ndarray:
    dtype = draw(st.sampled_from(dtypes))
    values = _position_values(size, dtype, negative=negative, out_of_bounds=out_of_bounds)
    if repeated:  # a pool of one or two positions: most entries repeat one (x[-1] and x[n-1] collide too)
        values = st.sampled_from(draw(st.lists(values, min_size=1, max_size=2)))
    return draw(hnp.arrays(dtype, shape, elements=values))


def index_array(shape: tuple[int, ...], *, axis_size: int, dtypes: Sequence | None = None,
                negative: bool = True, out_of_bounds: bool = False, repeated: bool = False
                ) -> st.SearchStrategy[np.ndarray]:
    """One integer index array of `shape` for an axis of `axis_size` (for `take`, `take_along_axis`),
    its dtype drawn from `dtypes`; `negative`, `out_of_bounds` and `repeated` as in
    `integer_array_indices`.

    >>> index_array((2,), axis_size=3, out_of_bounds=True).example()  # e.g. array([-4, 2], dtype=int8)

    Shrinks towards zeros of the first dtype.
    """
    _check_shape(shape, "index_array")
    if not isinstance(axis_size, int) or axis_size < 0:
        raise ValueError(f"index_array: axis_size must be a non-negative int, got {axis_size!r}")
    return _index_array(shape, axis_size, _check_integer_dtypes(dtypes), negative=negative,
                        out_of_bounds=out_of_bounds, repeated=repeated)


def index_shape(*, rest: int = 1) -> st.SearchStrategy[tuple[int, ...]]:
    """The shape of one index array whose gather, times `rest` elements, stays within the budget."""
    return _broadcastable_index_shapes(1, rest).map(lambda shapes: shapes[0])


def _index_shape_budget(rest: int, count: int = 1) -> ShapeBudget:
    """Index-array shapes small enough that the result (index shape times `rest` elements) and the
    `count` arrays stay within the budget."""
    max_size = max(1, BUDGET.max_size // max(1, rest) // max(1, count))
    return ShapeBudget(max_dims=min(3, BUDGET.max_dims), max_side=min(BUDGET.max_side, max_size),
                       max_size=max_size)


def _broadcastable_index_shapes(count: int, rest: int) -> st.SearchStrategy[tuple[tuple[int, ...], ...]]:
    budget = _index_shape_budget(rest)
    return hnp.mutually_broadcastable_shapes(
        num_shapes=count, min_dims=0, max_dims=budget.max_dims, min_side=0, max_side=budget.max_side,
    ).filter(lambda bs: math.prod(bs.result_shape) <= budget.max_size).map(lambda bs: bs.input_shapes)


@st.composite
def _array_indices_for(draw, sizes: Sequence[int], rest: int, dtypes, *, negative: bool,
                       out_of_bounds: bool, repeated: bool) -> tuple[np.ndarray, ...]:
    """One index array per axis size in `sizes`, of broadcastable shapes."""
    shapes = draw(_broadcastable_index_shapes(len(sizes), rest))
    if not out_of_bounds and 0 in sizes:  # no position exists: only empty index arrays are in bounds
        shapes = tuple((0,) for _ in sizes)
    return tuple(draw(_index_array(shape, size, dtypes, negative=negative, out_of_bounds=out_of_bounds,
                                   repeated=repeated)) for shape, size in zip(shapes, sizes, strict=True))


def integer_array_indices(shape: tuple[int, ...], *, dtypes: Sequence | None = None, negative: bool = True,
                          out_of_bounds: bool = False, repeated: bool = False
                          ) -> st.SearchStrategy[tuple[np.ndarray, ...]]:
    """A tuple of integer index arrays for the leading axes of `shape` (one to all of them), of shapes
    that broadcast against each other, each of its own dtype from `dtypes` (default: every integer dtype
    of the current x64 mode).

    Beyond Hypothesis: mixed dtypes, broadcasting shapes (0-d and zero-size included), leading axes only;
    `negative` entries count from the end; `out_of_bounds` adds entries just past either end and near the
    dtype's limits (2**31, 2**32 + 1, the dtype's max and min), where they fit; `repeated` draws each
    array's entries from a pool of one or two positions, so repeated positions are likely.

    >>> integer_array_indices((3, 4)).example()  # e.g. (array([[-1], [2]], dtype=int8), array([0, 3]))

    Shrinks towards `(array(0, dtype=int8),)`: one 0-d index of the first dtype, at position 0.
    """
    shape = _check_shape(shape, "integer_array_indices")
    _check_axes(shape, "integer_array_indices")
    dtypes = _check_integer_dtypes(dtypes)

    @st.composite
    def draw_indices(draw):
        count = draw(st.integers(1, len(shape)))
        return draw(_array_indices_for(shape[:count], math.prod(shape[count:]), dtypes, negative=negative,
                                       out_of_bounds=out_of_bounds, repeated=repeated))

    return draw_indices()


def boolean_masks(shape: tuple[int, ...]) -> st.SearchStrategy:
    """A boolean index for `shape` (Hypothesis has none): a mask of the full shape, a mask of the leading
    axes, a 0-d `True`/`False` (as `np.bool_` and as a Python bool), or an all-False mask.

    >>> boolean_masks((2, 3)).example()  # e.g. array([ True, False])

    Shrinks towards an all-False mask of the full shape.
    """
    shape = _check_shape(shape, "boolean_masks")
    bool_ = np.dtype(bool)
    lead = st.integers(1, len(shape)).map(lambda k: shape[:k]) if shape else st.just(())
    return st.one_of(
        hnp.arrays(bool_, shape),
        lead.flatmap(lambda s: hnp.arrays(bool_, s)),
        st.sampled_from([np.bool_(True), np.bool_(False), True, False]),
        st.sampled_from([shape, *(shape[:k] for k in range(1, len(shape)))]).map(lambda s: np.zeros(s, bool)),
    )


def _layout_kinds(draw, ndim: int, layout: str | None) -> list[str]:
    """What indexes each leading axis ("array", "slice" or "int"; ints next to arrays are advanced
    indices too), drawn freely, or built so that the advanced parts are `adjacent` or `separated` by a
    slice."""
    if layout is None:
        return draw(st.lists(st.sampled_from(["array", "slice", "int"]), min_size=1, max_size=ndim)
                    .filter(lambda ks: "array" in ks))
    advanced = st.sampled_from(["array", "int"])
    if layout == "adjacent":
        lead = draw(st.integers(0, ndim - 1))
        count = draw(st.integers(1, ndim - lead))
        parts = draw(st.permutations(["array", *(draw(advanced) for _ in range(count - 1))]))
        return ["slice"] * lead + list(parts) + ["slice"] * draw(st.integers(0, ndim - lead - count))
    lead = ndim - 3 - draw(st.integers(0, ndim - 3))  # a slice first where there is room (x[:, i, :, j])
    gap = draw(st.integers(1, ndim - lead - 2))
    first = draw(advanced)
    second = "array" if first == "int" else draw(advanced)
    tail = draw(st.integers(0, ndim - lead - gap - 2))
    return ["slice"] * lead + [first] + ["slice"] * gap + [second] + ["slice"] * tail


@st.composite
def _mixed(draw, shape: tuple[int, ...], dtypes, *, repeated: bool, out_of_bounds: bool,
           layout: str | None = None) -> tuple:
    # Each axis gets a slice, an int or an index array; ints next to arrays are advanced indices too.
    kinds = _layout_kinds(draw, len(shape), layout)
    sizes = shape[:len(kinds)]
    kinds = ["slice" if kind == "int" and size == 0 and not out_of_bounds else kind
             for kind, size in zip(kinds, sizes, strict=True)]
    rest = math.prod(s for s, k in zip(shape, kinds + ["slice"] * len(shape), strict=False) if k == "slice")
    arrays = iter(draw(_array_indices_for([s for s, k in zip(sizes, kinds, strict=True) if k == "array"],
                                          rest, dtypes, negative=True, out_of_bounds=out_of_bounds,
                                          repeated=repeated)))
    index = []
    for kind, size in zip(kinds, sizes, strict=True):
        if kind == "array":
            index.append(next(arrays))
        elif kind == "slice":
            index.append(draw(st.slices(size)))
        else:
            # Python ints within int32: beyond it, JAX with x64 off raises OverflowError converting them
            index.append(draw(_position_values(size, np.dtype(np.int32), negative=True,
                                               out_of_bounds=out_of_bounds)))
    if draw(st.booleans()):  # a None or an Ellipsis among them moves axes around too
        extra = draw(st.sampled_from([None, Ellipsis]))
        # An Ellipsis before some components would put them on trailing axes they were not drawn for;
        # it goes anywhere only where the index covers every axis (it then stands for no axis).
        anywhere = extra is None or len(kinds) == len(shape)
        index.insert(draw(st.integers(0, len(index))) if anywhere else len(index), extra)
    return tuple(index)


def mixed_indices(shape: tuple[int, ...], *, dtypes: Sequence | None = None, repeated: bool = False,
                  out_of_bounds: bool = False, layout: str | None = None) -> st.SearchStrategy[tuple]:
    """Basic and advanced indices in one tuple (Hypothesis generates neither kind mixed with the other):
    per leading axis a slice, an int or an integer index array, with at least one array; the advanced
    ones adjacent (`x[:, i, j]`: their axes stay in place) or separated by a slice (`x[i, :, j]`: NumPy
    moves their broadcast axes first), sometimes with a `None` or `...` inserted. `repeated` and
    `out_of_bounds` apply to the arrays (and the ints) as in `integer_array_indices`. A `layout` from
    `LAYOUTS` builds the advanced parts adjacent or separated by a slice (which needs three axes) on
    purpose, instead of drawing it (a `None` or `...` inserted may still separate adjacent ones).

    >>> mixed_indices((2, 3, 4)).example()  # e.g. (array([1, 0]), slice(None, None, -1), -2)

    Shrinks towards `(array(0, dtype=int8),)`.
    """
    shape = _check_shape(shape, "mixed_indices")
    _check_axes(shape, "mixed_indices")
    if layout is not None and layout not in LAYOUTS:
        raise ValueError(f"mixed_indices: layout must be one of {LAYOUTS} or None, got {layout!r}")
    if layout == "separated" and len(shape) < 3:
        raise ValueError(f"mixed_indices: separated advanced indices need three axes, got shape {shape}")
    return _mixed(shape, _check_integer_dtypes(dtypes), repeated=repeated, out_of_bounds=out_of_bounds,
                  layout=layout)


def list_indices(shape: tuple[int, ...]) -> st.SearchStrategy:
    """Python lists as indices (not in Hypothesis): a list of ints (`x[[0, -1]]`, an array index on the
    first axis), a nested list (`x[[[0], [1]]]`, a 2-d array index), a list of bools (a mask), the empty
    list, and a tuple of lists (`x[[0, 1], [2, 0]]`, one list per leading axis).

    >>> list_indices((2, 3)).example()  # e.g. [[0, -1], [1, 1]]

    Shrinks towards `[0]`.
    """
    shape = _check_shape(shape, "list_indices")
    _check_axes(shape, "list_indices")
    int64 = (np.dtype(np.int64),)
    flat = _array_indices_for(shape[:1], math.prod(shape[1:]), int64, negative=True, out_of_bounds=False,
                              repeated=False).map(lambda t: t[0])
    lists = flat.filter(lambda a: a.ndim == 1).map(lambda a: a.tolist())
    nested = flat.filter(lambda a: a.ndim >= 2).map(lambda a: a.tolist())
    masks = hnp.arrays(np.dtype(bool), shape[:1]).map(lambda a: a.tolist())
    tuples = st.integers(1, len(shape)).flatmap(
        lambda k: _array_indices_for(shape[:k], math.prod(shape[k:]), int64, negative=True,
                                     out_of_bounds=False, repeated=False)
    ).map(lambda arrays: tuple(a.tolist() if a.ndim else [a.item()] for a in arrays))  # lists, not ints
    return st.one_of(lists, nested, masks, st.just([]), tuples)


def invalid_indices(shape: tuple[int, ...]) -> st.SearchStrategy:
    """Indices that NumPy refuses (not in Hypothesis): floats (a Python float, a float array, a slice
    with a float bound), strings, one index too many, two Ellipses, and non-empty boolean masks
    whose shape does not match the array's leading axes.

    >>> invalid_indices((2, 3)).example()  # e.g. (0, 0, 0)

    Shrinks towards `0.0`.
    """
    shape = _check_shape(shape, "invalid_indices")
    wrong_masks = st.integers(1, max(1, len(shape))).flatmap(
        lambda k: st.tuples(*(st.integers(0, BUDGET.max_side).filter(
            lambda n, i=i: i >= len(shape) or n != shape[i]) for i in range(k)))
    # non-empty: NumPy (and JAX) read an empty mask of any shape as an empty integer index
    ).filter(lambda s: 0 < math.prod(s) <= BUDGET.max_size).flatmap(lambda s: hnp.arrays(np.dtype(bool), s))
    return st.one_of(
        st.sampled_from([0.0, 1.5, -1.0]),
        st.just(np.zeros((2,), np.float32)),
        st.sampled_from([slice(0.5, None), slice(None, None, 1.0)]),
        st.sampled_from(["0", "a"]),
        st.integers(0, 1).map(lambda k: (0,) * (len(shape) + 1) + (slice(None),) * k),
        st.just((Ellipsis, Ellipsis)),
        wrong_masks,
    )


def indices(shape: tuple[int, ...], *, kinds: Sequence[str] = KINDS, dtypes: Sequence | None = None,
            repeated: bool = False, out_of_bounds: bool = False) -> st.SearchStrategy:
    """One valid index of the given `kinds` (from `KINDS`) for `shape`. Kinds that need an axis are left
    out for a 0-d shape. `repeated` and `out_of_bounds` apply to the integer and mixed kinds.

    >>> indices((2, 3), kinds=("basic", "boolean")).example()  # e.g. (slice(None), 1)

    Shrinks towards the first kind's simplest index.
    """
    shape = _check_shape(shape, "indices")
    kinds = tuple(kinds)
    unknown = set(kinds) - set(KINDS)
    if unknown or not kinds:
        raise ValueError(f"indices: kinds must be a non-empty subset of {KINDS}, got {kinds!r}")
    usable = [k for k in kinds if shape or k not in NEEDS_AN_AXIS]
    if not usable:
        raise ValueError(f"indices: none of the kinds {kinds!r} can index a 0-d array")
    dtypes = _check_integer_dtypes(dtypes)
    make = {
        "basic": lambda: basic_indices(shape),
        "integer": lambda: integer_array_indices(shape, dtypes=dtypes, repeated=repeated,
                                                 out_of_bounds=out_of_bounds),
        "boolean": lambda: boolean_masks(shape),
        "mixed": lambda: mixed_indices(shape, dtypes=dtypes, repeated=repeated, out_of_bounds=out_of_bounds),
        "list": lambda: list_indices(shape),
    }
    return st.one_of(*(make[k]() for k in usable))


# -- structures that decide indexing (conformance/reach.py counts them) -----------------------------------


@st.composite
def basic_index_structures(draw, shape: tuple[int, ...]) -> tuple:
    """Basic indices that `basic_indices` reaches rarely, built on purpose: a slice with a negative step
    and an explicit stop (`x[:, 3:0:-2]`; needs an axis), or an ellipsis followed by `newaxis`
    (`x[..., None, 0]`). Shrinks towards `(..., None)`."""
    shape = _check_shape(shape, "basic_index_structures")
    if not shape or draw(st.booleans()):
        tail = [draw(st.sampled_from([(), (slice(None),), (-1,)]))] if shape and shape[-1] else [()]
        return (Ellipsis, None, *tail[0])
    axis = draw(st.integers(0, len(shape) - 1))
    size = shape[axis]
    bound = st.integers(-size - 1, size + 1)
    return (*(slice(None),) * axis, slice(draw(st.one_of(st.none(), bound)), draw(bound),
                                          draw(st.integers(-3, -1))))


@st.composite
def masks_with_several_rows(draw, shape: tuple[int, ...]) -> np.ndarray:
    """A boolean mask of two or more leading axes of `shape` (which needs two axes of at least 2 and 1)
    with `True` in two rows, the later row's `True` in an earlier column: row-major and column-major
    orders of the selected elements differ. Shrinks towards a mask of the first two axes."""
    shape = _check_shape(shape, "masks_with_several_rows")
    if len(shape) < 2 or shape[0] < 2 or shape[1] < 2:
        raise ValueError(f"masks_with_several_rows: needs two leading axes of at least 2, got {shape}")
    lead = shape[:draw(st.integers(2, len(shape)))]
    mask = draw(hnp.arrays(np.dtype(bool), lead))
    first, second = sorted(draw(st.lists(st.integers(0, lead[0] - 1), min_size=2, max_size=2, unique=True)))
    low, high = sorted(draw(st.lists(st.integers(0, lead[1] - 1), min_size=2, max_size=2, unique=True)))
    rest = tuple(0 for _ in lead[2:])
    mask[(first, high, *rest)] = mask[(second, low, *rest)] = True
    return mask


def index_features(index) -> list[str]:
    """The structural features of an index: `negative step with explicit stop`, `ellipsis then newaxis`,
    `mask rank>=2, True in several rows`, `advanced indices adjacent` or `separated` (by a slice, an
    ellipsis or a newaxis; `separated, after a slice` where a slice comes first), `several index arrays`,
    `index array of rank>=2`."""
    parts = index if isinstance(index, tuple) else (index,)
    features = []
    if any(isinstance(p, slice) and isinstance(p.step, int) and p.step < 0 and p.stop is not None
           for p in parts):
        features.append("negative step with explicit stop")
    if any(a is Ellipsis and b is None for a, b in zip(parts, parts[1:], strict=False)):
        features.append("ellipsis then newaxis")
    for part in parts:
        if isinstance(part, np.ndarray) and part.dtype == bool and part.ndim >= 2 and \
                np.count_nonzero(part.reshape(part.shape[0], -1).any(axis=1)) >= 2:
            features.append("mask rank>=2, True in several rows")
    arrays = [k for k, p in enumerate(parts) if isinstance(p, np.ndarray) and p.dtype.kind in "iu"]
    if arrays:
        advanced = [k for k, p in enumerate(parts)
                    if k in arrays or (isinstance(p, int | np.integer) and not isinstance(p, bool))]
        gap = advanced[-1] - advanced[0] + 1 != len(advanced)
        features.append(f"advanced indices {'separated' if gap else 'adjacent'}")
        if gap and any(isinstance(p, slice) for p in parts[:advanced[0]]):
            features.append("advanced indices separated, after a slice")
        if len(arrays) > 1:
            features.append("several index arrays")
        if any(parts[k].ndim >= 2 for k in arrays):
            features.append("index array of rank>=2")
    return features

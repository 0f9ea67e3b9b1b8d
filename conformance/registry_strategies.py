"""Strategies that draw a registry row's arguments (`conformance/registry/`), and the structural
features of what they drew (`conformance/reach.py`).

Composed from `conformance/strategies.py`: the dtype's edge values for real dtypes; complex values are
ours, because the branch cuts of sqrt, log, log1p, the inverse trigonometric and hyperbolic functions
decide their results: every draw mixes values on the cuts (a real part below -1 or beyond +1 with an
imaginary part of +0.0 or -0.0: sqrt, log, log1p, arcsin, arccos, arctanh, arccosh; an imaginary part
beyond +-1 with a real part of +0.0 or -0.0: arctan, arcsinh), values next to them (the other part
+-epsilon or +-the smallest normal), the edge values and arbitrary values.
"""

from __future__ import annotations

import numbers
from functools import cache

import hypothesis.extra.numpy as hnp
import ml_dtypes
import numpy as np
from hypothesis import strategies as st

from conformance import matrices
from conformance import strategies as cst
from conformance.operation import Operation, ShapeDomain

_KIND_NAMES = {"b": "bool", "i": "signed", "u": "unsigned", "f": "float", "c": "complex"}
# Real parts where a cut lies on the real axis (log, sqrt: below 0; arcsin, arccos, arctanh: beyond +-1;
# arccosh: below 1), and the points where the cuts end.
_CUT_POSITIONS = (-3.0, -2.0, -1.5, -1.0, -0.5, 0.5, 1.0, 1.5, 2.0, 3.0, np.inf, -np.inf)


def kind_feature(kind: str) -> str:
    return f"{_KIND_NAMES[kind]} inputs"


def _part_dtype(dtype: np.dtype) -> np.dtype:
    return np.dtype(np.float32 if np.dtype(dtype).itemsize == 8 else np.float64)


def branch_cut_values(dtype: np.dtype) -> list[complex]:
    """Complex values on the branch cuts and next to them, each with both signs of zero where a part is
    zero: on the real axis (imaginary +-0) and on the imaginary axis (real +-0), and beside each axis the
    other part +-epsilon and +-the smallest normal."""
    info = np.finfo(_part_dtype(dtype))
    beside = (0.0, -0.0, float(info.eps), -float(info.eps), float(info.tiny), -float(info.tiny))
    on_real_axis = [complex(r, i) for r in _CUT_POSITIONS for i in beside]
    on_imaginary_axis = [complex(r, i) for i in _CUT_POSITIONS for r in beside]
    return on_real_axis + on_imaginary_axis


@cache
def complex_elements(dtype: np.dtype) -> st.SearchStrategy[complex]:
    """A complex element: on or next to a branch cut half the time, else an edge value or any value
    of the dtype. Shrinks towards the first cut value, -3+0j."""
    dtype = np.dtype(dtype)
    cuts = st.sampled_from(branch_cut_values(dtype))
    return st.one_of(cuts, cuts, st.sampled_from(cst.edge_values(dtype)), hnp.from_dtype(dtype))


def element_strategy(dtype: np.dtype, tags: frozenset[str] = frozenset()) -> st.SearchStrategy | None:
    """The elements of an array argument of `dtype` (None: `cst.arrays`' own, with its edge values);
    a histogram's values near its bin edges, a bincount's small counts (the row's tags say)."""
    if "binned-values" in tags:
        return binned_elements(np.dtype(dtype), nan="binned-nan" in tags)
    if "counted-values" in tags:
        return counted_elements(np.dtype(dtype))
    if "moderate-values" in tags:
        return moderate_elements(np.dtype(dtype))
    return complex_elements(np.dtype(dtype)) if cst.kind_of(dtype) == "c" else None


# Values by the edges of the histogram rows (registry/histograms.py): on the edges 0, 1, 2 and 2.5, next
# to 1.0, and thirds, which round differently in each float dtype (edges 2/3 and 4/3 of range (0, 2)
# and bins=3, computed in the input's precision); -1 and 3, outside the range
_BINNED = (0.0, 1.0, 2.0, 2.5, 0.5, 1 / 3, 2 / 3, 4 / 3, 5 / 3, -1.0, 3.0)


@cache
def binned_elements(dtype: np.dtype, *, nan: bool = False) -> st.SearchStrategy:
    """An element near the histogram rows' bin edges, in `dtype` (bool: either; unsigned: no -1);
    with `nan`, NaN too."""
    kind = cst.kind_of(dtype)
    if kind == "b":
        return st.booleans()
    if kind in "iu":
        return st.sampled_from([v for v in (0, 1, 2, 3, 5, -1) if kind == "i" or v >= 0])
    eps = float(ml_dtypes.finfo(dtype).eps)  # and the neighbours of 1.0 on each side
    exact = np.asarray([*_BINNED, 1 + eps, 1 - eps / 2], dtype)  # each value as the dtype holds it
    values = [float(v) for v in exact.astype(np.float64)]
    return st.sampled_from(values + [float("nan")] * nan)


# Coefficients and points of the polynomial rows (registry/polynomials.py): small values exact in every
# dtype, so that sums of a few products neither overflow nor meet infinities (work left: polynomials of
# edge values); `planted` still adds -0.0, the smallest subnormal and 1.5 times the smallest normal
_MODERATE = (0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 3.0, -4.0, 0.5, -0.5, 0.25, 1.5, -3.5)


@cache
def moderate_elements(dtype: np.dtype) -> st.SearchStrategy:
    """A moderate element of `dtype` (bool: either; unsigned: the nonnegative integers; integers: the
    whole ones; complex: two of them)."""
    kind = cst.kind_of(dtype)
    if kind == "b":
        return st.booleans()
    values = [v for v in _MODERATE if kind in "fc" or (v == int(v) and (kind == "i" or v >= 0))]
    real = st.sampled_from(values)
    return st.builds(complex, real, real) if kind == "c" else real


def sample_points(array: np.ndarray) -> np.ndarray:
    """Distinct points of `array`'s dtype and length, evenly spaced and exact in every dtype (polyfit's
    x: a full-rank Vandermonde matrix): -(n-1)/2 .. (n-1)/2 by 1, or 0 .. n-1 for bool and integers."""
    n = array.shape[0] if array.ndim else 1
    points = np.arange(n) - ((n - 1) / 2 if cst.kind_of(array.dtype) in "fc" else 0)
    return points.astype(array.dtype).reshape(array.shape)


def counted_elements(dtype: np.dtype) -> st.SearchStrategy:
    """A bincount input: 0..5, and -1 one time in seven (unsigned and bool: none; `_binned_sets` adds a
    set with one)."""
    kind = cst.kind_of(dtype)
    if kind == "b":
        return st.booleans()
    return st.sampled_from([*range(6), *((-1,) if kind == "i" else ())])


@st.composite
def shapes_of_rank(draw, *, low: int, high: int, rank: int | None = None, min_side: int = 0,
                   budget: cst.ShapeBudget = cst.BUDGET) -> tuple[int, ...]:
    """A shape of `rank`, or of a rank drawn first from low..high; its sides from `min_side` to the
    budget's, trimmed to the budget's size. Shrinks towards ()."""
    if rank is None:
        rank = draw(st.integers(low, min(high, budget.max_dims)))
    sides = draw(st.lists(st.integers(min_side, budget.max_side), min_size=rank, max_size=rank))
    while int(np.prod(sides)) > budget.max_size:
        sides[sides.index(max(sides))] -= 1
    return tuple(sides)


@st.composite
def kind_and_dtype(draw, kinds: str) -> np.dtype:
    """A dtype of one of `kinds`: the kind drawn first, so that bool (one dtype) is reached as often as
    floats (four). Shrinks towards the first kind's narrowest dtype."""
    kind = draw(st.sampled_from(list(kinds)))
    return draw(cst.dtypes(kinds=kind))


def option_class(value) -> str:
    """What an option's value is, as far as its semantics go: the value itself for a string, a bool,
    None, a NaN, an infinity or a zero (its sign: -0.0), an integer's sign and whether it is 1, a float's
    sign; a sequence or an array by its type (bins, pad widths)."""
    if value is None or isinstance(value, (bool, np.bool_, str)):
        return repr(value)
    if isinstance(value, numbers.Integral):
        return "0" if value == 0 else "1" if value == 1 else "< 0" if value < 0 else "> 1"
    if isinstance(value, numbers.Real):
        value = float(value)
        if value == 0 or not np.isfinite(value):
            return repr(value)
        return "< 0" if value < 0 else "> 0"
    return type(value).__name__


def option_classes(domain: tuple) -> list[list]:
    """The domain's values grouped by `option_class`, in the order the classes first appear."""
    groups: dict[str, list] = {}
    for value in domain:
        groups.setdefault(option_class(value), []).append(value)
    return list(groups.values())


def _drawn_by_class(row: Operation) -> dict[str, list[list]]:
    return {keyword: option_classes(domain) for keyword, domain in row.options.items()
            if not isinstance(domain, ShapeDomain)}


def option_turns(row: Operation) -> int:
    """How many classes the row's largest option has (turn t draws class t % n of each option: turns
    0 to that number less one reach every class of every option, by construction)."""
    return max([1, *(len(c) for c in _drawn_by_class(row).values())])


def missing_turns(row: Operation, reached: set[str]) -> list[int]:
    """The turns that draw an option class `reached` lacks."""
    classes = _drawn_by_class(row)
    return [t for t in range(option_turns(row))
            if any(f"{keyword}: {option_class(groups[t % len(groups)][0])}" not in reached
                   for keyword, groups in classes.items())]


def declared_options(row: Operation) -> list[str]:
    """Every class of value of each option (a ShapeDomain's axes are the drawn shape's: not declared)."""
    return [f"{keyword}: {option_class(group[0])}" for keyword, classes in _drawn_by_class(row).items()
            for group in classes]


def option_features(row: Operation, sets: list[tuple]) -> list[str]:
    """The classes of the option values the row's value sets were drawn with (each set holds its
    arrays, then its options in `row.options`' order; pieces rows hold one list of arrays)."""
    first = len(row.arrays) if row.pieces == (0, 0) else 1
    drawn = sets[0][first:first + len(row.options)] if sets else ()
    return [f"{keyword}: {option_class(value)}" for (keyword, domain), value
            in zip(row.options.items(), drawn, strict=False) if not isinstance(domain, ShapeDomain)]


def options_features(row: Operation, sets: list[tuple]) -> list[str]:
    """The option classes of value sets that end with the row's options (the solver and least-squares
    rows, whose arrays vary in number), each set's own values (pinv sets hermitian per group)."""
    if not row.options:
        return []
    return list(dict.fromkeys(f"{keyword}: {option_class(value)}" for values in sets for keyword, value
                              in zip(row.options, values[-len(row.options):], strict=True)))


def option_draw(domain: tuple, turn: int | None) -> st.SearchStrategy:
    """A value of `domain`: uniform (turn None), or of the turn's class (option_turns)."""
    return st.sampled_from(domain) if turn is None else option_values(domain, turn=turn)


def option_values(domain: tuple | ShapeDomain, shape: tuple[int, ...] = (), turn: int | None = None
                  ) -> st.SearchStrategy:
    """A value of an option's domain; where the domain has negative numbers (round's decimals), one of
    them half the time, so that a handful of examples reaches them. A `ShapeDomain` gives a value NumPy
    refuses (an axis out of range) one time in four, where it has such values for `shape`."""
    if isinstance(domain, ShapeDomain):
        valid, invalid = domain.valid(shape), domain.invalid(shape)
        if not valid:
            return st.sampled_from(invalid)
        accepted = st.sampled_from(valid)
        return st.one_of(accepted, accepted, accepted, st.sampled_from(invalid)) if invalid else accepted
    if turn is not None:  # the turn's class of values (option_turns), a value of it drawn
        classes = option_classes(domain)
        return st.sampled_from(classes[turn % len(classes)])
    negative = [v for v in domain if isinstance(v, int) and v < 0]
    everything = st.sampled_from(domain)
    return st.one_of(st.sampled_from(negative), everything) if negative else everything


@st.composite
def argument_sets(draw, row: Operation, *, dtype: np.dtype, shape: tuple[int, ...], turn: int | None = None
                  ) -> list[tuple]:
    """`cst.value_sets` of the row's arguments: its arrays, of `dtype` and `shape`, then one value of
    each option, drawn once for all the sets (an option is static under jit: each value compiles); with
    a `turn`, each option's value is of that turn's class (option_turns)."""
    options = tuple(draw(option_values(domain, shape, turn), label=keyword)
                    for keyword, domain in row.options.items())
    if "matrices" in row.tags:  # decompositions: structured matrices (conformance/matrices.py)
        return draw(matrices.matrix_sets(row.tags, dtype, shape, options))
    if row.dtype_keyword:  # the requested dtype, by name (None: the default dtype, one time in four)
        names = [dtype.name, dtype.name, dtype.name, None]
        options += (draw(st.sampled_from(names), label=row.dtype_keyword),)
    if not row.arrays:  # options only: one set (the values are the options, drawn once)
        return [options]
    if row.pieces != (0, 0):
        drawn = dict(zip(row.options, options, strict=False))
        first = draw(pieces(row, dtype, shape, drawn), label=row.arrays[0])
        return [(first, *options)]
    shapes = [shape] * len(row.arrays)
    if "second-own-length" in row.tags and len(shape) == 1:  # convolve's v: a length of its own
        low = 0 if cst.kind_of(dtype) in "biu" else 1
        shapes[1] = (draw(st.integers(low, cst.BUDGET.max_side), label="second length"),)
    if "interp-points" in row.tags:  # interp's xp and fp: 1-d, a length of their own
        shapes[1:] = [(draw(st.integers(0, cst.BUDGET.max_side), label="points"),)] * 2
    arrays = st.tuples(*(cst.arrays(dtype, s, elements=element_strategy(dtype, row.tags)) for s in shapes))
    sets = [(*a, *options) for a in draw(cst.value_sets(arrays))]
    # moderate values (polynomials): no branch-cut values (infinities) planted in complex arrays
    cuts = "moderate-values" not in row.tags or cst.kind_of(dtype) != "c"
    # `unplanted` (roots): none of the planted values either (a leading coefficient near the smallest
    # normal puts the roots past float32's range: work left)
    first = draw(planted(sets[0][0]), label="planted") if cuts and "unplanted" not in row.tags else sets[0][0]
    extra = [(array, *sets[0][1:]) for array in (*(_cut_sets(sets[0][0]) if cuts else ()),
                                                  *_binned_sets(row, sets[0][0]))]
    sets = [(first, *sets[0][1:]), *extra, *sets[1:]]
    if "sample-points-first" in row.tags:  # polyfit's x: distinct points
        sets = [(sample_points(args[0]), *args[1:]) for args in sets]
    if "sorted-first-array" in row.tags:  # searchsorted's array: sorted as NumPy sorts (NaNs last)
        sets = [(np.sort(args[0], axis=None).reshape(args[0].shape), *args[1:]) for args in sets]
    if "interp-points" in row.tags:  # interp's x and xp real (complex: fp only), xp sorted
        sets = [(np.real(args[0]), np.sort(np.real(args[1])), *args[2:]) for args in sets]
    return [_shared(row, args) for args in sets] if len(row.arrays) == 2 else sets


def _shared(row: Operation, args: tuple) -> tuple:
    """A set operation's arguments with the first array's last element also in the second (at its
    first position), so that every example with two non-empty arrays holds a value in both."""
    first, second = args[0], args[1]
    if first.size == 0 or second.size == 0:
        return args
    second = second.copy()
    second.reshape(-1)[0] = first.reshape(-1)[-1]
    return (first, second, *args[2:])


SHARED_VALUE = "a value in both arrays"


def shares_a_value(arrays: list[np.ndarray]) -> bool:
    """Whether the two arrays of a set operation hold a common value (NaNs are never equal)."""
    first, second = arrays
    return bool(np.isin(first, second).any())


MISMATCHED = "mismatched pieces"
MIXED = "mixed dtypes"


@st.composite
def pieces(draw, row: Operation, dtype: np.dtype, shape: tuple[int, ...], options: dict) -> list[np.ndarray]:
    """The sequence argument of a joining row: row.pieces arrays of `shape`, each of `dtype` or, one time
    in three, of any dtype (promotion); their sides along the drawn `axis` option varied (zero included),
    unless the row is tagged `same-shape` (stack); one time in four, one more piece of another rank."""
    mismatch = draw(st.integers(0, 3), label="mismatch") == 0  # one more piece, of another rank
    low, high = row.pieces
    count = draw(st.integers(low, max(low, high - mismatch)), label="pieces")
    axis = options.get("axis")
    along = isinstance(axis, int) and -len(shape) <= axis < len(shape) and "same-shape" not in row.tags
    out = []
    for _ in range(count):
        piece_dtype = draw(st.one_of(st.just(dtype), st.just(dtype), cst.dtypes()), label="piece dtype")
        piece_shape = list(shape)
        if along:
            piece_shape[axis] = draw(st.integers(0, cst.BUDGET.max_side), label="side")
        out.append((piece_dtype, tuple(piece_shape)))
    if mismatch:
        out.append((out[-1][0], (*out[-1][1], 2)))
    # ravel_multi_index's indices: small ones (0..5, -1), in and out of its dims' bounds
    small = "small-indices" in row.tags
    return [draw(cst.arrays(d, s, elements=counted_elements(d) if small and cst.kind_of(d) in "biu"
                            else None)) for d, s in out]


def piece_features(sequence: list[np.ndarray]) -> list[str]:
    """Whether a sequence mixed dtypes, and whether its pieces' ranks differ."""
    found = [f"pieces={len(sequence)}"]
    if len({a.dtype for a in sequence}) > 1:
        found.append(MIXED)
    if len({a.ndim for a in sequence}) > 1:
        found.append(MISMATCHED)
    return found


def _binned_sets(row: Operation, array: np.ndarray) -> list[np.ndarray]:
    """A copy of a histogram row's array (same shape and dtype: no compile of its own) with the value
    its rule singles out: a NaN last (digitize: NaN sorts after every edge), or a -1 first (bincount of a
    signed dtype: NumPy refuses it)."""
    kind = cst.kind_of(array.dtype)
    if array.size == 0 or not (("binned-nan" in row.tags and kind == "f")
                               or ("counted-values" in row.tags and kind == "i")):
        return []
    flat = array.reshape(-1).copy()
    if kind == "f":
        flat[-1] = np.nan
    else:
        flat[0] = -1
    return [flat.reshape(array.shape)]


def _cut_sets(array: np.ndarray) -> list[np.ndarray]:
    """Copies of a complex array that hold, together, one value of each branch-cut category where the
    array is too small to hold them all (`planted` puts them at its first positions): a 0-d array
    gets one copy per category after the first. Same shape and dtype: they share the compiles."""
    if cst.kind_of(array.dtype) != "c" or array.size == 0:
        return []
    categories = _cut_categories(array.dtype)
    copies = []
    for start in range(array.size, len(categories), array.size):
        flat = array.reshape(-1).copy()
        for position, category in enumerate(categories[start:start + array.size]):
            flat[position] = category[0]
        copies.append(flat.reshape(array.shape))
    return copies


def _cut_categories(dtype: np.dtype) -> list[list[complex]]:
    """The branch-cut values by the feature each reaches (CUT_FEATURES' order)."""
    values = [np.complex128(v) for v in branch_cut_values(dtype)]
    eps = float(np.finfo(_part_dtype(dtype)).eps)
    return [[v for v in values if _cut_feature(v.real, v.imag, eps) == feature] for feature in CUT_FEATURES]


@st.composite
def planted(draw, array: np.ndarray) -> np.ndarray:
    """`array` with the values that decide signs and branches planted, so that every example that has
    room reaches them: a -0.0, a smallest subnormal, 1.5 times the smallest normal and -2.5 at drawn
    positions of a float array; in a complex array, one value of each branch-cut category
    (CUT_FEATURES) at the first positions. Bool and integer arrays, and zero-size ones, are returned as
    they are."""
    kind = cst.kind_of(array.dtype)
    if array.size == 0 or kind not in "fc":
        return array
    flat = array.reshape(-1).copy()
    if kind == "f":
        zero, tiny, normal, half = ([*draw(st.permutations(range(flat.size)))[:4], None, None, None])[:4]
        flat[zero] = -0.0
        info = ml_dtypes.finfo(array.dtype) if array.dtype == cst.BFLOAT16 else np.finfo(array.dtype)
        if tiny is not None:  # and the smallest subnormal, of either sign (flushing decides it)
            flat[tiny] = draw(st.sampled_from([1.0, -1.0])) * float(info.smallest_subnormal)
        if half is not None:  # and a negative half-integer (rounding direction, half to even)
            flat[half] = -2.5
        if normal is not None:  # and 1.5 times the smallest normal (where tiny-argument kernels switch)
            flat[normal] = 1.5 * float(info.tiny)
    else:
        for position, category in enumerate(_cut_categories(array.dtype)[:flat.size]):
            flat[position] = draw(st.sampled_from(category))
    return flat.reshape(array.shape)


DEFAULT_DTYPE = "default dtype"  # a row whose dtype is an option, called without one


def row_features(row: Operation, dtype: np.dtype, shape: tuple[int, ...], sets: list[tuple]) -> list[str]:
    """`features` of the row's drawn arrays; for a row without arrays, the drawn dtype's kind and the drawn
    shape's rank; and for a row whose dtype is an option, whether it was left to the default."""
    if row.pieces != (0, 0):
        return [kind_feature(cst.kind_of(dtype)), f"rank={len(shape)}", *option_features(row, sets),
                *(f for args in sets for f in piece_features(args[0]))]
    found = option_features(row, sets)
    if "matrices" in row.tags:
        return [*found, kind_feature(cst.kind_of(dtype)), f"rank={len(shape)}",
                *matrices.matrix_features(row, sets)]
    found += (features(dtype, [a for args in sets for a in args[:len(row.arrays)]]) if row.arrays
             else [kind_feature(cst.kind_of(dtype)), f"rank={len(shape)}"])
    if row.dtype_keyword and any(args[-1] is None for args in sets):
        found.append(DEFAULT_DTYPE)
    if row.tags & {"binned-values", "counted-values"}:
        found += [f for args in sets for f in binned_features(row, args)]
    if "interp-points" in row.tags:
        found += [f for args in sets for f in interp_features(args)]
    return found


INTERP_FEATURES = ("x below xp[0]", "x beyond xp[-1]", "x between two points", "x on a point",
                   "a repeated point", "one point", "no point")


def interp_features(args: tuple) -> list[str]:
    """Where interp's x fell (below, beyond, between the points, on one, a NaN), and xp's structure (a
    repeated point, one point, none)."""
    x, xp = (np.asarray(a).astype(np.float64) for a in args[:2])
    found = {"no point"} if xp.size == 0 else {"one point"} if xp.size == 1 else set()
    found |= {NAN_VALUE} if np.any(np.isnan(x)) else set()
    if xp.size:
        found |= {"x below xp[0]"} if np.any(x < xp[0]) else set()
        found |= {"x beyond xp[-1]"} if np.any(x > xp[-1]) else set()
        found |= {"x on a point"} if np.any(np.isin(x, xp)) else set()
        found |= {"x between two points"} if np.any((x > xp[0]) & (x < xp[-1]) & ~np.isin(x, xp)) else set()
        found |= {"a repeated point"} if np.any(np.diff(xp) == 0) else set()
    return [f for f in (*INTERP_FEATURES, NAN_VALUE) if f in found]


ON_LAST_EDGE = "a value on the last edge"
ON_AN_EDGE = "a value on a bin edge"
NAN_VALUE = "a NaN"
NEGATIVE_COUNT = "a negative value"


def binned_features(row: Operation, args: tuple) -> list[str]:
    """What a histogram row's value set reached: a value on the last edge (histogram: the closed end of
    the last bin; the edges given, the range's end, or with neither the maximum), on an edge (digitize),
    a NaN (digitize), a negative value (bincount)."""
    a = np.asarray(args[0]).astype(np.float64)
    options = dict(zip(row.options, args[len(row.arrays):], strict=False))
    found = []
    if row.tags & {"histogram", "bin-edges"}:
        bins, given = options["bins"], options["range"]
        last = bins[-1] if np.ndim(bins) else given[1] if given else np.nanmax(a) if a.size else np.nan
        found += [ON_LAST_EDGE] * bool(np.any(a == last))
    if "digitize" in row.tags:
        found += [ON_AN_EDGE] * bool(np.any(np.isin(a, np.asarray(options["bins"], np.float64))))
        found += [NAN_VALUE] * bool(np.any(np.isnan(a)))
    if "counted-values" in row.tags:
        found += [NEGATIVE_COUNT] * bool(np.any(a < 0))
    return found


def _declared_binned(row: Operation) -> list[str]:
    if "interp-points" in row.tags:  # and its NaN x
        return [*INTERP_FEATURES, *([NAN_VALUE] if "f" in row.checked_kinds else [])]
    if row.tags & {"histogram", "bin-edges"}:
        return [ON_LAST_EDGE]
    if "digitize" in row.tags:
        return [ON_AN_EDGE, *([NAN_VALUE] if "f" in row.checked_kinds else [])]
    return [NEGATIVE_COUNT] if "counted-values" in row.tags and "i" in row.checked_kinds else []


def features(dtype: np.dtype, arrays: list[np.ndarray]) -> list[str]:
    """The structures an example reached: its dtype kind, its rank, a negative zero, and for complex
    values a point on a branch cut (CUT_FEATURES: the real axis below -1 or beyond +1, the imaginary axis,
    each with either sign of zero) or next to one."""
    dtype = np.dtype(dtype)
    found = [kind_feature(cst.kind_of(dtype))] + [f"rank={np.ndim(a)}" for a in arrays]
    kind = cst.kind_of(dtype)
    if kind not in "fc":
        return found
    for a in arrays:
        a = np.asarray(a)
        parts = (a.real, a.imag) if kind == "c" else (a.astype(np.float64),)
        if any(np.any((p == 0) & np.signbit(p)) for p in parts):
            found.append("negative zero")
        if kind == "c":
            found += _cut_features(a)
    return list(dict.fromkeys(found))


def _cut_feature(re: float, im: float, eps: float) -> str | None:
    """The CUT_FEATURES entry a complex value re + im i reaches, if any: on the real axis below -1 or
    beyond +1 with either sign of zero, on the imaginary axis beyond +-1 with either sign of zero, or
    next to either (the other part nonzero and at most `eps` in size)."""
    sign = "-0" if np.signbit(re if abs(im) > 1 else im) else "+0"
    if abs(re) > 1 and im == 0:
        return f"on a cut: real axis {'below -1' if re < 0 else 'beyond +1'}, imaginary {sign}"
    if abs(im) > 1 and re == 0:
        return f"on a cut: imaginary axis, real {sign}"
    if abs(re) > 1 and 0 < abs(im) <= eps:
        return "next to a cut: real axis"
    if abs(im) > 1 and 0 < abs(re) <= eps:
        return "next to a cut: imaginary axis"
    return None


def _cut_features(a: np.ndarray) -> list[str]:
    eps = float(ml_dtypes.finfo(a.real.dtype).eps)
    parts = zip(a.real.astype(np.float64).ravel().tolist(), a.imag.astype(np.float64).ravel().tolist(),
                strict=True)
    found = {_cut_feature(re, im, eps) for re, im in parts}
    return [feature for feature in CUT_FEATURES if feature in found]


CUT_FEATURES = tuple(f"on a cut: real axis {side}, imaginary {sign}" for side in ("below -1", "beyond +1")
                     for sign in ("+0", "-0")) + (
    "on a cut: imaginary axis, real +0", "on a cut: imaginary axis, real -0",
    "next to a cut: real axis", "next to a cut: imaginary axis")


def declared_features(row: Operation) -> list[str]:
    """What a test of `row` on its own kinds must reach: each kind, each rank, each option's value, and
    the structures of its family."""
    wanted = [kind_feature(k) for k in row.checked_kinds] + declared_options(row)
    wanted += [f"rank={r}" for r in range(row.ranks[0], row.ranks[1] + 1)]
    if row.dtype_keyword:
        wanted.append(DEFAULT_DTYPE)
    if row.pieces != (0, 0):
        return wanted + [f"pieces={n}" for n in range(row.pieces[0], row.pieces[1] + 1)] + [MIXED, MISMATCHED]
    if not row.arrays:  # the ranks are the drawn shape's (an option); no array holds a negative zero
        return wanted
    if "matrices" in row.tags:
        return wanted + matrices.declared_matrix_features(row)
    wanted += _declared_binned(row)
    if set(row.checked_kinds) & set("fc"):
        wanted.append("negative zero")
    if "c" in row.checked_kinds and "moderate-values" not in row.tags:
        wanted += CUT_FEATURES
    if len(row.arrays) == 2:
        wanted.append(SHARED_VALUE)
    return wanted

"""Known divergences of the registry's shape manipulation rows (`conformance/registry/`,
MANIPULATION): which error JAX raises where NumPy refuses an option, and the inputs JAX refuses where
NumPy accepts them. Each trigger reads a row's tag and the drawn options, never the function's name."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.models import jax_at_least, raises, truth_flushes, truth_like_jnp_any
from conformance.example import Example
from conformance.outcome import Outcome, Value

_LAX_NUMPY = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/lax_numpy.py"
_DOCS = "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.{}.html"


def option(example: Example, keyword: str) -> Any:
    """The value drawn for a row's keyword option."""
    return example.args[example.case.arg_names.index(keyword)]


def _numpy_refused(*rules: tuple[str, str]):
    """A trigger: for one of the (tag, message) rules, a row tagged `tag` whose NumPy call raised with a
    message matching `message`."""
    def trigger(example: Example) -> bool:
        error = example.numpy.error
        return error is not None and any(tag in example.case.tags and re.search(message, error.message)
                                         for tag, message in rules)
    trigger.__doc__ = " or ".join(f"a row tagged {tag} that NumPy refuses with /{message}/"
                                  for tag, message in rules)
    return trigger


_REPEATED = _numpy_refused(("axes-checked-by-lax", r"repeated axis|cannot be the same"),
                           ("nonnegative-axes", r"axes don't match array"))


def _axes_refused_by_lax(example: Example) -> bool:
    """Axes NumPy refuses, which jnp hands to lax as they are; jax 0.12's permute_dims (tag
    nonnegative-axes) checks them itself first (canonicalize_axis_tuple: ValueError, as NumPy)."""
    permute_dims_checks = "nonnegative-axes" in example.case.tags and jax_at_least(example, "0.12")
    return _REPEATED(example) and not permute_dims_checks


def _negative_permutation(example: Example) -> bool:
    axes = option(example, "axes")
    return ("nonnegative-axes" in example.case.tags and not example.numpy.raised
            and any(a < 0 for a in axes))


def _empty_into_unknown_side(example: Example) -> bool:
    shape = option(example, "shape")
    return ("reshape" in example.case.tags and example.numpy.raised and np.size(example.args[0]) == 0
            and isinstance(shape, tuple) and shape.count(-1) == 1)


def _axis_of_0d_array(example: Example) -> bool:
    return (bool(example.case.tags & {"reduction", "squeeze"}) and np.ndim(example.args[0]) == 0
            and option(example, "axis") not in (None, ()) and not example.numpy.raised)


def _swap_out_of_range(example: Example) -> bool:
    ndim = np.ndim(example.args[0])
    return "swapaxes" in example.case.tags and any(
        not -ndim <= option(example, k) < ndim for k in ("axis1", "axis2"))


def _uint64_counts(example: Example) -> bool:
    counts = example.args[-1] if "repeat-counts" in example.case.tags else None
    return (counts is not None and np.asarray(counts).dtype == np.uint64 and example.numpy.raised
            and example.mode != "jit")  # under jit the concretization error comes first


def _repeated_by_uint64_counts(example: Example, outcome: Outcome) -> Outcome:
    a, counts = np.asarray(example.args[0]), np.asarray(example.args[-1])  # (a, a): the counts are a
    return Outcome((Value(np.repeat(a, counts.astype(np.int64))),))


def _one_dimensional(example: Example) -> bool:
    return "at-least-2d" in example.case.tags and np.ndim(example.args[0]) < 2


def _traced_shape(example: Example) -> bool:
    """Under jit or folded, without size=; folded, setdiff1d of an empty constant ar1 returns it before
    anything data-dependent (jnp.setdiff1d checks ar1.size first: measured with jax 0.10.2)."""
    sized = "size" in example.case.arg_names and option(example, "size") is not None
    returned = ("empty-first-returned" in example.case.tags and example.mode == "folded"
                and np.size(example.args[0]) == 0)
    return ("data-dependent-shape" in example.case.tags and example.mode != "eager" and not sized
            and not returned)


_TRACED_INPUT = raises("TypeError", r"Abstract tracer value encountered where concrete value is expected")
_TRACED_TRUTH = raises("TypeError", r"Attempted boolean conversion of traced array")


_TRACED_INPUT_OR_TRUTH = raises("TypeError", r"Abstract tracer value encountered where concrete value is "
                                             r"expected|Attempted boolean conversion of traced array")


def _concretization_error(example: Example, outcome: Outcome) -> Outcome:
    """Under jit the traced input is refused; folded, trim_zeros' input is a concrete constant, and what
    it refuses is the traced truth value of its x.any() (a TracerBoolConversionError, also a TypeError);
    extract's compress tests `if any(extra)` first: that subclass or the traced input's error."""
    if "extract-size" in example.case.tags:
        return _TRACED_INPUT_OR_TRUTH(example, outcome)
    folded_trim = example.mode == "folded" and "trim-zeros" in example.case.tags
    return (_TRACED_TRUTH if folded_trim else _TRACED_INPUT)(example, outcome)


def _trimmed_like_jnp_any(example: Example) -> bool:
    a = np.asarray(example.args[0])
    return ("trim-zeros" in example.case.tags and example.mode == "eager"
            and bool(np.any(truth_like_jnp_any(a, flush=truth_flushes(example)) != (a != 0))))


def _trimmed_by_jnp_any(example: Example, outcome: Outcome) -> Outcome:
    """jnp.trim_zeros' slice of a 1-d array, its nonzero elements found as jnp.any finds them."""
    a, trim = np.asarray(example.args[0]), option(example, "trim")
    nonzero = np.flatnonzero(truth_like_jnp_any(a, flush=truth_flushes(example)))
    if nonzero.size == 0:
        return Outcome((Value(a[:0]),))
    start = nonzero[0] if "f" in trim else 0
    stop = nonzero[-1] + 1 if "b" in trim else a.size
    return Outcome((Value(a[start:stop]),))


def _numpy_refused_joining(example: Example) -> bool:
    error = example.numpy.error
    return "joins" in example.case.tags and error is not None and bool(re.search(
        r"must have same number of dimensions|dimensions except for the concatenation axis must match",
        error.message))


def split_axis(example: Example) -> int:
    """The axis a split row splits: its axis option, or its function's own (hsplit: 1, 0 for a vector)."""
    if "axis" in example.case.arg_names:
        return option(example, "axis")
    tags, ndim = example.case.tags, np.ndim(example.args[0])
    return 0 if "splits-axis-0" in tags or ("splits-axis-1" in tags and ndim == 1) else (
        1 if "splits-axis-1" in tags else 2)


def jax_split_sizes(length: int, sections, *, uneven: bool, clipped: bool = False) -> list[int]:
    """The sizes jnp's split gives the pieces: the differences of [0, *indices, length] (negative where
    the indices decrease or pass the length; `clipped`, as jax 0.12 does: each index resolved from the
    end where negative and clipped into 0..length first, so that only decreasing ones give a negative
    size), or equal sections (array_split: the first ones one longer)."""
    if isinstance(sections, list):
        if clipped:
            sections = [min(max(i + length if i < 0 else i, 0), length) for i in sections]
        return list(np.diff([0, *sections, length]))
    part, rest = divmod(length, sections)
    if rest and not uneven:
        raise ValueError("array split does not result in an equal division")
    return [part + 1] * rest + [part] * (sections - rest)


def _split_with_negative_sizes(example: Example) -> bool:
    if "splits" not in example.case.tags or not isinstance(option(example, "indices_or_sections"), list):
        return False
    a, axis = np.asarray(example.args[0]), split_axis(example)
    if not -a.ndim <= axis < a.ndim:
        return False
    return min(jax_split_sizes(a.shape[axis], option(example, "indices_or_sections"), uneven=True,
                               clipped=jax_at_least(example, "0.12"))) < 0


def _vsplit_of_vector(example: Example) -> bool:
    return "splits-axis-0" in example.case.tags and np.ndim(example.args[0]) == 1


def _split_of_vector(example: Example, outcome: Outcome) -> Outcome:
    """jnp.vsplit of a vector: split along axis 0 (its pieces, or split's own errors)."""
    a, sections = np.asarray(example.args[0]), option(example, "indices_or_sections")
    try:
        sizes = jax_split_sizes(a.shape[0], sections, uneven=False, clipped=jax_at_least(example, "0.12"))
    except ValueError:
        return raises("ValueError", r"array split does not result in an equal division")(example, outcome)
    if min(sizes) < 0:
        return raises("ValueError", r"Sizes passed to split must be nonnegative")(example, outcome)
    return Outcome(tuple(Value(piece) for piece in np.split(a, np.cumsum(sizes)[:-1])), is_sequence=True)


def _index_list(example: Example) -> bool:
    # delete refuses an axis out of range first, insert the list first
    return isinstance(option(example, "obj"), list) and (
        "inserts" in example.case.tags
        or ("deletes" in example.case.tags and _edited_axis(example) is not None))


def _edited_axis(example: Example) -> tuple[np.ndarray, int] | None:
    """The array as delete or insert read it (flattened for axis=None) and the axis, or None where the
    axis is out of range."""
    a, axis = np.asarray(example.args[0]), option(example, "axis")
    if axis is None:
        return a.reshape(-1), 0
    return (a, axis) if -a.ndim <= axis < a.ndim else None


def _index_out_of_range(tag: str):
    def trigger(example: Example) -> bool:
        obj, edited = option(example, "obj"), _edited_axis(example)
        if tag not in example.case.tags or not isinstance(obj, int) or edited is None:
            return False
        n = edited[0].shape[edited[1]]
        return not -n <= obj < n + (tag == "inserts")  # insert takes n: after the last
    trigger.__doc__ = f"a row tagged {tag} with an int index out of range along a valid axis"
    return trigger


def _inserted_at_clipped_index(example: Example, outcome: Outcome) -> Outcome:
    """jnp.insert: a negative index plus the length, then clipped into 0..length."""
    a, axis = _edited_axis(example)
    n, obj = a.shape[axis], option(example, "obj")
    index = min(max(obj + n if obj < 0 else obj, 0), n)
    return Outcome((Value(np.insert(a, index, option(example, "values"), axis=axis)),))


def _grid_of_not_vectors(example: Example) -> bool:
    return "grids" in example.case.tags and any(np.ndim(x) != 1 for x in example.args[0])


_PAD_OF_EMPTY = {"maximum": ("ValueError", r"zero-size array to reduction operation"),
                 "minimum": ("ValueError", r"zero-size array to reduction operation"),
                 "linear_ramp": ("TypeError", r"slice limit_indices must be less than or equal to")}


def _padded_empty(example: Example) -> bool:
    mode, a = option(example, "mode"), np.asarray(example.args[0])
    return "pads" in example.case.tags and a.size == 0 and mode in _PAD_OF_EMPTY


def _padded_empty_by_jnp(example: Example, outcome: Outcome) -> Outcome:
    """jnp.pad of a zero-size array: each statistic mode's own error."""
    return raises(*_PAD_OF_EMPTY[option(example, "mode")])(example, outcome)


def _open_mesh_of_bool(example: Example) -> bool:
    """jnp.ix_ checks each vector in turn: its rank (ValueError, as NumPy's), then whether it is bool."""
    if "open-mesh" not in example.case.tags:
        return False
    for x in example.args[0]:
        if np.ndim(x) != 1:
            return False
        if np.asarray(x).dtype == bool:
            return True
    return False


def _default_int(example: Example) -> np.dtype:
    return np.dtype(np.int64 if example.env.x64 else np.int32)


def _open_mesh_of_empty(example: Example) -> bool:
    vectors = example.args[0]
    return ("open-mesh" in example.case.tags and all(np.ndim(x) == 1 for x in vectors)
            and not _open_mesh_of_bool(example)
            and any(np.size(x) == 0 and np.asarray(x).dtype != _default_int(example) for x in vectors))


def _open_mesh_with_int_empties(example: Example, outcome: Outcome) -> Outcome:
    """np.ix_ with each empty vector as one of the default integer dtype."""
    vectors = [np.zeros(0, _default_int(example)) if np.size(x) == 0 else np.asarray(x)
               for x in example.args[0]]
    return Outcome(tuple(Value(v) for v in np.ix_(*vectors)), is_sequence=True)


def _too_few_dimensions_to_split(example: Example) -> bool:
    tags, ndim = example.case.tags, np.ndim(example.args[0])
    return ("splits-axis-2" in tags and ndim < 3) or ("splits-axis-1" in tags and ndim == 0)


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="MANIP-REPEATED-AXES-TYPEERROR",
        area="manipulation",
        title="transpose, permute_dims, flip and diagonal raise TypeError for repeated axes",
        numpy="raises ValueError (repeated axis; axes don't match array; axis1 and axis2 cannot be the same)",
        jax="raises TypeError from lax: `transpose permutation isn't a permutation of operand dimensions` "
            "or `rev dimensions must be unique`",
        why="jnp normalizes the axes and hands them to lax.transpose or lax.rev, whose shape rule checks "
            "them and raises TypeError (lax's error for a bad static argument)",
        source="observed by this suite, undocumented upstream",
        condition="axes NumPy refuses as repeated (transpose, flip, diagonal) or, for permute_dims, as not a "
                  "permutation of the array's axes (permute_dims before jax 0.12, whose permute_dims checks "
                  "them as NumPy does: ValueError)",
        kinds=("error-kind",),
        # jnp.transpose checks an axis out of range itself (ValueError, as NumPy); jnp.permute_dims
        # leaves every check to lax
        trigger=_axes_refused_by_lax,
        outputs=raises("TypeError", r"isn't a permutation of operand dimensions|dimensions must be unique"),
    ),
    KnownDivergence(
        id="MANIP-PERMUTE-DIMS-NEGATIVE-AXES",
        area="manipulation",
        title="permute_dims refuses negative axes",
        numpy="np.permute_dims (like np.transpose) reads a negative axis from the end",
        jax="raises TypeError: `transpose permutation isn't a permutation of operand dimensions`",
        why="jnp.permute_dims passes the axes to lax.transpose as they are (jnp.transpose normalizes them)",
        source=_DOCS.format("permute_dims") + " (axes: tuple of integers in range [0, a.ndim)); jax 0.12 "
               "normalizes them (canonicalize_axis_tuple, measured on jax 0.12.0.1)",
        condition="a permutation that NumPy accepts, holding a negative axis (jax < 0.12)",
        kinds=("error-parity",),
        jax_versions="<0.12",
        trigger=_negative_permutation,
        outputs=raises("TypeError", r"isn't a permutation of operand dimensions"),
    ),
    KnownDivergence(
        id="MANIP-RESHAPE-SIZE-TYPEERROR",
        area="manipulation",
        title="reshape to another size, or with two -1s, raises TypeError",
        numpy="raises ValueError: cannot reshape array of size N into shape S (or: can only specify one "
              "unknown dimension)",
        jax="raises TypeError: cannot reshape array of shape ... into shape ... (or: can only specify one "
            "unknown axis size with a `-1` value), for a JAX array; a NumPy array passed in raises "
            "ValueError, since jnp.reshape calls its own reshape method",
        why="jnp.reshape computes the new shape with JAX's shape rules, which raise TypeError for a bad "
            "static argument",
        source="observed by this suite, undocumented upstream",
        condition="a new shape NumPy refuses (another size, or two -1s)",
        kinds=("error-kind",),
        trigger=_numpy_refused(("reshape", r"cannot reshape|one unknown dimension")),
        outputs=raises("TypeError", r"cannot reshape array of shape|one unknown axis size"),
    ),
    KnownDivergence(
        id="MANIP-RESHAPE-EMPTY-UNKNOWN-SIDE-ZERODIVISION",
        area="manipulation",
        title="reshape of an empty array into a shape with -1 and a zero side raises ZeroDivisionError",
        numpy="raises ValueError: cannot reshape array of size 0 into shape (0,newaxis) (the -1 is "
              "ambiguous)",
        jax="raises ZeroDivisionError: integer modulo by zero",
        why="jnp.reshape computes the -1 side as size % (product of the other sides) before checking "
            "that product, which is zero",
        source="observed by this suite, undocumented upstream",
        condition="reshape of a zero-size array into a shape with one -1 that NumPy refuses",
        kinds=("error-kind",),
        trigger=_empty_into_unknown_side,
        outputs=raises("ZeroDivisionError", r"integer modulo by zero"),
    ),
    KnownDivergence(
        id="AXIS-OF-0D-ARRAY",
        area="manipulation",
        title="an axis of a 0-d array is refused: axis 0 and -1 (squeeze, sort, min, count_nonzero, ...)",
        numpy="accepts axis=0 or axis=-1 (or (0,)) for a 0-d array in squeeze, sort, argsort, the reductions "
              "and others, and treats the array as if it had one axis of length 1 (a legacy rule)",
        jax="raises ValueError: axis 0 is out of bounds for array of dimension 0",
        why="jnp checks every axis against the array's rank (canonicalize_axis); a 0-d array has no axis",
        source="observed by this suite, undocumented upstream",
        condition="squeeze, a reduction or a sort of a 0-d array, with an axis NumPy accepts "
                  "(expand_dims and repeat accept it in JAX too)",
        kinds=("error-parity",),
        trigger=_axis_of_0d_array,
        outputs=raises("ValueError", r"is out of bounds for array of dimension 0"),
    ),
    KnownDivergence(
        id="MANIP-SWAPAXES-OUT-OF-RANGE-INDEXERROR",
        area="manipulation",
        title="swapaxes with an axis out of range raises IndexError, not AxisError",
        numpy="raises numpy.exceptions.AxisError, a ValueError and an IndexError",
        jax="raises IndexError: index N is out of bounds for axis 0 with size R (`except ValueError` "
            "does not catch it)",
        why="jnp.swapaxes indexes a list of the axes with the given axis, and Python's list raises",
        source="observed by this suite, undocumented upstream",
        condition="swapaxes with axis1 or axis2 outside -ndim..ndim-1",
        kinds=("error-kind",),
        trigger=_swap_out_of_range,
        outputs=raises("IndexError", r"is out of bounds for axis 0 with size"),
    ),
    KnownDivergence(
        id="MANIP-REPEAT-UINT64-COUNTS",
        area="manipulation",
        title="repeat takes uint64 counts, which NumPy refuses",
        numpy="raises TypeError: Cannot cast array data from dtype('uint64') to dtype('int64') according "
              "to the rule 'safe' (the counts are cast to intp)",
        jax="repeats each element by its uint64 count: jnp.repeat(a, a) of uint64 [2, 3] is [2, 2, 3, 3, 3]",
        why="jnp.repeat reads the counts as an integer array of any integer dtype (measured with jax 0.10.2)",
        source="observed by this suite, undocumented upstream (" + _LAX_NUMPY + ": repeat)",
        condition="repeat with an array of uint64 counts (x64 on)",
        kinds=("error-parity",),
        trigger=_uint64_counts,
        outputs=_repeated_by_uint64_counts,
    ),
    KnownDivergence(
        id="MANIP-TRIANGLE-OF-1D-REFUSED",
        area="manipulation",
        title="tril and triu refuse an array of fewer than two dimensions",
        numpy="np.tril and np.triu of a 1-d array of n return an n x n matrix (each row a copy, masked)",
        jax="raises ValueError: Argument to jax.numpy.tril must be at least 2D",
        why="JAX documents m.ndim >= 2 and does not broadcast a vector into a matrix",
        source=_DOCS.format("tril") + " (m: input array. Must have m.ndim >= 2); " + _DOCS.format("triu"),
        condition="tril or triu of a 1-d array",
        kinds=("error-parity",),
        trigger=_one_dimensional,
        outputs=raises("ValueError", r"must be at least 2D"),
    ),
    KnownDivergence(
        id="MANIP-DATA-DEPENDENT-SHAPE-UNDER-JIT",
        area="manipulation",
        title="trim_zeros, nonzero, flatnonzero, argwhere, unique, the set functions and extract under "
              "jit raise a ConcretizationTypeError",
        numpy="returns the trimmed array, whose length depends on the values",
        jax="raises jax.errors.ConcretizationTypeError (a TypeError): Abstract tracer value encountered "
            "where concrete value is expected; folded (the array a constant of the jitted function), "
            "trim_zeros raises TracerBoolConversionError: Attempted boolean conversion of traced array",
        why="the result's shape depends on the values, and a traced array has no values; jnp.trim_zeros "
            "asks for a concrete array (core.concrete_or_error)",
        source=_LAX_NUMPY + " (trim_zeros: core.concrete_or_error); "
               "https://docs.jax.dev/en/latest/errors.html#jax.errors.ConcretizationTypeError",
        condition="a row whose result shape depends on the values (trim_zeros, nonzero, unique, ...), under "
                  "jit, without size=",
        kinds=("error-parity",),
        trigger=_traced_shape,
        outputs=_concretization_error,
    ),
    KnownDivergence(
        id="MANIP-TRIM-ZEROS-LIKE-JNP-ANY",
        area="manipulation",
        title="trim_zeros trims complex values whose real part is zero, and float32/float64 subnormals "
              "(bfloat16 too from jax 0.12)",
        numpy="an element is zero only when it equals zero: trim_zeros([3j]) is [3j], and a subnormal "
              "is kept",
        jax="an element counts as zero when jnp.any reads it as false: a complex one whose real part is "
            "zero (jnp.trim_zeros(jnp.array([3j])) is empty), a float32 or float64 subnormal (flushed; "
            "jax 0.12 flushes a bfloat16 one too, measured on 0.12.0.1)",
        why="jnp.trim_zeros finds the nonzero positions with x.any(axis=[...]), and jnp.any of a complex "
            "array reads the real part only (jnp.any(jnp.array([1j])) is False, where astype(bool) is "
            "True); its comparison with zero flushes subnormals",
        source="observed by this suite, undocumented upstream (" + _LAX_NUMPY + ": trim_zeros, _get_slice)",
        condition="trim_zeros of an array holding a complex value with a zero real part and a nonzero "
                  "imaginary part, or a float32/float64 (or complex) subnormal",
        kinds=("shape", "values"),
        trigger=_trimmed_like_jnp_any,
        outputs=_trimmed_by_jnp_any,
    ),
    KnownDivergence(
        id="MANIP-JOIN-MISMATCHED-SHAPES-TYPEERROR",
        area="manipulation",
        title="concatenate, hstack, vstack and the other joins raise TypeError for pieces whose shapes do "
              "not fit",
        numpy="raises ValueError: all the input arrays must have same number of dimensions (or: all the "
              "input array dimensions except for the concatenation axis must match exactly)",
        jax="raises TypeError from lax: Cannot concatenate arrays with different numbers of dimensions (or: "
            "with shapes that differ in dimensions other than the one being concatenated)",
        why="jnp.concatenate hands the pieces to lax.concatenate, whose shape rule checks them and raises "
            "TypeError (lax's error for a bad static argument)",
        source="observed by this suite, undocumented upstream",
        condition="a joining row (concatenate, stack, hstack, ...) whose pieces NumPy refuses for their "
                  "ranks or their sides off the joining axis",
        kinds=("error-kind",),
        trigger=_numpy_refused_joining,
        outputs=raises("TypeError", r"Cannot concatenate arrays with"),
    ),
    KnownDivergence(
        id="MANIP-SPLIT-UNORDERED-INDICES-VALUEERROR",
        area="manipulation",
        title="split and array_split refuse indices that decrease (before jax 0.12: or pass the axis's "
              "length, or are negative)",
        numpy="slices between consecutive indices as Python slices do: split(arange(4), [5]) is [0 1 2 3] "
              "and [], array_split(arange(4), [3, 1]) [0 1 2], [] and [1 2 3]",
        jax="raises ValueError: Sizes passed to split must be nonnegative, got [...]",
        why="jnp's split turns the indices into the sizes of the pieces (their differences, the axis's "
            "length last) and lax.split refuses a negative size",
        source=_LAX_NUMPY + " (_split: sizes = np.diff(split_indices); lax.split; from jax 0.12 the indices "
               "are resolved and clipped to [0, size] first); observed by this suite, undocumented upstream",
        condition="split, array_split, hsplit, vsplit or dsplit with a list of indices that is not "
                  "nondecreasing within the axis's length (jax 0.12: once resolved from the end and "
                  "clipped into it)",
        kinds=("error-parity",),
        trigger=_split_with_negative_sizes,
        outputs=raises("ValueError", r"Sizes passed to split must be nonnegative"),
    ),
    KnownDivergence(
        id="MANIP-VSPLIT-OF-VECTOR-SPLITS-IT",
        area="manipulation",
        title="vsplit of a 1-d array splits it along its only axis",
        numpy="raises ValueError: vsplit only works on arrays of 2 or more dimensions",
        jax="splits along axis 0, as split(ary, indices_or_sections, axis=0) does (with its errors)",
        why="jnp.vsplit is _split(..., axis=0) without NumPy's check of the rank",
        source=_LAX_NUMPY + " (vsplit: return _split(\"vsplit\", ary, indices_or_sections, axis=0)); "
               "observed by this suite, undocumented upstream",
        condition="vsplit of a 1-d array",
        kinds=("error-parity",),
        trigger=_vsplit_of_vector,
        outputs=_split_of_vector,
    ),
    KnownDivergence(
        id="MANIP-SPLIT-TOO-FEW-DIMENSIONS-INDEXERROR",
        area="manipulation",
        title="dsplit of an array of fewer than 3 dimensions (hsplit of a 0-d one) raises IndexError",
        numpy="raises ValueError: dsplit only works on arrays of 3 or more dimensions",
        jax="raises IndexError: tuple index out of range",
        why="jnp's split reads ary.shape[axis] for axis 2 (hsplit: 1) without checking the rank",
        source=_LAX_NUMPY + " (_split: size = ary.shape[axis]); observed by this suite, undocumented "
               "upstream",
        condition="dsplit of an array of fewer than 3 dimensions, hsplit of a 0-d array",
        kinds=("error-kind",),
        trigger=_too_few_dimensions_to_split,
        outputs=raises("IndexError", r"tuple index out of range"),
    ),
    KnownDivergence(
        id="MANIP-DELETE-INSERT-LIST-TYPEERROR",
        area="manipulation",
        title="delete and insert refuse a list of indices",
        numpy="takes the list as an index array: np.delete(arange(4), [0, 2]) is [1 3] (an index out of "
              "range raises IndexError)",
        jax="raises TypeError: delete requires ndarray or scalar arguments, got <class 'list'> at position 1 "
            "(insert: the same)",
        why="jax.numpy refuses lists where NumPy takes an array, so that a user does not pay for the "
            "conversion of a long list unawares; obj goes through the same check as any array argument",
        source="https://github.com/jax-ml/jax/issues/365 (\"We've chosen to instead ban list arguments\"); "
               "https://github.com/jax-ml/jax/pull/7662 (part of #7737: disallowing list inputs)",
        condition="insert with obj a Python list, delete with one along a valid axis",
        kinds=("error-parity", "error-kind"),
        trigger=_index_list,
        outputs=raises("TypeError", r"requires ndarray or scalar arguments"),
    ),
    KnownDivergence(
        id="MANIP-DELETE-INDEX-OUT-OF-RANGE-VALUEERROR",
        area="manipulation",
        title="delete of an int index out of range raises ValueError",
        numpy="raises IndexError: index 5 is out of bounds for axis 0 with size 3",
        jax="raises ValueError: axis 5 is out of bounds for array of dimension 3",
        why="jnp.delete checks a static int index with _canonicalize_axis, the helper that checks axes "
            "(hence its message)",
        source=_LAX_NUMPY + " (delete: obj = _canonicalize_axis(obj, a.shape[axis])); observed by this "
               "suite, undocumented upstream",
        condition="delete with an int obj outside -n..n-1, n the length along the (valid) axis",
        kinds=("error-kind",),
        trigger=_index_out_of_range("deletes"),
        outputs=raises("ValueError", r"is out of bounds for array of dimension"),
    ),
    KnownDivergence(
        id="MANIP-INSERT-INDEX-CLIPPED",
        area="manipulation",
        title="insert at an int index out of range clips it",
        numpy="raises IndexError: index 5 is out of bounds for axis 0 with size 3",
        jax="inserts at the index clipped into 0..n (a negative one plus n first): "
            "jnp.insert(arange(3), 5, 9) is [0 1 2 9], jnp.insert(arange(3), -5, 9) [9 0 1 2]",
        why="jnp.insert computes the positions with where(indices < 0, indices + n, indices) and "
            "clip(indices, 0, n), as JAX's indexing clamps out-of-bounds indices",
        source=_LAX_NUMPY + " (insert: indices = clip(indices, 0, n_input)); "
               "https://docs.jax.dev/en/latest/notebooks/Common_Gotchas_in_JAX.html#out-of-bounds-indexing",
        condition="insert with an int obj outside -n..n, n the length along the (valid) axis",
        kinds=("error-parity",),
        trigger=_index_out_of_range("inserts"),
        outputs=_inserted_at_clipped_index,
    ),
    KnownDivergence(
        id="MANIP-MESHGRID-REFUSES-NOT-1D",
        area="manipulation",
        title="meshgrid refuses an argument that is not a vector",
        numpy="flattens each argument: np.meshgrid(x, m) with m of shape (2, 3) is a grid of len(x) and 6",
        jax="raises ValueError: Arguments to jax.numpy.meshgrid must be 1D, got shapes [...]",
        why="jnp.meshgrid checks that every argument is 1-d and does not ravel it",
        source=_DOCS.format("meshgrid") + " (Construct N-dimensional grid arrays from N 1-dimensional "
               "vectors); " + _LAX_NUMPY + " (meshgrid: if any(len(a.shape) != 1 for a in args))",
        condition="meshgrid with an argument of another rank than 1",
        kinds=("error-parity",),
        trigger=_grid_of_not_vectors,
        outputs=raises("ValueError", r"Arguments to jax.numpy.meshgrid must be 1D"),
    ),
    KnownDivergence(
        id="MANIP-PAD-STATISTIC-OF-EMPTY",
        area="manipulation",
        title="pad of a zero-size array in mode maximum, minimum or linear_ramp raises",
        numpy="pads with any width 0 along the empty axes (the array as it is, padded along the others), "
              "and raises ValueError: can't extend empty axis 0 using modes other than 'constant' or 'empty' "
              "for a width along one",
        jax="maximum and minimum raise ValueError: zero-size array to reduction operation max which has no "
            "identity; linear_ramp TypeError: slice limit_indices must be less than or equal to operand "
            "shape, whatever the widths",
        why="jnp.pad computes each mode's statistic along every axis, widths or not (max, min, a slice "
            "of the edge)",
        source=_LAX_NUMPY + " (_pad_stats, _pad_linear_ramp); observed by this suite, undocumented upstream",
        condition="pad of an array with a zero-length axis in mode maximum, minimum or linear_ramp",
        kinds=("error-parity", "error-kind"),
        trigger=_padded_empty,
        outputs=_padded_empty_by_jnp,
    ),
    KnownDivergence(
        id="MANIP-IX-BOOL-NOT-IMPLEMENTED",
        area="manipulation",
        title="ix_ refuses bool vectors",
        numpy="takes a bool vector as the positions of its True elements (its nonzero())",
        jax="raises NotImplementedError: Boolean arguments to jax.numpy.ix_ are not implemented",
        why="the positions of the True elements are a shape that depends on the values, which jit cannot "
            "trace; jnp.ix_ refuses them everywhere",
        source=_DOCS.format("ix_") + "; " + _LAX_NUMPY + " (ix_: Boolean arguments to jax.numpy.ix_ are "
               "not implemented)",
        condition="ix_ with a bool vector before any argument that is not a vector",
        kinds=("error-parity", "error-kind"),
        trigger=_open_mesh_of_bool,
        outputs=raises("NotImplementedError", r"Boolean arguments to jax.numpy.ix_ are not implemented"),
    ),
    KnownDivergence(
        id="MANIP-IX-EMPTY-AS-INT",
        area="manipulation",
        title="ix_ turns an empty vector of any dtype into the default integer dtype",
        numpy="keeps an empty array's dtype (only an empty list or tuple becomes intp): np.ix_(np.zeros(0)) "
              "is float64",
        jax="an empty vector becomes an empty array of the default integer dtype (int32; int64 with x64 on)",
        why="jnp.ix_ casts every empty argument to the default integer dtype, as NumPy does for an empty "
            "sequence",
        source=_LAX_NUMPY + " (ix_: if a.size == 0: # Numpy uses an integer index type for empty arrays. "
               "lax.full(shape, np.zeros((), np.intp))); observed by this suite, undocumented upstream",
        condition="ix_ with an empty vector of another dtype than the default integer one (no bool vector)",
        kinds=("dtype",),
        trigger=_open_mesh_of_empty,
        outputs=_open_mesh_with_int_empties,
    ),
)

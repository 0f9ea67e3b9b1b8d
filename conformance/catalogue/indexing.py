"""Known divergences in indexing: out-of-bounds reads, indices beyond 32 bits, take modes, list and
non-integer indices, boolean masks under jit.

The models of out-of-bounds reads are the gather rules of `conformance.cases.indexing` (the same rule
NumPy reads for the JAX-only modes), with JAX's 32-bit index conversion where JAX does it.
"""

from __future__ import annotations

import numpy as np

from conformance.cases.indexing import (
    GETITEM_RULE,
    GatherCase,
    index_axes,
    numpy_rule,
    positions,
    read,
    too_many_indices,
)
from conformance.catalogue import KnownDivergence
from conformance.catalogue.models import canonical_dtype, map_array_args, raises
from conformance.environment import x64_enabled
from conformance.example import Example
from conformance.outcome import Outcome, Value, capture

AREA = "indexing"
GATHER_DOCS = "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.ndarray.at.html"
SHARP_BITS = "https://docs.jax.dev/en/latest/notebooks/Common_Gotchas_in_JAX.html#out-of-bounds-indexing"
TAKE_DOCS = "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.take.html"


def _integer_parts(example: Example) -> list[tuple[np.ndarray, int]]:
    """(index values, size of the axis they index) for every integer index in a gather example."""
    case, args = example.case, example.args
    if not isinstance(case, GatherCase):
        return []
    x = np.asarray(args[0])
    if len(args) < 2 or ("take" in case.tags or "take_along_axis" in case.tags) and (
            len(args) < 3 or args[2] is not None and not -x.ndim <= args[2] < x.ndim):
        return []  # an example rewritten by another entry, or an axis the operation itself refuses
    if "take" in case.tags or "take_along_axis" in case.tags:
        if args[2] is None:
            return [(args[1], x.size)]
        return [(args[1], x.shape[args[2]])] if x.ndim else []
    return [(part, x.shape[axis]) for part, axis in index_axes(x.shape, args[1])
            if axis is not None and _is_integer(part)]


def _is_integer(part) -> bool:
    if isinstance(part, bool | np.bool_):
        return False
    return isinstance(part, int | np.integer) or (
        isinstance(part, np.ndarray) and part.dtype.kind in "iu")


def _outside(example: Example) -> bool:
    """Some index entry is outside [-n, n), where NumPy raises."""
    return any(np.any((np.asarray(v).astype(object) < -n) | (np.asarray(v).astype(object) >= n))
               for v, n in _integer_parts(example))


def _wraps(example: Example) -> bool:
    """JAX's conversion to a 32-bit index changes the position some entry reads."""
    rule = example.case.rule if isinstance(example.case, GatherCase) else None
    if rule is None:
        return False
    for v, n in _integer_parts(example):
        if np.size(v) == 0:
            continue
        jax_p, jax_out = positions(v, n, rule)
        np_p, np_out = positions(v, n, numpy_rule(rule))
        if np.any(jax_p != np_p) or np.any(jax_out != np_out):
            return True
    return False


def _emulated(example: Example, _outcome: Outcome) -> Outcome:
    """What JAX documents: the case's gather rule, read by NumPy."""
    case = example.case
    return capture(lambda: case.emulate(example.args, case.rule))


def _empty_axis_parts(example: Example) -> list:
    """Non-empty integer parts on an axis of size 0, in an index that does not index too many axes."""
    if "take" not in example.case.tags and "take_along_axis" not in example.case.tags and len(
            example.args) > 1 and too_many_indices(np.shape(example.args[0]), example.args[1]):
        return []
    return [v for v, n in _integer_parts(example) if n == 0 and np.size(v) > 0]


def _empty_axis_error(example: Example, _outcome: Outcome) -> Outcome:
    """Scalar indices are refused by jax.numpy (IndexError), even where the result is empty; an empty
    result of index arrays is returned, otherwise they are refused by XLA's gather (TypeError)."""
    x = np.asarray(example.args[0])
    indexed = {axis for part, axis in index_axes(x.shape, example.args[1]) if axis is not None
               and _is_integer(part)}
    padded = np.zeros(tuple(max(n, 1) if a in indexed else n for a, n in enumerate(x.shape)), x.dtype)
    shaped = capture(lambda: read(padded, example.args[1], GETITEM_RULE))  # the shape JAX would give
    scalar = all(np.ndim(v) == 0 for v, _ in _integer_parts(example))  # checked by jnp, empty or not
    if not scalar and not shaped.raised and shaped.values[0].array.size == 0:
        return shaped  # an empty result reads nothing: JAX returns it, in every mode
    kind = "IndexError" if scalar else "TypeError"
    pattern = (r"index is out of bounds for axis \d+ with size 0" if kind == "IndexError"
               else r"Slice size at index \d+ in gather op is out of range")
    return raises(kind, pattern)(example, _outcome)


def _along_empty_axis(example: Example) -> bool:
    return "take_along_axis" in example.case.tags and any(
        n == 0 and np.size(v) > 0 for v, n in _integer_parts(example))


def _unsigned_beyond_intp(example: Example) -> bool:
    """take or take_along_axis (not .at[].get) with an unsigned index entry of 2**63 or more that NumPy
    accepted: its conversion to intp wrapped the entry to a negative position."""
    tags = example.case.tags
    if not {"take", "take_along_axis"} & tags or "at-get" in tags or example.numpy.raised:
        return False
    return any(isinstance(v, np.ndarray | np.generic) and np.asarray(v).dtype.kind == "u"
               and np.any(np.asarray(v).astype(object) >= 2**63) for v, _ in _integer_parts(example))


def _emulated_as_jax_holds_it(example: Example, outcome: Outcome) -> Outcome:
    """`_emulated` on the arrays JAX holds: with x64 off, a uint64 index is uint32 first."""
    args = example.args if x64_enabled() else map_array_args(
        example, lambda a: a.astype(canonical_dtype(a.dtype)))
    return capture(lambda: example.case.emulate(args, example.case.rule))


def _zeros_of_result_shape(example: Example, _outcome: Outcome) -> Outcome:
    x, idx, axis = (np.asarray(a) if i < 2 else a for i, a in enumerate(example.args))
    shape = list(x.shape)
    shape[axis] = 1
    return Outcome((Value(np.zeros(np.broadcast_shapes(idx.shape, tuple(shape)), x.dtype)),))


def _take_from_empty_axis(example: Example, outcome: Outcome) -> Outcome:
    x, idx, axis = example.args
    if np.size(idx) > 0:
        refused = raises("IndexError", r"Cannot do a non-empty jnp\.take\(\) from an empty axis")
        return refused(example, outcome)
    x = np.asarray(x)
    return Outcome((Value(x.ravel() if axis is None else x),))


def _index(example: Example):
    return example.args[1] if "getitem" in example.case.tags else None


def _parts(index) -> tuple:
    return index if isinstance(index, tuple) else (index,)


def _has_list(example: Example) -> bool:
    return isinstance(_index(example), list)


def _has_non_integer(example: Example) -> bool:
    def bad(part) -> bool:
        if isinstance(part, float | str):
            return True
        if isinstance(part, slice):
            return any(isinstance(b, float) for b in (part.start, part.stop, part.step))
        return isinstance(part, np.ndarray) and part.dtype.kind in "fc"
    # what the title says: where NumPy raises IndexError (a float slice bound is TypeError to both; too
    # many indices for x's rank is IndexError to both, JAX counting them first)
    error = example.numpy.error
    if error is None or error.kind() != "IndexError" or "too many indices" in error.message:
        return False
    return "getitem" in example.case.tags and any(bad(p) for p in _parts(_index(example)))


def _has_boolean_array(example: Example) -> bool:
    error = example.numpy.error
    if error is not None and "too many indices" in error.message:
        return False  # a mask of more dimensions than x: IndexError to both, counted first
    return "getitem" in example.case.tags and any(
        isinstance(p, np.ndarray | np.bool_) and np.asarray(p).dtype == bool for p in _parts(_index(example)))


def _lone_0d_index_into_1d(example: Example) -> bool:
    """x[v] for a 1-d x and a 0-d integer array v (bare or alone in a tuple) whose value the int32
    conversion would change."""
    if "getitem" not in example.case.tags or not isinstance(example.case, GatherCase):
        return False
    x, index = np.asarray(example.args[0]), _index(example)
    part = index[0] if isinstance(index, tuple) and len(index) == 1 else index
    return (x.ndim == 1 and isinstance(part, np.ndarray) and part.ndim == 0 and _is_integer(part)
            and _wraps(example))


def _read_without_wrapping(example: Example, _outcome: Outcome) -> Outcome:
    case = example.case
    return capture(lambda: case.emulate(example.args, numpy_rule(case.rule)))


_INT32 = (-(2**31), 2**31 - 1)


def _huge_step_with_array(example: Example) -> bool:
    """A slice step outside int32 in an index that also holds an array (any rank) or a list."""
    reads = "getitem" in example.case.tags or "at-get" in example.case.tags
    parts = _parts(example.args[1]) if reads and len(example.args) > 1 else ()
    huge = any(isinstance(p, slice) and isinstance(p.step, int | np.integer)
               and not _INT32[0] <= p.step <= _INT32[1] for p in parts)
    return huge and any(isinstance(p, np.ndarray | np.bool_ | list) for p in parts)


def _overflow_or_assertion(example: Example, outcome: Outcome) -> Outcome:
    """OverflowError while JAX converts the step to int32 (while Python converts it to a C long, beyond
    int64); a NumPy bool scalar trips an internal assert first (AssertionError, seen with jax 0.10.2)."""
    parts = _parts(example.args[1])
    arrays = any(isinstance(p, np.ndarray | list) for p in parts)
    if not arrays:
        return raises("AssertionError", r"^$")(example, outcome)
    beyond_int64 = any(isinstance(p, slice) and isinstance(p.step, int | np.integer)
                       and not -(2**63) <= p.step < 2**63 for p in parts)
    message = r"too large to convert to C long" if beyond_int64 else r"out of bounds for int32"
    return raises("OverflowError", message)(example, outcome)


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="IDX-HUGE-SLICE-STEP-WITH-ARRAY-OVERFLOWS",
        area=AREA,
        title="A slice step beyond int32 next to an index array raises OverflowError",
        numpy="reads the slice (a step larger than the axis selects its first element), or raises "
              "IndexError for another part of the index",
        jax="raises OverflowError ('Python integer ... out of bounds for int32', or 'Python int too "
            "large to convert to C long' beyond int64), in both x64 modes, "
            "eagerly and under jit, in x[idx] and x.at[idx]; a basic index with the same step works",
        why="with an advanced index JAX lowers the slice into the gather's indices, as int32 values",
        source="observed by this suite, undocumented upstream (jax/_src/numpy/indexing.py)",
        condition="x[idx], x.at[idx].get or an update, where idx holds a slice whose step is outside "
                  "the int32 range "
                  "and an index array, a list or a NumPy bool scalar",
        kinds=("error-parity", "error-kind"),
        trigger=_huge_step_with_array,
        outputs=_overflow_or_assertion,
    ),
    KnownDivergence(
        id="IDX-0D-INDEX-INTO-1D-NOT-WRAPPED",
        area=AREA,
        title="A 0-d index array into a 1-d array is clamped at its full value, not wrapped to int32",
        numpy="raises IndexError for a value outside [-n, n)",
        jax="reads the value as it is (no int32 conversion) and clamps it into [0, n - 1]: a uint32 "
            "2**31 reads the last element, where an index array of the same value, or the same 0-d "
            "index into a 2-d array, wraps to -2**31 and reads the first (IDX-INDEX-WRAPS-TO-INT32)",
        why="jax.numpy reads a single scalar index into a 1-d array with a dynamic slice, which clamps "
            "in the index's own dtype; other indices go through a gather on int32 indices",
        source="observed by this suite, undocumented upstream (jax/_src/numpy/indexing.py)",
        condition="x[v] with x 1-d and v a 0-d integer array beyond the int32 range (or unsigned >= 2**31)",
        kinds=("error-parity", "values"),
        trigger=_lone_0d_index_into_1d,
        outputs=_read_without_wrapping,
    ),
    KnownDivergence(
        id="IDX-OOB-GATHER-CLAMPS",
        area=AREA,
        title="Out-of-bounds integer indices are clamped, not refused",
        numpy="raises IndexError for an index outside [-n, n)",
        jax="clamps it into [0, n - 1] (after adding n to negative entries) and returns that element",
        why="XLA's gather cannot raise from compiled code; JAX clamps reads",
        source=SHARP_BITS,
        condition="x[idx] with an integer or index-array entry outside [-n, n) of its axis",
        kinds=("error-parity",),
        trigger=lambda example: "getitem" in example.case.tags and _outside(example)
        and not _wraps(example),
        outputs=_emulated,
    ),
    KnownDivergence(
        id="IDX-INDEX-WRAPS-TO-INT32",
        area=AREA,
        title="Index entries beyond the int32 range are read modulo 2**32",
        numpy="raises IndexError for any entry outside [-n, n), however large (clip and wrap modes use the "
              "full value)",
        jax="converts the index to int32 (for arrays whose axes fit int32, also with x64 on), keeping the "
            "low 32 bits: 2**32 + 1 reads position 1, and an unsigned 2**32 - 1 reads as -1, so it clamps "
            "to 0 in x[idx] and take(mode='clip'), and counts from the end in take_along_axis",
        why="jax.numpy gathers with the narrowest signed index type for the array's shape "
            "(index_dtype_for_axis_size) and converts index arrays to it before bounds handling",
        source="observed by this suite, undocumented upstream (jax/_src/numpy/indexing.py)",
        condition="an index entry whose value changes when converted to int32 (e.g. uint32 >= 2**31, "
                  "uint64/int64 beyond the int32 range)",
        kinds=("error-parity", "values"),
        trigger=_wraps,
        outputs=_emulated,
    ),
    KnownDivergence(
        id="IDX-TAKE-DEFAULT-FILL",
        area=AREA,
        title="take and take_along_axis default to mode='fill'",
        numpy="np.take defaults to mode='raise', np.take_along_axis always raises: IndexError out of bounds",
        jax="returns the fill value out of bounds: NaN for inexact dtypes, the minimum for signed and the "
            "maximum for unsigned integers, True for bool",
        why="compiled code cannot raise; JAX documents 'fill' as the default of take and take_along_axis",
        source=TAKE_DOCS,
        condition="take or take_along_axis without a mode, with an index entry outside [-n, n) of a "
                  "non-empty axis",
        kinds=("error-parity",),
        trigger=lambda example: "mode:None" in example.case.tags and isinstance(example.case, GatherCase)
        and "at-get" not in example.case.tags and _outside(example) and not _wraps(example)
        and not any(n == 0 for _, n in _integer_parts(example)),  # an empty axis: IDX-TAKE-EMPTY-AXIS
        outputs=_emulated,
    ),
    KnownDivergence(
        id="IDX-TAKE-UINT64-NOT-WRAPPED-TO-INTP",
        area=AREA,
        title="take reads an unsigned index of 2**63 or more as the large position it is",
        numpy="np.take and np.take_along_axis convert the index to intp (a same-kind cast), which wraps: "
              "uint64 2**64 - 1 reads as -1, the last element, in every mode",
        jax="keeps the unsigned value, out of bounds: the fill value by default, the last element with "
            "mode='clip' (JAX's gather rule, as for any out-of-bounds entry)",
        why="jax.numpy reads the index's value before any conversion to a signed index type",
        source="observed by this suite, undocumented upstream (NumPy's side: the intp cast of "
               "PyArray_TakeFrom, numpy/_core/src/multiarray/item_selection.c)",
        condition="take or take_along_axis with a uint64 index entry of 2**63 or more (with x64 off, "
                  "JAX reads the index as uint32 first)",
        kinds=("values",),
        trigger=_unsigned_beyond_intp,
        outputs=_emulated_as_jax_holds_it,
    ),
    KnownDivergence(
        id="IDX-TAKE-RAISE-UNSUPPORTED",
        area=AREA,
        title="take(mode='raise') is not supported",
        numpy="raises IndexError out of bounds, returns the elements otherwise",
        jax="raises NotImplementedError for every input",
        why="compiled code cannot raise on a data-dependent condition",
        source=TAKE_DOCS,
        condition="jnp.take with mode='raise'",
        kinds=("error-parity", "error-kind"),
        trigger=lambda example: "take" in example.case.tags and "mode:raise" in example.case.tags,
        outputs=raises("NotImplementedError", r"The 'raise' mode to jnp\.take is not supported"),
    ),
    KnownDivergence(
        id="IDX-TAKE-EMPTY-AXIS",
        area=AREA,
        title="take from an empty axis raises in every mode",
        numpy="clip and wrap modes return an empty result when the result is empty anyway",
        jax="raises IndexError ('Cannot do a non-empty jnp.take() from an empty axis'), also in fill mode; "
            "with an empty index it returns the array itself (flattened for axis=None), not an "
            "index-shaped result",
        why="there is no element to clamp to or wrap around; JAX refuses before looking at the mode",
        source="observed by this suite, undocumented upstream",
        condition="jnp.take on an axis of size 0",
        kinds=("error-parity", "shape"),
        trigger=lambda example: "take" in example.case.tags
        and any(n == 0 for _, n in _integer_parts(example)),
        outputs=_take_from_empty_axis,
    ),
    KnownDivergence(
        id="IDX-GATHER-EMPTY-AXIS",
        area=AREA,
        title="An integer index into an axis of size 0 raises, whatever the mode",
        numpy="raises IndexError in x[idx]; NumPy's reading of fill mode returns the fill value",
        jax="returns an empty result when there is nothing to read; otherwise raises IndexError for a 0-d "
            "index and TypeError ('Slice size ... in gather op is out of "
            "range') for an index array, also in .at[].get(mode='fill')",
        why="there is no element to clamp to; jax.numpy refuses scalar indices, XLA's gather the rest",
        source="observed by this suite, undocumented upstream",
        condition="x[idx] or x.at[idx].get with a non-empty integer index on an axis of size 0",
        kinds=("error-parity", "error-kind"),
        trigger=lambda example: ("getitem" in example.case.tags or "at-get" in example.case.tags)
        and bool(_empty_axis_parts(example)),
        outputs=_empty_axis_error,
    ),
    KnownDivergence(
        id="IDX-TAKE-ALONG-EMPTY-AXIS-ZEROS",
        area=AREA,
        title="take_along_axis on an axis of size 0 returns zeros",
        numpy="raises IndexError for a non-empty index (the fill mode, read by NumPy, gives fill values)",
        jax="returns zeros of the result's shape, in every mode",
        why="jax.numpy special-cases an empty axis with lax.full(out_shape, 0)",
        source="observed by this suite, undocumented upstream (jax/_src/numpy/indexing.py)",
        condition="take_along_axis with a non-empty index on an axis of size 0",
        kinds=("error-parity", "values"),
        trigger=_along_empty_axis,
        outputs=_zeros_of_result_shape,
    ),
    KnownDivergence(
        id="IDX-LIST-INDEX-REFUSED",
        area=AREA,
        title="A Python list as the whole index is refused",
        numpy="reads a list as an index array (a list of bools as a mask)",
        jax="raises TypeError ('Using a non-tuple sequence for multidimensional indexing is not "
            "allowed'); a tuple of lists works",
        why="ambiguous between a tuple and an array index in old NumPy; JAX asks for arr[array(seq)]",
        source="https://github.com/jax-ml/jax/issues/4564",
        condition="x[idx] where idx is a list",
        kinds=("error-parity", "error-kind"),
        trigger=_has_list,
        outputs=raises("TypeError", r"Using a non-tuple sequence for multidimensional indexing"),
    ),
    KnownDivergence(
        id="IDX-NON-INTEGER-INDEX-TYPEERROR",
        area=AREA,
        title="A float or string index raises TypeError, not IndexError",
        numpy="raises IndexError ('only integers, slices ... are valid indices'); TypeError for a float "
              "slice bound",
        jax="raises TypeError ('Indexer must have integer or boolean type', 'JAX does not support string "
            "indexing')",
        why="JAX checks the index's type before anything else",
        source="observed by this suite, undocumented upstream",
        condition="x[idx] with a float, string, float array or float slice bound in idx",
        kinds=("error-kind",),
        trigger=_has_non_integer,
        outputs=raises("TypeError",
                       r"Indexer must have integer or boolean type|JAX does not support string indexing"),
    ),
    KnownDivergence(
        id="IDX-BOOLEAN-MASK-UNDER-JIT",
        area=AREA,
        title="A traced boolean mask cannot index under jit",
        numpy="returns the selected elements (a shape that depends on the mask's values)",
        jax="raises NonConcreteBooleanIndexError (an IndexError): output shapes must be static",
        why="under jit the mask is traced, so the number of selected elements is unknown when compiling",
        source="https://docs.jax.dev/en/latest/errors.html#jax.errors.NonConcreteBooleanIndexError",
        condition="x[idx] under jit where idx holds a boolean array (np.bool_ included)",
        kinds=("error-parity", "error-kind"),  # also where NumPy refuses for another reason
        trigger=_has_boolean_array,
        outputs=raises("IndexError", r"Array boolean indices must be concrete"),
        modes=("jit",),
    ),
)

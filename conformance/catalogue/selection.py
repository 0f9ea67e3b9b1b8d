"""Known divergences of the selection rows (`conformance/registry/selection.py`): JAX's refusals of
in-place updates (fill_diagonal and put_along_axis need inplace=False; fill_diagonal has no wrap=True),
choose's index rules (mode='raise' needs concrete indices; bool indices refused) and put_along_axis's
out-of-bounds indices (dropped, as every `.at[].set`). compress shares extract's entries (tag
extract-size, catalogue/reductions.py and manipulation.py)."""

from __future__ import annotations

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.manipulation import option
from conformance.catalogue.models import raises
from conformance.example import Example
from conformance.outcome import Outcome, Raised, Value

_LAX_NUMPY = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/lax_numpy.py"
_DOCS = "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.{}.html"


def _inplace(tag: str):
    def trigger(example: Example) -> bool:
        return tag in example.case.tags and option(example, "inplace") is True
    trigger.__doc__ = f"a row tagged {tag} called with inplace=True"
    return trigger


def _wrapped_diagonal(example: Example) -> bool:
    return ("fills-diagonal" in example.case.tags and option(example, "wrap") is True
            and option(example, "inplace") is False)


def _choose_raise_traced(example: Example) -> bool:
    return "chooses" in example.case.tags and example.mode != "eager" and option(example, "mode") == "raise"


def _put_along_axis_out_of_range(example: Example) -> bool:
    axis, ndim = option(example, "axis"), np.ndim(example.args[0])
    return ("puts-along-axis" in example.case.tags and option(example, "inplace") is False
            and axis is not None and not -ndim <= axis < ndim)


def _put_along_axis_index_beyond(example: Example) -> bool:
    error = example.numpy.error
    return ("puts-along-axis" in example.case.tags and option(example, "inplace") is False
            and error is not None and error.type == "IndexError" and "is out of bounds" in error.message)


def _out_of_bounds_dropped(example: Example, outcome: Outcome) -> Outcome:
    """The array with the updates at valid indices only (the indices have the array's shape)."""
    arr, indices = np.array(example.args[0], copy=True), np.asarray(option(example, "indices"))
    axis = option(example, "axis")
    side = arr.shape[axis]
    valid = (indices >= -side) & (indices < side)
    positions = list(np.indices(indices.shape))
    positions[axis] = indices
    values = np.broadcast_to(np.asarray(option(example, "values")), indices.shape)
    arr[tuple(p[valid] for p in positions)] = values[valid]
    return Outcome((Value(arr),))


def _choose_of_uint64(example: Example) -> bool:
    return ("chooses" in example.case.tags and np.asarray(example.args[0]).dtype == np.uint64
            and example.numpy.raised and not _choose_raise_traced(example))


def _chosen_by_unsigned_indices(example: Example, outcome: Outcome) -> Outcome:
    """np.choose of the uint64 indices placed by the mode in unsigned arithmetic, as int64."""
    a, choices, mode = np.asarray(example.args[0]), option(example, "choices"), option(example, "mode")
    count = np.uint64(len(choices))
    if mode == "raise" and bool(np.any(a >= count)):
        return Outcome(error=Raised("ValueError", "invalid entry in choice array", ("ValueError",)))
    index = a % count if mode == "wrap" else np.minimum(a, count - np.uint64(1))
    return Outcome((Value(np.choose(index.astype(np.int64), choices)),))


def _choose_of_bools(example: Example) -> bool:
    return "chooses" in example.case.tags and np.asarray(example.args[0]).dtype == np.bool_


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="SELECT-FILL-DIAGONAL-NEEDS-INPLACE-FALSE",
        area="selection",
        title="fill_diagonal refuses inplace=True, its default",
        numpy="np.fill_diagonal fills the array in place (returns None; this suite's reference fills a "
              "copy and returns it)",
        jax="raises NotImplementedError: JAX arrays are immutable, must use inplace=False (before any "
            "other check); with inplace=False, returns the filled copy",
        why="JAX arrays are immutable: jnp.fill_diagonal keeps NumPy's signature but only returns a copy",
        source=_DOCS.format("fill_diagonal") + " (\"inplace: must be set to False to indicate that the "
               "input is not modified in-place, but rather a modified copy is returned\")",
        condition="fill_diagonal with inplace=True",
        kinds=("error-parity", "error-kind"),
        trigger=_inplace("fills-diagonal"),
        outputs=raises("NotImplementedError", r"JAX arrays are immutable, must use inplace=False"),
    ),
    KnownDivergence(
        id="SELECT-FILL-DIAGONAL-WRAP-REFUSED",
        area="selection",
        title="fill_diagonal refuses wrap=True",
        numpy="with wrap=True, a tall 2-d array's diagonal restarts after a blank row (every N+1 rows)",
        jax="raises NotImplementedError: wrap=True is not implemented, must use wrap=False (before any "
            "other check but inplace's)",
        why="jnp.fill_diagonal implements only the diagonal of the leading square",
        source=_DOCS.format("fill_diagonal") + " (\"wrap: Not implemented by JAX. Only the default value "
               "of False is supported\"); " + _LAX_NUMPY + ": fill_diagonal",
        condition="fill_diagonal with wrap=True and inplace=False",
        kinds=("error-parity", "error-kind"),
        trigger=_wrapped_diagonal,
        outputs=raises("NotImplementedError", r"wrap=True is not implemented, must use wrap=False"),
    ),
    KnownDivergence(
        id="SELECT-PUT-ALONG-AXIS-NEEDS-INPLACE-FALSE",
        area="selection",
        title="put_along_axis refuses inplace=True, its default",
        numpy="np.put_along_axis updates the array in place (returns None; this suite's reference "
              "updates a copy and returns it)",
        jax="raises ValueError: jax.numpy.put_along_axis cannot modify arrays in-place (before any other "
            "check); with inplace=False, returns the updated copy",
        why="JAX arrays are immutable: jnp.put_along_axis keeps NumPy's signature but only returns a copy",
        source=_DOCS.format("put_along_axis") + " (\"inplace: must be set to False to indicate that the "
               "input is not modified in-place, but rather a modified copy is returned\")",
        condition="put_along_axis with inplace=True",
        kinds=("error-parity", "error-kind"),
        trigger=_inplace("puts-along-axis"),
        outputs=raises("ValueError", r"put_along_axis cannot modify arrays in-place"),
    ),
    KnownDivergence(
        id="SELECT-PUT-ALONG-AXIS-AXIS-ASSERTIONERROR",
        area="selection",
        title="put_along_axis with an axis out of range fails an assert",
        numpy="raises numpy.exceptions.AxisError (a ValueError and an IndexError)",
        jax="raises AssertionError (its message the pair (axis, ndim)): neither `except ValueError` nor "
            "`except IndexError` catches it, and under python -O the check is gone",
        why="jnp.put_along_axis builds its index with _make_along_axis_idx (negative axes shifted by ndim "
            "once), whose jax._src.util.tuple_update checks the position with an assert",
        source="observed by this suite, undocumented upstream "
               "(https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/indexing.py: put_along_axis)",
        condition="put_along_axis (inplace=False) with an axis outside -ndim..ndim-1",
        kinds=("error-kind",),
        trigger=_put_along_axis_out_of_range,
        outputs=raises("AssertionError", r"^\(-?\d+, \d+\)$"),
    ),
    KnownDivergence(
        id="SELECT-PUT-ALONG-AXIS-OUT-OF-BOUNDS-DROPPED",
        area="selection",
        title="put_along_axis drops updates at out-of-bounds indices",
        numpy="raises IndexError: index ... is out of bounds for axis ... with size ...",
        jax="returns the array updated at the valid indices only (an update at an index beyond the "
            "axis is dropped)",
        why="jnp.put_along_axis is arr.at[idx].set(values, mode=mode), whose default for a scatter drops "
            "out-of-bounds updates",
        source=_DOCS.format("put_along_axis") + " (\"mode: Out-of-bounds indexing mode. For more "
               "discussion of mode options, see jax.numpy.ndarray.at\"); "
               "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.ndarray.at.html (\"out-of-bounds "
               "indices in set(), add(), etc. will be dropped\")",
        condition="put_along_axis (inplace=False) with an index beyond the axis",
        kinds=("error-parity",),
        trigger=_put_along_axis_index_beyond,
        outputs=_out_of_bounds_dropped,
    ),
    KnownDivergence(
        id="SELECT-CHOOSE-RAISE-NEEDS-CONCRETE-INDICES",
        area="selection",
        title="choose with mode='raise' (its default) refuses traced indices",
        numpy="checks every index against the number of choices (ValueError: invalid entry in choice "
              "array)",
        jax="under jit (and folded), raises ConcretizationTypeError (a TypeError): the error occurred "
            "because jnp.choose was jit-compiled with mode='raise' (even where every index is valid); "
            "eagerly, checks as NumPy does",
        why="the check needs the index values on the host, which a traced array does not have",
        source=_DOCS.format("choose") + " (\"mode: ... Note that the default mode of 'raise' is not "
               "compatible with JAX transformations\")",
        condition="choose with mode='raise' under jit or folded",
        kinds=("error-parity", "error-kind"),
        trigger=_choose_raise_traced,
        outputs=raises("TypeError", r"Abstract tracer value encountered where concrete value is expected"),
    ),
    KnownDivergence(
        id="SELECT-CHOOSE-UINT64-INDICES-ACCEPTED",
        area="selection",
        title="choose accepts uint64 indices",
        numpy="raises TypeError: Cannot cast array data from dtype('uint64') to dtype('int64') according "
              "to the rule 'safe'",
        jax="reads them as they are: mode='wrap' takes them modulo the number of choices, 'clip' clips "
            "them to the last choice, 'raise' refuses one beyond the choices (ValueError: invalid entry "
            "in choice array)",
        why="jnp.choose checks only that the index array is of an integer dtype, and places the indices "
            "in the index array's own (unsigned) arithmetic",
        source="observed by this suite, undocumented upstream (" + _LAX_NUMPY + ": choose)",
        condition="choose of a uint64 index array (x64 on), eagerly, or with mode='wrap' or 'clip'",
        kinds=("error-parity", "error-kind"),
        trigger=_choose_of_uint64,
        outputs=_chosen_by_unsigned_indices,
    ),
    KnownDivergence(
        id="SELECT-CHOOSE-BOOL-INDICES-REFUSED",
        area="selection",
        title="choose refuses a bool index array",
        numpy="reads False and True as the indices 0 and 1",
        jax="raises ValueError: `a` array must be integer typed",
        why="jnp.choose checks that the index array's dtype is an integer one",
        source="observed by this suite, undocumented upstream (" + _LAX_NUMPY + ": choose)",
        condition="choose of a bool index array",
        kinds=("error-parity", "error-kind"),
        trigger=_choose_of_bools,
        outputs=raises("ValueError", r"`a` array must be integer typed"),
    ),
)

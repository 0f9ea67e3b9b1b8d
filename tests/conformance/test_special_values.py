"""Special-value grids: every elementwise function on the full cross product of its dtype's special values
(`conformance/special_values.py`), one example per function and dtype, in every mode the case declares.

This complements the Hypothesis tests, which reach a combination of two edge values only by luck. A grid
that fails names the cells no catalogue entry explains (their inputs and both outcomes), and the
smallest of them is checked alone, so that the report's reproducer is that one call.
"""

from dataclasses import replace

import numpy as np
import pytest

from conformance import environment
from conformance import special_values as sv
from conformance.check import NewDivergence, check, judge
from conformance.compare import compare
from conformance.example import Example
from conformance.outcome import Outcome
from conformance.recorder import Recorder, active
from conformance.runner import batch_element, run_jax, run_numpy

pytestmark = pytest.mark.conformance

GRIDS = sv.grids()
SHOWN_CELLS = 10  # cells listed in a failure message
# One test per function, its grids one per dtype: a test per grid cost pytest's and the spool's
# per-test work 2,600 times over both x64 modes (about 20 s of the suite's ten minutes)
BY_FUNCTION: dict[str, list[sv.Grid]] = {}
for _grid in GRIDS:
    BY_FUNCTION.setdefault(_grid.case.name, []).append(_grid)


@pytest.mark.parametrize("function", BY_FUNCTION)
def test_special_value_grids(function, xp):
    """Every dtype's grid, each checked whatever the others found; each new divergence raised."""
    failures = []
    for grid in BY_FUNCTION[function]:
        try:
            check_grid(grid, xp=xp)
        except NewDivergence as error:
            failures.append(error)
    if len(failures) == 1:
        raise failures[0]
    if failures:
        raise ExceptionGroup(f"{function}: {len(failures)} grids with new divergences", failures)


def check_grid(grid: sv.Grid, *, xp) -> None:
    """`check` the grid as one example. Where no single entry (or pair) explains the whole grid but
    every cell is explained on its own (a grid meets several documented behaviours at once), the grid
    is checked instead as one example per group of cells with the same explanation. Where a cell is
    new, the failure lists the new cells and checks the first alone (recorded like any example)."""
    __tracebackhide__ = True
    tentative = Recorder()  # the grid's record counts only if the grid is not split
    try:
        verdicts = check(grid.case, *grid.args, xp=xp, recorder=tentative)
    except NewDivergence as error:
        groups = explained_groups(grid, xp=xp, modes=_failed_modes(error, grid.case.modes))
        if groups is None:
            _keep(tentative)
            _explain_failure(grid, error, xp=xp)
            raise
        for cells in groups:
            verdicts = check(grid.case, *grid.select(cells), xp=xp)
            record_smallest_known(grid, verdicts, xp=xp)
        return
    _keep(tentative)
    record_smallest_known(grid, verdicts, xp=xp)


def _keep(tentative: Recorder) -> None:
    """Move what `tentative` recorded into the run's recorder (as one process's records, not another
    process's: no metadata of its own)."""
    recorder = active()
    recorder.merge(tentative.snapshot())
    recorder.merged_meta.pop()


def explained_groups(grid: sv.Grid, *, xp, modes) -> list[np.ndarray] | None:
    """The grid's cells grouped by the entries that explain each of them alone in `modes` (agreeing
    cells form a group too); None where a cell is new or a side raised on the whole grid."""
    labels = np.full(grid.cells, "", dtype=object)
    for mode in modes:
        cells = list(judged_cells(grid, xp=xp, mode=mode))
        if not cells and (run_numpy(grid.case, grid.args).raised
                          or run_jax(grid.case, grid.args, xp=xp, mode=mode).raised):
            return None
        for index, _, verdict in cells:
            if verdict.status == "new":
                return None
            labels[index] += f"{mode}:{verdict.entry_id};"
    return [np.flatnonzero(labels == label) for label in dict.fromkeys(labels)]


def _explain_failure(grid: sv.Grid, error: NewDivergence, *, xp) -> None:
    """Replace the grid's reproducer (it writes out every cell) with the new cells and the first of them
    checked alone; where a side raised on the whole grid, the first cell stands for it."""
    modes = _failed_modes(error, grid.case.modes)
    cells = new_cells(grid, xp=xp, modes=modes)
    grid_reproducer, error.__notes__ = list(getattr(error, "__notes__", ())), []
    if cells:
        lines = [f"  {mode}: {grid.describe_cell(i)}: {summary}" for mode, i, summary in cells]
        error.add_note(f"{len(cells)} cells of {grid.cells} are new in {grid.id} (the first "
                       f"{SHOWN_CELLS}):\n" + "\n".join(lines[:SHOWN_CELLS]))
    mode, first = (cells[0][0], cells[0][1]) if cells else (modes[0], 0)
    try:
        check(grid.case, *grid.cell(first), xp=xp, modes=(mode,))
    except NewDivergence as alone:
        error.add_note(f"The first alone ({grid.describe_cell(first)}):\n{alone}")
        for note in getattr(alone, "__notes__", ()):
            error.add_note(note)
    else:
        error.add_note(f"{grid.describe_cell(first)} alone is not new: the difference needs the rest of "
                       f"the grid, whose reproducer follows")
        for note in grid_reproducer:
            error.add_note(note)


# (entry ids, case) pairs whose smallest example this process already checked alone
_ALONE: set[tuple[str, str]] = set()


def record_smallest_known(grid: sv.Grid, verdicts, *, xp) -> None:
    """For each known divergence of the grid not yet seen in this process, check one cell it explains
    alone, so that the report's smallest example is that call, not the whole grid (a complex grid's
    reproducer would be hundreds of kilobytes). The cell is checked like any example."""
    __tracebackhide__ = True
    if len(verdicts) != len(grid.case.modes):  # an every-device run: one verdict per mode and device
        return
    for mode, verdict in zip(grid.case.modes, verdicts, strict=True):
        key = (verdict.entry_id, grid.case.name)
        if verdict.status != "known" or verdict.difference.kind == "timeout" or key in _ALONE:
            continue  # a known hang: JAX was not run, and must not be
        _ALONE.add(key)
        index = first_cell(grid, xp=xp, mode=mode, entry_id=verdict.entry_id)
        if index is not None:
            check(grid.case, *grid.cell(index), xp=xp, modes=(mode,))


def _failed_modes(error: NewDivergence, modes) -> tuple[str, ...]:
    """The modes the failure message names (`xp.add(a, b) [eager, jit]: ...`); all of them if none."""
    head = str(error).split("]", 1)[0]
    named = tuple(m for m in modes if m in head.partition("[")[2].split(", "))
    return named or tuple(modes)


def new_cells(grid: sv.Grid, *, xp, modes) -> list[tuple[str, int, str]]:
    """(mode, cell, summary) for each cell whose verdict is new, judged within the grid's own run."""
    return [(mode, index, f"jax {example.jax.describe()}, numpy {example.numpy.describe()} "
                          f"({verdict.difference.summary})")
            for mode in modes
            for index, example, verdict in judged_cells(grid, xp=xp, mode=mode)
            if verdict.status == "new"]


def first_cell(grid: sv.Grid, *, xp, mode: str, entry_id: str) -> int | None:
    """The first cell that the catalogue entries `entry_id` explain, judged within the grid's own run;
    the first cell of all where a side raised on the whole grid (the error is the dtype's, not a cell's)."""
    if run_numpy(grid.case, grid.args).raised or run_jax(grid.case, grid.args, xp=xp, mode=mode).raised:
        return 0
    for index, _, verdict in judged_cells(grid, xp=xp, mode=mode):
        if verdict.entry_id == entry_id:
            return index
    return None


def judged_cells(grid: sv.Grid, *, xp, mode: str):
    """(cell, example, verdict) for each cell where the two sides differ, in order: both sides run once on
    the whole grid (JAX's compile is cached), and each cell is judged with its slice of both outcomes
    (under vmap, the batch's first element: the grid itself). Nothing when a side raised on the grid."""
    env = environment.current()
    numpy = run_numpy(grid.case, grid.args)
    jax = run_jax(grid.case, grid.args, xp=xp, mode=mode)
    if mode == "vmap":
        jax = batch_element(jax, 0)
    if numpy.raised or jax.raised:
        return  # the whole grid raised: the failure message says so, no cell does it alone
    for index in range(grid.cells):
        numpy_cell, jax_cell = _cell_of(numpy, index), _cell_of(jax, index)
        if compare(numpy_cell, jax_cell, grid.case.tolerance) is None:
            continue
        example = Example(grid.case, grid.cell(index), mode, env, numpy_cell, jax_cell)
        yield index, example, judge(example)


def _cell_of(outcome: Outcome, index: int) -> Outcome:
    return replace(outcome, values=tuple(replace(v, array=v.array[index:index + 1]) for v in outcome.values))


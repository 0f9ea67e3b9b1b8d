"""Reports combine into one matrix by session, and `report diff` finds a planted change between runs."""

import json
from dataclasses import replace

import numpy as np
import pytest

import conformance.catalogue as catalogue
from conformance import combine, report
from conformance.cases import broadcasting as cases
from conformance.cases import updates
from conformance.check import NewDivergence, VanishedDivergence, check
from conformance.cli import main
from conformance.recorder import Recorder, recording
from tests.harness import broken, broken_vanished

CASE = {c.name: c for c in cases.ALL}
FREE_ENTRY = "NUM-INT-FLOOR-DIVIDE-BY-ZERO"


def _run(*, planted: bool, vanished: bool = False) -> Recorder:
    """A small run: one agreement, one known divergence, and, if `planted`, a new one; if `vanished`,
    a documented divergence that JAX no longer shows."""
    # the known divergence's entry cites its free positions whatever numerics.py says (test_report.py)
    cited = tuple(replace(e, undefined=e.undefined or "a citation") if e.id == FREE_ENTRY else e
                  for e in catalogue.CATALOGUE)
    with recording(Recorder()) as recorder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(catalogue, "CATALOGUE", cited)
        check(CASE["add"], np.array([1.0, 2.0], np.float32), np.array(3.0, np.float32))
        check(CASE["floor_divide"], np.array([7, 8], np.int32), np.array([0, 2], np.int32))
        if planted:
            with pytest.raises(NewDivergence):
                check(CASE["subtract"], np.array([1, 2], np.int8), np.array([[3], [4]], np.int8),
                      xp=broken.VALUES)
        if vanished:
            with pytest.raises(VanishedDivergence):
                check(updates.AUGMENTED_ADD, np.arange(3, dtype=np.int32), (np.array([0, 0], np.int32),),
                      np.array([1, 2], np.int32), xp=broken_vanished.ADD_STOPS_ACCUMULATING)
    return recorder


@pytest.fixture(scope="module")
def baseline() -> dict:
    return report.build(_run(planted=False), session="cpu-x64off", profile="ci", seed="derandomized",
                        exitstatus=0, processes=1)


@pytest.fixture(scope="module")
def planted() -> dict:
    return report.build(_run(planted=True), session="cpu-newest-x64off", profile="ci",
                        seed="derandomized", exitstatus=1, processes=1)


def _write(tmp_path, data: dict) -> str:
    directory = tmp_path / data["session"]
    report.write(data, directory)
    return str(directory / "report.json")


def test_diff_finds_the_planted_divergence(baseline, planted):
    result = combine.diff(baseline, planted)
    assert [(d["status"], d["kind"], d["case"]) for d in result.appeared] == [("new", "values", "subtract")]
    assert not result.vanished and not result.changed
    assert result.new_undocumented == result.appeared
    text = combine.render_diff(result)
    assert "NEW values (broadcasting: `subtract`)" in text
    assert "New undocumented divergences: 1" in text


def test_diff_and_combine_show_vanished_findings(baseline):
    with_vanished = report.build(_run(planted=False, vanished=True), session="cpu-newest-x64off",
                                 profile="ci", seed="derandomized", exitstatus=1, processes=1)
    n = len(updates.AUGMENTED_ADD.modes)
    result = combine.diff(baseline, with_vanished)
    assert result.vanished_findings == [(("UPD-ADD-REPEATED-ACCUMULATES", "updates", "x[idx] += v"), 0, n)]
    assert not result.empty and not result.identical
    text = combine.render_diff(result)
    assert "## Vanished findings, counted differently (1)" in text
    assert "Vanished findings in the new run: 1" in text
    header = combine.sessions_table([baseline, with_vanished]).splitlines()[0]
    assert [c.strip() for c in header.strip("|").split("|")][-3:] == ["vanished", "new", "exit"]


def test_diff_reports_vanished_and_changed_entries(baseline, planted):
    vanished = combine.diff(planted, baseline)
    assert [d["case"] for d in vanished.vanished] == ["subtract"] and not vanished.new_undocumented
    moved = json.loads(json.dumps(baseline))
    moved["divergences"][0]["modes"] = ["eager"]
    changed = combine.diff(baseline, moved)
    assert [before["case"] for before, _ in changed.changed] == ["floor_divide"]
    assert combine.diff(baseline, baseline).empty


def test_fail_on_new_exits_non_zero_only_when_a_new_divergence_appeared(tmp_path, baseline, planted,
                                                                        capsys):
    old, new = _write(tmp_path, baseline), _write(tmp_path, planted)
    assert main(["report", "diff", old, new, "--fail-on-new"]) == 1
    assert "Appeared (1)" in capsys.readouterr().out
    assert main(["report", "diff", old, new]) == 0
    assert main(["report", "diff", new, old, "--fail-on-new"]) == 0  # vanished: not a failure
    assert main(["report", "diff", old, old, "--fail-on-new"]) == 0


def test_combine_writes_one_matrix_by_session(tmp_path, baseline, planted, capsys):
    paths = [_write(tmp_path, baseline), _write(tmp_path, planted)]
    assert main(["report", "combine", *paths]) == 0
    text = (tmp_path / "README.md").read_text()
    assert "| cpu-x64off " in text and "| cpu-newest-x64off " in text
    header = next(line for line in text.splitlines() if line.startswith("| cpu-x64off"))
    assert baseline["environment"]["jax"] in header and baseline["environment"]["numpy"] in header
    row = next(line for line in text.splitlines() if line.startswith("| NEW values (broadcasting"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1:] == ["", "3"]  # blank where the baseline did not see it; eager, jit and vmap here
    entry = next(line for line in text.splitlines() if line.startswith("| NUM-INT-FLOOR-DIVIDE-BY-ZERO"))
    assert entry.count("(1)") == 2  # seen in one case in both sessions


def test_combine_and_diff_refuse_bad_input(tmp_path, baseline, capsys):
    path = _write(tmp_path, baseline)
    assert main(["report", "combine", path, path]) == 2
    assert "same session" in capsys.readouterr().err
    assert main(["report", "diff", path, str(tmp_path / "missing.json")]) == 2
    with pytest.raises(ValueError, match="nothing to combine"):
        combine.combine([])


def test_combine_shows_the_cases_whose_verdict_depends_on_the_mode(baseline):
    from tests.harness.test_modes import TRACED_ONLY

    with recording(Recorder()) as recorder, pytest.raises(NewDivergence):
        check(CASE["add"], np.array([1, 2], np.int32), np.array([3, 4], np.int32), xp=TRACED_ONLY)
    traced = report.build(recorder, session="cpu-traced", profile="ci", seed="derandomized", exitstatus=1,
                          processes=1)
    text = combine.combine([baseline, traced])
    section = text.split("## Cases whose verdict depends on the mode")[1]
    row = next(line for line in section.splitlines() if line.startswith("| broadcasting: add"))
    assert "eager: agree; jit: NEW values; vmap: NEW values" in row


def test_combine_shows_the_prng_fingerprint_of_each_session(baseline, planted):
    """A stream that changed between sessions shows as two different cells in one row."""
    def with_draws(data: dict, draws: str) -> dict:
        tables = {**data.get("tables", {}), combine.PRNG_FINGERPRINT: {
            "title": "fingerprint", "keep": "last", "cells": {"uniform": {"new keys (threefry2x32)": draws}}}}
        return {**data, "tables": tables}

    text = combine.combine([with_draws(baseline, "0.1 0.2 0.3"), with_draws(planted, "0.9 0.8 0.7")])
    row = next(line for line in text.splitlines() if line.startswith("| uniform (new keys"))
    assert [c.strip() for c in row.strip("|").split("|")][1:] == ["0.1 0.2 0.3", "0.9 0.8 0.7"]


def test_exact_diff_sees_another_count_or_smallest_example(tmp_path, baseline, capsys):
    """`report diff --exact` is how a rerun is shown to reproduce a report: a divergence whose count or
    smallest example moved, or a case counted differently, is not identical."""
    assert combine.diff(baseline, baseline).identical
    recounted = json.loads(json.dumps(baseline))
    recounted["divergences"][0]["count"] += 1
    other_smallest = json.loads(json.dumps(baseline))
    other_smallest["divergences"][0]["smallest"]["reproducer"] += "\n# another example"
    fewer = json.loads(json.dumps(baseline))
    fewer["cases"][0]["agree"] -= 1
    for changed in (recounted, other_smallest, fewer):
        result = combine.diff(baseline, changed)
        assert result.empty and not result.identical
    old, new = _write(tmp_path, baseline), str(tmp_path / "other.json")
    (tmp_path / "other.json").write_text(json.dumps(other_smallest))
    assert main(["report", "diff", old, old, "--exact"]) == 0
    assert "Identical" in capsys.readouterr().out
    assert main(["report", "diff", old, new, "--exact"]) == 1
    assert "other count or smallest example (1)" in capsys.readouterr().out

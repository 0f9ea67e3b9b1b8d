"""The version history (conformance/history.py) flags the gates its runs contradict, and only those."""

from __future__ import annotations

import json

from conformance import history
from conformance.history import AGREED, Entry


def _report(jax: str, x64: bool, *, seen: dict[str, int] = (), agreed: tuple[str, ...] = (),
            missed: tuple[str, ...] = ()) -> dict:
    """A synthetic report.json: `seen` entries explained that many examples, `agreed` ones agreed,
    `missed` ones were near misses of a NEW divergence."""
    return {
        "session": f"{jax}-x64{'on' if x64 else 'off'}",
        "environment": {"jax": jax, "jaxlib": jax, "numpy": "2.0.0", "ml_dtypes": "0.4.0",
                        "python": "3.11.9", "platform": "cpu", "x64": x64, "profile": "quick"},
        "run": {"exitstatus": 1},
        "areas": {"numerics": {"examples": 10, "agree": 8, "known": 2, "new": 0}},
        "divergences": [{"id": i, "status": "known", "area": "numerics", "case": "add", "kind": "values",
                         "count": n} for i, n in dict(seen).items()]
                       + [{"id": None, "status": "new", "area": "numerics", "case": "sub", "kind": "values",
                           "count": 1, "smallest": {"near_misses": [
                               f"{i} applies, but jax returns float32[] 1.0, its model returns 2.0"
                               for i in missed]}}],
        "tables": {AGREED: {"title": "", "keep": "max",
                            "cells": {i: {"examples": 1} for i in agreed}}},
    }


ENTRIES = [
    Entry("OUTSIDE", "seen outside its gate", jax_versions=">=0.5"),
    Entry("AGREED-INSIDE", "agreed inside its gate", jax_versions=""),
    Entry("CONSISTENT", "seen inside, agreed outside", jax_versions=">=0.5"),
    Entry("UNREACHED", "never triggered"),
    Entry("MISSED-INSIDE", "JAX did something else inside its gate", jax_versions=">=0.4"),
    Entry("GPU-ONLY", "a GPU entry on a CPU run", platforms=("gpu",)),
]


def _history() -> dict:
    reports = [
        _report("0.4.30", False, seen={"OUTSIDE": 3}, agreed=("AGREED-INSIDE", "CONSISTENT")),
        _report("0.4.30", True, seen={"OUTSIDE+CONSISTENT": 0}, missed=("MISSED-INSIDE",)),
        _report("0.5.3", False, seen={"OUTSIDE": 2, "CONSISTENT": 4, "MISSED-INSIDE": 1}),
        _report("0.5.3", True, seen={"AGREED-INSIDE": 1}, agreed=("AGREED-INSIDE",)),
    ]
    return history.build(reports, ENTRIES)


def _row(data: dict, entry_id: str) -> dict:
    return next(e for e in data["entries"] if e["id"] == entry_id)


def test_seen_outside_the_gate_is_flagged():
    row = _row(_history(), "OUTSIDE")
    assert row["gate_contradicted"] == ["0.4.30"]
    assert row["cells"]["0.4.30"]["mark"] == "seen 3 gate?"
    assert row["cells"]["0.5.3"]["mark"] == "seen 2"
    assert row["history_says"] == ""  # seen in every release: no gate is called for


def test_agreed_inside_the_gate_is_flagged():
    row = _row(_history(), "AGREED-INSIDE")
    assert row["gate_contradicted"] == ["0.4.30"]
    assert row["cells"]["0.4.30"]["mark"] == "agreed gate?"
    # seen in one mode and agreed in another: the model is broader than the behaviour, not a gate issue
    assert row["cells"]["0.5.3"]["mark"] == "seen 1, agreed"
    assert row["history_says"] == ">0.4.30"


def test_missed_inside_the_gate_is_flagged():
    row = _row(_history(), "MISSED-INSIDE")
    assert row["gate_contradicted"] == ["0.4.30"]
    assert row["cells"]["0.4.30"]["mark"] == "missed gate?"
    assert row["cells"]["0.4.30"]["missed_x64"] == ["on"]
    assert row["history_says"] == ">0.4.30"


def test_a_consistent_gate_is_not_flagged():
    data = _history()
    row = _row(data, "CONSISTENT")
    assert row["gate_contradicted"] == []
    assert row["cells"]["0.4.30"]["mark"] == "agreed"
    assert row["cells"]["0.5.3"]["mark"] == "seen 4"
    assert row["cells"]["0.5.3"]["seen_by_x64"] == {"off": 4, "on": 0}
    assert row["history_says"] == ">0.4.30"
    assert _row(data, "UNREACHED")["cells"]["0.4.30"]["mark"] == "—"
    assert _row(data, "GPU-ONLY")["cells"]["0.5.3"]["mark"] == "n/a"
    assert not _row(data, "UNREACHED")["gate_contradicted"]


def test_main_writes_markdown_and_json(tmp_path):
    paths = []
    for number, report in enumerate([_report("0.4.30", False), _report("0.10.2", False)]):
        path = tmp_path / f"r{number}.json"
        path.write_text(json.dumps(report))
        paths.append(str(path))
    assert history.main([*paths, "-o", str(tmp_path / "out")]) == 0
    data = json.loads((tmp_path / "out" / "history.json").read_text())
    assert data["versions"] == ["0.4.30", "0.10.2"]  # ordered as versions, not as strings
    markdown = (tmp_path / "out" / "history.md").read_text()
    assert "| entry " in markdown and "0.10.2" in markdown and "`gate?`" in markdown


def test_an_agreeing_example_is_a_vanished_finding_that_the_history_reads_as_agreed():
    """check.py's half of the history: an example where JAX agreed with NumPy although an entry's trigger
    held and its model differs from NumPy is a vanished finding of that entry (here JAX's side is NumPy's
    own), and a report's vanished list marks the entry "agreed"."""
    from dataclasses import replace

    import numpy as np

    from conformance import check, environment
    from conformance.cases import broadcasting
    from conformance.example import Example
    from conformance.runner import run_numpy

    case = next(c for c in broadcasting.BINARY if c.name == "add")
    args = (np.array([1.5], np.float64), np.array([2.0], np.float64))
    outcome = run_numpy(case, args)
    env = replace(environment.current(), x64=False)  # the 32-bit entries hold
    verdict = check.judge_vanished(Example(case, args, "eager", env, outcome, outcome))
    assert str(verdict) == "vanished:DTYPE-X64-OFF-32BIT"  # its model says float32, NumPy (and "JAX") float64
    report = {**_report("0.10.2", False), "vanished": [{"id": "DTYPE-X64-OFF-32BIT"}]}
    assert "DTYPE-X64-OFF-32BIT" in history._agreed(report) and history._agreed_recorded(report)


def test_the_suggested_gate_bounds_at_the_releases_where_jax_agreed():
    def cell(seen: int, agreed: bool) -> dict:
        return {"seen": seen, "agreed_x64": ["off"] if agreed else []}

    versions = ["0.4.30", "0.5.3", "0.7.2", "0.10.2"]
    cells = dict(zip(versions, [cell(0, True), cell(0, False), cell(2, False), cell(5, True)], strict=True))
    assert history._suggest(versions, cells) == ">0.4.30"  # 0.5.3 not reached: it stays inside
    cells["0.10.2"] = cell(0, True)
    assert history._suggest(versions, cells) == "mixed: see the cells"
    cells["0.4.30"] = cell(1, False)
    assert history._suggest(versions, cells) == "<0.10.2"

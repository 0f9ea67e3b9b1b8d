"""The report renders from a recorded run, its reproducers run, and the command line reports bad input."""

import json
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

import conformance.catalogue as catalogue
from conformance import report
from conformance.cases import broadcasting as cases
from conformance.check import NewDivergence, check
from conformance.cli import main
from conformance.recorder import Recorder, recording
from tests.harness import broken

CASE = {c.name: c for c in cases.ALL}


FREE_ENTRY = "NUM-INT-FLOOR-DIVIDE-BY-ZERO"  # its model accepts any quotient where the divisor is 0


@pytest.fixture(scope="module")
def recorded() -> Recorder:
    # the entry with a citation of its free positions whatever numerics.py says, so that the report's
    # proof strength has an example matched only at undefined positions (JAX's 7 // 0 is not NumPy's 0)
    cited = tuple(replace(e, undefined=e.undefined or "a citation") if e.id == FREE_ENTRY else e
                  for e in catalogue.CATALOGUE)
    with recording(Recorder()) as recorder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(catalogue, "CATALOGUE", cited)
        check(CASE["add"], np.array([1.0, 2.0], np.float32), np.array(3.0, np.float32))
        check(CASE["floor_divide"], np.array([7, 8], np.int32), np.array([0, 2], np.int32))
        with pytest.raises(NewDivergence):
            check(CASE["add"], np.array([1, 2], np.int8), np.array([3, 4], np.int8), xp=broken.ADD_OFF_BY_ONE)
    return recorder


@pytest.fixture(scope="module")
def data(recorded) -> dict:
    return report.build(recorded, session="harness", profile="ci", seed="derandomized", exitstatus=1,
                        processes=1)


def test_report_json_has_the_documented_keys(data):
    assert {"environment", "areas", "divergences", "unmatched_catalogue"} <= set(data)
    assert {"jax", "jaxlib", "numpy", "hypothesis", "python", "platform", "device_kind", "x64",
            "profile", "seed"} <= set(data["environment"])
    n = len(CASE["add"].modes)  # each check runs in every mode of its case
    assert data["areas"]["broadcasting"] == {"examples": 3 * n, "agree": n, "known": n, "vanished": 0,
                                             "new": n}
    statuses = {(d["status"], d["id"]) for d in data["divergences"]}
    assert statuses == {("known", FREE_ENTRY), ("new", None)}
    assert FREE_ENTRY not in {e["id"] for e in data["unmatched_catalogue"]}
    assert data["vanished"] == []
    json.dumps(data)  # serializable as it is


def test_proof_strength_counts_examples_matched_only_at_undefined_positions(data):
    n = len(CASE["floor_divide"].modes)
    (row,) = data["proof_strength"]
    assert (row["id"], row["examples"], row["asserted"], row["undefined"]) == (FREE_ENTRY, n, 0, n)
    assert "citation" in row  # the entry's undefined= (the fixture's own one is patched in for the run only)
    assert f"[{FREE_ENTRY}](details.md#" in report.render_markdown(data)
    assert f"| {FREE_ENTRY} " in report.render_details(data)  # the proof strength table


def test_tables_merge_across_processes_and_render():
    first, second = Recorder(), Recorder()
    first.record_cell("err", "float32", "max error / bound", 0.25, title="Matmul error")
    second.record_cell("err", "float32", "max error / bound", 0.5, title="Matmul error")
    second.record_cell("err", "float16", "max error / bound", 0.125)
    first.record_cell("promo", "int8", "uint8", "int16", keep="last")
    merged = Recorder()
    for recorder in (first, second):
        merged.merge(json.loads(json.dumps(recorder.snapshot())))
    assert merged.tables["err"]["cells"] == {"float32": {"max error / bound": 0.5},
                                             "float16": {"max error / bound": 0.125}}
    with pytest.raises(ValueError, match="keeps 'max'"):
        merged.record_cell("err", "x", "y", 1, keep="last")
    data = report.build(merged, session="t", profile="ci", seed=None, exitstatus=0, processes=2)
    markdown = report.render_details(data)
    assert "### Matmul error" in markdown and "| float32 |" in markdown and "int16" in markdown


def test_markdown_has_every_section(data):
    summary, details = report.render_markdown(data), report.render_details(data)
    for heading in ("## Environment", "## Summary by area", "## NEW divergences", "## Vanished divergences",
                    "## Divergences", "## In the details"):
        assert f"\n{heading}\n" in summary
    for heading in ("## Divergences by catalogue entry", "## Proof strength", "## Tables",
                    "## Catalogue entries not seen in this run", "## Examples by case and mode"):
        assert f"\n{heading}\n" in details
    assert "NEW (not in the catalogue)" in summary and "```python" in summary


def test_reproducers_run_and_show_both_sides(data):
    for divergence in data["divergences"]:
        result = subprocess.run([sys.executable, "-c", divergence["smallest"]["reproducer"]],
                                capture_output=True, text=True, timeout=120, check=True)
        assert "numpy:" in result.stdout and "jax:" in result.stdout


def test_spool_round_trip_keeps_everything(recorded, tmp_path):
    recorded.spool(tmp_path / "spool" / "gw0.json")
    recorded.spool(tmp_path / "spool" / "gw1.json")
    merged = Recorder.from_spool(tmp_path / "spool")
    assert merged.examples == 2 * recorded.examples
    assert len(merged.divergences) == len(recorded.divergences)


def test_cli_renders_markdown_from_json(data, tmp_path, capsys):
    paths = report.write(data, tmp_path)
    (tmp_path / "report.md").unlink()
    assert main(["report", "render", str(paths[1])]) == 0
    assert (tmp_path / "report.md").read_text() == report.render_markdown(data)


def test_cli_rebuilds_a_report_from_a_spool(recorded, tmp_path):
    recorded.spool(tmp_path / "run" / "spool" / "main.json")
    assert main(["report", "build", str(tmp_path / "run" / "spool")]) == 0
    assert json.loads((tmp_path / "run" / "report.json").read_text())["areas"]["broadcasting"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "render", "no/such/report.json"], "no report file at no/such/report.json"),
        (["report", "build", "no/such/spool"], "no spool files in no/such/spool"),
    ],
)
def test_cli_bad_input_is_one_line(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"python -m conformance: error: {message}"


def test_cli_refuses_a_json_that_is_not_a_report(tmp_path, capsys):
    path = tmp_path / "other.json"
    path.write_text("{}")
    assert main(["report", "render", str(path)]) == 2
    assert "is not a conformance report" in capsys.readouterr().err


def test_cli_help_explains_every_option():
    result = subprocess.run([sys.executable, "-m", "conformance", "report", "render", "--help"],
                            capture_output=True, text=True, check=True)
    assert "--output" in result.stdout and "report.json" in result.stdout

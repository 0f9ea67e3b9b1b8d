"""The report's views (report.md, details.md, index.html) show every divergence of report.json: nothing is
lost between the JSON and its views, for a recorded run and for the committed reports."""

import json
from pathlib import Path

import numpy as np
import pytest
from markupsafe import escape

from conformance import combine, html, markdown, report, schema, views
from conformance.cases import broadcasting as cases
from conformance.cases import updates
from conformance.check import NewDivergence, VanishedDivergence, check
from conformance.cli import main
from conformance.recorder import Recorder, recording
from tests.harness import broken, broken_vanished

CASE = {c.name: c for c in cases.ALL}
COMMITTED = sorted(Path(__file__).parents[2].glob("reports/*/report.json"))
SUMMARY_LINES = 400  # the summary stays one page, whatever the suite's breadth


@pytest.fixture(scope="module")
def data() -> dict:
    """A run with every kind of finding: agreement, a known divergence in two cases and two dtypes, a new
    one and a vanished one."""
    with recording(Recorder()) as recorder:
        check(CASE["add"], np.array([1.0, 2.0], np.float32), np.array(3.0, np.float32))
        check(CASE["floor_divide"], np.array([7, 8], np.int32), np.array([0, 2], np.int32))
        check(CASE["floor_divide"], np.array([7, 8], np.int16), np.array([0, 2], np.int16))
        check(CASE["a // b"], np.array([7, 8], np.int32), np.array([0, 2], np.int32))
        with pytest.raises(NewDivergence):
            check(CASE["add"], np.array([1, 2], np.int8), np.array([3, 4], np.int8), xp=broken.ADD_OFF_BY_ONE)
        with pytest.raises(VanishedDivergence):
            check(updates.AUGMENTED_ADD, np.arange(3, dtype=np.int32), (np.array([0, 0], np.int32),),
                  np.array([1, 2], np.int32), xp=broken_vanished.ADD_STOPS_ACCUMULATING)
    return schema.validate_report(json.loads(json.dumps(report.build(
        recorder, session="harness", profile="ci", seed="derandomized", exitstatus=1, processes=1))))


def _findings(data: dict) -> list[dict]:
    return data["divergences"] + data.get("vanished", [])


def assert_views_show_everything(data: dict) -> None:
    summary, details = markdown.render_summary(data), markdown.render_details(data)
    page = html.render([data])
    for entry in views.entries(data["divergences"]):
        assert f"[{entry.key}](details.md#{entry.anchor})" in summary  # one click from the summary
        section = details.split(f"\n### {entry.key}\n", 1)[1].split("\n### ", 1)[0]
        assert views.slug(entry.key) == entry.anchor
        for d in entry.divergences:  # every case in its entry's section
            assert f"`{d['case']}` ({d['area']}, {d['count']})" in section
        for _, d, _ in entry.behaviours():
            assert d["smallest"]["reproducer"] in section
    for d in data["divergences"]:
        if d["status"] == "new":  # NEW and vanished findings in full on the summary itself
            assert d["smallest"]["reproducer"] in summary
    for d in data.get("vanished", []):
        assert f"### VANISHED {d['id']}: `{d['case']}`" in summary and d["smallest"]["reproducer"] in summary
    for d in _findings(data):
        key = f"{views.entry_key(d)}|{d['area']}|{d['case']}"
        assert f'data-divergence="{escape(key)}"' in page and str(escape(d["smallest"]["reproducer"])) in page
    assert len(summary.splitlines()) < SUMMARY_LINES


def test_every_divergence_of_a_recorded_run_is_in_each_view(data):
    assert {d["status"] for d in data["divergences"]} == {"known", "new"} and data["vanished"]
    assert_views_show_everything(data)


def test_an_entry_is_one_link_in_its_areas_row_of_the_summary_and_its_cases_are_in_the_details(data):
    """The summary stays one page however many entries the catalogue has: a row per area."""
    (entry,) = [e for e in views.entries(data["divergences"]) if e.key == "NUM-INT-FLOOR-DIVIDE-BY-ZERO"]
    assert {d["case"] for d in entry.divergences} == {"floor_divide", "a // b"}
    rows = [line for line in markdown.render_summary(data).splitlines() if f"[{entry.key}](" in line]
    assert len(rows) == 1 and f"#{entry.anchor}) ({entry.examples})" in rows[0]
    section = markdown.render_details(data).split(f"{entry.key}", 1)[1]
    assert "floor_divide" in section and "a // b" in section
    assert len(entry.behaviours()) == len(entry.kinds)  # one smallest example per kind, not per case


def test_the_grid_counts_every_example_by_dtype_and_verdict(data):
    grid = data["grid"]
    assert sum(n for *_, n in grid) == sum(a["examples"] for a in data["areas"].values())
    dtypes = {(case, dtype) for _, case, _, dtype, label, _ in grid if label.startswith("known:NUM-INT")}
    assert {("floor_divide", "int32"), ("floor_divide", "int16"), ("a // b", "int32")} <= dtypes
    assert any(label == "new:values" and dtype == "int8" for *_, dtype, label, _ in grid)


def test_the_grid_survives_the_spool(tmp_path):
    with recording(Recorder()) as recorder:
        check(CASE["add"], np.array([1, 2], np.int16), np.array([3, 4], np.int16))
    recorder.spool(tmp_path / "gw0.json")
    recorder.spool(tmp_path / "gw1.json")
    merged = Recorder.from_spool(tmp_path)
    assert merged.grid == {key: 2 * n for key, n in recorder.grid.items()}
    assert {key[3] for key in merged.grid} == {"int16"}


def test_a_report_from_before_the_grid_still_has_a_map(data):
    old = {k: v for k, v in data.items() if k != "grid"}
    rows = html.page([old])["rows"]
    assert {views.ANY_DTYPE} == set(html.page([old])["dtypes"])
    assert {(r["area"], r["case"]) for r in rows} == {(c["area"], c["case"]) for c in data["cases"]}
    assert_views_show_everything(old)


def test_the_map_cell_opens_the_divergences_it_holds(data):
    page = html.page([data])
    row = next(r for r in page["rows"] if r["case"] == "floor_divide")
    cell = row["cells"][page["dtypes"].index("int16")]
    assert cell["opens"] and {s["status"] for s in cell["stripes"]} == {"known"}
    entry = "NUM-INT-FLOOR-DIVIDE-BY-ZERO"
    assert entry in cell["hover"] and entry in row["entries"]


def test_slugs_are_githubs():
    assert views.slug("UPD-DIVIDE-BY-PRODUCT+NUM-SUBNORMAL-FLUSH") == (
        "upd-divide-by-productnum-subnormal-flush")
    assert views.slug("NEW values") == "new-values"
    assert views.slug("Catalogue entries not seen in this run") == "catalogue-entries-not-seen-in-this-run"


def test_the_cli_writes_every_view_and_the_combined_page(data, tmp_path):
    other = {**data, "session": "other"}
    paths = []
    for each in (data, other):
        report.write(each, tmp_path / each["session"])
        paths.append(str(tmp_path / each["session"] / "report.json"))
    (tmp_path / "harness" / "details.md").unlink()
    assert main(["report", "render", paths[0]]) == 0
    assert (tmp_path / "harness" / "details.md").read_text() == markdown.render_details(data)
    assert main(["report", "combine", *paths]) == 0
    page = (tmp_path / "index.html").read_text()
    assert "harness/index.html" in page and "other/index.html" in page
    for d in _findings(data):
        assert page.count(f'data-divergence="{escape(views.entry_key(d))}|') >= 2  # both sessions
    assert "[index.html](index.html)" in (tmp_path / "README.md").read_text()
    assert combine.READING[0] in (tmp_path / "README.md").read_text()


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: p.parent.name)
def test_the_committed_reports_views_show_every_divergence(path):
    data = schema.load_report(path)
    assert_views_show_everything(data)
    views_of = {"report.md": markdown.render_summary, "details.md": markdown.render_details,
                "index.html": lambda data: html.render([data])}
    for name, render in views_of.items():
        assert (path.parent / name).read_text() == render(data), f"{name} is stale: `report render {path}`"

"""Bad input to every `report` subcommand is one line on stderr naming the file and the field, exit 2."""

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conformance import report, schema
from conformance.cli import main
from conformance.recorder import Recorder

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = sorted(ROOT.glob("reports/*/report.json"))
PREFIX = "python -m conformance: error: "


@pytest.fixture(scope="module")
def good() -> dict:
    """A committed report, cut down so each test writes and reads it quickly."""
    data = json.loads((ROOT / "reports" / "cpu-x64off" / "report.json").read_text())
    data["divergences"] = data["divergences"][:5]
    data["cases"] = data["cases"][:5]
    data["session"] = "good"
    return data


def _drop(key):
    def edit(d):
        del d[key]
    return edit


def _set(*path_and_value):
    *path, value = path_and_value

    def edit(d):
        for key in path[:-1]:
            d = d[key]
        d[path[-1]] = value
    return edit


def _del_smallest(d):
    del d["divergences"][3]["smallest"]


# (edit of a good report, the field the error names, words of the problem)
BAD_REPORTS = {
    "divergences-as-dict": (_set("divergences", {"a": 1}), "divergences", "expected a list, got an object"),
    "empty-environment": (_set("environment", {}), "environment.jax", "missing"),
    "divergence-without-smallest": (_del_smallest, "divergences[3].smallest", "missing"),
    "areas-as-list": (_set("areas", []), "areas", "expected an object, got a list"),
    "schema-99": (_set("schema", 99), "schema", "99 is not supported (this version reads 1, 2, 3, 4)"),
    "schema-as-string": (_set("schema", "1"), "schema", "expected an integer, got a string"),
    "no-cases": (_drop("cases"), "cases", "missing"),
    "count-as-bool": (_set("divergences", 0, "count", True), "divergences[0].count",
                      "expected an integer, got a boolean"),
    "status-unknown": (_set("divergences", 1, "status", "agree"), "divergences[1].status",
                       "expected one of 'known', 'new', got 'agree'"),
    "near-misses-as-string": (_set("divergences", 2, "smallest", "near_misses", "x"),
                              "divergences[2].smallest.near_misses", "expected a list, got a string"),
    "x64-as-string": (_set("environment", "x64", "off"), "environment.x64",
                      "expected a boolean, got a string"),
    "ml-dtypes-as-number": (_set("environment", "ml_dtypes", 7), "environment.ml_dtypes",
                            "expected a string or null, got an integer"),
    "interrupted-as-string": (_set("run", "interrupted", "yes"), "run.interrupted",
                              "expected a boolean, got a string"),
    "area-count-missing": (lambda d: d["areas"]["broadcasting"].pop("new"), "areas.broadcasting.new",
                           "missing"),
    "table-cell-as-list": (lambda d: d["tables"]["matmul-errors"]["cells"].update({"r": {"c": [1]}}),
                           "tables.matmul-errors.cells.r.c", "got a list"),
    "unmatched-as-dict": (_set("unmatched_catalogue", {}), "unmatched_catalogue",
                          "expected a list, got an object"),
}


def _write(tmp_path: Path, name: str, data) -> Path:
    path = tmp_path / name / "report.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return path


def _commands(good_path: Path, bad_path: Path) -> dict[str, list[str]]:
    return {
        "render": ["report", "render", str(bad_path), "-o", "-"],
        "combine": ["report", "combine", str(good_path), str(bad_path), "-o", "-"],
        "diff-old": ["report", "diff", str(bad_path), str(good_path)],
        "diff-new": ["report", "diff", str(good_path), str(bad_path)],
    }


def _one_line_error(capsys, argv) -> str:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(PREFIX), err
    return lines[0][len(PREFIX):]


@pytest.mark.parametrize("bad", BAD_REPORTS, ids=str)
@pytest.mark.parametrize("command", ["render", "combine", "diff-old", "diff-new"])
def test_bad_report_is_one_line_naming_file_and_field(bad, command, good, tmp_path, capsys):
    edit, where, problem = BAD_REPORTS[bad]
    data = copy.deepcopy(good)
    edit(data)
    data["session"] = "bad"
    good_path, bad_path = _write(tmp_path, "good", good), _write(tmp_path, "bad", data)
    message = _one_line_error(capsys, _commands(good_path, bad_path)[command])
    assert message.startswith(f"{bad_path}: {where}: "), message
    assert problem in message


@pytest.mark.parametrize("command", ["render", "combine", "diff-old", "diff-new"])
@pytest.mark.parametrize(("text", "where", "problem"), [
    ('{"schema": 1,\n "session": "x",,}', "line 2 column 17", "not valid JSON"),
    ("", "line 1 column 1", "not valid JSON"),
    ("[1, 2]", None, "is not a conformance report (the JSON is a list, not an object)"),
    ("{}", None, "is not a conformance report (missing areas, cases, divergences"),
])
def test_unreadable_report_is_one_line_naming_the_file(command, text, where, problem, good, tmp_path,
                                                        capsys):
    good_path, bad_path = _write(tmp_path, "good", good), _write(tmp_path, "bad", text)
    message = _one_line_error(capsys, _commands(good_path, bad_path)[command])
    assert message.startswith(f"{bad_path}: {where + ': ' if where else ''}{problem}"), message


def test_a_spool_file_given_as_a_report_says_so(tmp_path, capsys):
    path = tmp_path / "main.json"
    path.write_text(json.dumps(Recorder().snapshot()))
    message = _one_line_error(capsys, ["report", "render", str(path)])
    assert message.startswith(f"{path}: is not a conformance report but a recorder spool file")


def test_a_report_folder_given_to_render_names_its_report(good, tmp_path, capsys):
    path = _write(tmp_path, "good", good)
    message = _one_line_error(capsys, ["report", "render", str(path.parent)])
    assert message == f"no report file at {path.parent} (a folder: pass {path})"


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: p.parent.name)
def test_committed_reports_validate(path):
    assert schema.load_report(path)["schema"] in schema.SUPPORTED_SCHEMAS


def test_optional_fields_may_be_absent_or_present(good):
    data = copy.deepcopy(good)
    data["environment"].pop("ml_dtypes", None)  # reports written before ml_dtypes was recorded
    data["run"].pop("seconds", None)
    data.pop("tables", None)
    schema.validate_report(data)
    for ml_dtypes in ("0.7.0", None):
        data["environment"]["ml_dtypes"] = ml_dtypes
        data["run"]["interrupted"] = ml_dtypes is None
        schema.validate_report(data)
    data["environment"]["later_fact"] = {"any": "thing"}  # fields nobody reads are let be
    schema.validate_report(data)


def test_this_version_reads_what_it_writes():
    assert report.SCHEMA_VERSION in schema.SUPPORTED_SCHEMAS
    data = report.build(_recorder(), session="s", profile="ci", seed="derandomized", exitstatus=0,
                        processes=1)
    assert schema.validate_report(json.loads(json.dumps(data))) is not None


# -- report build --------------------------------------------------------------------------------------
SMALLEST = {"size": 2, "mode": "eager", "summary": "a + b: values", "detail": "", "numpy": "1",
            "jax": "2", "numpy_warnings": [], "near_misses": [], "left_over": [],
            "reproducer": "print(1)"}


def _snapshot() -> dict:
    return {"counts": [["broadcasting", "add", "eager", "agree", 3],
                       ["broadcasting", "add", "eager", "new", 1]],
            "divergences": {"new|values|broadcasting|add": {
                "id": None, "status": "new", "area": "broadcasting", "case": "add", "kind": "values",
                "count": 1, "modes": ["eager"], "smallest": SMALLEST}},
            "tests": {"passed": 1}, "tables": {}, "seconds": {"check": 0.5}}


def _recorder() -> Recorder:
    recorder = Recorder()
    recorder.merge(_snapshot())
    return recorder


def _spool(tmp_path: Path, files: dict[str, object]) -> Path:
    spool = tmp_path / "run" / "spool"
    spool.mkdir(parents=True)
    for name, content in files.items():
        (spool / name).write_text(content if isinstance(content, str) else json.dumps(content))
    return spool


def test_build_accepts_the_report_folder_for_its_spool(good, tmp_path, capsys):
    spool = _spool(tmp_path, {"main.json": {**_snapshot(), "meta": {"profile": "ci", "seed": "42"}}})
    (spool.parent / "report.json").write_text(json.dumps(good))  # an older report beside the spool
    assert main(["report", "build", str(spool.parent)]) == 0
    data = schema.load_report(spool.parent / "report.json")
    assert data["session"] == "run" and data["areas"]["broadcasting"]["new"] == 1
    assert (data["environment"]["profile"], data["environment"]["seed"]) == ("ci", "42")
    assert "Traceback" not in capsys.readouterr().err


def test_build_without_meta_says_unknown(tmp_path):
    spool = _spool(tmp_path, {"gw0.json": _snapshot(), "gw1.json": Recorder().snapshot()})
    assert main(["report", "build", str(spool)]) == 0
    data = schema.load_report(spool.parent / "report.json")
    assert data["environment"]["profile"] == "unknown" and data["environment"]["seed"] == "unknown"


def _bad_spool_file(tmp_path, content) -> tuple[list[str], Path]:
    spool = _spool(tmp_path, {"gw0.json": _snapshot(), "gw1.json": content})
    return ["report", "build", str(spool)], spool / "gw1.json"


def _without_smallest() -> dict:
    snapshot = _snapshot()
    del snapshot["divergences"]["new|values|broadcasting|add"]["smallest"]
    return snapshot


@pytest.mark.parametrize(("content", "where", "problem"), [
    ('{"counts": [', "line 1 column 13", "not valid JSON (Expecting value)"),
    ({"counts": [["a", "b", "eager", "agree"]], "divergences": {}}, "counts[0]",
     "expected a list of 5, got a list of 4"),
    ({"counts": [["a", "b", "eager", "maybe", 1]], "divergences": {}}, "counts[0][3]",
     "expected one of 'agree', 'known', 'vanished', 'new', got 'maybe'"),
    ({"counts": []}, "divergences", "missing"),
    (_without_smallest(), "divergences.'new|values|broadcasting|add'.smallest", "missing"),
    ({**_snapshot(), "meta": {"seed": [1]}}, "meta.seed", "expected a string, an integer or null"),
    ({**_snapshot(), "meta": []}, "meta", "expected an object, got a list"),
    ({"schema": 1, "environment": {}}, None, "is a report, not a spool file"),
])
def test_build_names_the_malformed_spool_file(content, where, problem, tmp_path, capsys):
    argv, path = _bad_spool_file(tmp_path, content)
    message = _one_line_error(capsys, argv)
    assert message.startswith(f"{path}: {where + ': ' if where else ''}{problem}"), message
    assert not (path.parent.parent / "report.json").exists()  # nothing half-built


@pytest.mark.parametrize(("make", "message"), [
    (lambda tmp: tmp / "missing", "no spool files in {tmp}/missing"),
    (lambda tmp: (tmp / "empty").mkdir() or tmp / "empty", "no spool files in {tmp}/empty"),
    (lambda tmp: (tmp / "r" / "spool").mkdir(parents=True) or tmp / "r", "no spool files in {tmp}/r/spool"),
])
def test_build_without_spool_files_says_so(make, message, tmp_path, capsys):
    assert _one_line_error(capsys, ["report", "build", str(make(tmp_path))]) == message.format(tmp=tmp_path)


def test_build_on_a_report_folder_without_its_spool_says_so(good, tmp_path, capsys):
    path = _write(tmp_path, "good", good)
    message = _one_line_error(capsys, ["report", "build", str(path.parent)])
    assert message == f"no spool files in {path.parent}/spool ({path.parent} is a report folder " \
                      "without its spool/)"


def test_build_given_a_report_file_asks_for_the_folder(good, tmp_path, capsys):
    path = _write(tmp_path, "good", good)
    message = _one_line_error(capsys, ["report", "build", str(path)])
    assert message.startswith(f"{path}: is a file, not a spool folder")


# -- through the real entry point ------------------------------------------------------------------------
def test_entry_point_prints_one_line_and_no_traceback(tmp_path):
    path = _write(tmp_path, "bad", '{"schema": 1,\n}')
    result = subprocess.run([sys.executable, "-m", "conformance", "report", "render", str(path)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"{PREFIX}{path}: line 2 column 1: not valid JSON (Expecting property name " \
                            "enclosed in double quotes)\n"


def test_help_lists_the_pytest_options_and_how_to_run_the_suite():
    result = subprocess.run([sys.executable, "-m", "conformance", "--help"], capture_output=True,
                            text=True, check=True, cwd=ROOT)
    for option in ("--x64", "--report-dir", "--session-name", "--devices", "--hang-timeout",
                   "--keep-jax-caches", "--hypothesis-profile", "--hypothesis-seed", "nox -s cpu",
                   "python -m pytest tests/conformance -n auto --x64=off --report-dir=reports/mine "
                   "--hypothesis-profile=ci"):
        assert option in result.stdout
    text = " ".join(result.stdout.split())  # argparse wraps the help texts
    for profile in ("dev", "quick", "ci", "thorough"):
        assert f" {profile}" in text
    assert "write report.json and report.md for this run into DIR" in text  # read from the plugin

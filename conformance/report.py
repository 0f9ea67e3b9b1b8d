"""Build the report from a recorder's data, and render it: report.json and the same content as markdown.

`build` takes the run's facts from its caller (the plugin) or, left out, from the metadata each spool
file carries (`build_from_spool` rebuilds a report from a spool folder alone). `run.interrupted` says
whether the run stopped before it ran what it collected, `run.interruption` how (added in schema 1 as
optional fields: older reports lack them).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tabulate import tabulate

from conformance.recorder import STATUSES, Recorder

SCHEMA_VERSION = 3  # 3: coverage and API surface sections (see conformance/schema.py)
API_TABLE = "api-surface"  # the recorder table of conformance/surface.py (kept jax-free here)
INTERRUPTED_EXIT_STATUS = 2  # pytest.ExitCode.INTERRUPTED: KeyboardInterrupt, or SIGTERM via the plugin
FROM_SPOOL: Any = object()  # the default of build's run facts: read them from the merged spool files
# What `report build` passed before spool files carried the run's facts: read as "from the spool" too.
_PLACEHOLDERS = {"profile": "unknown", "seed": "unknown", "exitstatus": -1}


def spooled_run(recorder: Recorder) -> dict[str, Any]:
    """The run's facts as the spool files merged into `recorder` tell them: session, profile, seed and
    environment (from any process), processes that ran tests, and the exit status and interruption
    when the controller lived to spool them. Keys are left out where no spool file tells."""
    facts: dict[str, Any] = {}
    for meta in recorder.merged_meta:
        for key in ("session", "profile", "seed", "environment", "exitstatus", "interrupted",
                    "interruption"):
            if key in meta:
                facts.setdefault(key, meta[key])
    if recorder.merged_meta:
        facts["processes"] = sum(1 for meta in recorder.merged_meta if meta.get("tests_run", 0) > 0)
    return facts


def build_from_snapshots(snapshots: Iterable[dict[str, Any]], *, session_name: str | None = None,
                         default_session: str = "unknown") -> dict[str, Any]:
    """The report of the spool files' snapshots (already loaded, and checked if the caller checks):
    the run's facts come from their metadata. The session is `session_name`, else the one spooled,
    else `default_session`."""
    recorder = Recorder()
    for snapshot in snapshots:
        recorder.merge(snapshot)
    session = session_name or spooled_run(recorder).get("session") or default_session
    return build(recorder, session=session)


def build_from_spool(spool_dir: Path, session_name: str | None = None) -> dict[str, Any]:
    """The report of a `<report>/spool` folder, as the run would have written it (`report build`)."""
    spool_dir = Path(spool_dir)
    snapshots = [json.loads(path.read_text()) for path in sorted(spool_dir.glob("*.json"))]
    return build_from_snapshots(snapshots, session_name=session_name,
                                default_session=spool_dir.resolve().parent.name)


def _run_facts(recorder: Recorder, given: dict[str, Any]) -> dict[str, Any]:
    """Each fact the caller gave, else the spool's, else a fallback."""
    spooled = spooled_run(recorder)

    def pick(key: str, fallback: Any) -> Any:
        value = given[key]
        if value is FROM_SPOOL or (key in _PLACEHOLDERS and value == _PLACEHOLDERS[key]):
            return spooled.get(key, fallback)
        return value

    facts = {"profile": pick("profile", "unknown"), "seed": pick("seed", "unknown"),
             "exitstatus": pick("exitstatus", -1), "processes": pick("processes", 1)}
    interrupted, how = pick("interrupted", None), pick("interruption", None)
    if interrupted is None:  # neither the caller nor the controller's last spool said
        if facts["exitstatus"] == _PLACEHOLDERS["exitstatus"]:  # the run never wrote its report
            interrupted, how = True, how or "the run did not write its report; rebuilt from its spool"
        else:
            interrupted = facts["exitstatus"] == INTERRUPTED_EXIT_STATUS
    facts["interrupted"] = bool(interrupted)
    facts["interruption"] = (how or f"pytest exit status {facts['exitstatus']}") if interrupted else None
    return facts


def _environment(spooled: dict[str, Any] | None):
    """The run's environment as its processes spooled it (a rebuilt report is not the rebuilding
    process's: x64 and the platform may differ), else this process's."""
    from dataclasses import fields

    from conformance import environment

    names = [f.name for f in fields(environment.Environment)]
    if spooled and all(name in spooled for name in names):
        return environment.Environment(**{name: spooled[name] for name in names})
    return environment.current()


def build(recorder: Recorder, *, session: str, profile: Any = FROM_SPOOL, seed: Any = FROM_SPOOL,
          exitstatus: Any = FROM_SPOOL, processes: Any = FROM_SPOOL, interrupted: Any = FROM_SPOOL,
          interruption: Any = FROM_SPOOL) -> dict[str, Any]:
    """The report's data. Run facts left out (or the placeholders "unknown" and -1) are read from the
    spool files merged into `recorder` (`spooled_run`); `processes` counts those that ran tests."""
    from conformance.catalogue import BY_ID, CATALOGUE

    run = _run_facts(recorder, {"profile": profile, "seed": seed, "exitstatus": exitstatus,
                                "processes": processes, "interrupted": interrupted,
                                "interruption": interruption})
    env = _environment(spooled_run(recorder).get("environment"))
    areas: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(("examples", *STATUSES), 0))
    cases: dict[tuple[str, str, str], dict[str, int]] = defaultdict(lambda: dict.fromkeys(STATUSES, 0))
    for (area, case, mode, status), n in recorder.counts.items():
        areas[area]["examples"] += n
        areas[area][status] += n
        cases[(area, case, mode)][status] += n
    divergences, vanished = [], []
    for record in recorder.divergences.values():
        # a combined id (A+B) names entries that explain one difference together
        entries = [BY_ID[i] for i in record["id"].split("+") if i in BY_ID] if record["id"] else []
        row = {
            **{k: record[k] for k in ("id", "status", "area", "case", "kind", "count")},
            "modes": sorted(record["modes"]),
            "title": " + ".join(e.title for e in entries) or record["smallest"]["summary"],
            "source": "; ".join(e.source for e in entries) or "new: not in the catalogue",
            "smallest": record["smallest"],
        }
        if record["status"] == "vanished":
            del row["status"]
            vanished.append({**row, "fails": bool(record.get("fails", True))})
            continue
        if record["status"] == "known":
            row["undefined"] = record.get("undefined", 0)
        divergences.append(row)
    divergences.sort(key=lambda d: (d["status"] != "new", d["area"], d["id"] or "", d["case"], d["kind"]))
    vanished.sort(key=lambda d: (not d["fails"], d["area"], d["id"], d["case"], d["kind"]))
    matched = {i for d in divergences + vanished if d["id"] for i in d["id"].split("+")}
    unmatched = [
        {"id": e.id, "area": e.area, "title": e.title, "condition": e.condition,
         "applicable": _applicable(e, env)}
        for e in CATALOGUE if e.id not in matched
    ]
    tables = {name: table for name, table in recorder.tables.items() if name != API_TABLE}
    return {
        "schema": SCHEMA_VERSION,
        "session": session,
        "environment": {**env.as_dict(), "profile": run["profile"], "seed": run["seed"]},
        "run": {"exitstatus": run["exitstatus"], "processes": run["processes"],
                "interrupted": bool(run["interrupted"]),
                **({"interruption": run["interruption"]} if run["interrupted"] else {}),
                "tests": dict(recorder.tests),
                "seconds": {k: round(v, 3) for k, v in sorted(recorder.seconds.items())}},
        "areas": dict(sorted(areas.items())),
        "cases": [{"area": a, "case": c, "mode": m, **counts}
                  for (a, c, m), counts in sorted(cases.items())],
        "divergences": divergences,
        "vanished": vanished,
        "proof_strength": proof_strength(divergences, BY_ID),
        "unmatched_catalogue": unmatched,
        "tables": tables,
        "coverage": coverage_section(recorder),
        "api_surface": api_surface_section(recorder.tables.get(API_TABLE)),
    }


def coverage_section(recorder: Recorder) -> dict[str, Any]:
    """conformance/coverage.py's section: the running JAX's public functions, checked by the examples of
    the cases whose recorded source calls them."""
    from conformance import coverage

    per_case = ((recorder.sources.get(f"{area}|{case}", ""), n)
                for (area, case, _mode, _status), n in recorder.counts.items())
    return coverage.section(coverage.examples_by_function(per_case))


def api_surface_section(table: dict[str, Any] | None) -> dict[str, Any]:
    """One row per NumPy function the API surface test looked up (conformance/surface.py)."""
    rows = [{"function": name, "in_jax": cells.get("in jax.numpy", ""),
             "signature": cells.get("signature", ""), "differences": cells.get("differences", ""),
             "entry": cells.get("entry", "")}
            for name, cells in sorted((table or {"cells": {}})["cells"].items())]
    return {"functions": len(rows), "in_jax": sum(1 for r in rows if r["in_jax"] == "yes"),
            "matching": sum(1 for r in rows if r["signature"] == "matches"), "rows": rows}


def proof_strength(divergences: list[dict[str, Any]], by_id: dict[str, Any]) -> list[dict[str, Any]]:
    """Per catalogue entry that explained examples: how many its model matched as asserted, and how
    many only by accepting any value at free positions (which its `undefined` document allows). Each
    entry of a chain `A+B` (or `A+B+C`) counts the chain's examples."""
    rows: dict[str, dict[str, Any]] = {}
    for d in divergences:
        if d["status"] != "known" or not d["id"]:
            continue
        for entry_id in d["id"].split("+"):
            entry = by_id.get(entry_id)
            row = rows.setdefault(entry_id, {"id": entry_id, "examples": 0, "asserted": 0,
                                             "undefined": 0,
                                             "citation": getattr(entry, "undefined", "") or ""})
            row["examples"] += d["count"]
            row["undefined"] += d.get("undefined", 0)
            row["asserted"] = row["examples"] - row["undefined"]
    return sorted(rows.values(), key=lambda r: (-r["undefined"], r["id"]))


def _applicable(entry, env) -> str:
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

    if entry.x64 is not None and entry.x64 != env.x64:
        return f"no: holds with x64 {'on' if entry.x64 else 'off'}"
    if entry.platforms and env.platform not in entry.platforms:
        return f"no: holds on {', '.join(entry.platforms)}"
    if entry.jax_versions and Version(env.jax) not in SpecifierSet(entry.jax_versions):
        return f"no: holds for jax {entry.jax_versions}"
    return "yes: never triggered in this run"


def write(data: dict[str, Any], directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    json_path, md_path = directory / "report.json", directory / "report.md"
    json_path.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n")
    md_path.write_text(render_markdown(data))
    return [md_path, json_path]


def one_line_summary(data: dict[str, Any]) -> str:
    totals = dict.fromkeys(("examples", *STATUSES), 0)
    for counts in data["areas"].values():
        for key in totals:
            totals[key] += counts.get(key, 0)  # schema 1 has no vanished counts
    kinds = {status: sum(1 for d in data["divergences"] if d["status"] == status)
             for status in ("known", "new")}
    vanished = len(data.get("vanished", []))
    covered = data.get("coverage")
    coverage = (f"; {covered['checked']} of {covered['total']} public functions checked"
                if covered else "")  # schema 1 and 2 have no coverage
    return (f"{data['session']}: {totals['examples']} examples: {totals['agree']} agree, "
            f"{totals['known']} known, {totals['vanished']} vanished, {totals['new']} new; "
            f"divergences: {kinds['known']} known, {vanished} vanished, {kinds['new']} new{coverage}")


def _by_entry(divergences: list[dict[str, Any]]) -> list[list[Any]]:
    rows: dict[str, list[Any]] = {}
    for d in divergences:
        key = d["id"] or "NEW"
        row = rows.setdefault(key, [key, d["title"] if d["id"] else "not in the catalogue", 0, 0,
                                    d["source"]])
        row[2] += 1
        row[3] += d["count"]
    return sorted(rows.values(), key=lambda r: (r[0] != "NEW", r[0]))


def _code(text: str) -> str:
    """Inline code that survives a markdown table cell."""
    return "`" + str(text).replace("|", "\\|") + "`"


def _fence(text: str, language: str = "") -> str:
    return f"```{language}\n{text}\n```"


def _render_tables(tables: dict[str, dict[str, Any]]) -> list[str]:
    """Each recorded table as a matrix: its rows and columns in the order first seen."""
    out = []
    for table in tables.values():
        rows = list(table["cells"])
        columns = list(dict.fromkeys(c for r in rows for c in table["cells"][r]))
        body = [[r, *(_cell(table["cells"][r].get(c, "")) for c in columns)] for r in rows]
        out += [f"## {table['title']}", "", tabulate(body, headers=["", *columns], tablefmt="github"), ""]
    return out


def _cell(value: Any) -> str:
    return f"{value:.3g}" if isinstance(value, float) else str(value)


def _interrupted_banner(run: dict[str, Any]) -> list[str]:
    """First thing in the report: a run that stopped early counts only what ran before it stopped."""
    if not run.get("interrupted"):
        return []
    how = run.get("interruption") or "interrupted"
    return [f"> **This run was interrupted** ({how}; pytest exit status {run['exitstatus']}). "
            "The counts below are what ran before it stopped: tests it did not reach are missing.", ""]


def _render_vanished(vanished: list[dict[str, Any]]) -> list[str]:
    """Documented divergences that JAX no longer shows: each fails the run unless the entry's version
    gate excludes this JAX."""
    out = ["## Vanished divergences", "",
           "Examples where a catalogue entry holds (gates and trigger) and its model predicts another "
           "outcome than NumPy's, but JAX agrees with NumPy: the documented behaviour is no longer "
           "there. Each fails the run, unless the entry's `jax_versions` gate excludes this JAX (seen "
           "only with the gates off, as `nox -s history` runs).", ""]
    if not vanished:
        return [*out, "None: every entry whose model differs from NumPy held where it applied.", ""]
    rows = [[d["id"], d["area"], _code(d["case"]), d["kind"], ", ".join(d["modes"]), d["count"],
             "yes" if d["fails"] else "no: outside its gate"] for d in vanished]
    out += [tabulate(rows, headers=["catalogue id", "area", "case", "predicted", "modes", "examples",
                                    "fails the run"], tablefmt="github"), ""]
    for d in vanished:
        s = d["smallest"]
        out += [f"### VANISHED {d['id']}: `{d['case']}` ({d['kind']})", "",
                f"- {d['title']}", f"- source: {d['source']}",
                f"- seen in {d['count']} examples ({', '.join(d['modes'])}); smallest, {s['mode']}: "
                f"{s['summary']}",
                f"- jax: `{s['jax']}`", f"- numpy: `{s['numpy']}`",
                "", "<details><summary>reproducer</summary>", "",
                _fence(s["reproducer"], "python"), "", "</details>", ""]
    return out


def _render_coverage(coverage: dict[str, Any] | None) -> list[str]:
    """The coverage map: the summary line, what was not checked (with its reason), what was."""
    if coverage is None:  # a report before schema 3
        return []
    from conformance.coverage import summary_line

    out = ["## Coverage", "", summary_line(coverage) + ".", "",
           "Every public callable of jax.numpy, jax.numpy.linalg and jax.numpy.fft in the running JAX "
           "(classes aside). Checked: a case of this run calls it (its examples counted); not checked: "
           "with the reason it is left out on purpose; not checked yet: everything else.", ""]
    skipped = [[_code(f["name"]), f["reason"], f["source"]]
               for f in coverage["functions"] if f["status"] == "not checked"]
    if skipped:
        out += ["Not checked, on purpose:", "",
                tabulate(skipped, headers=["function", "reason", "source"], tablefmt="github"), ""]
    pending = [f"`{f['name']}`" for f in coverage["functions"] if f["status"] == "not checked yet"]
    if pending:
        out += [f"Not checked yet ({len(pending)}): " + ", ".join(pending) + ".", ""]
    checked = [f"`{f['name']}` ({f['examples']})" for f in coverage["functions"] if f["status"] == "checked"]
    if checked:
        out += ["Checked (examples): " + ", ".join(checked) + ".", ""]
    if coverage.get("beyond_namespace"):
        out += ["Also checked, beyond the namespaces' functions (examples): " + ", ".join(
            f"`{name}` ({n})" for name, n in coverage["beyond_namespace"].items()) + ".", ""]
    return out


def _render_api_surface(api: dict[str, Any] | None) -> list[str]:
    """NumPy's functions that jax.numpy lacks or whose signature differs, each with its entry."""
    if not api or not api["functions"]:
        return []
    out = ["## API surface", "",
           f"{api['functions']} public functions of NumPy (main namespace, linalg, fft): {api['in_jax']} "
           f"in jax.numpy, {api['matching']} with the same signature as a caller sees it "
           "(conformance/surface.py). The others:", ""]
    rows = [[_code(r["function"]), r["in_jax"],
             (r["differences"] or f"signature {r['signature']}").replace("|", "\\|"), r["entry"] or "—"]
            for r in api["rows"] if r["signature"] != "matches"]
    if rows:
        out += [tabulate(rows, headers=["function", "in jax?", "differences", "entry"],
                         tablefmt="github"), ""]
    return out


def _render_proof_strength(rows: list[dict[str, Any]] | None) -> list[str]:
    """Per entry: examples matched by its asserting model, and those matched only at positions a
    document calls undefined (any value accepted there): where the proof is weak."""
    if rows is None:  # a schema-1 report
        return []
    out = ["## Proof strength", "",
           "For each catalogue entry that explained examples: how many JAX matched on every value its "
           "model asserts, and how many only because the model accepts any value at some positions (free "
           "positions, allowed only where the cited document calls the value undefined).", ""]
    if not rows:
        return [*out, "No catalogue entry explained an example.", ""]
    body = [[r["id"], r["examples"], r["asserted"], r["undefined"], r["citation"] or "—"] for r in rows]
    return [*out, tabulate(body, headers=["catalogue id", "examples", "asserted", "at undefined positions",
                                          "undefined per"], tablefmt="github"), ""]


def render_markdown(data: dict[str, Any]) -> str:
    env = data["environment"]
    out = [f"# Conformance report: {data['session']}", "", *_interrupted_banner(data["run"]),
           "jax.numpy checked against NumPy. Every example is counted; each divergence shows its "
           "smallest example and a reproducer you can paste into Python.", "",
           "## Environment", ""]
    rows = [["jax", env["jax"]], ["jaxlib", env["jaxlib"]], ["numpy", env["numpy"]],
            ["ml_dtypes", env.get("ml_dtypes", "not recorded")],
            ["hypothesis", env["hypothesis"]], ["python", env["python"]],
            ["machine", env["machine"]],
            ["device", f"{env['platform']}: {env['device_kind']} x{env['device_count']}"],
            ["x64", "on" if env["x64"] else "off"], ["profile", env["profile"]],
            ["seed", env["seed"]], ["processes", data["run"]["processes"]],
            ["pytest exit status", data["run"]["exitstatus"]],
            ["tests", ", ".join(f"{k}: {v}" for k, v in sorted(data["run"]["tests"].items()))]]
    out += [tabulate(rows, headers=["", ""], tablefmt="github"), ""]
    out += ["## Summary by area", "", one_line_summary(data), ""]
    rows = [[area, c["examples"], c["agree"], c["known"], c.get("vanished", 0), c["new"]]
            for area, c in data["areas"].items()]
    out += [tabulate(rows, headers=["area", "examples", "agree", "known", "vanished", "new"],
                     tablefmt="github"), ""]
    out += _render_coverage(data.get("coverage"))
    out += _render_api_surface(data.get("api_surface"))
    out += _render_vanished(data.get("vanished", []))
    out += ["## Divergences", ""]
    if not data["divergences"]:
        out += ["None: every example agreed with NumPy.", ""]
    else:
        out += ["By catalogue entry (an id like `A+B` is two entries, or three, explaining one "
                "difference together):", ""]
        out += [tabulate(_by_entry(data["divergences"]),
                         headers=["catalogue id", "title", "cases", "examples", "source"],
                         tablefmt="github"), "", "By case:", ""]
        rows = [[d["status"].upper() if d["status"] == "new" else d["status"], d["id"] or "—",
                 d["area"], _code(d["case"]), d["kind"], ", ".join(d["modes"]), d["count"]]
                for d in data["divergences"]]
        out += [tabulate(rows, headers=["status", "catalogue id", "area", "case", "kind", "modes",
                                        "examples"], tablefmt="github"), ""]
        for d in data["divergences"]:
            s = d["smallest"]
            label = d["id"] or "NEW (not in the catalogue)"
            out += [f"### {label}: `{d['case']}` ({d['kind']})", "",
                    f"- {d['title']}", f"- source: {d['source']}",
                    f"- seen in {d['count']} examples ({', '.join(d['modes'])}); smallest, "
                    f"{s['mode']}: {s['summary']}",
                    f"- jax: `{s['jax']}`", f"- numpy: `{s['numpy']}`"]
            if s["near_misses"]:
                out += [f"- near miss: {m}" for m in s["near_misses"]]
            out += ["", "<details><summary>reproducer</summary>", "",
                    _fence(s["reproducer"], "python"), "", "</details>", ""]
    out += _render_proof_strength(data.get("proof_strength"))
    out += _render_tables(data.get("tables", {}))
    out += ["## Catalogue entries not seen in this run", ""]
    if data["unmatched_catalogue"]:
        rows = [[e["id"], e["area"], e["title"], e["applicable"]] for e in data["unmatched_catalogue"]]
        out += [tabulate(rows, headers=["id", "area", "title", "applies here"], tablefmt="github"), ""]
    else:
        out += ["Every catalogue entry matched at least one example.", ""]
    out += ["## Examples by case and mode", ""]
    rows = [[c["area"], _code(c["case"]), c["mode"], c["agree"], c["known"], c.get("vanished", 0),
             c["new"]] for c in data["cases"]]
    out += [tabulate(rows, headers=["area", "case", "mode", "agree", "known", "vanished", "new"],
                     tablefmt="github"), ""]
    return "\n".join(out)

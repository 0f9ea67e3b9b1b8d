"""Build the report from a recorder's data and write it: report.json, and its views made from it
(report.md and details.md by conformance/markdown.py, index.html by conformance/html.py).

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

from conformance.markdown import one_line_summary, render_details  # noqa: F401 (the report's API)
from conformance.markdown import render_summary as render_markdown
from conformance.recorder import STATUSES, Recorder

SCHEMA_VERSION = 4  # 3: coverage and API surface sections; 4: the grid (see conformance/schema.py)
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
        # the divergence map's cells (conformance/views.py): area, case, mode, dtype, verdict, examples
        "grid": [[*key, n] for key, n in sorted(recorder.grid.items())],
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
    if entry.numpy_versions and Version(env.numpy) not in SpecifierSet(entry.numpy_versions):
        return f"no: holds for numpy {entry.numpy_versions}"
    return "yes: never triggered in this run"


def write(data: dict[str, Any], directory: Path) -> list[Path]:
    """report.json, and its views: report.md (the summary), details.md and index.html."""
    directory.mkdir(parents=True, exist_ok=True)
    json_path = directory / "report.json"
    json_path.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n")
    md, *others = write_views(data, directory)
    return [md, json_path, *others]  # the summary and the JSON first, as before the other views


def write_views(data: dict[str, Any], directory: Path) -> list[Path]:
    """report.md, details.md and index.html of a report, in `directory`."""
    from conformance import html

    views = {"report.md": render_markdown(data), "details.md": render_details(data),
             "index.html": html.render([data])}
    for name, text in views.items():
        (directory / name).write_text(text)
    return [directory / name for name in views]



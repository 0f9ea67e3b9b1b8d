"""The version history of every catalogue entry: where each was seen, where JAX agreed with NumPy
although the entry predicted a divergence, and where its `jax_versions` gate says otherwise.

Reads the reports of runs on several JAX releases (`nox -s history` writes them, one per release and
x64 mode, with the version gates off) and writes history.md and history.json:

    python -m conformance.history reports/history/*/report.json -o reports/
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.specifiers import SpecifierSet
from packaging.version import Version
from tabulate import tabulate

# Where JAX agreed with NumPy although an entry predicted a divergence: the report's `vanished` list
# (schema 2), or in older reports the table "catalogue-agreed" that check.py filled before.
AGREED = "catalogue-agreed"
VERSIONS_FILE = Path(__file__).with_name("history_versions.json")  # the releases nox -s history runs

LEGEND = [
    "One row per catalogue entry, one column per JAX release. Each column merges the two x64 modes of "
    "that release (x64 off and on, two runs): an entry gated on x64 can only hold in one of them, and the "
    "gate under test is the version gate. history.json keeps each mode apart.",
    "",
    "- `seen N`: the entry explained N examples (both modes together).",
    "- `agreed`: the entry's trigger held and its model predicted a difference from NumPy, but JAX agreed "
    "with NumPy. `seen N, agreed`: both happened in that release (a model broader than the behaviour, "
    "not a version question).",
    "- `missed`: the entry's trigger held on a NEW divergence (the report's near misses), but JAX did "
    "something else than its model says: JAX differs from NumPy there, not in the documented way.",
    "- `—`: not reached: no example triggered the entry with a difference predicted.",
    "- `n/a`: the entry holds only on other platforms than the one the runs used.",
    "- `gate?`: the entry's `jax_versions` gate is contradicted there: seen outside the gate, or agreed "
    "or missed (and never seen) inside it.",
    "",
    "The runs ignore the gates (`CONFORMANCE_VERSION_GATES=off`), so that an entry can be seen outside "
    "its gate. The quick Hypothesis profile draws few examples: `—` means not reached, not absent. Each "
    "release runs with the numpy and ml_dtypes of its time (see Runs), so a change from one column to the "
    "next may be NumPy's. `history says` is the gate the runs support where they separate the releases "
    "(`>A`: only agreed or missed up to release A, seen after it).",
]


@dataclass(frozen=True)
class Entry:
    """What the history needs of a catalogue entry."""

    id: str
    title: str
    jax_versions: str = ""
    platforms: tuple[str, ...] = ()

    def inside(self, version: str) -> bool:
        return not self.jax_versions or Version(version) in SpecifierSet(self.jax_versions)


def catalogue_entries() -> list[Entry]:
    from conformance.catalogue import CATALOGUE

    return [Entry(e.id, e.title, e.jax_versions, tuple(e.platforms)) for e in CATALOGUE]


def _x64(report: dict[str, Any]) -> str:
    return "on" if report["environment"]["x64"] else "off"


def _seen(report: dict[str, Any]) -> dict[str, int]:
    """Examples explained by each entry (an entry of a pair `A+B` counts the pair's examples)."""
    seen: dict[str, int] = {}
    for divergence in report["divergences"]:
        if divergence["status"] == "known" and divergence["id"]:
            for entry_id in divergence["id"].split("+"):
                seen[entry_id] = seen.get(entry_id, 0) + divergence["count"]
    return seen


def _agreed(report: dict[str, Any]) -> set[str]:
    return (set(report.get("tables", {}).get(AGREED, {}).get("cells", {}))
            | {d["id"] for d in report.get("vanished", [])})


def _agreed_recorded(report: dict[str, Any]) -> bool:
    """The run recorded where JAX agreed against an entry's prediction (older runs did not)."""
    return "vanished" in report or AGREED in report.get("tables", {})


_NEAR_MISS = re.compile(r"^([A-Z0-9]+(?:-[A-Z0-9]+)*) applies, but ")


def _missed(report: dict[str, Any]) -> set[str]:
    """Entries whose trigger held on a NEW divergence's smallest example, but whose model JAX did not
    match there (the report's near misses): JAX differed from NumPy, another way than the entry says."""
    return {m.group(1) for d in report["divergences"] if d["status"] == "new"
            for near in (d.get("smallest") or {}).get("near_misses", []) if (m := _NEAR_MISS.match(near))}


def _new(report: dict[str, Any]) -> list[str]:
    """The divergences no entry explained: `area: case (kind)`."""
    return sorted({f"{d['area']}: {d['case']} ({d['kind']})" for d in report["divergences"]
                   if d["status"] == "new"})


def _totals(report: dict[str, Any]) -> dict[str, int]:
    totals = dict.fromkeys(("examples", "agree", "known", "new"), 0)
    for counts in report["areas"].values():
        for key in totals:
            totals[key] += counts.get(key, 0)
    return totals


def build(reports: Sequence[dict[str, Any]], entries: Iterable[Entry]) -> dict[str, Any]:
    """The history as data: the runs' environments, and per entry and release what the runs showed."""
    versions = sorted({r["environment"]["jax"] for r in reports}, key=Version)
    platforms = {r["environment"]["platform"] for r in reports}
    runs = []
    for r in sorted(reports, key=lambda r: (Version(r["environment"]["jax"]), r["environment"]["x64"])):
        env = r["environment"]
        runs.append({"session": r.get("session", ""), "jax": env["jax"], "jaxlib": env.get("jaxlib"),
                     "numpy": env["numpy"], "ml_dtypes": env.get("ml_dtypes"), "python": env["python"],
                     "platform": env["platform"], "x64": _x64(r), "profile": env.get("profile"),
                     "exitstatus": r.get("run", {}).get("exitstatus"), **_totals(r),
                     "agreed_recorded": _agreed_recorded(r),
                     "seen": _seen(r), "agreed": sorted(_agreed(r)), "missed": sorted(_missed(r)),
                     "new_divergences": _new(r)})
    rows = []
    for entry in entries:
        cells = {}
        for version in versions:
            mine = [run for run in runs if run["jax"] == version]
            seen = {run["x64"]: run["seen"].get(entry.id, 0) for run in mine}
            agreed = sorted(run["x64"] for run in mine if entry.id in run["agreed"])
            missed = sorted(run["x64"] for run in mine if entry.id in run["missed"])
            total = sum(seen.values())
            inside = entry.inside(version)
            contradicted = (total > 0 and not inside) or (inside and bool(agreed or missed) and total == 0)
            applicable = not entry.platforms or bool(platforms & set(entry.platforms))
            cells[version] = {"seen": total, "seen_by_x64": seen, "agreed_x64": agreed,
                              "missed_x64": missed, "inside_gate": inside,
                              "gate_contradicted": contradicted,
                              "mark": _mark(total, bool(agreed), bool(missed), contradicted, applicable)}
        rows.append({"id": entry.id, "title": entry.title, "jax_versions": entry.jax_versions,
                     "cells": cells, "history_says": _suggest(versions, cells),
                     "gate_contradicted": [v for v in versions if cells[v]["gate_contradicted"]]})
    return {"versions": versions, "runs": runs, "entries": rows,
            "pins": _pins(), "legend": "\n".join(LEGEND)}


def _mark(seen: int, agreed: bool, missed: bool, contradicted: bool, applicable: bool) -> str:
    if not applicable and not (seen or agreed or missed):
        return "n/a"
    parts = [f"seen {seen}"] if seen else []
    parts += [name for name, shown in (("agreed", agreed), ("missed", missed)) if shown]
    mark = ", ".join(parts) or "—"
    return f"{mark} gate?" if contradicted else mark


def _suggest(versions: list[str], cells: dict[str, dict[str, Any]]) -> str:
    """The gate the runs support, where they separate the releases: only agreed up to release A and
    seen from the next one on gives `>A`; seen up to a release and only agreed from release B on gives
    `<B`. The bound is the release where JAX was seen to agree, so that the releases between the two
    (not run) stay inside the gate: an entry explains a difference only when JAX matches its model, so a
    wide gate hides nothing, and the agreed marks of a later history would show it. Empty where the runs
    do not separate the releases (seen throughout, never agreed, or not reached)."""
    state = {v: "seen" if c["seen"] else "agreed" if c["agreed_x64"] or c.get("missed_x64") else None
             for v, c in cells.items()}
    known = [(v, state[v]) for v in versions if state[v] is not None]
    order = [s for _, s in known]
    if set(order) != {"seen", "agreed"}:
        return ""
    switch = next(i for i in range(1, len(order)) if order[i] != order[i - 1])
    if any(s != order[0] for s in order[:switch]) or any(s != order[switch] for s in order[switch:]):
        return "mixed: see the cells"
    return f">{known[switch - 1][0]}" if order[0] == "agreed" else f"<{known[switch][0]}"


def _pins() -> list[dict[str, str]]:
    try:
        return json.loads(VERSIONS_FILE.read_text())["versions"]
    except (OSError, ValueError, KeyError):
        return []


def render_markdown(history: dict[str, Any]) -> str:
    versions = history["versions"]
    out = ["# Catalogue history across JAX releases", "",
           "Where each known divergence holds, release by release: read it before upgrading JAX.", "",
           *LEGEND, "", "## Entries", ""]
    body = [[e["id"], e["jax_versions"] or "all", *(e["cells"][v]["mark"] for v in versions),
             e["history_says"] or ""] for e in history["entries"]]
    out += [tabulate(body, headers=["entry", "gate", *versions, "history says"], tablefmt="github"), ""]
    flagged = [e for e in history["entries"] if e["gate_contradicted"]]
    out += ["## Gates the history contradicts", ""]
    if flagged:
        rows = [[e["id"], e["jax_versions"] or "all", ", ".join(e["gate_contradicted"]),
                 e["history_says"] or "—", e["title"]] for e in flagged]
        out += [tabulate(rows, headers=["entry", "gate", "contradicted in", "history says", "title"],
                         tablefmt="github"), ""]
    else:
        out += ["None: every gate agrees with every run.", ""]
    out += ["## Divergences no entry explains", "",
            "NEW in the runs of these releases (the suite failed on them): JAX differs from NumPy there in "
            "a way the catalogue does not document for it.", ""]
    new: dict[str, list[str]] = {}
    for run in history["runs"]:
        for name in run["new_divergences"]:
            label = f"{run['jax']} (x64 {run['x64']})"
            new.setdefault(name, []).append(label)
    if new:
        rows = [[f"`{name}`", ", ".join(labels)] for name, labels in sorted(new.items())]
        out += [tabulate(rows, headers=["divergence (area: case (kind))", "releases"],
                         tablefmt="github"), ""]
    else:
        out += ["None.", ""]
    out += ["## Runs", ""]
    rows = [[r["jax"], r["jaxlib"], r["numpy"], r["ml_dtypes"], r["python"], r["platform"], r["x64"],
             r["profile"], r["examples"], r["agree"], r["known"], r["new"], r["exitstatus"],
             "yes" if r["agreed_recorded"] else "no"] for r in history["runs"]]
    out += [tabulate(rows, headers=["jax", "jaxlib", "numpy", "ml_dtypes", "python", "platform", "x64",
                                    "profile", "examples", "agree", "known", "new", "pytest exit",
                                    "agreed recorded"], tablefmt="github"), ""]
    return "\n".join(out)


def write(history: dict[str, Any], directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    md, js = directory / "history.md", directory / "history.json"
    js.write_text(json.dumps(history, indent=1) + "\n")
    md.write_text(render_markdown(history))
    return [md, js]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m conformance.history",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("reports", nargs="+", type=Path,
                        help="report.json files, one per release and x64 mode")
    parser.add_argument("-o", "--out", type=Path, default=Path("reports"),
                        help="the folder for history.md and history.json (default: reports)")
    args = parser.parse_args(argv)
    reports = [json.loads(path.read_text()) for path in args.reports]
    for path in write(build(reports, catalogue_entries()), args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

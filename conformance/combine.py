"""Reports from several sessions side by side (`report combine`), and what changed between two runs
(`report diff`).

A divergence is identified across runs by its catalogue id (or, for a new one, its kind), its area and
its case; its status (known or new), kind and modes are what can change. Counts are not compared: they
depend on the Hypothesis profile, not on JAX.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tabulate import tabulate

Key = tuple[str, str, str]  # (catalogue id or kind, area, case)


def divergence_key(divergence: dict[str, Any]) -> Key:
    return (divergence["id"] or divergence["kind"], divergence["area"], divergence["case"])


def _label(key: Key, status: str) -> str:
    ident, area, case = key
    return f"{'NEW ' + ident if status == 'new' else ident} ({area}: `{case}`)"


def _index(data: dict[str, Any]) -> dict[Key, dict[str, Any]]:
    return {divergence_key(d): d for d in data["divergences"]}


def _totals(data: dict[str, Any]) -> dict[str, int]:
    totals = dict.fromkeys(("examples", "agree", "known", "vanished", "new"), 0)
    for counts in data["areas"].values():
        for name in totals:
            totals[name] += counts.get(name, 0)
    return totals


def _device(env: dict[str, Any]) -> str:
    return f"{env['platform']}: {env['device_kind']} x{env['device_count']}"


# -- combine ---------------------------------------------------------------------------------------------
def sessions_table(reports: list[dict[str, Any]]) -> str:
    rows = []
    for data in reports:
        env, totals = data["environment"], _totals(data)
        rows.append([data["session"], env["jax"], env["numpy"], env["python"], _device(env),
                     "on" if env["x64"] else "off", env.get("profile", ""), totals["examples"],
                     totals["agree"], totals["known"], totals["vanished"], totals["new"],
                     data["run"]["exitstatus"]])
    return tabulate(rows, headers=["session", "jax", "numpy", "python", "device", "x64", "profile",
                                   "examples", "agree", "known", "vanished", "new", "exit"],
                    tablefmt="github")


def divergence_matrix(reports: list[dict[str, Any]]) -> list[list[Any]]:
    """One row per divergence (catalogue id or NEW kind, with its area and case), one column per
    session; a cell is that session's example count, blank where the session did not see it."""
    rows: dict[tuple[bool, Key], dict[str, int]] = {}
    titles: dict[tuple[bool, Key], str] = {}
    for data in reports:
        for d in data["divergences"]:
            row = (d["status"] != "new", divergence_key(d))
            rows.setdefault(row, {})[data["session"]] = d["count"]
            titles.setdefault(row, d.get("title", ""))
    sessions = [data["session"] for data in reports]
    return [[_label(key, "known" if known else "new"), titles[(known, key)],
             *(rows[(known, key)].get(s, "") for s in sessions)]
            for known, key in sorted(rows)]


def entry_matrix(reports: list[dict[str, Any]]) -> list[list[Any]]:
    """One row per catalogue id (or NEW kind), one column per session; a cell is `examples (cases)`."""
    cells: dict[tuple[bool, str], dict[str, list[int]]] = {}
    titles: dict[tuple[bool, str], str] = {}
    for data in reports:
        for d in data["divergences"]:
            row = (d["status"] != "new", d["id"] or d["kind"])
            cell = cells.setdefault(row, {}).setdefault(data["session"], [0, 0])
            cell[0] += d["count"]
            cell[1] += 1
            titles.setdefault(row, d.get("title", "") if d["id"] else "not in the catalogue")
    sessions = [data["session"] for data in reports]
    return [[ident if known else f"NEW {ident}", titles[(known, ident)],
             *(f"{cells[(known, ident)][s][0]} ({cells[(known, ident)][s][1]})"
               if s in cells[(known, ident)] else "" for s in sessions)]
            for known, ident in sorted(cells)]


def mode_disagreements(reports: list[dict[str, Any]]) -> list[list[Any]]:
    """One row per case whose verdict depended on the mode in some session; a cell is that session's
    latest such example, verdict by mode."""
    from conformance.modes import DISAGREEMENTS

    rows: dict[str, dict[str, str]] = {}
    for data in reports:
        table = data.get("tables", {}).get(DISAGREEMENTS, {"cells": {}})
        for case, verdicts in table["cells"].items():
            rows.setdefault(case, {})[data["session"]] = "; ".join(f"{m}: {v}" for m, v in verdicts.items())
    return [[case, *(cells.get(data["session"], "") for data in reports)]
            for case, cells in sorted(rows.items())]


READING = """\
## Reading the reports

Each session's folder holds one run, in four files made from one source:

- `report.json`: everything the run recorded (the source of truth; `report render` rewrites the others).
- `report.md`: the summary, one page: environment, examples by area, coverage, the NEW and vanished
  divergences in full, then one row per catalogue entry (the cases it was seen in, its kinds of
  difference, modes, examples and source), each linking to its section of `details.md`.
- `details.md`: per entry, every case it was seen in and the smallest example, with its reproducer, of
  each kind of difference it explains; then coverage, the API surface, proof strength, every table
  (ulp distances, matmul's error bound, promotion matrices, PRNG fingerprint, reach), the entries not
  seen, the examples by case and mode.
- `index.html` (open it in a browser; nothing is fetched): the **divergence map**, one row per function
  (a case of the suite), one column per dtype (the first array argument's), each cell split by mode and
  coloured by its worst verdict: agree, known, vanished, new, or not checked. Hover a cell for its
  counts; click it for the entries, smallest examples and reproducers. Filters by area, entry, kind,
  mode and dtype, and a search over function names; then every divergence and every table. This
  folder's `index.html` shows every session side by side in each cell.

The words they use:

- **example**: one input in one mode; an input checked eagerly and under `jit` counts twice.
- **kind** of a difference, in the order they are checked: `error-parity` (one side raised),
  `error-kind`, `structure`, `shape`, `dtype`, `values`.
- **known**: a catalogue entry's trigger held and JAX did what its model says; **new**: anything else
  (it fails the run, with a reproducer).
- **vanished**: an entry held and its model predicts another outcome than NumPy's, but JAX agreed with
  NumPy: the documented behaviour is gone. It fails the run unless the entry's `jax_versions` gate
  excludes the running JAX.
- **proof strength** (details.md): per entry, the examples JAX matched on every value its model
  asserts, and those matched only because the model accepts any value at some positions, which an entry
  may do only where the document it cites (`undefined=`) calls the value undefined.
- **ulps** (details.md): the largest ulp distance from NumPy per case and result dtype, with its input
  (budgets in `conformance/ulps.py`; +0.0 against -0.0 is a difference).
""".splitlines() + [""]


def combine(reports: list[dict[str, Any]]) -> str:
    """The markdown of reports/README.md: the sessions and their environments, then every divergence
    by session."""
    if not reports:
        raise ValueError("nothing to combine: give at least one report.json")
    sessions = [data["session"] for data in reports]
    duplicated = sorted({s for s in sessions if sessions.count(s) > 1})
    if duplicated:
        raise ValueError(f"two reports of the same session: {', '.join(duplicated)}")
    out = ["# Conformance reports, combined", "",
           "jax.numpy checked against NumPy in every session below; generated by "
           "`python -m conformance report combine reports/*/report.json`, with [index.html](index.html), "
           "the divergence map of every session side by side. Each session's own report is in its "
           "folder.", "", *READING, "## Sessions", "", sessions_table(reports), "",
           *coverage_union(reports),
           "## Divergences by session", "",
           "A cell is the number of examples showing that divergence in that session; blank where the "
           "session did not see it. NEW rows are undocumented divergences.", ""]
    matrix = divergence_matrix(reports)
    if matrix:
        out += ["By catalogue entry: examples (cases) in each session.", "",
                tabulate(entry_matrix(reports), headers=["catalogue id", "title", *sessions],
                         tablefmt="github"), "", "By case: examples in each session.", "",
                tabulate([[row[0], *row[2:]] for row in matrix],
                         headers=["divergence (area: case)", *sessions], tablefmt="github"), ""]
    else:
        out += ["None: every example agreed with NumPy in every session.", ""]
    disagreements = mode_disagreements(reports)
    if disagreements:
        out += ["## Cases whose verdict depends on the mode", "",
                "The latest example of each case where eager, jit and vmap reached different verdicts "
                "(a known divergence in one mode and agreement in another is documented behaviour; a "
                "NEW one is a finding).", "",
                tabulate(disagreements, headers=["case", *sessions], tablefmt="github"), ""]
    fingerprints = prng_fingerprints(reports)
    if fingerprints:
        out += ["## PRNG fingerprint", "",
                f"The first draws from a fixed key ({PRNG_FINGERPRINT} table of each report): a cell that "
                "differs between sessions means another PRNG stream on that device or version.", "",
                tabulate(fingerprints, headers=["draws (keys, implementation)", *sessions],
                         tablefmt="github"), ""]
    return "\n".join(out)


def coverage_union(reports: list[dict[str, Any]]) -> list[str]:
    """The coverage line of each session and of all together: a function checked in any session counts
    (reports before schema 3 have no coverage section and are left out)."""
    sections = [(data["session"], data["coverage"]) for data in reports if data.get("coverage")]
    if not sections:
        return []
    names = {f["name"] for _, c in sections for f in c["functions"]}
    checked = {f["name"] for _, c in sections for f in c["functions"] if f["status"] == "checked"}
    rows = [[session, f"{c['checked']} of {c['total']}"] for session, c in sections]
    return ["## Coverage", "",
            f"{len(checked)} of {len(names)} public functions checked in at least one session "
            "(each session's report lists the others, with their reasons).", "",
            tabulate(rows, headers=["session", "public functions checked"], tablefmt="github"), ""]


PRNG_FINGERPRINT = "prng-fingerprint"  # the recorder table tests/conformance/test_prng.py fills


def prng_fingerprints(reports: list[dict[str, Any]]) -> list[list[Any]]:
    rows: dict[str, dict[str, str]] = {}
    for data in reports:
        table = data.get("tables", {}).get(PRNG_FINGERPRINT, {"cells": {}})
        for distribution, by_keys in table["cells"].items():
            for keys, draws in by_keys.items():
                rows.setdefault(f"{distribution} ({keys})", {})[data["session"]] = draws
    return [[row, *(cells.get(data["session"], "") for data in reports)]
            for row, cells in sorted(rows.items())]


# -- diff ------------------------------------------------------------------------------------------------
@dataclass
class Diff:
    old: dict[str, Any]
    new: dict[str, Any]
    appeared: list[dict[str, Any]] = field(default_factory=list)
    vanished: list[dict[str, Any]] = field(default_factory=list)
    changed: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    # Same divergence and facts, other count or smallest example: what an exact rerun must not have.
    recounted: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)  # "area/case/mode: 40 -> 38" where counts differ
    # Vanished findings (a documented divergence JAX no longer shows) whose count differs between the
    # runs: (catalogue id, area, case), examples before and after (0 where that run had none).
    vanished_findings: list[tuple[Key, int, int]] = field(default_factory=list)

    @property
    def new_undocumented(self) -> list[dict[str, Any]]:
        """Divergences no catalogue entry explains that the old run did not have."""
        appeared = [d for d in self.appeared if d["status"] == "new"]
        return appeared + [after for before, after in self.changed
                           if after["status"] == "new" and before["status"] != "new"]

    @property
    def empty(self) -> bool:
        return not (self.appeared or self.vanished or self.changed or self.vanished_findings)

    @property
    def identical(self) -> bool:
        """The new run reproduces the old one: the same examples counted, the same divergences with
        the same counts and smallest examples (timings and paths aside)."""
        return self.empty and not (self.recounted or self.examples)


def _facts(d: dict[str, Any]) -> tuple:
    return (d["status"], d["kind"], tuple(sorted(d["modes"])))


def diff(old: dict[str, Any], new: dict[str, Any]) -> Diff:
    before, after = _index(old), _index(new)
    result = Diff(old, new)
    result.appeared = [after[k] for k in after if k not in before]
    result.vanished = [before[k] for k in before if k not in after]
    result.changed = [(before[k], after[k]) for k in after
                      if k in before and _facts(before[k]) != _facts(after[k])]
    result.recounted = [(before[k], after[k]) for k in after
                        if k in before and _facts(before[k]) == _facts(after[k])
                        and (before[k]["count"], before[k]["smallest"])
                        != (after[k]["count"], after[k]["smallest"])]
    result.examples = _example_changes(old, new)
    result.vanished_findings = _vanished_changes(old, new)
    return result


def _vanished_changes(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[Key, int, int]]:
    """The vanished findings whose example count differs (a schema-1 report has none)."""
    def counts(data):
        return {divergence_key(d): d["count"] for d in data.get("vanished", [])}
    a, b = counts(old), counts(new)
    return [(key, a.get(key, 0), b.get(key, 0)) for key in sorted(set(a) | set(b))
            if a.get(key, 0) != b.get(key, 0)]


def _example_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    def counts(data):
        return {f"{c['area']}/{c['case']}/{c['mode']}": (c["agree"], c["known"], c.get("vanished", 0),
                                                          c["new"])
                for c in data["cases"]}
    a, b = counts(old), counts(new)
    return [f"{key}: {a.get(key)} -> {b.get(key)} (agree, known, vanished, new)"
            for key in sorted(set(a) | set(b)) if a.get(key) != b.get(key)]


def _environment_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    a, b = old["environment"], new["environment"]
    # every recorded fact, so a package added to the environment later is named too
    names = sorted(set(a) | set(b))
    return [f"{name}: {a.get(name)} -> {b.get(name)}" for name in names if a.get(name) != b.get(name)]


def _describe(d: dict[str, Any]) -> str:
    return f"{d['status']}, {d['kind']}, {d['count']} examples ({', '.join(d['modes'])})"


def render_diff(result: Diff) -> str:
    old, new = result.old, result.new
    out = [f"# Divergences: {old['session']} -> {new['session']}", ""]
    changes = _environment_changes(old, new)
    out += ["Environment: " + ("; ".join(changes) if changes else "unchanged"), ""]
    if result.identical:
        return "\n".join([*out, "Identical: the same examples, divergences, counts and smallest "
                                "examples.", ""])
    if result.examples:
        out += [f"Examples counted differently in {len(result.examples)} case and mode pairs, e.g. "
                + "; ".join(result.examples[:3]), ""]
    if result.recounted:
        rows = [[_label(divergence_key(b), b["status"]), a["count"], b["count"],
                 "same" if a["smallest"] == b["smallest"] else "other"] for a, b in result.recounted]
        out += [f"## Same divergence, other count or smallest example ({len(result.recounted)})", "",
                tabulate(rows, headers=["divergence", "count before", "count after", "smallest example"],
                         tablefmt="github"), ""]
    if result.vanished_findings:
        rows = [[f"{ident} ({area}: `{case}`)", before, after]
                for (ident, area, case), before, after in result.vanished_findings]
        out += [f"## Vanished findings, counted differently ({len(rows)})", "",
                "A documented divergence JAX no longer shows where its entry holds (each fails its run).",
                "", tabulate(rows, headers=["catalogue entry (area: case)", "examples before",
                                            "examples after"], tablefmt="github"), ""]
    if result.empty:
        return "\n".join([*out, "No divergence appeared, vanished or changed.", ""])
    for title, entries in (("Appeared", result.appeared), ("Vanished", result.vanished)):
        if entries:
            rows = [[_label(divergence_key(d), d["status"]), _describe(d)] for d in entries]
            out += [f"## {title} ({len(entries)})", "",
                    tabulate(rows, headers=["divergence", "status, kind, examples (modes)"],
                             tablefmt="github"), ""]
    if result.changed:
        rows = [[_label(divergence_key(b), b["status"]), _describe(a), _describe(b)]
                for a, b in result.changed]
        out += [f"## Changed ({len(result.changed)})", "",
                tabulate(rows, headers=["divergence", "before", "after"], tablefmt="github"), ""]
    undocumented = result.new_undocumented
    out += [f"New undocumented divergences: {len(undocumented)}",
            f"Vanished findings in the new run: {len(new.get('vanished', []))}", ""]
    return "\n".join(out)

"""The report as markdown: report.md, a one-page summary, and details.md, every entry's smallest examples
and every table, both read from report.json (the source of truth; conformance/views.py groups it).

The summary has one row per catalogue entry whatever the number of cases, and the NEW and vanished
findings in full; each row links to the entry's section of details.md, which lists every case of it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from tabulate import tabulate

from conformance import views
from conformance.recorder import STATUSES

DETAILS = "details.md"
PAGE = "index.html"
# details.md's sections the summary links to, by heading
DETAIL_SECTIONS = ("Divergences by catalogue entry", "Coverage", "API surface", "Proof strength", "Tables",
                   "Catalogue entries not seen in this run", "Examples by case and mode")


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


def _code(text: str) -> str:
    """Inline code that survives a markdown table cell."""
    return "`" + str(text).replace("|", "\\|") + "`"


def _fence(text: str, language: str = "") -> str:
    return f"```{language}\n{text}\n```"


def _escape(text: str) -> str:
    return str(text).replace("|", "\\|")


def _interrupted_banner(run: dict[str, Any]) -> list[str]:
    """First thing in the report: a run that stopped early counts only what ran before it stopped."""
    if not run.get("interrupted"):
        return []
    how = run.get("interruption") or "interrupted"
    return [f"> **This run was interrupted** ({how}; pytest exit status {run['exitstatus']}). "
            "The counts below are what ran before it stopped: tests it did not reach are missing.", ""]


def _smallest(d: dict[str, Any], what: str) -> list[str]:
    """A divergence's smallest example: what was seen, both outcomes, and its reproducer (folded)."""
    s = d["smallest"]
    out = [f"- {what}; smallest, {s['mode']}: {s['summary']}",
           f"- jax: `{s['jax']}`", f"- numpy: `{s['numpy']}`"]
    out += [f"- near miss: {m}" for m in s.get("near_misses", [])]
    return [*out, "", "<details><summary>reproducer</summary>", "", _fence(s["reproducer"], "python"), "",
            "</details>", ""]


def _in_full(d: dict[str, Any], heading: str) -> list[str]:
    seen = f"seen in {d['count']} examples ({', '.join(d['modes'])})"
    return [heading, "", f"- {d['title']}", f"- source: {d['source']}", *_smallest(d, seen)]


# -- report.md ---------------------------------------------------------------------------------------------
def render_summary(data: dict[str, Any]) -> str:
    """report.md: environment, summary by area, coverage, the NEW and vanished findings in full, one row
    per catalogue entry, and links to details.md."""
    out = [f"# Conformance report: {data['session']}", "", *_interrupted_banner(data["run"]),
           "jax.numpy checked against NumPy. This page is the summary; every entry links to its smallest "
           f"examples and reproducers in [{DETAILS}]({DETAILS}); [{PAGE}]({PAGE}) is the divergence map "
           "(open it in a browser); report.json holds everything.", ""]
    out += _environment(data) + _areas(data)
    out += _new_in_full(data["divergences"])
    out += _render_vanished(data.get("vanished", []))
    out += _entry_table(data["divergences"])
    out += ["## In the details", ""]
    absent = {"Coverage": not data.get("coverage"), "API surface": not data.get("api_surface"),
              "Proof strength": data.get("proof_strength") is None}  # older schemas lack them
    out += [f"- [{title}]({DETAILS}#{views.slug(title)})" for title in DETAIL_SECTIONS
            if not absent.get(title)]
    tables = [t["title"] for t in data.get("tables", {}).values()]
    if tables:
        out += [f"  ({len(tables)} tables: the ulp distances, matmul's error bound, the promotion "
                "matrices, the PRNG fingerprint, the reach of each test, ...)"]
    return "\n".join([*out, ""])


def _environment(data: dict[str, Any]) -> list[str]:
    env, run = data["environment"], data["run"]
    rows = [["jax", env["jax"]], ["jaxlib", env["jaxlib"]], ["numpy", env["numpy"]],
            ["ml_dtypes", env.get("ml_dtypes", "not recorded")],
            ["hypothesis", env["hypothesis"]], ["python", env["python"]],
            ["machine", env["machine"]],
            ["device", f"{env['platform']}: {env['device_kind']} x{env['device_count']}"],
            ["x64", "on" if env["x64"] else "off"], ["profile", env["profile"]],
            ["seed", env["seed"]], ["processes", run["processes"]],
            ["pytest exit status", run["exitstatus"]],
            ["tests", ", ".join(f"{k}: {v}" for k, v in sorted(run["tests"].items()))]]
    return ["## Environment", "", tabulate(rows, headers=["", ""], tablefmt="github"), ""]


def _areas(data: dict[str, Any]) -> list[str]:
    rows = [[area, c["examples"], c["agree"], c["known"], c.get("vanished", 0), c["new"]]
            for area, c in data["areas"].items()]
    out = ["## Summary by area", "", one_line_summary(data), "",
           tabulate(rows, headers=["area", "examples", "agree", "known", "vanished", "new"],
                    tablefmt="github"), ""]
    coverage, api = data.get("coverage"), data.get("api_surface")
    if coverage:
        from conformance.coverage import summary_line

        out += [f"Coverage: {summary_line(coverage)} ([which]({DETAILS}#coverage)).", ""]
    if api and api["functions"]:
        out += [f"API surface: {api['functions']} public functions of NumPy, {api['in_jax']} in jax.numpy, "
                f"{api['matching']} with the same signature ([the others]({DETAILS}#api-surface)).", ""]
    return out


def _new_in_full(divergences: list[dict[str, Any]]) -> list[str]:
    new = [d for d in divergences if d["status"] == "new"]
    if not new:
        return []
    out = ["## NEW divergences", "",
           f"{len(new)} divergences no catalogue entry explains (each failed the run):", ""]
    for d in new:
        out += _in_full(d, f"### NEW (not in the catalogue): `{d['case']}` ({d['kind']})")
    return out


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
        out += _in_full(d, f"### VANISHED {d['id']}: `{d['case']}` ({d['kind']})")
    return out


def _entry_table(divergences: list[dict[str, Any]]) -> list[str]:
    out = ["## Divergences", ""]
    if not divergences:
        return [*out, "None: every example agreed with NumPy.", ""]
    by_area: dict[str, list[views.Entry]] = {}
    for e in views.entries(divergences):  # most examples first; an entry under its area of most examples
        counts = Counter()
        for d in e.divergences:
            counts[d["area"]] += d["count"]
        by_area.setdefault(counts.most_common(1)[0][0], []).append(e)
    rows = [[area, sum(e.examples for e in found),
             ", ".join(f"{'NEW: ' if e.status == 'new' else ''}[{e.key}]({DETAILS}#{e.anchor}) ({e.examples})"
                       for e in found)]
            for area, found in sorted(by_area.items(), key=lambda item: -sum(e.examples for e in item[1]))]
    return [*out, "One row per area: the catalogue entries seen there (an id like `A+B` is two entries, or "
                  "three, explaining one difference together), most examples first, each with its examples "
                  "and a link to its title, source, cases and smallest examples in the details.", "",
            _unpadded(rows, ["area", "examples", "catalogue entries (examples)"]), ""]


def _unpadded(rows: list[list[Any]], headers: list[str]) -> str:
    """A markdown table without tabulate's padding: a row per entry stays one line of its own length
    (padded to the longest source URL, the summary's table was 240 KB)."""
    lines = [headers, ["---"] * len(headers), *rows]
    return "\n".join("| " + " | ".join(str(cell) for cell in line) + " |" for line in lines)


# -- details.md --------------------------------------------------------------------------------------------
def render_details(data: dict[str, Any]) -> str:
    """details.md: per entry, its cases and the smallest example of each behaviour; then coverage, the
    API surface, proof strength, every table, the entries not seen, the examples by case and mode."""
    out = [f"# Conformance report: {data['session']}, details", "",
           "The summary is [report.md](report.md); the divergence map is [index.html](index.html). "
           "Each entry below shows the smallest example of each kind of difference it explains, over all "
           "its cases; report.json keeps each case's own.", "",
           f"## {DETAIL_SECTIONS[0]}", ""]
    found = views.entries(data["divergences"])
    if not found:
        out += ["None: every example agreed with NumPy.", ""]
    for entry in found:
        out += _entry_section(entry)
    out += _render_coverage(data.get("coverage"))
    out += _render_api_surface(data.get("api_surface"))
    out += _render_proof_strength(data.get("proof_strength"))
    out += ["## Tables", ""] + _render_tables(data.get("tables", {}))
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


def _entry_section(entry: views.Entry) -> list[str]:
    label = "NEW (not in the catalogue)" if entry.status == "new" else entry.title
    cases = ", ".join(f"`{d['case']}` ({d['area']}, {d['count']})" for d in entry.cases)
    out = [f"### {entry.key}", "", f"{label}. Source: {entry.source}.", "",
           f"{views.plural(entry.examples, 'example')} in {views.plural(len(entry.divergences), 'case')} "
           f"({', '.join(entry.modes)}); "
           f"by case (area, examples): {cases}.", ""]
    for kind, d, n in entry.behaviours():
        out += [f"**{kind}**, smallest of {views.plural(n, 'case')}: `{d['case']}` ({d['area']})", ""]
        out += _smallest(d, f"{d['count']} examples of this case ({', '.join(d['modes'])})")
    return out


def _render_tables(tables: dict[str, dict[str, Any]]) -> list[str]:
    """Each recorded table as a matrix: its rows and columns in the order first seen."""
    out = []
    for table in tables.values():
        columns, body = views.table_matrix(table)
        out += [f"### {table['title']}", "", tabulate(body, headers=["", *columns], tablefmt="github"), ""]
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
    rows = [[_code(r["function"]), r["in_jax"], _escape(r["differences"] or f"signature {r['signature']}"),
             r["entry"] or "—"]
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

"""The report as one self-contained HTML page (index.html), from report.json with Jinja2: the divergence
map (functions as rows, dtypes as columns, each cell split by session and mode and coloured by its worst
verdict), filters, every divergence with its smallest example and reproducer, and the report's tables.

One session's page is `render([report])`; `report combine` renders every session on one page, the map's
cells showing them side by side. Nothing is fetched: the style and the small script are inline.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from conformance import views

REACH = "reach:"  # the reach tables (conformance/reach.py): many, long, folded on the page


def render(reports: list[dict[str, Any]], *, combined: bool = False) -> str:
    """The page of these reports (one session's, or several side by side when `combined`)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("conformance", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    env.globals["plural"] = views.plural
    return env.get_template("report.html").render(page(reports, combined=combined))


def page(reports: list[dict[str, Any]], *, combined: bool = False) -> dict[str, Any]:
    """What the template shows, computed here so that the template only lays it out."""
    from conformance.markdown import one_line_summary

    sessions = [data["session"] for data in reports]
    blocks, refs = _divergence_blocks(reports)
    grid = [(si, *cell) for si, data in enumerate(reports) for cell in views.grid(data)]
    modes = views.ordered_modes(cell[3] for cell in grid)
    dtypes = views.ordered_dtypes(cell[4] for cell in grid)
    return {
        "title": ("Conformance reports, combined" if combined
                  else f"Conformance report: {sessions[0]}"),
        "combined": combined,
        "sessions": [{"name": data["session"], "summary": one_line_summary(data),
                      "environment": _environment(data), "areas": data["areas"],
                      "interruption": data["run"].get("interruption") if data["run"].get("interrupted")
                      else None} for data in reports],
        "modes": modes,
        # a cell is about 24 px wide, whatever the number of its stripes
        "stripe_px": max(1, 24 // max(1, len(sessions) * len(modes))),
        "dtypes": dtypes,
        "before_grid": views.ANY_DTYPE in dtypes,  # a report from before schema 4: one column
        "areas": sorted({cell[1] for cell in grid}),
        "rows": _map_rows(grid, refs, blocks, sessions, modes, dtypes),
        "entries": views.entries(b for b in blocks.values() if not b["vanished"]),
        "vanished": [b for b in blocks.values() if b["vanished"]],
        "kinds": sorted({b["kind"] for b in blocks.values()}),
        "tables": _combined_tables(reports) if combined else _tables(reports[0]),
    }


def _environment(data: dict[str, Any]) -> list[tuple[str, Any]]:
    env, run = data["environment"], data["run"]
    return [("jax", env["jax"]), ("jaxlib", env["jaxlib"]), ("numpy", env["numpy"]),
            ("ml_dtypes", env.get("ml_dtypes", "not recorded")), ("hypothesis", env["hypothesis"]),
            ("python", env["python"]), ("machine", env["machine"]),
            ("device", f"{env['platform']}: {env['device_kind']} x{env['device_count']}"),
            ("x64", "on" if env["x64"] else "off"), ("profile", env["profile"]), ("seed", env["seed"]),
            ("pytest exit status", run["exitstatus"])]


def _divergence_blocks(reports: list[dict[str, Any]]) -> tuple[dict[str, dict], dict[tuple, str]]:
    """Every divergence (and vanished finding) of every session, by its element id on the page; and the
    id of each by (session, area, case, verdict label), how the map's cells find theirs."""
    blocks: dict[str, dict[str, Any]] = {}
    refs: dict[tuple, str] = {}
    for si, data in enumerate(reports):
        for prefix, rows in (("d", data["divergences"]), ("v", data.get("vanished", []))):
            for n, d in enumerate(rows):
                status = d.get("status", "vanished")
                element = f"{prefix}{si}-{n}"
                label = views.verdict_label(status, d["id"], d["kind"])
                blocks[element] = {**d, "element": element, "session": data["session"], "status": status,
                                   "key": views.entry_key(d), "label": label, "vanished": prefix == "v"}
                refs[(si, d["area"], d["case"], label)] = element
    return blocks, refs


def _map_rows(grid, refs, blocks, sessions, modes, dtypes) -> list[dict[str, Any]]:
    """One row per (area, case); per dtype, the cell: one stripe per session and mode, coloured by the
    worst verdict there, a hover text with the counts, and the divergences it opens."""
    cells: dict[tuple[str, str], dict[str, dict[tuple[int, str], dict[str, int]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(dict)))
    for si, area, case, mode, dtype, label, n in grid:
        cells[(area, case)][dtype][(si, mode)][label] = n
    rows = []
    for (area, case), by_dtype in sorted(cells.items()):
        row_refs, row_cells = set(), []
        for dtype in dtypes:
            by_stripe = by_dtype.get(dtype)
            if not by_stripe:
                row_cells.append(None)
                continue
            stripes, lines, opened = [], [f"{area}: {case} · {dtype}"], []
            for si, _ in enumerate(sessions):
                for mode in modes:
                    labels = by_stripe.get((si, mode), {})
                    stripes.append({"status": views.worst(labels) or "none", "mode": mode,
                                    "session": sessions[si], "gap": si > 0 and mode == modes[0]})
                    if labels:
                        counts = ", ".join(f"{label} {_count(n)}" for label, n in sorted(labels.items()))
                        lines.append(f"{sessions[si] + ' ' if len(sessions) > 1 else ''}{mode}: {counts}")
                    opened += [refs[(si, area, case, label)] for label in labels
                               if (si, area, case, label) in refs]
            row_refs.update(opened)
            row_cells.append({"stripes": stripes, "hover": "\n".join(lines), "opens": " ".join(opened),
                              "worst": views.worst(s["status"] for s in stripes if s["status"] != "none")})
        found = [blocks[r] for r in sorted(row_refs)]
        rows.append({"area": area, "case": case, "cells": row_cells,
                     "dtypes": "|".join(str(i) for i, c in enumerate(row_cells) if c),
                     "entries": "|".join(sorted({b["key"] for b in found})),
                     "kinds": "|".join(sorted({b["kind"] for b in found})),
                     "modes": "|".join(sorted({m for c in row_cells if c for m in _modes_seen(c)}))})
    return rows


def _modes_seen(cell: dict[str, Any]) -> set[str]:
    return {s["mode"] for s in cell["stripes"] if s["status"] != "none"}


def _count(n: int) -> str:
    return "seen" if n == views.UNSPLIT else str(n)


def _table(title: str, headers: list[str], rows: list[list[Any]], *, folded: bool = False,
           note: str = "") -> dict[str, Any]:
    return {"title": title, "headers": headers, "rows": rows, "folded": folded, "note": note,
            "anchor": views.slug(title)}


def _tables(data: dict[str, Any]) -> list[dict[str, Any]]:
    """One session's tables: the recorded ones (reach tables folded), API surface, proof strength, the
    entries not seen, the examples by case and mode."""
    out = []
    for name, table in data.get("tables", {}).items():
        columns, body = views.table_matrix(table)
        out.append(_table(table["title"], ["", *columns], body, folded=name.startswith(REACH)))
    api = data.get("api_surface")
    if api and api["functions"]:
        out.append(_table("API surface", ["function", "in jax?", "differences", "entry"],
                          [[r["function"], r["in_jax"], r["differences"] or f"signature {r['signature']}",
                            r["entry"] or "—"] for r in api["rows"] if r["signature"] != "matches"],
                          note=f"{api['functions']} public functions of NumPy, {api['in_jax']} in jax.numpy, "
                               f"{api['matching']} with the same signature; the others:"))
    coverage = data.get("coverage")
    if coverage:
        from conformance.coverage import summary_line

        out.append(_table("Coverage", ["function", "namespace", "status", "examples or reason"],
                          [[f["name"], f["namespace"], f["status"], f.get("examples", f.get("reason", ""))]
                           for f in coverage["functions"]], folded=True, note=summary_line(coverage)))
    if data.get("proof_strength"):
        out.append(_table("Proof strength", ["catalogue id", "examples", "asserted", "at undefined positions",
                                             "undefined per"],
                          [[r["id"], r["examples"], r["asserted"], r["undefined"], r["citation"] or "—"]
                           for r in data["proof_strength"]], folded=True))
    unmatched = [[e["id"], e["area"], e["title"], e["applicable"]] for e in data["unmatched_catalogue"]]
    out.append(_table("Catalogue entries not seen in this run", ["id", "area", "title", "applies here"],
                      unmatched, folded=True))
    out.append(_table("Examples by case and mode", ["area", "case", "mode", "agree", "known", "vanished",
                                                    "new"],
                      [[c["area"], c["case"], c["mode"], c["agree"], c["known"], c.get("vanished", 0),
                        c["new"]] for c in data["cases"]], folded=True))
    return out


def _combined_tables(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The combined markdown's tables: entries by session, mode-dependent verdicts, PRNG fingerprints."""
    from conformance import combine

    sessions = [data["session"] for data in reports]
    return [_table("Divergences by session", ["catalogue id", "title", *sessions],
                   combine.entry_matrix(reports),
                   note="By catalogue entry: examples (cases) in each session."),
            _table("Cases whose verdict depends on the mode", ["case", *sessions],
                   combine.mode_disagreements(reports)),
            _table("PRNG fingerprint", ["draws (keys, implementation)", *sessions],
                   combine.prng_fingerprints(reports))]

"""The recorder counts every example and keeps the smallest example of each divergence.

Its state is plain JSON-able data so that xdist workers can spool it to disk after every test; the
controller merges the spools. A worker that crashes loses at most the test it was running.

The smallest example is a total order (size, then mode, reproducer text and summary), never the
first of its size to arrive: with xdist, what arrives first depends on which worker ran what, and the
order spools are merged in must not change the report either.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conformance.check import Verdict
    from conformance.example import Example

STATUSES = ("agree", "known", "vanished", "new")
# A divergence record of status "known" counts, in "undefined", the examples its entry matched only by
# accepting any value at free positions (proof strength); one of status "vanished" says in "fails"
# whether any of its examples failed the run (false only outside the entry's version gate).
KEEP = ("max", "last")  # how a table cell combines values recorded by several examples or processes


def verdict_label(status: str, entry_id: str | None, kind: str | None) -> str:
    """A grid cell's verdict: `agree`, or `<status>:<catalogue id, or the kind of a new difference>`."""
    return status if status == "agree" else f"{status}:{entry_id or kind}"


def _divergence_key(area: str, case: str, status: str, entry_id: str | None, kind: str) -> str:
    return "|".join((status, entry_id or kind, area, case))


class Recorder:
    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str, str, str]] = Counter()  # (area, case, mode, status)
        # The divergence map's cells: (area, case, mode, dtype label, verdict label) -> examples.
        self.grid: Counter[tuple[str, str, str, str, str]] = Counter()
        self.divergences: dict[str, dict[str, Any]] = {}
        self.tests: Counter[str] = Counter()  # pytest outcomes: passed, failed, error, ...
        # Where the time goes, for the benchmark: from check(), "check" (all of it), "numpy" and "jax"
        # (calls, compiles included) and "hang confirmation" (the subprocess that runs a known hang);
        # "compile" from JAX's own compile events (trace, lowering, backend compile), and
        # "compile: <stage>" for each; "clearing caches" from the plugin, between tests.
        self.seconds: Counter[str] = Counter()
        self.in_flight: dict[str, Any] | None = None  # the JAX call running now, for the watchdog
        self.spool_path: Path | None = None  # set by the plugin: new divergences are spooled at once
        # Named tables for the report beyond the counts (the promotion matrix, matmul error as a share
        # of its bound): {table: {"title", "keep", "cells": {row: {column: value}}}}.
        self.tables: dict[str, dict[str, Any]] = {}
        # This process's part of the run (session, profile, seed, process id and role, tests run; the
        # controller adds the exit status): spooled with the counts, so a report rebuilt from the spool
        # keeps them. `merged_meta` holds one such dict per snapshot merged into this recorder.
        self.meta: dict[str, Any] = {}
        self.merged_meta: list[dict[str, Any]] = []
        # Each case's source ("area|case" -> text): the report's coverage map reads the functions it calls.
        self.sources: dict[str, str] = {}

    # -- recording -------------------------------------------------------------------------------
    def record(self, example: Example, verdict: Verdict) -> None:
        from conformance.reproducer import reproducer  # late: keeps this module free of jax

        case = example.case
        self.counts[(case.area, case.name, example.mode, verdict.status)] += 1
        self.sources[f"{case.area}|{case.name}"] = case.source
        kind = None if verdict.difference is None else verdict.difference.kind
        self.grid[(case.area, case.name, example.mode, example.dtype_label(),
                   verdict_label(verdict.status, verdict.entry_id, kind))] += 1
        if verdict.difference is None:
            return
        key = _divergence_key(case.area, case.name, verdict.status, verdict.entry_id, kind)
        entry = self.divergences.get(key)
        size = example.size()
        if entry is None:
            entry = self.divergences[key] = {
                "id": verdict.entry_id, "status": verdict.status, "area": case.area,
                "case": case.name, "kind": kind, "count": 0, "modes": [], "smallest": None,
            }
        entry["count"] += 1
        if verdict.status == "known":
            entry["undefined"] = entry.get("undefined", 0) + int(verdict.undefined)
        elif verdict.status == "vanished":
            entry["fails"] = entry.get("fails", False) or verdict.fails
        if example.mode not in entry["modes"]:
            entry["modes"].append(example.mode)
        # the reproducer breaks ties of size, so it is made only for an example that may be kept
        if entry["smallest"] is None or size <= entry["smallest"]["size"]:
            candidate = {
                "size": size,
                "mode": example.mode,
                "summary": f"{case.source}: {verdict.difference.summary}",
                "detail": verdict.difference.detail,
                "numpy": example.numpy.describe(),
                "jax": example.jax.describe(),
                "numpy_warnings": list(example.numpy.warnings),
                "near_misses": list(verdict.near_misses),
                "left_over": list(verdict.left_over),
                "reproducer": reproducer(case, example.args, mode=example.mode, x64=example.env.x64),
            }
            if entry["smallest"] is None or smallest_order(candidate) < smallest_order(entry["smallest"]):
                entry["smallest"], entry["kind"] = candidate, kind  # the kind shown is the example's
        if verdict.fails and self.spool_path is not None:
            self.spool(self.spool_path)  # a finding survives even if this process dies next

    def record_hang(self, seconds: float) -> str | None:
        """Record the JAX call in flight as a NEW divergence of kind 'timeout'; returns its summary."""
        from conformance.check import DID_NOT_FINISH, Verdict
        from conformance.compare import Difference
        from conformance.example import Example

        flight = self.in_flight
        if flight is None:
            return None
        example = Example(flight["case"], flight["args"], flight["mode"], flight["env"],
                          flight["numpy"], DID_NOT_FINISH)
        difference = Difference("timeout", f"did not finish within {seconds:g} s")
        self.record(example, Verdict("new", None, difference))
        return f"{flight['case'].source} [{flight['mode']}]: {difference.summary}"

    def record_test(self, outcome: str) -> None:
        self.tests[outcome] += 1

    def record_cell(self, table: str, row: str, column: str, value: Any, *, title: str = "",
                    keep: str = "max") -> None:
        """Put `value` in a cell of a named report table. `keep="max"` keeps the largest value seen
        (a number), `"last"` the latest (a value every example agrees on, such as a result dtype).
        `title` is the table's heading in the report; the first one given stays."""
        if keep not in KEEP:
            raise ValueError(f"keep must be one of {KEEP}, got {keep!r}")
        entry = self.tables.setdefault(table, {"title": title or table, "keep": keep, "cells": {}})
        if entry["keep"] != keep:
            raise ValueError(f"table {table!r} keeps {entry['keep']!r}, not {keep!r}")
        _put(entry, row, column, value)

    # -- transport ---------------------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        snapshot = {
            "counts": [[*key, n] for key, n in sorted(self.counts.items())],
            "grid": [[*key, n] for key, n in sorted(self.grid.items())],
            "divergences": self.divergences,
            "tests": dict(self.tests),
            "tables": self.tables,
            "seconds": dict(self.seconds),
            "sources": self.sources,
        }
        if self.meta:
            snapshot["meta"] = self.meta
        return snapshot

    def merge(self, snapshot: dict[str, Any]) -> None:
        for area, case, mode, status, n in snapshot["counts"]:
            self.counts[(area, case, mode, status)] += n
        for area, case, mode, dtype, verdict, n in snapshot.get("grid", []):  # older spools have none
            self.grid[(area, case, mode, dtype, verdict)] += n
        for key, other in snapshot["divergences"].items():
            mine = self.divergences.get(key)
            if mine is None:
                self.divergences[key] = json.loads(json.dumps(other))
                continue
            mine["count"] += other["count"]
            if "undefined" in other:
                mine["undefined"] = mine.get("undefined", 0) + other["undefined"]
            if "fails" in other:
                mine["fails"] = mine.get("fails", False) or other["fails"]
            mine["modes"] = sorted(set(mine["modes"]) | set(other["modes"]))
            if smallest_order(other["smallest"]) < smallest_order(mine["smallest"]):
                mine["smallest"], mine["kind"] = other["smallest"], other["kind"]
        # A spool from before spools carried metadata: it ran tests if it counted anything.
        ran = bool(snapshot["counts"]) or any(snapshot.get("tests", {}).values())
        self.merged_meta.append(snapshot.get("meta") or {"tests_run": int(ran)})
        self.tests.update(snapshot.get("tests", {}))
        self.seconds.update(snapshot.get("seconds", {}))
        self.sources.update(snapshot.get("sources", {}))
        for name, other in snapshot.get("tables", {}).items():
            mine = self.tables.setdefault(name, {**other, "cells": {}})
            for row, columns in other["cells"].items():
                for column, value in columns.items():
                    _put(mine, row, column, value)

    def spool(self, path: Path) -> None:
        """Write the snapshot atomically, so a reader never sees half a file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(json.dumps(self.snapshot(), separators=(",", ":")))  # compact: written per test
        os.replace(tmp, path)

    @classmethod
    def from_spool(cls, directory: Path) -> Recorder:
        merged = cls()
        for path in sorted(Path(directory).glob("*.json")):
            merged.merge(json.loads(path.read_text()))
        return merged

    @property
    def examples(self) -> int:
        return sum(self.counts.values())


def smallest_order(smallest: dict[str, Any]) -> tuple:
    """The order that picks a divergence's smallest example: size, then the mode ("eager" before "jit":
    the simpler reproducer), then text that differs between any two examples (the reproducer holds the
    input), so no arrival or merge order decides."""
    return (smallest["size"], smallest["mode"], smallest["reproducer"], smallest["summary"])


def _put(table: dict[str, Any], row: str, column: str, value: Any) -> None:
    cells = table["cells"].setdefault(str(row), {})
    old = cells.get(str(column))
    if table["keep"] == "max" and old is not None and not value > old:
        return
    cells[str(column)] = value


RECORDER = Recorder()
_ACTIVE: list[Recorder] = [RECORDER]


def active() -> Recorder:
    """The recorder `check` writes to: the session's, unless a harness test swapped in its own."""
    return _ACTIVE[-1]


@contextmanager
def recording(recorder: Recorder) -> Iterator[Recorder]:
    """Send records to `recorder` inside the block (harness tests keep planted bugs out of the report)."""
    _ACTIVE.append(recorder)
    try:
        yield recorder
    finally:
        _ACTIVE.pop()

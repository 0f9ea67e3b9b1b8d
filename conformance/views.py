"""What the report's views (report.md, details.md, index.html) show, read from report.json: divergences
grouped by catalogue entry, their distinct behaviours, and the divergence map's cells.

The JSON keeps everything; a view groups it. An entry is a catalogue id (or `NEW <kind>` for a difference
no entry explains): its rows are the JSON's divergences of that id, one per case. A behaviour is one kind
of difference of an entry; the views show the smallest example of each behaviour, not of each case.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from conformance.recorder import smallest_order, verdict_label

# The map's columns in this order (NumPy's kinds, narrow to wide); other labels (Python types of
# non-array inputs) follow alphabetically.
DTYPE_ORDER = ("bool", "uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64",
               "bfloat16", "float16", "float32", "float64", "complex64", "complex128")
ANY_DTYPE = "any dtype"  # the one column of a report from before the grid (schema < 4)
UNSPLIT = -1  # an example count such a report does not split by mode: the cell says "seen"
VERDICTS = ("agree", "known", "vanished", "new")  # worst last: a cell shows the worst it holds
CASES_SHOWN = 4  # case names in the summary's one-cell list before "… (N cases)"


@dataclass
class Entry:
    """One catalogue entry (or NEW kind) as the views show it: its divergences, one per case."""
    key: str  # the catalogue id, or "NEW <kind>"
    status: str  # known or new
    title: str
    source: str
    divergences: list[dict[str, Any]] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return slug(self.key)

    @property
    def examples(self) -> int:
        return sum(d["count"] for d in self.divergences)

    @property
    def kinds(self) -> list[str]:
        return sorted({d["kind"] for d in self.divergences})

    @property
    def modes(self) -> list[str]:
        return ordered_modes(m for d in self.divergences for m in d["modes"])

    @property
    def cases(self) -> list[dict[str, Any]]:
        """The divergences, most examples first (ties by area and case)."""
        return sorted(self.divergences, key=lambda d: (-d["count"], d["area"], d["case"]))

    def behaviours(self) -> list[tuple[str, dict[str, Any], int]]:
        """Per kind of difference: (kind, the divergence holding its smallest example, cases of it)."""
        by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for d in self.divergences:
            by_kind[d["kind"]].append(d)
        return [(kind, min(rows, key=lambda d: smallest_order(d["smallest"])), len(rows))
                for kind, rows in sorted(by_kind.items())]


def entry_key(divergence: dict[str, Any]) -> str:
    return divergence["id"] or f"NEW {divergence['kind']}"


def entries(divergences: Iterable[dict[str, Any]]) -> list[Entry]:
    """The divergences grouped by entry: NEW ones first, then by catalogue id."""
    grouped: dict[str, Entry] = {}
    for d in divergences:
        key = entry_key(d)
        entry = grouped.get(key)
        if entry is None:
            entry = grouped[key] = Entry(key, d.get("status", "known"),
                                         d["title"] if d["id"] else "not in the catalogue", d["source"])
        entry.divergences.append(d)
    return sorted(grouped.values(), key=lambda e: (e.status != "new", e.key))


def collapsed_cases(entry: Entry, shown: int = CASES_SHOWN) -> str:
    """`add, subtract, a + b, … (57 cases)`: the case names of the most examples, then how many."""
    names = list(dict.fromkeys(d["case"] for d in entry.cases))
    text = ", ".join(names[:shown])
    if len(names) > shown:
        text += ", …"
    return f"{text} ({plural(len(entry.divergences), 'case')})"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def slug(text: str) -> str:
    """The anchor GitHub gives a markdown heading of this text (lower case, punctuation but `-` and `_`
    dropped, spaces as `-`); the HTML page uses the same ids."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def ordered_modes(modes: Iterable[str]) -> list[str]:
    from conformance.case import ALL_MODES

    return sorted(set(modes), key=lambda m: (ALL_MODES.index(m) if m in ALL_MODES else len(ALL_MODES), m))


def ordered_dtypes(dtypes: Iterable[str]) -> list[str]:
    rank = {name: i for i, name in enumerate(DTYPE_ORDER)}
    return sorted(set(dtypes), key=lambda d: (rank.get(d, len(rank)), d))


def table_matrix(table: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """A recorded table (report.json's `tables`) as columns and rows, each in the order first seen."""
    rows = list(table["cells"])
    columns = list(dict.fromkeys(c for r in rows for c in table["cells"][r]))
    return columns, [[r, *(cell_text(table["cells"][r].get(c, "")) for c in columns)] for r in rows]


def cell_text(value: Any) -> str:
    return f"{value:.3g}" if isinstance(value, float) else str(value)


# -- the divergence map ----------------------------------------------------------------------------------
def grid(data: dict[str, Any]) -> list[list[Any]]:
    """The report's cells, [area, case, mode, dtype, verdict, examples]. A report from before schema 4
    has none: its cells are read from the counts by case and mode, in one column of every dtype, and a
    divergence's examples are not split by mode there (UNSPLIT)."""
    if "grid" in data:
        return data["grid"]
    cells = [[c["area"], c["case"], c["mode"], ANY_DTYPE, "agree", c["agree"]]
             for c in data["cases"] if c["agree"]]
    for status, rows in (("known", data["divergences"]), ("vanished", data.get("vanished", []))):
        for d in rows:
            label = verdict_label(d.get("status", status), d["id"], d["kind"])
            cells += [[d["area"], d["case"], mode, ANY_DTYPE, label, UNSPLIT] for mode in d["modes"]]
    return cells


def verdict_status(label: str) -> str:
    return label.split(":", 1)[0]


def worst(labels: Iterable[str]) -> str | None:
    statuses = [verdict_status(label) for label in labels]
    return max(statuses, key=VERDICTS.index) if statuses else None

"""The shape of report.json and of the recorder's spool files, checked before anything reads them.

A report is JSON that people keep, copy between machines and edit; the renderers index into it freely.
Checking every field they read first turns a TypeError deep in a renderer into one line that names the
file and the field: `reports/x/report.json: divergences[3].smallest: missing`. Fields that this code
does not read may be added freely (a later environment fact, a key in `run`): they are not errors.

The structure is what `conformance.report.build` writes (and `Recorder.snapshot` for a spool file).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The `schema` versions this code reads; report.SCHEMA_VERSION is one of them. Schema 2 added the
# vanished divergences: a "vanished" count per area and case, the `vanished` list, and per divergence the
# examples matched only at free positions (`undefined`); a schema-1 report reads as having none. Schema 3
# added the `coverage` and `api_surface` sections (optional: older reports render without them). Schema 4
# added the `grid`, examples by case, mode, dtype and verdict (optional: an older report's divergence
# map has one column, every dtype together).
SUPPORTED_SCHEMAS = (1, 2, 3, 4)


class ReportError(ValueError):
    """Input that is not a readable report or spool file; its message is one line: file, field, problem."""

    def __init__(self, file: Path | str | None, where: str, problem: str) -> None:
        self.file, self.where, self.problem = file, where, problem
        super().__init__(": ".join(str(part) for part in (file, where, problem) if part not in (None, "")))


# -- a small structural type language: Python types, tuples of them, and the classes below ----------------
@dataclass(frozen=True)
class Record:
    """An object with these keys (`required` must be there; `optional` may be); other keys are let be."""
    required: dict[str, Any]
    optional: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ListOf:
    item: Any


@dataclass(frozen=True)
class MapOf:
    """An object with any keys, each value of one type."""
    value: Any


@dataclass(frozen=True)
class Row:
    """A list of fixed length, one type per position (a spool's count: area, case, mode, status, n)."""
    items: tuple[Any, ...]


@dataclass(frozen=True)
class OneOf:
    choices: tuple[str, ...]


_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "a boolean",
          type(None): "null", dict: "an object", list: "a list"}


def _json_name(value: Any) -> str:
    for kind in (bool, type(None), int, float, str, dict, list):  # bool first: it is also an int
        if isinstance(value, kind):
            return _NAMES[kind]
    return type(value).__name__


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is(value: Any, kind: type) -> bool:
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is float:  # a JSON number: 3 and 3.0 both
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, kind)


def _check(value: Any, spec: Any, where: str) -> None:
    """Raise ReportError (without a file yet) at the first value that does not fit `spec`."""
    if isinstance(spec, Record):
        if not isinstance(value, dict):
            raise ReportError(None, where, f"expected an object, got {_json_name(value)}")
        for key, sub in spec.required.items():
            if key not in value:
                raise ReportError(None, _join(where, key), "missing")
            _check(value[key], sub, _join(where, key))
        for key, sub in spec.optional.items():
            if key in value:
                _check(value[key], sub, _join(where, key))
    elif isinstance(spec, MapOf):
        if not isinstance(value, dict):
            raise ReportError(None, where, f"expected an object, got {_json_name(value)}")
        for key, sub in value.items():
            _check(sub, spec.value, _join(where, key))
    elif isinstance(spec, ListOf):
        if not isinstance(value, list):
            raise ReportError(None, where, f"expected a list, got {_json_name(value)}")
        for i, item in enumerate(value):
            _check(item, spec.item, f"{where}[{i}]")
    elif isinstance(spec, Row):
        if not isinstance(value, list) or len(value) != len(spec.items):
            got = f"a list of {len(value)}" if isinstance(value, list) else _json_name(value)
            raise ReportError(None, where, f"expected a list of {len(spec.items)}, got {got}")
        for i, (item, sub) in enumerate(zip(value, spec.items, strict=True)):
            _check(item, sub, f"{where}[{i}]")
    elif isinstance(spec, OneOf):
        if value not in spec.choices:
            raise ReportError(None, where, f"expected one of {', '.join(map(repr, spec.choices))}, "
                                           f"got {_short(value)}")
    else:
        kinds = spec if isinstance(spec, tuple) else (spec,)
        if not any(_is(value, kind) for kind in kinds):
            names = [_NAMES[kind] for kind in kinds]
            wanted = " or ".join(filter(None, [", ".join(names[:-1]), names[-1]]))
            raise ReportError(None, where, f"expected {wanted}, got {_json_name(value)}")


def _join(where: str, key: str) -> str:
    # keys with dots or spaces (table rows, case names) are quoted so the path stays readable
    name = key if key.replace("_", "").replace("-", "").isalnum() else repr(key)
    return f"{where}.{name}" if where else name


# -- the report ------------------------------------------------------------------------------------------
OPTIONAL_STR = (str, type(None))
SCALAR = (str, float, bool, type(None))  # a table cell: a dtype name, a verdict, a share of a bound
DIVERGENCE_STATUS = OneOf(("known", "new"))
SPOOLED_STATUS = OneOf(("known", "vanished", "new"))

SMALLEST = Record({
    "size": int, "mode": str, "summary": str, "detail": str, "numpy": str, "jax": str,
    "numpy_warnings": ListOf(str), "near_misses": ListOf(str), "left_over": ListOf(str),
    "reproducer": str,
})
TABLES = MapOf(Record({"title": str, "keep": OneOf(("max", "last")), "cells": MapOf(MapOf(SCALAR))}))
GRID = ListOf(Row((str, str, str, str, str, int)))  # area, case, mode, dtype, verdict, examples
COUNTS = Record({"agree": int, "known": int, "new": int}, optional={"vanished": int})

COVERAGE = Record({
    "checked": int, "total": int,
    "namespaces": MapOf(Record({"checked": int, "total": int})),
    "functions": ListOf(Record({"name": str, "namespace": str,
                                "status": OneOf(("checked", "not checked", "not checked yet"))},
                               optional={"examples": int, "reason": str, "source": str})),
    "beyond_namespace": MapOf(int),
})
API_SURFACE = Record({
    "functions": int, "in_jax": int, "matching": int,
    "rows": ListOf(Record({"function": str, "in_jax": str, "signature": str, "differences": str,
                           "entry": str})),
})
REPORT = Record(
    {
        "schema": int,
        "session": str,
        "environment": Record(
            {"jax": str, "jaxlib": OPTIONAL_STR, "numpy": str, "hypothesis": OPTIONAL_STR,
             "python": str, "machine": str, "platform": str, "device_kind": str,
             "device_count": int, "x64": bool, "profile": str, "seed": (str, int, type(None))},
            optional={"ml_dtypes": OPTIONAL_STR},  # reports before ml_dtypes was recorded lack it
        ),
        "run": Record({"exitstatus": int, "processes": int, "tests": MapOf(int)},
                      optional={"seconds": MapOf(float), "interrupted": bool}),
        "areas": MapOf(Record({"examples": int, **COUNTS.required}, COUNTS.optional)),
        "cases": ListOf(Record({"area": str, "case": str, "mode": str, **COUNTS.required},
                               COUNTS.optional)),
        "divergences": ListOf(Record({
            "id": OPTIONAL_STR, "status": DIVERGENCE_STATUS, "area": str, "case": str, "kind": str,
            "count": int, "modes": ListOf(str), "title": str, "source": str, "smallest": SMALLEST,
        }, optional={"undefined": int})),
        "unmatched_catalogue": ListOf(Record(
            {"id": str, "area": str, "title": str, "condition": str, "applicable": str})),
    },
    optional={"tables": TABLES, "coverage": COVERAGE, "api_surface": API_SURFACE, "grid": GRID,
              "proof_strength": ListOf(Record({"id": str, "examples": int, "asserted": int,
                                               "undefined": int, "citation": str})),
              "vanished": ListOf(Record({
                  "id": str, "area": str, "case": str, "kind": str, "count": int, "modes": ListOf(str),
                  "fails": bool, "title": str, "source": str, "smallest": SMALLEST,
              }))},
)


# -- a spool file: Recorder.snapshot ------------------------------------------------------------------------
SPOOL = Record(
    {
        "counts": ListOf(Row((str, str, str, OneOf(("agree", "known", "vanished", "new")), int))),
        "divergences": MapOf(Record({
            "id": OPTIONAL_STR, "status": SPOOLED_STATUS, "area": str, "case": str, "kind": str,
            "count": int, "modes": ListOf(str), "smallest": SMALLEST,
        }, optional={"undefined": int, "fails": bool})),
    },
    # what the run was (Hypothesis profile and seed) for `report build`; older spools lack it
    optional={"tests": MapOf(int), "seconds": MapOf(float), "tables": TABLES, "sources": MapOf(str),
              "grid": GRID,
              "meta": Record({}, optional={"profile": str, "seed": (str, int, type(None)),
                                           "session": str})},
)


def _with_file(error: ReportError, path: Path | str | None) -> ReportError:
    return ReportError(path, error.where, error.problem)


def validate_report(data: Any, path: Path | str | None = None) -> dict[str, Any]:
    """Check a loaded report.json against the schema; return it, or raise ReportError naming `path`."""
    if not isinstance(data, dict):
        raise ReportError(path, "", f"is not a conformance report (the JSON is {_json_name(data)}, "
                                    "not an object)")
    if "environment" not in data and "schema" not in data:
        if "counts" in data:  # a spool file given where a report was expected
            raise ReportError(path, "", "is not a conformance report but a recorder spool file "
                                        "(rebuild the report with `report build` on its folder)")
        missing = sorted(set(REPORT.required) - set(data))
        raise ReportError(path, "", f"is not a conformance report (missing {', '.join(missing)})")
    version = data.get("schema")
    if "schema" in data and _is(version, int) and version not in SUPPORTED_SCHEMAS:
        raise ReportError(path, "schema", f"{version} is not supported (this version reads "
                                          f"{', '.join(map(str, SUPPORTED_SCHEMAS))})")
    try:
        _check(data, REPORT, "")
    except ReportError as error:
        raise _with_file(error, path) from None
    return data


def validate_spool(data: Any, path: Path | str | None = None) -> dict[str, Any]:
    """Check one loaded spool file (a recorder snapshot); return it, or raise ReportError."""
    if isinstance(data, dict) and "environment" in data and "counts" not in data:
        raise ReportError(path, "", "is a report, not a spool file (`report build` reads the files of "
                                    "a report's spool/ folder)")
    try:
        _check(data, SPOOL, "")
    except ReportError as error:
        raise _with_file(error, path) from None
    return data


# -- reading files -----------------------------------------------------------------------------------------
def read_json(path: Path | str) -> Any:
    """Parse a JSON file; a syntax error names the file, line and column."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ReportError(path, "", "not UTF-8 text") from None
    except OSError as error:
        raise ReportError(path, "", f"cannot read ({error.strerror or error})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ReportError(path, f"line {error.lineno} column {error.colno}",
                          f"not valid JSON ({error.msg})") from None
    except RecursionError:  # json.loads on absurdly deep nesting
        raise ReportError(path, "", "not valid JSON (nested too deeply)") from None


def load_report(path: Path | str) -> dict[str, Any]:
    return validate_report(read_json(path), path)


def load_spool_file(path: Path | str) -> dict[str, Any]:
    return validate_spool(read_json(path), path)

"""Reach: the structures a test's examples must hit, declared per test, counted per example, enforced in `ci`.

Random draws reach the structures that decide semantics (a stretched interior axis, a mask with `True`s in
several rows, repeated positions per `.at` method, advanced indices separated by a slice) only by luck, so a
bug that lives there can pass a whole run. A test declares them:

    @reach.declare("operands=3", "stretched axis: interior")
    @given(data=st.data())
    def test_broadcast_arrays(xp, data):
        ...
        reach.reached("operands=3")          # this example has the structure

`declare` also takes a function of the test's pytest parameters (`{"case": ..., "mode": ...}`) that returns
the features, for parametrized tests whose features depend on the case; and `across_cases`, features that
some test of a parametrized function must reach, not each one (forty binary functions share jnp's one
broadcasting path: a result of rank 3 must be reached by the family, and each function's handful of examples
need not draw every rank). Those are checked once the run's counts are merged (`missed_across`). The
decorator only marks the function (it goes above `@given`, and the function stays the one Hypothesis built,
so harness tests can still swap its settings). The pytest plugin calls `start` before each test and `finish`
after a test that passed: `finish` writes each feature's count into the report's reach table of that test
function (through the recorder, so it crosses xdist workers) and, in a run with the `ci` profile, fails the
test when a declared feature was never reached. Strategies reach features by construction (a drawn
structure, then an input that has it), so the check guards against a strategy change that silently stops
reaching one.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

ATTRIBUTE = "_conformance_reach"
TABLE = "reach"
TITLE = "Reach: examples per declared structural feature (a 0 fails a ci run)"
ENFORCED_PROFILES = frozenset({"ci"})

Features = Iterable[str] | Callable[[dict[str, Any]], Iterable[str]]
ACROSS = " (across cases)"  # the reach table's column suffix of a feature declared across_cases

_COUNTS: Counter[str] = Counter()


class ReachMissed(AssertionError):
    """A `ci` run's test never reached a structural feature it declares."""


def declare(*features: str, per_params: Callable[[dict[str, Any]], Iterable[str]] | None = None,
            across_cases: Iterable[str] = ()):
    """Mark a test with the features its examples must reach: fixed names, with `per_params` the names
    that depend on its pytest parameters (called with `item.callspec.params`), and `across_cases` the
    names some parametrization of the test must reach."""
    across_cases = tuple(across_cases)
    for feature in (*features, *across_cases):
        if not isinstance(feature, str) or not feature:
            raise ValueError(f"reach.declare: a feature is a non-empty string, got {feature!r}")

    def mark(test):
        setattr(test, ATTRIBUTE, (tuple(features), per_params, across_cases))
        return test
    return mark


def declared(test: Any, params: dict[str, Any]) -> tuple[str, ...]:
    """The features `test` (a test function) declares for these pytest parameters; () if none."""
    fixed, per_params, _ = getattr(test, ATTRIBUTE, ((), None, ()))
    extra = tuple(per_params(params)) if per_params is not None else ()
    return tuple(dict.fromkeys((*fixed, *extra)))


def declared_across(test: Any) -> tuple[str, ...]:
    """The features `test` declares across its parametrizations."""
    return getattr(test, ATTRIBUTE, ((), None, ()))[2]


def missed_across(tables: dict[str, dict[str, Any]]) -> list[str]:
    """`function: feature` for each feature declared across cases that no test of the function reached,
    read from a report's reach tables (every process's counts merged)."""
    missed = []
    for name, table in sorted(tables.items()):
        if not name.startswith(f"{TABLE}:"):
            continue
        columns = {column for row in table["cells"].values() for column in row if column.endswith(ACROSS)}
        for column in sorted(columns):
            if not any(row.get(column) for row in table["cells"].values()):
                missed.append(f"{name.removeprefix(TABLE + ':')}: {column.removesuffix(ACROSS)}")
    return missed


def reached(*features: str) -> None:
    """Count one example for each of `features` (also a Hypothesis event: --hypothesis-show-statistics)."""
    from hypothesis import event
    from hypothesis.errors import InvalidArgument

    for feature in features:
        _COUNTS[feature] += 1
        with contextlib.suppress(InvalidArgument):  # outside a Hypothesis test (a sweep) the count is enough
            event(f"reach: {feature}")


def start() -> None:
    """Forget the counts of the previous test."""
    _COUNTS.clear()


def counts() -> dict[str, int]:
    return dict(_COUNTS)


def finish(function: str, item: str, features: tuple[str, ...], *, enforce: bool,
           across: tuple[str, ...] = ()) -> None:
    """Record the counts of the test that just passed in the report: one reach table per test function,
    a row per test (its parameters), a column per declared feature (those declared `across` cases with
    the ACROSS suffix). With `enforce`, raise `ReachMissed` naming every declared feature (not `across`)
    never reached."""
    from conformance.recorder import active

    seen = counts()
    recorder = active()
    row = item.replace("|", "\\|")  # the operator case `a | b` would split a markdown cell
    for feature in (*features, *across):
        column = feature + ACROSS if feature in across and feature not in features else feature
        recorder.record_cell(f"{TABLE}:{function}", row, column, seen.get(feature, 0),
                             title=f"{TITLE}: {function}", keep="max")
    missed = [f for f in features if not seen.get(f)]
    if enforce and missed:
        raise ReachMissed(
            f"{item}: no example reached the declared structural feature(s) {', '.join(missed)} "
            f"(reached: {', '.join(f'{f} ({n})' for f, n in sorted(seen.items())) or 'nothing'}); "
            "make the test's strategy reach them by construction (conformance/reach.py)")

"""A documented divergence that vanishes is a finding of its own: where an entry holds and its model
differs from NumPy, JAX agreeing with NumPy fails the run as `vanished` (unless the entry's version gate
excludes the running JAX), and the report shows it."""

from dataclasses import replace

import numpy as np
import pytest

import conformance.catalogue as catalogue
from conformance import report
from conformance.cases import updates as cases
from conformance.check import NewDivergence, VanishedDivergence, check
from conformance.recorder import Recorder, recording
from tests.conformance import test_updates as suite
from tests.harness import broken_vanished as broken
from tests.harness.planted import SEARCH, planted_settings

ENTRY = "UPD-ADD-REPEATED-ACCUMULATES"
# x[[0, 0]] += [1, 2] on [0, 1, 2]: NumPy (one write wins) gives [2, 1, 2]; JAX's .at[].add gives [3, ...]
ARGS = (np.arange(3, dtype=np.int32), (np.array([0, 0], np.int32),), np.array([1, 2], np.int32))


def _vanished(recorder: Recorder) -> list[dict]:
    return [d for d in recorder.divergences.values() if d["status"] == "vanished"]


def test_add_that_stops_accumulating_is_a_vanished_finding():
    """The suite's own test of the augmented assignment, searched as in CI, fails with the entry named."""
    test = suite.test_augmented_assignment_differs_from_add_on_repeats
    with planted_settings(test, SEARCH), recording(Recorder()) as recorder, \
            pytest.raises(VanishedDivergence, match=f"{ENTRY} no longer holds"):
        test(xp=broken.ADD_STOPS_ACCUMULATING)
    found = _vanished(recorder)
    assert {d["id"] for d in found} == {ENTRY} and all(d["fails"] for d in found)
    assert "jax.numpy" in found[0]["smallest"]["reproducer"]


def test_the_real_add_is_known_not_vanished():
    with recording(Recorder()) as recorder:
        verdicts = check(cases.AUGMENTED_ADD, *ARGS)
    assert {str(v) for v in verdicts} == {f"known:{ENTRY}"} and not _vanished(recorder)


def _gated_out(monkeypatch) -> None:
    """The catalogue with the entry gated to JAX releases that do not include the running one."""
    gated = tuple(replace(e, jax_versions="<0.0.1") if e.id == ENTRY else e for e in catalogue.CATALOGUE)
    monkeypatch.setattr(catalogue, "CATALOGUE", gated)


def test_an_entry_gated_out_of_this_jax_does_not_vanish(monkeypatch):
    _gated_out(monkeypatch)
    with recording(Recorder()) as recorder:
        verdicts = check(cases.AUGMENTED_ADD, *ARGS, xp=broken.ADD_STOPS_ACCUMULATING)
    assert {v.status for v in verdicts} == {"agree"} and not _vanished(recorder)


def test_with_the_gates_off_a_gated_out_entry_is_recorded_but_does_not_fail(monkeypatch):
    """As `nox -s history` runs: the finding is recorded for the history, the run does not fail."""
    _gated_out(monkeypatch)
    monkeypatch.setattr(catalogue, "VERSION_GATES", False)
    with recording(Recorder()) as recorder:
        verdicts = check(cases.AUGMENTED_ADD, *ARGS, xp=broken.ADD_STOPS_ACCUMULATING)
    assert {str(v) for v in verdicts} == {f"vanished:{ENTRY}"} and not any(v.fails for v in verdicts)
    assert [d["fails"] for d in _vanished(recorder)] == [False]


def test_the_report_shows_the_vanished_finding():
    with recording(Recorder()) as recorder, pytest.raises(VanishedDivergence):
        check(cases.AUGMENTED_ADD, *ARGS, xp=broken.ADD_STOPS_ACCUMULATING)
    data = report.build(recorder, session="harness", profile="ci", seed="derandomized", exitstatus=1,
                        processes=1)
    n = len(cases.AUGMENTED_ADD.modes)
    assert data["areas"]["updates"]["vanished"] == n and not data["divergences"]
    (finding,) = data["vanished"]
    assert (finding["id"], finding["kind"], finding["count"], finding["fails"]) == (ENTRY, "values", n, True)
    markdown = report.render_markdown(data)
    assert f"### VANISHED {ENTRY}: `x[idx] += v` (values)" in markdown
    assert "1 vanished" in report.one_line_summary(data)
    assert finding["smallest"]["reproducer"] in markdown


def test_a_model_that_differs_only_in_a_kind_its_entry_does_not_document_is_not_vanished():
    """DTYPE-X64-OFF-64BIT-ARRAY-READ-AS-32BIT documents dtypes: its NumPy rerun on the uint32 index
    raises, where JAX's gather rule (another entry's half of the pair) reads the last element, as NumPy
    does after wrapping 2**64 - 1 to -1. Agreement there is not a vanished dtype divergence."""
    from conformance.cases import indexing
    from conformance.environment import x64_enabled
    if x64_enabled():
        pytest.skip("the entry holds with x64 off")
    x = np.array([0.0, 1.0, 2.0], np.float16)
    case = next(c for c in indexing.TAKE_ALONG_AXIS if "mode:None" in c.tags)
    with recording(Recorder()) as recorder:
        verdicts = check(case, x, np.array([2**64 - 1], np.uint64), 0)
    assert {v.status for v in verdicts} == {"agree"} and not _vanished(recorder)


def test_an_entry_gated_out_of_this_numpy_does_not_apply(monkeypatch):
    """`numpy_versions` (for a change on NumPy's side) is a gate like `jax_versions`, also with the jax
    gates off: outside it the entry explains nothing, so the real difference is new."""
    gated = tuple(replace(e, numpy_versions="<0.0.1") if e.id == ENTRY else e for e in catalogue.CATALOGUE)
    monkeypatch.setattr(catalogue, "CATALOGUE", gated)
    monkeypatch.setattr(catalogue, "VERSION_GATES", False)
    with recording(Recorder()), pytest.raises(NewDivergence):
        check(cases.AUGMENTED_ADD, *ARGS)

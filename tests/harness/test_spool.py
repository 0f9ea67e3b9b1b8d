"""The recorder's spool: the smallest example of a divergence does not depend on which process ran what or
on the order spools merge in; each spool file carries the run's facts, so a report rebuilt from the spool
alone is the run's; an interrupted run says so at the top."""

import itertools
import json

import numpy as np
import pytest

from conformance import report
from conformance.cases import broadcasting as cases
from conformance.check import NewDivergence, check
from conformance.cli import main
from conformance.environment import current
from conformance.recorder import Recorder, recording
from tests.harness import broken

ADD = next(c for c in cases.ALL if c.name == "add")
# Three inputs of one size (2 + 2 elements, rank 1 each) and one larger: ties that arrival order decided.
SAME_SIZE = [(np.array([5, 6], np.int8), np.array([7, 8], np.int8)),
             (np.array([1, 2], np.int8), np.array([3, 4], np.int8)),
             (np.array([9, 1], np.int8), np.array([2, 3], np.int8))]
LARGER = (np.array([1, 2, 3], np.int8), np.array([4, 5, 6], np.int8))


def _recorded(inputs) -> Recorder:
    with recording(Recorder()) as recorder:
        for args in inputs:
            with pytest.raises(NewDivergence):
                check(ADD, *args, xp=broken.ADD_OFF_BY_ONE)
    return recorder


def _smallest(recorder: Recorder) -> dict:
    (record,) = recorder.divergences.values()
    return record["smallest"]


@pytest.fixture(scope="module")
def by_arrival() -> list[Recorder]:
    """One recorder per order the three tied inputs (and a larger one) can arrive in."""
    return [_recorded([LARGER, *order]) for order in itertools.permutations(SAME_SIZE)]


def test_the_smallest_example_does_not_depend_on_arrival_order(by_arrival):
    kept = {json.dumps(_smallest(r), sort_keys=True) for r in by_arrival}
    assert len(kept) == 1
    smallest = _smallest(by_arrival[0])
    assert smallest["size"] == 6 and "[1, 2]" in smallest["reproducer"]  # ties go to the least text


def test_merging_spools_in_either_order_keeps_the_same_smallest(tmp_path):
    """Two workers each saw one of two tied examples; whichever merges first, one is kept."""
    first, second = _recorded([SAME_SIZE[0]]), _recorded([SAME_SIZE[1]])
    assert _smallest(first) != _smallest(second)
    merged = []
    for order in ((first, second), (second, first)):
        recorder = Recorder()
        for worker in order:
            recorder.merge(json.loads(json.dumps(worker.snapshot())))
        merged.append(recorder)
    assert _smallest(merged[0]) == _smallest(merged[1]) == _smallest(_recorded(SAME_SIZE[:2]))
    # and through spool files, whose names decide the merge order
    for names in (("gw0", "gw1"), ("gw1", "gw0")):
        for name, worker in zip(names, (first, second), strict=True):
            worker.spool(tmp_path / "-".join(names) / f"{name}.json")
    assert (_smallest(Recorder.from_spool(tmp_path / "gw0-gw1"))
            == _smallest(Recorder.from_spool(tmp_path / "gw1-gw0")))


# -- the run's facts travel with the spool ----------------------------------------------------------
def _meta(role: str, tests_run: int, **more) -> dict:
    environment = current().as_dict()  # and x64 flipped below: a rebuilt report must take the spool's
    return {"session": "nightly", "profile": "ci", "seed": "derandomized", "process": role,
            "role": role, "tests_run": tests_run,
            "environment": {**environment, "x64": not environment["x64"]}, **more}


def _spool_run(directory, *, controller_meta: dict | None) -> None:
    """What an xdist run with two workers leaves: each worker's counts, the controller's outcomes."""
    for name, inputs in (("gw0", [SAME_SIZE[0]]), ("gw1", [SAME_SIZE[1]])):
        worker = _recorded(inputs)
        worker.meta = _meta("worker", 1)
        worker.spool(directory / f"{name}.json")
    controller = Recorder()
    controller.record_test("failed")
    controller.record_test("failed")
    controller.meta = controller_meta or _meta("controller", 0)
    controller.spool(directory / "main.json")


def test_a_report_rebuilt_from_the_spool_keeps_the_run_facts(tmp_path):
    spool = tmp_path / "nightly-dir" / "spool"
    _spool_run(spool, controller_meta=_meta("controller", 0, exitstatus=1, interrupted=False,
                                            interruption=None))
    data = report.build_from_spool(spool)
    assert (data["session"], data["environment"]["profile"], data["environment"]["seed"]) == (
        "nightly", "ci", "derandomized")
    assert data["environment"]["x64"] == _meta("worker", 1)["environment"]["x64"]  # the run's, not ours
    assert data["run"] | {"seconds": None} == {"exitstatus": 1, "processes": 2, "interrupted": False,
                                               "tests": {"failed": 2}, "seconds": None}
    assert report.build_from_spool(spool, session_name="renamed")["session"] == "renamed"


def test_a_killed_run_rebuilt_from_its_spool_is_marked_interrupted(tmp_path):
    """The controller never spooled how the run ended: it did not finish."""
    _spool_run(tmp_path / "spool", controller_meta=None)
    data = report.build_from_spool(tmp_path / "spool")
    assert data["run"]["interrupted"] and data["run"]["exitstatus"] == -1
    assert "rebuilt from its spool" in data["run"]["interruption"]
    assert "This run was interrupted" in report.render_markdown(data).split("## Environment")[0]


def test_the_command_line_rebuild_reads_the_run_facts_from_the_spool(tmp_path):
    """`report build` passes "unknown" and -1 for what it does not know: the spool fills them in."""
    _spool_run(tmp_path / "run" / "spool", controller_meta=None)
    assert main(["report", "build", str(tmp_path / "run" / "spool")]) == 0
    data = json.loads((tmp_path / "run" / "report.json").read_text())
    assert (data["environment"]["profile"], data["environment"]["seed"]) == ("ci", "derandomized")


def test_spools_without_metadata_still_merge_and_count_processes(tmp_path):
    """Spools written before they carried metadata: a process counts if it recorded anything."""
    _recorded([SAME_SIZE[0]]).spool(tmp_path / "gw0.json")
    Recorder().spool(tmp_path / "main.json")
    data = report.build(Recorder.from_spool(tmp_path), session="old", exitstatus=0)
    assert (data["run"]["processes"], data["environment"]["profile"]) == (1, "unknown")
    assert data["run"]["interrupted"] is False


@pytest.mark.parametrize(("exitstatus", "interrupted", "how"),
                         [(0, False, None), (1, False, None), (2, True, "KeyboardInterrupt"),
                          (2, None, None)])
def test_an_interrupted_run_says_so_at_the_top(exitstatus, interrupted, how):
    given = {} if interrupted is None else {"interrupted": interrupted, "interruption": how}
    data = report.build(Recorder(), session="s", profile="ci", seed=1, exitstatus=exitstatus,
                        processes=1, **given)
    banner = report.render_markdown(data).split("## Environment")[0]
    assert data["run"]["interrupted"] is (exitstatus == 2)
    assert ("This run was interrupted" in banner) is (exitstatus == 2)
    if exitstatus == 2:
        expected = how or "pytest exit status 2"
        assert data["run"]["interruption"] == expected and f"({expected}; pytest exit status 2)" in banner
    else:
        assert "interruption" not in data["run"]


def test_reports_without_the_interrupted_field_still_render():
    data = report.build(Recorder(), session="s", profile="ci", seed=1, exitstatus=0, processes=1)
    del data["run"]["interrupted"]
    assert "interrupted" not in report.render_markdown(data)


def test_vanished_findings_and_proof_strength_survive_the_spool(tmp_path):
    """A vanished record (and whether it failed) and a known record's examples matched at undefined
    positions merge across spool files; the spool validates; the rebuilt report shows them."""
    from conformance.cases import updates
    from conformance.check import VanishedDivergence
    from conformance.schema import load_spool_file
    from tests.harness import broken_vanished

    with recording(Recorder()) as recorder, pytest.raises(VanishedDivergence):
        check(updates.AUGMENTED_ADD, np.arange(3, dtype=np.int32), (np.array([0, 0], np.int32),),
              np.array([1, 2], np.int32), xp=broken_vanished.ADD_STOPS_ACCUMULATING)
    (record,) = recorder.divergences.values()
    record_known = {**record, "id": "X", "status": "known", "undefined": 1}
    recorder.divergences["known|X|updates|x[idx] += v"] = record_known
    del record_known["fails"]
    for name in ("gw0", "gw1"):
        recorder.spool(tmp_path / "spool" / f"{name}.json")
        load_spool_file(tmp_path / "spool" / f"{name}.json")
    merged = Recorder.from_spool(tmp_path / "spool")
    vanished = [d for d in merged.divergences.values() if d["status"] == "vanished"]
    assert [(d["count"], d["fails"]) for d in vanished] == [(2 * record["count"], True)]
    assert merged.divergences["known|X|updates|x[idx] += v"]["undefined"] == 2
    assert merged.counts[("updates", "x[idx] += v", "eager", "vanished")] == 2

"""The pytest plugin: bad options are one-line errors, runs are the same with and without xdist, nothing
recorded is lost when a worker crashes or the run is terminated, an interrupted run counts what the
terminal showed, and a run that is not a conformance run is left as it is."""

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLED = any(ep.value == "conformance.plugin" for ep in metadata.entry_points(group="pytest11"))


def pytest_run(*args, cwd=ROOT, timeout=600, **kwargs):
    env = {**os.environ, "JAX_PLATFORMS": "cpu", "PYTHONPATH": str(ROOT)}
    plugin = [] if INSTALLED or cwd == ROOT else ["-p", "conformance.plugin"]
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *plugin, *args],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, **kwargs)


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("--hypothesis-profile=nope", "unknown Hypothesis profile 'nope'"),
        ("--x64=maybe", "argument --x64: invalid choice: 'maybe'"),
    ],
)
def test_bad_options_are_one_line_errors(option, message):
    result = pytest_run(option, "tests/harness/test_compare.py")
    assert result.returncode == 4
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def _examples(report_dir: Path) -> dict:
    data = json.loads((report_dir / "report.json").read_text())
    return {(c["case"], c["mode"]): c["agree"] + c["known"] + c["new"] for c in data["cases"]}


@pytest.mark.slow  # a whole xdist run of conformance tests in a subprocess (nox -s slow)
def test_xdist_records_the_same_examples_as_one_process(tmp_path):
    selection = ["tests/conformance/test_broadcasting.py", "-k",
                 "test_binary_broadcasts and (add or subtract or maximum)",
                 "--hypothesis-profile=quick", "-q"]
    serial = pytest_run(*selection, "-n", "0", f"--report-dir={tmp_path / 'serial'}")
    parallel = pytest_run(*selection, "-n", "2", f"--report-dir={tmp_path / 'parallel'}")
    assert serial.returncode == parallel.returncode == 0, serial.stdout + parallel.stdout
    assert _examples(tmp_path / "serial") == _examples(tmp_path / "parallel")
    assert sum(_examples(tmp_path / "serial").values()) > 0


RECORDING_TESTS = """
import os, time
import numpy as np
from conformance.cases.broadcasting import BINARY
from conformance.check import check

def test_records():
    check(BINARY[0], np.array([1, 2], np.int8), np.array([3, 4], np.int8))

def test_{name}():
    check(BINARY[0], np.array([5], np.int8), np.array([6], np.int8))
    {action}
"""


def _write_tests(tmp_path: Path, name: str, action: str) -> None:
    (tmp_path / "test_run.py").write_text(textwrap.dedent(RECORDING_TESTS.format(name=name,
                                                                                  action=action)))


@pytest.mark.slow  # a whole xdist run of conformance tests in a subprocess (nox -s slow)
def test_a_crashed_worker_loses_nothing_it_recorded(tmp_path):
    _write_tests(tmp_path, "crashes", "os._exit(3)")
    result = pytest_run("-n", "2", f"--report-dir={tmp_path / 'report'}", cwd=tmp_path)
    assert result.returncode != 0
    data = json.loads((tmp_path / "report" / "report.json").read_text())
    # The finished test's examples survive; the crashing test's agreements die with the process (new
    # divergences are spooled the moment they are found, hangs by the watchdog).
    from conformance.cases.broadcasting import BINARY

    assert data["areas"]["broadcasting"]["examples"] == len(BINARY[0].modes)  # one check, every mode


def _start_run(tmp_path: Path, *, workers: str) -> subprocess.Popen:
    """A conformance run of the test files in `tmp_path`, writing tmp_path/report, left running."""
    env = {**os.environ, "JAX_PLATFORMS": "cpu", "PYTHONPATH": str(ROOT)}
    plugin = [] if INSTALLED else ["-p", "conformance.plugin"]
    return subprocess.Popen(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *plugin, "-n", workers,
         f"--report-dir={tmp_path / 'report'}"], cwd=tmp_path, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_terminated_run_still_writes_its_report(tmp_path):
    _write_tests(tmp_path, "hangs", "time.sleep(600)")
    process = _start_run(tmp_path, workers="0")
    spool = tmp_path / "report" / "spool" / "main.json"
    deadline = time.monotonic() + 300
    while not spool.exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(3)  # inside the sleeping test by now
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=120)
    data = json.loads((tmp_path / "report" / "report.json").read_text())
    assert data["areas"]["broadcasting"]["examples"] >= 2
    assert data["run"] | {"seconds": None} == {
        "exitstatus": 2, "processes": 1, "interrupted": True, "interruption": "SIGTERM",
        "tests": {"passed": 1}, "seconds": None}
    markdown = (tmp_path / "report" / "report.md").read_text()
    assert markdown.index("This run was interrupted** (SIGTERM") < markdown.index("## Environment")


SLOW_TESTS = """
import time
import numpy as np
import pytest
from conformance.cases.broadcasting import BINARY
from conformance.check import check

@pytest.mark.parametrize("i", range(60))
def test_slow(i):
    check(BINARY[0], np.array([1, 2], np.int8), np.array([3, 4], np.int8))
    time.sleep(0.3)
"""


def _tests_run(spool: Path) -> int:
    total = 0
    for path in spool.glob("gw*.json"):
        with contextlib.suppress(OSError, ValueError, KeyError):  # not written yet
            total += json.loads(path.read_text())["meta"]["tests_run"]
    return total


@pytest.mark.slow  # a whole xdist run of conformance tests in a subprocess (nox -s slow)
def test_an_interrupted_xdist_run_counts_what_the_terminal_shows(tmp_path):
    """xdist stops its workers after the session (they run tests on meanwhile): a report read after
    them counted tests the terminal never showed (24 passed against 20), and the controller's spool
    counted as a process."""
    (tmp_path / "test_slow.py").write_text(SLOW_TESTS)
    process = _start_run(tmp_path, workers="2")
    spool = tmp_path / "report" / "spool"
    deadline = time.monotonic() + 300
    while _tests_run(spool) < 6 and time.monotonic() < deadline:
        time.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    stdout, _ = process.communicate(timeout=120)
    data = json.loads((tmp_path / "report" / "report.json").read_text())
    passed = re.search(r"(\d+) passed", stdout.splitlines()[-1])
    assert passed and data["run"]["tests"] == {"passed": int(passed[1])}, stdout
    assert (data["run"]["processes"], data["run"]["interrupted"]) == (2, True)
    assert data["run"]["interruption"] == "SIGTERM"
    from conformance import report
    from conformance.cases.broadcasting import BINARY

    assert data["areas"]["broadcasting"]["examples"] < 60 * len(BINARY[0].modes)  # it stopped early
    # The spool stopped with the report (but for a test a worker finished while it was read), so a
    # report rebuilt from it tells the same run. Without that, workers spool on while xdist stops them.
    rebuilt = report.build_from_spool(spool)
    assert rebuilt["run"] | {"seconds": None} == data["run"] | {"seconds": None}
    assert rebuilt["environment"] == data["environment"]
    more = rebuilt["areas"]["broadcasting"]["examples"] - data["areas"]["broadcasting"]["examples"]
    assert more <= 2 * len(BINARY[0].modes)


# -- a polite plugin: run-wide effects only in a conformance run ----------------------------------------
EFFECTS_TESTS = """
import gc, json, os, threading
import jax, jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import core, strategies as st
from conformance import PortMismatch, port_test
from conformance.port_strategies import arrays
{marker}
TRACES = []
FROZEN_AT_IMPORT = gc.get_freeze_count()  # Python 3.12 starts with objects frozen: only a freeze since counts

@jax.jit
def f(x):
    TRACES.append(1)  # runs when JAX traces: a second entry means the compiled function was dropped
    return x + 1

def test_a_compiles():
    f(jnp.ones(3))

def test_b_sees_the_run_wide_effects():
    f(jnp.ones(3))
    # a cancelled Timer (an earlier test's watchdog) may not have exited yet on a loaded machine
    watchdogs = [t for t in threading.enumerate()
                 if isinstance(t, threading.Timer) and t.is_alive() and not t.finished.is_set()]
    effects = {{"traces": len(TRACES), "watchdogs": len(watchdogs),
               "frozen": gc.get_freeze_count() > FROZEN_AT_IMPORT,
               "filtering": jax.config.jax_traceback_filtering, "x64": jax.config.jax_enable_x64,
               "seed": core.global_force_seed}}
    with open(os.environ["EFFECTS_FILE"], "w") as out:
        json.dump(effects, out)

def numpy_pi(n):
    k = np.arange(n)
    return np.sqrt(12) * np.sum((-1 / 3) ** k / (2 * k + 1))

@port_test(numpy_pi, args=(st.integers(1, 4),), allow=["DTYPE-X64-OFF-32BIT"], max_examples=5)
def test_port_with_an_allowed_divergence(n):
    return jnp.sqrt(12) * jnp.sum((-1 / 3) ** jnp.arange(n) / (2 * jnp.arange(n) + 1))

def test_a_wrong_port_is_explained():
    wrong = port_test(np.abs, lambda x: jnp.where(x < -1, x, jnp.abs(x)), max_examples=10,
                      args=(arrays(shape=(4,), dtype="float32", min_value=-10, max_value=10),))
    with pytest.raises(PortMismatch, match="no catalogue entry"):
        wrong()
"""

QUIET = {"traces": 1, "watchdogs": 0, "frozen": False, "filtering": "auto", "x64": False,
         "seed_forced": False}
ACTIVE = {"traces": 1, "watchdogs": 1, "frozen": True, "filtering": "off", "x64": False,
          "seed_forced": True}


def _effects_run(tmp_path: Path, *options: str, marked: bool):
    """Run EFFECTS_TESTS with the plugin loaded as an installed one is (no conftest of this repository),
    and return what its test saw and pytest's output."""
    marker = "pytestmark = pytest.mark.conformance" if marked else ""
    (tmp_path / "test_effects.py").write_text(EFFECTS_TESTS.format(marker=marker))
    effects = tmp_path / "effects.json"
    # Without CI: where it is set, Hypothesis's default profile is derandomized, and no seed is drawn.
    env = {k: v for k, v in os.environ.items()
           if k not in ("JAX_TRACEBACK_FILTERING", "JAX_ENABLE_X64", "CI")}
    env.update(JAX_PLATFORMS="cpu", PYTHONPATH=str(ROOT), EFFECTS_FILE=str(effects))
    plugin = [] if INSTALLED else ["-p", "conformance.plugin"]  # installed: its entry point loads it
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *plugin, *options,
                             "test_effects.py"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    seen = json.loads(effects.read_text())
    seed = seen.pop("seed")
    printed = re.search(r"conformance: jax .*; Hypothesis profile default, seed (\d+)", result.stdout)
    if seed is not None:  # the seed the tests ran with is the one printed
        assert printed and printed[1] == str(seed), result.stdout
    return {**seen, "seed_forced": seed is not None}, result.stdout


def test_a_plain_run_is_left_as_it_is(tmp_path):
    """A library's own tests, the plugin installed: no watchdog, JAX's caches kept between tests, no
    gc.freeze, JAX's traceback filtering and Hypothesis's seeding untouched, no header line; port_test
    works and explains the divergences it finds."""
    effects, output = _effects_run(tmp_path, "-n", "0", marked=False)
    assert effects == QUIET
    assert "conformance:" not in output


def test_an_option_given_explicitly_applies_in_a_plain_run(tmp_path):
    effects, _ = _effects_run(tmp_path, "-n", "0", "--x64=on", marked=False)
    assert effects == {**QUIET, "x64": True}


@pytest.mark.parametrize(
    ("options", "marked", "expected"),
    [
        (["-n", "0"], True, ACTIVE),  # a test marked `conformance` is collected
        # the caches are cleared once enough lowerings piled up (200 by default; the test makes one)
        (["-n", "0", "--clear-jax-caches-after=1"], True, {**ACTIVE, "traces": 2}),
        (["-n", "0", "--clear-jax-caches-after=1", "--keep-jax-caches"], True, ACTIVE),
        (["-n", "0", "--report-dir=report"], False, ACTIVE),  # a report is asked for
    ],
    ids=["marked", "marked-clear-after-1", "marked-keep-caches", "report-dir"],
)
def test_a_conformance_run_has_the_run_wide_effects(tmp_path, options, marked, expected):
    effects, _ = _effects_run(tmp_path, *options, marked=marked)
    assert effects == expected


def test_xdist_workers_tell_the_controller_it_was_a_conformance_run(tmp_path):
    """The controller collects nothing: its workers find the marked tests, share its seed, and tell it."""
    effects, _ = _effects_run(tmp_path, "-n", "2", "--dist=loadfile", marked=True)
    assert effects == ACTIVE

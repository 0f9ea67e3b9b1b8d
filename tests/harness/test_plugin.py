"""The pytest plugin: bad options are one-line errors, runs are the same with and without xdist, and
nothing recorded is lost when a worker crashes or the run is terminated."""

import json
import os
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


def test_a_crashed_worker_loses_nothing_it_recorded(tmp_path):
    _write_tests(tmp_path, "crashes", "os._exit(3)")
    result = pytest_run("-n", "2", f"--report-dir={tmp_path / 'report'}", cwd=tmp_path)
    assert result.returncode != 0
    data = json.loads((tmp_path / "report" / "report.json").read_text())
    # The finished test's examples survive; the crashing test's agreements die with the process (new
    # divergences are spooled the moment they are found, hangs by the watchdog).
    from conformance.cases.broadcasting import BINARY

    assert data["areas"]["broadcasting"]["examples"] == len(BINARY[0].modes)  # one check, every mode


def test_a_terminated_run_still_writes_its_report(tmp_path):
    _write_tests(tmp_path, "hangs", "time.sleep(600)")
    env = {**os.environ, "JAX_PLATFORMS": "cpu", "PYTHONPATH": str(ROOT)}
    plugin = [] if INSTALLED else ["-p", "conformance.plugin"]
    process = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *plugin, "-n", "0",
         f"--report-dir={tmp_path / 'report'}"], cwd=tmp_path, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    spool = tmp_path / "report" / "spool" / "main.json"
    deadline = time.monotonic() + 300
    while not spool.exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(3)  # inside the sleeping test by now
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=120)
    data = json.loads((tmp_path / "report" / "report.json").read_text())
    assert data["areas"]["broadcasting"]["examples"] >= 2


@pytest.mark.skipif("JAX_TRACEBACK_FILTERING" in os.environ, reason="the user chose a filtering mode")
def test_jax_traceback_filtering_is_off_in_a_run():
    """Filtering walks every frame of each exception JAX raises; the plugin turns it off (it changes no
    exception type or message, only the traceback shown)."""
    import jax

    assert jax.config.jax_traceback_filtering == "off"


def test_the_heap_before_the_tests_is_frozen_out_of_the_collector():
    """The plugin freezes what exists once the tests are collected (`gc.freeze`), in every process."""
    import gc

    assert gc.get_freeze_count() > 0


CACHE_TESTS = """
import jax, jax.numpy as jnp
f = jax.jit(lambda x: x + 1)

def test_a_compiles():
    f(jnp.ones(3))
    assert f._cache_size() == 1

def test_b_comes_after(request):
    kept = request.config.getoption("keep_jax_caches")
    assert f._cache_size() == (1 if kept else 0)
"""


@pytest.mark.parametrize("keep", [False, True])
def test_jax_caches_are_cleared_after_each_test_unless_kept(tmp_path, keep):
    (tmp_path / "test_caches.py").write_text(CACHE_TESTS)
    result = pytest_run("-q", "-n", "0", *(["--keep-jax-caches"] * keep),
                        "test_caches.py", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr

"""The pytest plugin: options, x64 mode, the Hypothesis seed, and the recorder's life cycle.

Every process (the controller, or each xdist worker) spools its recorder to `<report>/spool/` after every
test, atomically; the controller merges the spools and writes the report at the end of the session, also
when tests failed, a worker crashed, or the run was interrupted (SIGTERM included).
"""

from __future__ import annotations

import gc
import os
import secrets
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from conformance.recorder import RECORDER, Recorder

PROFILES_HELP = "dev (default), quick, ci (both derandomized), thorough"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance", "jax.numpy conformance against NumPy")
    group.addoption("--x64", choices=("on", "off"), default=None,
                    help="run with jax_enable_x64 on or off (default: JAX's own setting)")
    group.addoption("--report-dir", default=None, metavar="DIR",
                    help="write report.json and report.md for this run into DIR")
    group.addoption("--session-name", default=None, metavar="NAME",
                    help="name of this run in the report (default: the report directory's name)")
    group.addoption("--devices", choices=("default", "all"), default="default",
                    help="run JAX on its default device of the session's platform (default), or every "
                         "example on every local device of that platform (all: each GPU of several); "
                         "the report's modes then name the device, e.g. jit@1")
    group.addoption("--hang-timeout", type=float, default=300.0, metavar="SECONDS",
                    help="a test running longer is taken to hang: the JAX call in flight is recorded as "
                         "a NEW 'timeout' divergence, the report is kept, and the process exits "
                         "(xdist replaces the worker); default 300")
    group.addoption("--keep-jax-caches", action="store_true",
                    help="keep JAX's compiled functions from one test to the next (default: cleared "
                         "after each test, which makes the run faster; see clear_jax_caches)")


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def _spool_dir(config: pytest.Config) -> Path | None:
    directory = config.getoption("report_dir")
    return Path(directory) / "spool" if directory else None


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    import jax
    from hypothesis import settings
    from hypothesis.errors import InvalidArgument

    from conformance import environment

    x64 = config.getoption("x64")
    if x64 is not None:
        jax.config.update("jax_enable_x64", x64 == "on")
    if "JAX_TRACEBACK_FILTERING" not in os.environ:
        # Filtering walks every frame of every exception JAX raises (pytest's and Hypothesis's too): it
        # took most of the time of an example that raises. The exceptions themselves are unchanged.
        jax.config.update("jax_traceback_filtering", "off")
    environment.run_on(config.getoption("devices") or "default")
    profile = config.getoption("hypothesis_profile", None)
    if profile is not None:
        try:
            settings.get_profile(profile)
        except InvalidArgument:
            raise pytest.UsageError(
                f"unknown Hypothesis profile {profile!r}; choose one of: {PROFILES_HELP}") from None
    _CONFIG["config"] = config
    spool = _spool_dir(config)
    if spool is not None:
        RECORDER.spool_path = spool / f"{_worker_id(config)}.json"
    if _is_worker(config):
        return
    # A run that is not derandomized gets a seed that is printed and recorded, so it can be rerun.
    if config.getoption("hypothesis_seed", None) is None and not _derandomized(profile):
        config.option.hypothesis_seed = str(secrets.randbelow(2**32))
    if spool is not None and spool.exists():
        for stale in spool.glob("*"):
            stale.unlink()
    signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum, frame):  # pragma: no cover - exercised by killing a run
    raise KeyboardInterrupt(f"received signal {signum}")


def _derandomized(profile: str | None) -> bool:
    from hypothesis import settings

    return bool((settings.get_profile(profile) if profile else settings.default).derandomize)


def _profile_and_seed(config: pytest.Config) -> tuple[str, str | None]:
    profile = config.getoption("hypothesis_profile", None)
    seed = "derandomized" if _derandomized(profile) else config.getoption("hypothesis_seed", None)
    return profile or "default", seed


def pytest_report_header(config: pytest.Config) -> list[str]:
    from conformance import environment

    profile, seed = _profile_and_seed(config)
    return [f"conformance: {environment.describe()}; Hypothesis profile {profile}, seed {seed}"]


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    config = _CONFIG.get("config")
    if config is not None and config.pluginmanager.has_plugin("dsession"):
        return  # the xdist controller sees its workers' reports, which the workers count already
    if report.when == "call" or report.outcome != "passed":
        RECORDER.record_test(report.outcome if report.when == "call" else f"{report.outcome} "
                             f"in {report.when}")


def pytest_collection_finish(session: pytest.Session) -> None:
    """Move what exists once the tests are collected (JAX, NumPy, Hypothesis, the catalogue) out of the
    garbage collector's view (`gc.freeze`): its full collections then scan only what the tests made,
    not the whole heap each time."""
    gc.collect()
    gc.freeze()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem):
    seconds = item.config.getoption("hang_timeout")
    watchdog = threading.Timer(seconds, _on_hang, args=(item, seconds))
    watchdog.daemon = True
    watchdog.start()
    try:
        yield
    finally:
        watchdog.cancel()
        if not item.config.getoption("keep_jax_caches"):
            start = time.perf_counter()
            clear_jax_caches()
            RECORDER.seconds["clearing caches"] += time.perf_counter() - start  # outside test time


def clear_jax_caches() -> None:
    """Drop JAX's compiled functions (`jax.clear_caches`) once a test is done with them.

    With jax 0.10, lowering to MLIR slows with every lowering JAX keeps alive in the process (the
    README's Speed section has the snippet: 4 ms for a one-op function at first, 8 ms after 1,800
    shapes of it; flat with `jax.clear_caches()`; jax 0.12 does not slow). A test compiles each of its
    shapes once and reuses them across its inputs; the next test rarely shares them. Observed here,
    undocumented upstream.
    """
    import jax

    jax.clear_caches()


def _on_hang(item: pytest.Item, seconds: float) -> None:
    """A JAX call cannot be interrupted: keep what was recorded, say what hung, and end this process."""
    summary = RECORDER.record_hang(seconds) or "no JAX call in flight"
    RECORDER.record_test("failed (hang)")
    sys.stderr.write(f"\nconformance: {item.nodeid} ran longer than {seconds:g} s ({summary}); "
                     "recorded as a NEW 'timeout' divergence; this process exits\n")
    sys.stderr.flush()
    config = item.config
    spool = _spool_dir(config)
    if spool is not None:
        RECORDER.spool(spool / f"{_worker_id(config)}.json")
        if not _is_worker(config):
            _write_report(config, exitstatus=1)
    os._exit(1)


def pytest_runtest_logfinish(nodeid: str, location) -> None:
    config = _CONFIG.get("config")
    spool = _spool_dir(config) if config else None
    if spool is not None:
        RECORDER.spool(spool / f"{_worker_id(config)}.json")


_CONFIG: dict[str, pytest.Config] = {}


def _worker_id(config: pytest.Config) -> str:
    return config.workerinput["workerid"] if _is_worker(config) else "main"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    spool = _spool_dir(config)
    if spool is None:
        return
    RECORDER.spool(spool / f"{_worker_id(config)}.json")
    if _is_worker(config):
        return
    data, paths = _write_report(config, int(exitstatus))
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        from conformance import report

        reporter.write_sep("-", "conformance report")
        reporter.write_line(report.one_line_summary(data))
        reporter.write_line(f"written to {', '.join(str(p) for p in paths)}")


def _write_report(config: pytest.Config, exitstatus: int):
    from conformance import report

    spool = _spool_dir(config)
    merged = Recorder.from_spool(spool)
    profile, seed = _profile_and_seed(config)
    directory = Path(config.getoption("report_dir"))
    name = config.getoption("session_name") or directory.name
    data = report.build(merged, session=name, profile=profile, seed=seed, exitstatus=exitstatus,
                        processes=len(list(spool.glob("*.json"))))
    return data, report.write(data, directory)

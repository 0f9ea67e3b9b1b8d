"""The pytest plugin: options, x64 mode, the Hypothesis seed, and the recorder's life cycle.

Installed, the package registers this plugin in every pytest run (a pytest11 entry point), also in a
library's own test suite that only wants `conformance.port_test`; so it changes nothing in a run that
is not a conformance run. **A conformance run** is a run

- given `--report-dir` (known as pytest starts), or
- that collects, after `-k`/`-m` deselection, a test marked `conformance` (the suite's files set
  `pytestmark = pytest.mark.conformance`); known once collection finishes, in each process that
  collects (an xdist controller collects nothing: its workers tell it at the end).

Only a conformance run gets the run-wide effects: the hang watchdog (`--hang-timeout`), JAX's caches
cleared once enough lowerings piled up (`clear_jax_caches`), `gc.freeze()` once collected, JAX's
traceback filtering off, a random Hypothesis seed that is printed and recorded (for a profile that is not
derandomized), and, with `--report-dir`, the recorder's spool, the report, and SIGTERM ending the run
like Ctrl-C so the report is still written. Options given explicitly (`--x64`, `--devices=all`) are
requests: they apply in any run. Elsewhere the plugin only adds its options and the `conformance` marker.

Every process that runs tests (the only one, or each xdist worker) spools its recorder to
`<report>/spool/` after every test, atomically, with the run's metadata (session, profile, seed,
environment, tests run). Test outcomes are counted where pytest reports them to the terminal (the xdist
controller, or the only process), so the report counts what the terminal shows. The controller writes
the report at the end of the session, before xdist stops its workers (which run on while they stop):
also when tests failed, a worker crashed, or the run was interrupted, which the report then says.
"""

from __future__ import annotations

import gc
import os
import secrets
import signal
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conformance.recorder import RECORDER, Recorder

PROFILES_HELP = "dev (default), quick, ci (both derandomized), triage (ci without shrinking), thorough"
CLOSED = "closed"  # a file in the spool folder: the controller has read it and written the report
MARKER = "conformance: a jax.numpy-against-NumPy conformance check (recorded in the report)"


@dataclass
class _Run:
    """This process's view of the pytest run (hooks such as logfinish are not given the config)."""
    config: pytest.Config | None = None
    active: bool = False  # a conformance run (module docstring)
    seed: str | None = None  # drawn by the controller, applied only where the run is active
    interruption: str | None = None  # how the run was stopped early, when it was
    workers_active: bool = False  # xdist controller: a worker found conformance tests
    lowerings_at_clear: int = 0  # check.LOWERINGS when JAX's caches were last cleared


# JAX's caches are cleared after the test in which this many lowerings have piled up since the last
# clearing (clear_jax_caches says why): most tests compile few functions or none, and a clearing costs
# about 14 ms, the price of three lowerings.
CLEAR_AFTER_LOWERINGS = 200


_RUN = _Run()


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
                         "once enough have piled up, which makes the run faster; see clear_jax_caches)")
    group.addoption("--clear-jax-caches-after", type=int, default=CLEAR_AFTER_LOWERINGS, metavar="N",
                    help="clear JAX's caches after the test that brings the lowerings since the last "
                         f"clearing to N (default {CLEAR_AFTER_LOWERINGS})")


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def _is_controller(config: pytest.Config) -> bool:
    """The xdist controller: it runs no tests, and sees every test's report."""
    return config.pluginmanager.has_plugin("dsession")


def _process_id(config: pytest.Config) -> str:
    return config.workerinput["workerid"] if _is_worker(config) else "main"


def _spool_dir(config: pytest.Config) -> Path | None:
    directory = config.getoption("report_dir")
    return Path(directory) / "spool" if directory else None


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    global _RUN
    _RUN = _Run(config=config)
    config.addinivalue_line("markers", MARKER)
    x64 = config.getoption("x64")
    if x64 is not None:
        import jax

        jax.config.update("jax_enable_x64", x64 == "on")
    if config.getoption("devices") == "all":
        from conformance import environment

        environment.run_on("all")
    profile = config.getoption("hypothesis_profile", None)
    if profile is not None:
        from hypothesis import settings
        from hypothesis.errors import InvalidArgument

        try:
            settings.get_profile(profile)
        except InvalidArgument:
            raise pytest.UsageError(
                f"unknown Hypothesis profile {profile!r}; choose one of: {PROFILES_HELP}") from None
    if _is_worker(config):
        _RUN.seed = config.workerinput.get("conformance_seed")
    elif config.getoption("hypothesis_seed", None) is None and not _derandomized(profile):
        # Drawn in every run (a number, no effect), used only in a conformance run, where it is
        # printed and recorded so the run can be repeated with --hypothesis-seed.
        _RUN.seed = str(secrets.randbelow(2**32))
    if config.getoption("report_dir"):
        _activate(config)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """xdist controller: every worker gets the run's seed (applied there if the run is active)."""
    node.workerinput["conformance_seed"] = _RUN.seed


def _activate(config: pytest.Config) -> None:
    """Turn on the run-wide effects of a conformance run in this process (see the module docstring)."""
    if _RUN.active:
        return
    _RUN.active = True
    if "JAX_TRACEBACK_FILTERING" not in os.environ:
        import jax

        # Filtering walks every frame of every exception JAX raises (pytest's and Hypothesis's too): it
        # took most of the time of an example that raises. The exceptions themselves are unchanged.
        jax.config.update("jax_traceback_filtering", "off")
    if _RUN.seed is not None:
        from hypothesis import core

        # What --hypothesis-seed does (Hypothesis's pytest plugin sets this), here only for this run.
        core.global_force_seed = int(_RUN.seed)
    spool = _spool_dir(config)
    if spool is None:
        return
    RECORDER.spool_path = spool / f"{_process_id(config)}.json"
    if _is_worker(config):
        return
    if spool.exists():
        for stale in spool.glob("*"):
            stale.unlink()
    signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum, frame):  # pragma: no cover - exercised by killing a run
    _RUN.interruption = signal.Signals(signum).name
    raise KeyboardInterrupt(f"received signal {signum}")


def pytest_keyboard_interrupt(excinfo) -> None:
    """How the run was interrupted, for the report: Ctrl-C, xdist stopping (-x), or a signal."""
    if _RUN.interruption is None:
        message = str(excinfo.value)
        _RUN.interruption = excinfo.typename + (f": {message}" if message else "")


def _derandomized(profile: str | None) -> bool:
    from hypothesis import settings

    return bool((settings.get_profile(profile) if profile else settings.default).derandomize)


def _profile_and_seed(config: pytest.Config) -> tuple[str, str | None]:
    profile = config.getoption("hypothesis_profile", None)
    if _derandomized(profile):
        return profile or "default", "derandomized"
    return profile or "default", config.getoption("hypothesis_seed", None) or _RUN.seed


def _conformance_line(config: pytest.Config) -> str:
    from conformance import environment

    profile, seed = _profile_and_seed(config)
    return f"conformance: {environment.describe()}; Hypothesis profile {profile}, seed {seed}"


def pytest_report_header(config: pytest.Config) -> list[str]:
    # Only a run known to be a conformance run from its start; others print the line at the end.
    return [_conformance_line(config)] if _RUN.active else []


def _session_name(config: pytest.Config) -> str:
    return config.getoption("session_name") or Path(config.getoption("report_dir")).name


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    config = session.config
    if RECORDER.spool_path is None:
        return
    from conformance import environment

    profile, seed = _profile_and_seed(config)
    role = "worker" if _is_worker(config) else "controller" if _is_controller(config) else "single"
    RECORDER.meta = {"session": _session_name(config), "profile": profile, "seed": seed,
                     "environment": environment.current().as_dict(), "process": _process_id(config),
                     "role": role, "tests_run": 0}


def pytest_collection_finish(session: pytest.Session) -> None:
    """Decide whether this is a conformance run (module docstring); if it is, move what exists once the
    tests are collected (JAX, NumPy, Hypothesis, the catalogue) out of the garbage collector's view
    (`gc.freeze`): its full collections then scan only what the tests made, not the whole heap."""
    if not _RUN.active and any(item.get_closest_marker("conformance") for item in session.items):
        _activate(session.config)
    if _RUN.active:
        gc.collect()
        gc.freeze()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    config = _RUN.config
    if not _RUN.active or config is None or _is_worker(config):
        return  # outcomes are counted where the terminal counts them: the controller sees them all
    if report.when == "call":
        RECORDER.record_test(report.outcome)
    elif report.when not in ("setup", "teardown"):  # xdist's report of a test whose worker died
        RECORDER.record_test(f"{report.outcome} (worker crashed: a hang, or a crash)")
    elif report.outcome != "passed":
        RECORDER.record_test(f"{report.outcome} in {report.when}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem):
    if not _RUN.active:
        yield
        return
    if RECORDER.meta:
        RECORDER.meta["tests_run"] += 1  # this process runs tests: it counts in `processes`
    from conformance.check import LOWERINGS, listen_for_compiles  # imports JAX: once a test runs

    listen_for_compiles()  # counts the lowerings that decide when JAX's caches are cleared
    seconds = item.config.getoption("hang_timeout")
    watchdog = threading.Timer(seconds, _on_hang, args=(item, seconds))
    watchdog.daemon = True
    watchdog.start()
    try:
        yield
    finally:
        watchdog.cancel()
        piled_up = LOWERINGS["lower"] - _RUN.lowerings_at_clear
        if not item.config.getoption("keep_jax_caches") and \
                piled_up >= item.config.getoption("clear_jax_caches_after"):
            start = time.perf_counter()
            clear_jax_caches()
            _RUN.lowerings_at_clear = LOWERINGS["lower"]
            RECORDER.seconds["clearing caches"] += time.perf_counter() - start  # outside test time


def clear_jax_caches() -> None:
    """Drop JAX's compiled functions (`jax.clear_caches`) once tests are done with them (after the test
    that brings the lowerings since the last clearing to CLEAR_AFTER_LOWERINGS).

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
    config = item.config
    sys.stderr.write(f"\nconformance: {item.nodeid} ran longer than {seconds:g} s ({summary}); "
                     "recorded as a NEW 'timeout' divergence; this process exits\n")
    sys.stderr.flush()
    if RECORDER.spool_path is not None:
        if _is_worker(config):  # the controller counts the test, failed, when xdist sees the crash
            RECORDER.spool(RECORDER.spool_path)
        else:
            RECORDER.record_test("failed (hang)")
            _RUN.interruption = f"a test hung: {item.nodeid} ran longer than {seconds:g} s"
            _finish_spool(exitstatus=1)
            _write_report(config, exitstatus=1)
    os._exit(1)


def pytest_runtest_logfinish(nodeid: str, location) -> None:
    _spool_unless_closed()


def _spool_unless_closed() -> None:
    if RECORDER.spool_path is None:
        return
    if (RECORDER.spool_path.parent / CLOSED).exists():
        RECORDER.spool_path = None  # an interrupted run's report is written: tests run since are not in it
        return
    RECORDER.spool(RECORDER.spool_path)


def _finish_spool(exitstatus: int) -> None:
    """The controller's last spool says how the run ended, so a report rebuilt from it says so too."""
    RECORDER.meta.update(exitstatus=exitstatus, interrupted=_RUN.interruption is not None,
                         interruption=_RUN.interruption)
    RECORDER.spool(RECORDER.spool_path)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    """xdist controller: a worker that found conformance tests makes this a conformance run."""
    if getattr(node, "workeroutput", {}).get("conformance_run"):
        _RUN.workers_active = True


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    """A conformance run found at collection prints its environment and seed here, at the end."""
    if (_RUN.active and config.getoption("report_dir")) or _is_worker(config):
        return  # the header printed it
    if _RUN.active or _RUN.workers_active:
        terminalreporter.write_line(_conformance_line(config))


# tryfirst: the controller reads the spools before xdist stops its workers, which run tests on while
# they stop; a report read after them counted tests the terminal never showed.
@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if _is_worker(config):
        config.workeroutput["conformance_run"] = _RUN.active
    if RECORDER.spool_path is None:
        return
    if _is_worker(config):
        _spool_unless_closed()
        return
    if _RUN.interruption is None and (session.shouldfail or session.shouldstop):
        _RUN.interruption = str(session.shouldfail or session.shouldstop)  # -x, --maxfail
    # Workers still running tests (an interrupted xdist run) stop spooling: the spool stays the report's
    # but for a test a worker finishes while the report is read.
    (RECORDER.spool_path.parent / CLOSED).touch()
    _finish_spool(int(exitstatus))
    data, paths = _write_report(config, int(exitstatus))
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        from conformance import report

        reporter.write_sep("-", "conformance report")
        reporter.write_line(report.one_line_summary(data))
        reporter.write_line(f"written to {', '.join(str(p) for p in paths)}")
    _enforce_reach_across_cases(session, data)


def _enforce_reach_across_cases(session: pytest.Session, data: dict) -> None:
    """With the `ci` profile, a feature declared across cases that no test of its function reached
    fails the run (after every test: the counts of all processes are merged only in the report)."""
    from conformance import reach

    profile = session.config.getoption("hypothesis_profile", None)
    missed = reach.missed_across(data.get("tables", {}))
    if profile not in reach.ENFORCED_PROFILES or not missed or _RUN.interruption is not None:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line("reach: no test reached these features declared across cases (conformance/"
                            "reach.py): " + "; ".join(missed), red=True)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


def _write_report(config: pytest.Config, exitstatus: int):
    from conformance import report

    merged = Recorder.from_spool(_spool_dir(config))
    profile, seed = _profile_and_seed(config)
    data = report.build(merged, session=_session_name(config), profile=profile, seed=seed,
                        exitstatus=exitstatus, interrupted=_RUN.interruption is not None,
                        interruption=_RUN.interruption)  # processes: those of the spool that ran tests
    return data, report.write(data, Path(config.getoption("report_dir")))


# -- reach (conformance/reach.py): the structural features a test declares, counted and enforced in ci --
@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """Count the features the test's examples reach; after a test that passed, record them and, with the
    `ci` profile, fail the test when a declared one was never reached."""
    from conformance import reach

    reach.start()
    result = yield
    function = getattr(item, "function", None)
    features = reach.declared(function, getattr(getattr(item, "callspec", None), "params", {}))
    across = reach.declared_across(function)
    if features or across:
        profile = item.config.getoption("hypothesis_profile", None)
        reach.finish(function.__name__, item.name, features, across=across,
                     enforce=profile in reach.ENFORCED_PROFILES)
    return result

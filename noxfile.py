"""Sessions of the conformance suite. `nox -l` lists them; arguments after `--` go to pytest."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import nox
from nox.command import CommandFailed

nox.options.sessions = ["cpu"]
nox.options.reuse_existing_virtualenvs = True

X64_MODES = ["off", "on"]


PYTHONS = ("3.11", "3.12")  # the supported Pythons; each has its pins in constraints/
# What the suite pins for a reproducible report (jax and jaxlib, numpy, ml_dtypes, Hypothesis, and what
# they pull in): `nox -s pins` writes constraints/py<X.Y>.txt from the newest releases.
PINNED = ("jax", "jaxlib", "numpy", "ml_dtypes", "hypothesis")


def _constraints(version: str) -> str:
    return f"constraints/py{version}.txt"


def _python_version(session: nox.Session) -> str:
    return session.run("python", "-c", "import sys; print(f'{sys.version_info[0]}.{sys.version_info[1]}')",
                       silent=True).strip()


def _install(session: nox.Session, extra: str = "") -> None:
    """Install the project with the pins of the session's Python (constraints/py<X.Y>.txt), so every
    session gets the versions the committed reports were made with; nothing under `--no-venv`."""
    if session.venv_backend == "none":
        session.log("no virtualenv: using the jax, numpy and plugins already installed")
        return
    version = _python_version(session)
    pins = _constraints(version)
    if not os.path.exists(pins):
        session.error(f"no pins for Python {version} ({pins} is missing): use Python "
                      f"{' or '.join(PYTHONS)}, or write them with `nox -s pins`")
    session.install("-c", pins, "-e", f".{extra}")


JAX_PLATFORMS = {"cpu": "cpu", "gpu": "cuda", "tpu": "tpu"}  # a missing device is then an error in JAX
# A persistent compilation cache in the checkout (git-ignored), shared by the sessions and their xdist
# workers. JAX caches only compiles longer than a second by default; ours take 10-70 ms, so all of them.
COMPILATION_CACHE = {"JAX_COMPILATION_CACHE_DIR": os.path.abspath(".jax_cache"),
                     "JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS": "0"}


def _conformance(session: nox.Session, platform: str, x64: str, name: str | None = None,
                 python: str = "python", baseline: str | None = None) -> None:
    """The suite on `platform`, written to reports/<name>/ (default `_report_name`); then the
    divergences that appeared, vanished or changed against the committed report `baseline` (default:
    the same session's)."""
    name = name or _report_name(session, platform, x64)
    report_dir = os.path.join("reports", name)
    committed = _committed_report(baseline or name)
    external = python != "python"  # an interpreter of a virtualenv made outside nox (newest)
    try:
        session.run(
            python, "-m", "pytest", "tests/conformance", "-n", "auto", "-p", "no:cacheprovider",
            f"--x64={x64}", f"--report-dir={report_dir}", "--hypothesis-profile=ci", *session.posargs,
            env={"JAX_PLATFORMS": JAX_PLATFORMS[platform], **COMPILATION_CACHE}, external=external,
        )
    finally:
        new = os.path.join(report_dir, "report.json")
        if committed is not None and os.path.exists(new):
            # printed, never failing: a vanished entry is news, not an error (new ones failed pytest)
            session.run(python, "-m", "conformance", "report", "diff", committed, new,
                        env={"JAX_PLATFORMS": "cpu"}, external=external)
        elif committed is None:
            session.log(f"no committed report for {baseline or name}: nothing to diff against")
        if os.path.exists(new):  # every reproducer in the report runs as pasted, or the session fails
            session.run(python, "-m", "conformance", "report", "reproduce", new,
                        env={"JAX_PLATFORMS": JAX_PLATFORMS[platform]}, external=external)


def _report_name(session: nox.Session, platform: str, x64: str) -> str:
    """<platform>-x64<x64> on the first of PYTHONS; <platform>-py<X.Y>-x64<x64> on another, whose pins
    (other jax and numpy releases) have reports of their own to diff against."""
    version = _python_version(session)
    return f"{platform}-x64{x64}" if version == PYTHONS[0] else f"{platform}-py{version}-x64{x64}"


def _committed_report(name: str) -> str | None:
    """The committed reports/<name>/report.json, copied aside before the run overwrites it: from git's
    HEAD when this is a git checkout, else the file as it is."""
    path = f"reports/{name}/report.json"
    try:
        text = subprocess.run(["git", "show", f"HEAD:{path}"], capture_output=True, text=True,
                              check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        text = Path(path).read_text() if os.path.exists(path) else None
    if text is None:
        return None
    handle, copy = tempfile.mkstemp(prefix=f"baseline-{name}-", suffix=".json")
    with os.fdopen(handle, "w") as out:
        out.write(text)
    return copy


def _session_reports() -> list[str]:
    """reports/<session>/report.json of every session (scratch folders left out)."""
    return sorted(p for p in glob.glob("reports/*/report.json")
                  if not Path(p).parent.name.startswith("scratch"))


def _combine(session: nox.Session, python: str = "python") -> None:
    """Regenerate reports/README.md and reports/index.html from every session report (scratch folders
    left out)."""
    reports = _session_reports()
    if reports:
        session.run(python, "-m", "conformance", "report", "combine", *reports,
                    env={"JAX_PLATFORMS": "cpu"}, external=python != "python")


@nox.session
@nox.parametrize("x64", X64_MODES)
def cpu(session: nox.Session, x64: str) -> None:
    """The suite on the CPU with x64 off and on; writes reports/cpu-x64off/ and reports/cpu-x64on/
    (reports/cpu-py3.12-x64off/ and -x64on/ on Python 3.12)."""
    _install(session)
    _conformance(session, "cpu", x64)
    _combine(session)


def _find_python(version: str) -> str | None:
    """An interpreter of Python `version`: `pythonX.Y` on PATH, else pyenv's (whose shim does not
    resolve `pythonX.Y` while another version is active, as on the machines this suite is built on)."""
    if shutil.which(f"python{version}") and subprocess.run(
            [f"python{version}", "--version"], capture_output=True, check=False).returncode == 0:
        return shutil.which(f"python{version}")
    found = sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}*/bin/python{version}")))
    return found[-1] if found else None


def _own_venv(session: nox.Session, version: str, name: str) -> str:
    """A virtualenv of Python `version` under .nox/<name>/ made here rather than by nox, so that a missing
    interpreter is a skip that says what to install, also where CI=true makes nox's own check an error."""
    interpreter = _find_python(version)
    if interpreter is None:
        session.skip(f"Python {version} not found: install it (`pyenv install {version}`, or your "
                     f"system's python{version} package) to run this session on it")
    venv = Path(".nox") / name
    python = venv / "bin" / "python"
    if not python.exists():
        session.run(interpreter, "-m", "venv", str(venv), external=True)
    session.run(str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip", external=True)
    return str(python)


@nox.session(python=False)
@nox.parametrize("version", PYTHONS)
def newest(session: nox.Session, version: str) -> None:
    """The newest releases of jax, jaxlib, numpy, ml_dtypes and Hypothesis on Python `version`, x64 off
    then on; writes reports/newest-py<version>-x64*/ and diffs each against the pinned cpu report. How
    an upgrade is checked; skipped, saying what to install, where that Python is missing."""
    python = _own_venv(session, version, f"newest-{version}")
    session.run(python, "-m", "pip", "install", "--quiet", "--upgrade", "-e", ".", *PINNED, external=True)
    failed = []
    for x64 in X64_MODES:  # both modes run, and both reports are written, before the session fails
        try:
            _conformance(session, "cpu", x64, name=f"newest-py{version}-x64{x64}", python=python,
                         baseline=f"cpu-x64{x64}")
        except CommandFailed:
            failed.append(x64)
    _combine(session, python=python)
    if failed:
        session.error(f"new divergences (or errors) with x64 {', '.join(failed)}: see the reports")


@nox.session(python=False)
@nox.parametrize("version", PYTHONS)
def pins(session: nox.Session, version: str) -> None:
    """Refresh constraints/py<version>.txt: the newest releases of the project's dependencies on Python
    `version`, frozen. Then rerun `nox -s cpu` and commit the pins with the reports they produced."""
    interpreter = _find_python(version)
    if interpreter is None:
        session.skip(f"Python {version} not found: install it to pin its versions")
    with tempfile.TemporaryDirectory() as tmp:
        session.run(interpreter, "-m", "venv", tmp, external=True)
        python = os.path.join(tmp, "bin", "python")
        session.run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip", external=True)
        session.run(python, "-m", "pip", "install", "--quiet", ".", *PINNED, external=True)
        frozen = session.run(python, "-m", "pip", "freeze", "--exclude", "conformance", silent=True,
                             external=True)
    jax = next(line.split("==")[1] for line in frozen.splitlines() if line.startswith("jax=="))
    # the GPU session's CUDA plugins must match jaxlib exactly; the CPU freeze does not install them
    cuda = [f"jax-cuda12-plugin=={jax}", f"jax-cuda12-pjrt=={jax}"]
    header = [f"# Pins for Python {version}: `nox -s \"pins(version='{version}')\"` rewrites this file.",
              "# The committed reports/cpu-* were made with these versions."]
    Path(_constraints(version)).write_text("\n".join([*header, *frozen.split(), *cuda, ""]))
    session.log(f"wrote {_constraints(version)} (jax {jax})")


def _nvidia_gpus() -> list[str]:
    if shutil.which("nvidia-smi") is None:
        return []
    result = subprocess.run(["nvidia-smi", "-L"], capture_output=True, text=True, check=False)
    return [line for line in result.stdout.splitlines() if line.startswith("GPU")]


@nox.session
@nox.parametrize("x64", X64_MODES)
def gpu(session: nox.Session, x64: str) -> None:
    """The suite on an NVIDIA GPU (JAX_PLATFORMS=cuda); skipped, exit 0, where there is none."""
    gpus = _nvidia_gpus()
    if not gpus:
        session.skip("no GPU: nvidia-smi is missing or lists no NVIDIA GPU on this machine")
    session.log(f"GPUs: {'; '.join(gpus)}")
    _install(session, "[cuda12]")
    _conformance(session, "gpu", x64)
    _combine(session)


def _tpus() -> list[str]:
    """TPU chips: /dev/accel* (TPU v2-v4 VMs) or PCI devices of Google's vendor id (v5 and later)."""
    chips = glob.glob("/dev/accel*")
    for vendor in glob.glob("/sys/bus/pci/devices/*/vendor"):
        try:
            if Path(vendor).read_text().strip() == "0x1ae0":
                chips.append(str(Path(vendor).parent.name))
        except OSError:
            continue
    return chips


@nox.session
@nox.parametrize("x64", X64_MODES)
def tpu(session: nox.Session, x64: str) -> None:
    """The suite on a Cloud TPU (JAX_PLATFORMS=tpu); skipped, exit 0, where there is none."""
    chips = _tpus()
    if not chips:
        session.skip("no TPU: no /dev/accel* device and no Google TPU on the PCI bus of this machine")
    session.log(f"TPU chips: {', '.join(chips)}")
    _install(session, "[tpu]")
    _conformance(session, "tpu", x64)
    _combine(session)


@nox.session
def tests(session: nox.Session) -> None:
    """What CI runs, in about 8 minutes on 2 cores: the harness's tests but the slow ones (each planted
    bug but two is still caught here), the examples, then a quick derandomized conformance pass, x64 off
    (`cpu` runs both modes in full; `slow` runs the quick pass with x64 on)."""
    _install(session)
    session.run("python", "-m", "pytest", "tests/harness", "tests/examples", "-n", "auto", "-m", "not slow",
                "-p", "no:cacheprovider", *session.posargs, env={"JAX_PLATFORMS": "cpu"})
    _quick_pass(session, "off")


def _quick_pass(session: nox.Session, x64: str) -> None:
    session.run("python", "-m", "pytest", "tests/conformance", "-n", "auto", "-q", "-p", "no:cacheprovider",
                f"--x64={x64}", "--hypothesis-profile=quick", env={"JAX_PLATFORMS": "cpu"})


@nox.session
def slow(session: nox.Session) -> None:
    """The harness's slow tests (not timed here; minutes each): each planted-bug search's control on the
    real jax.numpy, the two longest planted searches, whole xdist runs in a subprocess, the benchmark's
    real runs; then the quick conformance pass with x64 on."""
    _install(session)
    session.run("python", "-m", "pytest", "tests/harness", "-n", "auto", "-m", "slow",
                "-p", "no:cacheprovider", *session.posargs, env={"JAX_PLATFORMS": "cpu"})
    _quick_pass(session, "on")


@nox.session
def report(session: nox.Session) -> None:
    """Regenerate each session's views (report.md, details.md, index.html) from its report.json, then
    reports/README.md and reports/index.html, every session side by side."""
    _install(session)
    for path in _session_reports():
        session.run("python", "-m", "conformance", "report", "render", path, env={"JAX_PLATFORMS": "cpu"})
    _combine(session)


@nox.session
def report_browser(session: nox.Session) -> None:
    """The report's HTML page in headless Chromium, driven by Selenium: every divergence of the JSON is on
    the page, the filters narrow the map, a cell opens its reproducer; saves the map to reports/map.png.
    Installs Debian's chromium and chromium-driver where apt-get runs as root; skipped, saying why, where
    no Chromium can be had."""
    _chromium(session)
    _install(session)
    if session.venv_backend != "none":
        session.install("selenium>=4.10")
    elif subprocess.run(["python", "-c", "import selenium"], capture_output=True, check=False).returncode:
        session.skip("selenium is not installed (pip install selenium), and --no-venv installs nothing")
    session.run("python", "-m", "pytest", "tests/browser", "-p", "no:cacheprovider", "-q", *session.posargs,
                env={"JAX_PLATFORMS": "cpu", "CONFORMANCE_SCREENSHOT": "reports/map.png"})


def _chromium(session: nox.Session) -> None:
    """Chromium and its driver, from Debian's packages when they are missing (apt-get, as root)."""
    if shutil.which("chromium") and shutil.which("chromedriver"):
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        session.skip("no Chromium: install chromium and chromium-driver (this session installs them with "
                     "apt-get where it runs as root)")
    try:
        session.run("apt-get", "update", "-q", external=True)
        session.run("apt-get", "install", "-y", "-q", "chromium", "chromium-driver", external=True,
                    env={"DEBIAN_FRONTEND": "noninteractive"})
    except CommandFailed:
        session.skip("no Chromium: apt-get could not install chromium and chromium-driver")


@nox.session
def bench(session: nox.Session) -> None:
    """The benchmark (inputs/s by area, compile share, cache effect); writes reports/bench.md, .json."""
    _install(session)
    session.run("python", "-m", "conformance.bench", *session.posargs, env={"JAX_PLATFORMS": "cpu"})


@nox.session
def lint(session: nox.Session) -> None:
    """ruff over the library, the tests, the examples and this file."""
    if session.venv_backend != "none":
        session.install("ruff")
    session.run("ruff", "check", "conformance", "tests", "examples", "conftest.py", "noxfile.py")


# -- history: the catalogue on a range of JAX releases ------------------------------------------------------
HISTORY_VERSIONS = Path(__file__).parent / "conformance" / "history_versions.json"  # jax -> numpy, ml_dtypes


def _history_venv(session: nox.Session, pins: dict[str, str], hypothesis: str) -> Path:
    """.nox/history-venvs/<jax>/, made with this Python and the pinned versions; reused when its pins
    file says it holds them."""
    import json
    import sys

    venv = Path(".nox", "history-venvs", pins["jax"])
    python = venv / "bin" / "python"
    wanted = json.dumps({**pins, "hypothesis": hypothesis}, sort_keys=True)
    marker = venv / "history-pins.json"
    if python.exists() and marker.exists() and marker.read_text() == wanted:
        session.log(f"reusing {venv} ({wanted})")
        return python
    session.run_install(sys.executable, "-m", "venv", "--clear", str(venv), external=True)
    session.run_install(str(python), "-m", "pip", "install", "-q", "-e", ".", f"jax=={pins['jax']}",
                        f"jaxlib=={pins['jax']}", f"numpy=={pins['numpy']}",
                        f"ml_dtypes=={pins['ml_dtypes']}", f"hypothesis=={hypothesis}", external=True)
    marker.write_text(wanted)
    return python


@nox.session(venv_backend="none")
def history(session: nox.Session) -> None:
    """The suite (quick profile, x64 off and on) on each JAX release of conformance/history_versions.json,
    one virtualenv each; writes reports/history/<jax>-x64<mode>/ and reports/history.md, .json.
    HISTORY_VERSIONS=0.4.30,0.10.2 runs some of them (the history takes every release's report there is);
    arguments after `--` go to pytest."""
    import json

    table = json.loads(HISTORY_VERSIONS.read_text())
    chosen = [v for v in os.environ.get("HISTORY_VERSIONS", "").split(",") if v]
    versions = [p for p in table["versions"] if not chosen or p["jax"] in chosen]
    python = None
    for pins in versions:
        python = _history_venv(session, pins, table["hypothesis"])
        for x64 in X64_MODES:
            report_dir = os.path.join("reports", "history", f"{pins['jax']}-x64{x64}")
            try:  # new divergences fail pytest: expected on old releases, the report is written anyway
                session.run(str(python), "-m", "pytest", "tests/conformance", "-n", "auto",
                            "-p", "no:cacheprovider", "-q", "--hypothesis-profile=quick", f"--x64={x64}",
                            f"--report-dir={report_dir}", *session.posargs, external=True,
                            # the version gates off, so that history.py can check them against each run
                            env={"JAX_PLATFORMS": "cpu", "CONFORMANCE_VERSION_GATES": "off"})
            except CommandFailed:
                session.warn(f"jax {pins['jax']}, x64 {x64}: pytest failed (see {report_dir}/report.md)")
    # every release of the table with a report, so that a run of some releases updates the whole history
    found = [path for pins in table["versions"] for x64 in X64_MODES
             if os.path.exists(path := f"reports/history/{pins['jax']}-x64{x64}/report.json")]
    if python is None or not found:
        session.error("no report was written")
    session.run(str(python), "-m", "conformance.history", *found, "-o", "reports", external=True,
                env={"JAX_PLATFORMS": "cpu"})

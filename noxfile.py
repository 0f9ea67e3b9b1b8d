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


def _install(session: nox.Session, extra: str = "") -> None:
    """Install the project, unless the session runs without a virtualenv (`--no-venv`)."""
    if session.venv_backend == "none":
        session.log("no virtualenv: using the jax, numpy and plugins already installed")
        return
    session.install("-e", f".{extra}")


JAX_PLATFORMS = {"cpu": "cpu", "gpu": "cuda", "tpu": "tpu"}  # a missing device is then an error in JAX
# A persistent compilation cache in the checkout (git-ignored), shared by the sessions and their xdist
# workers. JAX caches only compiles longer than a second by default; ours take 10-70 ms, so all of them.
COMPILATION_CACHE = {"JAX_COMPILATION_CACHE_DIR": os.path.abspath(".jax_cache"),
                     "JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS": "0"}


def _conformance(session: nox.Session, platform: str, x64: str, name: str | None = None) -> None:
    """The suite on `platform`, written to reports/<name>/ (default <platform>-x64<x64>); then the
    divergences that appeared, vanished or changed against the committed report of the same session."""
    name = name or f"{platform}-x64{x64}"
    report_dir = os.path.join("reports", name)
    baseline = _committed_report(name)
    try:
        session.run(
            "python", "-m", "pytest", "tests/conformance", "-n", "auto", "-p", "no:cacheprovider",
            f"--x64={x64}", f"--report-dir={report_dir}", "--hypothesis-profile=ci", *session.posargs,
            env={"JAX_PLATFORMS": JAX_PLATFORMS[platform], **COMPILATION_CACHE},
        )
    finally:
        new = os.path.join(report_dir, "report.json")
        if baseline is not None and os.path.exists(new):
            # printed, never failing: a vanished entry is news, not an error (new ones failed pytest)
            session.run("python", "-m", "conformance", "report", "diff", baseline, new,
                        env={"JAX_PLATFORMS": "cpu"})
        elif baseline is None:
            session.log(f"no committed report for {name}: nothing to diff against")


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


def _combine(session: nox.Session) -> None:
    """Regenerate reports/README.md from every session report (scratch folders left out)."""
    reports = sorted(p for p in glob.glob("reports/*/report.json")
                     if not Path(p).parent.name.startswith("scratch"))
    if reports:
        session.run("python", "-m", "conformance", "report", "combine", *reports,
                    env={"JAX_PLATFORMS": "cpu"})


@nox.session
@nox.parametrize("x64", X64_MODES)
def cpu(session: nox.Session, x64: str) -> None:
    """The suite on the CPU with x64 off and on; writes reports/cpu-x64off/ and reports/cpu-x64on/."""
    _install(session)
    _conformance(session, "cpu", x64)
    _combine(session)


def _python(version: str) -> str:
    """`version` for nox to find, or pyenv's interpreter of it where pyenv's shim does not resolve
    `pythonX.Y` while another version is active (as on the machines this suite is developed on)."""
    if shutil.which(f"python{version}") and subprocess.run(
            [f"python{version}", "--version"], capture_output=True, check=False).returncode == 0:
        return version
    found = sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}*/bin/python{version}")))
    return found[-1] if found else version


@nox.session(python=_python("3.12"))
def cpu_newest(session: nox.Session) -> None:
    """The newest jax and numpy (Python 3.12) on the CPU, x64 off then on; writes reports/cpu-newest-*/."""
    _install(session)
    if session.venv_backend != "none":
        session.install("--upgrade", "jax", "numpy")
    failed = []
    for x64 in X64_MODES:  # both modes run, and both reports are written, before the session fails
        try:
            _conformance(session, "cpu", x64, name=f"cpu-newest-x64{x64}")
        except CommandFailed:
            failed.append(x64)
    _combine(session)
    if failed:
        session.error(f"new divergences (or errors) with x64 {', '.join(failed)}: see the reports")


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
    if session.venv_backend != "none":
        session.install("-e", ".")
        session.install("jax[tpu]")
    _conformance(session, "tpu", x64)
    _combine(session)


@nox.session
def tests(session: nox.Session) -> None:
    """The harness's own tests, then a quick derandomized conformance pass (x64 off, then on)."""
    _install(session)
    session.run("python", "-m", "pytest", "tests/harness", "tests/examples", "-n", "auto",
                "-p", "no:cacheprovider", *session.posargs, env={"JAX_PLATFORMS": "cpu"})
    for x64 in X64_MODES:
        session.run("python", "-m", "pytest", "tests/conformance", "-n", "auto", "-q",
                    "-p", "no:cacheprovider", f"--x64={x64}", "--hypothesis-profile=quick",
                    env={"JAX_PLATFORMS": "cpu"})


@nox.session
def report(session: nox.Session) -> None:
    """Regenerate reports/README.md, the divergences of every session side by side, from the reports."""
    _install(session)
    _combine(session)


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

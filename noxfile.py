"""Sessions of the conformance suite. `nox -l` lists them; arguments after `--` go to pytest."""

from __future__ import annotations

import os
import shutil
import subprocess

import nox

nox.options.sessions = ["cpu"]
nox.options.reuse_existing_virtualenvs = True

X64_MODES = ["off", "on"]


def _install(session: nox.Session, extra: str = "") -> None:
    """Install the project, unless the session runs without a virtualenv (`--no-venv`)."""
    if session.venv_backend == "none":
        session.log("no virtualenv: using the jax, numpy and plugins already installed")
        return
    session.install("-e", f".{extra}")


def _conformance(session: nox.Session, platform: str, x64: str) -> None:
    report_dir = os.path.join("reports", f"{platform}-x64{x64}")
    session.run(
        "python", "-m", "pytest", "tests/conformance", "-n", "auto", "-p", "no:cacheprovider",
        f"--x64={x64}", f"--report-dir={report_dir}", "--hypothesis-profile=ci", *session.posargs,
        env={"JAX_PLATFORMS": "cuda" if platform == "gpu" else platform},
    )


@nox.session
@nox.parametrize("x64", X64_MODES)
def cpu(session: nox.Session, x64: str) -> None:
    """The suite on the CPU with x64 off and on; writes reports/cpu-x64off/ and reports/cpu-x64on/."""
    _install(session)
    _conformance(session, "cpu", x64)


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


@nox.session
def tests(session: nox.Session) -> None:
    """The harness's own tests, then a quick derandomized conformance pass (x64 off, then on)."""
    _install(session)
    session.run("python", "-m", "pytest", "tests/harness", "-n", "auto", "-p", "no:cacheprovider",
                *session.posargs, env={"JAX_PLATFORMS": "cpu"})
    for x64 in X64_MODES:
        session.run("python", "-m", "pytest", "tests/conformance", "-n", "auto", "-q",
                    "-p", "no:cacheprovider", f"--x64={x64}", "--hypothesis-profile=quick",
                    env={"JAX_PLATFORMS": "cpu"})


@nox.session
def lint(session: nox.Session) -> None:
    """ruff over the library, the tests and this file."""
    if session.venv_backend != "none":
        session.install("ruff")
    session.run("ruff", "check", "conformance", "tests", "conftest.py", "noxfile.py")

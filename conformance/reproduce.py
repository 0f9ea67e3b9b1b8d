"""Run the reproducers a report holds, as a reader would paste them: each must run to the end, print
NumPy's outcome and JAX's (not an error of its own text, such as a NameError the run never saw), and
exit cleanly (`python -m conformance report reproduce`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

# The folder that holds the `conformance` package: reproducers of `.at[]` and take cases import its
# reference functions.
_PACKAGE_ROOT = Path(__file__).resolve().parents[1]

# Runs each reproducer (read from stdin as a JSON list) as `__main__` in fresh globals, as `python -c`
# would, with its stdout captured; prints [[ok, output], ...]. One process for all: JAX is imported once,
# and each reproducer sets the x64 mode it needs itself.
_DRIVER = """
import contextlib, io, json, sys, traceback
results = []
for code in json.load(sys.stdin):
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, "<reproducer>", "exec"), {"__name__": "__main__"})
        results.append([True, out.getvalue()])
    except BaseException:
        results.append([False, out.getvalue() + traceback.format_exc()])
print(json.dumps(results))
"""


# Reproducers per subprocess, and the seconds a batch may take: a report holds hundreds of them, and a
# slow or hanging batch must end as failures that say so, not as a traceback that loses the others.
BATCH = 100
BATCH_TIMEOUT = 900.0


def run(codes: list[str], *, platform: str = "cpu", timeout: float = BATCH_TIMEOUT,
        jobs: int | None = None) -> list[tuple[bool, str]]:
    """Each reproducer's (ran to the end, output), in subprocesses of BATCH reproducers on `platform`,
    `jobs` of them at a time (default: one per core); every reproducer of a batch that runs past
    `timeout` seconds is a failure saying so."""
    path = os.pathsep.join(p for p in (str(_PACKAGE_ROOT), os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "JAX_PLATFORMS": platform, "PYTHONPATH": path}

    def run_batch(batch: list[str]) -> list[tuple[bool, str]]:
        try:
            result = subprocess.run([sys.executable, "-c", _DRIVER], input=json.dumps(batch),
                                    capture_output=True, text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            return [(False, f"not finished: its batch of {len(batch)} reproducers ran past "
                            f"{timeout:.0f} s")] * len(batch)
        if result.returncode != 0:
            raise RuntimeError(f"the reproducer driver failed:\n{result.stderr[-3000:]}")
        return [tuple(r) for r in json.loads(result.stdout.splitlines()[-1])]

    batches = [codes[start:start + BATCH] for start in range(0, len(codes), BATCH)]
    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        return [result for batch in pool.map(run_batch, batches) for result in batch]


def shows_both_sides(output: str) -> bool:
    lines = output.splitlines()
    return any(line.startswith("numpy: ") for line in lines) and \
        any(line.startswith("jax: ") for line in lines)


# Errors that say the reproducer's own text is wrong (a name it never defines, an import it lacks), not
# what the library did: a side that raises one where the run recorded something else is a broken line.
_BROKEN_TEXT = ("NameError", "SyntaxError", "ImportError", "ModuleNotFoundError", "UnboundLocalError")


def broken_sides(output: str, smallest: dict[str, Any]) -> list[str]:
    """The sides (numpy, jax) whose printed outcome is one of `_BROKEN_TEXT` where the report's recorded
    outcome of that side is not."""
    broken = []
    for side in ("numpy", "jax"):
        printed = next((line.split(":", 1)[1].strip() for line in output.splitlines()
                        if line.startswith(f"{side}: ")), "")
        for error in _BROKEN_TEXT:
            if printed.startswith(f"raises {error}") and not str(smallest.get(side, "")).startswith(
                    f"raises {error}"):
                broken.append(f"{side} raises {error} where the run saw: {str(smallest.get(side))[:120]}")
    return broken


# A reproducer of a known hang (the run recorded JAX's side as not finishing) is run on its own and must
# do what the report says: print NumPy's side, then not finish within this many seconds.
HANG_SECONDS = 20.0


def _hangs(finding: dict[str, Any]) -> bool:
    return str(finding["smallest"].get("jax", "")).startswith("raises DidNotFinish")


def still_hangs(code: str, *, platform: str = "cpu", seconds: float = HANG_SECONDS) -> tuple[bool, str]:
    """(the reproducer printed NumPy's side and then did not finish within `seconds`, its output)."""
    path = os.pathsep.join(p for p in (str(_PACKAGE_ROOT), os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "JAX_PLATFORMS": platform, "PYTHONPATH": path}
    try:
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                timeout=seconds, env=env)
    except subprocess.TimeoutExpired as timeout:
        output = timeout.stdout.decode() if isinstance(timeout.stdout, bytes) else (timeout.stdout or "")
        return any(line.startswith("numpy: ") for line in output.splitlines()), output
    return False, result.stdout + result.stderr + f"\nfinished (exit status {result.returncode})"


def problems(data: dict[str, Any]) -> list[str]:
    """Every reproducer of the report that does not run, or runs without showing both sides (a known
    hang's: that does not print NumPy's side and then hang): one entry each (label, then the output)."""
    findings = [d for d in data["divergences"] if d.get("smallest")]
    platform = data["environment"].get("platform", "cpu")
    found = []

    def label(finding: dict[str, Any]) -> str:
        return f"{finding.get('id') or finding['kind']} {finding['case']} [{finding['smallest']['mode']}]"

    runs = [f for f in findings if not _hangs(f)]
    for finding, (ok, output) in zip(runs, run([f["smallest"]["reproducer"] for f in runs],
                                               platform=platform), strict=True):
        broken = broken_sides(output, finding["smallest"]) if ok else []
        if not ok or not shows_both_sides(output) or broken:
            why = "does not run" if not ok else "; ".join(broken) or "does not show both sides"
            found.append(f"{label(finding)}: {why}\n{output}")
    for finding in (f for f in findings if _hangs(f)):
        hangs, output = still_hangs(finding["smallest"]["reproducer"], platform=platform)
        if not hangs:
            found.append(f"{label(finding)}: recorded as a hang, but it does not print NumPy's side and "
                         f"then hang for {HANG_SECONDS:.0f} s\n{output}")
    return found

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


def problems(data: dict[str, Any]) -> list[str]:
    """Every reproducer of the report that does not run, or runs without showing both sides: one entry
    each (label, then the reproducer's output)."""
    findings = [d for d in data["divergences"] if d.get("smallest")]
    platform = data["environment"].get("platform", "cpu")
    found = []
    for finding, (ok, output) in zip(findings, run([f["smallest"]["reproducer"] for f in findings],
                                                   platform=platform), strict=True):
        broken = broken_sides(output, finding["smallest"]) if ok else []
        if not ok or not shows_both_sides(output) or broken:
            label = f"{finding.get('id') or finding['kind']} {finding['case']} " \
                    f"[{finding['smallest']['mode']}]"
            why = "does not run" if not ok else "; ".join(broken) or "does not show both sides"
            found.append(f"{label}: {why}\n{output}")
    return found

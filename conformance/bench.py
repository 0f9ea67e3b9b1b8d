"""The benchmark: examples per second per area, where the time goes, and what the compilation cache buys.

    python -m conformance.bench                      # every area, the `ci` profile, x64 off
    python -m conformance.bench --areas matmul --profile quick

Each measurement is one pytest run in a subprocess on a fixed, derandomized budget (a Hypothesis profile
with `derandomize=True`), so two runs on one machine measure the same examples. From each run's report
(`report.json`, whose recorder times `check`, the NumPy and JAX calls in it, JAX's compile events and the
clearing of JAX's caches between tests) and its JUnit XML (the time of every test) it derives:

- inputs per second: generated inputs, each counted once however many modes (eager, jit, vmap) ran it;
- the share of test time spent compiling (JAX's trace, lowering and backend-compile events);
- harness overhead: test time not spent inside NumPy or JAX calls (generation, comparison, catalogue,
  recording), as a share of test time; the subprocess that confirms a known hang runs the example on
  both, so it counts as calls. Split in two: checking (in `check`, outside the calls) and generation
  (test time outside `check`);
- peak memory: the largest resident set of any process of the run.

Per area it runs with `-n 0`; the whole suite then runs on every core (`-n auto`) without the persistent
compilation cache, with an empty one, and again with the one the previous run filled. It writes
`<out>/bench.md` and `<out>/bench.json` and prints the machine it ran on.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

from tabulate import tabulate

from conformance.check import COMPILE_STAGES

ROOT = Path(__file__).resolve().parents[1]
SUITE = ROOT / "tests" / "conformance"

# Run in a child so that RUSAGE_CHILDREN covers pytest and its xdist workers, and nothing else.
_PEAK_RSS_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)


def areas() -> list[str]:
    return sorted(p.stem.removeprefix("test_") for p in SUITE.glob("test_*.py"))


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        models = [line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")]
        cpu = models[0] if models else cpu
    memory = None
    with contextlib.suppress(ValueError, OSError):
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import jax
    import numpy as np

    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(memory, 1) if memory else None,
            "python": platform.python_version(), "jax": jax.__version__, "numpy": np.__version__,
            "system": f"{platform.system()} {platform.release()}"}


def run(paths: list[Path], *, workers: str, profile: str, x64: str, cache: Path | None,
        scratch: Path, pytest_args: tuple[str, ...] = ()) -> dict[str, Any]:
    """One pytest run; returns its figures."""
    scratch.mkdir(parents=True, exist_ok=True)
    report_dir, junit = scratch / "report", scratch / "junit.xml"
    env = {**os.environ, "JAX_PLATFORMS": "cpu"}
    if cache is None:
        env["JAX_ENABLE_COMPILATION_CACHE"] = "false"
    else:
        # Cache every compile: JAX's defaults skip compiles under a second, which are all of ours.
        env.update(JAX_ENABLE_COMPILATION_CACHE="true", JAX_COMPILATION_CACHE_DIR=str(cache),
                   JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS="0",
                   JAX_PERSISTENT_CACHE_MIN_ENTRY_SIZE_BYTES="0")
    command = [sys.executable, "-c", _PEAK_RSS_WRAPPER, sys.executable, "-m", "pytest",
               *map(str, paths), "-q", "-p", "no:cacheprovider", "-n", workers, f"--x64={x64}",
               f"--hypothesis-profile={profile}", f"--report-dir={report_dir}",
               f"--junitxml={junit}", *pytest_args]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if not (report_dir / "report.json").is_file():
        raise RuntimeError(f"pytest wrote no report (exit {result.returncode}):\n{result.stdout[-3000:]}"
                           f"\n{result.stderr[-3000:]}")
    data = json.loads((report_dir / "report.json").read_text())
    test_seconds = sum(float(case.get("time", 0)) for case in
                       ElementTree.parse(junit).getroot().iter("testcase"))
    seconds = data["run"].get("seconds", {})
    inputs = _inputs(data)
    examples = sum(c["examples"] for c in data["areas"].values())
    in_calls = sum(seconds.get(key, 0.0) for key in ("jax", "numpy", "hang confirmation"))
    return {
        "exitstatus": result.returncode, "wall_s": round(wall, 2), "test_s": round(test_seconds, 2),
        "inputs": inputs, "examples": examples, "inputs_per_s": round(inputs / wall, 1),
        "compile_share": _share(seconds.get("compile", 0.0), test_seconds),
        "harness_share": _share(max(test_seconds - in_calls, 0.0), test_seconds),
        "jax_s": round(seconds.get("jax", 0.0), 2), "numpy_s": round(seconds.get("numpy", 0.0), 2),
        "hang_confirmation_s": round(seconds.get("hang confirmation", 0.0), 2),
        # the harness's two parts: inside check() but outside the calls (comparison, catalogue,
        # recording), and outside check() (Hypothesis generating the inputs; the few report tables
        # that tests fill with calls of their own)
        "checking_s": round(max(seconds.get("check", 0.0) - in_calls, 0.0), 2),
        "outside_check_s": round(max(test_seconds - seconds.get("check", 0.0), 0.0), 2),
        "clearing_caches_s": round(seconds.get("clearing caches", 0.0), 2),
        "compile_s": round(seconds.get("compile", 0.0), 2),
        **{f"{stage.replace(' ', '_')}_s": round(seconds.get(f"compile: {stage}", 0.0), 2)
           for stage in COMPILE_STAGES},
        "peak_rss_mib": round(int(result.stdout.strip().splitlines()[-1]) / 1024, 1),
        "new_divergences": sum(c["new"] for c in data["areas"].values()),
    }


def _share(part: float, whole: float) -> float | None:
    return round(part / whole, 3) if whole else None


def _inputs(data: dict[str, Any]) -> int:
    """Inputs, each once: every input of a case runs in all of the case's modes, so the most examples
    any one mode of a case saw is the number of inputs it was given."""
    most: dict[tuple[str, str], int] = {}
    for c in data["cases"]:
        key, n = (c["area"], c["case"]), c["agree"] + c["known"] + c["new"]
        most[key] = max(most.get(key, 0), n)
    return sum(most.values())


def bench(selected: list[str], *, profile: str, x64: str, scratch: Path) -> dict[str, Any]:
    results: dict[str, Any] = {"machine": machine(), "profile": profile, "x64": x64,
                               "areas": {}, "suite": {}}
    for area in selected:
        print(f"bench: {area}, -n 0 ...", file=sys.stderr, flush=True)
        results["areas"][area] = run([SUITE / f"test_{area}.py"], workers="0", profile=profile,
                                     x64=x64, cache=None, scratch=scratch / area)
    paths = [SUITE / f"test_{area}.py" for area in selected]
    cache = scratch / "jax-cache"
    for label, cache_dir in (("-n auto, no cache", None), ("-n auto, empty cache", cache),
                             ("-n auto, warm cache", cache)):
        print(f"bench: suite, {label} ...", file=sys.stderr, flush=True)
        results["suite"][label] = run(paths, workers="auto", profile=profile, x64=x64,
                                      cache=cache_dir, scratch=scratch / label.replace(" ", "_"))
    cold, warm = results["suite"]["-n auto, empty cache"], results["suite"]["-n auto, warm cache"]
    results["cache_speedup"] = round(cold["wall_s"] / warm["wall_s"], 2) if warm["wall_s"] else None
    return results


_COLUMNS = [("inputs", "inputs"), ("examples", "examples (x modes)"), ("wall_s", "wall s"),
            ("inputs_per_s", "inputs/s"), ("compile_share", "compile share"),
            ("harness_share", "harness share"), ("peak_rss_mib", "peak RSS MiB"),
            ("new_divergences", "new")]


def render(results: dict[str, Any], command: str) -> str:
    m = results["machine"]
    out = ["# Benchmark", "",
           f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; {m['system']}; "
           f"Python {m['python']}, jax {m['jax']}, numpy {m['numpy']}.",
           f"Profile `{results['profile']}` (derandomized), x64 {results['x64']}. Reproduce with "
           f"`{command}`.", "",
           "An input is one generated example, counted once however many modes ran it. Compile share: "
           "JAX's trace, lowering and compile events over test time. Harness share: test time outside "
           "NumPy and JAX calls (generation, comparison, catalogue, recording); the subprocess that "
           "confirms a known hang runs both sides' calls, so it counts as calls.", "",
           "## By area (`-n 0`, no persistent cache)", ""]
    rows = [[area, *(r[k] for k, _ in _COLUMNS)] for area, r in results["areas"].items()]
    out += [tabulate(rows, headers=["area", *(h for _, h in _COLUMNS)], tablefmt="github"), ""]
    out += ["## The whole suite on every core", ""]
    rows = [[label, *(r[k] for k, _ in _COLUMNS)] for label, r in results["suite"].items()]
    out += [tabulate(rows, headers=["run", *(h for _, h in _COLUMNS)], tablefmt="github"), "",
            f"Second run with the persistent compilation cache: {results['cache_speedup']}x as fast as "
            "the first (same examples).", "",
            "## Where the time goes (seconds, summed over processes)", "",
            "A persistent cache hit skips XLA's compile (backend: the cache key and read instead); "
            "tracing and lowering to MLIR happen on every compile, cached or not. Hang confirmation: "
            "the subprocesses that check a known hang still hangs. The harness's time in two parts: checking "
            "(in `check`, outside the calls: comparison, catalogue, recording) and generation (test time "
            "outside `check`: Hypothesis drawing the inputs, and the few report tables tests fill with "
            "calls of their own). Clearing caches: the plugin's `jax.clear_caches()` once 200 lowerings "
            "have piled up, outside test time.", ""]
    stages = [("trace_s", "trace"), ("lower_s", "lowering"), ("backend_s", "backend (XLA or cache)"),
              ("cache_read_s", "of which cache reads"), ("hang_confirmation_s", "hang confirmation"),
              ("checking_s", "harness: checking"), ("outside_check_s", "harness: generation"),
              ("test_s", "test time"), ("clearing_caches_s", "clearing caches, between tests")]
    rows = [[label, *(r.get(k) for k, _ in stages)] for label, r in results["suite"].items()]
    out += [tabulate(rows, headers=["run", *(h for _, h in stages)], tablefmt="github"), ""]
    return "\n".join(out)


HISTORY_MARK = "<!-- Below this line: written by hand, kept when the benchmark rewrites the file. -->"


def kept_notes(path: Path) -> str:
    """What follows HISTORY_MARK in the existing bench.md (the figures of earlier runs and what they
    showed), so a new run replaces its tables and keeps that history."""
    text = path.read_text() if path.exists() else ""
    return text[text.index(HISTORY_MARK):] if HISTORY_MARK in text else HISTORY_MARK + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m conformance.bench", description=__doc__.split(
        "\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--areas", default=",".join(areas()),
                        help=f"comma-separated areas (default: all: {', '.join(areas())})")
    parser.add_argument("--profile", default="ci", help="a derandomized Hypothesis profile (default ci)")
    parser.add_argument("--x64", choices=("on", "off"), default="off", help="x64 mode (default off)")
    parser.add_argument("--out", type=Path, default=ROOT / "reports",
                        help="where bench.md and bench.json go (default: reports/)")
    args = parser.parse_args(argv)
    selected = [a.strip() for a in args.areas.split(",") if a.strip()]
    unknown = sorted(set(selected) - set(areas()))
    if unknown or not selected:
        parser.error(f"unknown areas {unknown}; choose from {', '.join(areas())}")
    print(f"bench: machine {machine()}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="conformance-bench-") as scratch:
        results = bench(selected, profile=args.profile, x64=args.x64, scratch=Path(scratch))
    command = "python -m conformance.bench " + " ".join(argv if argv is not None else sys.argv[1:])
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench.json").write_text(json.dumps(results, indent=1) + "\n")
    markdown = render(results, command.strip())
    (args.out / "bench.md").write_text(markdown + "\n" + kept_notes(args.out / "bench.md"))
    print(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())

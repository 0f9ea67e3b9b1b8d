"""Devices: the platform catalogue entries gate on, device-gated entries match only where they apply, and
`--devices=all` runs every example on every local device (two forced CPU devices here)."""

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from conformance import environment, report
from conformance.cases import broadcasting as cases
from conformance.catalogue import BY_ID, KnownDivergence, explain
from conformance.catalogue.models import free_where
from conformance.check import judge
from conformance.compare import compare
from conformance.example import Example
from conformance.runner import run_jax, run_numpy

CASE = {c.name: c for c in cases.ALL}
REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("jax_name", "ours"), [("cuda", "gpu"), ("rocm", "gpu"), ("gpu", "gpu"),
                                                ("cpu", "cpu"), ("tpu", "tpu"), ("CUDA", "gpu")])
def test_the_platform_is_what_catalogue_entries_compare_against(jax_name, ours):
    assert environment.platform_name(jax_name) == ours


def test_this_session_runs_on_the_cpu():
    env = environment.current()
    assert env.platform == "cpu" and env.device_count >= 1 and env.device_kind


def _example(case, *args, platform: str) -> Example:
    import jax.numpy as jnp

    env = replace(environment.current(), platform=platform)
    return Example(case, args, "jit", env, run_numpy(case, args), run_jax(case, args, xp=jnp, mode="jit"))


# A stand-in for a device-gated entry (float32 matmul precision on GPU and TPU): any value goes.
GPU_TPU_ONLY = KnownDivergence(
    id="TEST-GPU-TPU-ONLY", area="broadcasting", title="a difference only GPUs and TPUs have",
    numpy="-", jax="-", why="-", source="harness test", condition="always", kinds=("values",),
    platforms=("gpu", "tpu"), trigger=lambda example: True, undefined="harness test: any value",
    outputs=free_where(lambda args: np.ones(np.broadcast_shapes(*(np.shape(a) for a in args)), bool)))


@pytest.mark.parametrize("platform", ["cpu", "gpu", "tpu"])
def test_a_device_gated_entry_matches_only_on_its_platforms(platform):
    a, b = np.array([1.0, 2.0], np.float32), np.array([3.0, 4.0], np.float32)
    example = _example(CASE["add"], a, b, platform=platform)
    off_by_one = replace(example, numpy=replace(example.numpy, values=(
        replace(example.numpy.values[0], array=example.numpy.values[0].array + 1),)))
    difference = compare(off_by_one.numpy, off_by_one.jax)
    explained = explain(off_by_one, difference, catalogue=[GPU_TPU_ONLY])
    assert explained.id == (None if platform == "cpu" else "TEST-GPU-TPU-ONLY")


def test_a_cpu_only_entry_of_the_catalogue_does_not_explain_the_same_result_on_a_gpu():
    entry = BY_ID["NUM-DIVIDE-BY-BROADCAST-SCALAR-RECIPROCAL"]
    assert entry.platforms == ("cpu",)
    a, b = np.array([np.inf, 1.0], np.float32), np.array(3e38, np.float32)
    on_cpu = _example(CASE["divide"], a, b, platform="cpu")
    verdict = judge(on_cpu)  # 1 / 3e38 is subnormal: flushed too, so two entries explain it together
    assert verdict.status == "known" and entry.id in verdict.entry_id.split("+")
    assert judge(replace(on_cpu, env=replace(on_cpu.env, platform="gpu"))).status == "new"


def test_the_report_says_where_an_unmatched_gated_entry_applies():
    env = environment.current()
    assert report._applicable(GPU_TPU_ONLY, env) == "no: holds on gpu, tpu"
    assert report._applicable(GPU_TPU_ONLY, replace(env, platform="gpu")).startswith("yes")


def test_placements_are_unchanged_unless_every_device_is_asked_for():
    assert environment.placements(("eager", "jit")) == [("eager", None), ("jit", None)]
    assert environment.device_label("jit", None) == "jit" and environment.device_label("jit", 1) == "jit@1"
    with pytest.raises(ValueError, match="devices must be one of"):
        environment.run_on("some")


_EVERY_DEVICE_TEST = '''
import numpy as np
from conformance.cases import broadcasting as cases
from conformance.check import check

CASE = {c.name: c for c in cases.ALL}

def test_on_every_device():
    check(CASE["floor_divide"], np.array([7, 8], np.int32), np.array([0, 2], np.int32))
'''


def test_every_local_device_runs_every_example(tmp_path):
    """Two CPU devices stand in for several GPUs: each example runs on each, and the report says so."""
    (tmp_path / "test_every_device.py").write_text(_EVERY_DEVICE_TEST)
    env = {**os.environ, "JAX_PLATFORMS": "cpu", "PYTHONPATH": str(REPO),
           "XLA_FLAGS": "--xla_force_host_platform_device_count=2"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(tmp_path / "test_every_device.py"), "-n", "0",
         "-p", "no:cacheprovider", "--devices=all", f"--report-dir={tmp_path / 'report'}",
         f"--rootdir={tmp_path}"],
        capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "every device under test" in result.stdout
    data = json.loads((tmp_path / "report" / "report.json").read_text())
    assert data["environment"]["device_count"] == 2
    modes = {f"{mode}@{device}" for mode in ("eager", "jit", "vmap") for device in (0, 1)}
    assert {c["mode"] for c in data["cases"]} == modes
    (divergence,) = data["divergences"]
    assert divergence["id"] == "NUM-INT-FLOOR-DIVIDE-BY-ZERO" and len(divergence["modes"]) == 6
    reproducer = divergence["smallest"]["reproducer"]
    if divergence["smallest"]["mode"].endswith("@1"):
        assert "jax.local_devices()[1]" in reproducer
    run = subprocess.run([sys.executable, "-c", reproducer], capture_output=True, text=True, timeout=120,
                         env=env, check=False)
    assert run.returncode == 0 and run.stdout.startswith("numpy:"), run.stderr

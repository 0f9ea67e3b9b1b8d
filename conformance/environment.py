"""What a run ran on: versions, platform, device, x64 mode; read by the report and the catalogue."""

from __future__ import annotations

import platform
import sys
from dataclasses import asdict, dataclass
from functools import cache
from importlib import metadata

import jax
import numpy as np

# JAX names a backend's devices by their platform; CUDA and ROCm devices have been called "cuda"/"rocm" by
# some versions and "gpu" by others. Catalogue entries gate on "cpu", "gpu" or "tpu".
PLATFORM_ALIASES = {"cuda": "gpu", "rocm": "gpu"}
DEVICE_CHOICES = ("default", "all")


def platform_name(platform_: str) -> str:
    """The platform as catalogue entries name it: "gpu" for CUDA and ROCm, else JAX's own name."""
    return PLATFORM_ALIASES.get(platform_.lower(), platform_.lower())


def x64_enabled() -> bool:
    return bool(jax.config.read("jax_enable_x64"))


@cache  # metadata.version parses the package's METADATA file: far too slow to call per example
def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


@dataclass(frozen=True)
class Environment:
    jax: str
    jaxlib: str | None
    numpy: str
    hypothesis: str | None
    ml_dtypes: str | None  # NumPy's bfloat16: its promotion rules change NumPy's side of the results
    python: str
    machine: str
    platform: str  # JAX backend: cpu, gpu, tpu
    device_kind: str
    device_count: int
    x64: bool

    def as_dict(self) -> dict:
        return asdict(self)


@cache
def _devices() -> tuple[str, str, int]:
    devices = jax.devices()
    return platform_name(devices[0].platform), devices[0].device_kind, len(devices)


def current() -> Environment:
    return _environment(x64_enabled())


@cache
def _environment(x64: bool) -> Environment:
    backend, kind, count = _devices()
    return Environment(
        jax=jax.__version__,
        jaxlib=_version("jaxlib"),
        numpy=np.__version__,
        hypothesis=_version("hypothesis"),
        ml_dtypes=_version("ml_dtypes"),
        python=platform.python_version(),
        machine=f"{platform.system()} {platform.machine()}",
        platform=backend,
        device_kind=kind,
        device_count=count,
        x64=x64,
    )


def describe() -> str:
    env = current()
    return (
        f"jax {env.jax} (jaxlib {env.jaxlib}), numpy {env.numpy}, ml_dtypes {env.ml_dtypes}, "
        f"hypothesis {env.hypothesis}, "
        f"Python {env.python} [{sys.implementation.name}]; {env.platform}: {env.device_kind} "
        f"x{env.device_count}{' (every device under test)' if _ON_EVERY_DEVICE[0] else ''}; "
        f"x64 {'on' if env.x64 else 'off'}"
    )


# -- which devices the suite runs on ----------------------------------------------------------------------
_ON_EVERY_DEVICE: list[bool] = [False]


def run_on(devices: str) -> None:
    """"default": JAX's default device (the session's platform picks it); "all": every local device of
    that platform, each example once per device (the plugin's --devices option)."""
    if devices not in DEVICE_CHOICES:
        raise ValueError(f"devices must be one of {DEVICE_CHOICES}, got {devices!r}")
    _ON_EVERY_DEVICE[0] = devices == "all"


def placements(modes) -> list[tuple[str, int | None]]:
    """(mode, local device index) for each mode and device under test; the index is None on the default
    device, so a default run is unchanged."""
    if not _ON_EVERY_DEVICE[0]:
        return [(mode, None) for mode in modes]
    return [(mode, index) for index in range(len(jax.local_devices())) for mode in modes]


def device_label(mode: str, index: int | None) -> str:
    """The mode as the report shows it: `jit`, or `jit@1` on local device 1 of an every-device run."""
    return mode if index is None else f"{mode}@{index}"

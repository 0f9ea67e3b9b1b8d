"""What a run ran on: versions, platform, device, x64 mode; read by the report and the catalogue."""

from __future__ import annotations

import platform
import sys
from dataclasses import asdict, dataclass
from functools import cache
from importlib import metadata

import jax
import numpy as np


def x64_enabled() -> bool:
    return bool(jax.config.read("jax_enable_x64"))


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
    return devices[0].platform, devices[0].device_kind, len(devices)


def current() -> Environment:
    backend, kind, count = _devices()
    return Environment(
        jax=jax.__version__,
        jaxlib=_version("jaxlib"),
        numpy=np.__version__,
        hypothesis=_version("hypothesis"),
        python=platform.python_version(),
        machine=f"{platform.system()} {platform.machine()}",
        platform=backend,
        device_kind=kind,
        device_count=count,
        x64=x64_enabled(),
    )


def describe() -> str:
    env = current()
    return (
        f"jax {env.jax} (jaxlib {env.jaxlib}), numpy {env.numpy}, hypothesis {env.hypothesis}, "
        f"Python {env.python} [{sys.implementation.name}]; {env.platform}: {env.device_kind} "
        f"x{env.device_count}; x64 {'on' if env.x64 else 'off'}"
    )

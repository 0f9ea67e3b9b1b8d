"""Skip marks for harness tests that run the real jax.numpy where a catalogue entry is gated on the JAX
release (`jax_versions`): each such test runs where its entry holds. (Tests that only judge outcomes
claim the release in the example's environment instead: test_jax_0_12.py.)"""

from types import SimpleNamespace

import jax
import pytest
from packaging.version import Version

_AT_LEAST_0_12 = Version(jax.__version__) >= Version("0.12")
JAX_0_12 = SimpleNamespace(
    skip_from=pytest.mark.skipif(_AT_LEAST_0_12, reason="the entry holds before jax 0.12"),
    skip_before=pytest.mark.skipif(not _AT_LEAST_0_12, reason="the entry holds from jax 0.12 on"),
)

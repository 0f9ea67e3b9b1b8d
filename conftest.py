"""Pytest configuration for the whole repository: Hypothesis profiles and the conformance plugin."""

import importlib
import pkgutil
from importlib import metadata

import jax.numpy as jnp
import pytest
from hypothesis import HealthCheck, Phase, settings

import conformance

_SLOW_IS_NORMAL = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

# deadline=None everywhere: XLA compiles make the time of one example meaningless.
settings.register_profile("dev", max_examples=25, deadline=None,
                          suppress_health_check=_SLOW_IS_NORMAL)
settings.register_profile("ci", max_examples=32, deadline=None, derandomize=True, database=None,
                          suppress_health_check=_SLOW_IS_NORMAL, print_blob=True)
# The ci profile's examples without shrinking: a row with new divergences reports them all in seconds
# (shrinking a failing row can take minutes), for triage.
settings.register_profile("triage", settings.get_profile("ci"),
                          phases=[Phase.explicit, Phase.reuse, Phase.generate])
settings.register_profile("quick", max_examples=5, deadline=None, derandomize=True, database=None,
                          suppress_health_check=_SLOW_IS_NORMAL)
settings.register_profile("thorough", max_examples=400, deadline=None,
                          suppress_health_check=_SLOW_IS_NORMAL, print_blob=True)
settings.load_profile("dev")

# Installed, the package registers its plugin through an entry point; from a bare checkout, load it here.
if not any(ep.value == "conformance.plugin" for ep in metadata.entry_points(group="pytest11")):
    pytest_plugins = ["conformance.plugin"]


@pytest.fixture(scope="session")
def xp():
    """The namespace under test. Harness tests call the conformance tests with a broken one instead."""
    return jnp


def pytest_configure(config):
    """Derandomized draws depend on the tests and their strategies only. Hypothesis also draws the literal
    constants of every local module loaded so far (`providers._get_local_constants`): any edit that adds
    a number (a catalogue entry, a model) would change every test's examples, and so would the order in
    which pytest-xdist's workers first import a module. Turned off here; should a Hypothesis release move
    that function, every module of the library is loaded before any test runs instead (the order then no
    longer matters, the edits still do)."""
    from hypothesis.internal.conjecture import providers

    if hasattr(providers, "_get_local_constants") and hasattr(providers, "Constants"):
        providers._get_local_constants = providers.Constants
        return
    for module in pkgutil.walk_packages(conformance.__path__, "conformance."):
        if module.name != "conformance.__main__":
            importlib.import_module(module.name)

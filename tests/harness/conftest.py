"""The harness's own tests drop JAX's compiled functions after each test, as a conformance run does.

The plugin does this only in a conformance run (an installed package must not change other people's
tests); the planted-bug searches here run the suite's test functions directly, and with jax 0.10 every
lowering kept alive slows the next one (see `conformance.plugin.clear_jax_caches`).
"""

import pytest

from conformance.plugin import clear_jax_caches


@pytest.fixture(autouse=True)
def _clear_jax_caches_after_the_test():
    yield
    clear_jax_caches()

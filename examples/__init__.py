"""Runnable NumPy-to-JAX ports, each checked with `conformance.check_port` (`python -m examples.selu`).

Each module has `numpy_version`, `jax_version`, `ARGS` (one strategy per argument), `check(**options)`
and the catalogue ids of the divergences it is expected to show with x64 off and on (`EXPECTED`);
tests/examples/test_examples.py runs them all.
"""

ALL = ("standardize", "selu", "madhava_pi", "normalize", "pairwise_distances", "ridge_regression",
       "cumulative_sum", "moving_average", "logsumexp")

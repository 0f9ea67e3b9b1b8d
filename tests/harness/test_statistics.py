"""The statistics area's reference (`conformance/sums.py`) and what its rows leave out on purpose."""

import subprocess
import sys

import jax
import numpy as np
from packaging.version import Version

from conformance.sums import BoundedReduction, count_accumulated, count_reduced


def test_a_sums_bound_grows_with_the_number_of_terms():
    reference = BoundedReduction(np.sum, count_reduced, ("axis",))
    small = reference(np.ones(4, np.float32), None)
    large = reference(np.ones(400, np.float32), None)
    assert small.atol < large.atol  # (2k + 1) u sum|a|: 9 u * 4 against 801 u * 400
    assert float(large.atol) == (2 * 400 + 1) * 2.0**-24 * 400 + 2 * 400 * 2.0**-149


def test_integer_sums_are_numpys_own_and_exact():
    reference = BoundedReduction(np.sum, count_reduced, ("axis", "dtype"))
    result = reference(np.array([100, 100], np.int8), None, "int8")
    assert result.dtype == np.int8 and result == np.int8(-56)  # wraps, as NumPy's accumulator does


def test_a_cumulative_count_includes_the_initial_slice():
    assert count_accumulated(np.zeros((2, 3)), axis=1, include_initial=True).tolist() == [[0, 1, 2, 3]] * 2


def test_an_integer_mean_accumulator_of_an_empty_slice_kills_the_process():
    """Why mean's row draws no integer dtype=: jnp.mean divides 0 by 0 in integers, and the CPU raises
    SIGFPE, which ends the whole test process (jax < 0.12; jax 0.12 returns -1). When this test fails,
    JAX changed: draw them again (for the JAX releases that no longer crash)."""
    code = ("import numpy as np, jax.numpy as jnp\n"
            "print(jnp.mean(np.zeros((0,), np.int8), dtype='int8'))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, env={
        "JAX_PLATFORMS": "cpu", "PATH": "/usr/bin:/bin"}, timeout=120)
    if Version(jax.__version__) >= Version("0.12"):
        assert (done.returncode, done.stdout) == (0, b"-1\n"), (done.returncode, done.stderr[-500:])
    else:
        assert done.returncode == -8, (done.returncode, done.stderr[-500:])  # SIGFPE

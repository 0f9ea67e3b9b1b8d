"""Madhava's series for pi, pi = sqrt(12) * sum((-1/3)**k / (2k + 1)), with `arange` and `sum`, as in
"Some fun with pi in Julia" (https://julialang.org/blog/2017/03/piday/, "Madhava's formula").

A port that really diverges: `np.arange(n)` is int64, so NumPy computes in float64. With x64 off (JAX's
default) the port computes in float32; check_port reports the dtype difference and explains it with the
catalogue entry DTYPE-X64-OFF-32BIT (JAX's result is NumPy's, at 32 bits). With x64 on they agree.
"""

import jax.numpy as jnp
import numpy as np
from hypothesis import strategies as st

from conformance import check_port

# The number of terms is a Python int, static under jit: each distinct n is a compile, so keep them few.
ARGS = (st.integers(min_value=1, max_value=8),)
EXPECTED = {"x64 off": ("DTYPE-X64-OFF-32BIT",), "x64 on": ()}


def numpy_version(n):
    k = np.arange(n)
    return np.sqrt(12) * np.sum((-1 / 3) ** k / (2 * k + 1))


def jax_version(n):
    k = jnp.arange(n)
    return jnp.sqrt(12) * jnp.sum((-1 / 3) ** k / (2 * k + 1))


def check(**options):
    return check_port(numpy_version, jax_version, args=ARGS, **options)


if __name__ == "__main__":
    print(check().explain())

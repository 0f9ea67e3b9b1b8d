"""log-sum-exp in bfloat16, the stable way: subtract the maximum, sum the exponentials, add it back.

NumPy rounds to bfloat16 after every operation; XLA computes bfloat16 in float32 and, under `jax.jit`,
fuses the steps and keeps float32 intermediates. For x = [0.0, -89.5, -1.5] NumPy (and JAX eagerly) give
0.1982, jit gives 0.2041, and the exact value is 0.2014: both 3 bfloat16 ulps away, on either side. The
suite judges such a result against the exact value (NumPy on the inputs in float64, rounded to
bfloat16) within the dtype's bound (conformance/ulps.py, `exact_reference`), so this correct port shows
no divergence.
"""

import jax.numpy as jnp
import numpy as np
from hypothesis import strategies as st

from conformance import check_port
from conformance.port_strategies import arrays

ISSUE_INPUT = np.array([0.0, -89.5, -1.5], "bfloat16")
ARGS = (st.just(ISSUE_INPUT) | arrays(shape=(3,), dtype="bfloat16", min_value=-100, max_value=10),)
EXPECTED = {"x64 off": (), "x64 on": ()}


def numpy_version(x):
    m = np.max(x)
    return m + np.log(np.sum(np.exp(x - m)))


def jax_version(x):
    m = jnp.max(x)
    return m + jnp.log(jnp.sum(jnp.exp(x - m)))


def check(**options):
    return check_port(numpy_version, jax_version, args=ARGS, **options)


if __name__ == "__main__":
    print(check().explain())

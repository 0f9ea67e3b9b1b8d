"""A moving average over a window: NumPy's loop averages each window; the JAX port slides a running
window sum through `lax.scan` (https://docs.jax.dev/en/latest/_autosummary/jax.lax.scan.html), adding
the element that enters and subtracting the one that leaves. The running sum rounds differently from
summing each window afresh, so the check takes an absolute tolerance.
"""

import numpy as np
from hypothesis import strategies as st
from jax import lax
from jax import numpy as jnp

from conformance import Tolerance, check_port
from conformance.port_strategies import arrays

ARGS = (arrays(shape=(8,), dtype="float32", min_value=-10, max_value=10),
        st.integers(min_value=1, max_value=4))  # the window: a Python int, static under jit
TOLERANCE = Tolerance(rtol=1e-5, atol=1e-5)
EXPECTED = {"x64 off": (), "x64 on": ()}


def numpy_version(x, window):
    out = np.empty(len(x) - window + 1, dtype=x.dtype)
    for i in range(len(out)):
        out[i] = x[i:i + window].sum() / window
    return out


def jax_version(x, window):
    def step(total, leaving_entering):
        leaving, entering = leaving_entering
        total = total + entering - leaving
        return total, total / window

    first = jnp.sum(x[:window])
    _, rest = lax.scan(step, first, (x[:-window], x[window:]))
    return jnp.concatenate([(first / window)[None], rest])


def check(**options):
    return check_port(numpy_version, jax_version, args=ARGS, tolerance=TOLERANCE, **options)


if __name__ == "__main__":
    print(check().explain())

"""A cumulative sum: NumPy's loop carries a running total; the JAX port carries it through `lax.scan`
(https://docs.jax.dev/en/latest/_autosummary/jax.lax.scan.html). Both add in the same order, so they
agree exactly, integers included (which wrap alike on overflow). Subnormal floats are left out: JAX on
the CPU flushes them to zero, which check_port would report, explained by NUM-SUBNORMAL-FLUSH.
"""

import numpy as np
from jax import lax
from jax import numpy as jnp

from conformance import check_port
from conformance.port_strategies import arrays, dtypes

ARGS = (arrays(shape=(6,), dtype=dtypes(kinds="if", bfloat16=False), allow_subnormal=False),)
EXPECTED = {"x64 off": (), "x64 on": ()}


def numpy_version(x):
    out, total = np.empty_like(x), x.dtype.type(0)
    for i, value in enumerate(x):
        total = total + value
        out[i] = total
    return out


def jax_version(x):
    def step(total, value):
        total = total + value
        return total, total

    return lax.scan(step, jnp.zeros((), x.dtype), x)[1]


def check(**options):
    return check_port(numpy_version, jax_version, args=ARGS, **options)


if __name__ == "__main__":
    print(check().explain())

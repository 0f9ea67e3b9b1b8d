"""The SELU activation written with `where`, from the JAX quickstart
(https://docs.jax.dev/en/latest/quickstart.html): `lmbda * where(x > 0, x, alpha * exp(x) - alpha)`.
"""

import jax.numpy as jnp
import numpy as np

from conformance import check_port
from conformance.port_strategies import arrays

ARGS = (arrays(shape=(8,), dtype="float32", min_value=-20, max_value=20),)
EXPECTED = {"x64 off": (), "x64 on": ()}


def numpy_version(x, alpha=1.67, lmbda=1.05):
    return lmbda * np.where(x > 0, x, alpha * np.exp(x) - alpha)


def jax_version(x, alpha=1.67, lmbda=1.05):
    return lmbda * jnp.where(x > 0, x, alpha * jnp.exp(x) - alpha)


def check(**options):
    return check_port(numpy_version, jax_version, args=ARGS, **options)


if __name__ == "__main__":
    print(check().explain())

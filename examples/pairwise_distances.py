"""Pairwise Euclidean distances between two sets of points: NumPy broadcasts an (m, 1, d) against a
(1, n, d) array; the JAX port writes the distance between two points and maps it over both sets with
`jax.vmap`, as in JAX's automatic vectorization tutorial
(https://docs.jax.dev/en/latest/automatic-vectorization.html).
"""

import jax
import jax.numpy as jnp
import numpy as np

from conformance import check_port
from conformance.port_strategies import arrays

ARGS = (arrays(shape=(3, 2), dtype="float32", min_value=-10, max_value=10),
        arrays(shape=(4, 2), dtype="float32", min_value=-10, max_value=10))
EXPECTED = {"x64 off": (), "x64 on": ()}


def numpy_version(a, b):
    return np.sqrt(((a[:, None, :] - b[None, :, :]) ** 2).sum(axis=-1))


def _distance(p, q):
    return jnp.sqrt(jnp.sum((p - q) ** 2))


def jax_version(a, b):
    return jax.vmap(lambda p: jax.vmap(lambda q: _distance(p, q))(b))(a)


def check(**options):
    return check_port(numpy_version, jax_version, args=ARGS, **options)


if __name__ == "__main__":
    print(check().explain())

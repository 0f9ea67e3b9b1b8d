"""Normalizing vectors along the last axis, for arrays of any rank: `x / norm(x, axis=-1, keepdims=True)`
(the unit-vector idiom of NumPy's linalg.norm documentation,
https://numpy.org/doc/stable/reference/generated/numpy.linalg.norm.html). The shapes are drawn too,
rank 1 to 3, zero-size axes included.
"""

import jax.numpy as jnp
import numpy as np

from conformance import check_port
from conformance.port_strategies import arrays, shapes

ARGS = (arrays(shape=shapes(min_dims=1, max_dims=3, max_side=3), dtype="float32",
               min_value=-10, max_value=10),)
EXPECTED = {"x64 off": (), "x64 on": ()}


def numpy_version(x):
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def jax_version(x):
    return x / jnp.linalg.norm(x, axis=-1, keepdims=True)


def check(**options):
    return check_port(numpy_version, jax_version, args=ARGS, **options)


if __name__ == "__main__":
    print(check().explain())

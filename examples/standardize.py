"""Standardizing the columns of a matrix with broadcasting: subtract each column's mean, divide by its
standard deviation. The (4, 3) data broadcasts against the (3,) statistics as in NumPy's broadcasting
guide (https://numpy.org/doc/stable/user/basics.broadcasting.html); the JAX port is a line-for-line
translation to jax.numpy.
"""

import jax.numpy as jnp
import numpy as np

from conformance import check_port
from conformance.port_strategies import arrays

# Whole numbers: a column of equal values then gives exactly 0 / 0 = NaN on both sides, rather than a
# rounding error in the mean divided by a standard deviation of the same size.
ARGS = (arrays(shape=(4, 3), dtype="float32", min_value=-100, max_value=100).map(np.rint),)
EXPECTED = {"x64 off": (), "x64 on": ()}


def numpy_version(x):
    return (x - x.mean(axis=0)) / x.std(axis=0)


def jax_version(x):
    return (x - jnp.mean(x, axis=0)) / jnp.std(x, axis=0)


def check(**options):
    return check_port(numpy_version, jax_version, args=ARGS, **options)


if __name__ == "__main__":
    print(check().explain())

"""The SELU activation written with `where`, from the JAX quickstart
(https://docs.jax.dev/en/latest/quickstart.html): `lmbda * where(x > 0, x, alpha * exp(x) - alpha)`.
"""

import jax.numpy as jnp
import numpy as np

from conformance import Tolerance, check_port
from conformance.port_strategies import arrays

ARGS = (arrays(shape=(8,), dtype="float32", min_value=-20, max_value=20),)
# alpha * exp(x) - alpha cancels near 0: an ulp of difference in exp(x) or in the rounding of the
# multiply-add (XLA's exp and its fused kernel under jit round differently from NumPy's two steps) is a
# relative error of up to 1e-5 there (-0.0068363962 against jit's -0.0068362709 at x = -0.0039). Near 0
# the comparison is absolute, at about 4 ulps of alpha * lmbda (1.75).
TOLERANCE = Tolerance(rtol=4e-6, atol=5e-7)
EXPECTED = {"x64 off": (), "x64 on": ()}


def numpy_version(x, alpha=1.67, lmbda=1.05):
    return lmbda * np.where(x > 0, x, alpha * np.exp(x) - alpha)


def jax_version(x, alpha=1.67, lmbda=1.05):
    return lmbda * jnp.where(x > 0, x, alpha * jnp.exp(x) - alpha)


def check(**options):
    return check_port(numpy_version, jax_version, args=ARGS, tolerance=TOLERANCE, **options)


if __name__ == "__main__":
    print(check().explain())

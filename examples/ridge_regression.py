"""A ridge-regression loss and its gradient: mean((X @ w - y)**2) + lam * |w|**2. NumPy returns the
analytic gradient, 2/n X^T (X w - y) + 2 lam w; the JAX port differentiates the loss with
`jax.value_and_grad`, as in JAX's autodiff tutorial
(https://docs.jax.dev/en/latest/automatic-differentiation.html). The two round differently, so the
check takes a tolerance suited to a float32 least-squares residual.
"""

import jax
import jax.numpy as jnp
import numpy as np

from conformance import Tolerance, check_port
from conformance.port_strategies import arrays

ARGS = (arrays(shape=(3,), dtype="float32", min_value=-10, max_value=10),   # w
        arrays(shape=(5, 3), dtype="float32", min_value=-10, max_value=10),  # X
        arrays(shape=(5,), dtype="float32", min_value=-10, max_value=10),   # y
        arrays(shape=(), dtype="float32", min_value=0, max_value=1))         # lam, traced under jit
TOLERANCE = Tolerance(rtol=1e-4, atol=1e-3)
EXPECTED = {"x64 off": (), "x64 on": ()}


def numpy_version(w, X, y, lam):
    residual = X @ w - y
    loss = np.mean(residual ** 2) + lam * np.sum(w ** 2)
    grad = 2 / len(y) * X.T @ residual + 2 * lam * w
    return loss, grad


def _loss(w, X, y, lam):
    return jnp.mean((X @ w - y) ** 2) + lam * jnp.sum(w ** 2)


def jax_version(w, X, y, lam):
    return jax.value_and_grad(_loss)(w, X, y, lam)


def check(**options):
    return check_port(numpy_version, jax_version, args=ARGS, tolerance=TOLERANCE, **options)


if __name__ == "__main__":
    print(check().explain())

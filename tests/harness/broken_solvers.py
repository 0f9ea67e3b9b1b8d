"""Namespaces with one planted bug in the solvers and inverses of jax.numpy.linalg (registry.SOLVERS):
the ones the issue names (a solve that ignores the batch dimensions of b, an inverse off by a transpose, a
determinant of the wrong sign, a matrix_power that mishandles negative powers), and next to each entry
of `conformance/catalogue/solvers.py` one that does what NumPy does (NumPy's function on the concrete
values, eagerly: the entry then vanishes, which fails the run like a new divergence)."""

from types import SimpleNamespace

import jax.numpy as jnp
import numpy as np

from tests.harness.broken import BrokenNamespace


def _linalg(name: str, **functions) -> BrokenNamespace:
    """jax.numpy whose linalg namespace has `functions` in place of its own."""
    linalg = SimpleNamespace(**{k: getattr(jnp.linalg, k) for k in dir(jnp.linalg) if not k.startswith("_")})
    for key, fn in functions.items():
        setattr(linalg, key, fn)
    return BrokenNamespace(name, linalg=linalg)


def _solve_first_b(a, b):
    """Solves every matrix of the stack against b's first batch element only."""
    b = jnp.asarray(b)
    if b.ndim > 2:
        b = b[(0,) * (b.ndim - 2)]
    return jnp.linalg.solve(a, b)


def _power_forgets_inverse(a, n):
    return jnp.linalg.matrix_power(a, abs(n))  # a^|n| where n < 0 asks for inv(a)^|n|


def _on_the_host(name):
    """np.linalg's `name` on the concrete values (eager mode only): NumPy's result or NumPy's error."""
    def fn(*args, **options):
        result = getattr(np.linalg, name)(*(np.asarray(a) for a in args), **options)
        if isinstance(result, tuple):
            return tuple(jnp.asarray(r) for r in result)
        return jnp.asarray(result)
    return fn


SOLVE_IGNORES_B_BATCH = _linalg("solve ignores the batch dimensions of b", solve=_solve_first_b)
INV_TRANSPOSED = _linalg("inv off by a transpose", inv=lambda a: jnp.swapaxes(jnp.linalg.inv(a), -1, -2))
DET_WRONG_SIGN = _linalg("det of the wrong sign", det=lambda a: -jnp.linalg.det(a))
POWER_NEGATIVE_NOT_INVERTED = _linalg("matrix_power of n < 0 is a^|n|", matrix_power=_power_forgets_inverse)
# past the singular entry's model: finite values where JAX documents NaN or inf
SOLVE_FINITE_WHERE_SINGULAR = _linalg("solve of a singular matrix gives zeros",
                                      solve=lambda a, b: jnp.nan_to_num(jnp.linalg.solve(a, b), posinf=0,
                                                                        neginf=0))
# what NumPy does, where an entry says JAX differs (eager mode)
SOLVE_AS_NUMPY = _linalg("solve as NumPy's", solve=_on_the_host("solve"))
TENSORSOLVE_AS_NUMPY = _linalg("tensorsolve as NumPy's", tensorsolve=_on_the_host("tensorsolve"))
DET_AS_NUMPY = _linalg("det as NumPy's", det=_on_the_host("det"))
POWER_AS_NUMPY = _linalg("matrix_power as NumPy's", matrix_power=_on_the_host("matrix_power"))
COND_AS_NUMPY = _linalg("cond as NumPy's", cond=_on_the_host("cond"))
RANK_AS_NUMPY = _linalg("matrix_rank as NumPy's", matrix_rank=_on_the_host("matrix_rank"))

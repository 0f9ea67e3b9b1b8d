"""The complex models predict JAX: XLA's formulas, evaluated step by step in NumPy
(conformance/catalogue/complex_formulas.py), agree with jax.numpy on every pairing of the complex edge
values (and a few ordinary ones), eagerly and under jit, within the bounds the models assert."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from conformance.catalogue import complex_formulas as cf
from conformance.compare import EXACT, tolerance_for, value_mismatch
from conformance.outcome import Value
from conformance.strategies import available_dtypes, edge_values

_ORDINARY = [complex(2, 0), complex(0.5, 0.5), complex(-1, 0), complex(1e16, -3e16), complex(-2.5, 1e-3),
             complex(3, 4), complex(1e-30, 1e-30), complex(-np.inf, 2), complex(1, np.nan)]


def _grid(dtype: np.dtype) -> tuple[np.ndarray, np.ndarray]:
    values = np.array(edge_values(dtype) + _ORDINARY, dtype)
    x, y = np.meshgrid(values, values, indexing="ij")
    return x.ravel(), y.ravel()


def _power(x, y):
    value = cf.power(x, y)
    atol, dq = cf.power_error(x, y)
    unsigned = (np.isinf(value[0]) | np.isinf(value[1])) & (dq > np.pi / 4)
    flips = [(np.where(unsigned, sr * value[0], value[0]), np.where(unsigned, si * value[1], value[1]))
             for sr, si in ((-1, 1), (1, -1), (-1, -1))]
    return value, atol, flips


def _divide(x, y):
    return cf.divide(x, y), None, []


def _arctan2(y, x):
    value, atol = cf.arctan2(y, x), cf.arctan2_error(y, x)
    return value, atol, cf.branch_shifts(value, cf.arctan2_near_cut(y, x, atol), 2 * np.pi, 0)


def _logaddexp(base2):
    def model(x, y):
        value, atol, near_edge = cf.logaddexp(x, y, base2)
        period = 2 * np.pi / (np.log(2) if base2 else 1)
        return value, atol, cf.branch_shifts(value, near_edge, 2 * period, 1)[1:3]
    return model


def _select(op):
    """Compares the flushed parts, selects the operands as they are (`raw`)."""
    return lambda x, y, raw: (cf.select(cf.lexicographic(op, x, y), *raw), None, [])


MODELS = {"power": (jnp.power, _power), "divide": (jnp.divide, _divide), "arctan2": (jnp.arctan2, _arctan2),
          "logaddexp": (jnp.logaddexp, _logaddexp(False)), "logaddexp2": (jnp.logaddexp2, _logaddexp(True)),
          "maximum": (jnp.maximum, _select(np.greater)), "minimum": (jnp.minimum, _select(np.less))}


@pytest.mark.parametrize("mode", ["eager", "jit"])
@pytest.mark.parametrize("name", sorted(MODELS))
def test_the_formula_predicts_jax_on_the_edge_grid(name, mode):
    fn, model = MODELS[name]
    for dtype in available_dtypes(kinds="c"):
        x, y = _grid(dtype)
        real = cf.real_dtype(dtype)
        raw = [(z.real.copy(), z.imag.copy()) for z in (x, y)]
        operands = (cf.split(x, real), cf.split(y, real)) + ((raw,) if name in ("maximum", "minimum") else ())
        with np.errstate(all="ignore"):
            value, atol, choices = model(*operands)
        call = fn if mode == "eager" else jax.jit(fn)
        actual = Value(np.asarray(call(jnp.asarray(x), jnp.asarray(y))))
        expected = Value(cf.join(value, dtype), atol=atol, choices=tuple(cf.join(c, dtype) for c in choices))
        # the division model keeps the dtype's tolerance for finite parts; the others: a bound, or exact
        tolerance = tolerance_for(np.dtype(dtype)) if name == "divide" else EXACT
        assert value_mismatch(expected, actual, tolerance) is None, f"{name} {dtype.name} {mode}"

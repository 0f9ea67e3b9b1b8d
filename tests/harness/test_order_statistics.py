"""The order statistics' model (`catalogue/order_statistics.py`, jax_quantile: jnp's _quantile restated in
NumPy) against jnp itself, and the reference's bound (`registry/order_statistics.py`)."""

from types import SimpleNamespace

import jax.numpy as jnp
import numpy as np
import pytest

from conformance.catalogue.order_statistics import JAX_METHODS, jax_quantile
from conformance.operation import case_of
from conformance.registry import BY_NAME
from conformance.registry.order_statistics import Interpolated

_VALUES = (0.0, -0.0, 1, 2, -3, 5.5, np.inf, -np.inf, np.nan, 1e30, -2e4)


def _arrays(seed: int):
    rng = np.random.default_rng(seed)
    for _ in range(12):
        shape = tuple(rng.integers(1, 4, rng.integers(0, 4)))
        dtype = rng.choice(["float32", "float16", "int8", "bool"])
        with np.errstate(all="ignore"):
            a = np.asarray(rng.choice(_VALUES, size=shape)).astype(dtype)
        yield a, [None, 0, -1, ()][rng.integers(4)]


@pytest.mark.parametrize("name", ["median", "nanmedian", "quantile", "nanquantile", "percentile",
                                  "nanpercentile"])
def test_the_model_is_what_jnp_returns(name):
    case = case_of(BY_NAME[name])
    for i, (a, axis) in enumerate(_arrays(len(name))):
        axis = axis if a.ndim else None
        options = {"axis": axis, "keepdims": bool(i % 2)}
        if "median" not in name:
            q = np.array([0.0, 0.25, 0.5, 1.0]) if i % 3 else 0.5
            options = {"q": q * 100 if "percentile" in name else q, "axis": axis,
                       "method": JAX_METHODS[i % len(JAX_METHODS)], "keepdims": bool(i % 2)}
        if options.get("method") == "inverted_cdf" and a.dtype == np.float16:
            continue  # ORDER-INVERTED-CDF-DTYPE-MISMATCH: jnp raises
        example = SimpleNamespace(args=(a, *options.values()), case=case, env=SimpleNamespace(x64=False))
        expected = np.asarray(getattr(jnp, name)(a, **options))
        model, _, _ = jax_quantile(example)
        assert model.dtype == expected.dtype and model.shape == expected.shape, (a, options)
        np.testing.assert_allclose(model.astype(np.float64), expected.astype(np.float64), rtol=1e-3,
                                   err_msg=str((a, options)))


def test_the_reference_bounds_an_interpolation_by_its_two_elements_not_the_slice():
    """Linear between 1 and 2 of a slice that also holds 1e30: a few float32 roundings of 2, not of 1e30
    (the largest magnitude of the slice would hide any planted method)."""
    reference = Interpolated(np.quantile, ("q", "axis", "method", "keepdims"))
    value = reference(np.array([1, 2, 1e30], np.float32), 0.25, None, "linear", False)
    assert float(value.array) == 1.5 and float(value.atol) == 8 * 2.0**-24 * 2
    assert not isinstance(reference(np.array([1, 2], np.float32), 0.5, None, "lower", False), type(value))

"""Order statistics: median, percentile, quantile and their NaN-ignoring forms. The result is one sorted
element (methods lower, higher, nearest, inverted_cdf) or two of them interpolated (linear, midpoint: a
couple of operations, each side in its own order), so the reference is NumPy's result with an absolute
error of a few units of roundoff of the slice's largest finite magnitude (`Interpolated`)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from conformance import shape_domains as sd
from conformance.cases.matmul import finite_magnitude, widened
from conformance.operation import Operation, call_text
from conformance.outcome import Value
from conformance.registry.common import KEEPDIMS, STATISTICS_AREA
from conformance.strategies import BFLOAT16, kind_of
from conformance.sums import UNIT_ROUNDOFF

# An interpolation a * (1 - t) + b * t (JAX) or a + (b - a) * t (NumPy), t and its index rounded: a few
# roundings of the slice's largest magnitude
_ROUNDINGS = 8


def slack(a: Any, axis: Any, keepdims: bool, result: np.ndarray) -> np.ndarray:
    """`_ROUNDINGS` units of roundoff of the result's dtype, of each slice's largest finite magnitude,
    shaped like the result (the quantiles' axis first)."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        magnitude = np.max(finite_magnitude(widened(a)), initial=0, axis=axis, keepdims=keepdims)
    magnitude = np.asarray(magnitude, dtype=np.float64)
    if magnitude.ndim > result.ndim:  # jnp's 0-d input with keepdims: (1,) where NumPy's is ()
        magnitude = magnitude.reshape(result.shape[-magnitude.ndim:] if result.ndim else ())
    return np.array(_ROUNDINGS * UNIT_ROUNDOFF[result.dtype.name] * np.broadcast_to(magnitude, result.shape))


@dataclass(frozen=True)
class Interpolated:
    """NumPy's order statistic (its errors, shape and dtype), with an absolute error of `_ROUNDINGS` units
    of roundoff of the largest finite magnitude of the slice for float results."""

    fn: Any
    keywords: tuple[str, ...]

    def __call__(self, a: Any, *values: Any) -> Any:
        options = dict(zip(self.keywords, values, strict=True))
        if np.asarray(a).dtype == BFLOAT16:
            # ml_dtypes' bfloat16 is no np.inexact: NumPy's nan* forms keep its NaNs or fail comparing
            # it; computed in float32 (exact), the result rounded to bfloat16
            result = np.asarray(self.fn(np.asarray(a).astype(np.float32), **options))
            result = result.astype(BFLOAT16) if kind_of(result.dtype) == "f" else result
        else:
            result = np.asarray(self.fn(a, **options))
        if kind_of(result.dtype) not in "fc" or result.size == 0:
            return result
        return Value(result, atol=slack(a, options.get("axis"), options.get("keepdims", False), result))


def _order(name: str, *tags: str, kinds: str = "biuf", **options) -> Operation:
    keywords = tuple(options)
    fn = getattr(np, name)
    return Operation(name=name, area=STATISTICS_AREA, ranks=(0, 3), kinds=kinds,
                     tags=frozenset({"reduction", "order-statistic", "subnormals-modelled-apart", name, *tags}), modes=("eager", "jit"),
                     options=options,
                     numpy_reference=Interpolated(fn, keywords),
                     numpy_source=call_text("np", Operation(name=name, area="", options=options)))


# JAX's methods, and some of NumPy's others (JAX refuses them)
_METHODS = ("linear", "lower", "higher", "midpoint", "nearest", "inverted_cdf", "hazen", "weibull")
# Quantiles exact in every float dtype (their index q * (n - 1) too), both ends, an array of them and one
# out of range now and then
_QUANTILES = (0.5, 0.0, 1.0, 0.25, np.array([0.0, 0.25, 1.0]), 1.5)
_PERCENTS = (50.0, 0.0, 100, 25.0, np.array([0.0, 25.0, 100.0]), -50.0)
# Complex inputs: NumPy's median takes them (the mean of the middle elements, sorted lexicographically),
# its quantiles refuse them
ORDER_STATISTICS: tuple[Operation, ...] = (
    *(_order(name, kinds="biufc", axis=sd.AXES, keepdims=KEEPDIMS) for name in ("median", "nanmedian")),
    *(_order(name, "nan-ignoring" if name.startswith("nan") else "quantile", q=_QUANTILES, axis=sd.AXES,
             method=_METHODS, keepdims=KEEPDIMS) for name in ("quantile", "nanquantile")),
    *(_order(name, "nan-ignoring" if name.startswith("nan") else "quantile", q=_PERCENTS, axis=sd.AXES,
             method=_METHODS, keepdims=KEEPDIMS) for name in ("percentile", "nanpercentile")),
)

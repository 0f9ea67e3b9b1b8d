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
from conformance.cases.matmul import finite_magnitude
from conformance.operation import Operation, call_text
from conformance.outcome import Value
from conformance.registry.common import KEEPDIMS, STATISTICS_AREA
from conformance.strategies import BFLOAT16, kind_of
from conformance.sums import UNIT_ROUNDOFF

# An interpolation a * (1 - t) + b * t (JAX) or a + (b - a) * t (NumPy): a few roundings of the two
# interpolated elements' magnitude, and the result's conversion to its dtype
_ROUNDINGS = 8
INTERPOLATING = ("linear", "midpoint")


def slack(low: Any, high: Any, result: np.ndarray) -> np.ndarray:
    """`_ROUNDINGS` units of roundoff of the result's dtype, of the larger finite magnitude of the two
    elements interpolated (`low`, `high`: arrays of the result's shape)."""
    magnitude = np.maximum(finite_magnitude(np.asarray(low, np.float64)),
                           finite_magnitude(np.asarray(high, np.float64)))
    return np.array(_ROUNDINGS * UNIT_ROUNDOFF[result.dtype.name] * np.broadcast_to(magnitude, result.shape))


def _numpy(fn: Any, a: Any, **options: Any) -> np.ndarray:
    if np.asarray(a).dtype == BFLOAT16:
        # ml_dtypes' bfloat16 is no np.inexact: NumPy's nan* forms keep its NaNs or fail comparing it;
        # computed in float32 (exact), the result rounded to bfloat16
        result = np.asarray(fn(np.asarray(a).astype(np.float32), **options))
        return result.astype(BFLOAT16) if kind_of(result.dtype) == "f" else result
    return np.asarray(fn(a, **options))


@dataclass(frozen=True)
class Interpolated:
    """NumPy's order statistic (its errors, shape and dtype); where it interpolates (linear, midpoint,
    median), within `slack` of the two elements interpolated (NumPy's lower and higher quantiles)."""

    fn: Any
    keywords: tuple[str, ...]

    def __call__(self, a: Any, *values: Any) -> Any:
        options = dict(zip(self.keywords, values, strict=True))
        result = _numpy(self.fn, a, **options)
        method = options.get("method", "midpoint")
        if kind_of(result.dtype) not in "fc" or result.size == 0 or method not in INTERPOLATING:
            return result
        fn, pair = self.fn, dict(options)
        if "q" not in options:  # median: the quantile 0.5
            fn, pair["q"] = (np.nanquantile if self.fn is np.nanmedian else np.quantile), 0.5
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                low, high = (_numpy(fn, a, **{**pair, "method": m}) for m in ("lower", "higher"))
            except (TypeError, IndexError):  # a complex median, an empty slice: no elements to bound by
                return result
        return Value(result, atol=slack(low, high, result))


def _order(name: str, *tags: str, kinds: str = "biuf", **options) -> Operation:
    keywords = tuple(options)
    fn = getattr(np, name)
    return Operation(name=name, area=STATISTICS_AREA, ranks=(0, 3), kinds=kinds,
                     tags=frozenset({"reduction", "order-statistic", "subnormals-modelled-apart", name,
                                     *tags}),
                     modes=("eager", "jit"),
                     options=options,
                     numpy_reference=Interpolated(fn, keywords),
                     numpy_source=call_text("np", Operation(name=name, area="", options=options)))


# JAX's six methods, and one of NumPy's others (JAX refuses them all: ORDER-METHOD-NOT-SUPPORTED)
_METHODS = ("linear", "lower", "higher", "midpoint", "nearest", "inverted_cdf", "hazen")
# Quantiles exact in every float dtype (their index q * (n - 1) too), mostly between two elements: the
# examples of one draw share their options, so each value should tell the methods apart. Both ends in
# the array, and one out of range now and then.
_QUANTILES = (0.5, 0.25, np.array([0.0, 0.25, 0.5, 1.0]), 1.5)
_PERCENTS = (50.0, 25, np.array([0.0, 25.0, 50.0, 100.0]), -50.0)
# Complex inputs: NumPy's median takes them (the mean of the middle elements, sorted lexicographically),
# its quantiles refuse them
ORDER_STATISTICS: tuple[Operation, ...] = (
    *(_order(name, kinds="biufc", axis=sd.AXES, keepdims=KEEPDIMS) for name in ("median", "nanmedian")),
    *(_order(name, "nan-ignoring" if name.startswith("nan") else "quantile", q=_QUANTILES, axis=sd.AXES,
             method=_METHODS, keepdims=KEEPDIMS) for name in ("quantile", "nanquantile")),
    *(_order(name, "nan-ignoring" if name.startswith("nan") else "quantile", q=_PERCENTS, axis=sd.AXES,
             method=_METHODS, keepdims=KEEPDIMS) for name in ("percentile", "nanpercentile")),
)

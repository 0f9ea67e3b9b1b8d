"""Argument strategies for `conformance.check_port`: simple descriptions of a port's inputs.

A port's arguments are described by Hypothesis strategies. These helpers build the common ones from a
shape and a dtype, on top of `conformance.strategies` (and so of `hypothesis.extra.numpy`), with the
suite's size budget. What they add for ports: finite values by default (a port's author usually wants to
know how the port differs on ordinary inputs first; `edges=True` asks for the suite's edge values), and
bounds on the values.
"""

from __future__ import annotations

from typing import Any

import hypothesis.extra.numpy as hnp
import numpy as np
from hypothesis import strategies as st

from conformance import strategies as cst
from conformance.strategies import BFLOAT16, BUDGET, ShapeBudget

__all__ = ["arrays", "dtypes", "shapes"]

dtypes = cst.dtypes  # a dtype of the given kinds that JAX holds in the current x64 mode


def shapes(*, min_dims: int = 0, max_dims: int = BUDGET.max_dims, min_side: int = 0,
           max_side: int = BUDGET.max_side, max_size: int = BUDGET.max_size
           ) -> st.SearchStrategy[tuple[int, ...]]:
    """A shape with `min_dims` to `max_dims` axes of `min_side` to `max_side` elements, and at most
    `max_size` elements in all (every distinct shape costs JAX a compile, so keep them few and small).

    >>> shapes(min_dims=1, max_dims=2).example()  # doctest: +SKIP
    (3, 1)

    Shrinks towards the shortest shape with the smallest sides: `()` for `min_dims=0`.
    """
    if not 0 <= min_dims <= max_dims:
        raise ValueError(f"need 0 <= min_dims <= max_dims, got min_dims={min_dims}, max_dims={max_dims}")
    if not 0 <= min_side <= max_side:
        raise ValueError(f"need 0 <= min_side <= max_side, got min_side={min_side}, max_side={max_side}")
    if min_dims and max_size < min_side ** min_dims:
        raise ValueError(f"max_size={max_size} is smaller than the smallest shape allowed "
                         f"({min_side} ** {min_dims} elements)")
    budget = ShapeBudget(max_dims=max_dims, max_side=max_side, max_size=max_size)
    return cst.array_shapes(min_dims=min_dims, budget=budget, min_side=min_side)


def _as_strategy(value: Any, what: str, convert) -> st.SearchStrategy:
    if isinstance(value, st.SearchStrategy):
        return value
    try:
        return st.just(convert(value))
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{what} must be a strategy or a valid {what}, got {value!r}: {exc}") from None


def _shape(value: Any) -> tuple[int, ...]:
    shape = (value,) if isinstance(value, int) else tuple(value)
    if not all(isinstance(side, int) and side >= 0 for side in shape):
        raise ValueError("sides must be non-negative ints")
    return shape


def _elements(dtype: np.dtype, *, min_value, max_value, allow_nan: bool, allow_infinity: bool,
              allow_subnormal: bool) -> st.SearchStrategy:
    if dtype == BFLOAT16:  # Hypothesis does not know bfloat16: float32 values, rounded to bfloat16
        return _elements(np.dtype(np.float32), min_value=min_value, max_value=max_value,
                         allow_nan=allow_nan, allow_infinity=allow_infinity,
                         allow_subnormal=allow_subnormal).map(lambda v: float(BFLOAT16.type(v)))
    bounds = {k: v for k, v in (("min_value", min_value), ("max_value", max_value)) if v is not None}
    if dtype.kind in "fc":
        infinity = allow_infinity and not bounds
        subnormal = {} if allow_subnormal else {"allow_subnormal": False}  # True fails on [1, 2]
        return hnp.from_dtype(dtype, allow_nan=allow_nan, allow_infinity=infinity, **subnormal,
                              **bounds)
    return hnp.from_dtype(dtype, **bounds)


@st.composite
def _arrays(draw, dtype, shape, elements_for) -> np.ndarray:
    dtype = np.dtype(draw(dtype))
    shape = draw(shape)
    if elements_for is None:  # the suite's arrays, which hit the dtype's edge values
        return draw(cst.arrays(dtype, shape))
    elements = elements_for(dtype)
    if dtype == BFLOAT16:
        return draw(hnp.arrays(np.float32, shape, elements=elements)).astype(BFLOAT16)
    return draw(hnp.arrays(dtype, shape, elements=elements))


def arrays(*, shape: Any, dtype: Any, min_value: Any = None, max_value: Any = None,
           allow_nan: bool = False, allow_infinity: bool = False, allow_subnormal: bool = True,
           edges: bool = False) -> st.SearchStrategy[np.ndarray]:
    """NumPy arrays of `shape` and `dtype`, for a port's arguments.

    `shape` is a tuple (or an int) or a strategy for one (`shapes(min_dims=1)`); `dtype` is anything
    `np.dtype` accepts (`"float32"`, `np.int16`, `"bfloat16"`) or a strategy for one
    (`dtypes(kinds="f")`). Values are finite unless `allow_nan` / `allow_infinity` say otherwise, and
    lie within `min_value`..`max_value` when given; subnormal floats are drawn unless `allow_subnormal`
    is False (JAX on CPU flushes them to zero: the catalogue's NUM-SUBNORMAL-FLUSH). `edges=True`
    draws the suite's edge values instead (±0, ±inf, NaN, the extremes of the dtype, subnormals) and
    takes no bounds.

    >>> arrays(shape=(3, 4), dtype="float32", min_value=-10, max_value=10).example().shape
    (3, 4)

    Shrinks towards arrays of zeros (False for bool), and towards the smallest shape and the first
    dtype when those are strategies.
    """
    if edges and (min_value is not None or max_value is not None or allow_nan or allow_infinity
                  or not allow_subnormal):
        raise ValueError("edges=True draws the dtype's edge values: it takes no bounds and no "
                         "allow_nan/allow_infinity/allow_subnormal")
    if min_value is not None and max_value is not None and min_value > max_value:
        raise ValueError(f"min_value={min_value!r} is greater than max_value={max_value!r}")
    dtype_strategy = _as_strategy(
        "bfloat16" if dtype == "bfloat16" else dtype, "dtype",
        lambda d: BFLOAT16 if d == "bfloat16" else np.dtype(d))
    shape_strategy = _as_strategy(shape, "shape", _shape)
    if edges:
        return _arrays(dtype_strategy, shape_strategy, None)
    return _arrays(dtype_strategy, shape_strategy, lambda d: _elements(
        d, min_value=min_value, max_value=max_value, allow_nan=allow_nan,
        allow_infinity=allow_infinity, allow_subnormal=allow_subnormal))

"""Convolution, correlation and the numerical calculus of sampled values: convolve, correlate (two 1-d
arrays, v of a length of its own), trapezoid and gradient; NumPy's result in long double with an error
bound (conformance/signal_bounds.py: a sum of products for convolve and correlate, a few operations per
element for trapezoid and gradient)."""

from __future__ import annotations

import numpy as np

from conformance import shape_domains as sd
from conformance.operation import Operation, ShapeDomain
from conformance.registry.common import FLAG, STATISTICS_AREA
from conformance.signal_bounds import BoundedConvolution, BoundedCovariance, BoundedGradient, BoundedTrapezoid

MODES = ("eager", "jit")
_SIGNALS = "subnormals-modelled-apart"  # catalogue/signals.py models their flushing


def _convolution(name: str) -> Operation:
    # 0-d arrays (NumPy reads them as 1-d) and empty ones (both refuse); rank 2: both refuse
    return Operation(name=name, area=STATISTICS_AREA, arrays=("a", "v"), ranks=(0, 1), modes=MODES,
                     tags=frozenset({"convolution", name, "second-own-length", _SIGNALS}),
                     options={"mode": ("full", "same", "valid")},
                     numpy_reference=BoundedConvolution(getattr(np, name)),
                     numpy_source=f"np.{name}(a, v, mode=mode)")


def _coordinates(shape: tuple[int, ...]) -> tuple:
    """trapezoid's x: None, or sample points of y's shape, increasing along every axis (float64: y is
    promoted to it, or with x64 off to float32, alike in both libraries)."""
    return (None, np.arange(int(np.prod(shape)), dtype=np.float64).reshape(shape) * 0.5)


COORDINATES = ShapeDomain("None or sample points of y's shape, increasing along every axis", _coordinates)

SIGNALS: tuple[Operation, ...] = (
    _convolution("convolve"),
    _convolution("correlate"),
    Operation(name="trapezoid", area=STATISTICS_AREA, arrays=("y",), ranks=(0, 2), modes=MODES,
              tags=frozenset({"trapezoid", _SIGNALS}),
              options={"x": COORDINATES, "dx": (1.0, 0.5, 3.0), "axis": sd.AXIS},
              numpy_reference=BoundedTrapezoid(), numpy_source="np.trapezoid(y, x=x, dx=dx, axis=axis)"),
    # spacing: none or one scalar (*varargs); edge_order: NumPy's default (not passed), 1 or 2
    Operation(name="gradient", area=STATISTICS_AREA, arrays=("f",), ranks=(0, 2), modes=MODES,
              tags=frozenset({"gradient", _SIGNALS}), varargs="spacing", optional=("edge_order",),
              options={"spacing": ((), (2.0,), (0.5,)), "axis": sd.AXIS_OR_NONE,
                       "edge_order": (None, None, 1, 2)},
              numpy_reference=BoundedGradient(),
              numpy_source="np.gradient(f, *spacing, axis=axis, "
                           "**({'edge_order': edge_order} if edge_order is not None else {}))"),
    # m 0-d to 2-d (variables by rows or, rowvar=False, by columns); ddof past the observations now and
    # then (y=, fweights and aweights left out)
    Operation(name="cov", area=STATISTICS_AREA, arrays=("m",), ranks=(0, 2), modes=MODES,
              tags=frozenset({"covariance", "cov", _SIGNALS}),
              options={"rowvar": FLAG, "bias": FLAG, "ddof": (None, 0, 1, 4)},
              numpy_reference=BoundedCovariance(np.cov, ("rowvar", "bias", "ddof")),
              numpy_source="np.cov(m, rowvar=rowvar, bias=bias, ddof=ddof)"),
    Operation(name="corrcoef", area=STATISTICS_AREA, arrays=("x",), ranks=(0, 2), modes=MODES,
              tags=frozenset({"covariance", "corrcoef", _SIGNALS}), options={"rowvar": FLAG},
              numpy_reference=BoundedCovariance(np.corrcoef, ("rowvar",)),
              numpy_source="np.corrcoef(x, rowvar=rowvar)"),
)

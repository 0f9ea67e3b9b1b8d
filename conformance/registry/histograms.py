"""Histograms and binning: histogram, histogram_bin_edges, bincount and digitize, their values drawn
near the bin edges (`registry_strategies.binned_elements`: a value on an edge, the last edge, values that
round differently in each float dtype) and compared exactly; what JAX computes otherwise is modelled in
`conformance/catalogue/histograms.py` (edges in the input's inexact dtype, float counts)."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from conformance.operation import Operation, ShapeDomain
from conformance.references import fit

HISTOGRAMS_AREA = "histograms"
MODES = ("eager", "jit")  # folded is left out: one compile per example, for the same kernels

# Bin edges as arrays (jnp refuses lists and tuples: they are traced under jit, as a user's would be),
# float32 so that x64 off reads them as they are. On 1.0 and 2.5 the drawn values fall exactly.
EDGES = np.array([0.0, 1.0, 2.5], np.float32)
DECREASING_EDGES = EDGES[::-1].copy()
REPEATED_EDGES = np.array([0.0, 1.0, 1.0, 2.5], np.float32)
RANGE = (0.0, 2.0)  # edges 0, 2/3, 4/3, 2 with bins=3: values at 2/3 fall by the edges' precision


def _weights(shape: tuple[int, ...]) -> np.ndarray:
    """Weights of the drawn shape: 0.5, 1.0, 1.5 repeating (float32: sums of them are exact)."""
    return (np.arange(math.prod(shape)) % 3 * 0.5 + 0.5).astype(np.float32).reshape(shape)


WEIGHTS = ShapeDomain("None or float32 weights of the input's shape (0.5, 1.0, 1.5 repeating)",
                      lambda shape: (None, _weights(shape)))


# histogramdd's options, for a sample of shape (N, D): weights one per sample, bins and ranges per dimension
PER_SAMPLE_WEIGHTS = ShapeDomain("None or float32 weights, one per sample (0.5, 1.0, 1.5 repeating)",
                                 lambda shape: (None, _weights(shape[:1])))
PER_DIMENSION_BINS = ShapeDomain("3, or the edges 0, 1, 2.5 for each dimension",
                                 lambda shape: (3, tuple(EDGES for _ in range(shape[1]))))
PER_DIMENSION_RANGE = ShapeDomain("None, or (0, 2) for each dimension",
                                  lambda shape: (None, (RANGE,) * shape[1]))


def fitted_bincount(x, minlength=0, length=None, weights=None):
    """np.bincount, fitted to JAX's `length=` as jnp.bincount documents ("items larger than length + 1
    will be dropped"; minlength is then unused): NumPy's result truncated or padded with zeros."""
    counts = np.bincount(x, weights=weights, minlength=minlength)
    return counts if length is None else fit(counts, length, 0)


def _row(name: str, *tags: str, kinds: str = "biuf", ranks=(0, 2), arrays=("a",), **options) -> Operation:
    # complex inputs pending (not triaged): NumPy bins complex values by their order (real part first)
    return Operation(name=name, area=HISTOGRAMS_AREA, arrays=arrays, kinds=kinds, ranks=ranks, modes=MODES,
                     pending_kinds="c" if "c" in kinds else "",
                     tags=frozenset({"binned-values", "subnormals-modelled-apart", *tags}), options=options)


HISTOGRAMS: tuple[Operation, ...] = (
    _row("histogram", "histogram", kinds="biufc", bins=(3, EDGES), range=(None, RANGE),
         density=(False, True), weights=WEIGHTS),
    _row("histogram_bin_edges", "bin-edges", kinds="biufc", bins=(3, EDGES), range=(None, RANGE)),
    # the same rule in two and D dimensions: x and y, or a sample of N points in D dimensions. Under jit
    # only: eagerly they run the same code (no concrete branch: bincount gets length=), op by op, each op
    # a compile of its own (the two rows' eager half cost more than their jit half)
    replace(_row("histogram2d", "histogram-dd", "two-coordinates", kinds="biufc", ranks=(1, 1),
                 arrays=("x", "y"), bins=(3, EDGES), range=(None, (RANGE, RANGE)), density=(False, True),
                 weights=WEIGHTS), modes=("jit",)),
    replace(_row("histogramdd", "histogram-dd", kinds="biufc", ranks=(2, 2), arrays=("sample",),
                 bins=PER_DIMENSION_BINS, range=PER_DIMENSION_RANGE, density=(False, True),
                 weights=PER_SAMPLE_WEIGHTS), modes=("jit",)),
    # x: counts 0..5, a negative value now and then (NumPy refuses it, JAX clips it to 0)
    Operation(name="bincount", area=HISTOGRAMS_AREA, arrays=("x",), kinds="biu", ranks=(1, 1), modes=MODES,
              tags=frozenset({"counted-values", "bincount"}),
              options={"minlength": (0, 4), "length": (None, 3), "weights": WEIGHTS},
              numpy_reference=fitted_bincount, imports=("from conformance.registry.histograms import "
                                                        "fitted_bincount",),
              numpy_source="fitted_bincount(x, minlength=minlength, length=length, weights=weights)"),
    # NumPy refuses complex x (TypeError: x may not be complex), which JAX digitizes: pending
    _row("digitize", "digitize", "binned-nan", "subnormals-modelled-apart", kinds="biuf", ranks=(0, 2),
         arrays=("x",),
         bins=(EDGES, DECREASING_EDGES, REPEATED_EDGES, np.zeros(0, np.float32)), right=(False, True)),
)

"""Sums, products, means and their cumulative forms: NumPy's result in long double with an error bound
that grows with the number of terms (conformance/sums.py); differences and ranges (one subtraction per
element, in both libraries) compared with the default tolerance."""

from __future__ import annotations

import numpy as np

from conformance import shape_domains as sd
from conformance import sums
from conformance.operation import Operation, call_text
from conformance.registry.common import COMPILED_AND_FOLDED, KEEPDIMS, STATISTICS_AREA
from conformance.sums import BoundedReduction


def _numpy_function(name: str):
    return sums.nan_ignoring(getattr(np, name)) if name.startswith("nan") else getattr(np, name)


def _bounded(name: str, counter, *tags: str, pending: str = "", ranks=(0, 3), **options) -> Operation:
    keywords = tuple(options)
    # warns-once: jnp jits these internally, so a truncated dtype= warns on the first trace only
    return Operation(name=name, area=STATISTICS_AREA, ranks=ranks,
                     tags=frozenset({"reduction", "warns-once", "subnormals-modelled-apart", name, *tags}),
                     modes=COMPILED_AND_FOLDED, options=options, pending_kinds=pending,
                     numpy_reference=BoundedReduction(_numpy_function(name), counter, keywords,
                                                      multiplicative="prod" in name,
                                                      divides=name in ("mean", "nanmean")),
                     numpy_source=call_text("np", Operation(name=name, area="", options=options)))


def _nan_exact(name: str, *tags: str, **options) -> Operation:
    """A NaN-ignoring extremum or index, compared exactly; NumPy's function ignores bfloat16's NaNs too."""
    keywords, fn = tuple(options), sums.nan_ignoring(getattr(np, name))
    return Operation(name=name, area=STATISTICS_AREA, ranks=(0, 3), kinds="biuf",
                     tags=frozenset({"reduction", name, *tags}), modes=COMPILED_AND_FOLDED, options=options,
                     numpy_reference=lambda a, *values: fn(a, **dict(zip(keywords, values, strict=True))),
                     numpy_source=call_text("np", Operation(name=name, area="", options=options)))


# dtype=: None, an integer accumulator narrower and wider than the default int, floats and a complex.
# mean: no integer accumulator, which kills the process on an empty slice (jnp.mean(np.zeros(0, int8),
# dtype="int8") divides 0 by 0 in integers: SIGFPE, tests/harness/test_statistics.py).
_ACCUMULATORS = (None, "int8", "uint32", "int64", "float16", "float32", "float64", "complex64")
_MEAN_ACCUMULATORS = (None, "float16", "float32", "float64", "complex64")
_PRODUCT_ACCUMULATORS = _ACCUMULATORS[:-1]  # a complex product: pending (below)
_NAN_ACCUMULATORS = (None, "int64", "float32", "complex64")
# Complex products pending (not modelled yet): which part of a product with an infinity is NaN depends
# on the order of the factors (C99 Annex G's rules are not XLA's), and ptp of complex values (max and
# min of complex values: the max/min rows' pending complex rule).
STATISTICS: tuple[Operation, ...] = (
    _bounded("sum", sums.count_reduced, "sums", axis=sd.AXES, dtype=_ACCUMULATORS, keepdims=KEEPDIMS,
             initial=(None, 3)),
    _bounded("prod", sums.count_reduced, "sums", pending="c", axis=sd.AXES, dtype=_PRODUCT_ACCUMULATORS,
             keepdims=KEEPDIMS, initial=(None, 3)),
    _bounded("mean", sums.count_reduced, "sums", axis=sd.AXES, dtype=_MEAN_ACCUMULATORS,
             keepdims=KEEPDIMS),
    _bounded("cumsum", sums.count_accumulated, "sums", "cumulative", axis=sd.AXIS_OR_NONE,
             dtype=_ACCUMULATORS),
    _bounded("cumprod", sums.count_accumulated, "sums", "cumulative", pending="c", axis=sd.AXIS_OR_NONE,
             dtype=_PRODUCT_ACCUMULATORS),
    _bounded("cumulative_sum", sums.count_accumulated, "sums", "cumulative", axis=sd.AXIS_OR_NONE,
             dtype=_ACCUMULATORS, include_initial=(False, True)),
    _bounded("cumulative_prod", sums.count_accumulated, "sums", "cumulative", pending="c",
             axis=sd.AXIS_OR_NONE, dtype=_PRODUCT_ACCUMULATORS, include_initial=(False, True)),
    # nan*: a NaN counts as the identity (nansum's magnitude leaves it out; k counts it, a looser bound).
    # Few dtype= values: the accumulators are sum's and prod's code (the rows above check them all).
    _bounded("nansum", sums.count_reduced, "sums", "nan", axis=sd.AXES, dtype=_NAN_ACCUMULATORS,
             keepdims=KEEPDIMS, initial=(None, 3)),
    _bounded("nanprod", sums.count_reduced, "sums", "nan", pending="c", axis=sd.AXES,
             dtype=_NAN_ACCUMULATORS[:-1], keepdims=KEEPDIMS, initial=(None, 3)),
    # complex nanmean pending (found, not modelled yet): where the sum is infinite, jnp divides each part by
    # the count (nanmean([-inf+0j, 1e-38+infj]) is -inf+infj), NumPy's complex division gives nan+nanj
    _bounded("nanmean", sums.count_reduced, "sums", "nan", pending="c", axis=sd.AXES,
             dtype=(None, "float32"), keepdims=KEEPDIMS),
    _bounded("nancumsum", sums.count_accumulated, "sums", "nan", "cumulative", axis=sd.AXIS_OR_NONE,
             dtype=_NAN_ACCUMULATORS),
    _bounded("nancumprod", sums.count_accumulated, "sums", "nan", "cumulative", pending="c",
             axis=sd.AXIS_OR_NONE, dtype=_NAN_ACCUMULATORS[:-1]),
    # NaN-ignoring extrema and their indices: exact, as max and argmax (REDUCTIONS); complex pending as
    # theirs. Subnormals: an entry of their own (catalogue/statistics.py) for nanmax and nanmin.
    *(_nan_exact(name, "selects", "nan-extremum", "subnormals-modelled-apart", axis=sd.AXES,
                 keepdims=KEEPDIMS) for name in ("nanmax", "nanmin")),
    *(_nan_exact(name, "returns-index", "arg-extremum", "nan-arg-extremum", axis=sd.AXIS_OR_NONE,
                 keepdims=KEEPDIMS) for name in ("nanargmax", "nanargmin")),
    # var and std: the two-pass algorithm's bound (conformance/sums.py, BoundedVariance); "sums" for the
    # flush entry (STAT-SUMS-FLUSH-SUBNORMALS), which passes its underflow to the reference
    # Complex pending (found by the slow control, not modelled yet): folded, std of a complex slice with
    # infinities can be inf where NumPy (and eager, jit) give NaN.
    *(Operation(name=name, area=STATISTICS_AREA, ranks=(0, 3), modes=COMPILED_AND_FOLDED, pending_kinds="c",
                tags=frozenset({"reduction", "sums", "variance", "subnormals-modelled-apart", name}),
                options={"axis": sd.AXES, "ddof": (0, 1), "keepdims": KEEPDIMS},
                numpy_reference=sums.BoundedVariance(getattr(np, name), ("axis", "ddof", "keepdims")),
                numpy_source=f"np.{name}(a, axis=axis, ddof=ddof, keepdims=keepdims)")
      for name in ("var", "std")),
    # nanvar and nanstd: the same bound over the non-NaN values of each slice (sums.count_present); NumPy's
    # nan* do not ignore bfloat16's NaNs (sums.nan_ignoring). An all-NaN slice, or n - ddof <= 0: NumPy
    # warns and gives NaN (inf), NumPy's own value compared. Complex pending as var's: folded,
    # nanvar([-inf+0j, 1e-38+infj]) is inf (eager, jit and NumPy: nan); eager and jit triage clean.
    *(Operation(name=name, area=STATISTICS_AREA, ranks=(0, 3), modes=COMPILED_AND_FOLDED, pending_kinds="c",
                tags=frozenset({"reduction", "sums", "nan", "variance", "subnormals-modelled-apart", name}),
                options={"axis": sd.AXES, "ddof": (0, 1), "keepdims": KEEPDIMS},
                numpy_reference=sums.BoundedVariance(sums.nan_ignoring(getattr(np, name)),
                                                     ("axis", "ddof", "keepdims"), sums.count_present),
                numpy_source=f"np.{name}(a, axis=axis, ddof=ddof, keepdims=keepdims)")
      for name in ("nanvar", "nanstd")),
    # trace: a sum of the diagonal (offset, axis1, axis2 as diagonal's), bounded by the diagonal's length
    _bounded("trace", sums.count_diagonal, "sums", ranks=(2, 3), offset=tuple(range(-2, 3)), axis1=sd.AXIS,
             axis2=sd.AXIS, dtype=(None, "int8", "int64", "float32", "complex64")),
    Operation(name="ptp", area=STATISTICS_AREA, kinds="iufc", pending_kinds="c",
              tags=frozenset({"reduction", "ptp"}), modes=COMPILED_AND_FOLDED,
              options={"axis": sd.AXES, "keepdims": KEEPDIMS}),
    Operation(name="diff", area=STATISTICS_AREA, ranks=(0, 3), tags=frozenset({"diff"}),
              modes=COMPILED_AND_FOLDED, options={"n": (1, 2), "axis": sd.AXIS}),
    Operation(name="ediff1d", area=STATISTICS_AREA, ranks=(0, 2), tags=frozenset({"diff"}),
              modes=COMPILED_AND_FOLDED),
)

# Creation: arrays made from a shape, a range or a drawn array, with the dtype drawn as an option

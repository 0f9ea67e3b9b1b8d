"""Functions of the namespace that the registry's rows cannot describe: they take a function
(apply_along_axis, apply_over_axes, fromfunction, piecewise, mask_indices), lists of conditions and
choices (select), one argument where the registry's `where` takes three, index expressions (mgrid,
ogrid), or weights beside the array (average). Each is written once against `xp`, as the other areas'
cases are; the functions passed in move bits or compare (a reversal, a first element, a flip, a
maximum of integers, i·3 + j), so that their values need no tolerance of their own.

average is compared with an error bound (`sums.bounded_average`, the weighted form; `BoundedReduction`
as for mean, the unweighted one), never a flat tolerance.
"""

from __future__ import annotations

import numpy as np

from conformance import sums
from conformance.case import Case
from conformance.registry.creation import scaled_tolerance

MODES = ("eager", "jit")


def _case(area: str, source: str, fn, arg_names: tuple[str, ...], *, kinds: str = "biufc",
          options: tuple[str, ...] = (), tags: tuple[str, ...] = (), modes: tuple[str, ...] = MODES,
          **extra) -> Case:
    return Case(name=source, area=area, fn=fn, source=source, arg_names=arg_names, dtype_kinds=kinds,
                modes=modes, options=options, tags=frozenset({"composite", *tags}), **extra)


# A function of each 1-d slice: its reversal (the slice's shape), its first element (the axis gone).
ALONG_AXIS: tuple[Case, ...] = (
    _case("manipulation", "xp.apply_along_axis(lambda v: v[::-1], axis, a)",
          lambda xp, a, axis: xp.apply_along_axis(lambda v: v[::-1], axis, a), ("a", "axis"),
          options=("axis",), tags=("moves-bits",)),
    _case("manipulation", "xp.apply_along_axis(lambda v: v[0], axis, a)",
          lambda xp, a, axis: xp.apply_along_axis(lambda v: v[0], axis, a), ("a", "axis"),
          options=("axis",), tags=("moves-bits",)),
)
# func(a, axis) over each axis of a tuple: a flip (every kind), a maximum that keeps the rank (integers:
# exact, and apply_over_axes puts the reduced axis back)
OVER_AXES: tuple[Case, ...] = (
    _case("manipulation", "xp.apply_over_axes(xp.flip, a, axes)",
          lambda xp, a, axes: xp.apply_over_axes(xp.flip, a, axes), ("a", "axes"), options=("axes",),
          tags=("moves-bits",)),
    _case("manipulation", "xp.apply_over_axes(xp.max, a, axes)",
          lambda xp, a, axes: xp.apply_over_axes(xp.max, a, axes), ("a", "axes"), kinds="iu",
          options=("axes",), tags=("moves-bits",)),
)
# Index arrays of the drawn dtype, combined exactly (i·3 + j: exact in every dtype for sides up to 4)
FROM_FUNCTION = _case("creation", "xp.fromfunction(lambda i, j: i * 3 + j, shape, dtype=dtype)",
                      lambda xp, shape, dtype: xp.fromfunction(lambda i, j: i * 3 + j, shape, dtype=dtype),
                      ("shape", "dtype"), kinds="iuf", options=("shape", "dtype"))
# The upper triangle's flat indices (the mask function is the namespace's own triu)
MASK_INDICES = _case("creation", "xp.mask_indices(n, xp.triu, k)",
                     lambda xp, n, k: xp.mask_indices(n, xp.triu, k), ("n", "k"), kinds="i",
                     options=("n", "k"), tags=("returns-index",))
# Conditions from comparisons (which read subnormals as zero: NUM-SUBNORMAL-FLUSH's selections), choices
# that move bits, a default of 0
SELECT = _case("reductions", "xp.select([a > 1, a < 0], [a, xp.flip(a)], 0)",
               lambda xp, a: xp.select([a > 1, a < 0], [a, xp.flip(a)], 0), ("a",), kinds="biuf",
               tags=("selection",))
PIECEWISE = _case("reductions", "xp.piecewise(a, [a < 0, a > 1], [2, lambda v: -v, 0])",
                  lambda xp, a: xp.piecewise(a, [a < 0, a > 1], [2, lambda v: -v, 0]), ("a",),
                  kinds="iuf", tags=("selection",))
# where with one argument is nonzero: its shape depends on the values (jit refuses it)
WHERE_NONZERO = _case("reductions", "xp.where(a)", lambda xp, a: xp.where(a), ("a",),
                      tags=("data-dependent-shape", "returns-index"))
# Index expressions: a range (an int or float step) or a number of points (an imaginary step), one and
# two dimensions; a number of points is a linspace (a few ulps of the bounds, as the creation rows')
_GRID = {"kinds": "if", "options": ("start", "stop", "step"), "tolerance": scaled_tolerance(4, 12)}
GRIDS: tuple[Case, ...] = (
    _case("creation", "xp.mgrid[start:stop:step]",
          lambda xp, start, stop, step: xp.mgrid[start:stop:step], ("start", "stop", "step"),
          **_GRID),
    _case("creation", "xp.mgrid[start:stop:step, 0:2]",
          lambda xp, start, stop, step: xp.mgrid[start:stop:step, 0:2], ("start", "stop", "step"),
          **_GRID),
    _case("creation", "xp.ogrid[start:stop:step, 0:2]",
          lambda xp, start, stop, step: xp.ogrid[start:stop:step, 0:2], ("start", "stop", "step"),
          **_GRID),
)
AVERAGE = _case("statistics", "xp.average(a, axis=axis, keepdims=keepdims)",
                lambda xp, a, axis, keepdims: xp.average(a, axis=axis, keepdims=keepdims),
                ("a", "axis", "keepdims"), options=("axis", "keepdims"), tags=("sums", "mean", "average"),
                numpy_reference=sums.BoundedReduction(np.average, sums.count_reduced, ("axis", "keepdims"),
                                                      divides=True),
                numpy_source="BoundedReduction(np.average, count_reduced, ('axis', 'keepdims'), "
                             "divides=True)(a, axis, keepdims)",
                imports=("from conformance.sums import BoundedReduction, count_reduced  # np.average, "
                         "bounded",))
WEIGHTED_AVERAGE = _case(
    "statistics", "xp.average(a, axis=axis, weights=w, returned=returned, keepdims=keepdims)",
    lambda xp, a, w, axis, returned, keepdims: xp.average(a, axis=axis, weights=w, returned=returned,
                                                          keepdims=keepdims),
    ("a", "w", "axis", "returned", "keepdims"), options=("axis", "returned", "keepdims"),
    tags=("sums", "weighted"),
    numpy_reference=lambda a, w, axis, returned, keepdims: sums.bounded_average(
        a, w, axis=axis, keepdims=keepdims, returned=returned),
    numpy_source="bounded_average(a, w, axis=axis, keepdims=keepdims, returned=returned)",
    imports=("from conformance.sums import bounded_average  # np.average with weights, bounded",))

CASES: tuple[Case, ...] = (*ALONG_AXIS, *OVER_AXES, FROM_FUNCTION, MASK_INDICES, SELECT, PIECEWISE,
                           WHERE_NONZERO, *GRIDS, AVERAGE, WEIGHTED_AVERAGE)

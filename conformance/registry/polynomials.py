"""Polynomials and windows: polyval, polyadd, polysub, polymul, polydiv, polyder, polyint, poly, roots
and polyfit (1-d coefficient vectors of 0 to 4 moderate values: `registry_strategies.moderate_elements`),
and the window functions bartlett, blackman, hamming, hanning and kaiser (M from -1 to 6). NumPy's result
in long double with an error bound that grows with the number of terms (conformance/poly_bounds.py);
roots compared as a multiset (their monic polynomial), polyfit by its fitted values; polydiv's quotient
and remainder each coefficient as returned (a bound run along the division).

Left out (work left): 0-d and 2-d inputs (poly of a matrix: its characteristic polynomial), polyfit's
full=, cov=, rcond= and complex data, polynomials of infinities and NaNs; interp's left and right
"extrapolate" (jnp only), complex x, unsorted xp. interp (1-d points, moderate values, xp sorted) and
unwrap (1-d and 2-d, moderate values) are here too.
"""

from __future__ import annotations

import numpy as np

from conformance import poly_bounds as pb
from conformance import shape_domains as sd
from conformance.operation import Operation, ShapeDomain

POLYNOMIALS_AREA = "polynomials"
MODES = ("eager", "jit")
# jnp jits polyval, polyadd, polysub, polyder, polyint, poly and polyfit itself (@jit): called eagerly,
# they run the program that jit runs, so their rows run under jit only (cost); roots (eager strips
# leading zeros, jit refuses), polymul (op by op eagerly) and the windows run both ways
JITTED = ("jit",)
_COEFFICIENTS = frozenset({"polynomial", "moderate-values", "subnormals-modelled-apart"})


def _row(name: str, reference, *tags: str, arrays=("p",), kinds="biufc", pending="", modes=MODES,
         **options) -> Operation:
    arguments = ", ".join([*arrays, *options])
    fn = getattr(reference, "fn", None)
    source = f"{type(reference).__name__}({f'np.{fn.__name__}' if fn else ''})"
    own = {"second-own-length"} if len(arrays) == 2 else set()
    return Operation(name=name, area=POLYNOMIALS_AREA, arrays=arrays, kinds=kinds, pending_kinds=pending,
                     ranks=(1, 1), modes=modes, options=options,
                     tags=_COEFFICIENTS | {name, *tags} | own,
                     numpy_reference=reference, numpy_source=f"{source}({arguments})",
                     imports=("from conformance.poly_bounds import *", "import numpy as np"))


def _weights(shape: tuple[int, ...]) -> tuple:
    """polyfit's w: none, or positive weights of y's length (float32: promoted with y alike)."""
    n = shape[0] if shape else 1
    return (None, np.linspace(0.5, 2.0, n).astype(np.float32))


WEIGHTS = ShapeDomain("None or positive weights of y's length", _weights)


def _window(name: str, **options) -> Operation:
    arguments = ", ".join(options)
    reference = pb.BoundedWindow(getattr(np, name))
    source = f"BoundedWindow(np.{name})"
    # the dtype drawn (float) is not an argument: the windows take none
    return Operation(name=name, area=POLYNOMIALS_AREA, arrays=(), kinds="f", ranks=(0, 0), modes=MODES,
                     tags=frozenset({"window", name}), options=options, numpy_reference=reference,
                     numpy_source=f"{source}({arguments})",
                     imports=("from conformance.poly_bounds import *", "import numpy as np"))


_M = (-1, 0, 1, 2, 3, 6)
POLYNOMIALS: tuple[Operation, ...] = (
    _row("polyval", pb.BoundedPolyval(), arrays=("p", "x"), modes=JITTED),
    # bool: polyadd raises in JAX (catalogue), polysub in both
    _row("polyadd", pb.BoundedCoefficients(np.polyadd), arrays=("a1", "a2"), modes=JITTED),
    _row("polysub", pb.BoundedCoefficients(np.polysub), arrays=("a1", "a2"), modes=JITTED),
    _row("polymul", pb.BoundedCoefficients(np.polymul), "inexact-result", arrays=("a1", "a2")),
    # polydiv: (q, r); jnp keeps the remainder's len(u) (catalogue), divides by a zero v0 (inf, NaN);
    # bool pending (found by the slow control, no model): under jit XLA turns products with a converted
    # bool into selects (x·convert(p) -> p ? x : 0), which differ from the products only where 1 / v[0]
    # is infinite (v[0] False), and which of them it turns depends on the program (NaN or 0); jit only
    # (cost: called eagerly, its loop of .at updates runs op by op, three times jit's ci time)
    _row("polydiv", pb.BoundedDivision(), "inexact-result", arrays=("u", "v"), pending="b", modes=JITTED),
    _row("polyder", pb.BoundedCalculus(np.polyder), "inexact-result", m=(0, 1, 2, 5, -1), modes=JITTED),
    _row("polyint", pb.BoundedCalculus(np.polyint), "inexact-result", m=(0, 1, 2, -1), k=(None, 3, -1.5),
         modes=JITTED),
    _row("poly", pb.BoundedPoly(), "inexact-result", arrays=("seq_of_zeros",), pending="c",
         modes=JITTED),
    # roots: jnp's strip_zeros needs concrete values (jit raises: catalogue); compared by their monic
    # polynomial (pb.monic), whose bound reads NumPy's float64 roots
    Operation(name="roots", area=POLYNOMIALS_AREA, arrays=("p",), ranks=(1, 1), modes=MODES,
              tags=_COEFFICIENTS | {"roots", "inexact-result", "lapack", "unplanted"}, canonical=pb.monic,
              numpy_reference=pb.BoundedRoots(), numpy_source="BoundedRoots()(p)",
              imports=("from conformance.poly_bounds import *",)),
    # polyfit: x are distinct points (`sample_points`), y moderate values; deg past the points too
    # (an underdetermined fit: its fitted values are y); compared by the fitted values (pb.fitted_values)
    Operation(name="polyfit", area=POLYNOMIALS_AREA, arrays=("x", "y"), kinds="biufc", pending_kinds="c",
              ranks=(1, 1), modes=JITTED, options={"deg": (0, 1, 2, 3), "w": WEIGHTS},
              tags=_COEFFICIENTS | {"polyfit", "inexact-result", "lapack", "sample-points-first"},
              canonical=pb.fitted_values, numpy_reference=pb.BoundedFit(),
              numpy_source="BoundedFit()(x, y, deg, w)", imports=("from conformance.poly_bounds import *",)),
    # interp: x of rank 0 to 2 (moderate values, the planted ones, a NaN), xp and fp of a length of their
    # own (0 to 4), xp sorted (repeated points too: fp jumps there), x and xp real (complex: fp only);
    # left and right, and a period (0: NumPy refuses it); jnp.interp jits itself: jit only
    Operation(name="interp", area=POLYNOMIALS_AREA, arrays=("x", "xp", "fp"), ranks=(0, 2), modes=JITTED,
              options={"left": (None, -2.5), "right": (None, 3.0), "period": (None, 1.5, 0.0)},
              tags=frozenset({"polynomial", "interp", "interp-points", "moderate-values", "binned-nan",
                              "inexact-result", "subnormals-modelled-apart"}),
              numpy_reference=pb.BoundedInterp(),
              numpy_source="BoundedInterp()(x, xp, fp, left, right, period)",
              imports=("from conformance.poly_bounds import *",)),
    # unwrap: moderate values (steps far from the period's half, where a rounding would flip the
    # correction); period 2π (NumPy's default, passed: a Python float), 1.0 (ties at 0.5, exact) or an
    # integer; discont below and above the half period; jit only (a 2-d row of three options: cost)
    # unsigned pending (found by the slow control, not modelled yet): with an integer period NumPy raises
    # OverflowError (-period // 2 as the dtype), jnp under jit does not always; unplanted (work left): a
    # planted subnormal moves a step off a tie at the period's half, and XLA's flush of float16's
    # smallest subnormal puts it back: the correction then differs by a whole period
    Operation(name="unwrap", area=POLYNOMIALS_AREA, arrays=("p",), kinds="biuf", pending_kinds="u",
              ranks=(1, 2), modes=("jit",),
              tags=frozenset({"unwrap", "moderate-values", "unplanted", "subnormals-modelled-apart"}),
              options={"discont": (None, 0.25, 4.0), "axis": sd.AXIS, "period": (2 * np.pi, 1.0, 4)},
              numpy_reference=pb.BoundedUnwrap(),
              numpy_source="BoundedUnwrap()(p, discont, axis, period)",
              imports=("from conformance.poly_bounds import *",)),
    *(_window(name, M=_M) for name in ("bartlett", "blackman", "hamming", "hanning")),
    _window("kaiser", M=_M, beta=(0.0, 2.5, 8.0)),
)

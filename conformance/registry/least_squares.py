"""Least squares and the pseudo-inverse of jax.numpy.linalg: lstsq and pinv. Their arguments are drawn
by conformance/least_squares_strategies.py (rectangular and square matrices, well- and ill-conditioned,
rank-deficient and non-finite; tests/conformance/test_least_squares.py), their results compared with the
exact minimum-norm answers within the bounds of conformance/least_squares_bounds.py.

A module of its own, beside registry/solvers.py rather than in it: its matrices are rectangular and its
bounds are the SVD's (not the LU's of the solvers), so its strategies and bounds are other modules too.
Modes: jit only, as the solvers (jnp jits both itself: eager runs the same compiled kernel).
"""

from __future__ import annotations

from conformance import least_squares_bounds as bounds
from conformance.operation import Operation
from conformance.registry.common import LINALG_AREA

JIT = ("jit",)
# an explicit cutoff that drops the "ill" singular value (about 2^-8 or less of σ_1) and keeps the well
# ones (above 1/10 of it)
CUTOFF = 0.05

LEAST_SQUARES: tuple[Operation, ...] = (
    Operation(name="linalg.lstsq", area=LINALG_AREA, arrays=("a", "b"), ranks=(2, 3), modes=JIT,
              tags=frozenset({"linalg", "least-squares", "lstsq"}), options={"rcond": (None, None, CUTOFF)},
              numpy_reference=bounds.BoundedLstsq(), numpy_source="BoundedLstsq()(a, b, rcond)",
              imports=("from conformance.least_squares_bounds import BoundedLstsq",)),
    # rtol None: not passed (NumPy's default 1e-15, JAX's 10·max(M, N)·eps); hermitian: the strategy
    # checks both on square matrices
    Operation(name="linalg.pinv", area=LINALG_AREA, ranks=(2, 3), modes=JIT,
              tags=frozenset({"linalg", "least-squares", "pinv"}),
              options={"rtol": (None, None, CUTOFF), "hermitian": (False, True)}, optional=("rtol",),
              numpy_reference=bounds.BoundedPinv(), numpy_source="BoundedPinv()(a, rtol, hermitian)",
              imports=("from conformance.least_squares_bounds import BoundedPinv",)),
)

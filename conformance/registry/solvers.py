"""The solvers and inverses of jax.numpy.linalg: solve, inv, det, slogdet, matrix_power, tensorsolve,
tensorinv, matrix_rank, cond. Their arguments are drawn by conformance/solver_strategies.py (square
matrices of order 0 to 4, at most one batch dimension, well- and ill-conditioned, singular and
non-finite ones;
tests/conformance/test_solvers.py), their results compared within the bounds of
conformance/solver_bounds.py (solve and inv by their residual, det within a perturbation bound).
"""

from __future__ import annotations

from conformance import solver_bounds as bounds
from conformance.operation import Operation
from conformance.registry.common import LINALG_AREA

JIT = ("jit",)


def _row(name: str, tags: tuple[str, ...], **fields) -> Operation:
    return Operation(name=f"linalg.{name}", area=LINALG_AREA, tags=frozenset({"linalg", *tags}),
                     **{"ranks": (2, 3), **fields})


SOLVERS: tuple[Operation, ...] = (
    _row("solve", ("solves",), arrays=("a", "b"), modes=JIT, canonical=bounds.solve_canonical),
    _row("inv", ("inverts",), modes=JIT, canonical=bounds.inv_canonical),
    _row("det", ("determinant",), modes=JIT, numpy_reference=bounds.BoundedDet(),
         numpy_source="BoundedDet()(a)", imports=("from conformance.solver_bounds import BoundedDet",)),
    _row("slogdet", ("determinant", "slogdet"), modes=JIT, numpy_reference=bounds.BoundedSlogdet(),
         numpy_source="BoundedSlogdet()(a)",
         imports=("from conformance.solver_bounds import BoundedSlogdet",)),
    # n: negative powers (an inverse), 0 (the identity, of integers too) and positive ones
    _row("matrix_power", ("matrix-power", "well-or-singular"), modes=JIT, options={"n": (-2, -1, 0, 1, 3)},
         numpy_reference=bounds.BoundedPower(), numpy_source="BoundedPower()(a, n)",
         imports=("from conformance.solver_bounds import BoundedPower",)),
    _row("tensorsolve", ("solves", "tensor"), arrays=("a", "b"), modes=JIT, ranks=(3, 4),
         canonical=bounds.tensorsolve_canonical),
    _row("tensorinv", ("inverts", "tensor"), modes=JIT, ranks=(3, 4), options={"ind": (1, 2)},
         canonical=bounds.tensorinv_canonical),
    # tol (absolute) and rtol (relative to σ_max): both given, both refuse
    _row("matrix_rank", ("rank",), modes=JIT, options={"tol": (None, None, 0.5), "rtol": (None, None, 0.01)},
         numpy_reference=bounds.BoundedRank(), numpy_source="BoundedRank()(a, tol, rtol)",
         imports=("from conformance.solver_bounds import BoundedRank",)),
    _row("cond", ("condition-number", "well-or-singular"), modes=JIT,
         options={"p": (None, 2, -2, "fro", 1, -1, float("inf"), float("-inf"))},
         numpy_reference=bounds.BoundedCond(), numpy_source="BoundedCond()(x, p)",
         imports=("from conformance.solver_bounds import BoundedCond",), arrays=("x",)),
)

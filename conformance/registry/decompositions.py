"""Matrix decompositions of jax.numpy.linalg: svd, svdvals, qr, cholesky, eig, eigvals, eigh, eigvalsh.

Their results are not unique (signs, phases, the order of equal eigenvalues): both sides' results are
compared in the canonical forms of conformance/decomposition_bounds.py (reconstructions, Gram matrices,
triangles, sorted singular values and eigenvalues, characteristic polynomials), each within its bound.
The matrices are conformance/matrices.py's (structured, at most 4 by 4, at most one batch dimension).

Modes: jit only. jnp jits each of these functions itself (`@api.jit` on svd, qr, cholesky, eigh,
eigvalsh, eigvals), and eig and svdvals call one lax primitive (eig, svd) that eager dispatch compiles
alone: eager runs the same compiled kernel, so a second mode would double the compiles and check nothing
new. Never vmap (a canonical form is not compared under vmap) nor folded (XLA does not fold these custom
calls).
"""

from __future__ import annotations

from conformance import decomposition_bounds as bounds
from conformance.operation import Operation
from conformance.registry.common import LINALG_AREA

MODES = ("jit",)
_COMPARED = ("# a decomposition is not unique: both results are compared in the canonical form of "
             "conformance/decomposition_bounds.py",)


def _row(name: str, canonical, tags: tuple[str, ...] = (), **options) -> Operation:
    return Operation(name=f"linalg.{name}", area=LINALG_AREA, ranks=(0, 3), modes=MODES,
                     tags=frozenset({"matrices", "decomposition", name, *tags}), options=options,
                     canonical=canonical, imports=_COMPARED)


DECOMPOSITIONS: tuple[Operation, ...] = (
    _row("svd", bounds.svd_canonical, full_matrices=(True, False), compute_uv=(True, False)),
    _row("svdvals", bounds.singular_values_canonical),
    _row("qr", bounds.qr_canonical, mode=("reduced", "complete", "r", "raw")),
    _row("cholesky", bounds.cholesky_canonical, ("square-matrix", "hermitian-input"), upper=(False, True)),
    _row("eig", bounds.eig_canonical, ("square-matrix",)),
    _row("eigvals", bounds.eigvals_canonical, ("square-matrix",)),
    _row("eigh", bounds.eigh_canonical, ("square-matrix", "hermitian-input"), UPLO=("L", "U")),
    _row("eigvalsh", bounds.eigvalsh_canonical, ("square-matrix", "hermitian-input"), UPLO=("L", "U")),
)

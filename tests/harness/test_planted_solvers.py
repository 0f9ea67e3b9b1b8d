"""Bugs planted in the solvers and inverses (registry.SOLVERS) are caught by their generic test
(`test_solvers.test_solver_row`) with the budget the committed `ci` runs give it, and each entry of
`conformance/catalogue/solvers.py` explains its own example on jax.numpy and vanishes where a namespace
does what NumPy does (or, for the singular entry, a namespace past its model is a new divergence)."""

from dataclasses import replace

import jax.numpy as jnp
import numpy as np
import pytest

from conformance import environment
from conformance.catalogue import vanished_entry
from conformance.check import NewDivergence, VanishedDivergence, check
from conformance.example import Example
from conformance.operation import case_of
from conformance.recorder import Recorder, recording
from conformance.registry import BY_NAME
from conformance.runner import run_numpy
from tests.conformance import test_solvers as suite
from tests.harness import broken_solvers as broken
from tests.harness.planted import CI, fails_with, passes
from tests.harness.releases import skip_where_the_example_agrees

CI_SOLVERS = CI  # planted_settings keeps the test's own (smaller) budget: what the committed runs draw

PLANTED = [
    # (row, namespace, the kind of the new divergence)
    ("linalg.solve", broken.SOLVE_IGNORES_B_BATCH, ("values", "shape")),
    ("linalg.inv", broken.INV_TRANSPOSED, "values"),
    ("linalg.det", broken.DET_WRONG_SIGN, "values"),
    ("linalg.matrix_power", broken.POWER_NEGATIVE_NOT_INVERTED, ("values", "error-parity")),
]

F32 = np.float32
SINGULAR = np.array([[1.0, 2.0], [0.0, 0.0]], F32)
NAN_COLUMN = np.diag([np.nan, -9.0, -9.0, -9.0]).astype(np.complex64).reshape(4, 2, 2)  # (float32: no error)

# a NaN first in a column of nonzeros: NumPy's complex LAPACK divides by it, JAX's does not
COMPLEX_NAN = np.array([[np.nan, 2 - 2j, 2j, -1j], [-2j, -11 - 2j, -2, -2 - 2j],
                        [1 + 1j, 1 + 2j, -11 + 2j, 1 + 1j], [-1 - 1j, -1, 1, -10]],
                       np.complex64).reshape(4, 2, 2)

# (entry, row, a namespace that does what NumPy does, the entry's example); checked eagerly
VANISHING = [
    ("LINALG-SINGULAR-NAN-INF", "linalg.solve", broken.SOLVE_AS_NUMPY, (SINGULAR, np.ones(2, F32))),
    ("LINALG-NONFINITE-SINGULAR-NAN-INF", "linalg.tensorsolve", broken.TENSORSOLVE_AS_NUMPY,
     (NAN_COLUMN, np.zeros(4, np.complex64))),
    ("LINALG-HALF-PRECISION-NOT-IMPLEMENTED", "linalg.solve", broken.SOLVE_AS_NUMPY,
     (np.eye(2, dtype=np.float16), np.ones(2, np.float16))),
    ("LINALG-DET-HALF-PRECISION-CLOSED-FORM", "linalg.det", broken.DET_AS_NUMPY,
     (np.array([[3.0, 1.0], [1.0, 2.0]], np.float16),)),
    ("LINALG-MATRIX-POWER-NOT-SQUARE-TYPEERROR", "linalg.matrix_power", broken.POWER_AS_NUMPY,
     (np.ones((1, 2), F32), 2)),
    ("LINALG-COND-ZERO-MATRIX-NAN", "linalg.cond", broken.COND_AS_NUMPY, (np.zeros((2, 2), F32), None)),
    ("LINALG-COMPLEX-NAN-PIVOT-NOT-DIVIDED", "linalg.tensorsolve", broken.TENSORSOLVE_AS_NUMPY,
     (COMPLEX_NAN, np.zeros(4, np.complex64))),
    ("LINALG-MATRIX-RANK-NONFINITE-ZERO", "linalg.matrix_rank", broken.RANK_AS_NUMPY,
     (np.array([[np.nan]], F32), None, None)),
]


@pytest.mark.parametrize(("name", "namespace", "kind"), PLANTED, ids=[p[1].planted for p in PLANTED])
def test_a_planted_solvers_bug_is_caught(name, namespace, kind):
    fails_with(kind, suite.test_solver_row, budget=CI_SOLVERS, row=BY_NAME[name], xp=namespace)


def assert_explained(verdicts, entry):
    chains = (entry, f"DTYPE-X64-OFF-32BIT+{entry}")
    assert all(v.status == "known" and str(v).removeprefix("known:") in chains for v in verdicts), \
        [str(v) for v in verdicts]


@pytest.mark.parametrize(("entry", "name", "namespace", "args"), VANISHING, ids=[e[0] for e in VANISHING])
def test_an_entry_explains_its_example_and_vanishes_where_jax_does_what_numpy_does(entry, name, namespace,
                                                                                    args):
    skip_where_the_example_agrees(entry)
    case = case_of(BY_NAME[name])
    with recording(Recorder()):
        assert_explained(check(case, *args, xp=jnp, modes=("eager",)), entry)
        with pytest.raises(VanishedDivergence, match=entry):
            check(case, *args, xp=namespace, modes=("eager",))


def test_the_singular_entry_asserts_non_finite_values():
    """A solve of a singular matrix that returns zeros where JAX documents NaN or inf is a new divergence."""
    case = case_of(BY_NAME["linalg.solve"])
    with recording(Recorder()), pytest.raises(NewDivergence):
        check(case, SINGULAR, np.ones(2, F32), xp=broken.SOLVE_FINITE_WHERE_SINGULAR)


def test_the_cond_of_integers_entry_vanishes_where_jax_gives_numpys_result():
    """cond of int8 with p = inf: float32 in JAX; a float64 result (NumPy's own, x64 on) vanishes it."""
    case = case_of(BY_NAME["linalg.cond"])
    args = (np.array([[3, 1], [1, 2]], np.int8), float("inf"))
    with recording(Recorder()):
        verdicts = check(case, *args, xp=jnp)
    assert all(v.status == "known" for v in verdicts), [str(v) for v in verdicts]
    numpy = run_numpy(case, args)
    like_numpy = Example(case, args, "jit", replace(environment.current(), x64=True), numpy, numpy)
    assert vanished_entry(like_numpy)[0].id == "LINALG-COND-INTEGERS-INEXACT"


def test_the_empty_rank_entry_explains_its_example_and_vanishes_where_jax_gives_numpys_result():
    """matrix_rank of a 0 x 0 matrix: JAX raises; NumPy's 0 (int64: as JAX gives it with x64 on) vanishes
    the entry."""
    case = case_of(BY_NAME["linalg.matrix_rank"])
    args = (np.zeros((0, 0), F32), None, None)
    with recording(Recorder()):
        assert [str(v) for v in check(case, *args, xp=jnp)] == ["known:LINALG-MATRIX-RANK-EMPTY-VALUEERROR"]
    numpy = run_numpy(case, args)
    like_numpy = Example(case, args, "jit", replace(environment.current(), x64=True), numpy, numpy)
    assert vanished_entry(like_numpy)[0].id == "LINALG-MATRIX-RANK-EMPTY-VALUEERROR"


@pytest.mark.slow  # the controls: the same searches on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize("name", sorted({p[0] for p in PLANTED}))
def test_the_real_namespace_passes_the_same_searches(name):
    passes(suite.test_solver_row, row=BY_NAME[name], xp=jnp)

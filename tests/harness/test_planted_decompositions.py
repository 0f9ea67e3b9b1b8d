"""Bugs planted in the decompositions (registry.DECOMPOSITIONS) are caught by the registry's generic test
(`test_registry.test_axes_row`) with the ci budget, and each entry of
`conformance/catalogue/decompositions.py` explains its own example on jax.numpy and vanishes where a
namespace does what NumPy does (or, for an entry that asserts NaN, a namespace past it is a new
divergence)."""

import jax.numpy as jnp
import numpy as np
import pytest

from conformance.check import NewDivergence, VanishedDivergence, check
from conformance.operation import case_of
from conformance.recorder import Recorder, recording
from conformance.registry import BY_NAME
from tests.conformance import test_registry as suite
from tests.harness import broken_decompositions as broken
from tests.harness.planted import fails_with, passes
from tests.harness.releases import skip_where_the_example_agrees
from tests.harness.test_planted_signals import assert_explained
from tests.harness.test_planted_unary import CI_ROWS

PLANTED = [
    # (row, namespace, the kind of the new divergence)
    ("linalg.svd", broken.SVD_U_NOT_ORTHOGONAL, "values"),
    ("linalg.eigh", broken.EIGH_READS_UPPER, "values"),
    ("linalg.qr", broken.QR_R_NOT_TRIANGULAR, "values"),
]

F32 = np.float32
_NOT_HERMITIAN = np.array([[2.0, 1.0], [0.0, 3.0]], F32)

# (entry, row, a namespace that does what NumPy does, the entry's example)
VANISHING = [
    ("LINALG-FEWER-THAN-2D-TYPEERROR", "linalg.svd", broken.SVD_REFUSES_VECTORS,
     (np.ones(3, F32), True, True)),
    ("LINALG-SYMMETRIZED-NOT-SQUARE-TYPEERROR", "linalg.eigh", broken.EIGH_CHECKS_SQUARE,
     (np.ones((2, 3), F32), "L")),
    ("LINALG-HALF-PRECISION-REFUSED", "linalg.svdvals", broken.SVDVALS_REFUSES_FLOAT16,
     (np.eye(2, dtype=np.float16),)),
    ("LINALG-EIG-ALWAYS-COMPLEX", "linalg.eigvals", broken.EIGVALS_REAL,
     (np.array([[2.0, 1.0], [1.0, 2.0]], F32),)),
    ("LINALG-SYMMETRIZED-INPUT", "linalg.eigvalsh", broken.EIGVALSH_ONE_TRIANGLE, (_NOT_HERMITIAN, "L")),
]

# (entry, row, a namespace past the entry's model, the entry's example)
BOUNDED = [
    ("LINALG-NAN-NOT-LINALGERROR", "linalg.cholesky", broken.CHOLESKY_ZEROS_FOR_NAN,
     (np.array([[1.0, 2.0], [2.0, 1.0]], F32), False)),
]


@pytest.mark.parametrize(("name", "namespace", "kind"), PLANTED, ids=[p[1].planted for p in PLANTED])
def test_a_planted_decomposition_bug_is_caught(name, namespace, kind):
    fails_with(kind, suite.test_axes_row, budget=CI_ROWS, row=BY_NAME[name], xp=namespace)


@pytest.mark.parametrize(("entry", "name", "namespace", "args"), VANISHING, ids=[e[0] for e in VANISHING])
def test_an_entry_explains_its_example_and_vanishes_where_jax_does_what_numpy_does(entry, name, namespace,
                                                                                    args):
    skip_where_the_example_agrees(entry)
    case = case_of(BY_NAME[name])
    with recording(Recorder()):
        assert_explained(check(case, *args, xp=jnp), entry)
        with pytest.raises(VanishedDivergence, match=entry):
            check(case, *args, xp=namespace)


@pytest.mark.parametrize(("entry", "name", "namespace", "args"), BOUNDED, ids=[e[0] for e in BOUNDED])
def test_an_entry_explains_its_example_and_nothing_past_its_model(entry, name, namespace, args):
    case = case_of(BY_NAME[name])
    with recording(Recorder()):
        assert {str(v) for v in check(case, *args, xp=jnp)} == {f"known:{entry}"}
        with pytest.raises(NewDivergence):
            check(case, *args, xp=namespace)


@pytest.mark.slow  # the controls: the same searches on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize("name", sorted({p[0] for p in PLANTED}))
def test_the_real_namespace_passes_the_same_searches(name):
    passes(suite.test_axes_row, row=BY_NAME[name], xp=jnp)

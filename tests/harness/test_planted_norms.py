"""Bugs planted in the norms, products and views of jax.numpy.linalg (registry/norms.py) are caught by the
registry's generic test (`test_registry.test_axes_row`) with the budget the committed `ci` runs give it,
and each entry of `conformance/catalogue/norms.py` explains its own example on jax.numpy and vanishes
where JAX does what NumPy does (a namespace that does, or, where NumPy's result is float64, JAX's
outcome replaced by NumPy's own with x64 on), or, for an entry that asserts a bound, a namespace past it
is a new divergence."""


import jax.numpy as jnp
import ml_dtypes
import numpy as np
import pytest

from conformance import environment
from conformance.catalogue import BY_ID, vanished_entry
from conformance.check import NewDivergence, VanishedDivergence, check
from conformance.example import Example
from conformance.operation import case_of
from conformance.recorder import Recorder, recording
from conformance.registry import BY_NAME
from conformance.runner import run_numpy
from tests.conformance import test_registry as suite
from tests.harness import broken_norms as broken
from tests.harness.planted import fails_with, passes, x64_mode
from tests.harness.releases import skip_where_the_example_agrees
from tests.harness.test_planted_unary import CI_ROWS

PLANTED = [
    # (row, namespace, the kind of the new divergence)
    ("linalg.vector_norm", broken.VECTOR_NORM_IGNORES_ORD, ("values", "error-parity")),
    ("linalg.norm", broken.NORM_DROPS_KEEPDIMS, ("shape", "error-parity")),  # repeated axes: no entry fits
    ("cross", broken.CROSS_WRONG_SIGN, ("values", "error-parity")),
    ("linalg.multi_dot", broken.MULTI_DOT_REVERSED, ("values", "error-parity")),
    ("linalg.matrix_norm", broken.MATRIX_NORM_OFF, "values"),  # the bounds (SVD included) are tight enough
]

F32 = np.float32



def assert_explained(verdicts, entry):
    """Every mode's verdict is known and names `entry`, alone or after the dtype rule that explains
    NumPy's float64 with x64 off."""
    chains = (entry, f"DTYPE-X64-OFF-32BIT+{entry}")
    assert all(v.status == "known" and str(v).removeprefix("known:") in chains for v in verdicts), \
        [str(v) for v in verdicts]


# (entry, row, a namespace that does what NumPy does, the entry's example)
VANISHING = [
    ("NORM-KRON-BOOL-REFUSED", "kron", broken.KRON_OF_BOOL, (np.array([True]), np.array([False, True]))),
    ("NORM-TENSORDOT-AXES-BEYOND-RANKS-TYPEERROR", "linalg.tensordot", broken.TENSORDOT_INDEXERROR,
     (np.zeros((0, 1), np.int32), np.zeros((0, 1), np.int32), 3)),
    ("NORM-VECDOT-AXIS-OUT-OF-RANGE-INDEXERROR", "linalg.vecdot", broken.VECDOT_AXISERROR,
     (np.ones((2, 3), F32), np.ones((2, 3), F32), 2)),
    ("NORM-REPEATED-AXIS-PAIR", "linalg.norm", broken.NORM_REFUSES_REPEATED_AXES,
     (np.ones((3, 3), F32), 1, (0, 0), True)),
    ("NORM-SVD-HALF-PRECISION-NOT-IMPLEMENTED", "linalg.matrix_norm", broken.MATRIX_NORM_REFUSES_HALF,
     (np.ones((2, 2), np.float16), False, 2)),
    ("NORM-CROSS-BATCHES-MISMATCH-TYPEERROR", "cross", broken.CROSS_REFUSES_TO_BROADCAST,
     (np.ones((3, 2, 3), F32), np.ones((3, 2, 3), F32), -3, 1, -3, None)),
    ("NORM-CROSS-BOOL-BEFORE-AXISC", "cross", broken.CROSS_CHECKING_AXISC_FIRST,
     (np.zeros((3, 0), bool), np.zeros((3, 0), bool), 0, 0, -3, None)),
]

# (entry, row, the entry's example): JAX raises where NumPy returns float64 (no jnp-made function does
# that, with x64 off), the entry vanishes where JAX returns NumPy's result
RAISING = [
    ("NORM-MULTI-DOT-INTEGER-PAIR-TYPEERROR", "linalg.multi_dot",
     ([np.ones((2, 2), np.int32), np.ones((2, 2), np.int32), np.ones((2, 2), ml_dtypes.bfloat16)],)),
]

# (entry, row, the entry's example): NumPy's result is float64 (or NumPy raises, which a jnp-made function
# cannot do on a value under jit), so with x64 on JAX's outcome is replaced by NumPy's own
LIKE_NUMPY = RAISING + [
    ("NORM-VECTOR-NORM-INTEGER-ARITHMETIC", "linalg.vector_norm",
     (np.array([100, -128, 3], np.int8), None, False, 3)),
    ("NORM-INTEGERS-TO-FLOAT32", "linalg.norm", (np.array([1, 2, 3], np.int8), np.inf, None, False)),
    # jnp's bfloat16 terms and root: 6.125, where NumPy's float64 norm rounds to 6.09375
    ("NORM-BFLOAT16-COMPUTED-IN-BFLOAT16", "linalg.vector_norm",
     (np.array([2.53125, 2.78125, 2.015625, 2.328125], ml_dtypes.bfloat16), None, False, 1.5)),
    ("NORM-MULTI-DOT-JAX-PROMOTION", "linalg.multi_dot",
     ([np.array([[1 + 1j]], np.complex64), np.array([[3]], np.int32), np.array([[2 - 1j]], np.complex64)],)),
    ("NORM-EMPTY-NUMPY-CANNOT-RESHAPE", "linalg.matrix_norm", (np.zeros((0, 3), F32), True, 2)),
    ("NORM-EMPTY-NUMPY-CANNOT-RESHAPE", "linalg.matrix_norm", (np.zeros((0, 3, 0), np.uint8), False, "nuc")),
    ("NORM-EMPTY-NUMPY-CANNOT-RESHAPE", "linalg.matrix_norm", (np.zeros((0, 0, 0), np.uint8), False, "fro")),
    ("NORM-SVD-NAN-WHERE-NUMPY-RAISES", "linalg.matrix_norm",
     (np.array([[[np.nan, 1.0], [2.0, 3.0]], [[1.0, 0.0], [0.0, 2.0]]], F32), False, 2)),
]

# (entry, row, a namespace past the entry's model, the entry's example)
BOUNDED = [
    ("NORM-FLUSH-SUBNORMALS", "linalg.vector_norm", broken.VECTOR_NORM_OFF_BY_TINY,
     (np.array([2.0**-140, 2.0**-140], F32), None, False, 1)),
    # the slow control's example: NumPy's order gives -inf, jnp's NaN
    ("NORM-MULTI-DOT-NONFINITE-ORDER", "linalg.multi_dot", broken.MULTI_DOT_FINITE_WHERE_NOT,
     ([np.array([[-0.0, -6.164301989963366e16], [-np.inf, -4.47545212969943e16]], ml_dtypes.bfloat16),
       np.array([[1, 232], [254, 254]], np.uint8),
       np.array([[1.8984375, 6.952431924753203e16], [-0.0, 0.0]], ml_dtypes.bfloat16)],)),
]


@pytest.mark.parametrize(("name", "namespace", "kind"), PLANTED, ids=[p[1].planted for p in PLANTED])
def test_a_planted_norms_bug_is_caught(name, namespace, kind):
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


@pytest.mark.parametrize(("entry", "name", "args"), LIKE_NUMPY, ids=[e[0] for e in LIKE_NUMPY])
def test_an_entry_explains_its_example_and_vanishes_where_jax_gives_numpys_result(entry, name, args):
    case = case_of(BY_NAME[name])
    with x64_mode(True), recording(Recorder()):  # with x64 off DTYPE-X64-OFF-32BIT may explain it alone
        assert_explained(check(case, *args, xp=jnp), entry)
        numpy = run_numpy(case, args)
        like_numpy = Example(case, args, "eager", environment.current(), numpy, numpy)
    # the entry alone (an earlier generic dtype entry, DTYPE-INT-TO-INEXACT, vanishes with it)
    assert vanished_entry(like_numpy, [BY_ID[entry]])[0].id == entry


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

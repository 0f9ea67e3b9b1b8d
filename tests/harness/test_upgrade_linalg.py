"""The linalg and polynomial entries that hold for one JAX or NumPy version only (jax 0.12, numpy 2.5), or
whose model reads the version: each explains its example where it holds and, where it does not, the same
example agrees (no entry), so that these tests pass on Python 3.11 (jax 0.10.2, numpy 2.4.6) and 3.12
(jax 0.12.0.1, numpy 2.5.5) alike."""

import jax.numpy as jnp
import numpy as np
import pytest

from conformance import environment
from conformance.catalogue import BY_ID, vanished_entry
from conformance.check import NewDivergence, check
from conformance.example import Example
from conformance.operation import case_of
from conformance.recorder import Recorder, recording
from conformance.registry import BY_NAME
from conformance.runner import run_numpy
from tests.harness.broken_decompositions import _planted
from tests.harness.releases import JAX_012, NUMPY_25
from tests.harness.test_planted_signals import assert_explained

F32 = np.float32
# the lead's numpy 2.5 run's examples: a stack with a matrix holding an infinity; a complex -inf
_PINV_STACK = np.array([-7.0, 2.0, -2.0, 2.0, 0.0, -11.0, -2.0, -1.0, -8.0, 0.0, 2.0, 2.0, 2.0, -10.0, np.inf,
                        -1.0], F32).reshape((2, 2, 4))
_QR_COMPLEX = np.array([1.75 - 1.75j, -0.5 - 0.25j, -2.0 + 0.5j, 0.5 + 1.75j, -0.25 + 1.75j,
                        complex(-np.inf, 0.0)], np.complex64).reshape((2, 1, 3))

# (entry, row, mode, the entry's example, whether it holds here)
VERSIONED = [
    ("NORM-LINALG-CROSS-AXIS-OUT-OF-RANGE-INDEXERROR", "linalg.cross", "jit",
     (np.ones((2, 3), F32), np.ones((2, 3), F32), 2), NUMPY_25),
    ("POLY-POLYVAL-OF-BOOLS-TYPEERROR", "polyval", "jit",
     (np.array([False, True, False]), np.array([False, True])), JAX_012),
    # jax 0.12's shape check comes first: a non-square float16 matrix raises NumPy's error kind
    # numpy 2.5 refuses an infinity in gesdd too (LinAlgError); JAX returns its LAPACK's result
    ("LINALG-NAN-NOT-LINALGERROR", "linalg.svd", "jit", (np.array([[np.inf, -1.25]], F32), False, True),
     NUMPY_25),
    ("LINALG-PINV-NONFINITE-NAN", "linalg.pinv", "jit", (_PINV_STACK, None, False), NUMPY_25),
    ("LINALG-QR-NONFINITE-LAPACK", "linalg.qr", "jit", (_QR_COMPLEX, "reduced"), NUMPY_25),
    ("LINALG-HALF-PRECISION-REFUSED", "linalg.eigh", "jit", (np.ones((1, 1, 2), np.float16), "L"),
     not JAX_012),
    ("LINALG-HALF-PRECISION-REFUSED", "linalg.cholesky", "jit", (np.ones((1, 2), np.float16), False),
     not JAX_012),
]


@pytest.mark.parametrize(("entry", "name", "mode", "args", "holds"), VERSIONED,
                         ids=[f"{e[0]}-{e[1]}" for e in VERSIONED])
def test_a_versioned_entry_explains_its_example_where_it_holds(entry, name, mode, args, holds):
    case = case_of(BY_NAME[name])
    with recording(Recorder()):
        verdicts = check(case, *args, xp=jnp, modes=(mode,))
    if holds:
        assert any(entry in str(v) for v in verdicts), [str(v) for v in verdicts]
        numpy = run_numpy(case, args)  # JAX doing what NumPy does: the entry vanishes
        like_numpy = Example(case, args, mode, environment.current(), numpy, numpy)
        assert vanished_entry(like_numpy, [BY_ID[entry]])[0].id == entry
    else:
        assert not any(entry in str(v) for v in verdicts), [str(v) for v in verdicts]


# (entry, row, mode, the entry's example): np.finfo's message for an integer dtype changed in numpy 2.5;
# jnp raises it (the models read NumPy's version)
FINFO = [
    ("NORM-VECTOR-NORM-INTEGER-ARITHMETIC", "linalg.vector_norm", "jit",
     (np.array([1, 2], np.uint8), None, False, 0)),
    ("POLY-POLYFIT-REFUSES-INTEGER-X", "polyfit", "jit",
     (np.array([False, True]), np.array([False, True]), 0, np.array([0.5, 1.0], F32))),
]


@pytest.mark.parametrize(("entry", "name", "mode", "args"), FINFO, ids=[e[0] for e in FINFO])
def test_a_finfo_refusal_is_explained_with_either_numpys_message(entry, name, mode, args):
    case = case_of(BY_NAME[name])
    with recording(Recorder()):
        assert_explained(check(case, *args, xp=jnp, modes=(mode,)), entry)


def _nan_where_nonfinite(a, part, rows):
    """`part` (a result of the stack `a`) NaN for each matrix of `a` holding NaN or an infinity."""
    bad = ~jnp.isfinite(a).all(axis=(-2, -1))
    return jnp.where(bad.reshape(bad.shape + (1,) * rows), jnp.nan, part)


def _svd_all_nan(a, full_matrices=True, compute_uv=True):
    result = jnp.linalg.svd(a, full_matrices=full_matrices, compute_uv=compute_uv)
    if not compute_uv:
        return _nan_where_nonfinite(a, result, 1)
    u, s, vh = result
    return _nan_where_nonfinite(a, u, 2), _nan_where_nonfinite(a, s, 1), _nan_where_nonfinite(a, vh, 2)


def _pinv_all_nan(a, rtol=None, hermitian=False):
    kwargs = {} if rtol is None else {"rtol": rtol}
    return _nan_where_nonfinite(a, jnp.linalg.pinv(a, hermitian=hermitian, **kwargs), 2)


# (entry, row, a namespace past the entry's model: all NaN for a matrix holding an infinity, the models
# before numpy 2.5, the entry's example)
PAST = [
    ("LINALG-NAN-NOT-LINALGERROR", "linalg.svd", _planted("svd all NaN for an infinity", svd=_svd_all_nan),
     (np.array([[np.inf, -1.25]], F32), False, True)),
    ("LINALG-PINV-NONFINITE-NAN", "linalg.pinv", _planted("pinv all NaN for an infinity", pinv=_pinv_all_nan),
     (_PINV_STACK, None, False)),
]


@pytest.mark.skipif(not NUMPY_25, reason="numpy < 2.5 returns LAPACK's result for an infinity, as JAX does")
@pytest.mark.parametrize(("entry", "name", "namespace", "args"), PAST, ids=[e[0] for e in PAST])
def test_an_infinity_entry_explains_its_example_and_nothing_past_its_model(entry, name, namespace, args):
    case = case_of(BY_NAME[name])
    with recording(Recorder()):
        assert_explained(check(case, *args, xp=jnp), entry)
        with pytest.raises(NewDivergence):
            check(case, *args, xp=namespace)


def test_matrix_rank_of_an_empty_matrix_with_rtol_agrees():
    """LINALG-MATRIX-RANK-EMPTY-VALUEERROR is for tol and rtol not given: with rtol jnp returns 0, as NumPy
    (the x64-on run on 3.12 drew it; jax 0.10.2 does the same)."""
    case = case_of(BY_NAME["linalg.matrix_rank"])
    with recording(Recorder()):
        verdicts = [str(v) for v in check(case, np.zeros((2, 0, 0), np.uint8), None, 0.01, xp=jnp)]
    assert verdicts in (["agree"], ["known:DTYPE-X64-OFF-32BIT"]), verdicts  # int32 with x64 off

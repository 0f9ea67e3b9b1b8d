"""Bugs planted in lstsq and pinv (registry.LEAST_SQUARES) are caught by their generic test
(`test_least_squares.test_least_squares_row`) with the budget the committed `ci` runs give it, and each
entry of `conformance/catalogue/least_squares.py` explains its own example on jax.numpy and vanishes where
a namespace does what NumPy does (for the non-finite entry, a namespace past its model is new)."""

import jax.numpy as jnp
import numpy as np
import pytest

from conformance.check import NewDivergence, VanishedDivergence, check
from conformance.operation import case_of
from conformance.recorder import Recorder, recording
from conformance.registry import BY_NAME
from tests.conformance import test_least_squares as suite
from tests.harness import broken_least_squares as broken
from tests.harness.planted import CI, fails_with, passes, x64_mode
from tests.harness.releases import skip_where_the_example_agrees
from tests.harness.test_planted_solvers import assert_explained

PLANTED = [
    # (row, namespace, the kind of the new divergence: where a dtype entry's chain no longer explains
    # an integer example, the first difference, its dtype, is the one reported)
    ("linalg.lstsq", broken.LSTSQ_NOT_MINIMUM_NORM, ("values", "dtype")),
    ("linalg.lstsq", broken.LSTSQ_S_ASCENDING, ("values", "dtype")),
    ("linalg.lstsq", broken.LSTSQ_IGNORES_RCOND, ("values", "dtype")),
    ("linalg.pinv", broken.PINV_TRANSPOSED, ("values", "shape")),
    ("linalg.pinv", broken.PINV_KEEPS_NOISE, "values"),
]

F32 = np.float32
WIDE = np.array([[1, 2, 0], [0, 1, 1]], F32)  # m < n: NumPy's residuals empty
TALL = np.array([[3, 1], [1, 2], [0, 1]], F32)
NAN = np.array([[np.nan, 1], [1, 2], [0, 1]], F32)

# (entry, row, a namespace that does what NumPy does, the entry's example, x64); checked eagerly
VANISHING = [
    ("LINALG-LSTSQ-RESIDUALS-EVERYWHERE", "linalg.lstsq", broken.LSTSQ_AS_NUMPY,
     (WIDE, np.ones(2, F32), None), False),
    ("LINALG-LSTSQ-RANK-INT64", "linalg.lstsq", broken.LSTSQ_AS_NUMPY, (TALL, np.ones(3, F32), None), True),
    ("LINALG-LSTSQ-STACK-TYPEERROR", "linalg.lstsq", broken.LSTSQ_AS_NUMPY,
     (np.stack([TALL, TALL]), np.ones((2, 3), F32), None), False),
    ("LINALG-LSTSQ-NONFINITE-NAN", "linalg.lstsq", broken.LSTSQ_AS_NUMPY, (NAN, np.ones(3, F32), None),
     False),
    ("LINALG-PINV-NONFINITE-NAN", "linalg.pinv", broken.PINV_AS_NUMPY, (np.stack([NAN, TALL]), None, False),
     False),
    ("LINALG-LEAST-SQUARES-INTEGERS-INEXACT", "linalg.pinv", broken.PINV_AS_NUMPY,
     (TALL.astype(np.int8), 0.05, False), True),
    ("LINALG-HALF-PRECISION-NOT-IMPLEMENTED", "linalg.pinv", broken.PINV_AS_NUMPY,
     (TALL.astype(np.float16), None, False), False),
]


@pytest.mark.parametrize(("name", "namespace", "kind"), PLANTED, ids=[p[1].planted for p in PLANTED])
def test_a_planted_least_squares_bug_is_caught(name, namespace, kind):
    fails_with(kind, suite.test_least_squares_row, budget=CI, row=BY_NAME[name], xp=namespace)


@pytest.mark.parametrize(("entry", "name", "namespace", "args", "x64"), VANISHING,
                         ids=[e[0] for e in VANISHING])
def test_an_entry_explains_its_example_and_vanishes_where_jax_does_what_numpy_does(entry, name, namespace,
                                                                                    args, x64):
    skip_where_the_example_agrees(entry)
    case = case_of(BY_NAME[name])
    with x64_mode(x64), recording(Recorder()):
        assert_explained(check(case, *args, xp=jnp, modes=("eager",)), entry)
        with pytest.raises(VanishedDivergence, match=entry):
            check(case, *args, xp=namespace, modes=("eager",))


def test_the_nonfinite_entry_asserts_nan():
    """An lstsq that returns zeros where JAX returns NaN (a matrix holding NaN) is a new divergence."""
    case = case_of(BY_NAME["linalg.lstsq"])
    with recording(Recorder()), pytest.raises(NewDivergence):
        check(case, NAN, np.ones(3, F32), None, xp=broken.LSTSQ_FINITE_WHERE_NONFINITE)


@pytest.mark.slow  # the controls: the same searches on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize("name", sorted({p[0] for p in PLANTED}))
def test_the_real_namespace_passes_the_same_searches(name):
    passes(suite.test_least_squares_row, row=BY_NAME[name], xp=jnp)

"""Bugs planted in the polynomial and window rows (registry/polynomials.py) are caught by the registry's
generic test (`test_registry.test_axes_row`) with the budget the committed `ci` runs give it; each entry
of `conformance/catalogue/polynomials.py` explains its own example on jax.numpy and vanishes where JAX
does what NumPy does (a namespace that does, or JAX's outcome replaced by NumPy's, with x64 on where
x64 off would leave the 32-bit dtype rule); the flush entry asserts a bound that a namespace past it
breaks."""

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
from tests.conformance import test_registry as suite
from tests.harness import broken_poly as broken
from tests.harness.planted import fails_with, passes
from tests.harness.releases import skip_where_the_example_agrees
from tests.harness.test_planted_signals import assert_explained
from tests.harness.test_planted_unary import CI_ROWS

PLANTED = [
    # (row, namespace, the kind of the new or vanished divergence)
    ("polyfit", broken.POLYFIT_REVERSED, "values"),
    ("polyval", broken.POLYVAL_REVERSED, "values"),
    ("hanning", broken.HANNING_OFF_BY_ONE, ("values", "shape")),
    ("roots", broken.ROOTS_MISSING_ONE, "shape"),
    ("polymul", broken.POLYMUL_OFF, "values"),  # the bounds are tight enough
    ("polyder", broken.POLYDER_IGNORES_M, ("values", "shape", "error-parity")),
    ("polyint", broken.POLYINT_IGNORES_K, "values"),
    ("kaiser", broken.KAISER_IGNORES_BETA, "values"),
    ("unwrap", broken.UNWRAP_IGNORES_PERIOD, ("values", "dtype", "error-parity")),
    # past an entry's model: POLY-LAPACK-HALF-PRECISION-NOT-IMPLEMENTED, POLY-POLYFIT-REFUSES-INTEGER-X
    ("roots", broken.ROOTS_OF_HALF_IN_FLOAT32, ("error-parity", "error-kind", "dtype", "values")),
    ("polyfit", broken.POLYFIT_OF_INTEGERS, ("error-parity", "error-kind", "dtype", "values")),
]


@pytest.mark.parametrize(("name", "namespace", "kind"), PLANTED, ids=[p[1].planted for p in PLANTED])
def test_a_planted_polynomial_bug_is_caught(name, namespace, kind):
    fails_with(kind, suite.test_axes_row, budget=CI_ROWS, row=BY_NAME[name], xp=namespace)


F32 = np.float32
# (entry, row, a namespace that does what NumPy does, the entry's example)
VANISHING = [
    ("POLY-ADD-EMPTY-OPERAND-RAISES", "polyadd", broken.POLYADD_AS_NUMPY,
     (np.array([1.0, 2.0], F32), np.array([], F32))),
    ("POLY-ADD-REFUSES-BOOL", "polyadd", broken.POLYADD_AS_NUMPY,
     (np.array([True, False]), np.array([True]))),
    ("POLY-POLYFIT-WEIGHTED-FLOAT16-FITS", "polyfit", broken.POLYFIT_REFUSES_FLOAT16,
     (np.array([-1.0, 0.0, 1.0], np.float16), np.array([1.0, -0.5, 2.0], np.float16), 1,
      np.array([0.5, 1.25, 2.0], F32))),
]


@pytest.mark.parametrize(("entry", "name", "namespace", "args"), VANISHING, ids=[e[0] for e in VANISHING])
def test_an_entry_explains_its_example_and_vanishes_where_jax_does_what_numpy_does(entry, name, namespace,
                                                                                    args):
    case = case_of(BY_NAME[name])
    with recording(Recorder()):
        assert_explained(check(case, *args, xp=jnp), entry)
        with pytest.raises(VanishedDivergence, match=entry):
            check(case, *args, xp=namespace, modes=("eager",))


# (entry, row, mode, the entry's example): JAX's outcome replaced by NumPy's, with x64 on
LIKE_NUMPY = [
    ("POLY-INEXACT-RESULT-DTYPE", "polymul", "eager",
     (np.array([100, 3], np.int8), np.array([2, 1], np.int8))),
    ("POLY-INEXACT-RESULT-DTYPE", "roots", "eager", (np.array([1.0, -3.0, 2.0], F32),)),
    ("POLY-MUL-KEEPS-LEADING-ZEROS", "polymul", "eager",
     (np.array([0.0, 1.0], F32), np.array([1.0, 1.0], F32))),
    ("POLY-ROOTS-JIT-NEEDS-CONCRETE-COEFFICIENTS", "roots", "jit",
     (np.array([1.0, -3.0, 2.0], np.complex64),)),
    ("POLY-LAPACK-HALF-PRECISION-NOT-IMPLEMENTED", "roots", "eager",
     (np.array([1.0, -3.0, 2.0], np.float16),)),
    ("POLY-POLYFIT-ZERO-COLUMN-NAN", "polyfit", "jit", (np.array([0.0], F32), np.array([1.0], F32), 1, None)),
    ("POLY-POLYFIT-REFUSES-INTEGER-X", "polyfit", "eager",
     (np.array([0, 1, 2], np.int8), np.array([1, 0, 2], np.int8), 1, None)),
    ("POLY-WINDOW-NEGATIVE-M-RAISES", "hanning", "eager", (-1,)),
    ("POLY-UNWRAP-AXIS-OUT-OF-RANGE-INDEXERROR", "unwrap", "jit", (np.array([0.0, 4.0], F32), None, 1, 1.0)),
    ("POLY-UNWRAP-EMPTY-AXIS-RETURNED", "unwrap", "jit", (np.zeros((0, 2), np.uint16), None, 0, 4)),
]


@pytest.mark.parametrize(("entry", "name", "mode", "args"), LIKE_NUMPY,
                         ids=[f"{e[0]}-{e[1]}" for e in LIKE_NUMPY])
def test_an_entry_explains_its_example_and_vanishes_where_jax_gives_numpys_result(entry, name, mode, args):
    skip_where_the_example_agrees(entry)
    case = case_of(BY_NAME[name])
    with recording(Recorder()):
        assert_explained(check(case, *args, xp=jnp, modes=(mode,)), entry)
    numpy = run_numpy(case, args)
    like_numpy = Example(case, args, mode, replace(environment.current(), x64=True), numpy, numpy)
    assert vanished_entry(like_numpy)[0].id == entry


def test_the_flush_entry_explains_its_example_and_nothing_past_its_model():
    case = case_of(BY_NAME["polyval"])
    args = (np.array([2.0**-140, 0.0], F32), np.array([1.0, 2.0], F32))  # a subnormal result
    with recording(Recorder()):
        assert {str(v) for v in check(case, *args, xp=jnp)} == {"known:POLY-FLUSH-SUBNORMALS"}
        with pytest.raises(NewDivergence):
            check(case, *args, xp=broken.POLYVAL_OFF_BY_TINY)


@pytest.mark.slow  # the control for the searched plants: the real namespace passes the same search
@pytest.mark.parametrize("name", sorted({p[0] for p in PLANTED}))
def test_the_real_namespace_passes_a_longer_search(name):
    passes(suite.test_axes_row, row=BY_NAME[name], xp=jnp)


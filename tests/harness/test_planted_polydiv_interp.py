"""Bugs planted in the polydiv and interp rows (registry/polynomials.py) are caught by the registry's
generic test (`test_registry.test_axes_row`) with the budget the committed `ci` runs give it; each of
their entries in `conformance/catalogue/polynomials.py` explains its own example on jax.numpy and
vanishes (or the example is new) where JAX does what NumPy does."""

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
from tests.harness import broken_polydiv_interp as broken
from tests.harness.planted import fails_with, passes
from tests.harness.releases import NUMPY_25
from tests.harness.test_planted_unary import CI_ROWS

PLANTED = [
    # (row, namespace, the kind of the new or vanished divergence)
    ("polydiv", broken.POLYDIV_KEEPS_LEADING_TERM, "values"),
    ("polydiv", broken.POLYDIV_QUOTIENT_OFF, "values"),  # the bound is tight enough
    # (or the error of an empty xp, which left and right given change; numpy 2.5 returns an empty x's
    # empty result where the bug's IndexError is then an error-parity difference)
    ("interp", broken.INTERP_IGNORES_LEFT_RIGHT, ("values", "error-kind", "error-parity")),
    ("interp", broken.INTERP_EXTRAPOLATES, ("values", "error-parity")),  # empty xp, empty x: no gather
    ("interp", broken.INTERP_RETURNS_FP, "values"),
    ("interp", broken.INTERP_OFF, "values"),
]


@pytest.mark.parametrize(("name", "namespace", "kind"), PLANTED, ids=[p[1].planted for p in PLANTED])
def test_a_planted_bug_is_caught(name, namespace, kind):
    fails_with(kind, suite.test_axes_row, budget=CI_ROWS, row=BY_NAME[name], xp=namespace)


F32 = np.float32
# (entry, row, a namespace that does what NumPy does, the mode, the entry's example)
VANISHING = [
    ("POLY-DIV-KEEPS-REMAINDER-LENGTH", "polydiv", broken.POLYDIV_TRIMMED, "eager",
     (np.array([5.0, 7.0, 9.0], F32), np.array([4.0, 1.0], F32))),
    # eager: under jit XLA folds v + 0 into v
    ("POLY-DIV-KEEPS-SIGNED-ZEROS", "polydiv", broken.POLYDIV_BY_PLUS_ZERO, "eager",
     (np.array([1.0, 2.0], F32), np.array([-0.0, 1.0], F32))),
    ("POLY-DIV-KEEPS-SIGNED-ZEROS", "polydiv", broken.POLYDIV_BY_PLUS_ZERO, "eager",
     (np.array([-0.0], F32), np.array([1.0, 2.0], F32))),
    ("POLY-DIV-EMPTY-DIVIDEND", "polydiv", broken.POLYDIV_REFUSES_EMPTY, "eager",
     (np.array([], F32), np.array([1.0, 2.0], F32))),
    ("POLY-INTERP-REPEATED-LAST-POINT", "interp", broken.INTERP_LAST_POINT_AS_NUMPY, "jit",
     (np.array([1.0, 0.5, np.nan], F32), np.array([0.0, 1.0, 1.0], F32), np.array([1.0, 2.0, 3.0], F32),
      None, None, None)),
    ("POLY-INTERP-EMPTY-XP-RAISES", "interp", broken.INTERP_REFUSES, "jit",
     (np.array([1.0, 0.5], F32), np.array([], F32), np.array([], F32), None, None, 1.5)),
    pytest.param("POLY-INTERP-EMPTY-XP-RAISES", "interp", broken.INTERP_REFUSES, "jit",  # returns
                 (np.zeros((1, 0), F32), np.array([], F32), np.array([], F32), -2.5, 3.0, 1.5),
                 marks=pytest.mark.skipif(NUMPY_25, reason="numpy 2.5 returns the empty result of an empty "
                                                           "x too (the dtype: DTYPE-X64-OFF-32BIT's)")),
    ("POLY-INTERP-ZERO-PERIOD-NAN", "interp", broken.INTERP_REFUSES, "jit",
     (np.array([1.0, 0.5], F32), np.array([0.0, 1.0], F32), np.array([1.0, 2.0], F32), None, None, 0.0)),
]


@pytest.mark.parametrize(("entry", "name", "namespace", "mode", "args"), VANISHING,
                         ids=[f"{getattr(e, 'values', e)[0]}-{i}" for i, e in enumerate(VANISHING)])
def test_an_entry_explains_its_example_and_not_what_numpy_does(entry, name, namespace, mode, args):
    """Where the namespace does what NumPy does, the entry vanishes, or the example is new, or another
    rule explains it, not this entry."""
    case = case_of(BY_NAME[name])
    with recording(Recorder()):
        verdicts = check(case, *args, xp=jnp, modes=(mode,))
        assert all(entry in str(v) for v in verdicts), [str(v) for v in verdicts]
        try:
            verdicts = check(case, *args, xp=namespace, modes=(mode,))
        except (VanishedDivergence, NewDivergence):
            return
        assert not any(entry in str(v) for v in verdicts), [str(v) for v in verdicts]


def test_the_period_ties_entry_explains_its_example_and_vanishes_where_jax_gives_numpys_result():
    """POLY-INTERP-PERIOD-TIES-IN-ORDER: JAX's outcome replaced by NumPy's (x64 on, float64: no dtype
    rule in the way) makes the entry vanish."""
    case = case_of(BY_NAME["interp"])
    args = (np.array(3.0), np.array([1.0, 2.0, 3.0, 3.0]), np.array([3.0, 0.0, 0.0, 1.0]), None, None, 1.5)
    with recording(Recorder()):
        verdicts = check(case, *args, xp=jnp, modes=("jit",))
        assert all("POLY-INTERP-PERIOD-TIES-IN-ORDER" in str(v) for v in verdicts), [str(v) for v in verdicts]
    numpy = run_numpy(case, args)
    like_numpy = Example(case, args, "jit", replace(environment.current(), x64=True), numpy, numpy)
    assert vanished_entry(like_numpy)[0].id == "POLY-INTERP-PERIOD-TIES-IN-ORDER"


@pytest.mark.slow  # the control for the searched plants: the real namespace passes the same search
@pytest.mark.parametrize("name", ["polydiv", "interp"])
def test_the_real_namespace_passes_a_longer_search(name):
    passes(suite.test_axes_row, row=BY_NAME[name], xp=jnp)

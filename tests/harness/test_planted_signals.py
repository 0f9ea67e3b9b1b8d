"""Bugs planted in convolve, correlate, trapezoid and gradient (registry.SIGNALS) are caught by the
registry's generic test (`test_registry.test_axes_row`) with the budget the committed `ci` runs give it,
and each entry of `conformance/catalogue/signals.py` explains its own example on jax.numpy and vanishes
where a namespace does what NumPy does (or, for an entry that asserts a bound or a non-finite value only,
a namespace past it is a new divergence)."""

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
from tests.harness import broken_signals as broken
from tests.harness.planted import fails_with, passes
from tests.harness.test_planted_unary import CI_ROWS

PLANTED = [
    # (row, namespace, the kind of the new or vanished divergence)
    ("correlate", broken.CORRELATE_NOT_CONJUGATING, "values"),
    ("convolve", broken.CONVOLVE_SAME_SHIFTED, "values"),
    # edge_order=2: values where the entry says JAX raises; edge_order=1: the entry vanishes (error-kind)
    ("gradient", broken.GRADIENT_IGNORES_EDGE_ORDER, ("error-parity", "error-kind")),
    ("gradient", broken.GRADIENT_IGNORES_SPACING, "values"),
    ("trapezoid", broken.TRAPEZOID_IGNORES_DX, "values"),
    ("convolve", broken.CONVOLVE_OFF, "values"),  # the bounds are tight enough
    ("trapezoid", broken.TRAPEZOID_OFF, "values"),
    ("cov", broken.COV_IGNORES_DDOF, "values"),
    ("corrcoef", broken.CORRCOEF_IGNORES_ROWVAR, ("values", "shape")),
    ("cov", broken.COV_OFF, "values"),
    ("corrcoef", broken.CORRCOEF_OFF, "values"),
    # what NumPy does, where an entry says JAX differs
    ("convolve", broken.CONVOLVE_OF_0D_AS_1D, "error-parity"),  # SIGNAL-CONVOLVE-REFUSES-0D
    ("trapezoid", broken.TRAPEZOID_AXIS_INDEXERROR, "error-kind"),  # SIGNAL-TRAPEZOID-AXIS-OUT-OF-RANGE-...
    ("gradient", broken.GRADIENT_REFUSES_BOOL, "error-parity"),  # SIGNAL-GRADIENT-OF-BOOL
]

F32 = np.float32


def assert_explained(verdicts, entry):
    """Every mode's verdict is known and names `entry`, alone or after the dtype rule that explains
    NumPy's float64 with x64 off (a chain: DTYPE-X64-OFF-32BIT+entry)."""
    chains = (entry, f"DTYPE-X64-OFF-32BIT+{entry}")
    assert all(v.status == "known" and str(v).removeprefix("known:") in chains for v in verdicts), \
        [str(v) for v in verdicts]


# (entry, row, a namespace that does what NumPy does, the entry's example)
VANISHING = [
    ("SIGNAL-CONVOLVE-REFUSES-0D", "convolve", broken.CONVOLVE_OF_0D_AS_1D,
     (np.array(2.0, F32), np.array([1.0, 1.0], F32), "full")),
    ("SIGNAL-CONVOLVE-INTEGERS-INEXACT", "convolve", broken.CONVOLVE_KEEPS_INTEGERS,
     (np.array([100, 100], np.int8), np.array([100, 3], np.int8), "full")),
    ("SIGNAL-GRADIENT-EDGE-ORDER-NOT-IMPLEMENTED", "gradient", broken.GRADIENT_IGNORES_EDGE_ORDER,
     (np.array([1.0, 2.0, 4.0, 8.0], F32), (), None, 1)),
    ("SIGNAL-GRADIENT-OF-BOOL", "gradient", broken.GRADIENT_REFUSES_BOOL,
     (np.array([True, False, True]), (), None, None)),
    # too short an axis: JAX's ValueError, NumPy's TypeError (the slow control's example)
    ("SIGNAL-GRADIENT-OF-BOOL", "gradient", broken.GRADIENT_REFUSES_BOOL,
     (np.zeros((2, 0), bool), (), None, None)),
    ("SIGNAL-TRAPEZOID-AXIS-OUT-OF-RANGE-VALUEERROR", "trapezoid", broken.TRAPEZOID_AXIS_INDEXERROR,
     (np.ones(3, F32), None, 1.0, 1)),
    ("SIGNAL-TRAPEZOID-EMPTY-AXIS-INDEXERROR", "trapezoid", broken.TRAPEZOID_AS_NUMPY,
     (np.zeros((2, 0), F32), None, 1.0, -1)),
    ("SIGNAL-TRAPEZOID-INTEGERS-INEXACT", "trapezoid", broken.TRAPEZOID_AS_NUMPY,
     (np.array([100, 100], np.int8), np.array([0.0, 1.0], F32), 1.0, -1)),  # float32 in both modes
    ("SIGNAL-TRAPEZOID-FAST-PATH-NOT-FINITE", "trapezoid", broken.TRAPEZOID_AS_NUMPY,
     (np.array([np.inf, 1.0, 2.0], F32), None, 1.0, -1)),
    # a kernel of 3: [inf, inf, inf, nan, nan] where NumPy gives [inf, inf, inf, 2, 1]
    ("SIGNAL-CONVOLVE-PADDING-TIMES-NONFINITE-NAN", "convolve", broken.CONVOLVE_AS_NUMPY,
     (np.ones(3, F32), np.array([np.inf, 1.0, 1.0], F32), "full")),
    ("SIGNAL-CONVOLVE-PADDING-TIMES-NONFINITE-NAN", "correlate", broken.CONVOLVE_AS_NUMPY,
     (np.array([1.0, 2.0, 3.0, 4.0], F32), np.array([1.0, 1.0, np.nan], F32), "same")),
    # complex64: NaN at the padding too, where NumPy's outputs are finite
    ("SIGNAL-CONVOLVE-COMPLEX-NONFINITE", "convolve", broken.CONVOLVE_AS_NUMPY,
     (np.ones(3, np.complex64), np.array([np.inf, 1.0, 1.0], np.complex64), "same")),
]

# (entry, row, a namespace past the entry's model, the entry's example)
BOUNDED = [
    ("SIGNAL-FLUSH-SUBNORMALS", "convolve", broken.CONVOLVE_OFF_BY_TINY,
     (np.array([2.0**-140, 1.0], F32), np.array([1.0, 1.0], F32), "full")),
    ("SIGNAL-CONVOLVE-COMPLEX-NONFINITE", "convolve", broken.CONVOLVE_FINITE_WHERE_INFINITE,
     (np.array([-np.inf + 0j], np.complex64), np.array([-np.inf + 0j, 6.341273e16 - 3.1342833e15j],
                                                        np.complex64), "full")),
    ("SIGNAL-COMPLEX-NONFINITE-QUOTIENT", "gradient", broken.GRADIENT_FINITE_WHERE_INFINITE,
     (np.array([-1.5 + 0j, complex(-np.inf, -0.0), np.inf + 0j], np.complex64), (), -1, None)),
    ("SIGNAL-CONVOLVE-COMPLEX-NONFINITE", "convolve", broken.CONVOLVE_FINITE_WHERE_INFINITE,
     (np.ones(3, np.complex64), np.array([np.inf, 1.0, 1.0], np.complex64), "full")),
]


@pytest.mark.parametrize(("name", "namespace", "kind"), PLANTED, ids=[p[1].planted for p in PLANTED])
def test_a_planted_signals_bug_is_caught(name, namespace, kind):
    fails_with(kind, suite.test_axes_row, budget=CI_ROWS, row=BY_NAME[name], xp=namespace)


@pytest.mark.parametrize(("entry", "name", "namespace", "args"), VANISHING, ids=[e[0] for e in VANISHING])
def test_an_entry_explains_its_example_and_vanishes_where_jax_does_what_numpy_does(entry, name, namespace,
                                                                                    args):
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


# cov's and corrcoef's results are float64 in NumPy: with x64 off JAX never agrees in dtype, so the entry
# vanishes on an example with x64 on whose JAX outcome is NumPy's own (what a NumPy-like cov would give)
COVARIANCES = [
    ("SIGNAL-COV-KEEPS-INPUT-PRECISION", "cov",
     (np.array([[1, 2, 4], [3, 1, 0]], np.float16), True, False, None)),
    ("SIGNAL-COV-DDOF-PAST-OBSERVATIONS-NEGATIVE", "cov", (np.array([1.0, 2.0, 4.0]), True, False, 5)),
]


@pytest.mark.parametrize(("entry", "name", "args"), COVARIANCES, ids=[e[0] for e in COVARIANCES])
def test_a_covariance_entry_explains_its_example_and_vanishes_where_jax_gives_numpys_result(entry, name,
                                                                                            args):
    case = case_of(BY_NAME[name])
    with recording(Recorder()):
        assert_explained(check(case, *args, xp=jnp), entry)
    numpy = run_numpy(case, args)
    like_numpy = Example(case, args, "eager", replace(environment.current(), x64=True), numpy, numpy)
    assert vanished_entry(like_numpy)[0].id == entry


def test_a_covariance_divided_by_zero_is_nan_where_its_float32_sum_underflows_and_not_finite():
    """cov with N - ddof = 0: JAX's float32 sum of squares of [1e-30, 0, 0]'s deviations underflows to 0
    (0/0: NaN, where NumPy's float64 one gives inf): the bound accepts it; a finite value is new."""
    args = (np.array([[1.0, 2.0, 4.0], [1e-30, 0.0, 0.0]], F32), True, False, 3)
    case = case_of(BY_NAME["cov"])
    with recording(Recorder()):
        assert all(v.status in ("agree", "known") for v in check(case, *args, xp=jnp))
        with pytest.raises(NewDivergence):
            check(case, *args, xp=broken.COV_FINITE_WHERE_NAN)

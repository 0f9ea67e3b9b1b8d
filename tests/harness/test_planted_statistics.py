"""Bugs planted in sums, products, means, differences and extrema (registry STATISTICS, and max and min of
REDUCTIONS) are caught by the
registry's generic test (`test_registry.test_axes_row`) with the budget the committed `ci` runs give it
(or, where said, the planted-bug budget), and next to each entry of `conformance/catalogue/statistics.py`
(and max's of `reductions.py`) a namespace that does what NumPy does is caught as the entry vanishing."""

import jax.numpy as jnp
import numpy as np
import pytest

from conformance.check import NewDivergence, VanishedDivergence, check
from conformance.operation import case_of
from conformance.recorder import Recorder, recording
from conformance.registry import BY_NAME
from tests.conformance import test_registry as suite
from tests.harness import broken_statistics as broken
from tests.harness.planted import fails_with, passes
from tests.harness.releases import modes_where_it_holds
from tests.harness.test_planted_unary import CI_ROWS

PLANTED = [
    # (row, namespace, the kind of the new or vanished divergence[, budget: CI_ROWS by default])
    ("sum", broken.SUM_KEEPDIMS_DROPS, "shape"),
    ("mean", broken.MEAN_BY_N_MINUS_ONE, "values"),
    ("cumsum", broken.CUMSUM_EXCLUSIVE, "values"),
    ("nansum", broken.NANSUM_PROPAGATES_NAN, "values"),
    ("nanmax", broken.NANMAX_PROPAGATES_NAN, "values"),
    ("var", broken.VAR_IGNORES_DDOF, "values"),
    ("std", broken.STD_SQUARED, "values"),
    ("var", broken.VAR_OFF_BY_2_TO_MINUS_10, "values"),  # the bound is tight enough
    ("std", broken.STD_OFF_BY_2_TO_MINUS_10, "values"),
    ("nanvar", broken.NANVAR_OFF_BY_2_TO_MINUS_10, "values"),  # the bound over the non-NaN values is tight
    ("nanvar", broken.NANVAR_AXIS_INDEXERROR, "error-kind"),  # STAT-MEAN-AXIS-...'s trigger leaves it out
    ("trace", broken.TRACE_ANTI_DIAGONAL, "values"),
    ("trace", broken.TRACE_IGNORES_OFFSET, "values"),
    ("trace", broken.TRACE_OFF_BY_2_TO_MINUS_10, "values"),  # the diagonal's bound is tight enough
    # what NumPy does, where an entry says JAX differs
    ("sum", broken.SUM_LIKE_NUMPY, "values"),  # STAT-INTEGER-ACCUMULATOR-OF-FLOATS-SATURATES
    ("cumulative_sum", broken.CUMULATIVE_SUM_OF_0D_LIKE_NUMPY, "error-parity"),  # STAT-CUMULATIVE-REFUSES-0D
    ("mean", broken.MEAN_AXIS_ERROR_LIKE_NUMPY, "error-kind"),  # STAT-MEAN-AXIS-OUT-OF-RANGE-INDEXERROR
    ("nanmean", broken.NANMEAN_AXIS_ERROR_LIKE_NUMPY, "error-kind"),  # the same, of integers
]

# Entries whose examples the generic test reaches rarely (an empty axis with include_initial, a
# one-element complex slice with an infinity, two adjacent values a subnormal apart): the entry's own
# example, on the real namespace (explained by the entry) and on one that does what NumPy does (vanished).
ENTRY_EXAMPLES = [
    ("STAT-CUMULATIVE-INCLUDE-INITIAL-OF-EMPTY", "cumulative_prod",
     broken.CUMULATIVE_PROD_INITIAL_OF_EMPTY_RAISES, (np.zeros((0, 2), np.float32), 0, None, True)),
    ("STAT-MEAN-COMPLEX-OF-ONE-ELEMENT-KEPT", "mean", broken.MEAN_LIKE_NUMPY,
     (np.array([[np.inf + 0j]], np.complex64), 1, None, False)),
    ("STAT-DIFF-FLUSHES-EACH-ORDER", "diff", broken.DIFF_LIKE_NUMPY,
     (np.array([1.5 * 2.0**-126, 2.0**-126, 1.5 * 2.0**-126], np.float32), 2, -1)),
]

# Extrema of a zero and a subnormal: 0.0 compiled (flushed, +0.0 above -0.0), -0.0 folded (the first of
# tied), NumPy's the subnormal. The NumPy-like namespaces read concrete values: their check runs eagerly.
EXTREMA = [
    ("REDUCE-MAX-MIN-ZEROS-AND-SUBNORMALS", "max", broken.MAX_LIKE_NUMPY,
     (np.array([-0.0, 2.0**-140], np.float32), None, False)),
    ("STAT-NAN-EXTREMUM-NEAR-ZERO", "nanmin", broken.NANMIN_LIKE_NUMPY,
     (np.array([-0.0, -(2.0**-149)], np.float32), None, False)),
]


@pytest.mark.parametrize(("name", "namespace", "kind", "budget"), [(*p, CI_ROWS)[:4] for p in PLANTED],
                         ids=[p[1].planted for p in PLANTED])
def test_a_planted_statistics_bug_is_caught(name, namespace, kind, budget):
    fails_with(kind, suite.test_axes_row, budget=budget, row=BY_NAME[name], xp=namespace)


@pytest.mark.parametrize(("entry", "name", "namespace", "args"), ENTRY_EXAMPLES,
                         ids=[e[0] for e in ENTRY_EXAMPLES])
def test_an_entry_explains_its_example_and_vanishes_where_jax_does_what_numpy_does(entry, name, namespace,
                                                                                    args):
    case = case_of(BY_NAME[name])
    with recording(Recorder()):
        verdicts = check(case, *args, xp=jnp, modes=modes_where_it_holds(entry, case, args))
        assert {str(v) for v in verdicts} == {f"known:{entry}"}
        with pytest.raises(VanishedDivergence, match=entry):
            check(case, *args, xp=namespace)


@pytest.mark.parametrize(("entry", "name", "namespace", "args"), EXTREMA, ids=[e[0] for e in EXTREMA])
def test_an_extremum_of_subnormals_follows_xla_and_vanishes_where_jax_does_what_numpy_does(entry, name,
                                                                                          namespace, args):
    case = case_of(BY_NAME[name])
    with recording(Recorder()):
        modes = modes_where_it_holds(entry, case, args)
        assert {str(v) for v in check(case, *args, xp=jnp, modes=modes)} == {f"known:{entry}"}
        with pytest.raises(VanishedDivergence, match=entry):
            check(case, *args, xp=namespace, modes=("eager",))


def test_an_all_nan_slice_is_minus_one_and_the_entry_vanishes_where_nanargmax_raises():
    """STAT-NANARG-ALL-NAN-MINUS-ONE: the generic test rarely draws an all-NaN slice. The NumPy-like
    namespace raises on concrete values only, so its check runs eagerly."""
    case = case_of(BY_NAME["nanargmax"])
    args = (np.array([[np.nan, np.nan], [1, np.nan]], np.float32), 1, False)
    with recording(Recorder()):
        assert {str(v) for v in check(case, *args, xp=jnp)} == {"known:STAT-NANARG-ALL-NAN-MINUS-ONE"}
        with pytest.raises(VanishedDivergence, match="STAT-NANARG-ALL-NAN-MINUS-ONE"):
            check(case, *args, xp=broken.NANARGMAX_RAISES_ON_ALL_NAN, modes=("eager",))


def test_a_near_zero_nanmin_other_than_xlas_is_new():
    """STAT-NAN-EXTREMUM-NEAR-ZERO's model is XLA's reduce: the smallest normal instead is new."""
    case, args = case_of(BY_NAME["nanmin"]), (np.array([-0.0, -2.0**-149], np.float32), None, False)
    with recording(Recorder()):
        entry = "STAT-NAN-EXTREMUM-NEAR-ZERO"
        modes = modes_where_it_holds(entry, case, args)
        assert {str(v) for v in check(case, *args, xp=jnp, modes=modes)} == {f"known:{entry}"}
        with pytest.raises(NewDivergence):
            check(case, *args, xp=broken.NANMIN_NEAR_ZERO_IS_TINY)


@pytest.mark.parametrize("name", ["nanmean", "nanmin", "nanmax", "nansum", "nanvar", "nanstd"])
def test_an_all_nan_slice_agrees(name):
    """NumPy warns (nanmean, nanmin, nanmax) and gives NaN (nansum: 0); jnp gives the same, silently:
    the generic test rarely draws an all-NaN slice."""
    row = BY_NAME[name]
    args = (np.array([[np.nan, np.nan], [1, np.nan]], np.float32),
            *(1 if k == "axis" else None if k in ("dtype", "initial") else 0 if k == "ddof" else False
              for k in row.options))
    with recording(Recorder()):
        assert {str(v) for v in check(case_of(row), *args, xp=jnp)} == {"agree"}


@pytest.mark.slow  # the controls: the same searches on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize("name", sorted({p[0] for p in PLANTED}))
def test_the_real_namespace_passes_the_same_searches(name):
    passes(suite.test_axes_row, row=BY_NAME[name], xp=jnp)


@pytest.mark.parametrize("name", ["nanvar", "nanstd"])
def test_no_degrees_of_freedom_agree(name):
    """n - ddof <= 0 (one non-NaN value and ddof=1, or none): NumPy warns and gives NaN (inf where
    the deviations are 0: jnp the same), rarely drawn by the generic test."""
    args = (np.array([[np.nan, 2.0], [np.nan, np.nan], [1.0, 3.0]], np.float32), 1, 1, False)
    with recording(Recorder()):
        assert {str(v) for v in check(case_of(BY_NAME[name]), *args, xp=jnp)} == {"agree"}


# NaN-ignoring variances of a slice with a NaN among finite values: the CI_ROWS budget of the generic test
# does not catch these two (its float slices with a NaN also hold values whose squares may overflow, where
# a non-finite result is accepted), and SEARCH takes 80 s each: a fixed example instead.
@pytest.mark.parametrize(("name", "namespace"), [("nanvar", broken.NANVAR_COUNTS_NAN),
                                                 ("nanstd", broken.NANSTD_PROPAGATES_NAN)],
                         ids=["nanvar counts the NaNs in n", "nanstd propagates NaN"])
@pytest.mark.parametrize("ddof", [0, 1])
def test_a_nan_ignoring_variance_that_counts_nans_is_new(name, namespace, ddof):
    args = (np.array([[1.0, np.nan, 3.0], [2.0, 5.0, np.nan]], np.float32), 1, ddof, False)
    with recording(Recorder()):
        assert {str(v) for v in check(case_of(BY_NAME[name]), *args, xp=jnp)} == {"agree"}
        with pytest.raises(NewDivergence):
            check(case_of(BY_NAME[name]), *args, xp=namespace)


def test_a_folded_complex_mean_recovers_the_infinity_and_the_entry_vanishes_where_jax_divides_as_numpy():
    """STAT-MEAN-COMPLEX-FOLDED-DIVISION-RECOVERS-INFINITY: the sum nan+infj divided by 3 is nan+infj
    folded (eager and jit agree with NumPy's nan+nanj)."""
    entry = "STAT-MEAN-COMPLEX-FOLDED-DIVISION-RECOVERS-INFINITY"
    case = case_of(BY_NAME["mean"])
    args = (np.array([np.inf + 1j, -np.inf + 1j, 1 + np.inf * 1j], np.complex64), None, None, False)
    with recording(Recorder()):
        assert [str(v) for v in check(case, *args, xp=jnp)] == ["agree", "agree", f"known:{entry}"]
        with pytest.raises(VanishedDivergence, match=entry):
            check(case, *args, xp=broken.MEAN_LIKE_NUMPY, modes=("folded",))

"""The two-sample tests of conformance/goodness_of_fit.py: critical values against published tables, a
false-alarm rate near the one asked for, the power to see the planted bugs' size of difference, and
the NumPy-against-NumPy control of every sampler of the suite at its own seeds."""

import numpy as np
import pytest

from conformance import goodness_of_fit as gof
from conformance.cases import samplers as cases


@pytest.mark.parametrize(("df", "alpha", "table"), [(1, 0.05, 3.841), (2, 0.01, 9.210), (10, 0.05, 18.307),
                                                    (30, 0.001, 59.703)])
def test_chi2_critical_values_match_the_tables(df, alpha, table):
    assert gof.chi2_critical(df, alpha) == pytest.approx(table, abs=2e-3)


def test_ks_critical_value_is_the_asymptotic_one_for_large_samples():
    # c(alpha) sqrt((n + m) / (n m)), c(0.05) = 1.358, c(0.001) = 1.949
    assert gof.ks_critical(10**6, 10**6, 0.05) == pytest.approx(1.358 * np.sqrt(2e-6), rel=2e-3)
    assert gof.ks_critical(10**6, 10**6, 0.001) == pytest.approx(1.949 * np.sqrt(2e-6), rel=2e-3)


def test_false_alarm_rates_are_near_alpha():
    rng = np.random.default_rng(0)
    ks = [gof.ks_two_sample(rng.normal(size=200), rng.normal(size=200), 0.1).passes for _ in range(400)]
    chi2 = [gof.chi2_two_sample(rng.poisson(3, 200), rng.poisson(3, 200), 0.1).passes for _ in range(400)]
    assert 0.05 < 1 - np.mean(ks) < 0.15
    assert 0.05 < 1 - np.mean(chi2) < 0.15


def test_the_tests_see_a_wrong_scale_and_a_shifted_range():
    rng = np.random.default_rng(1)
    n = cases.FIT_SIZE
    assert not gof.ks_two_sample(1.5 * rng.normal(size=n), rng.normal(size=n), cases.ALPHA).passes
    assert not gof.chi2_two_sample(rng.integers(0, 11, n), rng.integers(0, 10, n), cases.ALPHA).passes


def test_merged_bins_hold_enough_draws():
    a, b = gof.merged_counts(np.array([0] * 50 + [1, 2, 3]), np.array([0] * 50 + [7]))
    assert a.sum() == 53 and b.sum() == 51 and np.all(a + b >= gof.MIN_BIN)


@pytest.mark.parametrize("sampler", cases.FITS)
def test_numpy_fits_itself_at_the_suites_seeds(sampler):
    """The NumPy side of every fit case: True at the fixed seeds (else the case could never agree)."""
    assert bool(cases.numpy_fits_numpy(sampler, cases.FIT_SEED))

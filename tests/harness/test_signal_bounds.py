"""The references of conformance/signal_bounds.py: NumPy's own results (integer ones exactly), bounds that
hold for a float32 computation and are not wider than a few ulps of the terms."""

import warnings

import numpy as np

from conformance.signal_bounds import BoundedConvolution, BoundedCovariance, BoundedGradient, BoundedTrapezoid


def test_an_integer_convolution_is_numpys_own():
    a, v = np.array([100, 100], np.int8), np.array([100, 3], np.int8)
    np.testing.assert_array_equal(BoundedConvolution(np.convolve)(a, v, "full"), np.convolve(a, v))


def test_a_float32_convolution_is_within_its_bound_and_the_bound_is_a_few_ulps_per_term():
    rng = np.random.default_rng(0)
    a, v = rng.standard_normal(7).astype(np.float32), rng.standard_normal(5).astype(np.float32)
    value = BoundedConvolution(np.convolve)(a, v, "full")
    computed = np.convolve(a.astype(np.float64), v.astype(np.float64)).astype(np.float32)
    assert (np.abs(computed - value.array) <= value.atol).all()
    terms = np.convolve(np.abs(a).astype(np.float64), np.abs(v).astype(np.float64))
    assert (value.atol <= (2 * 5 + 1) * 2.0**-24 * terms + 1e-40).all()  # k <= 5 terms per element


def test_correlate_conjugates_the_second_array_in_the_reference_too():
    a, v = np.array([1 + 2j, 3j], np.complex64), np.array([1j, 2 + 1j], np.complex64)
    value = BoundedConvolution(np.correlate)(a, v, "full")
    np.testing.assert_allclose(value.array, np.correlate(a, v, "full"), rtol=1e-6)


def test_trapezoid_adds_integer_neighbours_in_their_own_dtype_as_numpy_does():
    """int8 [100, 100]: NumPy's pair sum wraps to -56, so the integral is -28.0 (found by a planted bug)."""
    value = BoundedTrapezoid()(np.array([100, 100], np.int8), None, 1.0, -1)
    assert value.array == np.trapezoid(np.array([100, 100], np.int8)) == -28.0


def test_gradient_returns_one_bounded_value_per_axis():
    f = np.arange(6, dtype=np.float32).reshape(2, 3) ** 2
    values = BoundedGradient()(f, (0.5,), None, None)
    for value, own in zip(values, np.gradient(f, 0.5), strict=True):
        np.testing.assert_array_equal(value.array, own)
        assert (value.atol > 0).all()


def test_a_constant_variable_has_an_undetermined_correlation():
    """A variance within its bound of zero: 0/0 up to rounding, any value in [-1, 1] or NaN agrees there."""
    x = np.array([[0.1, 0.1, 0.1], [1.0, 2.0, 4.0]], np.float32)
    value = BoundedCovariance(np.corrcoef, ("rowvar",))(x, True)
    assert value.nonfinite[0].all() and not value.nonfinite[1, 1]
    assert (value.atol[0] >= 1).all()


def test_a_covariance_divided_by_zero_is_undetermined_where_its_sum_may_be_zero():
    """N - ddof = 0: the sum of products over 0, ±inf where the sum's sign is determined; the second
    variable's sum of squares (about 7e-61) underflows in float32 to 0 (0/0: NaN): any non-finite value."""
    m = np.array([[1.0, 2.0, 4.0], [1e-30, 0.0, 0.0]], np.float32)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = BoundedCovariance(np.cov, ("rowvar", "bias", "ddof"))(m, True, False, 3,
                                                                      result_dtype=np.float32)
    np.testing.assert_array_equal(value.array, [[np.inf, -np.inf], [-np.inf, np.inf]])
    np.testing.assert_array_equal(value.nonfinite, [[False, False], [False, True]])

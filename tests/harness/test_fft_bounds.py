"""conformance/fft_bounds.py's bound holds for jax.numpy.fft's results on random inputs of every length
the strategies draw (1..9, padded to 16), and is not loose by orders of magnitude: the largest error is
a sizeable fraction of it."""

import jax.numpy as jnp
import numpy as np
import pytest

from conformance.fft_bounds import BoundedTransform

CASES = [("fft", {"n": None}), ("ifft", {"n": None}), ("rfft", {"n": None}), ("irfft", {"n": None}),
         ("hfft", {"n": None}), ("ihfft", {"n": None}), ("fft", {"n": 16}), ("fftn", {"axes": None})]


@pytest.mark.parametrize(("name", "options"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_the_bound_holds_and_is_not_loose(name, options):
    rng = np.random.default_rng(0)
    reference = BoundedTransform(name, tuple(options))
    ratios = []
    for length in range(2, 10):
        shape = (3, length) if name == "fftn" else (length,)
        for _ in range(8):
            x = rng.standard_normal(shape).astype(np.float32)
            if name not in ("rfft", "ihfft"):
                x = (x + 1j * rng.standard_normal(shape)).astype(np.complex64)
            expected = reference(x, *options.values())
            actual = np.asarray(getattr(jnp.fft, name)(x, **options))
            error = np.abs(actual.astype(np.complex128) - expected.array.astype(np.complex128))
            assert np.all(error <= expected.atol), (name, length)
            ratios.append(float(np.max(error / expected.atol)))
    assert max(ratios) > 1e-3, max(ratios)  # within three orders of magnitude of the errors seen


def test_where_numpys_partial_sums_overflow_the_reference_is_the_finite_result_or_a_non_finite_one():
    """NumPy normalizes ifft2 after each axis' transform: [[3.4e38], [3.4e38]] padded to 4 rows sums
    3.4e38 twice (inf) before its 1/4; XLA's DUCC call normalizes by 1/4 in its first pass (the column
    of one element), then sums 8.5e37 twice: 1.7e38, the exact result. The reference expects that, or
    a non-finite value (the order of the sums decides), not NumPy's inf alone."""
    big = np.full((2, 1), 3.4028235e38 + 1j, np.complex64)
    options = ((4, 1), (0, 1), "backward")
    expected = BoundedTransform("ifft2", ("s", "axes", "norm"))(big, *options)
    assert not np.isfinite(np.fft.ifft2(big, *options)[0, 0])
    assert expected.nonfinite[0, 0] and np.isclose(expected.array[0, 0].real, 1.7014117e38)
    actual = np.asarray(jnp.fft.ifft2(big, *options))
    assert abs(actual[0, 0] - expected.array[0, 0]) <= expected.atol[0, 0]

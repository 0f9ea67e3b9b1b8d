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

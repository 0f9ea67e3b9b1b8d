"""The canonical forms of conformance/decomposition_bounds.py: what a decomposition leaves free (signs,
phases, the order of eig's eigenvalues) does not change them; jnp's results are well within the bounds of
NumPy's on random matrices, and a relative error of 2**-10 is far past them (the bounds are tight enough)."""

import jax.numpy as jnp
import numpy as np
import pytest

from conformance import decomposition_bounds as bounds
from conformance.cases.matmul import bound_ratio

RNG = np.random.default_rng(19)
A = RNG.standard_normal((2, 4, 3)).astype(np.float32)
SQUARE = (RNG.standard_normal((2, 3, 3)) + 1j * RNG.standard_normal((2, 3, 3))).astype(np.complex64)
HERMITIAN = SQUARE @ np.conj(np.swapaxes(SQUARE, -1, -2)) + np.eye(3, dtype=np.complex64)


def _agree(expected, actual) -> float:
    """The largest ratio of difference to bound over the canonical values (exact where unbounded)."""
    worst = 0.0
    for e, a in zip(expected, actual, strict=True):
        if e.atol is None:
            assert np.array_equal(e.array, a.array)
            continue
        worst = max(worst, bound_ratio(e, a))
    return worst


def _numpy(name, a, **options):
    result = getattr(np.linalg, name)(a, **options)
    return tuple(np.asarray(r) for r in result) if isinstance(result, tuple) else np.asarray(result)


def _jax(name, a, **options):
    result = getattr(jnp.linalg, name)(a, **options)
    return tuple(np.asarray(r) for r in result) if isinstance(result, tuple) else np.asarray(result)


def test_signs_and_phases_do_not_change_the_canonical_forms():
    u, s, vh = _numpy("svd", A)
    flipped = (u.copy(), s, vh.copy())
    flipped[0][..., :, 0] *= -1
    flipped[2][..., 0, :] *= -1
    assert _agree(bounds.svd_canonical((u, s, vh), A), bounds.svd_canonical(flipped, A)) <= 0.01
    w, v = _numpy("eig", SQUARE)
    phase = np.exp(1j * np.array([0.3, 1.0, 2.0])).astype(np.complex64)
    order = [2, 0, 1]
    turned = (w[..., order], (v * phase)[..., :, order])
    assert _agree(bounds.eig_canonical((w, v), SQUARE), bounds.eig_canonical(turned, SQUARE)) <= 0.01
    w, v = _numpy("eigh", HERMITIAN)
    turned = (w, v * phase)
    assert _agree(bounds.eigh_canonical((w, v), HERMITIAN), bounds.eigh_canonical(turned, HERMITIAN)) <= 0.01


CASES = [("svd", bounds.svd_canonical, A, {}), ("qr", bounds.qr_canonical, A, {}),
         ("qr", bounds.qr_canonical, A, {"mode": "r"}), ("eig", bounds.eig_canonical, SQUARE, {}),
         ("eigh", bounds.eigh_canonical, HERMITIAN, {}),
         ("cholesky", bounds.cholesky_canonical, HERMITIAN, {})]


@pytest.mark.parametrize(("name", "canonical", "a", "options"), CASES,
                         ids=[f"{c[0]}{c[3]}" for c in CASES])
def test_jax_is_within_the_bounds_and_an_error_of_2_to_the_minus_10_is_not(name, canonical, a, options):
    expected = canonical(_numpy(name, a, **options), a, *options.values())
    actual = canonical(_jax(name, a, **options), a, *options.values())
    expected = expected if isinstance(expected, tuple) else (expected,)
    actual = actual if isinstance(actual, tuple) else (actual,)
    assert _agree(expected, actual) < 0.25
    first = expected[0]
    off = first.array * (1 + 2.0**-10)
    assert bound_ratio(first, type(first)(off.astype(first.dtype))) > 1

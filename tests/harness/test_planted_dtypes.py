"""The dtypes, promotion and PRNG tests FAIL against a namespace with a planted bug, and pass on the real
jax.numpy (the controls).

Hypothesis tests go through `planted.fails_with` / `planted.passes`. The promotion sweeps are plain
tests (every cell, no search), so they are called directly here, inside a private recorder.
"""

import jax.numpy as jnp
import pytest

from conformance import environment
from conformance.cases import dtypes as dtype_cases
from conformance.cases import promotion as promotion_cases
from conformance.check import NewDivergence
from conformance.combine import PRNG_FINGERPRINT
from conformance.recorder import Recorder, recording
from tests.conformance import test_dtypes, test_prng, test_promotion
from tests.harness import broken_dtypes as broken
from tests.harness.planted import SEARCH, fails_with, new_kinds, passes, planted_settings

ZEROS = next(c for c in dtype_cases.CONSTRUCTORS if c.name.startswith("zeros"))


def sweep_fails_with(kind: str, test, **kwargs) -> Recorder:
    """A promotion sweep raises a new divergence of `kind` on a broken namespace."""
    __tracebackhide__ = True
    with recording(Recorder()) as recorder, pytest.raises((NewDivergence, ExceptionGroup)):
        test(**kwargs)
    assert kind in new_kinds(recorder), f"expected a new {kind} divergence, got {new_kinds(recorder)}"
    return recorder


def sweep_passes(test, **kwargs) -> Recorder:
    __tracebackhide__ = True
    with recording(Recorder()) as recorder:
        test(**kwargs)
    assert recorder.examples > 0
    assert not new_kinds(recorder), f"new divergences on the real namespace: {new_kinds(recorder)}"
    return recorder


# -- dtype defaults -------------------------------------------------------------------------------------
def test_constructor_with_the_wrong_default_dtype_is_caught():
    """float64 with x64 off (NumPy agrees, JAX documents float32), or float32 with x64 on."""
    xp = broken.FLOAT32_DEFAULT if environment.current().x64 else broken.FLOAT64_DEFAULT
    fails_with("dtype", test_dtypes.test_constructor_dtype, case=ZEROS, xp=xp)


@pytest.mark.slow  # the control: the same search on the real jax.numpy (nox -s slow)
def test_constructors_pass_on_the_real_namespace():
    passes(test_dtypes.test_constructor_dtype, case=ZEROS, xp=jnp)


# -- promotion ------------------------------------------------------------------------------------------
def test_promote_types_following_numpy_is_caught():
    """int32 with float32: NumPy's float64 is not JAX's lattice (float32)."""
    sweep_fails_with("dtype", test_promotion.test_dtype_pairs, case=promotion_cases.PROMOTE_TYPES,
                     row="int32", xp=broken.NUMPY_PROMOTE_TYPES)


def test_value_based_scalar_casting_is_caught():
    """int8 array + 300: NumPy 1.x's value-based casting gives int16, JAX's weak int wraps in int8."""
    sweep_fails_with("dtype", test_promotion.test_binary_operation_with_python_scalar, row="int8",
                     xp=broken.VALUE_BASED_SCALARS)


@pytest.mark.slow  # the control: the same search on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize("case", [promotion_cases.PROMOTE_TYPES, promotion_cases.RESULT_TYPE], ids=str)
def test_dtype_pairs_pass_on_the_real_namespace(case):
    sweep_passes(test_promotion.test_dtype_pairs, case=case, row="int32", xp=jnp)


@pytest.mark.slow  # the control: the same search on the real jax.numpy (nox -s slow)
def test_scalar_promotion_passes_on_the_real_namespace():
    sweep_passes(test_promotion.test_binary_operation_with_python_scalar, row="int8", xp=jnp)


# -- PRNG -----------------------------------------------------------------------------------------------
def test_prng_with_global_state_is_caught():
    """Drawing twice from one key gives different numbers: the same key no longer means the same draws."""
    fails_with("values", test_prng.test_same_key_gives_same_draws, xp=broken.GLOBAL_STATE_PRNG)


def test_sequentially_equivalent_prng_is_caught():
    """JAX documents no sequential equivalence; a PRNG that has it contradicts the catalogue."""
    test = test_prng.test_no_sequential_equivalence
    with planted_settings(test, SEARCH), recording(Recorder()), \
            pytest.raises(AssertionError,
                          match=r"JAX documents|PRNG-NO-SEQUENTIAL-EQUIVALENCE no longer holds"):
        test(xp=broken.SEQUENTIAL_PRNG)


def test_prng_whose_draws_change_under_jit_spoils_the_fingerprint():
    """A hidden state draws other numbers when jit traces the sampler than when it runs eagerly."""
    with recording(Recorder()), pytest.raises(AssertionError, match="jit changes the draws"):
        test_prng.test_fixed_key_fingerprint(xp=broken.GLOBAL_STATE_PRNG, distribution="uniform",
                                             api="new")


def test_fingerprint_passes_and_is_recorded_on_the_real_namespace():
    with recording(Recorder()) as recorder:
        test_prng.test_fixed_key_fingerprint(xp=jnp, distribution="uniform", api="new")
    (draws,) = recorder.tables[PRNG_FINGERPRINT]["cells"]["uniform"].values()
    assert len(draws.split()) == 3


@pytest.mark.slow  # the control: the same search on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize("test", [test_prng.test_same_key_gives_same_draws,
                                  test_prng.test_no_sequential_equivalence,
                                  test_prng.test_split_is_deterministic_and_distinct],
                         ids=lambda t: t.__name__)
def test_prng_passes_on_the_real_namespace(test):
    passes(test, xp=jnp)

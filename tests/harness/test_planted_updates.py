"""The updates and immutability tests FAIL against a namespace with a planted bug, and pass on jax.numpy.

Each runs a real conformance test (with its own Hypothesis search) on a broken namespace and expects a new
divergence of the planted kind; the immutability tests expect their entry to be reported stale."""

import jax.numpy as jnp
import pytest

from conformance.cases import updates as cases
from conformance.recorder import Recorder, recording
from tests.conformance import test_immutability as immutability
from tests.conformance import test_updates as suite
from tests.harness import broken_updates as broken
from tests.harness.planted import SEARCH, fails_with, passes, planted_settings


def test_add_that_drops_repeated_indices_is_caught():
    fails_with("values", suite.test_update_matches_numpy, case=cases.BY_METHOD["add"],
               xp=broken.ADD_DROPS_REPEATS)


def test_set_that_clips_out_of_bounds_indices_is_caught():
    fails_with("error-parity", suite.test_out_of_bounds_in_every_mode, mode=None, xp=broken.SET_CLIPS)


# One planted bug per update method (add and set above), each caught by that method's own test.
@pytest.mark.parametrize("method, namespace", [
    ("subtract", broken.SUBTRACT_REVERSED),
    # the two searches of half a minute and more (they need a repeated index whose updates differ)
    pytest.param("multiply", broken.MULTIPLY_ONCE, marks=pytest.mark.slow),
    ("divide", broken.DIVIDE_ONCE),
    pytest.param("power", broken.POWER_ONCE, marks=pytest.mark.slow), ("min", broken.MIN_IS_MAX),
    ("max", broken.MAX_IS_MIN), ("apply", broken.APPLY_ONCE), ("get", broken.GET_REVERSED),
], ids=lambda p: p if isinstance(p, str) else "")
def test_a_wrong_update_method_is_caught(method, namespace):
    fails_with("values", suite.test_update_matches_numpy, case=cases.BY_METHOD[method], xp=namespace)


@pytest.mark.parametrize("mode", cases.MODES, ids=str)
def test_a_mode_that_behaves_like_another_is_caught(mode):
    """Out of bounds NumPy raises, so JAX's documented mode is an error-parity entry; another mode's
    result is an error-parity difference its model does not explain."""
    fails_with("error-parity", suite.test_out_of_bounds_in_every_mode, mode=mode,
               xp=broken.MODE_SWAPPED[mode])


def test_at_set_that_updates_in_place_is_caught():
    fails_with("values", immutability.test_at_set_leaves_x_and_returns_a_new_buffer,
               xp=broken.AT_SET_IN_PLACE)


def _entry_goes_stale(test, **kwargs) -> None:
    __tracebackhide__ = True
    with planted_settings(test, SEARCH), recording(Recorder()), \
            pytest.raises(AssertionError, match="no longer holds"):
        test(**kwargs)


def test_mutable_arrays_make_the_setitem_entry_stale():
    _entry_goes_stale(immutability.test_setitem_raises_and_leaves_x_unchanged, xp=broken.MUTABLE)


def test_arrays_with_views_make_the_slice_entry_stale():
    """Eagerly a[idx] is then a NumPy view, which sees a later in-place .at[...].set."""
    _entry_goes_stale(immutability.test_basic_index_is_not_a_view, xp=broken.AT_SET_IN_PLACE)


def test_mutable_arrays_make_the_augmented_assignment_entry_stale():
    _entry_goes_stale(immutability.test_augmented_assignment_rebinds, case=cases.AUGMENTED[0],
                      xp=broken.MUTABLE)


@pytest.mark.slow  # the control: the same search on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize("test, kwargs", [
    (suite.test_update_matches_numpy, {"case": cases.BY_METHOD["add"]}),
    (suite.test_out_of_bounds_in_every_mode, {"mode": None}),
    (immutability.test_at_set_leaves_x_and_returns_a_new_buffer, {}),
    (immutability.test_setitem_raises_and_leaves_x_unchanged, {}),
    (immutability.test_augmented_assignment_rebinds, {"case": cases.AUGMENTED[0]}),
], ids=lambda p: getattr(p, "__name__", "") or ",".join(f"{k}={v}" for k, v in p.items()))
def test_the_real_namespace_passes_the_same_tests(test, kwargs):
    """The control: the same search on jax.numpy itself finds nothing new."""
    passes(test, xp=jnp, **kwargs)

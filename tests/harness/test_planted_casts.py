"""The casts and non-array inputs tests FAIL against a namespace with a planted bug, and pass on the real
jax.numpy (the controls).

The drawn casts test is searched with the `ci` budget (`planted.CI`): the committed runs catch the bug.
The sweeps (every pair of dtypes, every non-array variant) are plain tests, called directly here inside a
private recorder.
"""

import jax.numpy as jnp
import numpy as np
import pytest

from conformance.cases import casts as cast_cases
from conformance.check import NewDivergence
from conformance.recorder import Recorder, recording
from tests.conformance import test_casts, test_non_array_inputs
from tests.harness import broken_casts as broken
from tests.harness.planted import CI, fails_with, new_kinds, passes

SUM = next(call for call in test_non_array_inputs.VALID_CALLS if call[0].name == "sum")


def sweep_fails_with(expected: str, test, **kwargs) -> Recorder:
    """A plain conformance test raises a new (or vanished) divergence of kind `expected` on a broken
    namespace."""
    __tracebackhide__ = True
    with recording(Recorder()) as recorder, pytest.raises(NewDivergence):
        test(**kwargs)
    assert expected in new_kinds(recorder), f"expected a new {expected} divergence, got {new_kinds(recorder)}"
    return recorder


# -- casts ------------------------------------------------------------------------------------------------
def test_wrapping_astype_is_caught_by_the_drawn_casts():
    """Out-of-range floats wrap as NumPy's do: CAST-FLOAT-TO-INT-SATURATES's model is not met."""
    fails_with("values", test_casts.test_cast_drawn_values, budget=CI, case=cast_cases.ASTYPE_FUNCTION,
               xp=broken.WRAPPING_ASTYPE)


@pytest.mark.parametrize("target", ["int8", "uint8", "uint32"])
def test_wrapping_astype_is_caught_by_the_sweep(target):
    sweep_fails_with("values", test_casts.test_cast_values, case=cast_cases.ASTYPE_FUNCTION,
                     source=np.dtype("float32"), target=target, xp=broken.WRAPPING_ASTYPE)


def test_the_sweep_passes_on_the_real_namespace():
    with recording(Recorder()) as recorder:
        test_casts.test_cast_values(case=cast_cases.ASTYPE_FUNCTION, source=np.dtype("float32"),
                                    target="uint8", xp=jnp)
    assert recorder.examples > 0 and not new_kinds(recorder)


@pytest.mark.slow  # the control: the same search on the real jax.numpy (nox -s slow)
def test_drawn_casts_pass_on_the_real_namespace():
    passes(test_casts.test_cast_drawn_values, case=cast_cases.ASTYPE_FUNCTION, xp=jnp)


# -- non-array inputs -------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["list", "tuple", "nested list"])
def test_sum_that_accepts_a_list_is_caught(kind):
    """NONARRAY-SEQUENCE-REFUSED documents a TypeError: a sum that returns NumPy's value contradicts it."""
    sweep_fails_with("error-parity", test_non_array_inputs.test_non_array_argument, call=SUM, kind=kind,
                     xp=broken.LIST_ACCEPTING_SUM)


def test_non_array_sum_passes_on_the_real_namespace():
    with recording(Recorder()) as recorder:
        test_non_array_inputs.test_non_array_argument(call=SUM, kind="list", xp=jnp)
    assert recorder.examples > 0 and not new_kinds(recorder)

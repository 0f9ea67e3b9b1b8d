"""The broadcasting tests FAIL against a namespace with a planted bug: one per kind of check.

Each test runs a real conformance test function (with its own Hypothesis search) on a broken namespace,
records into a private recorder, and expects a new divergence of the planted kind.
"""

import pytest

from conformance.cases import broadcasting as cases
from conformance.check import NewDivergence
from conformance.recorder import Recorder, recording
from tests.conformance import test_broadcasting as suite
from tests.harness import broken

CASE = {c.name: c for c in cases.BINARY}


def new_kinds(recorder: Recorder) -> set[str]:
    return {d["kind"] for d in recorder.divergences.values() if d["status"] == "new"}


def fails_with(kind: str, test, **kwargs) -> None:
    __tracebackhide__ = True
    with recording(Recorder()) as recorder, pytest.raises((NewDivergence, ExceptionGroup)):
        test(**kwargs)
    assert kind in new_kinds(recorder), f"expected a new {kind} divergence, got {new_kinds(recorder)}"


def test_shape_rule_bug_is_caught():
    fails_with("shape", suite.test_binary_broadcasts, case=CASE["multiply"], xp=broken.SHAPE_RULE)


def test_values_bug_is_caught():
    fails_with("values", suite.test_binary_broadcasts, case=CASE["subtract"], xp=broken.VALUES)


def test_dtype_rule_bug_is_caught():
    fails_with("dtype", suite.test_binary_broadcasts, case=CASE["true_divide"], xp=broken.DTYPE_RULE)


def test_error_parity_bug_is_caught():
    fails_with("error-parity", suite.test_binary_refuses_shapes_that_do_not_broadcast,
               case=CASE["add"], xp=broken.ERROR_PARITY)


def test_shape_function_bug_is_caught():
    fails_with("error-parity", suite.test_broadcast_to, xp=broken.SHAPE_FUNCTION)


@pytest.mark.parametrize("name", ["multiply", "subtract", "true_divide", "add"])
def test_the_real_namespace_passes_the_same_tests(name):
    """The control: the same test on jax.numpy itself finds nothing new."""
    with recording(Recorder()) as recorder:
        suite.test_binary_broadcasts(case=CASE[name], xp=__import__("jax.numpy").numpy)
    assert not new_kinds(recorder)

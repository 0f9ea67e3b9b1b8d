"""Bugs planted in the functions the tracing area's cases call (`conformance/cases/tracing.py`) are caught
by its tests with the ci budget: a wrong value eagerly, a value made concrete where JAX must refuse a
traced one (the entry TRACE-CONCRETIZATION-ERROR vanishing, or a wrong value), a total_repeat_length
padded with the wrong value."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from conformance.cases import tracing
from tests.conformance import test_tracing as suite
from tests.harness.broken import BrokenNamespace
from tests.harness.planted import fails_with, passes
from tests.harness.test_planted_unary import CI_ROWS

CASE = {c.name: c for c in tracing.CASES}


def _ravel_reversed(a, order="C"):
    return jnp.ravel(a, order=order)[::-1]


def _ravel_concrete_when_traced(a, order="C"):
    """A traced input's ravel is made of zeros, concrete: int() of it works under jit."""
    if isinstance(a, jax.core.Tracer):
        return np.zeros(np.size(a), a.dtype)
    return jnp.ravel(a, order=order)


def _repeat_padded_with_first(a, repeats, axis=None, *, total_repeat_length=None):
    out = jnp.repeat(a, repeats, axis=axis, total_repeat_length=total_repeat_length)
    if total_repeat_length is None:
        return out
    padded = jnp.arange(total_repeat_length) >= jnp.sum(repeats)
    return jnp.where(padded, jnp.ravel(a)[0], out)


RAVEL_REVERSED = BrokenNamespace("ravel reverses", ravel=_ravel_reversed)
RAVEL_CONCRETE = BrokenNamespace("ravel of a traced array is concrete zeros",
                                 ravel=_ravel_concrete_when_traced)
REPEAT_PADS_WITH_FIRST = BrokenNamespace("total_repeat_length pads with the first value",
                                         repeat=_repeat_padded_with_first)


@pytest.mark.parametrize(("case", "namespace", "kinds"), [
    ("int(xp.ravel(a)[0])", RAVEL_REVERSED, "values"),
    # under jit the planted Python value comes back as a 32-bit array: a dtype difference too
    ("int(xp.ravel(a)[0])", RAVEL_CONCRETE, ("values", "error-parity", "dtype")),
    ("bool(xp.ravel(a)[0])", RAVEL_CONCRETE, ("values", "error-parity", "dtype")),
], ids=lambda v: getattr(v, "planted", v))
def test_a_planted_scalar_bug_is_caught(case, namespace, kinds):
    fails_with(kinds, suite.test_a_value_read_in_python, budget=CI_ROWS, case=CASE[case], xp=namespace)


def test_a_total_repeat_length_padded_with_the_first_value_is_caught():
    fails_with("values", suite.test_repeat_with_a_total_length, budget=CI_ROWS, xp=REPEAT_PADS_WITH_FIRST)


@pytest.mark.slow  # the controls (nox -s slow)
def test_the_real_namespace_passes_the_same_searches():
    passes(suite.test_a_value_read_in_python, case=CASE["int(xp.ravel(a)[0])"], xp=jnp)
    passes(suite.test_repeat_with_a_total_length, xp=jnp)


def test_each_read_of_a_traced_value_has_its_own_error():
    """The entry asserts JAX's error for each way of reading the value: bool's TracerBoolConversionError
    message where int's ConcretizationTypeError is expected is new, and so is any error eagerly."""
    from conformance import environment
    from conformance.check import judge
    from conformance.example import Example
    from conformance.outcome import Outcome, Raised
    from conformance.runner import run_numpy

    def example(name, mode, message):
        case, args = CASE[name], (np.array([3, 1], np.int32),)
        jax_outcome = Outcome(error=Raised("ConcretizationTypeError", message, ("TypeError",)))
        return Example(case, args, mode, environment.current(), run_numpy(case, args), jax_outcome)

    scalar = "Abstract tracer value encountered where concrete value is expected: traced array"
    truth = "Attempted boolean conversion of traced array with shape bool[]."
    assert str(judge(example("int(xp.ravel(a)[0])", "jit", scalar))) == "known:TRACE-CONCRETIZATION-ERROR"
    assert str(judge(example("bool(xp.ravel(a)[0])", "folded", truth))) == "known:TRACE-CONCRETIZATION-ERROR"
    assert judge(example("int(xp.ravel(a)[0])", "jit", truth)).status == "new"
    assert judge(example("int(xp.ravel(a)[0])", "eager", scalar)).status == "new"


def test_uint64_repeat_counts_are_asserted():
    """x64 on: jnp.repeat(a, a) of uint64 [2, 1] is [2, 2, 1] where NumPy refuses the counts (known); a
    JAX that refused them too would be the entry vanishing, and other values are new."""
    from dataclasses import replace

    from conformance import environment
    from conformance.check import judge, judge_vanished
    from conformance.example import Example
    from conformance.outcome import Outcome, Raised, Value
    from conformance.runner import run_numpy

    case, args = CASE["xp.repeat(a, a)"], (np.array([2, 1], np.uint64),)
    env = replace(environment.current(), x64=True)

    def example(jax_outcome, mode="eager"):
        return Example(case, args, mode, env, run_numpy(case, args), jax_outcome)

    repeated = Outcome((Value(np.array([2, 2, 1], np.uint64)),))
    assert str(judge(example(repeated))) == "known:MANIP-REPEAT-UINT64-COUNTS"
    assert judge(example(Outcome((Value(np.array([2, 1, 1], np.uint64)),)))).status == "new"
    refused = Outcome(error=Raised("TypeError", "Cannot cast array data from dtype('uint64')",
                                   ("TypeError",)))
    assert judge_vanished(example(refused)).status == "vanished"

"""The modes: vmap batches an example and judges it element by element; folded mode compiles the arrays as
constants, which XLA evaluates while compiling; a bug that shows only when traced (or only under vmap, or
only folded) is caught, and the report shows that the modes disagree."""

import subprocess
import sys
from dataclasses import replace

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from conformance.case import Case
from conformance.cases import broadcasting as cases
from conformance.check import NewDivergence, check, check_sets
from conformance.modes import DISAGREEMENTS, disagreement
from conformance.recorder import Recorder, recording
from conformance.reproducer import reproducer
from conformance.runner import batch_elements, run_jax, run_numpy_batch
from tests.conformance import test_broadcasting as suite
from tests.harness.broken import BrokenNamespace
from tests.harness.planted import fails_with

CASE = {c.name: c for c in cases.ALL}


def _add_wrong_when_traced(a, b):
    """Right eagerly; off by one under jit or vmap (a bug in a lowering, not in the eager path)."""
    out = jnp.add(a, b)
    return (out + 1).astype(out.dtype) if isinstance(out, jax.core.Tracer) else out


def _multiply_wrong_under_vmap(a, b):
    """Right eagerly and under jit; under vmap the result is doubled (a bug in a batching rule).
    JAX's batching tracer is recognised by its class name: the class itself is private."""
    out = jnp.multiply(a, b)
    if type(out).__name__ != "BatchTracer":
        return out
    return jnp.logical_not(out) if out.dtype == bool else out + out


def _flip_wrong_when_folded(m, axis=None):
    """Right eagerly and under jit; reversed again when the input is a constant of a jitted function (its
    input concrete, its result traced)."""
    out = jnp.flip(m, axis=axis)
    folded = isinstance(out, jax.core.Tracer) and not isinstance(m, jax.core.Tracer)
    return jnp.flip(out, axis=axis) if folded else out


TRACED_ONLY = BrokenNamespace("add is off by one when traced", add=_add_wrong_when_traced)
VMAP_ONLY = BrokenNamespace("multiply is doubled under vmap", multiply=_multiply_wrong_under_vmap)
FOLDED_ONLY = BrokenNamespace("flip flips back when folded", flip=_flip_wrong_when_folded)


def test_elementwise_cases_opt_into_vmap_and_others_keep_the_default():
    assert all("vmap" in c.modes for c in (*cases.BINARY, cases.WHERE, cases.CLIP))
    assert cases.BROADCAST_TO.modes == ("eager", "jit")
    assert Case(name="x", area="a", fn=lambda xp, a: a, source="a").modes == ("eager", "jit")
    with pytest.raises(ValueError, match="unknown modes"):
        Case(name="x", area="a", fn=lambda xp, a: a, source="a", modes=("pmap",))


def test_the_batch_is_the_input_and_its_values_reversed():
    a, scalar = np.arange(6, dtype=np.int16).reshape(2, 3), np.float32(2.5)
    first, second = batch_elements((a, scalar, 3))
    assert first[0] is a and second[1] is scalar and second[2] == 3
    np.testing.assert_array_equal(second[0], [[5, 4, 3], [2, 1, 0]])
    stacked = run_numpy_batch(CASE["add"], (a, scalar))
    assert stacked.values[0].shape == (2, 2, 3) and stacked.values[0].dtype == np.float32
    refused = run_numpy_batch(CASE["add"], (a, np.zeros(4, np.int16)))
    assert refused.error is not None and refused.error.kind() == "ValueError"


def test_vmap_agrees_on_real_jax_and_catalogue_entries_match_per_element():
    a, b = np.array([[1.0, 2.0, np.nan]], np.float32), np.array([3.0, -0.0, 1.0], np.float32)
    assert [str(v) for v in check(CASE["add"], a, b, modes=("vmap",))] == ["agree"]
    outcome = run_jax(CASE["add"], (a, b), xp=jnp, mode="vmap")
    assert outcome.values[0].shape == (2, 1, 3)
    # integer division by zero is catalogued; its model positions come from one element's arguments
    verdicts = check(CASE["floor_divide"], np.array([7, 8, 9], np.int32), np.array([0, 2, 3], np.int32),
                     modes=("vmap",))
    assert [str(v) for v in verdicts] == ["known:NUM-INT-FLOOR-DIVIDE-BY-ZERO"]
    assert verdicts[0].difference.summary.startswith("batch element 0:")


def test_a_bug_only_when_traced_is_caught_and_the_modes_disagree():
    recorder = fails_with("values", suite.test_binary_broadcasts, case=CASE["add"], xp=TRACED_ONLY)
    news = [d for d in recorder.divergences.values() if d["status"] == "new"]
    assert {m for d in news for m in d["modes"]} == {"jit", "vmap"}
    row = recorder.tables[DISAGREEMENTS]["cells"]["broadcasting: add"]
    assert row["eager"] == "agree" and row["jit"] == "NEW values"


def test_a_bug_only_under_vmap_is_caught_by_the_vmap_mode():
    recorder = fails_with("values", suite.test_binary_broadcasts, case=CASE["multiply"], xp=VMAP_ONLY)
    news = [d for d in recorder.divergences.values() if d["status"] == "new"]
    assert {m for d in news for m in d["modes"]} == {"vmap"}
    assert any("batch element" in d["smallest"]["summary"] for d in news)


def test_a_bug_only_when_folded_is_caught_by_the_folded_mode():
    from conformance.registry import BY_NAME
    from tests.conformance import test_registry

    recorder = fails_with("values", test_registry.test_axes_row, row=BY_NAME["flip"], xp=FOLDED_ONLY)
    news = [d for d in recorder.divergences.values() if d["status"] == "new"]
    assert {m for d in news for m in d["modes"]} == {"folded"}


def test_folded_mode_computes_while_compiling():
    """The arrays are constants XLA folds: a product that underflows to a subnormal keeps it, where the
    compiled kernel (jit) flushes it to zero. (Were JAX to pass the constants as parameters, folded
    would be jit again: this test says so.)"""
    args = (np.array([1e-38], np.float32), np.array([0.5], np.float32))
    folded = run_jax(CASE["multiply"], args, xp=jnp, mode="folded").values[0].array
    traced = run_jax(CASE["multiply"], args, xp=jnp, mode="jit").values[0].array
    assert folded[0] == np.float32(5e-39) and traced[0] == 0


def test_the_folded_reproducer_runs_and_prints_both_sides():
    args = (np.array([1e-38], np.float32), np.array([0.5], np.float32))
    code = reproducer(CASE["multiply"], args, mode="folded", x64=False)
    assert "jax.jit(lambda: jnp.multiply(a, b))" in code
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            check=True, env={"JAX_PLATFORMS": "cpu", "PATH": ""})
    assert result.stdout.splitlines()[1].startswith("jax:   Array([5.e-39]")


def test_the_failure_says_that_the_modes_disagree():
    a, b = np.array([1, 2], np.int32), np.array([3, 4], np.int32)
    with recording(Recorder()), pytest.raises(NewDivergence) as failure:
        check(CASE["add"], a, b, xp=TRACED_ONLY)
    message = str(failure.value)
    assert "[jit, vmap]" in message
    assert "The modes disagree on this example: eager agree, jit NEW values, vmap NEW values." in message


def test_disagreement_is_none_when_every_mode_agrees():
    a, b = np.array([1, 2], np.int32), np.array([3, 4], np.int32)
    with recording(Recorder()) as recorder:
        verdicts = check(CASE["add"], a, b)
    assert disagreement(dict(zip(("eager", "jit", "vmap"), verdicts, strict=True))) is None
    assert DISAGREEMENTS not in recorder.tables


@pytest.mark.parametrize("case", ["add", "where", "x[idx] = v"])
def test_the_vmap_reproducer_runs_and_prints_both_sides(case):
    args = {"add": (np.array([1.5, -2.0], np.float32), np.float32(3.0)),
            "where": (np.array([True, False]), np.array([1, 2], np.int8), 7),
            "x[idx] = v": (np.arange(4, dtype=np.int32), slice(1, 3), np.array([9, 8], np.int32))}[case]
    code = reproducer(CASE[case], args, mode="vmap", x64=False)
    assert "jax.vmap(" in code
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            check=True, env={"JAX_PLATFORMS": "cpu", "PATH": ""})
    numpy_line, jax_line = result.stdout.splitlines()[0], "".join(result.stdout.splitlines()[1:])
    assert numpy_line.startswith("numpy: [") and jax_line.startswith("jax:   Array(")


def test_a_case_without_arrays_cannot_be_batched():
    """Opting a case with nothing to trace into vmap shows up as JAX raising where NumPy does not."""
    shapes = replace(CASE["broadcast_shapes"], modes=("vmap",))
    assert run_jax(shapes, ((2, 3), (3,)), xp=jnp, mode="vmap").raised
    assert not run_numpy_batch(shapes, ((2, 3), (3,))).raised


@pytest.mark.filterwarnings("ignore::UserWarning")  # x64 off: 64-bit inputs are truncated, with a warning
def test_inputs_reach_jax_as_jnp_asarray_gives_them():
    """`to_jax` skips the identity computation jnp.asarray compiles per shape; it must give the same
    array: dtype canonicalized for the x64 mode, not weakly typed, uncommitted, the same values."""
    import ml_dtypes

    from conformance.runner import to_jax

    inputs = [np.array([0, 1, -1, 2**31 + 5, -2**40], np.int64), np.array([2**64 - 1, 3], np.uint64),
              np.array([1e300, -0.0, np.nan, 1e-310], np.float64), np.array([1e300j, 1 + 2j]),
              np.array([1.5, np.inf], ml_dtypes.bfloat16), np.float64(3.5), np.int64(2**40),
              np.array(True), np.zeros((0, 3), np.float16), np.bool_(False)]
    with np.errstate(all="ignore"):
        for array in inputs:
            expected, actual = jnp.asarray(array), to_jax(array)
            assert (actual.dtype, actual.shape, actual.weak_type, actual.committed) == (
                expected.dtype, expected.shape, expected.weak_type, expected.committed)
            np.testing.assert_array_equal(np.asarray(actual), np.asarray(expected))


def test_check_sets_stops_after_a_set_on_which_both_sides_raise():
    """gcd of floats raises on both sides in every mode: the dtype decides, so the next set is skipped;
    with ints both sets compute and are checked; a Python scalar keeps the sets going."""
    gcd = next(c for c in cases.BINARY if c.name == "gcd")
    floats = [(np.ones(2, np.float32), np.ones(2, np.float32))] * 2
    ints = [(np.ones(2, np.int32), np.ones(2, np.int32))] * 2
    with_scalar = [(np.ones(2, np.float32), 1.0)] * 2
    with recording(Recorder()):
        assert [len(check_sets(gcd, sets)) for sets in (floats, ints, with_scalar)] == [1, 2, 2]
        assert all(v.both_raised for v in check_sets(gcd, floats)[0])
        assert not any(v.both_raised for v in check_sets(gcd, ints)[0])


def _registry_example(name, args, mode, jax_outcome):
    from conformance import environment
    from conformance.example import Example
    from conformance.operation import case_of
    from conformance.registry import BY_NAME
    from conformance.runner import run_numpy

    case = case_of(BY_NAME[name])
    return Example(case, args, mode, environment.current(), run_numpy(case, args), jax_outcome)


def test_catalogue_models_follow_the_folded_mode():
    """Folded, XLA's constant folding keeps subnormals where it folds (jnp.all of a float32 subnormal is
    True, as in NumPy; its compiled kernel reads it as zero), and trim_zeros refuses a traced truth
    value instead of a traced input: each model says what its mode gives."""
    from conformance.check import judge, judge_vanished
    from conformance.outcome import Outcome, Raised, Value

    args = (np.array([1e-45, 1.0], np.float32), None, False)
    false, true = Outcome((Value(np.asarray(False)),)), Outcome((Value(np.asarray(True)),))
    assert str(judge(_registry_example("all", args, "jit", false))) == "known:NUM-SUBNORMAL-FLUSH"
    assert judge_vanished(_registry_example("all", args, "jit", true)).status == "vanished"
    # folded, what XLA folds is unflushed and the rest flushed: either, element by element
    assert str(judge_vanished(_registry_example("all", args, "folded", true))) == "agree"
    assert str(judge(_registry_example("all", args, "folded", false))) == "known:NUM-SUBNORMAL-FLUSH"
    imaginary = (np.array([1j, 1.0], np.complex64), None, False)  # the real part is read folded too
    for mode in ("jit", "folded"):
        assert str(judge(_registry_example("all", imaginary, mode, false))) == (
            "known:REDUCE-ANY-ALL-READ-REAL-PART")
    trim = (np.array([0, 3, 0], np.int32), "fb")
    truth = Outcome(error=Raised("TracerBoolConversionError", "Attempted boolean conversion of traced "
                                 "array with shape bool[].", ("TypeError",)))
    assert str(judge(_registry_example("trim_zeros", trim, "folded", truth))) == (
        "known:MANIP-DATA-DEPENDENT-SHAPE-UNDER-JIT")
    assert judge(_registry_example("trim_zeros", trim, "jit", truth)).status == "new"

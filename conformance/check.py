"""The heart of the pipeline: run an example on both sides, compare, explain, record, and fail on new
and vanished divergences."""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from conformance import environment, hangs, ulps
from conformance import modes as modes_
from conformance.case import Case
from conformance.catalogue import KnownDivergence, explain, known_hang, vanished_entry
from conformance.compare import EXACT, Difference, compare
from conformance.example import Example
from conformance.outcome import Outcome, Raised
from conformance.recorder import RECORDER, Recorder, active
from conformance.reproducer import reproducer
from conformance.runner import is_array_input, run_jax, run_numpy, run_numpy_elements, stack_outcomes

DID_NOT_FINISH = Outcome(error=Raised("DidNotFinish", "JAX did not finish: the example hangs"))


@dataclass(frozen=True)
class Verdict:
    status: str  # "agree", "known", "vanished" or "new"
    entry_id: str | None = None
    # known, new: JAX against NumPy; vanished: what the entry's model predicted against NumPy
    difference: Difference | None = None
    near_misses: tuple[str, ...] = ()
    left_over: tuple[str, ...] = ()  # the kinds of difference the near misses' models left
    both_raised: bool = False  # NumPy and JAX both raised (whether or not with the same error)
    # known: the model matched only by accepting any value at positions its entry's document calls
    # undefined (Value.free); the report's proof strength counts such examples apart
    undefined: bool = False
    # vanished: the entry's jax_versions gate excludes the running JAX (seen only with the version
    # gates off, as `nox -s history` runs): recorded, but it does not fail the run
    gated_out: bool = False

    def __str__(self) -> str:
        return f"{self.status}:{self.entry_id}" if self.status in ("known", "vanished") else self.status

    @property
    def fails(self) -> bool:
        """A new divergence, or a documented one that vanished inside its entry's version gate."""
        return self.status == "new" or (self.status == "vanished" and not self.gated_out)


class NewDivergence(AssertionError):
    """JAX differs from NumPy in a way no catalogue entry explains."""


class VanishedDivergence(NewDivergence):
    """A catalogue entry holds for an example and its model differs from NumPy, yet JAX agrees with
    NumPy: the documented behaviour is gone (JAX changed, or the entry is broader than the behaviour).
    A finding like a new divergence (a subclass, so that whatever fails on one fails on the other)."""


def judge(example: Example, catalogue: Iterable[KnownDivergence] | None = None) -> Verdict:
    """Compare, then explain a difference with the catalogue (the whole one unless given)."""
    difference = compare(example.numpy, example.jax, example.case.tolerance)
    if difference is None:
        return Verdict("agree")
    explanation = explain(example, difference, catalogue)
    if explanation.entries:
        return Verdict("known", explanation.id, difference, undefined=explanation.undefined)
    if difference.kind == "values" and _reduced_precision_is_exact(example):
        return Verdict("agree")
    return Verdict("new", None, difference, explanation.near_misses, explanation.left_over)


def _reduced_precision_is_exact(example: Example) -> bool:
    """A bfloat16/float16 result where NumPy's own step-by-step rounding is off the exact value rounded
    (so never a single correctly rounded operation), and JAX is within the dtype's bound of the exact
    value (ulps.exact_reference)."""
    exact = ulps.exact_reference(example)
    if exact is None:
        return False
    rounded = Outcome(tuple(replace(v, atol=None) for v in exact.values), exact.is_sequence)
    return (compare(rounded, example.numpy, EXACT) is not None
            and compare(exact, example.jax, example.case.tolerance) is None)


def judge_vanished(example: Example, catalogue: Iterable[KnownDivergence] | None = None) -> Verdict:
    """`judge`, and where JAX agrees with NumPy, whether a documented divergence vanished: an entry
    whose gates and trigger hold and whose model differs from NumPy, where JAX does not match it."""
    verdict = judge(example, catalogue)
    if verdict.status != "agree":
        return verdict
    start = time.perf_counter()
    found = vanished_entry(example, catalogue)
    active().seconds["vanished check"] += time.perf_counter() - start  # its cost, for the benchmark
    if found is None:
        return verdict
    entry, model, predicted = found
    summary = (f"agrees with numpy, where {entry.id} predicts a {predicted.kind} difference: its model "
               f"gives {model.describe()}")
    detail = _relabel(predicted.detail)
    if not detail.startswith("model:"):  # an error's detail names the model's outcome itself
        detail = "\n".join(filter(None, [f"model: {model.describe()}", detail]))
    return Verdict("vanished", entry.id, Difference(predicted.kind, summary, detail),
                   gated_out=not entry.inside_version_gate(example.env.jax))


def _relabel(detail: str) -> str:
    """A comparison of the model (expected) with NumPy's outcome (actual) labels them numpy and jax:
    say model and numpy."""
    return re.sub(r"\b(jax|numpy)\b", lambda m: {"jax": "numpy", "numpy": "model"}[m.group(1)], detail)


def check(case: Case, *args: Any, xp: Any = None, modes: Sequence[str] | None = None,
          recorder: Recorder | None = None) -> list[Verdict]:
    """Run `case` on `args` with NumPy and with `xp` (jax.numpy) in each mode; raise on a new divergence
    (NewDivergence) or a vanished one (VanishedDivergence: an entry's model differs from NumPy where JAX
    agrees with NumPy).

    Every example is recorded, whatever its verdict. `xp` exists so that harness tests can plant a bug.
    """
    __tracebackhide__ = True
    recorder = active() if recorder is None else recorder
    start = time.perf_counter()
    try:
        return _check(case, args, xp, modes, recorder)
    finally:  # the benchmark splits the harness's time into checking (in here) and generating (outside)
        recorder.seconds["check"] += time.perf_counter() - start


def _check(case: Case, args: Sequence[Any], xp: Any, modes: Sequence[str] | None,
           recorder: Recorder) -> list[Verdict]:
    __tracebackhide__ = True
    env = environment.current()
    listen_for_compiles()
    start = time.perf_counter()
    expected = run_numpy(case, args)
    recorder.seconds["numpy"] += time.perf_counter() - start
    verdicts, failures = [], []
    by_mode: dict[str, Verdict] = {}
    for mode, device in environment.placements(case.modes if modes is None else modes):
        numpy, elements = expected, None
        if mode == "vmap":  # NumPy's outcome is the batch's: each element's, stacked
            start = time.perf_counter()
            elements = run_numpy_elements(case, args, own=expected)
            numpy = stack_outcomes(elements)
            recorder.seconds["numpy"] += time.perf_counter() - start
        unfinished = Example(case, tuple(args), mode, env, numpy, DID_NOT_FINISH)
        hang = known_hang(unfinished)
        if hang is not None and _confirm_hang(recorder, hang.id, case, args, mode=mode, x64=env.x64):
            verdict = Verdict("known", hang.id, Difference("timeout", "does not finish"))
            recorder.record(unfinished, verdict)
            verdicts.append(verdict)
            by_mode[environment.device_label(mode, device)] = verdict
            continue
        recorder.in_flight = {"case": case, "args": tuple(args), "mode": mode, "env": env,
                              "numpy": numpy}
        start = time.perf_counter()
        actual = run_jax(case, args, xp=jnp if xp is None else xp, mode=mode, device=device)
        recorder.seconds["jax"] += time.perf_counter() - start
        recorder.in_flight = None
        example = Example(case, tuple(args), mode, env, numpy, actual)
        verdict = (judge_vanished(example) if elements is None
                   else modes_.judge_batch(example, elements, judge_vanished))
        verdict = replace(verdict, both_raised=numpy.raised and actual.raised)
        if device is not None:  # an every-device run: the report names the device with the mode
            example = replace(example, mode=environment.device_label(mode, device))
        recorder.record(example, verdict)
        if verdict.status == "agree":
            ulps.record_largest(recorder, example)
        verdicts.append(verdict)
        by_mode[example.mode] = verdict
        if verdict.fails:
            failures.append((example, verdict))
    disagreement = modes_.record_disagreement(recorder, case, by_mode)
    if failures:
        raise _failure(failures, disagreement)
    return verdicts


def _confirm_hang(recorder: Recorder, entry_id: str, case: Case, args: Sequence[Any], *, mode: str,
                  x64: bool) -> bool:
    """`hangs.confirmed`, timed: the subprocess runs the example on NumPy and JAX (the benchmark counts it
    with their calls, not as harness)."""
    start = time.perf_counter()
    try:
        return hangs.confirmed(entry_id, case, tuple(args), mode=mode, x64=x64)
    finally:
        recorder.seconds["hang confirmation"] += time.perf_counter() - start


def _has_inexact_array(args: Sequence[Any]) -> bool:
    """Whether an array among the arguments (in a sequence of arrays too) is float or complex (bfloat16:
    NumPy's kind "V")."""
    leaves = jax.tree_util.tree_leaves(list(args), is_leaf=lambda x: x is None)
    return any(np.asarray(a).dtype.kind in "fcV" for a in leaves if is_array_input(a))


def check_sets(case: Case, sets: Iterable[Sequence[Any]], *, xp: Any = None) -> list[list[Verdict]]:
    """`check` the value sets of one drawn dtype and shape (`strategies.value_sets`) in turn, until NumPy
    and JAX both raise on one in every mode; returns the verdicts of the sets checked. Folded mode checks
    the first set only.

    With array arguments only, such errors come from the dtypes and shapes, which the sets share (JAX's
    from tracing, which sees no values): the rest would raise the same. A raising example compiles
    nothing for the next set to reuse, so each of them would cost a full trace and an exception.
    A Python scalar argument keeps the sets going: its value can decide an error (out of range).
    """
    __tracebackhide__ = True
    checked = []
    for number, args in enumerate(sets):
        # folded mode compiles each example anew (its arrays are constants): the first set only, which
        # holds the planted values, and only with a float or complex array, where XLA's constant folder
        # and its kernels can disagree (subnormals, libm); bool and integer folding is exact arithmetic
        folds = number == 0 and _has_inexact_array(args)
        modes = None if folds else tuple(m for m in case.modes if m != "folded")
        verdicts = check(case, *args, xp=xp, modes=modes)
        checked.append(verdicts)
        if all(v.both_raised for v in verdicts) and all(is_array_input(a) for a in args):
            break
    return checked


# JAX's compile events, by the stage they time. "backend" is XLA's compile, or with the persistent cache
# the cache key and read (a hit skips XLA, never tracing or lowering).
_COMPILE_STAGES = {"/jax/core/compile/jaxpr_trace_duration": "trace",
                   "/jax/core/compile/jaxpr_to_mlir_module_duration": "lower",
                   "/jax/core/compile/backend_compile_duration": "backend"}
_CACHE_HIT = "/jax/compilation_cache/cache_retrieval_time_sec"
# The recorder's keys are "compile: <stage>" for each of these (the bench reads them).
COMPILE_STAGES = (*_COMPILE_STAGES.values(), "cache read")
_LISTENING: list[bool] = []
# Lowerings to MLIR in this process so far (the plugin clears JAX's caches once enough have piled up).
LOWERINGS = Counter()


def listen_for_compiles() -> None:
    """Add JAX's trace, lowering and compile durations to the session's recorder (once per process):
    "compile" in all, "compile: <stage>" for each stage, and "compile: cache read" (within backend)."""
    if _LISTENING:
        return
    import jax.monitoring

    def on_event(event: str, seconds: float, **_: Any) -> None:
        stage = _COMPILE_STAGES.get(event)
        if stage is not None:
            RECORDER.seconds["compile"] += seconds
            RECORDER.seconds[f"compile: {stage}"] += seconds
            LOWERINGS["lower"] += stage == "lower"
        elif event == _CACHE_HIT:
            RECORDER.seconds["compile: cache read"] += seconds

    jax.monitoring.register_event_duration_secs_listener(on_event)
    _LISTENING.append(True)


def describe_args(case: Case, args: Sequence[Any]) -> str:
    parts = []
    for name, arg in zip(case.arg_names, args, strict=False):
        if isinstance(arg, (np.ndarray, np.generic)):
            parts.append(f"{name}: {np.asarray(arg).dtype.name}{list(np.shape(arg))}")
        else:
            parts.append(f"{name}={arg!r}")
    return ", ".join(parts)


def _failure(failures: list[tuple[Example, Verdict]], disagreement: str | None = None) -> NewDivergence:
    """The error for the first new divergence, else for the first vanished one."""
    new = [(e, v) for e, v in failures if v.status == "new"]
    failures = new or failures
    example, verdict = failures[0]
    modes = ", ".join(e.mode for e, _ in failures)
    case = example.case
    if verdict.status == "vanished":
        lines = [
            f"{case.source} [{modes}]: the catalogue entry {verdict.entry_id} no longer holds (vanished): "
            f"jax agrees with numpy, where the entry's trigger holds and its model predicts a "
            f"{verdict.difference.kind} difference ({describe_args(case, example.args)})",
            f"  jax:   {example.jax.describe()}",
            f"  numpy: {example.numpy.describe()}",
            *("  " + line for line in verdict.difference.detail.splitlines()),
            f"  Narrow the trigger or fix the model of {verdict.entry_id}, or, where JAX changed, gate it "
            "with jax_versions (conformance/catalogue/).",
        ]
        error: NewDivergence = VanishedDivergence("\n".join(lines))
    else:
        lines = [
            f"{case.source} [{modes}]: {verdict.difference.summary} ({describe_args(case, example.args)})",
            f"  jax:   {example.jax.describe()}",
            f"  numpy: {example.numpy.describe()}",
        ]
        if verdict.difference.detail:
            lines += ["  " + line for line in verdict.difference.detail.splitlines()]
        lines += [f"  {miss}" for miss in verdict.near_misses]
        if disagreement:
            lines.append(f"  The modes disagree on this example: {disagreement}.")
        lines.append("  No catalogue entry explains this: triage it (conformance/catalogue/) or fix the "
                     "case.")
        error = NewDivergence("\n".join(lines))
    mode = example.mode
    error.add_note("Reproducer:\n" + reproducer(case, example.args, mode=mode, x64=example.env.x64))
    return error

"""The heart of the pipeline: run an example on both sides, compare, explain, record, and fail on new."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import jax.numpy as jnp
import numpy as np

from conformance import environment, hangs, ulps
from conformance import modes as modes_
from conformance.case import Case
from conformance.catalogue import CATALOGUE, KnownDivergence, explain, known_hang
from conformance.compare import EXACT, Difference, compare
from conformance.example import Example
from conformance.outcome import Outcome, Raised
from conformance.recorder import RECORDER, Recorder, active
from conformance.reproducer import reproducer
from conformance.runner import is_array_input, run_jax, run_numpy, run_numpy_elements, stack_outcomes

DID_NOT_FINISH = Outcome(error=Raised("DidNotFinish", "JAX did not finish: the example hangs"))


@dataclass(frozen=True)
class Verdict:
    status: str  # "agree", "known" or "new"
    entry_id: str | None = None
    difference: Difference | None = None
    near_misses: tuple[str, ...] = ()
    left_over: tuple[str, ...] = ()  # the kinds of difference the near misses' models left
    both_raised: bool = False  # NumPy and JAX both raised (whether or not with the same error)

    def __str__(self) -> str:
        return f"known:{self.entry_id}" if self.status == "known" else self.status


class NewDivergence(AssertionError):
    """JAX differs from NumPy in a way no catalogue entry explains."""


def judge(example: Example, catalogue: Iterable[KnownDivergence] | None = None) -> Verdict:
    """Compare, then explain a difference with the catalogue (the whole one unless given)."""
    difference = compare(example.numpy, example.jax, example.case.tolerance)
    if difference is None:
        return Verdict("agree")
    explanation = explain(example, difference, catalogue)
    if explanation.entries:
        return Verdict("known", explanation.id, difference)
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


def check(case: Case, *args: Any, xp: Any = None, modes: Sequence[str] | None = None,
          recorder: Recorder | None = None) -> list[Verdict]:
    """Run `case` on `args` with NumPy and with `xp` (jax.numpy) in each mode; raise on a new divergence.

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
    _listen_for_compiles()
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
        verdict = judge(example) if elements is None else modes_.judge_batch(example, elements, judge)
        verdict = replace(verdict, both_raised=numpy.raised and actual.raised)
        if device is not None:  # an every-device run: the report names the device with the mode
            example = replace(example, mode=environment.device_label(mode, device))
        recorder.record(example, verdict)
        if verdict.status == "agree":
            _record_agreed(recorder, example, elements)
            ulps.record_largest(recorder, example)
        verdicts.append(verdict)
        by_mode[example.mode] = verdict
        if verdict.status == "new":
            failures.append((example, verdict))
    disagreement = modes_.record_disagreement(recorder, case, by_mode)
    if failures:
        raise _failure(failures, disagreement)
    return verdicts


AGREED = "catalogue-agreed"
AGREED_TITLE = ("Catalogue entries whose trigger held and whose model differs from NumPy, where JAX agreed "
                "with NumPy")


def _record_agreed(recorder: Recorder, example: Example, elements: Sequence[Outcome] | None) -> None:
    """Mark each catalogue entry that predicted a divergence for this agreeing example (its gates and
    trigger hold, its model differs from NumPy) although JAX agreed: the entry "agreed" (presence only,
    in table AGREED; conformance/history.py reads it). A vmap example is checked per batch element.

    An entry already marked in this process is not evaluated again (the mark cannot change), so the cost
    falls to the triggers of the entries not yet marked.
    """
    start = time.perf_counter()
    marked = recorder.tables.get(AGREED, {}).get("cells", {})
    entries = [entry for entry in CATALOGUE if entry.id not in marked and entry.kinds != ("timeout",)]
    if entries:
        examples = [example] if elements is None else modes_.element_examples(example, elements)
        for entry in entries:
            if any(_predicts_divergence(entry, one) for one in examples):
                recorder.record_cell(AGREED, entry.id, "examples", 1, title=AGREED_TITLE, keep="max")
    recorder.seconds["agreed check"] += time.perf_counter() - start


def _predicts_divergence(entry: KnownDivergence, example: Example) -> bool:
    try:
        if not entry.holds_for(example):
            return False
        predicted = entry.predict(example)
        return compare(predicted.numpy, example.numpy, example.case.tolerance) is not None
    except Exception:  # noqa: BLE001 - an entry that cannot read this example says nothing (as in explain)
        return False


def _confirm_hang(recorder: Recorder, entry_id: str, case: Case, args: Sequence[Any], *, mode: str,
                  x64: bool) -> bool:
    """`hangs.confirmed`, timed: the subprocess runs the example on NumPy and JAX (the benchmark counts it
    with their calls, not as harness)."""
    start = time.perf_counter()
    try:
        return hangs.confirmed(entry_id, case, tuple(args), mode=mode, x64=x64)
    finally:
        recorder.seconds["hang confirmation"] += time.perf_counter() - start


def check_sets(case: Case, sets: Iterable[Sequence[Any]], *, xp: Any = None) -> list[list[Verdict]]:
    """`check` the value sets of one drawn dtype and shape (`strategies.value_sets`) in turn, until NumPy
    and JAX both raise on one in every mode; returns the verdicts of the sets checked.

    With array arguments only, such errors come from the dtypes and shapes, which the sets share (JAX's
    from tracing, which sees no values): the rest would raise the same. A raising example compiles
    nothing for the next set to reuse, so each of them would cost a full trace and an exception.
    A Python scalar argument keeps the sets going: its value can decide an error (out of range).
    """
    __tracebackhide__ = True
    checked = []
    for args in sets:
        verdicts = check(case, *args, xp=xp)
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


def _listen_for_compiles() -> None:
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
    example, verdict = failures[0]
    modes = ", ".join(e.mode for e, _ in failures)
    case = example.case
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
    lines.append("  No catalogue entry explains this: triage it (conformance/catalogue/) or fix the case.")
    error = NewDivergence("\n".join(lines))
    mode = example.mode
    error.add_note("Reproducer:\n" + reproducer(case, example.args, mode=mode, x64=example.env.x64))
    return error

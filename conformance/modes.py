"""The modes an example runs in (eager, jit, vmap): judging a vmap example element by element, and
noticing examples whose verdict depends on the mode.

A vmap example holds the example's own arguments and the stacked outcomes of the whole batch (what the
report shows). It is judged one batch element at a time, so that catalogue triggers and models see the
arguments of one call, exactly as in eager and jit mode.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from conformance.runner import batch_element, batch_elements

if TYPE_CHECKING:
    from conformance.case import Case
    from conformance.check import Verdict
    from conformance.example import Example
    from conformance.outcome import Outcome
    from conformance.recorder import Recorder

_SEVERITY = {"agree": 0, "known": 1, "vanished": 2, "new": 3}

DISAGREEMENTS = "mode-disagreements"
DISAGREEMENTS_TITLE = "Examples whose verdict depends on the mode (the latest such example of each case)"


def element_examples(example: Example, numpy: Sequence[Outcome]) -> list[Example]:
    """A vmap example as one example per batch element: that element's arguments, NumPy's outcome for
    them (`numpy`, from `run_numpy_elements`), and JAX's batched outcome at that element (an error JAX
    raised belongs to every element)."""
    return [replace(example, args=args, numpy=outcome, jax=batch_element(example.jax, index))
            for index, (args, outcome) in enumerate(zip(batch_elements(example.args), numpy,
                                                        strict=True))]


def judge_batch(example: Example, numpy: Sequence[Outcome], judge: Callable[[Example], Verdict]
                ) -> Verdict:
    """The worst verdict over the batch's elements (new, vanished, known, then agree), given NumPy's outcome
    for each element; a difference names the element it was found in."""
    worst = None
    for index, element in enumerate(element_examples(example, numpy)):
        verdict = judge(element)
        if worst is None or _SEVERITY[verdict.status] > _SEVERITY[worst.status]:
            if verdict.difference is not None:
                summary = f"batch element {index}: {verdict.difference.summary}"
                verdict = replace(verdict, difference=replace(verdict.difference, summary=summary))
            worst = verdict
    return worst


def label(verdict: Verdict) -> str:
    if verdict.status == "new":
        return f"NEW {verdict.difference.kind}"
    return str(verdict)


def disagreement(verdicts: Mapping[str, Verdict]) -> str | None:
    """`eager agree, jit NEW values` when the modes of one example reached different verdicts."""
    labels = {mode: label(verdict) for mode, verdict in verdicts.items()}
    if len(set(labels.values())) <= 1:
        return None
    return ", ".join(f"{mode} {text}" for mode, text in labels.items())


def record_disagreement(recorder: Recorder, case: Case, verdicts: Mapping[str, Verdict]) -> str | None:
    """Put an example whose verdict depends on the mode in the report's table of such examples."""
    note = disagreement(verdicts)
    if note is not None:
        for mode, verdict in verdicts.items():
            recorder.record_cell(DISAGREEMENTS, f"{case.area}: {case.name}", mode, label(verdict),
                                 title=DISAGREEMENTS_TITLE, keep="last")
    return note

"""The API surface: for every public function of NumPy's main namespace, `numpy.linalg` and `numpy.fft`,
whether jax.numpy has it and whether its signature matches (`inspect.signature`: parameter names, order,
kinds and defaults; annotations aside). Pure introspection: nothing compiles.

Each NumPy function is one example of the case `SIGNATURE` (area `api`), run on both namespaces: its
outcome is the signature as a tuple of parameter tokens (`describe_signature`: `"x1"`, `"/"`,
`"out=None"`, `"*"`, `"**kwargs"`, ...), or an AttributeError where the namespace lacks the function.
A difference is of kind `api`. What a caller can observe decides equality (`canonical`): positional-only
parameters by position (no call can name them), the order of positional-or-keyword parameters, the set
of keyword-only ones (their order is invisible to a caller), defaults by their repr.

Catalogue entries of kind `api` (`conformance/catalogue/api.py`) each model one family of differences
(ufunc keywords JAX omits, JAX's extension parameters, functions JAX leaves out, ...) as an edit of
NumPy's signature into JAX's. A function's differences usually span several families, so
`judge_signature` applies every entry that holds for the function in catalogue order, rather than the
one or two entries `catalogue.explain` composes: the example is known when JAX's signature equals the
composed model, new otherwise; where JAX equals NumPy although a holding entry's model differs from
NumPy, the documented difference vanished. Examples are recorded like every other (counts, smallest
example, reproducer) and each function gets a row of the report's API surface table.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from conformance import environment
from conformance.case import Case
from conformance.catalogue import CATALOGUE, KnownDivergence
from conformance.check import NewDivergence, VanishedDivergence, Verdict
from conformance.compare import Difference
from conformance.coverage import public_functions
from conformance.example import Example
from conformance.outcome import Outcome
from conformance.recorder import Recorder, active
from conformance.reproducer import reproducer
from conformance.runner import run_jax, run_numpy
from conformance.signatures import describe_signature, differences, introspectable, same_api, tokens_or_error

AREA = "api"
TABLE = "api-surface"  # the recorder table report.py moves into the report's `api_surface` section


def numpy_functions() -> list[str]:
    """The qualified names (`sum`, `linalg.norm`, `fft.fft`) of NumPy's public functions: callables that
    are not classes (scalar types, `dtype`, `errstate`... are classes), in the main namespace, linalg and
    fft, as the running NumPy has them."""
    return [*public_functions(np), *(f"{sub}.{name}" for sub in ("linalg", "fft")
                                     for name in public_functions(getattr(np, sub)))]


# -- the case, the judge and the check --------------------------------------------------------------------
SIGNATURE = Case(
    name="signature", area=AREA, fn=describe_signature, source="describe_signature(jnp, name)",
    arg_names=("name",), modes=("eager",), numpy_reference=lambda name: describe_signature(np, name),
    numpy_source="describe_signature(np, name)",  # the texts name each namespace: reproducers run as pasted
    imports=("from conformance.signatures import describe_signature  # inspect.signature as tokens",))


def api_entries(catalogue: Iterable[KnownDivergence] | None = None) -> list[KnownDivergence]:
    return [e for e in (CATALOGUE if catalogue is None else catalogue) if "api" in e.kinds]


def judge_signature(example: Example, catalogue: Iterable[KnownDivergence] | None = None) -> Verdict:
    """agree, known (every holding entry's model applied in turn gives JAX's signature), vanished, or
    new (module docstring). A signature either side cannot introspect is compared by presence only."""
    numpy, jax = example.numpy, example.jax
    if not (introspectable(numpy) and introspectable(jax)):
        numpy = jax = Outcome()  # present on both sides (missing on one is still a difference below)
        if example.jax.raised:
            jax = example.jax
    model, used, failed = numpy, [], []
    for entry in api_entries(catalogue):
        if not entry.holds_for(example) or entry.outputs is None:
            continue
        try:
            predicted = entry.outputs(example, model)
        except Exception as exc:  # noqa: BLE001 - an entry that cannot read this example explains nothing
            failed.append(f"{entry.id} cannot read this example: {type(exc).__name__}: {exc}")
            continue
        if not same_api(predicted, model):
            used.append(entry)
            model = predicted
    ids = "+".join(e.id for e in used) or None
    if same_api(numpy, jax):
        if not used:
            return Verdict("agree")
        found = differences(numpy, model)
        summary = f"agrees with numpy, where {ids} predicts: {'; '.join(found)}"
        return Verdict("vanished", ids, Difference("api", summary, f"model: {tokens_or_error(model)}"),
                       gated_out=not all(e.inside_version_gate(example.env.jax) for e in used))
    found = differences(numpy, jax)
    difference = Difference("api", "; ".join(found), f"jax:   {tokens_or_error(jax)}\n"
                                                     f"numpy: {tokens_or_error(numpy)}")
    if used and same_api(model, jax):
        return Verdict("known", ids, difference)
    misses = [*failed]
    if used:
        misses.append(f"{ids} apply, but jax differs from their model: "
                      f"{'; '.join(differences(model, jax))}")
    return Verdict("new", None, difference, tuple(misses), ("api",) * bool(used))


def check_signature(name: str, *, xp: Any = None, catalogue: Iterable[KnownDivergence] | None = None,
                    recorder: Recorder | None = None) -> Verdict:
    """Compare NumPy's `name` with `xp`'s (jax.numpy unless given); record the example and the function's
    row of the API surface table; raise NewDivergence (or VanishedDivergence) on a finding."""
    __tracebackhide__ = True
    import jax.numpy as jnp

    recorder = active() if recorder is None else recorder
    args = (name,)
    numpy = run_numpy(SIGNATURE, args)
    jax = run_jax(SIGNATURE, args, xp=jnp if xp is None else xp, mode="eager")
    example = Example(SIGNATURE, args, "eager", environment.current(), numpy, jax)
    verdict = judge_signature(example, catalogue)
    recorder.record(example, verdict)
    row = {"in jax.numpy": "no" if jax.raised else "yes",
           "signature": ("not introspectable" if not (introspectable(numpy) and introspectable(jax))
                         else "differs" if verdict.difference else "matches"),
           "differences": verdict.difference.summary if verdict.difference else "",
           "entry": {"new": "NEW"}.get(verdict.status, verdict.entry_id or "")}
    if verdict.status == "vanished":
        row["entry"] = f"VANISHED {verdict.entry_id}"
    for column, value in row.items():
        recorder.record_cell(TABLE, name, column, value, title="API surface", keep="last")
    if verdict.fails:
        raise _failure(example, verdict)
    return verdict


def _failure(example: Example, verdict: Verdict) -> NewDivergence:
    name = example.args[0]
    lines = [f"numpy.{name}: {verdict.difference.summary}",
             *("  " + line for line in verdict.difference.detail.splitlines()),
             *(f"  {miss}" for miss in verdict.near_misses)]
    if verdict.status == "vanished":
        lines.append(f"  The catalogue entry {verdict.entry_id} no longer holds: narrow its functions or "
                     "fix its model (conformance/catalogue/api.py).")
        error: NewDivergence = VanishedDivergence("\n".join(lines))
    else:
        lines.append("  No catalogue entry explains this: triage it (conformance/catalogue/api.py).")
        error = NewDivergence("\n".join(lines))
    error.add_note("Reproducer:\n" + reproducer(example.case, example.args, mode="eager",
                                                 x64=example.env.x64))
    return error

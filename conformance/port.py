"""Check a NumPy-to-JAX port: the suite's pipeline, as a public API for library authors.

    result = conformance.check_port(numpy_selu, jax_selu, args=(arrays(shape=(8,), dtype="float32"),))
    print(result.explain())

A port is a `Case` (area "port") whose body calls the JAX implementation and whose `numpy_reference` is
the NumPy one. Each generated input runs on both sides, eagerly and under `jax.jit` (every NumPy array
argument is traced, everything else is static, as in the suite); `judge` compares the outcomes and the
catalogue explains what it can; a private `Recorder` counts every example and `report.build` renders it.

How the search is driven, in two steps. First, a Hypothesis run generates `max_examples` inputs and never
fails: every example is recorded, whatever its verdict, so one divergence does not hide the others (a
failing Hypothesis test stops generating soon after its first failure). A divergence is identified by its
verdict and its catalogue id (or, when new, its kind of difference). Then, for each divergence found,
`hypothesis.find` searches again for an input that shows it and shrinks that input to a minimal one,
which the divergence keeps as its example. The counts in the result and the report are those of the
generated inputs; shrinking is not counted. With `shrink=False` there is no second step, and each
divergence keeps its smallest generated input (by size).
"""

from __future__ import annotations

import inspect
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import jax.numpy as jnp
from hypothesis import HealthCheck, Phase, Verbosity, find, given, settings
from hypothesis import errors as hypothesis_errors
from hypothesis import strategies as st

from conformance import environment, report, ulps
from conformance.case import Case
from conformance.catalogue import CATALOGUE, KnownDivergence
from conformance.check import judge
from conformance.compare import Tolerance, ToleranceSpec
from conformance.example import Example
from conformance.outcome import Outcome
from conformance.recorder import Recorder, recording
from conformance.runner import run_jax, run_numpy

AREA = "port"
DEFAULT_MAX_EXAMPLES = 25
MODES = ("eager", "jit")  # how the JAX implementation is called: as written, and under jax.jit
# A port is a computation of several steps, each rounded, in an order XLA may change (fusion under jit):
# where the caller sets no tolerance, a few ulps of each float dtype (conformance/ulps.py), not the 0 ulps
# the suite allows a single exactly rounded operation. bfloat16 and float16 results that NumPy's own
# step-by-step rounding puts further off are judged against the exact value (ulps.exact_reference).
PORT_ULPS = 4
PORT_TOLERANCE: Mapping[str, Tolerance] = {
    name: Tolerance(ulps=PORT_ULPS) for name in ("bfloat16", "float16", "float32", "float64", "complex64",
                                               "complex128")}

__all__ = ["Divergence", "PortError", "PortMismatch", "PortResult", "check_port", "port_test"]


class PortError(ValueError):
    """The port cannot be checked as given: the strategies generate nothing, an implementation raises on
    every input, or the two return outputs of different structure on every input."""


class PortMismatch(AssertionError):
    """A port's test found divergences that it does not allow (raised by `port_test`)."""


@dataclass(frozen=True)
class Divergence:
    """One way the port differs from its NumPy original, with its smallest example.

    `status` is "known" (a catalogue entry explains it: `catalogue_ids`) or "new" (nothing does).
    """

    status: str
    catalogue_ids: tuple[str, ...]
    kind: str  # error-parity, error-kind, structure, shape, dtype, values
    title: str
    source: str
    modes: tuple[str, ...]
    count: int  # examples that showed it
    smallest: Mapping[str, Any] = field(repr=False)  # the recorder's record of the smallest example

    @property
    def explained(self) -> bool:
        return self.status == "known"

    @property
    def reproducer(self) -> str:
        return self.smallest["reproducer"]

    def reason(self) -> str:
        """One line: why the port differs, from the catalogue, or that nothing explains it."""
        if self.explained:
            title = self.title[:1].lower() + self.title[1:]
            return f"differs because {title}: see {' + '.join(self.catalogue_ids)} ({self.source})"
        return "differs, and no catalogue entry explains it: a difference in the port, or in JAX"

    def explain(self) -> str:
        s = self.smallest
        lines = [f"[{self.status}] {self.kind}: {self.reason()}",
                 f"  seen in {self.count} examples ({', '.join(self.modes)}); smallest ({s['mode']}): "
                 f"{s['summary']}",
                 f"  jax:   {s['jax']}", f"  numpy: {s['numpy']}"]
        lines += [f"  {line}" for line in s["detail"].splitlines() if line]
        lines += [f"  near miss: {miss}" for miss in s["near_misses"]]
        lines += ["  reproducer:"] + [f"    {line}" for line in s["reproducer"].splitlines()]
        return "\n".join(lines)


@dataclass(frozen=True)
class PortResult:
    """What `check_port` found: every divergence (with its smallest example) and the suite's report."""

    name: str
    divergences: tuple[Divergence, ...]
    inputs: int  # inputs tried, shrinking included
    examples: int  # inputs times modes
    report: Mapping[str, Any] = field(repr=False)  # report.build's data: render or write it

    @property
    def ok(self) -> bool:
        """No divergence at all, explained or not."""
        return not self.divergences

    @property
    def unexplained(self) -> tuple[Divergence, ...]:
        return tuple(d for d in self.divergences if not d.explained)

    def catalogue_ids(self) -> set[str]:
        return {i for d in self.divergences for i in d.catalogue_ids}

    def not_allowed(self, allow: Sequence[str] = ()) -> tuple[Divergence, ...]:
        """The divergences left when known ones whose catalogue ids are all in `allow` are accepted."""
        _check_ids(allow)
        return tuple(d for d in self.divergences
                     if not (d.explained and set(d.catalogue_ids) <= set(allow)))

    def explain(self, divergences: Sequence[Divergence] | None = None) -> str:
        """The findings as text: a summary line, then each divergence with its reason and reproducer."""
        shown = self.divergences if divergences is None else tuple(divergences)
        env = self.report["environment"]
        where = (f"{self.examples} examples: {self.inputs} inputs, "
                 f"{', '.join(self.report['modes'])}; x64 {'on' if env['x64'] else 'off'}")
        if not shown:
            return f"port {self.name}: agrees with its NumPy original ({where})"
        lines = [f"port {self.name}: {len(shown)} divergence{'s' * (len(shown) != 1)} from its NumPy "
                 f"original ({where})"]
        for number, divergence in enumerate(shown, 1):
            lines += [f"{number}. {divergence.explain()}"]
        return "\n".join(lines)

    def assert_ok(self, *, allow: Sequence[str] = ()) -> None:
        """Raise PortMismatch, with the explanation, unless every divergence is known and allowed."""
        __tracebackhide__ = True
        remaining = self.not_allowed(allow)
        if remaining:
            raise PortMismatch(self.explain(remaining))

    def markdown(self) -> str:
        return report.render_markdown(dict(self.report))

    def write_report(self, directory: str | Path) -> list[Path]:
        """Write report.md and report.json, in the suite's format, into `directory`."""
        return report.write(dict(self.report), Path(directory))


def _check_ids(ids: Sequence[str]) -> None:
    from conformance.catalogue import BY_ID

    if isinstance(ids, str):
        raise TypeError(f"allow must be a sequence of catalogue ids, not the string {ids!r}")
    unknown = [i for i in ids if i not in BY_ID]
    if unknown:
        raise ValueError(f"not catalogue ids: {unknown}; see conformance/catalogue/ for the ids")


# -- validating the call ----------------------------------------------------------------------------
def _name_of(fn: Callable) -> str:
    return getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or type(fn).__name__


def _arg_strategies(args: Any) -> tuple[st.SearchStrategy, ...]:
    if isinstance(args, (st.SearchStrategy, str)) or not isinstance(args, Sequence):
        raise TypeError("args must be a tuple with one strategy (or fixed value) per positional "
                        f"argument, got {args!r}; for one argument write args=(strategy,)")
    return tuple(a if isinstance(a, st.SearchStrategy) else st.just(a) for a in args)


def _check_arity(fn: Callable, role: str, count: int) -> None:
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):  # builtins and some C functions have none: let the call tell
        return
    try:
        signature.bind(*range(count))
    except TypeError as exc:
        raise TypeError(f"{role} {_name_of(fn)}{signature} cannot take the {count} positional "
                        f"argument{'s' * (count != 1)} that args describes: {exc}") from None


def _arg_names(fn: Callable, count: int) -> tuple[str, ...]:
    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        params = []
    names = [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)][:count]
    names += [f"arg{i}" for i in range(len(names), count)]
    taken = {"np", "jnp", "jax", "f"}
    return tuple(f"{n}_" if n in taken else n for n in names)


def _importable(fn: Callable) -> tuple[str, str] | None:
    """Where `fn` can be imported from, if its module really holds it under its name (a function that
    `port_test` decorated does not: its name is the test's)."""
    module, qualname = getattr(fn, "__module__", None), getattr(fn, "__qualname__", None)
    if not module or not qualname or module == "__main__" or "<" in qualname:
        return None
    found: Any = sys.modules.get(module)
    for part in qualname.split("."):
        found = getattr(found, part, None)
    return (module, qualname) if found is fn else None


def _port_case(numpy_fn: Callable, jax_fn: Callable, *, name: str, arity: int,
               tolerance: ToleranceSpec, modes: tuple[str, ...]) -> tuple[Case, list[str]]:
    """The port as a Case, and the import lines its reproducers need."""
    arg_names = _arg_names(numpy_fn, arity)
    calls, imports = {}, []
    for role, fn in (("numpy", numpy_fn), ("jax", jax_fn)):
        where = _importable(fn)
        if where is None:
            calls[role] = f"{role}_fn"
            imports.append(f"# {role}_fn = ...  # {_name_of(fn)}: define it as in your code")
            continue
        module, qualname = where
        head = qualname.split(".")[0]
        alias = f"{role}_{head}" if _name_of(numpy_fn) == _name_of(jax_fn) else head
        imports.append(f"from {module} import {head}" + (f" as {alias}" if alias != head else ""))
        calls[role] = alias + qualname[len(head):]
    joined = ", ".join(arg_names)
    case = Case(name=name, area=AREA, fn=lambda xp, *a: jax_fn(*a),
                source=f"{calls['jax']}({joined})", arg_names=arg_names,
                numpy_reference=numpy_fn, numpy_source=f"{calls['numpy']}({joined})",
                tolerance=PORT_TOLERANCE if tolerance is None else tolerance, modes=modes)
    return case, imports


def _check_options(max_examples: Any, modes: Any, tolerance: Any) -> tuple[str, ...]:
    if not isinstance(max_examples, int) or isinstance(max_examples, bool) or max_examples < 1:
        raise ValueError(f"max_examples must be a positive int, got {max_examples!r}")
    modes = (modes,) if isinstance(modes, str) else tuple(modes)
    if not modes or set(modes) - set(MODES):
        raise ValueError(f"modes must be a non-empty subset of {MODES}, got {modes!r}")
    if tolerance is not None and not isinstance(tolerance, Tolerance) and not (
            isinstance(tolerance, Mapping) and all(isinstance(t, Tolerance) for t in tolerance.values())):
        raise TypeError("tolerance must be a conformance.Tolerance, a mapping from dtype name to "
                        f"Tolerance, or None (PORT_ULPS ulps), got {tolerance!r}")
    return modes


# -- judging ---------------------------------------------------------------------------------------
def _tolerant(entry: KnownDivergence) -> KnownDivergence:
    """The entry, with a trigger that does not apply where it raises. Triggers are written for the
    suite's cases (a power has two arguments); a port has any arguments, of any structure."""
    trigger = entry.trigger

    def safe(example: Example) -> bool:
        try:
            return bool(trigger(example))
        except Exception:  # noqa: BLE001 - a trigger that cannot read this example does not apply
            return False

    return replace(entry, trigger=safe)


@cache
def _catalogue() -> tuple[KnownDivergence, ...]:
    return tuple(_tolerant(entry) for entry in CATALOGUE)


# -- the search -------------------------------------------------------------------------------------
@dataclass
class _Tally:
    """What every input did, to tell a port that cannot be compared from one that diverges."""

    inputs: int = 0
    numpy_raised: Counter = field(default_factory=Counter)  # "Type: message" -> inputs
    jax_raised: Counter = field(default_factory=Counter)  # raised in every mode
    both_returned: int = 0
    structure_differs: int = 0
    structure_example: str = ""

    def add(self, numpy: Outcome, jax_outcomes: list[Outcome]) -> None:
        self.inputs += 1
        if numpy.raised:
            self.numpy_raised[f"{numpy.error.type}: {numpy.error.message}"] += 1
        if all(o.raised for o in jax_outcomes):
            self.jax_raised[f"{jax_outcomes[0].error.type}: {jax_outcomes[0].error.message}"] += 1
        for outcome in jax_outcomes:
            if numpy.raised or outcome.raised:
                continue
            self.both_returned += 1
            if outcome.is_sequence != numpy.is_sequence or len(outcome.values) != len(numpy.values):
                self.structure_differs += 1
                self.structure_example = (f"the JAX implementation returns {_structure(outcome)}, the "
                                          f"NumPy one {_structure(numpy)}")

    def problem(self, name: str) -> str | None:
        for side, raised in (("NumPy", self.numpy_raised), ("JAX", self.jax_raised)):
            if self.inputs and sum(raised.values()) == self.inputs:
                first, _ = raised.most_common(1)[0]
                return (f"port {name}: the {side} implementation raised on every one of the "
                        f"{self.inputs} inputs tried, so there is nothing to compare; for example "
                        f"{first}")
        if self.both_returned and self.structure_differs == self.both_returned:
            return (f"port {name}: the outputs have different structure on every input: "
                    f"{self.structure_example}; return the same structure (one array, or a tuple of "
                    "arrays) from both")
        return None


def _structure(outcome: Outcome) -> str:
    return f"a sequence of {len(outcome.values)}" if outcome.is_sequence else "one array"


def _run_input(case: Case, args: tuple, recorder: Recorder, tally: _Tally | None = None
               ) -> list[tuple[str, str]]:
    """Run one input in every mode of the case, record each example; the divergences' signatures."""
    env = environment.current()
    expected = run_numpy(case, args)
    signatures, outcomes = [], []
    for mode in case.modes:
        actual = run_jax(case, args, xp=jnp, mode=mode)
        outcomes.append(actual)
        example = Example(case, args, mode, env, expected, actual)
        verdict = judge(example, _catalogue())
        recorder.record(example, verdict)
        if verdict.status == "agree":
            ulps.record_largest(recorder, example)
        if verdict.difference is not None:
            signatures.append((verdict.status, verdict.entry_id or verdict.difference.kind))
    if tally is not None:
        tally.add(expected, outcomes)
    return sorted(set(signatures))


def _settings(*, max_examples: int, derandomize: bool, phases: tuple[Phase, ...]) -> settings:
    return settings(max_examples=max_examples, derandomize=derandomize, database=None, deadline=None,
                    phases=phases, verbosity=Verbosity.quiet, print_blob=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _generate(case: Case, strategies: tuple, recorder: Recorder, tally: _Tally, *, max_examples: int,
              derandomize: bool) -> dict[tuple[str, str], tuple]:
    """Run `max_examples` generated inputs, recording every example; the first input of each divergence."""
    first: dict[tuple[str, str], tuple] = {}

    @_settings(max_examples=max_examples, derandomize=derandomize,
               phases=(Phase.explicit, Phase.generate))
    @given(st.tuples(*strategies))
    def search(args):
        for signature in _run_input(case, args, recorder, tally):
            first.setdefault(signature, args)

    try:
        search()
    except (hypothesis_errors.Unsatisfiable, hypothesis_errors.FailedHealthCheck,
            hypothesis_errors.InvalidArgument) as exc:
        raise PortError(f"port {case.name}: the argument strategies are invalid or cannot generate "
                        f"inputs: {type(exc).__name__}: {exc}") from exc
    return first


def _shrink(case: Case, strategies: tuple, signature: tuple[str, str], *, max_examples: int,
            derandomize: bool) -> tuple | None:
    """A minimal input that shows the divergence `signature` (hypothesis.find), or None if the search
    does not meet it again within `max_examples` inputs."""
    try:
        return find(st.tuples(*strategies),
                    lambda args: signature in _run_input(case, args, Recorder()),
                    settings=_settings(max_examples=max_examples, derandomize=derandomize,
                                       phases=(Phase.generate, Phase.shrink)))
    except (hypothesis_errors.NoSuchExample, hypothesis_errors.Unsatisfiable):
        return None


def _keep_example(case: Case, recorder: Recorder, signature: tuple[str, str], args: tuple) -> None:
    """The divergence `signature` keeps `args` as its smallest example (the one shrinking found)."""
    scratch = Recorder()
    _run_input(case, args, scratch)
    for record in scratch.divergences.values():
        if (record["status"], record["id"] or record["kind"]) != signature:
            continue
        for mine in recorder.divergences.values():
            if (mine["status"], mine["id"] or mine["kind"]) == signature:
                mine["smallest"] = record["smallest"]


def check_port(numpy_fn: Callable, jax_fn: Callable, *, args: Sequence[Any],
               max_examples: int = DEFAULT_MAX_EXAMPLES, modes: Sequence[str] = MODES,
               tolerance: ToleranceSpec = None, name: str | None = None, shrink: bool = True,
               derandomize: bool = True) -> PortResult:
    """Run a NumPy function and its JAX port on generated inputs; return every divergence found.

    - `args`: one Hypothesis strategy per positional argument (`conformance.port_strategies.arrays`
      builds them from a shape and a dtype); a value that is not a strategy is passed as is. NumPy
      arrays are traced under `jit`, everything else (Python scalars, shapes) is static.
    - `max_examples`: inputs to generate (default 25), plus those tried while shrinking.
    - `modes`: "eager" and/or "jit" (default both): how the JAX implementation is called.
    - `tolerance`: a `Tolerance` (`ulps`, and/or `rtol` and `atol` as in NumPy's `assert_allclose`), or
      a mapping from dtype name to one; None allows PORT_ULPS (4) ulps of each float dtype; integers
      and bools are exact, and so is the sign of a zero unless the tolerance has an `atol`.
    - `name`: the port's name in the report (default: the JAX function's name).
    - `shrink`: shrink each divergence to a minimal example (default True).
    - `derandomize`: the same inputs on every run (default True); False draws new ones each time.

    The x64 mode is the one in force (`jax_enable_x64`). Divergences are matched against the catalogue:
    known ones say why they happen and where JAX documents it. Raises TypeError or ValueError for bad
    arguments, and PortError when the strategies cannot generate inputs, an implementation raises on
    every input, or the outputs differ in structure (a tuple against an array) on every input.
    """
    for role, fn in (("numpy_fn", numpy_fn), ("jax_fn", jax_fn)):
        if not callable(fn):
            raise TypeError(f"{role} must be callable, got {type(fn).__name__}: {fn!r}")
    strategies = _arg_strategies(args)
    modes = _check_options(max_examples, modes, tolerance)
    for role, fn in (("numpy_fn", numpy_fn), ("jax_fn", jax_fn)):
        _check_arity(fn, role, len(strategies))
    name = name or _name_of(jax_fn)
    case, imports = _port_case(numpy_fn, jax_fn, name=name, arity=len(strategies),
                               tolerance=tolerance, modes=modes)
    recorder, tally = Recorder(), _Tally()
    with recording(recorder):
        first = _generate(case, strategies, recorder, tally, max_examples=max_examples,
                          derandomize=derandomize)
        problem = tally.problem(name)
        if problem:
            raise PortError(problem)
        for signature in first if shrink else ():
            minimal = _shrink(case, strategies, signature, max_examples=max_examples,
                              derandomize=derandomize)
            if minimal is not None:
                _keep_example(case, recorder, signature, minimal)
    for record in recorder.divergences.values():
        record["smallest"]["reproducer"] = _with_imports(record["smallest"]["reproducer"], imports)
    recorder.record_test("passed" if not recorder.divergences else "failed")
    data = report.build(recorder, session=f"port {name}", profile=f"check_port(max_examples="
                        f"{max_examples}, shrink={shrink})", seed="derandomized" if derandomize else
                        "random", exitstatus=int(bool(recorder.divergences)), processes=1)
    data["modes"] = list(modes)
    divergences = tuple(
        Divergence(status=d["status"], catalogue_ids=tuple(d["id"].split("+")) if d["id"] else (),
                   kind=d["kind"], title=d["title"], source=d["source"], modes=tuple(d["modes"]),
                   count=d["count"], smallest=d["smallest"])
        for d in data["divergences"])
    return PortResult(name=name, divergences=divergences, inputs=tally.inputs,
                      examples=recorder.examples, report=data)


def _with_imports(reproducer: str, imports: list[str]) -> str:
    lines = reproducer.splitlines()
    at = lines.index("import jax.numpy as jnp") + 1 if "import jax.numpy as jnp" in lines else 0
    return "\n".join(lines[:at] + imports + lines[at:])


def port_test(numpy_fn: Callable, jax_fn: Callable | None = None, *, args: Sequence[Any],
              allow: Sequence[str] = (), report_dir: str | Path | None = None, **options: Any):
    """A pytest test that checks a port: fails with the explanation on any divergence not allowed.

    Two forms, one line each:

        test_selu = port_test(numpy_selu, jax_selu, args=(arrays(shape=(8,), dtype="float32"),))

        @port_test(numpy_selu, args=(arrays(shape=(8,), dtype="float32"),))
        def test_selu(x):  # the body is the JAX implementation
            return jnp.where(x > 0, x, ALPHA * jnp.expm1(x)) * SCALE

    `allow` lists catalogue ids whose divergences the port accepts (say "DTYPE-X64-OFF-32BIT" for a port
    meant to run with x64 off); `report_dir` writes the suite's report there; every other keyword goes to
    `check_port`.
    """
    _check_ids(allow)

    def make(jax_impl: Callable) -> Callable[[], None]:
        def test() -> None:
            __tracebackhide__ = True
            result = check_port(numpy_fn, jax_impl, args=args, **options)
            if report_dir is not None:
                result.write_report(report_dir)
            result.assert_ok(allow=allow)

        # not functools.wraps: pytest would read the wrapped signature and look for fixtures
        name = getattr(jax_impl, "__name__", "port")
        test.__name__ = name if name.startswith("test") else f"test_{name}"
        test.__qualname__ = test.__name__
        test.__module__ = getattr(jax_impl, "__module__", __name__)
        test.__doc__ = getattr(jax_impl, "__doc__", None)
        return test

    return make if jax_fn is None else make(jax_fn)

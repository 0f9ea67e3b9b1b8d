"""The catalogue of known divergences between jax.numpy and NumPy: data, matched per example.

An entry explains a difference only when its trigger holds for the example AND JAX's outcome equals the
entry's model (what JAX documents it does, computed from NumPy). A JAX that differs from NumPy in some
other way is a new divergence, even where an entry's trigger fires.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from conformance.compare import KINDS, Difference, compare
from conformance.environment import Environment
from conformance.example import Example
from conformance.outcome import Outcome

Trigger = Callable[[Example], bool]
Inputs = Callable[[Example], tuple]
Outputs = Callable[[Example, Outcome], Outcome]

# `nox -s history` runs each JAX release with CONFORMANCE_VERSION_GATES=off: every entry then applies
# whatever its `jax_versions`, so that conformance/history.py can see where an entry holds and check the
# gate against it (an entry gated off a release could never be seen there).
VERSION_GATES = os.environ.get("CONFORMANCE_VERSION_GATES", "on") != "off"


@dataclass(frozen=True, kw_only=True)
class KnownDivergence:
    """One documented (or observed and triaged) difference, with the rule that says when it applies."""

    id: str  # stable: AREA-WHAT, e.g. NUM-SUBNORMAL-FLUSH
    area: str
    title: str
    numpy: str  # what NumPy does
    jax: str  # what JAX does instead
    why: str
    source: str  # JAX docs URL or issue; or "observed by this suite, undocumented upstream"
    condition: str  # the trigger, in words, for the report
    kinds: tuple[str, ...]  # the difference kinds it explains (see compare.KINDS)
    trigger: Trigger
    # The model of what JAX does, in two steps that compose across entries: `inputs` rewrites the
    # arguments the way JAX reads them (wrapped ints, flushed subnormals); NumPy runs on them; `outputs`
    # rewrites NumPy's outcome into what JAX documents (32-bit dtypes, free positions, an error).
    inputs: Inputs | None = None
    outputs: Outputs | None = None
    jax_versions: str = ""  # a PEP 440 specifier; empty means every version
    # the same for NumPy, where NumPy's side changed (2.5 raises where 2.4 returned); always applied
    numpy_versions: str = ""
    platforms: tuple[str, ...] = ()  # JAX backends it holds on; empty means all
    x64: bool | None = None  # holds only with x64 on (True) or off (False); None: both
    modes: tuple[str, ...] = ()  # empty means every mode
    notes: str = field(default="")
    # The document (URL, and what it says) that calls JAX's value undefined or implementation-defined
    # where the model accepts any value (free positions). Required for every entry whose model frees
    # positions: everywhere else a model asserts what JAX returns.
    undefined: str = ""

    def __post_init__(self) -> None:
        bad = set(self.kinds) - set(KINDS)
        if bad or not self.kinds:
            raise ValueError(f"{self.id}: kinds must be a non-empty subset of {KINDS}, got {self.kinds}")
        SpecifierSet(self.jax_versions)  # fail at import on a malformed specifier
        SpecifierSet(self.numpy_versions)
        if self.inputs is None and self.outputs is None and self.kinds != ("timeout",):
            raise ValueError(f"{self.id}: a model needs `inputs`, `outputs` or both")

    def predict(self, example: Example) -> Example:
        """The example as this entry says JAX sees it: rewritten inputs, and the outcome JAX documents."""
        with np.errstate(all="ignore"):  # models compute with the same edge values as the example
            args = example.args if self.inputs is None else tuple(self.inputs(example))
            outcome = example.numpy if self.inputs is None else example.rerun_numpy(args)
            if self.outputs is not None:
                outcome = self.outputs(example, outcome)
        return replace(example, args=args, numpy=outcome)

    def applies_to(self, example: Example, difference: Difference) -> bool:
        return difference.kind in self.kinds and self.holds_for(example)

    def inside_version_gate(self, jax_version: str) -> bool:
        """Whether `jax_versions` admits this JAX (whatever VERSION_GATES says)."""
        return not self.jax_versions or _admits(self.jax_versions, jax_version)

    def holds_for(self, example: Example) -> bool:
        """The entry's gates and its trigger."""
        return self.admits(example.env, example.mode) and self.trigger(example)

    def admits(self, env: Environment, mode: str) -> bool:
        """The entry's gates (versions, platform, x64, mode; the jax version gate only where VERSION_GATES
        is on): the same for every example of a run and mode."""
        return ((not VERSION_GATES or self.inside_version_gate(env.jax))
                and (not self.numpy_versions or _admits(self.numpy_versions, env.numpy))
                and (not self.platforms or env.platform in self.platforms)
                and (self.x64 is None or self.x64 == env.x64)
                and (not self.modes or mode in self.modes))


@lru_cache(maxsize=256)
def _admits(specifier: str, version: str) -> bool:
    """Parsed once per (gate, version): every agreeing example asks every entry (`vanished_entry`)."""
    return Version(version) in SpecifierSet(specifier)


@dataclass(frozen=True)
class Explanation:
    entries: tuple[KnownDivergence, ...]  # empty: nothing explains the difference
    near_misses: tuple[str, ...] = ()  # entries whose trigger fired but whose model JAX did not match
    left_over: tuple[str, ...] = ()  # for each such entry, the kind of difference its model left
    # JAX matched the model only by the values it accepts at free positions (documented as undefined)
    undefined: bool = False

    @property
    def id(self) -> str | None:
        return "+".join(e.id for e in self.entries) or None


# At most this many entries explain one difference together (a dtype rule, a flushed subnormal and an
# order of zeros meet in one clip of a Python float).
MAX_CHAIN = 3


def explain(example: Example, difference: Difference,
            catalogue: Iterable[KnownDivergence] | None = None) -> Explanation:
    """The entries that explain this difference, if JAX does exactly what they document together.

    One entry, or a chain of up to MAX_CHAIN: what remains after the first entries' prediction may be
    explained by a next one whose trigger holds on that prediction (a Python int that wraps to 0, then
    divides by zero). Shorter chains are tried first, so a chain never names an entry that a shorter one
    made redundant.
    """
    entries = tuple(CATALOGUE if catalogue is None else catalogue)
    misses, left_over = [], []
    # (chain, what each entry of the chain read, the chain's prediction, what it leaves)
    frontier: list[tuple[tuple[KnownDivergence, ...], tuple[Example, ...], Example, Difference]] = []
    for first in entries:  # one entry alone, before any chain
        try:
            if not first.applies_to(example, difference):
                continue
            predicted = first.predict(example)
        except Exception as exc:  # noqa: BLE001 - an entry that cannot read this example explains nothing
            misses.append(f"{first.id} cannot read this example: {type(exc).__name__}: {exc}")
            continue
        rest = compare(predicted.numpy, example.jax, example.case.tolerance)
        if rest is None:
            undefined = needs_free_positions(predicted.numpy, example)
            if not undefined or first.undefined:
                return Explanation((first,), undefined=undefined)
            misses.append(_UNCITED.format(first.id))
            left_over.append("values")
            continue
        frontier.append(((first,), (example,), predicted, rest))
    singles = list(frontier)
    for _ in range(MAX_CHAIN - 1):
        longer = []
        for chain, views, predicted, rest in frontier:
            for entry in entries:
                try:
                    if entry in chain or not entry.applies_to(predicted, rest):
                        continue
                    combined = _predict_chain(example, (*chain, entry), (*views, predicted))
                except Exception:  # noqa: BLE001 - as above: this chain explains nothing
                    continue
                left = compare(combined.numpy, example.jax, example.case.tolerance)
                if left is None:
                    undefined = needs_free_positions(combined.numpy, example)
                    if not undefined or any(e.undefined for e in (*chain, entry)):
                        return Explanation((*chain, entry), undefined=undefined)
                    continue
                longer.append(((*chain, entry), (*views, predicted), combined, left))
        frontier = longer
    for (first,), _, _, rest in singles:
        misses.append(f"{first.id} applies, but jax {rest.summary.replace('numpy', 'its model')}")
        left_over.append(rest.kind)
    return Explanation((), tuple(misses), tuple(left_over))


_UNCITED = ("{} matches only by accepting any value at free positions, and its entry cites no "
            "document that calls them undefined (undefined=)")


def needs_free_positions(model: Outcome, example: Example) -> bool:
    """JAX's outcome matches `model` only thanks to the free positions the model added (any value
    accepted there): the model with only the free positions of the case's own reference (NumPy's
    outcome: a matmul bound where the sum may overflow) would not match. Proof strength: such an example
    proves less than one matched by an asserting model, and only a document that calls those values
    undefined allows it."""
    if model.raised or all(v.free is None or not np.any(v.free) for v in model.values):
        return False
    own = example.numpy.values if not example.numpy.raised else ()
    frees = [own[i].free if i < len(own) and own[i].shape == v.shape else None
             for i, v in enumerate(model.values)]
    strict = replace(model, values=tuple(replace(v, free=f) for v, f in zip(model.values, frees,
                                                                           strict=True)))
    return compare(strict, example.jax, example.case.tolerance) is not None


def vanished_entry(example: Example, catalogue: Iterable[KnownDivergence] | None = None
                   ) -> tuple[KnownDivergence, Outcome, Difference] | None:
    """For an example where JAX agrees with NumPy: the first entry that holds (gates and trigger), whose
    model differs from NumPy in a kind the entry documents, and which JAX does not match either; with its
    model's outcome and how that differs from NumPy's. None where no documented divergence vanished.
    (A model that differs in another kind is one half of a pair: a dtype entry's NumPy rerun on 32-bit
    inputs may raise where JAX's gather rule, another entry's model, reads the index.)"""
    entries = _admitted(example.env, example.mode) if catalogue is None else tuple(
        e for e in catalogue if e.kinds != ("timeout",) and e.admits(example.env, example.mode))
    for entry in entries:
        try:
            if not entry.trigger(example):
                continue
            model = entry.predict(example).numpy
            predicted = compare(model, example.numpy, example.case.tolerance)
            if predicted is None or predicted.kind not in entry.kinds \
                    or compare(model, example.jax, example.case.tolerance) is None:
                continue
        except Exception:  # noqa: BLE001 - an entry that cannot read this example predicts nothing
            continue
        return entry, model, predicted
    return None


def _admitted(env: Environment, mode: str) -> tuple[KnownDivergence, ...]:
    """The catalogue's entries whose gates admit this run and mode, but a hang's (the vanished check asks
    each for every agreeing example: the gates once per run and mode). Keyed by the catalogue's
    identity and VERSION_GATES too: tests replace them."""
    key = (id(CATALOGUE), VERSION_GATES, env, mode)
    found = _ADMITTED.get(key)
    if found is None or found[0] is not CATALOGUE:
        found = _ADMITTED[key] = (CATALOGUE, tuple(e for e in CATALOGUE
                                                   if e.kinds != ("timeout",) and e.admits(env, mode)))
    return found[1]


_ADMITTED: dict[tuple, tuple[tuple[KnownDivergence, ...], tuple[KnownDivergence, ...]]] = {}


def _predict_chain(example: Example, chain: tuple[KnownDivergence, ...],
                   views: tuple[Example, ...]) -> Example:
    """The chain's models at once: the last entry's input rewrite on what the others predicted (each
    entry reads `views[i]`: the example, then each shorter chain's prediction), one NumPy run, then each
    entry's output rewrite with the arguments it saw."""
    last, view = chain[-1], views[-1]
    with np.errstate(all="ignore"):
        args = view.args if last.inputs is None else tuple(last.inputs(view))
        rewritten = any(entry.inputs is not None for entry in chain)
        outcome = example.rerun_numpy(args) if rewritten else example.numpy
        for entry, seen in zip(chain, views, strict=True):
            if entry.outputs is not None:
                outcome = entry.outputs(seen, outcome)
    return replace(example, args=args, numpy=outcome)


def known_hang(example: Example) -> KnownDivergence | None:
    """The entry saying that JAX never finishes this example, if one holds (checked before running)."""
    for entry in CATALOGUE:
        if entry.kinds == ("timeout",) and entry.holds_for(example):
            return entry
    return None


# One module per topic, each with a tuple ENTRIES.
TOPICS = ("numerics", "complex_values", "signed_zeros", "special_values", "dtypes", "promotion",
          "broadcasting", "matmul", "indexing", "updates", "immutability", "prng", "casts", "non_array",
          "api", "unary", "complex_unary", "complex_inverse", "queries", "manipulation", "reductions",
          "statistics", "tracing", "creation", "composites", "ordering", "index_tools", "signals",
          "histograms", "order_statistics", "index_arrays", "samplers", "polynomials", "comparisons",
          "bits", "selection", "function_tools", "fft", "decompositions", "solvers", "norms",
          "least_squares", "padding")


def _load() -> tuple[KnownDivergence, ...]:
    from importlib import import_module

    entries = tuple(e for topic in TOPICS for e in import_module(f"conformance.catalogue.{topic}").ENTRIES)
    ids = [e.id for e in entries]
    duplicated = {i for i in ids if ids.count(i) > 1}
    if duplicated:
        raise ValueError(f"duplicate catalogue ids: {sorted(duplicated)}")
    return entries


CATALOGUE: tuple[KnownDivergence, ...] = _load()
BY_ID = {entry.id: entry for entry in CATALOGUE}

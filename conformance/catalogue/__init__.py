"""The catalogue of known divergences between jax.numpy and NumPy: data, matched per example.

An entry explains a difference only when its trigger holds for the example AND JAX's outcome equals the
entry's model (what JAX documents it does, computed from NumPy). A JAX that differs from NumPy in some
other way is a new divergence, even where an entry's trigger fires.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from packaging.specifiers import SpecifierSet
from packaging.version import Version

from conformance.compare import KINDS, Difference, compare
from conformance.example import Example
from conformance.outcome import Outcome

Trigger = Callable[[Example], bool]
Model = Callable[[Example], Outcome]


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
    model: Model
    jax_versions: str = ""  # a PEP 440 specifier; empty means every version
    platforms: tuple[str, ...] = ()  # JAX backends it holds on; empty means all
    x64: bool | None = None  # holds only with x64 on (True) or off (False); None: both
    modes: tuple[str, ...] = ()  # empty means every mode
    notes: str = field(default="")

    def __post_init__(self) -> None:
        bad = set(self.kinds) - set(KINDS)
        if bad or not self.kinds:
            raise ValueError(f"{self.id}: kinds must be a non-empty subset of {KINDS}, got {self.kinds}")
        SpecifierSet(self.jax_versions)  # fail at import on a malformed specifier

    def applies_to(self, example: Example, difference: Difference) -> bool:
        env = example.env
        return (
            difference.kind in self.kinds
            and (not self.jax_versions or Version(env.jax) in SpecifierSet(self.jax_versions))
            and (not self.platforms or env.platform in self.platforms)
            and (self.x64 is None or self.x64 == env.x64)
            and (not self.modes or example.mode in self.modes)
            and self.trigger(example)
        )


@dataclass(frozen=True)
class Explanation:
    entry: KnownDivergence | None
    near_misses: tuple[str, ...] = ()  # entries whose trigger fired but whose model JAX did not match


def explain(example: Example, difference: Difference,
            catalogue: Iterable[KnownDivergence] | None = None) -> Explanation:
    """The entry that explains this difference, if JAX does exactly what that entry documents."""
    misses = []
    for entry in CATALOGUE if catalogue is None else catalogue:
        if not entry.applies_to(example, difference):
            continue
        expected = entry.model(example)
        off = compare(expected, example.jax, example.case.tolerance)
        if off is None:
            return Explanation(entry)
        misses.append(f"{entry.id} applies, but jax {off.summary.replace('numpy', 'its model')}")
    return Explanation(None, tuple(misses))


def _load() -> tuple[KnownDivergence, ...]:
    from conformance.catalogue import broadcasting, dtypes, numerics

    entries = (*numerics.ENTRIES, *dtypes.ENTRIES, *broadcasting.ENTRIES)
    ids = [e.id for e in entries]
    duplicated = {i for i in ids if ids.count(i) > 1}
    if duplicated:
        raise ValueError(f"duplicate catalogue ids: {sorted(duplicated)}")
    return entries


CATALOGUE: tuple[KnownDivergence, ...] = _load()
BY_ID = {entry.id: entry for entry in CATALOGUE}

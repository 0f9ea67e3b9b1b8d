"""A function's signature as data: parameter tokens (what the API surface case returns), parameters, and
the form a caller can observe (`canonical`). A leaf module: the catalogue's api entries and
conformance/surface.py both read it."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from conformance.outcome import Outcome, Raised, Value

NOT_INTROSPECTABLE = "<signature not introspectable>"
_KINDS = {  # inspect's kinds, in the order a signature lists them
    inspect.Parameter.POSITIONAL_ONLY: "positional-only",
    inspect.Parameter.POSITIONAL_OR_KEYWORD: "positional-or-keyword",
    inspect.Parameter.VAR_POSITIONAL: "var-positional",
    inspect.Parameter.KEYWORD_ONLY: "keyword-only",
    inspect.Parameter.VAR_KEYWORD: "var-keyword",
}
KIND_ORDER = tuple(_KINDS.values())


def resolve(xp: Any, name: str) -> Any:
    """`xp.<name>` for a qualified name; AttributeError naming the namespace where it is missing."""
    target = xp
    for part in name.split("."):
        if not hasattr(target, part):
            raise AttributeError(f"{getattr(xp, '__name__', xp)} has no function {name!r}")
        target = getattr(target, part)
    return target


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # one of KIND_ORDER
    default: str | None = None  # repr of the default; None: no default


def _default_repr(value: Any) -> str:
    return re.sub(r" at 0x[0-9a-f]+", "", repr(value))  # a function's repr without its address


def describe_signature(xp: Any, name: str) -> tuple[str, ...]:
    """The signature of `xp.<name>` as parameter tokens (`("a", "axis=None", "*", "where=True")`), or
    `(NOT_INTROSPECTABLE,)`; raises AttributeError where `xp` lacks the function."""
    function = resolve(xp, name)
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return (NOT_INTROSPECTABLE,)
    return to_tokens([Param(p.name, _KINDS[p.kind],
                            None if p.default is inspect.Parameter.empty else _default_repr(p.default))
                      for p in signature.parameters.values()])


def to_tokens(params: Iterable[Param]) -> tuple[str, ...]:
    """Parameters (sorted by kind, stable) as tokens, with the `/` and `*` markers `inspect` prints."""
    params = sorted(params, key=lambda p: KIND_ORDER.index(p.kind))
    tokens: list[str] = []
    for i, p in enumerate(params):
        if p.kind == "keyword-only" and not any(q.kind == "var-positional" for q in params[:i]) and (
                i == 0 or params[i - 1].kind != "keyword-only"):
            tokens.append("*")
        prefix = {"var-positional": "*", "var-keyword": "**"}.get(p.kind, "")
        tokens.append(prefix + p.name + ("" if p.default is None else f"={p.default}"))
        if p.kind == "positional-only" and (i + 1 == len(params) or params[i + 1].kind != "positional-only"):
            tokens.append("/")
    return tuple(tokens)


def from_tokens(tokens: Sequence[str]) -> list[Param]:
    """The inverse of `to_tokens`."""
    marker = tokens.index("/") if "/" in tokens else -1
    params, keyword_only = [], False
    for i, token in enumerate(tokens):
        if token in ("/", "*"):
            keyword_only = keyword_only or token == "*"
            continue
        if token.startswith("**"):
            params.append(Param(token[2:], "var-keyword"))
            continue
        if token.startswith("*"):
            params.append(Param(token[1:], "var-positional"))
            keyword_only = True
            continue
        name, _, default = token.partition("=")
        kind = ("positional-only" if i < marker else "keyword-only" if keyword_only
                else "positional-or-keyword")
        params.append(Param(name, kind, default if "=" in token else None))
    return params


def tokens_of(outcome: Outcome) -> tuple[str, ...]:
    return tuple(str(v.array.item()) for v in outcome.values)


def outcome_of(params: Iterable[Param]) -> Outcome:
    """A model's outcome: these parameters, as `describe_signature` would return them."""
    return Outcome(tuple(Value(np.asarray(t)) for t in to_tokens(params)), is_sequence=True)


def canonical(params: Sequence[Param]) -> tuple:
    """What a caller can observe (module docstring)."""
    return (tuple(p.default for p in params if p.kind == "positional-only"),
            tuple((p.name, p.default) for p in params if p.kind == "positional-or-keyword"),
            any(p.kind == "var-positional" for p in params),
            frozenset((p.name, p.default) for p in params if p.kind == "keyword-only"),
            any(p.kind == "var-keyword" for p in params))


def introspectable(outcome: Outcome) -> bool:
    return outcome.raised or tokens_of(outcome) != (NOT_INTROSPECTABLE,)


def same_api(a: Outcome, b: Outcome) -> bool:
    """Equal as a caller sees them: both missing, or the same canonical signature."""
    if a.raised or b.raised:
        return a.raised and b.raised and a.error.kind() == b.error.kind()
    return canonical(from_tokens(tokens_of(a))) == canonical(from_tokens(tokens_of(b)))


def differences(expected: Outcome, actual: Outcome) -> list[str]:
    """What differs, in short phrases (`no out, where`, `extra size (keyword-only, default None)`,
    `axis: default -1, numpy None`). A positional-only parameter JAX names otherwise at the same
    position is the same parameter (its name is not part of the API)."""
    if actual.raised and not expected.raised:
        return ["missing from jax.numpy"]
    if expected.raised and not actual.raised:
        return ["present in jax.numpy, missing from the model"]
    if expected.raised:
        return []
    old_params, new_params = from_tokens(tokens_of(expected)), from_tokens(tokens_of(actual))
    old_positional = [p.name for p in old_params if p.kind == "positional-only"]
    new_positional = [p.name for p in new_params if p.kind == "positional-only"]
    aliases = dict(zip(new_positional, old_positional, strict=False))
    old = _by_name(old_params)
    new = _by_name([Param(aliases.get(p.name, p.name), p.kind, p.default)
                    if p.kind == "positional-only" else p for p in new_params])
    out = []
    gone = [n for n in old if n not in new]
    if gone:
        out.append("no " + ", ".join(gone))
    extra = [f"{n} ({new[n].kind}{_default(new[n])})" for n in new if n not in old]
    if extra:
        out.append("extra " + ", ".join(extra))
    for name in (n for n in old if n in new):
        a, b = old[name], new[name]
        if a.kind != b.kind:
            out.append(f"{name}: {b.kind}, numpy {a.kind}")
        if a.default != b.default:
            out.append(f"{name}: default {b.default or 'none'}, numpy {a.default or 'none'}")
    both = [n for n in old if n in new and old[n].kind == new[n].kind == "positional-or-keyword"]
    if both != [n for n in new if n in both]:
        out.append("positional-or-keyword parameters in another order")
    return out


def _by_name(params: Sequence[Param]) -> dict[str, Param]:
    """Parameters by name; the var ones by their star (`*args`, `**kwargs`: their names are not part
    of the API)."""
    return {{"var-positional": "*args", "var-keyword": "**kwargs"}.get(p.kind, p.name): p for p in params}


def _default(p: Param) -> str:
    return "" if p.default is None else f", default {p.default}"


def tokens_or_error(outcome: Outcome) -> str:
    if outcome.raised:
        return f"raises {outcome.error.type}: {outcome.error.message}"
    return "(" + ", ".join(tokens_of(outcome)) + ")"


def missing(name: str) -> Outcome:
    """A model's outcome for a function JAX does not have."""
    return Outcome(error=Raised("AttributeError", f"jax.numpy has no function {name!r}", ("AttributeError",)))

"""The registry's row type (`Operation`) and the machinery that turns a row into a `Case`.

A row is data: the function's name in each namespace, the dtype kinds and ranks of its array arguments,
its keyword options and their domains, its NumPy reference, tags, tolerance and modes. `case_of(row)`
builds the `Case` that `check`, the catalogue, the recorder and the reproducers already work with: its
`source` is `xp.<jnp name>(...)` (the coverage map reads it), its options are extra arguments passed by
keyword (Python values: static under jit, printed as they are by a reproducer).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from conformance.case import ALL_MODES, Case
from conformance.compare import ToleranceSpec


@dataclass(frozen=True)
class ShapeDomain:
    """An option whose values depend on the shape of the first array (an axis, a permutation, a new
    shape): `valid(shape)` lists the values NumPy accepts, `invalid(shape)` some it refuses (an axis
    out of range, a repeated axis, a size that does not match), drawn now and then so that both sides
    must refuse alike. `text` says what it draws (the registry's table and `--help` show it)."""

    text: str
    valid: Callable[[tuple[int, ...]], tuple[Any, ...]]
    invalid: Callable[[tuple[int, ...]], tuple[Any, ...]] = lambda shape: ()

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, kw_only=True, eq=False)  # rows compare and hash by identity (case_of caches)
class Operation:
    """One NumPy function checked against its jax.numpy counterpart.

    `name` is the attribute path in jax.numpy (`round`, later `linalg.norm`); `numpy_name` the one in
    NumPy (default: the same). `arrays` names the array arguments, `kinds` the NumPy dtype kinds
    (b, i, u, f, c) NumPy defines the function for (on the others both sides must refuse), `ranks` the
    smallest and largest rank drawn. `options` maps a keyword to the values it is drawn from: a tuple,
    or a `ShapeDomain` whose values depend on the drawn shape (an axis, a permutation).
    `numpy_reference` (with its text, `numpy_source`) replaces the NumPy function where it is not the
    reference. `tags` are the facts catalogue triggers and ulp budgets read (never the name).
    """

    name: str
    area: str
    numpy_name: str = ""
    arrays: tuple[str, ...] = ("a",)
    kinds: str = "biufc"
    ranks: tuple[int, int] = (0, 3)
    options: Mapping[str, tuple[Any, ...] | ShapeDomain] = field(default_factory=dict)
    numpy_reference: Callable[..., Any] | None = None
    numpy_source: str | None = None
    imports: tuple[str, ...] = ()  # the lines a reproducer needs for `numpy_source` (Case.imports)
    tags: frozenset[str] = frozenset()
    tolerance: ToleranceSpec = None
    modes: tuple[str, ...] = ALL_MODES
    # Kinds of `kinds` whose divergences are not triaged yet: the generic tests do not draw them (and
    # the coverage map can say so). Work left, stated as data, never a way to hide a finding.
    pending_kinds: str = ""
    # The keyword the drawn dtype is passed by, as a name ("int8"; None, the default, now and then), for
    # rows whose dtype is an option rather than an array's (creation: zeros(shape, dtype=...)): `kinds`
    # are then the requested dtype's. It comes after the options.
    dtype_keyword: str = ""
    # Options that are values of the result, not read as they are (full's fill_value): operands to the
    # catalogue's Python-int rules (Case.options leaves them out).
    operands: tuple[str, ...] = ()
    # (low, high): the first array argument is a sequence of low..high arrays (concatenate, stack), each
    # of the drawn dtype or, now and then, another (`registry_strategies.pieces`); (0, 0): one array.
    pieces: tuple[int, int] = (0, 0)
    # The sequence is passed unpacked, as positional arguments (meshgrid(*xi)), not as one list.
    unpacks: bool = False
    # Options passed only where another option has a value ({"constant_values": ("mode", "constant")}: pad
    # refuses constant_values in its other modes), on both sides.
    passed_if: Mapping[str, tuple[str, Any]] = field(default_factory=dict)
    # (result, *arguments) -> result: both sides' results put in one order before the comparison, where
    # the function leaves it free (Case.canonical, conformance/orderings.py)
    canonical: Callable[..., Any] | None = None
    # The option whose value, a tuple, is passed unpacked as positional arguments after the arrays
    # (gradient's *varargs, the spacing: () passes none), on both sides.
    varargs: str = ""
    # Options not passed where their value is None (gradient's edge_order: NumPy refuses None, jnp any
    # value), on both sides.
    optional: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if set(self.kinds) - set("biufc") or not self.kinds:
            raise ValueError(f"{self.name}: kinds must be letters from 'biufc', got {self.kinds!r}")
        if set(self.pending_kinds) - set(self.kinds):
            raise ValueError(f"{self.name}: pending_kinds must be some of kinds {self.kinds!r}")
        if not 0 <= self.ranks[0] <= self.ranks[1]:
            raise ValueError(f"{self.name}: ranks must be (low, high) with 0 <= low <= high")
        for keyword, domain in self.options.items():
            if not isinstance(domain, ShapeDomain) and not domain:
                raise ValueError(f"{self.name}: option {keyword!r} has an empty domain")

    def __str__(self) -> str:
        return self.name

    @property
    def checked_kinds(self) -> str:
        """The kinds the generic tests draw: `kinds` but the pending ones."""
        return "".join(k for k in self.kinds if k not in self.pending_kinds)


def resolve(namespace: Any, path: str) -> Any:
    """`namespace.linalg.norm` for the path `linalg.norm`."""
    target = namespace
    for part in path.split("."):
        target = getattr(target, part)
    return target


def call_text(prefix: str, row: Operation) -> str:
    """`xp.round(a, decimals=decimals)`: the call as a reproducer prints it."""
    keywords = (*row.options, *((row.dtype_keyword,) if row.dtype_keyword else ()))
    arguments = [*(f"*{a}" if row.unpacks else a for a in row.arrays),
                 *((f"*{row.varargs}",) if row.varargs else ()),
                 *(f"{k}={k}" for k in keywords
                   if k not in row.passed_if and k not in row.optional and k != row.varargs),
                 *(f"**({{{k!r}: {k}}} if {other} == {value!r} else {{}})"
                   for k, (other, value) in row.passed_if.items()),
                 *(f"**({{{k!r}: {k}}} if {k} is not None else {{}})" for k in row.optional)]
    return f"{prefix}.{row.name if prefix == 'xp' else row.numpy_name or row.name}({', '.join(arguments)})"


@cache
def case_of(row: Operation) -> Case:
    """The row as a Case: arguments are the arrays, then the options' values, in that order."""
    count, keywords = len(row.arrays), tuple(row.options)
    name, unpacks, passed_if = row.name, row.unpacks, row.passed_if
    varargs, optional = row.varargs, row.optional

    def body(xp, *args):
        arrays = (*args[0],) if unpacks else args[:count]
        options = dict(zip(keywords, args[count:], strict=True))
        for keyword, (other, value) in passed_if.items():
            if options[other] != value:
                del options[keyword]
        for keyword in optional:
            if options[keyword] is None:
                del options[keyword]
        positional = options.pop(varargs) if varargs else ()
        return resolve(xp, name)(*arrays, *positional, **options)

    keywords += (row.dtype_keyword,) if row.dtype_keyword else ()
    reference, reference_source = row.numpy_reference, row.numpy_source
    if reference is None and row.numpy_name and row.numpy_name != row.name:
        numpy_function = resolve(__import__("numpy"), row.numpy_name)

        def reference(*args):
            return numpy_function(*args[:count], **dict(zip(keywords, args[count:], strict=True)))

        reference_source = call_text("np", row)
    return Case(name=row.name, area=row.area, fn=body, source=call_text("xp", row),
                arg_names=(*row.arrays, *keywords), numpy_reference=reference,
                numpy_source=reference_source, imports=row.imports, tolerance=row.tolerance,
                dtype_kinds=row.kinds, modes=row.modes, tags=row.tags,
                options=tuple(k for k in keywords if k not in row.operands), canonical=row.canonical)

"""A Case is one operation under test, declared once: a body written against a namespace `xp`.

The same body runs on NumPy and on jax.numpy (CuPy's `numpy_cupy_allclose` pattern). Where NumPy has
no counterpart (`.at[]`), the case names its NumPy reference explicitly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from conformance.compare import ToleranceSpec, budget_tolerance

# eager, under jax.jit, under jax.vmap over a batch of two inputs, and "folded": jax.jit of a closure whose
# arrays are compile-time constants, which XLA may evaluate while compiling (its constant folding computes
# with other code than the compiled kernels: no flushing of subnormals, the C library's functions). See
# runner.py. A case opts into vmap where a batch dimension makes sense (elementwise functions) and into
# folded where a compile per example is cheap (one grid per function and dtype); the default stays eager
# and jit.
ALL_MODES = ("eager", "jit", "vmap", "folded")

@dataclass(frozen=True, kw_only=True)
class Case:
    """One operation, as data.

    `fn(xp, *args)` is the body; `numpy_reference(*args)`, when given, replaces `fn(numpy, *args)` on the
    NumPy side. `source` is the body as Python text with `xp` and the argument names, used to write
    reproducers (`"xp.add(a, b)"`); `arg_names` name the arguments in it. `imports` are the lines a
    reproducer needs for functions of this library that `source` or `numpy_source` call (a comment line
    may say what they compute): both texts are Python expressions that run as pasted.
    """

    name: str
    area: str
    fn: Callable[..., Any]
    source: str
    arg_names: tuple[str, ...] = ("a", "b")
    numpy_reference: Callable[..., Any] | None = None
    numpy_source: str | None = None  # the reference as text, when there is one
    imports: tuple[str, ...] = ()  # e.g. ("from conformance.cases.indexing import reference_take",)
    tolerance: ToleranceSpec = None  # and the ulp budget (conformance/ulps.py) for dtypes it leaves out
    dtype_kinds: str = "biufc"  # NumPy dtype kinds the case is defined for (b, i, u, f, c)
    modes: tuple[str, ...] = ("eager", "jit")  # any of ALL_MODES
    tags: frozenset[str] = field(default_factory=frozenset)  # free-form facts catalogue triggers read
    # Arguments that are options (an axis, an offset, decimals): read as they are, never operands of the
    # arithmetic (the catalogue's Python-int rules skip them). The registry's keyword options.
    options: tuple[str, ...] = ()
    # (result, *args) -> result: each side's single result rewritten into one order before the comparison,
    # where the function leaves the order free (partition: conformance/orderings.py); not under vmap
    canonical: Callable[..., Any] | None = None

    def __post_init__(self) -> None:
        if (self.numpy_reference is None) != (self.numpy_source is None):
            raise ValueError(f"case {self.name!r}: numpy_reference and numpy_source come together")
        unknown = set(self.modes) - set(ALL_MODES)
        if unknown:
            raise ValueError(f"case {self.name!r}: unknown modes {sorted(unknown)}")
        if self.canonical is not None and "vmap" in self.modes:
            raise ValueError(f"case {self.name!r}: a canonical result is not compared under vmap")
        # Every caller of compare passes case.tolerance: resolve the ulp budget into it once. A mapping
        # the case sets keeps its dtypes; the budget fills in the others.
        budget = budget_tolerance(self.name, self.tags)
        if self.tolerance is None or (budget and isinstance(self.tolerance, Mapping)):
            object.__setattr__(self, "tolerance", {**(budget or {}), **(self.tolerance or {})} or None)

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:  # Hypothesis prints it in every falsifying example
        return f"<case {self.area}:{self.name}>"

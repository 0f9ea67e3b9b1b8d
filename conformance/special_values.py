"""Special-value grids: every combination of a dtype's special values, as one example per function and dtype.

Random draws reach a combination of two edge values (a subnormal base to a negative power, NaN against
-0.0) only by luck. A grid checks all of them at once: for an n-ary elementwise function, the full cross
product of the dtype's special values, flattened into n arrays of equal length (cell i is the call on
`args[0][i], ..., args[n-1][i]`). The arrays have one shape per dtype and arity, and nothing is broadcast
(an outer product would add XLA's rewrites of broadcast operands to what is tested), so each grid costs
one compile per mode.

>>> a, b = cross_product(special_values(np.dtype("int8")), arity=2)
>>> a.size == b.size == len(special_values(np.dtype("int8"))) ** 2
True
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import product

import ml_dtypes
import numpy as np

from conformance import registry
from conformance.case import Case
from conformance.cases import broadcasting
from conformance.operation import case_of
from conformance.strategies import BFLOAT16, available_dtypes, kind_of

AREA = "special-values"


def _finfo(dtype: np.dtype):
    return ml_dtypes.finfo(dtype) if dtype == BFLOAT16 else np.finfo(dtype)


def real_special_values(dtype: np.dtype) -> list[float]:
    """A float dtype's special values: +-0, +-1, +-inf, NaN, the smallest subnormal and the smallest
    normal, the largest finite value and epsilon, each with both signs."""
    info = _finfo(np.dtype(dtype))
    magnitudes = [1.0, float(info.smallest_subnormal), float(info.tiny), float(info.max), float(info.eps),
                  np.inf]
    return [0.0, -0.0, *(sign * m for m in magnitudes for sign in (1.0, -1.0)), np.nan]


def complex_parts(dtype: np.dtype) -> list[float]:
    """The reduced real set a complex dtype pairs as real and imaginary parts: +-0, +-1, +-inf, NaN,
    the smallest subnormal and the largest finite value of its component dtype (81 complex values)."""
    info = _finfo(np.dtype(np.float32 if np.dtype(dtype).itemsize == 8 else np.float64))
    return [0.0, -0.0, 1.0, -1.0, np.inf, -np.inf, np.nan, float(info.smallest_subnormal), float(info.max)]


def integer_special_values(dtype: np.dtype) -> list[int]:
    """An integer dtype's extremes (min, max), -1, 0, 1, and the values where shifts and powers change
    behaviour: 2, the bit width and one less."""
    info = np.iinfo(np.dtype(dtype))
    values = [int(info.min), -1, 0, 1, 2, info.bits - 1, info.bits, int(info.max)]
    return sorted({v for v in values if info.min <= v <= info.max})


def special_values(dtype: np.dtype) -> np.ndarray:
    """The dtype's special values, one each, as a 1-D array of the dtype."""
    dtype = np.dtype(dtype)
    kind = kind_of(dtype)
    if kind == "b":
        return np.array([False, True])
    if kind in "iu":
        return np.array(integer_special_values(dtype), dtype=dtype)
    if kind == "c":
        parts = complex_parts(dtype)
        return np.array([complex(r, i) for r, i in product(parts, parts)], dtype=dtype)
    return np.array(real_special_values(dtype), dtype=np.float64).astype(dtype)


def cross_product(*values: np.ndarray, arity: int | None = None) -> tuple[np.ndarray, ...]:
    """Flattened cross product: `arity` arrays (or one per `values` given) of equal length, whose cell
    i is one combination; the last argument varies fastest. With one array of values and `arity`,
    every argument ranges over it."""
    if arity is not None:
        if len(values) != 1:
            raise ValueError("give one array of values with arity, or one array per argument")
        values = values * arity
    if not values:
        raise ValueError("a cross product needs at least one argument")
    grids = np.meshgrid(*values, indexing="ij")
    return tuple(np.ascontiguousarray(g.reshape(-1)) for g in grids)


@dataclass(frozen=True)
class Grid:
    """One case's grid for one dtype: its arguments, every cell a combination of special values."""

    case: Case
    dtype: np.dtype
    args: tuple[np.ndarray, ...]

    @property
    def id(self) -> str:
        """`add-float32`: the test id."""
        return f"{self.case.name}-{self.dtype.name}"

    @property
    def cells(self) -> int:
        return int(self.args[0].size)

    def cell(self, index: int) -> tuple[np.ndarray, ...]:
        """Cell `index` as one-element arrays: the same call on that combination alone."""
        return tuple(a[index:index + 1] for a in self.args)

    def select(self, cells: np.ndarray) -> tuple[np.ndarray, ...]:
        """The arguments of some cells only: a smaller grid of the same dtype."""
        return tuple(a[cells] for a in self.args)

    def describe_cell(self, index: int) -> str:
        """`a=-0.0, b=nan`: the cell's inputs, named as the case names its arguments."""
        return ", ".join(f"{name}={a[index].item()!r}"
                         for name, a in zip(self.case.arg_names, self.args, strict=True))


def grid(case: Case, dtype: np.dtype) -> Grid:
    """`case`'s grid for `dtype`. `where`'s condition ranges over False and True; every other argument
    over the dtype's special values."""
    dtype = np.dtype(dtype)
    values = special_values(dtype)
    per_argument = [np.array([False, True]) if name == "c" and case.name == "where" else values
                    for name in case.arg_names]
    return Grid(case, dtype, cross_product(*per_argument))


def _as_grid_case(case: Case, **changes) -> Case:
    """The case as the grid test runs it: its own body, name and tags, eagerly and under jit (a vmap
    batch of a grid adds nothing the grid does not check, at a third more compiles), in the
    special-values area (so the report counts grid cells apart from drawn examples)."""
    modes = tuple(m for m in case.modes if m != "vmap")
    return replace(case, area=AREA, modes=modes, **changes)


# The elementwise cases with a grid: every binary function (not the operators: `a + b` computes what
# `add` does, and its dispatch is checked on drawn examples), where, clip, and every unary function
# of the operation registry.
BINARY: tuple[Case, ...] = tuple(_as_grid_case(c) for c in broadcasting.BINARY
                                 if c.name in broadcasting.BINARY_FUNCTIONS)
TERNARY: tuple[Case, ...] = (_as_grid_case(broadcasting.WHERE), _as_grid_case(broadcasting.CLIP))
# The registry's unary rows without options (round's decimals are drawn by its generic test), on the
# kinds they are checked on (complex only where its entries exist: Operation.pending_kinds).
UNARY: tuple[Case, ...] = tuple(_as_grid_case(case_of(row), dtype_kinds=row.checked_kinds)
                                for row in registry.UNARY if not row.options)
CASES: tuple[Case, ...] = (*BINARY, *TERNARY, *UNARY)


def grids(*, x64: bool | None = None) -> list[Grid]:
    """Every case's grid for every dtype JAX has in the x64 mode and the case is defined for. (Where
    NumPy refuses a dtype, it refuses it whatever the values: the drawn examples check that.)"""
    return [grid(case, dtype) for case in CASES for dtype in available_dtypes(x64=x64)
            if kind_of(dtype) in case.dtype_kinds]

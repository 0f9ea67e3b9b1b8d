"""Type promotion: promote_types and result_type of every dtype pair, a binary operation on arrays of
every dtype pair, and on an array with a Python scalar of each kind, in the current x64 mode.

The tables are small and every cell matters, so each row is swept completely (no sampling) and every
cell goes into the report as a matrix: jnp's dtype, with NumPy's beside it where they differ.
"""

from collections.abc import Iterable

import numpy as np
import pytest

from conformance import environment, reach
from conformance.cases import promotion as cases
from conformance.catalogue import BY_ID
from conformance.catalogue import promotion as promotion_entries
from conformance.check import NewDivergence
from conformance.recorder import active
from conformance.runner import run_jax, run_numpy
from tests.conformance.test_dtypes import check_documented

pytestmark = pytest.mark.conformance

LEGEND = "cells: jnp's result dtype; `jnp≠np` where NumPy's differs (each explained by the catalogue)"


def _x64() -> str:
    return "on" if environment.current().x64 else "off"


def _result(outcome) -> str:
    if outcome.raised:
        return "err"
    return "/".join(cases.short_name(v.dtype.name) for v in outcome.values)


def cell(case, args, xp) -> str:
    """jnp's result dtype, and NumPy's after a `≠` where it differs."""
    mode = case.modes[0]
    jax_side, numpy_side = _result(run_jax(case, args, xp=xp, mode=mode)), _result(run_numpy(case, args))
    return jax_side if jax_side == numpy_side else f"{jax_side}≠{numpy_side}"


def documenting(case) -> tuple:
    """The entries that document JAX's table for `case`: where one holds, JAX must differ from NumPy
    as it says. promote_types does not canonicalize to 32 bits (x64 off), so only the lattice's."""
    if case is cases.PROMOTE_TYPES:
        return promotion_entries.ENTRIES
    return (*promotion_entries.ENTRIES, BY_ID["DTYPE-X64-OFF-32BIT"])


def sweep(case, row: str, columns: Iterable[tuple[str, tuple]], *, xp, table: str, title: str) -> None:
    """Check `case` on every (column, args) of one row, record each cell, then raise what was new."""
    __tracebackhide__ = True
    failures = []
    for column, args in columns:
        try:
            check_documented(case, *args, xp=xp, entries=documenting(case))
        except NewDivergence as failure:
            failures.append(failure)
        active().record_cell(table, row, column, cell(case, args, xp), title=title, keep="last")
    reach.reached("every column of the row")  # by construction: a sweep, not a sample
    if len(failures) == 1:
        raise failures[0]
    if failures:
        raise ExceptionGroup(f"{case.name}: {len(failures)} new divergences in row {row}", failures)


def _operand(name: str) -> np.ndarray:
    return np.array([0, 1], dtype=np.dtype(name))  # values every dtype holds


@pytest.mark.parametrize("row", cases.DTYPE_NAMES)
@pytest.mark.parametrize("case", [cases.PROMOTE_TYPES, cases.RESULT_TYPE], ids=str)
@reach.declare("every column of the row")
def test_dtype_pairs(case, row, xp):
    """Every pair of dtypes, 64-bit ones included in both x64 modes (they are only names here)."""
    x64 = _x64()
    sweep(case, row, [(column, (row, column)) for column in cases.DTYPE_NAMES], xp=xp,
          table=f"promotion-{case.name}-x64{x64}",
          title=f"Type promotion, x64 {x64}: jnp.{case.name}(row, column) ({LEGEND})")


@pytest.mark.parametrize("row", cases.DTYPE_NAMES)
@reach.declare("every column of the row")
def test_binary_operation_on_array_pairs(row, xp):
    """Arrays of every dtype pair; with x64 off, JAX reads a 64-bit NumPy array as 32-bit."""
    x64 = _x64()
    columns = [(column, (_operand(row), _operand(column))) for column in cases.DTYPE_NAMES]
    sweep(cases.ADD_ARRAYS, row, columns, xp=xp, table=f"promotion-arrays-x64{x64}",
          title=f"Type promotion, x64 {x64}: jnp.add(array of row, array of column) ({LEGEND})")


@pytest.mark.parametrize("row", cases.DTYPE_NAMES)
@reach.declare("every column of the row")
def test_binary_operation_with_python_scalar(row, xp):
    x64 = _x64()
    columns = [(label, (_operand(row), value)) for label, value in cases.PYTHON_SCALARS.items()]
    sweep(cases.ADD_SCALAR, row, columns, xp=xp, table=f"promotion-scalars-x64{x64}",
          title=f"Type promotion, x64 {x64}: jnp.add(array of row, Python scalar) ({LEGEND})")

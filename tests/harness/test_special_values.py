"""The special-value grids: the builder holds every special value of every dtype and every combination of
them, and a grid catches a planted bug with its one example, naming the cells in its failure."""

import math

import numpy as np
import pytest

from conformance import special_values as sv
from conformance.check import NewDivergence
from conformance.recorder import Recorder, recording
from conformance.strategies import BFLOAT16, available_dtypes, kind_of
from tests.conformance import test_special_values as suite
from tests.harness import broken_grids as broken
from tests.harness.planted import new_kinds

ALL_DTYPES = available_dtypes(x64=True)
BINARY = {c.name: c for c in sv.BINARY}


def _info(dtype):
    import ml_dtypes

    return ml_dtypes.finfo(dtype) if dtype == BFLOAT16 else np.finfo(dtype)


def _holds(values: np.ndarray, wanted: float) -> bool:
    """`values` holds `wanted` exactly, the sign of a zero and NaN included."""
    wide = values.astype(np.float64)
    if math.isnan(wanted):
        return bool(np.isnan(wide).any())
    return bool(np.any((wide == wanted) & (np.signbit(wide) == (math.copysign(1, wanted) < 0))))


@pytest.mark.parametrize("dtype", [d for d in ALL_DTYPES if kind_of(d) == "f"], ids=str)
def test_float_grid_values(dtype):
    info, values = _info(dtype), sv.special_values(dtype)
    assert values.dtype == dtype
    for magnitude in (0.0, 1.0, np.inf, float(info.smallest_subnormal), float(info.tiny), float(info.max),
                      float(info.eps)):
        for sign in (1.0, -1.0):
            assert _holds(values, sign * magnitude), f"{dtype}: {sign * magnitude!r} is missing"
    assert _holds(values, np.nan)
    assert float(info.smallest_subnormal) < float(info.tiny)  # a subnormal, not the smallest normal


@pytest.mark.parametrize("dtype", [d for d in ALL_DTYPES if kind_of(d) in "iu"], ids=str)
def test_integer_grid_values(dtype):
    info, values = np.iinfo(dtype), set(sv.special_values(dtype).tolist())
    assert {int(info.min), int(info.max), 0, 1} <= values
    assert (-1 in values) == (kind_of(dtype) == "i")


def test_bool_grid_values():
    assert sv.special_values(np.dtype(bool)).tolist() == [False, True]


@pytest.mark.parametrize("dtype", [d for d in ALL_DTYPES if kind_of(d) == "c"], ids=str)
def test_complex_grid_pairs_every_part(dtype):
    """Each pairing of the reduced real set as real and imaginary parts, bit for bit (signs of zero)."""
    values = sv.special_values(dtype)
    parts = sv.complex_parts(dtype)
    real = np.dtype(np.float32 if dtype.itemsize == 8 else np.float64)
    pairs = {(np.asarray(v.real, real).tobytes(), np.asarray(v.imag, real).tobytes()) for v in values}
    assert len(values) == len(parts) ** 2
    for r in parts:
        for i in parts:
            assert (np.asarray(r, real).tobytes(), np.asarray(i, real).tobytes()) in pairs


@pytest.mark.parametrize("arity", [1, 2, 3])
def test_cross_product_has_every_combination_once(arity):
    values = sv.special_values(np.dtype(np.float32))
    args = sv.cross_product(values, arity=arity)
    cells = {tuple(a[i].tobytes() for a in args) for i in range(args[0].size)}
    assert len(args) == arity and all(a.shape == (len(values) ** arity,) for a in args)
    assert len(cells) == len(values) ** arity


def test_a_grid_per_case_and_dtype():
    """Every case of the grid test (the binary functions, not the operators), with every dtype of the
    x64 mode it is defined for."""
    ids = [g.id for g in sv.grids(x64=True)]
    defined = [(c, d) for c in sv.CASES for d in ALL_DTYPES if kind_of(np.dtype(d)) in c.dtype_kinds]
    assert len(ids) == len(set(ids)) == len(defined)
    assert "add-float32" in ids and "floor_divide-bfloat16" in ids and "where-complex128" in ids
    assert "a // b-bfloat16" not in ids and "arctan2-complex64" not in ids
    where = sv.grid(next(c for c in sv.TERNARY if c.name == "where"), np.dtype(np.float32))
    assert where.args[0].dtype == bool and where.cells == 2 * 15 * 15


def _grid_fails(grid, namespace) -> tuple[Recorder, NewDivergence]:
    with recording(Recorder()) as recorder, pytest.raises(NewDivergence) as info:
        suite.check_grid(grid, xp=namespace)
    assert "values" in new_kinds(recorder), new_kinds(recorder)
    return recorder, info.value


@pytest.mark.parametrize(("case", "dtype", "namespace", "cell"), [
    ("multiply", np.float16, broken.MULTIPLY_NAN_AT_SUBNORMALS, "a=0.0, b=5.96"),
    ("maximum", np.float32, broken.MAXIMUM_IGNORES_NAN, "a=0.0, b=nan"),
], ids=["multiply-nan-at-subnormals", "maximum-ignores-nan"])
def test_a_planted_bug_is_caught_by_one_grid(case, dtype, namespace, cell):
    """The grid fails, its message names the new cells, and the report's smallest example is one cell
    checked alone."""
    grid = sv.grid(BINARY[case], np.dtype(dtype))
    recorder, error = _grid_fails(grid, namespace)
    notes = "\n".join(error.__notes__)
    assert f"cells of {grid.cells} are new" in notes and cell in notes, notes
    smallest = min(d["smallest"]["size"] for d in recorder.divergences.values() if d["status"] == "new")
    assert smallest < grid.cells


@pytest.mark.parametrize(("case", "dtype"), [("multiply", np.float16), ("maximum", np.float32)])
def test_the_real_namespace_passes_the_same_grids(case, dtype):
    import jax.numpy as jnp

    with recording(Recorder()) as recorder:
        suite.check_grid(sv.grid(BINARY[case], np.dtype(dtype)), xp=jnp)
    assert recorder.examples > 0 and not new_kinds(recorder)

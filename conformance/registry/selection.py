"""Selections and placements: choose (an index array into a list of choices; mode raise, wrap, clip),
compress (extract's rules along an axis, with size= and fill_value=), fill_diagonal and put_along_axis
(JAX returns a new array, with inplace=False; the reference fills a copy), compared exactly."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from conformance import shape_domains as sd
from conformance.operation import Operation, ShapeDomain
from conformance.references import fit

SELECTION_AREA = "selection"
# choose checks its indices eagerly (mode='raise' is refused under jit): both modes; compress eagerly
# only (under jit it is refused without size=, as extract is: that row checks it; with size= it runs
# the same code); put_along_axis is a jitted function (eagerly, the same program)
MODES = ("eager", "jit")
_IMPORT = "from conformance.registry.selection import {}"


def _choices(shape: tuple[int, ...]) -> tuple:
    """Three int32 choices of the index array's shape (10 * position + k: a wrong pick is visible), or
    two of mixed dtypes (int8 and float16, promoted) of which one broadcasts (its last side only)."""
    size = int(np.prod(shape))
    positions = np.arange(size).reshape(shape) * 10
    same = [(positions + k).astype(np.int32) for k in range(3)]
    last = shape[-1:] if shape else ()
    mixed = [(positions % 100).astype(np.int8), (np.arange(int(np.prod(last))) + 0.5).astype(np.float16)
             .reshape(last)]
    return (same, mixed)


CHOICES = ShapeDomain("3 int32 arrays of the index array's shape, or an int8 one and a float16 one "
                      "broadcast from the last side", _choices)


def fitted_compress(condition, a, axis=None, size=None, fill_value=0):
    """np.compress fitted to JAX's size= (1-d arrays: the first axis is the compressed one)."""
    return fit(np.compress(condition, a, axis), size, fill_value)


def filled_diagonal(a, val, wrap=False, inplace=False):
    """np.fill_diagonal on a copy, returned (JAX's inplace=False)."""
    a = np.array(a, copy=True)
    np.fill_diagonal(a, val, wrap=wrap)
    return a


def put_along(arr, indices, values, axis, inplace=False):
    """np.put_along_axis on a copy, returned (JAX's inplace=False)."""
    arr = np.array(arr, copy=True)
    np.put_along_axis(arr, indices, values, axis)
    return arr


def _indices(shape: tuple[int, ...]) -> tuple:
    """int32 indices of the array's shape, valid along every axis (below the smallest side, some of
    them negative): one set of positions, and a second with repeats."""
    size, side = int(np.prod(shape)), min(shape, default=0)
    if side == 0:
        return (np.zeros(shape, np.int32),)
    spread = (np.arange(size) * 3 % (2 * side) - side).astype(np.int32).reshape(shape)
    return (spread, np.zeros(shape, np.int32))


def _indices_beyond(shape: tuple[int, ...]) -> tuple:
    """Indices with one beyond the largest side (NumPy refuses it)."""
    if not shape or min(shape) == 0:
        return ()
    beyond = np.zeros(shape, np.int32)
    beyond.reshape(-1)[-1] = max(shape)
    return (beyond,)


INDICES = ShapeDomain("int32 indices of the array's shape below its smallest side (repeated or beyond "
                      "the largest side now and then)", _indices, _indices_beyond)


def _reference(row: Operation, function: str, source: str) -> Operation:
    return replace(row, numpy_reference=globals()[function], imports=(_IMPORT.format(function),),
                   numpy_source=f"{function}({source})")


SELECTION: tuple[Operation, ...] = (
    # the index array: bool, signed or unsigned (NumPy refuses uint64: not safely int64); its drawn
    # values are mostly beyond the 2 or 3 choices (raise refuses them, wrap and clip place them)
    Operation(name="choose", area=SELECTION_AREA, kinds="biu", ranks=(0, 2), modes=MODES,
              tags=frozenset({"chooses"}),
              options={"choices": CHOICES, "mode": ("raise", "wrap", "clip")}),
    # extract's rules (tag extract-size: a condition nonzero as jnp's astype(bool) reads it, size= no
    # larger than the array, refused under jit without size=), 1-d arrays of one drawn shape and dtype
    _reference(Operation(name="compress", area=SELECTION_AREA, arrays=("condition", "a"), ranks=(1, 1),
                         modes=("eager",),
                         tags=frozenset({"data-dependent-shape", "moves-bits", "extract-size"}),
                         options={"axis": (None, 0, -1), "size": (None, 0, 3), "fill_value": (0, 7)}),
               "fitted_compress", "condition, a, axis=axis, size=size, fill_value=fill_value"),
    # inplace=True (JAX's default) and wrap=True are refused by JAX: drawn now and then
    _reference(Operation(name="fill_diagonal", area=SELECTION_AREA, ranks=(1, 3), modes=MODES,
                         tags=frozenset({"moves-bits", "fills-diagonal"}),
                         options={"val": (5, np.array([1, 0, 2], np.int8)), "wrap": (False, False, True),
                                  "inplace": (False, False, False, True)}),
               "filled_diagonal", "a, val=val, wrap=wrap, inplace=inplace"),
    _reference(Operation(name="put_along_axis", area=SELECTION_AREA, arrays=("arr",), ranks=(1, 2),
                         modes=("jit",), tags=frozenset({"moves-bits", "puts-along-axis"}),
                         options={"indices": INDICES, "values": (3,), "axis": sd.AXIS,
                                  "inplace": (False, False, False, True)}),
               "put_along", "arr, indices=indices, values=values, axis=axis, inplace=inplace"),
)

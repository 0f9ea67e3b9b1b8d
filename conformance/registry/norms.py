"""Norms, products and views of jax.numpy.linalg: norm, vector_norm, matrix_norm (every ord, axis None,
an int, a pair, out of range or repeated now and then, keepdims), multi_dot (2 to 4 arrays), cross
(jnp.cross with axisa/axisb/axisc/axis, 2-vectors included; linalg.cross), outer, matmul, tensordot,
vecdot, kron (bounded as products: conformance/cases/matmul.py's BoundedProduct), trace (offset,
dtype; a sum: conformance/sums.py), diagonal and matrix_transpose (exact). The norms', multi_dot's and
cross's bounds: conformance/norm_bounds.py. Small shapes (the strategies' budget), under jit only."""

from __future__ import annotations

import numpy as np

from conformance import shape_domains as sd
from conformance import sums
from conformance.cases.matmul import BoundedProduct
from conformance.norm_bounds import BoundedChain, BoundedCross, BoundedNorm
from conformance.operation import Operation, ShapeDomain
from conformance.registry.common import KEEPDIMS, LINALG_AREA, MOVES

# jit only: eager compiles each of jnp.linalg's primitives apart (the cost of a row, twice over)
MODES = ("jit",)
_NORMS = "subnormals-modelled-apart"  # catalogue/norms.py models their flushing

_VECTOR_ORDS = (2, 1, 0, np.inf, -np.inf, 3, -1, 1.5, -1.5)
_MATRIX_ORDS = ("fro", "nuc", 1, -1, 2, -2, np.inf, -np.inf)
_NORM_ORDS = (None, 0, 1, -1, 2, -2, np.inf, -np.inf, "fro", "nuc", 3)


def _norm(name: str, ranks: tuple[int, int], **options) -> Operation:
    keywords = tuple(options)
    return Operation(name=f"linalg.{name}", area=LINALG_AREA, arrays=("x",), ranks=ranks, modes=MODES,
                     options=options,
                     tags=frozenset({"norm", name, "linalg-bounded", _NORMS}),
                     numpy_reference=BoundedNorm(name, keywords),
                     numpy_source=f"np.linalg.{name}(x, {', '.join(f'{k}={k}' for k in keywords)})")


def _product(name: str, fn, ranks: tuple[int, int] = (1, 3), **options) -> Operation:
    """A bilinear product of two arrays of the drawn shape (matmul's entries read the `product` tag)."""
    keywords = tuple(options)
    call = ", ".join(["a", "b", *(f"{k}={k}" for k in keywords)])
    return Operation(name=name, area=LINALG_AREA, arrays=("a", "b"), ranks=ranks, modes=MODES,
                     options=options, tags=frozenset({"product", "linalg-product"}),
                     numpy_reference=BoundedProduct(
                         lambda a, b, *values: fn(a, b, **dict(zip(keywords, values, strict=True)))),
                     numpy_source=f"np.{name}({call})")


def _axes_of_length(*lengths: int):
    """The axes of one of `lengths` (cross's vectors): the first one, in both its forms, twice as often
    as each other one, so that axisa and axisb drawn apart often name the same axis (the other axes of
    a and b, which have one shape, then broadcast)."""
    def valid(shape: tuple[int, ...]) -> tuple[int, ...]:
        found = [a for a in range(len(shape)) if shape[a] in lengths]
        return (found[0], found[0] - len(shape), *found) if found else ()
    return valid


def _not_of_length(*lengths: int):
    def invalid(shape: tuple[int, ...]) -> tuple[int, ...]:
        other = tuple(a for a in range(len(shape)) if shape[a] not in lengths)[:1]
        return (*other, len(shape))
    return invalid


VECTOR_AXIS = ShapeDomain("an axis of length 2 or 3, the first one most often (another or out of range "
                          "now and then)", _axes_of_length(2, 3), _not_of_length(2, 3))
THREE_VECTOR_AXIS = ShapeDomain("an axis of length 3, the first one most often (another or out of range "
                                "now and then)", _axes_of_length(3), _not_of_length(3))


def _tensordot_axes(shape: tuple[int, ...]) -> tuple:
    n = len(shape)
    return (0, 1, *((2,) if n >= 2 else ()), ((n - 1,), (0,)), ((0,), (0,)),
            *((((0, 1), (0, 1)),) if n >= 2 else ()))


TENSORDOT_AXES = ShapeDomain("0, 1, 2 or a pair of axis sequences (more axes than the array's now and "
                             "then)", _tensordot_axes, lambda shape: (len(shape) + 1, ((len(shape),), (0,))))


def _count_trace(a, **options) -> np.ndarray:
    return np.asarray(np.linalg.trace(np.ones(np.shape(a)), offset=options.get("offset", 0)))


NORMS: tuple[Operation, ...] = (
    _norm("vector_norm", (0, 3), axis=sd.AXES, keepdims=KEEPDIMS, ord=_VECTOR_ORDS),
    _norm("norm", (0, 3), ord=_NORM_ORDS, axis=sd.AXES, keepdims=KEEPDIMS),
    _norm("matrix_norm", (1, 3), keepdims=KEEPDIMS, ord=_MATRIX_ORDS),
)

PRODUCTS: tuple[Operation, ...] = (
    _product("linalg.matmul", np.linalg.matmul),
    _product("linalg.tensordot", np.linalg.tensordot, ranks=(0, 2), axes=TENSORDOT_AXES),
    _product("linalg.vecdot", np.linalg.vecdot, axis=sd.AXIS),
    _product("linalg.outer", np.linalg.outer, ranks=(0, 2)),
    _product("kron", np.kron, ranks=(0, 2)),
    # 2 to 4 arrays of the drawn shape (square matrices, or vectors: a dot product of two), mixed dtypes
    # and one of another rank now and then
    Operation(name="linalg.multi_dot", area=LINALG_AREA, arrays=("arrays",), ranks=(1, 2), modes=MODES,
              pieces=(2, 4), tags=frozenset({"multi-dot", "linalg-bounded", _NORMS}),
              numpy_reference=BoundedChain(), numpy_source="np.linalg.multi_dot(arrays)"),
    Operation(name="cross", area=LINALG_AREA, arrays=("a", "b"), ranks=(1, 3), modes=MODES,
              options={"axisa": VECTOR_AXIS, "axisb": VECTOR_AXIS, "axisc": sd.AXIS,
                       "axis": (None, None, None, -1)},
              tags=frozenset({"cross", "linalg-bounded", _NORMS}),
              numpy_reference=BoundedCross(np.cross, ("axisa", "axisb", "axisc", "axis")),
              numpy_source="np.cross(a, b, axisa=axisa, axisb=axisb, axisc=axisc, axis=axis)"),
    Operation(name="linalg.cross", area=LINALG_AREA, arrays=("a", "b"), ranks=(1, 3), modes=MODES,
              options={"axis": THREE_VECTOR_AXIS}, tags=frozenset({"cross", "linalg-bounded", _NORMS}),
              numpy_reference=BoundedCross(np.linalg.cross, ("axis",)),
              numpy_source="np.linalg.cross(a, b, axis=axis)"),
)

VIEWS: tuple[Operation, ...] = (
    Operation(name="linalg.trace", area=LINALG_AREA, ranks=(1, 3), modes=MODES,
              options={"offset": (-1, 0, 1, 2), "dtype": (None, "int8", "int64", "float32", "complex64")},
              tags=frozenset({"reduction", "sums", "warns-once", _NORMS}),
              numpy_reference=sums.BoundedReduction(np.linalg.trace, _count_trace, ("offset", "dtype")),
              numpy_source="np.linalg.trace(a, offset=offset, dtype=dtype)"),
    Operation(name="linalg.diagonal", area=LINALG_AREA, ranks=(1, 3), modes=MODES, tags=MOVES,
              options={"offset": (-2, -1, 0, 1, 2)}),
    Operation(name="linalg.matrix_transpose", area=LINALG_AREA, ranks=(1, 3), modes=MODES, tags=MOVES),
)

LINALG_NORMS: tuple[Operation, ...] = (*NORMS, *PRODUCTS, *VIEWS)

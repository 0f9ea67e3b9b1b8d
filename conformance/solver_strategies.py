"""Strategies that draw the arguments of the solver rows (`conformance/registry/solvers.py`): square
matrices of order 1 to 4 (now and then 0, or not square), with at most one batch dimension of 2, each
value set of a condition drawn apart (one compile serves them all):

- well: small integers with a dominant diagonal (cond(A) below 10);
- ill: a well-conditioned one whose last row is another's times +-1 or +-2 plus 2^-k times its own, k
  eight bits short of the dtype's precision (cond(A)·u about 2^-8·n: most digits of a solution are
  lost, its residual is not);
- singular: an integer matrix with a zero row or a zero column: its elimination meets an exact zero
  pivot in any order of operations (a duplicated row does not: blocked kernels round its copies apart);
- nonfinite: a well-conditioned matrix with a NaN or an infinity.

Integers are drawn where every dtype holds them exactly; bool matrices are any booleans. solve's b is a
vector (n,), a matrix (n, 2), a stack (2, n, 2), a stack to broadcast (1, n, 2), or of a mismatched
length; the other rows' matrix is now and then not square; tensorsolve and tensorinv draw a
(2, 2, 2, 2), (4, 2, 2) or (2, 2, 4) tensor. Those, and the batch, are taken in turn by the kinds of one
example (every example reaches them all); every example checks each condition (one value set each).
"""

from __future__ import annotations

import ml_dtypes
import numpy as np
from hypothesis import strategies as st

from conformance import strategies as cst
from conformance.operation import Operation
from conformance.registry_strategies import declared_options, kind_feature, option_draw

WELL, ILL, SINGULAR, NONFINITE = "well-conditioned", "ill-conditioned", "singular", "non-finite"
NON_SQUARE = "not square"
B_LAYOUTS = ("b vector", "b matrix", "b stack", "b stack to broadcast", "b mismatched")


def conditions(row: Operation, kind: str) -> tuple[str, ...]:
    """The conditions drawn for `row` on dtype kind `kind` (bool: any booleans)."""
    if kind == "b":
        return (WELL,)
    wanted = (WELL, SINGULAR) if "well-or-singular" in row.tags else (WELL, ILL, SINGULAR, NONFINITE)
    return tuple(c for c in wanted if kind in "fc" or c in (WELL, SINGULAR))


def _precision(dtype: np.dtype) -> int:
    real = np.dtype(np.float32 if dtype.name == "complex64" else np.float64 if dtype.kind == "c" else dtype)
    return int(ml_dtypes.finfo(real).nmant) + 1


@st.composite
def integers(draw, dtype: np.dtype, shape: tuple[int, ...]) -> np.ndarray:
    """Small integers (complex: both parts) of `shape`, as float64 or complex128 (bool: booleans)."""
    kind, size = cst.kind_of(dtype), int(np.prod(shape))
    if kind == "b":
        return np.asarray(draw(st.lists(st.booleans(), min_size=size, max_size=size)), bool).reshape(shape)
    low = 0 if kind == "u" else -2
    values = np.asarray(draw(st.lists(st.integers(low, 2), min_size=size, max_size=size)),
                        np.float64).reshape(shape)
    if kind == "c":
        imaginary = np.asarray(draw(st.lists(st.integers(-2, 2), min_size=size, max_size=size)),
                               np.float64).reshape(shape)
        values = values + 1j * imaginary
    return values


@st.composite
def matrices(draw, dtype: np.dtype, shape: tuple[int, ...], condition: str) -> np.ndarray:
    """A stack of matrices of `shape` (..., n, m) and `condition` (module docstring), in `dtype`."""
    kind = cst.kind_of(dtype)
    values = draw(integers(dtype, shape))
    if kind == "b":
        return values
    size, n = int(np.prod(shape)), shape[-1]
    if shape[-2] != n or n == 0:
        return values.astype(dtype)
    if condition == SINGULAR:  # a zero row or column: the elimination's pivot there is an exact zero in
        # any order of operations (a duplicated row is not: blocked kernels round its two copies apart)
        line, column = draw(st.integers(0, n - 1)), draw(st.booleans())
        if column:
            values[..., :, line] = 0
        else:
            values[..., line, :] = 0
    else:
        signs = np.asarray(draw(st.lists(st.sampled_from([-1, 1]), min_size=n, max_size=n)))
        values = values + np.diag(signs * (2 * n + 1)) if kind != "u" else values + np.eye(n) * (2 * n + 1)
        if condition == ILL:  # the last row another's times +-1 or +-2, plus 2^-k times its own:
            # det(A) = 2^-k·det(W) for the well-conditioned W, one singular value about 2^-k
            row, scale = draw(st.integers(0, max(n - 2, 0))), draw(st.sampled_from([1, -1, 2, -2]))
            small = 2.0 ** -(_precision(np.dtype(dtype)) - 8)
            values[..., -1, :] = (0 if n == 1 else scale * values[..., row, :]) + small * values[..., -1, :]
        if condition == NONFINITE:
            position = draw(st.integers(0, size - 1))
            values.reshape(-1)[position] = draw(st.sampled_from([np.nan, np.inf, -np.inf]))
    return values.astype(dtype)


SQUARE_LAYOUTS = ("square", "square", NON_SQUARE)
TENSOR_SHAPES = ((2, 2, 2, 2), (4, 2, 2), (2, 2, 4))


def _layout(draw, row: Operation, turn: int) -> tuple[tuple[int, ...], tuple[int, ...] | None, list[str]]:
    """(a's shape, b's shape or None, the features) for the row: the batch, b's layout (solve), a matrix
    that is not square (the other rows) and the tensor's shape taken in turn (`turn`: consecutive kinds
    of one example reach them all by construction), the order drawn."""
    if "tensor" in row.tags:
        shape = TENSOR_SHAPES[turn % len(TENSOR_SHAPES)]
        b = next(shape[:i] for i in range(len(shape)) if int(np.prod(shape[:i])) == 4)  # b.size == x.size
        return shape, (b if "solves" in row.tags else None), [f"rank={len(shape)}"]
    n = draw(st.sampled_from([1, 2, 2, 3, 3, 4, 0]), label="order")
    batch = ((), (2,))[turn % 2]
    features = [f"rank={len(batch) + 2}"]
    if "solves" not in row.tags:
        layout = SQUARE_LAYOUTS[turn % len(SQUARE_LAYOUTS)]
        wide = layout == NON_SQUARE
        return (*batch, n, n + wide), None, [*features, *([layout] * wide)]
    layout = B_LAYOUTS[turn % len(B_LAYOUTS)]
    side = n + 1 if layout == B_LAYOUTS[4] else n
    b = {"b vector": (side,), "b matrix": (side, 2), "b stack": (2, side, 2),
         "b stack to broadcast": (1, side, 2), "b mismatched": ((side,), (side, 2))[turn % 2]}
    return (*batch, n, n), b[layout], [*features, layout]


@st.composite
def argument_sets(draw, row: Operation, dtype: np.dtype, turn: int = 0, option_turn: int | None = None
                  ) -> tuple[list[tuple], list[str]]:
    """Value sets of the row's arguments (its arrays, then one value of each option, drawn once, of
    `option_turn`'s class if given) and the features they reached: one set of each condition the row
    draws on the dtype's kind, the well-conditioned one first (a compile serves them all)."""
    kind = cst.kind_of(dtype)
    a_shape, b_shape, features = _layout(draw, row, turn)
    options = tuple(draw(option_draw(domain, option_turn), label=keyword)
                    for keyword, domain in row.options.items())
    chosen = conditions(row, kind)
    sets = []
    for condition in chosen:
        if "tensor" in row.tags:  # a 4 x 4 matrix of the condition, reshaped
            a = draw(matrices(dtype, (4, 4), condition), label="a").reshape(a_shape)
        else:
            a = draw(matrices(dtype, a_shape, condition), label="a")
        if b_shape is None:
            sets.append((a, *options))
        else:
            sets.append((a, draw(integers(dtype, b_shape), label="b").astype(dtype), *options))
    square = "tensor" in row.tags or (a_shape[-1] == a_shape[-2] and a_shape[-1])
    reached = [kind_feature(kind), *features, *(chosen if square else ())]
    return sets, list(dict.fromkeys(reached))


def declared_features(row: Operation) -> list[str]:
    """What a test of `row` must reach: every kind, every class of each option's values, each condition
    its kinds draw, and for solve every layout of b (and a matrix not square for the square-only rows)."""
    wanted = [kind_feature(k) for k in row.checked_kinds] + declared_options(row)
    wanted += sorted({c for k in row.checked_kinds for c in conditions(row, k)})
    if "tensor" in row.tags:
        return wanted
    wanted += ["rank=2", "rank=3"]
    return wanted + (list(B_LAYOUTS) if "solves" in row.tags else [NON_SQUARE])

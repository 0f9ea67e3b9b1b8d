"""Matrices for the decomposition rows (rows tagged `matrices`: conformance/registry/decompositions.py).

The generic arrays (edge values: huge, tiny, non-finite everywhere) would make every decomposition
all-NaN. Here the drawn shape decides only the rank, the batch and the matrix sides (at most 4 by 4, at
most one batch dimension of 1 or 2; `square` rows: n = m); each example checks one value set per
structure, all of the same shape and dtype (one compile):

- a general matrix, elements k/4 for k in -8..8 (exact in every dtype; integers -5..5, bools);
- a nearly singular one: a rank-one matrix x·yᴴ plus δ·E (δ = 2^-9 relative; integers: exactly
  rank one);
- one with a non-finite element (NaN or ±inf, float and complex only; not for `hermitian-input` rows:
  where eigh's and cholesky's NaNs go depends on LAPACK's deflation, not modelled yet; svd's of order 3
  or more: NaN only, as both NumPy's and JAX's svd never return on an infinity there, numpy/numpy#32591);
- for `square-matrix` rows, one of m by m + 1 too (both sides refuse it);
- for `hermitian-input` rows (eigh, eigvalsh, cholesky): a positive definite B·Bᴴ + I first, a nearly singular
  positive definite x·xᴴ + δ·I, an indefinite Hermitian B + Bᴴ, and the general (not Hermitian) matrix,
  whose other triangle each side reads or not (the catalogue says what JAX does with it).
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from conformance import strategies as cst

MAX_SIDE, MAX_BATCH = 4, 2
DEFINITE = "a positive definite matrix"
NEARLY_SINGULAR = "a nearly singular matrix"
NONFINITE = "a non-finite element"
NOT_HERMITIAN = "a matrix that is not Hermitian"
NOT_SQUARE = "a matrix that is not square"
INDEFINITE = "an indefinite Hermitian matrix"
_DELTA = 2.0 ** -9


def matrix_shape(shape: tuple[int, ...], square: bool) -> tuple[int, ...]:
    """The drawn shape cut to the budget: sides at most MAX_SIDE, the batch at most MAX_BATCH."""
    if len(shape) < 2:
        return shape
    m, n = min(shape[-2], MAX_SIDE), min(shape[-1], MAX_SIDE)
    return (*(min(side, MAX_BATCH) for side in shape[:-2]), m, m if square else n)


@st.composite
def _elements(draw, dtype: np.dtype, shape: tuple[int, ...]) -> np.ndarray:
    size = int(np.prod(shape))
    kind = cst.kind_of(dtype)
    if kind == "b":
        return np.asarray(draw(st.lists(st.booleans(), min_size=size, max_size=size)), bool).reshape(shape)
    if kind in "iu":
        low = 0 if kind == "u" else -5
        values = draw(st.lists(st.integers(low, 5), min_size=size, max_size=size))
        return np.asarray(values, np.int64).reshape(shape)
    parts = 2 if kind == "c" else 1
    values = draw(st.lists(st.integers(-8, 8), min_size=size * parts, max_size=size * parts))
    values = np.asarray(values, np.float64) / 4
    return (values[:size] + 1j * values[size:] if parts == 2 else values).reshape(shape)


def _cast(x: np.ndarray, dtype: np.dtype) -> np.ndarray:
    return np.asarray(x).astype(dtype)


def _h(x: np.ndarray) -> np.ndarray:
    return np.conj(np.swapaxes(x, -1, -2))


@st.composite
def matrix_sets(draw, tags: frozenset[str], dtype: np.dtype, shape: tuple[int, ...],
                options: tuple) -> list[tuple]:
    """A row's value sets (module docstring: its `tags` say which), each with the row's `options`."""
    shape = matrix_shape(shape, "square-matrix" in tags)
    kind = cst.kind_of(dtype)
    general = draw(_elements(dtype, shape), label="general")
    if len(shape) < 2 or 0 in shape:  # refused or empty: one set
        return [(_cast(general, dtype), *options)]
    m, n = shape[-2:]
    x = draw(_elements(dtype, (*shape[:-2], m, 1)), label="x")
    y = draw(_elements(dtype, (*shape[:-2], n, 1)), label="y")
    inexact = kind in "fc"
    wide = general.astype(np.complex128 if kind == "c" else np.float64)
    matrices = []
    if "hermitian-input" in tags:
        b = wide
        identity = np.eye(m)
        matrices.append(b @ _h(b) + identity)
        xx = x.astype(wide.dtype)
        matrices.append(xx @ _h(xx) + (_DELTA if inexact else 1) * identity)
        matrices.append(b + _h(b))
        matrices.append(wide)
    else:
        matrices.append(wide)
        rank_one = x.astype(wide.dtype) @ _h(y.astype(wide.dtype))
        matrices.append(rank_one + _DELTA * wide if inexact else rank_one)
    if inexact and "hermitian-input" not in tags:  # (eigh's and cholesky's NaN patterns: left out)
        bad = wide.copy()
        where = draw(st.integers(0, bad.size - 1), label="non-finite position")
        # svd of a matrix of min(m, n) >= 3 holding an infinity never returns, in NumPy and in JAX alike
        # (LAPACK's gesdd loops in dbdsqr: numpy/numpy#32591): nothing to compare, a NaN there instead
        hangs = "svd" in tags and min(m, n) >= 3
        values = [np.nan] if hangs else [np.nan, np.inf, -np.inf]
        bad.reshape(-1)[where] = draw(st.sampled_from(values), label="non-finite")
        matrices.append(bad)
    if "square-matrix" in tags:  # and one that is not square (both refuse it: the error's kind)
        matrices.append(draw(_elements(dtype, (*shape[:-2], m, m + 1)), label="not square"))
    if kind == "b":
        matrices = [m != 0 for m in matrices]
    with np.errstate(all="ignore"):
        return [(_cast(a, dtype), *options) for a in matrices]


def matrix_features(row, sets: list[tuple]) -> list[str]:
    """The structures an example's sets reached."""
    found = []
    for args in sets:
        a = np.asarray(args[0])
        if a.ndim >= 2 and a.shape[-1] != a.shape[-2] and "square-matrix" in row.tags:
            found.append(NOT_SQUARE)
            continue
        if a.ndim < 2 or a.size == 0:
            continue
        wide = a.astype(np.complex128 if a.dtype.kind == "c" else np.float64)
        if not np.isfinite(wide).all():
            found.append(NONFINITE)
            continue
        if a.shape[-1] == a.shape[-2] and a.dtype.kind in "fc":
            s = np.linalg.svd(wide, compute_uv=False)
            if np.any(s[..., -1] <= 2 * _DELTA * s[..., 0] * max(a.shape[-1], 1) ** 2):
                found.append(NEARLY_SINGULAR)
        if "hermitian-input" in row.tags and a.shape[-1] == a.shape[-2]:
            if not np.array_equal(wide, _h(wide)):
                found.append(NOT_HERMITIAN)
            else:
                low = np.linalg.eigvalsh(wide)[..., 0]
                found.append(DEFINITE if np.all(low > 0) else INDEFINITE)
    return list(dict.fromkeys(found))


def declared_matrix_features(row) -> list[str]:
    """What a test of a `matrices` row must reach, beyond the kinds and ranks."""
    inexact = set(row.checked_kinds) & set("fc")
    hermitian = "hermitian-input" in row.tags
    wanted = ([NEARLY_SINGULAR] + ([] if hermitian else [NONFINITE])) if inexact else []
    wanted += [NOT_SQUARE] if "square-matrix" in row.tags else []
    return wanted + ([DEFINITE, INDEFINITE, NOT_HERMITIAN] if hermitian else [])

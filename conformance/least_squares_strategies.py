"""Strategies that draw the arguments of lstsq and pinv (`conformance/registry/least_squares.py`):
rectangular and square matrices of small integers (m > n, m < n, square; sides 2 to 4), for pinv a
stack of 2 now and then (lstsq refuses stacks on both sides: drawn too, once in a while), each value
set of a condition drawn apart (one compile serves them all):

- well: small integers with a dominant leading diagonal (cond(A) below about 10);
- ill: a well-conditioned one whose last column (m >= n; m < n: row) is another's times +-1 or +-2 plus
  δ times its own, δ = 2^-round(p/3) for the p bits of the dtype JAX computes in (cond about 2^(p/3):
  a third of the digits lost, where the bounds of conformance/least_squares_bounds.py still say
  something; nearer 1/u they say nothing);
- rank-deficient: that last column (row) exactly another's times +-1 or +-2 (rank min(m, n) - 1: a
  least-squares solution that is not unique, the minimum-norm one compared);
- nonfinite: a well-conditioned matrix with a NaN or an infinity.

pinv of a square matrix also checks hermitian=True (whatever the option drew: every square example
reaches it), on Hermitian matrices: W + Wᴴ (well), B·Bᴴ of a rank-deficient B, and one with a NaN or an
infinity and its mirror (both sides read a Hermitian matrix alike, whichever triangle); ill-conditioned
Hermitian ones are not drawn (B·Bᴴ squares the condition number past the bounds' reach).
lstsq's b is a vector (m,) or a matrix (m, 2), in turn. Integers are drawn where every dtype holds them;
bool matrices are any booleans (well only; symmetric ones for hermitian=True).
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from conformance import strategies as cst
from conformance.environment import x64_enabled
from conformance.operation import Operation
from conformance.registry_strategies import declared_options, kind_feature, option_draw
from conformance.solver_strategies import integers

WELL, ILL, RANK_DEFICIENT, NONFINITE = "well-conditioned", "ill-conditioned", "rank-deficient", "non-finite"
TALL, WIDE, SQUARE = "m > n", "m < n", "square"
STACK, B_VECTOR, B_MATRIX, HERMITIAN = "a stack", "b vector", "b matrix", "hermitian"
SIDES = {TALL: ((3, 2), (4, 3), (4, 2)), WIDE: ((2, 3), (3, 4), (2, 4)), SQUARE: ((2, 2), (3, 3))}
_PRECISION = {"float32": 24, "float64": 53, "complex64": 24, "complex128": 53}


def conditions(row: Operation, kind: str, hermitian: bool) -> tuple[str, ...]:
    if kind == "b":
        return (WELL,)
    if kind not in "fc":
        return (WELL, RANK_DEFICIENT)
    return (WELL, RANK_DEFICIENT, NONFINITE) if hermitian else (WELL, ILL, RANK_DEFICIENT, NONFINITE)


def _delta(dtype: np.dtype) -> float:
    name = np.dtype(dtype).name
    if not x64_enabled():
        name = {"float64": "float32", "complex128": "complex64"}.get(name, name)
    return 2.0 ** -round(_PRECISION.get(name, 24) / 3)


@st.composite
def matrices(draw, dtype: np.dtype, shape: tuple[int, ...], condition: str, hermitian: bool) -> np.ndarray:
    kind = cst.kind_of(dtype)
    values = draw(integers(dtype, shape), label="a")
    if kind == "b":  # (symmetric for hermitian=True: each side reads one triangle of its own choice)
        return values | np.swapaxes(values, -1, -2) if hermitian else values
    m, n = shape[-2:]
    p = min(m, n)
    signs = np.asarray(draw(st.lists(st.sampled_from([1] if kind == "u" else [-1, 1]), min_size=p,
                                     max_size=p)))
    values[..., range(p), range(p)] += signs * (2 * max(m, n) + 1)
    scale = draw(st.sampled_from([1, 2] if kind == "u" else [1, -1, 2, -2]), label="scale")
    if hermitian:
        if condition == RANK_DEFICIENT:
            values[..., :, -1] = scale * values[..., :, 0]
            values = values @ np.conj(np.swapaxes(values, -1, -2))
        else:
            values = values + np.conj(np.swapaxes(values, -1, -2))
    elif condition in (ILL, RANK_DEFICIENT):
        small = _delta(dtype) if condition == ILL else 0.0
        if m >= n:
            values[..., :, -1] = scale * values[..., :, 0] + small * values[..., :, -1]
        else:
            values[..., -1, :] = scale * values[..., 0, :] + small * values[..., -1, :]
    if condition == NONFINITE:
        position = draw(st.integers(0, values.size - 1), label="position")
        bad = draw(st.sampled_from([np.nan, np.inf, -np.inf]), label="non-finite")
        values.reshape(-1)[position] = bad
        if hermitian:  # its mirror too: the matrix stays Hermitian
            index = np.unravel_index(position, values.shape)
            values[(*index[:-2], index[-1], index[-2])] = bad
    return values.astype(dtype)


def _layout(draw, row: Operation, turn: int) -> tuple[tuple[int, ...], tuple | None, list[str]]:
    """(a's shape, b's shape or None, the features): the sides' form, and (pinv) the batch or (lstsq) b's
    layout and a stack, taken in turn (the consecutive turns of one example's five kinds reach them
    all), the sides drawn."""
    form = (TALL, WIDE, SQUARE)[turn % 3]
    m, n = draw(st.sampled_from(SIDES[form]), label="sides")
    if "lstsq" in row.tags:
        layout = (B_VECTOR, B_MATRIX)[turn % 2]
        b = (m,) if layout == B_VECTOR else (m, 2)
        if turn % 5 == 4:  # a stack: refused by both (the catalogue: which error)
            return (2, m, n), (2, *b), [form, STACK]
        return (m, n), b, [form, layout]
    batch = ((), (2,))[(turn // 3) % 2]
    return (*batch, m, n), None, [form, f"rank={len(batch) + 2}"]


@st.composite
def argument_sets(draw, row: Operation, dtype: np.dtype, turn: int = 0, option_turn: int | None = None
                  ) -> tuple[list[tuple], list[str]]:
    """One value set per condition (all of one shape and dtype: one compile), the options drawn once
    (of `option_turn`'s class if given), and the features reached; pinv of a square matrix: the
    Hermitian conditions with hermitian=True too (a second compile)."""
    kind = cst.kind_of(dtype)
    options = {keyword: draw(option_draw(domain, option_turn), label=keyword)
               for keyword, domain in row.options.items()}
    a_shape, b_shape, features = _layout(draw, row, turn)
    groups = [False] + ([True] if "hermitian" in options and a_shape[-1] == a_shape[-2] else [])
    sets, reached = [], [kind_feature(kind), *features]
    for hermitian in groups:
        if "hermitian" in options:
            options["hermitian"] = hermitian
        chosen = conditions(row, kind, hermitian)
        for condition in chosen:
            a = draw(matrices(dtype, a_shape, condition, hermitian), label="a")
            arrays = (a,) if b_shape is None else (a, draw(integers(dtype, b_shape), label="b").astype(dtype))
            sets.append((*arrays, *options.values()))
        reached += [*chosen, *([HERMITIAN] if hermitian else [])]
    return sets, list(dict.fromkeys(reached))


def declared_features(row: Operation) -> list[str]:
    """What a test of `row` must reach: every kind, every class of each option's values, each
    condition, each form of the sides, and b's
    layouts (lstsq) or the stack and hermitian=True (pinv)."""
    wanted = [kind_feature(k) for k in row.checked_kinds] + declared_options(row)
    wanted += [WELL, ILL, RANK_DEFICIENT, NONFINITE, TALL, WIDE, SQUARE]
    if "lstsq" in row.tags:
        return wanted + [B_VECTOR, B_MATRIX, STACK]
    return wanted + ["rank=2", "rank=3", HERMITIAN]

"""Known divergences in broadcasting rules."""

from __future__ import annotations

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.models import jax_at_least, raises
from conformance.example import Example
from conformance.outcome import Outcome, Value


def _assigned_region(example: Example) -> tuple[int, ...] | None:
    if "setitem" not in example.case.tags:
        return None
    target, index, _ = example.args
    try:
        return np.empty(np.shape(target))[index].shape
    except (IndexError, TypeError, ValueError):
        return None


def _value_has_more_dims_than_target(example: Example) -> bool:
    """A value of more dimensions than x[idx], where x[idx] is not empty (into an empty region JAX
    scatters nothing and checks nothing: BCAST-SET-EMPTY-REGION-ACCEPTS-ANY)."""
    region = _assigned_region(example)
    return region is not None and np.ndim(example.args[2]) > len(region) and 0 not in region


def _empty_region(example: Example) -> bool:
    region = _assigned_region(example)
    return region is not None and 0 in region and example.numpy.raised


def _clashes(first: tuple, second: tuple) -> bool:
    try:
        np.broadcast_shapes(first, second)
    except ValueError:
        return True
    return False


def _equal_rank_clash(example: Example) -> bool:
    """Two operands of one rank clash, or, folding the operands left to right as jnp does pairwise
    (clip is maximum, then minimum), an intermediate result clashes with an operand of its rank."""
    error = example.numpy.error
    # elementwise operands only: a product's batch dimensions that clash raise ValueError in jnp.matmul
    # jnp.where broadcasts its three operands at once (broadcast_arrays: ValueError)
    if error is None or "broadcast" not in error.message or "product" in example.case.tags \
            or "broadcasts-at-once" in example.case.tags or {"setitem", "at-update"} & example.case.tags:
        return False  # an update broadcasts v to x[idx] with broadcast_to: ValueError, as NumPy
    if {"hypot", "ldexp"} & example.case.tags and jax_at_least(example, "0.12"):
        return False  # jax 0.12 broadcasts hypot's and ldexp's operands at once (ValueError, observed)
    # jnp folds the operands pairwise, left to right: the first clash decides (clip(x, lo, hi) with x of
    # rank 1 and lo of rank 2 is ValueError there, even if x and hi of one rank clash too)
    shapes = [np.shape(a) for a in example.args if isinstance(a, (np.ndarray, np.generic))]
    folded = shapes[0] if shapes else ()
    for shape in shapes[1:]:
        if _clashes(folded, shape):
            return len(folded) == len(shape)
        folded = np.broadcast_shapes(folded, shape)
    return False


ENTRIES = (
    KnownDivergence(
        id="BCAST-EQUAL-RANK-CLASH-TYPEERROR",
        area="broadcasting",
        title="Operands of equal rank that do not broadcast raise TypeError",
        numpy="raises ValueError: operands could not be broadcast together",
        jax="raises TypeError (`<op> got incompatible shapes for broadcasting`, from lax) when the "
            "operands have the same number of dimensions; ValueError when their ranks differ (hypot and "
            "ldexp from jax 0.12 on: ValueError, as NumPy)",
        why="jnp passes equal-rank operands straight to lax, whose shape check raises TypeError",
        source="observed by this suite, undocumented upstream",
        condition="two array operands of one rank whose shapes clash, in an elementwise operation (not a "
                  "product's batch dimensions)",
        kinds=("error-kind",),
        trigger=_equal_rank_clash,
        outputs=raises("TypeError", r"got incompatible shapes for broadcasting"),
    ),
    KnownDivergence(
        id="BCAST-SET-EXTRA-LEADING-DIMS",
        area="broadcasting",
        title=".at[].set refuses a value with more dimensions than the indexed region",
        numpy="x[idx] = v accepts a v with extra leading dimensions of size 1 and drops them",
        jax="x.at[idx].set(v) raises ValueError: Cannot broadcast to shape with fewer dimensions",
        why="JAX broadcasts the update with broadcast_to's rules, which never remove dimensions",
        source="observed by this suite, undocumented upstream",
        condition="an assignment whose value has more dimensions than x[idx]",
        kinds=("error-parity",),
        trigger=_value_has_more_dims_than_target,
        outputs=raises("ValueError", r"Cannot broadcast to shape with fewer dimensions"),
    ),
    KnownDivergence(
        id="BCAST-SET-EMPTY-REGION-ACCEPTS-ANY",
        area="broadcasting",
        title=".at[].set into an empty region accepts a value that does not broadcast",
        numpy="x[idx] = v raises ValueError when v does not broadcast into x[idx], even if it is empty",
        jax="returns x unchanged when x[idx] has no elements, whatever the value's shape",
        why="nothing is scattered, so JAX's shape check is never reached",
        source="observed by this suite, undocumented upstream",
        condition="an assignment to an empty region with a value that does not broadcast into it",
        kinds=("error-parity",),
        trigger=_empty_region,
        outputs=lambda example, outcome: Outcome((Value(np.asarray(example.args[0]).copy()),)),
    ),
)

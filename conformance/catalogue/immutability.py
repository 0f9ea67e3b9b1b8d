"""Known divergences in in-place semantics (immutability): NumPy's in-place idioms on a JAX array.

Each has a live test in tests/conformance/test_immutability.py that fails when JAX stops doing what the
entry says.
"""

from __future__ import annotations

import operator
from typing import Any

import jax
import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.division_models import reciprocal_quotients
from conformance.catalogue.models import raises
from conformance.example import Example
from conformance.outcome import Outcome, Raised, Value

SHARP_BITS = "https://docs.jax.dev/en/latest/notebooks/Common_Gotchas_in_JAX.html#in-place-updates"


def _tagged(tag: str) -> Any:
    return lambda example: tag in example.case.tags


def _x_unchanged(example: Example, outcome: Outcome) -> Outcome:
    return Outcome((Value(np.asarray(example.args[0]).copy()),))


def _rebound(example: Example, outcome: Outcome) -> Outcome:
    """`b op= v` on a JAX array is `b = b op v`: a is unchanged, b is the out-of-place result, whose
    dtype is JAX's (the promotion area checks those)."""
    x, v = example.args
    op = next(t.removeprefix("operator:") for t in example.case.tags if t.startswith("operator:"))
    fn = getattr(operator, f"__{op}__")
    jax_dtype = jax.eval_shape(lambda a, b: fn(a, b), np.asarray(x), v).dtype
    if not outcome.raised:  # NumPy's b (the in-place result, as computed on the arguments it was given)
        result = outcome.values[1].array
    else:
        try:  # NumPy refused the in-place result (another dtype): the out-of-place one
            with np.errstate(all="ignore"):
                result = np.asarray(fn(np.asarray(x), v))
        except (TypeError, ValueError, ArithmeticError) as exc:
            return Outcome(error=Raised.of(exc))
    return Outcome((Value(np.asarray(x).copy()), Value(result.astype(jax_dtype), choices=tuple(
        q.astype(jax_dtype) for q in _reciprocal_quotients(x, v, op, jax_dtype)))), is_sequence=True)


def _reciprocal_quotients(x, v, op: str, dtype: np.dtype) -> list[np.ndarray]:
    """`b /= v` by a divisor broadcast against b: XLA may multiply by its reciprocal
    (NUM-DIVIDE-BY-BROADCAST-SCALAR-RECIPROCAL)."""
    if op != "truediv" or np.dtype(dtype).kind != "f" or np.size(v) >= np.size(x):
        return []
    return reciprocal_quotients(np.asarray(x).astype(dtype), np.asarray(v), floor=False)


def _empty_update(example: Example) -> bool:
    if "at-set-copies" not in example.case.tags:
        return False
    x, index = np.asarray(example.args[0]), example.args[1]
    if x.size == 0:  # np.shares_memory is False for arrays with no elements, whatever their buffers
        return False
    try:
        return np.empty(x.shape)[index].size == 0
    except (IndexError, TypeError, ValueError):
        return False


def _same_buffer(example: Example, outcome: Outcome) -> Outcome:
    if outcome.raised:
        return outcome
    a, y, _ = outcome.values
    return Outcome((a, y, Value(np.asarray(True))), is_sequence=True)


def _numpy_view(example: Example) -> bool:
    """NumPy's x[idx] is a view of x (a basic index that selects some element)."""
    if "in-place:view" not in example.case.tags:
        return False
    x = np.array(example.args[0], copy=True)
    try:
        s = x[example.args[1]]
    except (IndexError, TypeError, ValueError):
        return False
    return isinstance(s, np.ndarray) and s.size > 0 and np.shares_memory(x, s)


def _read_before_the_change(example: Example, outcome: Outcome) -> Outcome:
    """JAX's s is what a[idx] read: NumPy's x[idx] on the unchanged x."""
    return Outcome((Value(np.asarray(np.asarray(example.args[0])[example.args[1]]).copy()),))


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="IMM-SETITEM-RAISES", area="immutability",
        title="x[idx] = v raises TypeError: JAX arrays are immutable",
        numpy="assigns in place", jax="raises TypeError (use x = x.at[idx].set(v)); x is left unchanged",
        why="JAX arrays are immutable values", source=SHARP_BITS,
        condition="item assignment into a JAX array", kinds=("error-parity", "error-kind"),
        trigger=_tagged("in-place:setitem"),
        outputs=raises("TypeError", r"JAX arrays are immutable and do not support in-place item assignment"),
    ),
    KnownDivergence(
        id="IMM-AUGMENTED-ASSIGNMENT-REBINDS", area="immutability",
        title="b = a; b += v leaves a unchanged: augmented assignment rebinds b to a new array",
        numpy="b += v changes the array in place, so a (the same array) changes too; an in-place result "
              "that needs another dtype (int /= int) raises UFuncTypeError",
        jax="b += v is b = b + v: a keeps its values, b is a new array, of the out-of-place dtype",
        why="JAX arrays have no in-place operators; Python falls back to the binary operator",
        source=SHARP_BITS, condition="an augmented assignment through an alias",
        kinds=("values", "error-parity", "dtype"), trigger=_tagged("in-place:augmented"),
        outputs=_rebound,
    ),
    KnownDivergence(
        id="IMM-EMPTY-UPDATE-RETURNS-SAME-BUFFER", area="immutability",
        title="x.at[idx].set(v) with nothing to update returns x itself",
        numpy="a set on a copy gives a new array, whatever it updates",
        jax="returns the very same array (y is x), so np.asarray views of both share memory; harmless, as "
            "neither can change, but visible to code that checks identity or memory",
        why="an update of an empty region is skipped, and JAX returns its operand unchanged",
        source="observed by this suite, undocumented upstream",
        condition="y = x.at[idx].set(v) where x[idx] has no elements (and x has some)",
        kinds=("values",), trigger=_empty_update, outputs=_same_buffer,
    ),
    KnownDivergence(
        id="IMM-SORT-METHOD-RETURNS-COPY", area="immutability",
        title="a.sort() returns a sorted copy and leaves a unchanged",
        numpy="sorts a in place and returns None", jax="returns the sorted array; a is unchanged",
        why="JAX arrays are immutable; jax.Array.sort is jnp.sort",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.sort.html",
        condition="a.sort() on an array", kinds=("values",), trigger=_tagged("in-place:sort"),
        outputs=_x_unchanged,
    ),
    KnownDivergence(
        id="IMM-IN-PLACE-METHODS-MISSING", area="immutability",
        title="JAX arrays have no in-place methods (fill, resize, put, partition)",
        numpy="the method changes the array in place", jax="raises AttributeError",
        why="JAX arrays are immutable, so jax.Array leaves out NumPy's in-place methods",
        source=SHARP_BITS, condition="a NumPy in-place method called on a JAX array",
        kinds=("error-parity",), trigger=_tagged("in-place:method"),
        # eagerly "'ArrayImpl' object has no attribute 'fill'", under jit "DynamicJaxprTracer has no
        # attribute fill"
        outputs=raises("AttributeError", r"has no attribute '?(fill|resize|put|partition)\b"),
    ),
    KnownDivergence(
        id="IMM-FUNCTION-NEEDS-INPLACE-FALSE", area="immutability",
        title="jnp.put and jnp.place raise unless given inplace=False",
        numpy="np.put and np.place change their argument in place",
        jax="raises ValueError: JAX arrays are immutable; pass inplace=False for a modified copy",
        why="a reminder that the JAX version cannot modify its argument",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.put.html",
        condition="jnp.put or jnp.place without inplace=False", kinds=("error-parity",),
        trigger=_tagged("in-place:function"),
        outputs=raises("ValueError", r"cannot modify arrays in-place, because JAX arrays are immutable"),
    ),
    KnownDivergence(
        id="IMM-UFUNC-OUT-REFUSED", area="immutability",
        title="jnp ufuncs refuse an out= array",
        numpy="np.add(a, 1, out=a) writes the result into a", jax="raises NotImplementedError",
        why="there is no buffer to write into: JAX arrays are immutable",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.ufunc.html",
        condition="a ufunc called with out= an array", kinds=("error-parity",),
        trigger=_tagged("in-place:out"), outputs=raises("NotImplementedError", r"^out argument of"),
        # reports/history.md: jax 0.4.30 raises TypeError instead (jnp.add was a plain function with no
        # out= parameter: "unexpected keyword argument 'out'"), a NEW divergence; NotImplementedError from
        # 0.4.38 on (seen in every release run after 0.4.30).
        jax_versions=">0.4.30",
    ),
    KnownDivergence(
        id="IMM-SLICE-IS-A-COPY", area="immutability",
        title="A basic index gives a value, not a view: s = a[1:] does not follow later changes of a",
        numpy="a basic index (slices, integers, Ellipsis, None) returns a view: a change to the base "
              "shows in s",
        jax="s keeps the values it read; a 'changed' base is a new array (a.at[...].set), so nothing "
            "reaches s (for a no-op index such as a[:] JAX even returns a itself, which is as safe)",
        why="JAX arrays are immutable values; XLA may copy or alias buffers as it likes",
        source=SHARP_BITS, condition="s = a[idx] with a basic index that NumPy answers with a view, "
                                     "then the base changes",
        kinds=("values",), trigger=_numpy_view, outputs=_read_before_the_change,
    ),
)

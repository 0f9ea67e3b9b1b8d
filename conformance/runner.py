"""Run a case on each side. Inputs are NumPy; JAX gets them on the device under test (`to_jax`, which
gives what `jnp.asarray` gives).

Under `jit`, every NumPy array in the arguments (at any depth of tuples and lists, so index arrays too) is
a traced argument; everything else (Python scalars, slices, shapes) is static, as a user's code would
close over it. Compiled functions are reused across examples with the same static structure.

Under `folded`, the arrays are not arguments but constants the jitted function closes over (what a user
gets from `jax.jit(lambda: f(x))` with `x` a global array): each example compiles anew, and XLA may
compute the result while compiling (constant folding), with its evaluator instead of the compiled kernels.

Under `vmap`, the same array arguments carry a batch of BATCH_SIZE: the example's input, and a second
input of the same shapes and dtypes (its values reversed, `batch_elements`), so that a batching rule
that mixes up elements shows. `jax.vmap` maps the body over the batch; NumPy runs once per element and
its outcomes are stacked (`run_numpy_batch`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import jax
import numpy as np

from conformance.case import ALL_MODES, Case
from conformance.outcome import Outcome, Raised, Value, capture

MODES = ALL_MODES
BATCH_SIZE = 2


def is_array_input(leaf: Any) -> bool:
    return isinstance(leaf, (np.ndarray, np.generic))


def _flatten(args: Sequence[Any]):
    # None is an empty pytree node to JAX; keep it as a leaf so indices like (None, 0) survive.
    return jax.tree_util.tree_flatten(list(args), is_leaf=lambda x: x is None)


# A case whose values are unspecified (empty, empty_like: whatever memory held): only the shape and
# dtype of NumPy's result are compared, its values marked free (any value agrees).
UNSPECIFIED_VALUES = "unspecified-values"


def run_numpy(case: Case, args: Sequence[Any]) -> Outcome:
    if case.numpy_reference is not None:
        outcome = capture(lambda: case.numpy_reference(*args))
    else:
        outcome = capture(lambda: case.fn(np, *args))
    outcome = canonicalized(case, args, outcome)
    if UNSPECIFIED_VALUES in case.tags and not outcome.raised:
        free = tuple(replace(v, free=np.ones(v.shape, bool)) for v in outcome.values)
        outcome = replace(outcome, values=free)
    return outcome


def run_jax(case: Case, args: Sequence[Any], *, xp: Any, mode: str,
            device: int | None = None) -> Outcome:
    """JAX's outcome in `mode`, on local device number `device` (None: JAX's default device)."""
    if device is not None:
        with jax.default_device(jax.local_devices()[device]):
            return run_jax(case, args, xp=xp, mode=mode)
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; expected one of {MODES}")
    leaves, treedef = _flatten(args)
    traced = [i for i, leaf in enumerate(leaves) if is_array_input(leaf)]

    def call() -> Any:
        if mode == "vmap":
            batches = [np.stack([np.asarray(leaves[i]), batch_variant(leaves[i])]) for i in traced]
            body = lambda *arrays: case.fn(xp, *_rebuild(leaves, treedef, traced, arrays))
            return jax.vmap(body)(*(to_jax(b) for b in batches))
        arrays = [to_jax(leaves[i]) for i in traced]
        if mode == "eager":
            return case.fn(xp, *_rebuild(leaves, treedef, traced, arrays))
        if mode == "folded":  # the arrays are constants of the program (never cached: their values differ)
            return jax.jit(lambda: case.fn(xp, *_rebuild(leaves, treedef, traced, arrays)))()
        return _jitted(case, xp, leaves, treedef, traced)(*arrays)

    return canonicalized(case, args, capture(call))


def canonicalized(case: Case, args: Sequence[Any], outcome: Outcome) -> Outcome:
    """The outcome's result in the case's canonical form (`Case.canonical`), on either side: a single
    result as before (its array replaced); a sequence of results (svd's u, s, vh) passed as a tuple
    of arrays, whose canonical form is a tuple of Values (the unique quantities of a decomposition,
    each with its bound: conformance/decomposition_bounds.py)."""
    if case.canonical is None or outcome.raised:
        return outcome
    if not outcome.is_sequence and len(outcome.values) == 1:
        value = outcome.values[0]
        form = case.canonical(value.array, *args)
        if not isinstance(form, (tuple, Value)):
            return replace(outcome, values=(replace(value, array=form),))
    else:
        form = case.canonical(tuple(v.array for v in outcome.values), *args)
    values = form if isinstance(form, tuple) else (form,)
    return replace(outcome, values=tuple(v if isinstance(v, Value) else Value(np.asarray(v)) for v in values),
                   is_sequence=isinstance(form, tuple))


def to_jax(array: np.ndarray | np.generic) -> jax.Array:
    """The input on JAX's default device: what `jnp.asarray` gives (the dtype canonicalized for the x64
    mode, not weakly typed, uncommitted), without the identity computation that jnp.asarray compiles
    for every new shape and dtype of a NumPy array (`lax.stage`, jax 0.10)."""
    return jax.device_put(array)


def _rebuild(leaves, treedef, traced, arrays) -> list[Any]:
    leaves = list(leaves)
    for i, array in zip(traced, arrays, strict=True):
        leaves[i] = array
    return jax.tree_util.tree_unflatten(treedef, leaves)


_JIT_CACHE: OrderedDict[tuple, Callable] = OrderedDict()
_JIT_CACHE_SIZE = 1024


def _jitted(case: Case, xp: Any, leaves, treedef, traced) -> Callable:
    static = tuple("<array>" if i in traced else repr(leaf) for i, leaf in enumerate(leaves))
    key = (case.area, case.name, id(case.fn), id(xp), str(treedef), static)
    fn = _JIT_CACHE.get(key)
    if fn is None:
        template = list(leaves)

        def body(*arrays):
            return case.fn(xp, *_rebuild(template, treedef, traced, arrays))

        fn = jax.jit(body)
        _JIT_CACHE[key] = fn
        if len(_JIT_CACHE) > _JIT_CACHE_SIZE:
            _JIT_CACHE.popitem(last=False)
    else:
        _JIT_CACHE.move_to_end(key)
    return fn


# -- the vmap batch ------------------------------------------------------------------------------------
def batch_variant(leaf: Any) -> Any:
    """The batch's second element for one argument: an array with its flattened values reversed (same
    shape and dtype, different positions); anything else (scalars, static arguments) unchanged."""
    if isinstance(leaf, np.ndarray) and leaf.ndim:
        return leaf.reshape(-1)[::-1].reshape(leaf.shape).copy()
    return leaf


def batch_elements(args: Sequence[Any]) -> list[tuple[Any, ...]]:
    """The arguments of each batch element under vmap: the example's own, then `batch_variant`'s."""
    leaves, treedef = _flatten(args)
    second = [batch_variant(leaf) if is_array_input(leaf) else leaf for leaf in leaves]
    return [tuple(args), tuple(jax.tree_util.tree_unflatten(treedef, second))]


def run_numpy_elements(case: Case, args: Sequence[Any], *, own: Outcome | None = None) -> list[Outcome]:
    """NumPy's outcome for each batch element under vmap; `own`, when given, is the one already run on
    the example's own arguments (the first element)."""
    first, *rest = batch_elements(args)
    return [run_numpy(case, first) if own is None else own, *(run_numpy(case, e) for e in rest)]


def run_numpy_batch(case: Case, args: Sequence[Any]) -> Outcome:
    """NumPy's outcome under vmap: one run per batch element, stacked along a new leading axis."""
    return stack_outcomes(run_numpy_elements(case, args))


def stack_outcomes(outcomes: Sequence[Outcome]) -> Outcome:
    """One outcome for a batch: the first error if an element raised, else each value stacked."""
    warnings = tuple(dict.fromkeys(w for o in outcomes for w in o.warnings))
    first = outcomes[0]
    for outcome in outcomes:
        if outcome.raised:
            return Outcome(error=outcome.error, warnings=warnings)
    structures = {(len(o.values), o.is_sequence, tuple((v.shape, v.dtype) for v in o.values))
                  for o in outcomes}
    if len(structures) > 1:  # value-dependent result shapes: vmap cannot express this either
        return Outcome(error=Raised("ValueError", "batch elements give results of different shapes",
                                    ("ValueError",)), warnings=warnings)
    values = tuple(Value(np.stack([o.values[k].array for o in outcomes]), first.values[k].weak_type)
                   for k in range(len(first.values)))
    return Outcome(values, first.is_sequence, None, warnings)


def batch_element(outcome: Outcome, index: int) -> Outcome:
    """Element `index` of a batched outcome (an error belongs to every element)."""
    if outcome.raised:
        return outcome
    values = tuple(Value(v.array[index], v.weak_type) if v.array.ndim else v for v in outcome.values)
    return Outcome(values, outcome.is_sequence, None, outcome.warnings)

"""Run a case on each side. Inputs are NumPy; JAX gets them through `jnp.asarray` on the device under test.

Under `jit`, every NumPy array in the arguments (at any depth of tuples and lists, so index arrays too) is
a traced argument; everything else (Python scalars, slices, shapes) is static, as a user's code would
close over it. Compiled functions are reused across examples with the same static structure.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

import jax
import numpy as np

from conformance.case import Case
from conformance.outcome import Outcome, capture

MODES = ("eager", "jit")


def is_array_input(leaf: Any) -> bool:
    return isinstance(leaf, (np.ndarray, np.generic))


def _flatten(args: Sequence[Any]):
    # None is an empty pytree node to JAX; keep it as a leaf so indices like (None, 0) survive.
    return jax.tree_util.tree_flatten(list(args), is_leaf=lambda x: x is None)


def run_numpy(case: Case, args: Sequence[Any]) -> Outcome:
    if case.numpy_reference is not None:
        return capture(lambda: case.numpy_reference(*args))
    return capture(lambda: case.fn(np, *args))


def run_jax(case: Case, args: Sequence[Any], *, xp: Any, mode: str) -> Outcome:
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; expected one of {MODES}")
    leaves, treedef = _flatten(args)
    traced = [i for i, leaf in enumerate(leaves) if is_array_input(leaf)]

    def call() -> Any:
        arrays = [xp.asarray(leaves[i]) for i in traced]
        if mode == "eager":
            return case.fn(xp, *_rebuild(leaves, treedef, traced, arrays))
        return _jitted(case, xp, leaves, treedef, traced)(*arrays)

    return capture(call)


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

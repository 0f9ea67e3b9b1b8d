"""Known divergences of ravel_multi_index (registry/index_tools.py): jnp.ravel_multi_index checks its
arguments in its own order (lax_numpy.py), promotes the indices to one dtype and computes in it, and
cannot look at the values under jit. `jax_ravel_multi_index` restates that order."""

from __future__ import annotations

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.models import canonical_dtype, raises
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.strategies import kind_of

_SOURCE = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/lax_numpy.py (ravel_multi_index)"
_DOCS = "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.ravel_multi_index.html"


def _ravels(example: Example) -> bool:
    return example.case.name == "ravel_multi_index"


def promoted_index_dtype(dtypes: list[np.dtype], *, x64: bool) -> np.dtype:
    """`dtypes.result_type(int, *multi_index)`: the weak Python int leaves integer indices their joined
    dtype (NumPy's table agrees on integers: int8 with uint8 is int16, a signed one with uint64 a float),
    and makes bool indices alone the default int; 64-bit types narrowed with x64 off."""
    joined = np.result_type(*dtypes)
    if joined == np.bool_:
        joined = np.dtype(np.int64)
    return joined if x64 else canonical_dtype(joined)


def jax_ravel_multi_index(example: Example) -> Outcome:
    """What jnp.ravel_multi_index gives, in its order of checks: the lengths (an assert), the promoted
    dtype (an integer one, or ValueError), mode='raise' on a traced index (a concretization error), a
    bool index (TypeError), then the bounds (mode='raise': ValueError) and the flat index in the dtype."""
    indices, dims, mode, order = example.args
    if len(indices) != len(dims):
        return raises("AssertionError", r"len\(multi_index\)=\d+ != len\(dims\)")(example, example.numpy)
    dtypes = [np.asarray(i).dtype for i in indices]
    dtype = promoted_index_dtype(dtypes, x64=example.env.x64)
    if kind_of(dtype) not in "iu":
        return raises("ValueError", "is not an integer type")(example, example.numpy)
    if mode == "raise" and example.mode != "eager":
        return raises("TypeError", "Abstract tracer value encountered")(example, example.numpy)
    if any(kind_of(d) == "b" for d in dtypes):
        return raises("TypeError", "only int indices permitted")(example, example.numpy)
    wide = np.broadcast_arrays(*(np.asarray(i).astype(np.int64) for i in indices))
    if mode == "raise" and any(((i < 0) | (i >= d)).any() for i, d in zip(wide, dims, strict=True)):
        return raises("ValueError", "invalid entry in coordinates array")(example, example.numpy)
    if mode == "clip":
        wide = [np.clip(i, 0, d - 1) for i, d in zip(wide, dims, strict=True)]
    elif mode == "wrap":
        wide = [i % d for i, d in zip(wide, dims, strict=True)]
    sides = tuple(dims) if order == "C" else tuple(dims)[::-1]
    ordered = wide if order == "C" else wide[::-1]
    strides = np.cumprod((1, *sides[1:][::-1]))[::-1]
    flat = sum((i * s for i, s in zip(ordered, strides, strict=True)), np.zeros(wide[0].shape, np.int64))
    return Outcome((Value(np.asarray(flat).astype(dtype)),))


def _refused_under_jit(example: Example) -> bool:
    """raise mode under jit or folded, where the lengths match and the indices promote to an integer."""
    if not (_ravels(example) and example.args[2] == "raise" and example.mode != "eager"):
        return False
    error = jax_ravel_multi_index(example).error
    return error is not None and "Abstract tracer" in (error.pattern or "")


def _own_rules(example: Example) -> bool:
    return _ravels(example) and not _refused_under_jit(example)


def _like_jax(example: Example, outcome: Outcome) -> Outcome:
    return jax_ravel_multi_index(example)


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="INDEX-RAVEL-MULTI-INDEX-RAISE-MODE-UNDER-JIT",
        area="reductions",
        title="ravel_multi_index refuses mode='raise' under jit",
        numpy="checks the indices' values and raises ValueError only for one out of bounds",
        jax="raises ConcretizationTypeError (a TypeError) while tracing: the bounds check needs the "
            "values, e.g. jax.jit(lambda i, j: jnp.ravel_multi_index([i, j], (3, 4)))(0, 1)",
        why="the check is a Python `if` on the values (core.concrete_or_error)",
        source=_DOCS + " (mode 'raise': 'This mode is incompatible with jax.jit or other JAX "
               "transformations')",
        condition="ravel_multi_index with mode='raise' under jit or folded, the indices of an integer "
                  "dtype or bool and as many as dims",
        kinds=("error-parity", "error-kind"),
        trigger=_refused_under_jit,
        outputs=_like_jax,
    ),
    KnownDivergence(
        id="INDEX-RAVEL-MULTI-INDEX-OWN-CHECKS-AND-DTYPE",
        area="reductions",
        title="ravel_multi_index returns the indices' promoted dtype, refuses bool indices, and checks "
              "the number of indices with an assert",
        numpy="casts every index to intp and returns intp (int64); accepts bool indices (as 0 and 1); "
              "raises ValueError for a number of indices other than len(dims) and TypeError for float ones",
        jax="returns the indices' promoted dtype (int8 indices give int8; bool alone the default int), "
            "raises TypeError for a bool index ('only int indices permitted'), AssertionError for a "
            "number of indices other than len(dims), ValueError for float or complex ones ('is not an "
            "integer type'): jnp.ravel_multi_index([np.int8([1]), np.int8([2])], (3, 4)) is int8 [6]",
        why="dtypes.result_type(int, *multi_index) decides the dtype and is checked before the "
            "indices are; the number of indices is an `assert`",
        source=_DOCS + " (dtype: 'determined by standard type promotion rules of the input "
               "multi_index'); the refusals: observed by this suite, undocumented upstream (" + _SOURCE + ")",
        condition="ravel_multi_index where JAX's checks or its dtype differ from NumPy's (every example "
                  "but the raise mode under jit)",
        kinds=("dtype", "error-parity", "error-kind"),
        trigger=_own_rules,
        outputs=_like_jax,
    ),
)

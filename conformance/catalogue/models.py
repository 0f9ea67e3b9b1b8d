"""Building blocks for catalogue models: how JAX reads the inputs, and what it returns, from NumPy.

An entry's `inputs(example) -> args` rewrites the arguments; its `outputs(example, outcome) -> outcome`
rewrites NumPy's outcome on those arguments. Both are small functions of NumPy arrays.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np

from conformance.example import Example
from conformance.outcome import Outcome, Raised, Value
from conformance.runner import is_array_input

_CANONICAL_32 = {"int64": "int32", "uint64": "uint32", "float64": "float32", "complex128": "complex64"}


# JAX's documents that call a value implementation-defined, quoted where an entry accepts any value.
LAX_DIV_DOC = ("https://docs.jax.dev/en/latest/_autosummary/jax.lax.div.html: \"Integer division overflow "
                "(division by zero or signed division of INT_SMIN with -1) produces an implementation "
                "defined value.\" (jnp.floor_divide of integers is lax.div, corrected by lax.rem)")
LAX_REM_DOC = ("https://docs.jax.dev/en/latest/_autosummary/jax.lax.rem.html: \"Integer division overflow "
                "(remainder by zero or remainder of INT_SMIN with -1) produces an implementation defined "
                "value.\"")

def canonical_dtype(dtype: np.dtype) -> np.dtype:
    """The dtype JAX gives with x64 off for a NumPy dtype (64-bit types become 32-bit)."""
    dtype = np.dtype(dtype)
    return np.dtype(_CANONICAL_32[dtype.name]) if dtype.name in _CANONICAL_32 else dtype


def map_values(outcome: Outcome, fn: Callable[[Value], Value]) -> Outcome:
    if outcome.raised:
        return outcome
    return Outcome(tuple(fn(v) for v in outcome.values), outcome.is_sequence)


def map_array_args(example: Example, fn: Callable[[np.ndarray], Any]) -> tuple:
    return tuple(fn(np.asarray(a)) if is_array_input(a) else a for a in example.args)


def at_32_bits(example: Example, outcome: Outcome) -> Outcome:
    """`outcome` with every 64-bit dtype replaced by its 32-bit counterpart (x64 off)."""
    return map_values(outcome, lambda v: v.astype(canonical_dtype(v.dtype)))


def cast_outputs(dtype_of: Callable[[Example], np.dtype]) -> Callable[[Example, Outcome], Outcome]:
    """Outputs: NumPy's values in the dtype that `dtype_of(example)` says JAX returns."""
    def outputs(example: Example, outcome: Outcome) -> Outcome:
        dtype = dtype_of(example)
        return map_values(outcome, lambda v: replace(v, array=v.array.astype(dtype)))
    return outputs


def raises(kind: str, pattern: str) -> Callable[[Example, Outcome], Outcome]:
    """Outputs: JAX raises an exception of the builtin family `kind` whose message matches the regular
    expression `pattern` (re.search): JAX's own message, so that another error of that family is new."""
    re.compile(pattern)  # fail at import on a malformed pattern
    return lambda example, outcome: Outcome(error=Raised(kind, f"(matching /{pattern}/)", (kind,),
                                                         pattern))


def any_values(dtype_of: Callable[[Example], np.dtype]) -> Callable[[Example, Outcome], Outcome]:
    """Outputs where NumPy refuses and JAX documents only the result's dtype and broadcast shape."""
    def outputs(example: Example, outcome: Outcome) -> Outcome:
        shape = np.broadcast_shapes(*(np.shape(a) for a in example.args))
        return Outcome((Value(np.zeros(shape, dtype_of(example)), free=np.ones(shape, bool)),))
    return outputs


def free_where(mask_of: Callable[[tuple], np.ndarray]) -> Callable[[Example, Outcome], Outcome]:
    """Outputs: NumPy's values, except that positions `mask_of(original args)` accept any value."""
    def outputs(example: Example, outcome: Outcome) -> Outcome:
        mask = mask_of(example.args)

        def loosen(v: Value) -> Value:
            free = np.broadcast_to(mask, v.shape)
            return replace(v, free=free if v.free is None else free | v.free)

        return map_values(outcome, loosen)
    return outputs


def nonfinite_where(mask_of: Callable[[Example], np.ndarray]) -> Callable[[Example, Outcome], Outcome]:
    """Outputs: NumPy's values, except that at positions `mask_of(example)` JAX gives some non-finite
    value (NaN or an infinity in some part), and only that is asserted."""
    def outputs(example: Example, outcome: Outcome) -> Outcome:
        mask = mask_of(example)

        def mark(v: Value) -> Value:
            where = np.broadcast_to(mask, v.shape)
            # NaN only at `mask`: where the value had a non-finite allowance of its own (a sum that may
            # overflow), its bounded value stays and either is accepted
            array = np.where(where, np.nan, v.array).astype(v.dtype)
            where = where if v.nonfinite is None else where | v.nonfinite
            return replace(v, array=array, nonfinite=where)

        return map_values(outcome, mark)
    return outputs


def _subnormal_threshold(dtype: np.dtype) -> float | None:
    name = np.dtype(dtype).name
    if name in ("float32", "complex64", "bfloat16"):  # bfloat16 computes in float32 on XLA
        return float(np.finfo(np.float32).tiny)
    if name in ("float64", "complex128"):
        return float(np.finfo(np.float64).tiny)
    return None  # float16 computes in float32, where its subnormals are normal


def has_subnormal(a: Any) -> bool:
    a = np.asarray(a)
    tiny = _subnormal_threshold(a.dtype)
    if tiny is None or a.size == 0:
        return False
    parts = (a.real, a.imag) if a.dtype.kind == "c" else (a.astype(np.float64),)
    return any(bool(np.any((p != 0) & (np.abs(p) < tiny))) for p in parts)


def flush_subnormals(a: np.ndarray) -> np.ndarray:
    """Replace subnormal values by a zero of the same sign (the CPU's FTZ/DAZ modes)."""
    tiny = _subnormal_threshold(a.dtype)
    if tiny is None:
        return a
    if a.dtype.kind == "c":
        out = np.empty_like(a)
        out.real, out.imag = flush_subnormals(a.real), flush_subnormals(a.imag)
        return out
    wide = a.astype(np.float64)
    small = (wide != 0) & (np.abs(wide) < tiny)
    return np.where(small, np.copysign(0.0, wide), wide).astype(a.dtype)


def flushes(example: Example) -> bool:
    """Whether JAX's result comes from XLA's compiled kernels, which flush subnormals (FTZ/DAZ), and not
    from XLA's constant folding (folded mode: the host evaluates the program while compiling, keeping
    subnormals; measured with jax 0.10.2: jax.jit(lambda: x * 0.5)() of a constant x = 1e-38 is 5e-39)."""
    return example.mode != "folded"


def folding_reads_subnormals(example: Example) -> bool:
    """Folded with jax 0.12 or later: XLA's constant folder reduces, sorts and differences the constant
    with its subnormals as they are, as NumPy does (measured on 0.12.0.1: max([-0.0, 2**-140]) is 2**-140,
    sort([2**-140, 0.0]) is [0.0, 2**-140], diff and sum NumPy's values). jax 0.10.2's folder compared
    subnormals as zeros and flushed its differences and sums."""
    return example.mode == "folded" and jax_at_least(example, "0.12")


def truth_flushes(example: Example) -> tuple[str, ...]:
    """The float dtypes whose subnormals JAX's truth tests (astype(bool), jnp.any, jnp.all) read as zero
    in the compiled kernels (`flushes`): float32 and float64; bfloat16 too from jax 0.12 (measured: jax
    0.10.2 reads a bfloat16's bits, jnp.asarray(bfloat16 1e-40).astype(bool) is True; jax 0.12.0.1
    compares it with zero as float32, False). float16's subnormals are normal in float32."""
    if not flushes(example):
        return ()
    return ("float32", "float64") + (("bfloat16",) if jax_at_least(example, "0.12") else ())


def truth_like_jnp_any(a: np.ndarray, *, flush: bool | tuple[str, ...] = True) -> np.ndarray:
    """Where jnp.any (and jnp.all) count an element as true: a complex one by its real part alone, and
    a subnormal of a dtype in `flush` (`truth_flushes(example)`; True: float32 and float64, as jax
    0.10.2's compiled kernels) as zero (astype(bool) reads both parts)."""
    part = a.real if a.dtype.kind == "c" else a
    flushed = ("float32", "float64") if flush is True else flush or ()
    if part.dtype.name in flushed:
        part = flush_subnormals(part)
    return part != 0


def half_precision_linalg_refusal(example, outcome):
    """What jnp.linalg raises for a float16 or bfloat16 matrix: NotImplementedError from the LAPACK
    lowering (jax < 0.12), TypeError from its own dtype check (observed on jax 0.12.0.1)."""
    if jax_at_least(example, "0.12"):
        return raises("TypeError", r"does not accept dtype (float16|bfloat16)")(example, outcome)
    return raises("NotImplementedError", r"Unsupported dtype (float16|bfloat16)")(example, outcome)


def jax_at_least(example: Example, version: str) -> bool:
    """Whether the example ran on this JAX release or a later one: for a model whose detail changed
    between releases (a gate, `jax_versions`, is for a behaviour that came or went)."""
    from packaging.version import Version

    return Version(example.env.jax) >= Version(version)


def finfo_refusal(example, outcome):
    """What jnp raises where it asks np.finfo about a bool or integer dtype: ValueError with NumPy's
    message, "data type <class 'numpy.int8'> not inexact" (numpy < 2.5), "data type dtype('int8') not
    compatible with finfo" (observed on numpy 2.5.5)."""
    from packaging.version import Version

    if Version(example.env.numpy) >= Version("2.5"):
        return raises("ValueError", r"not compatible with finfo")(example, outcome)
    return raises("ValueError", r"not inexact")(example, outcome)

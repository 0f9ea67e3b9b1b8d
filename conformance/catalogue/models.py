"""Building blocks for catalogue models: what JAX documents it does, computed from NumPy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from conformance.example import Example
from conformance.outcome import Outcome, Raised, Value
from conformance.runner import is_array_input

_CANONICAL_32 = {"int64": "int32", "uint64": "uint32", "float64": "float32", "complex128": "complex64"}


def canonical_dtype(dtype: np.dtype) -> np.dtype:
    """The dtype JAX gives with x64 off for a NumPy dtype (64-bit types become 32-bit)."""
    return np.dtype(_CANONICAL_32.get(np.dtype(dtype).name, np.dtype(dtype).name))


def map_values(outcome: Outcome, fn: Callable[[Value], Value]) -> Outcome:
    if outcome.raised:
        return outcome
    return Outcome(tuple(fn(v) for v in outcome.values), outcome.is_sequence)


def numpy_at_32_bits(example: Example) -> Outcome:
    """NumPy's result with every 64-bit dtype replaced by its 32-bit counterpart (x64 off)."""
    return map_values(example.numpy, lambda v: Value(v.array.astype(canonical_dtype(v.dtype))))


def raises(kind: str) -> Callable[[Example], Outcome]:
    """A model in which JAX raises an exception of the builtin family `kind`."""
    return lambda example: Outcome(error=Raised(kind, "(any message)", (kind,)))


def returns_numpy_values(example: Example) -> Outcome:
    """JAX returns what NumPy would, where NumPy raises instead (a model for error-kind entries)."""
    return example.numpy


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
        return (flush_subnormals(a.real) + 1j * flush_subnormals(a.imag)).astype(a.dtype)
    wide = a.astype(np.float64)
    small = (wide != 0) & (np.abs(wide) < tiny)
    return np.where(small, np.copysign(0.0, wide), wide).astype(a.dtype)


def numpy_with_subnormals_flushed(example: Example) -> Outcome:
    """NumPy's result with subnormal inputs read as zero and subnormal results written as zero."""
    args = tuple(flush_subnormals(np.asarray(a)) if is_array_input(a) else a for a in example.args)
    outcome = example.rerun_numpy(args)
    return map_values(outcome, lambda v: Value(flush_subnormals(v.array)))


def numpy_with_free_positions(
    example: Example, replace: Callable[[tuple], tuple], free: Callable[[tuple], np.ndarray]
) -> Outcome:
    """NumPy's result on `replace(args)`, with the positions `free(args)` accepting any value."""
    outcome = example.rerun_numpy(replace(example.args))
    mask = free(example.args)
    return map_values(outcome, lambda v: Value(v.array, free=np.broadcast_to(mask, v.shape)))

"""An Outcome is what one side did with an example: the value(s) it returned, or the error it raised."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Raised:
    """An exception, kept as its type name and message (the object itself does not cross processes)."""

    type: str
    message: str
    mro: tuple[str, ...] = ()  # builtin ancestors, so that error kinds can be matched by family
    # Set by catalogue models only: a regular expression JAX's message must match (re.search), so that
    # an error of the documented family raised for another reason is not explained by the entry.
    pattern: str | None = None

    @classmethod
    def of(cls, exc: BaseException) -> Raised:
        builtins = tuple(
            c.__name__ for c in type(exc).__mro__ if c.__module__ == "builtins" and c is not object
        )
        return cls(type(exc).__name__, str(exc).strip().splitlines()[0][:300] if str(exc) else "",
                   builtins)

    def kind(self) -> str:
        """The builtin exception family (ValueError, TypeError, IndexError, ...)."""
        for name in self.mro:
            if name not in ("Exception", "BaseException"):
                return name
        return self.type


@dataclass(frozen=True)
class Value:
    """One returned array, held as NumPy; `weak_type` is JAX's flag (None on the NumPy side)."""

    array: np.ndarray
    weak_type: bool | None = None
    # Positions where any value is acceptable: only catalogue models set it, where JAX documents the
    # result as implementation-defined (integer division by zero, say).
    free: np.ndarray | None = field(default=None, compare=False)
    # An elementwise absolute bound on |actual - expected| that replaces the dtype's tolerance for float
    # and complex values (matmul's error bound, which grows with the inner dimension). Integers and bools
    # stay exact whatever it says.
    atol: np.ndarray | None = field(default=None, compare=False)
    # Alternative expected arrays, each of the value's shape: an element also agrees when it matches the
    # same element of any of them. Catalogue models set it where JAX documents a set of outcomes (which
    # of several updates to one position wins in `.at[idx].set`).
    choices: tuple[np.ndarray, ...] = field(default=(), compare=False)
    # Positions where a non-finite result (a NaN or an infinity in some part) also agrees: where JAX
    # documents only that, the expected array holds NaN there (`models.nonfinite_where`); where a sum
    # may or may not overflow, the bounded value (matmul's reference).
    nonfinite: np.ndarray | None = field(default=None, compare=False)

    @property
    def dtype(self) -> np.dtype:
        return self.array.dtype

    @property
    def shape(self) -> tuple[int, ...]:
        return self.array.shape

    def astype(self, dtype) -> Value:
        """The value in another dtype, its alternatives (`choices`) cast with it."""
        return replace(self, array=self.array.astype(dtype),
                       choices=tuple(c.astype(dtype) for c in self.choices))


@dataclass(frozen=True)
class Outcome:
    """Exactly one of `values` (a tuple when the call returned a sequence) or `error`."""

    values: tuple[Value, ...] = ()
    is_sequence: bool = False
    error: Raised | None = None
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def raised(self) -> bool:
        return self.error is not None

    def describe(self) -> str:
        if self.error is not None:
            return f"raises {self.error.type}: {self.error.message}"
        parts = [_describe_value(v) for v in self.values]
        return f"({', '.join(parts)})" if self.is_sequence else parts[0]


def _describe_value(v: Value) -> str:
    weak = ", weak" if v.weak_type else ""
    with np.printoptions(threshold=20, edgeitems=3, precision=8):
        text = np.array2string(v.array, separator=", ") if v.array.ndim else repr(v.array.item())
    return f"{v.dtype.name}{list(v.shape)}{weak} {text}"


def _as_value(result: Any) -> Value:
    if isinstance(result, Value):  # a reference that states its own bound (see Value.atol)
        return result
    weak = getattr(result, "weak_type", None)
    if weak is None and hasattr(result, "aval"):
        weak = getattr(result.aval, "weak_type", None)
    return Value(np.asarray(result), bool(weak) if weak is not None else None)


def to_outcome(result: Any) -> Outcome:
    if isinstance(result, (tuple, list)):
        return Outcome(values=tuple(_as_value(r) for r in result), is_sequence=True)
    return Outcome(values=(_as_value(result),))


def capture(call: Callable[[], Any]) -> Outcome:
    """Run `call`, returning its result or its exception as an Outcome.

    Floating-point warnings are silenced (NumPy warns where JAX cannot) but kept, so a reader can see them.
    Results are materialised inside the capture, so that errors JAX raises lazily are caught here too.
    """
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn"):
        warnings.simplefilter("always")
        try:
            outcome = to_outcome(call())
        except Exception as exc:  # noqa: BLE001 - every exception is an outcome to compare
            outcome = Outcome(error=Raised.of(exc))
    messages = tuple(dict.fromkeys(f"{w.category.__name__}: {w.message}" for w in caught))
    return Outcome(outcome.values, outcome.is_sequence, outcome.error, messages[:5])

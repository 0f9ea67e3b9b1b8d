"""An Example is one input run through one case in one mode: both outcomes and the context around them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from conformance.case import Case
from conformance.environment import Environment
from conformance.outcome import Outcome
from conformance.runner import is_array_input, run_numpy


@dataclass(frozen=True)
class Example:
    case: Case
    args: tuple[Any, ...]
    mode: str
    env: Environment
    numpy: Outcome
    jax: Outcome

    def rerun_numpy(self, args: tuple[Any, ...]) -> Outcome:
        """NumPy's outcome for other arguments: catalogue models use it to compute what JAX documents."""
        return run_numpy(self.case, args)

    def array_args(self) -> list[np.ndarray]:
        return [np.asarray(a) for a in self.args if is_array_input(a)]

    def dtype_label(self) -> str:
        """The divergence map's column: the first array argument's dtype, else the first argument's
        Python type (a list, a scalar, None), so that every example has one."""
        arrays = self.array_args()
        if arrays:
            return arrays[0].dtype.name
        return type(self.args[0]).__name__ if self.args else "no arguments"

    def size(self) -> int:
        """How big the example is, to keep the smallest one of each divergence."""
        total = 0
        for a in self.args:
            total += int(np.size(a)) + np.ndim(a) if is_array_input(a) else len(repr(a))
        return total

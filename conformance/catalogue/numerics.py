"""Known divergences in the values elementwise operations compute."""

from __future__ import annotations

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.models import (
    has_subnormal,
    numpy_with_free_positions,
    numpy_with_subnormals_flushed,
)
from conformance.example import Example
from conformance.runner import is_array_input


def _any_subnormal(example: Example) -> bool:
    inputs = [a for a in example.args if is_array_input(a)]
    outputs = [] if example.numpy.raised else [v.array for v in example.numpy.values]
    return any(has_subnormal(a) for a in inputs + outputs)


def _integer_divisor_is_zero(example: Example) -> bool:
    if "integer-division" not in example.case.tags or len(example.args) < 2:
        return False
    divisor = np.asarray(example.args[1])
    return divisor.dtype.kind in "iu" and bool(np.any(divisor == 0))


def _divisor_zero_free(example: Example):
    return numpy_with_free_positions(
        example,
        replace=lambda args: args,
        free=lambda args: np.broadcast_arrays(np.asarray(args[0]), np.asarray(args[1]) == 0)[1],
    )


def _negative_integer_power(example: Example) -> bool:
    if "power" not in example.case.tags or len(example.args) < 2:
        return False
    base, exponent = (np.asarray(a) for a in example.args[:2])
    return base.dtype.kind in "iub" and exponent.dtype.kind in "iu" and bool(np.any(exponent < 0))


def _negative_power_free(example: Example):
    def replace(args):
        exponent = np.asarray(args[1])
        safe = np.where(exponent < 0, np.zeros_like(exponent), exponent)
        return (args[0], safe if is_array_input(args[1]) else safe.item(), *args[2:])

    return numpy_with_free_positions(
        example, replace,
        free=lambda args: np.broadcast_arrays(np.asarray(args[0]), np.asarray(args[1]) < 0)[1],
    )


ENTRIES = (
    KnownDivergence(
        id="NUM-SUBNORMAL-FLUSH",
        area="numerics",
        title="Subnormal floats are flushed to zero",
        numpy="computes with subnormal (denormal) inputs and results, IEEE 754 gradual underflow",
        jax="reads subnormal inputs as zero and writes subnormal results as zero (FTZ/DAZ), "
            "float32 and float64 (bfloat16 too, which XLA computes in float32)",
        why="XLA sets the CPU's flush-to-zero and denormals-are-zero modes for speed; GPUs flush too",
        source="https://github.com/jax-ml/jax/issues/16200 (working as intended); "
               "https://github.com/jax-ml/jax/pull/26668 (Sharp bits note)",
        condition="an input or NumPy's result holds a subnormal float32/float64/bfloat16 value",
        kinds=("values",),
        trigger=_any_subnormal,
        model=numpy_with_subnormals_flushed,
    ),
    KnownDivergence(
        id="NUM-INT-FLOOR-DIVIDE-BY-ZERO",
        area="numerics",
        title="Integer floor division by zero gives an implementation-defined value",
        numpy="returns 0 (with a RuntimeWarning) for x // 0 on integers",
        jax="returns whatever XLA's division gives (-1, -2 on CPU): any value, as integer division by "
            "zero is undefined",
        why="JAX does not raise or check in computations; the fix (#31716) was rolled back",
        source="https://github.com/jax-ml/jax/issues/11990 (open); "
               "https://github.com/jax-ml/jax/pull/37926#issuecomment (integer division by zero "
               "is undefined)",
        condition="an integer floor division (floor_divide, //, divmod) whose divisor holds a 0",
        kinds=("values",),
        trigger=_integer_divisor_is_zero,
        model=_divisor_zero_free,
    ),
    KnownDivergence(
        id="NUM-INT-NEGATIVE-POWER",
        area="numerics",
        title="Integers to negative integer powers return a value instead of raising",
        numpy="raises ValueError: Integers to negative integer powers are not allowed",
        jax="returns an implementation-defined integer at those positions (0 for |base| > 1)",
        why="JAX as a rule does not raise errors from computations on array values",
        source="https://github.com/jax-ml/jax/issues/16898; https://github.com/jax-ml/jax/issues/8866",
        condition="integer power whose exponent holds a negative value",
        kinds=("error-parity",),
        trigger=_negative_integer_power,
        model=_negative_power_free,
    ),
)

"""Known divergences of pad's modes (`conformance/registry/manipulation.py` PADDING) beyond those of an
empty array (catalogue/manipulation.py): linear_ramp's ramps computed in float32."""

from __future__ import annotations

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.casts import saturated
from conformance.catalogue.creation import computation_dtype
from conformance.catalogue.manipulation import option
from conformance.catalogue.models import canonical_dtype
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.strategies import kind_of

_LAX_NUMPY = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/lax_numpy.py"
_ARRAY_CREATION = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/array_creation.py"


def _ramp(start: np.ndarray, stop: np.ndarray, num: int, axis: int, dtype: np.dtype,
          computation: np.dtype) -> np.ndarray:
    """jnp.linspace(start, stop, num, endpoint=False, dtype=dtype, axis=axis) of integer or bool `dtype`
    in NumPy: start * (1 - t) + stop * t in the computation dtype, t = i / num (iota / num in that
    dtype), floored for integers and converted as XLA converts (saturating; nonzero is True)."""
    shape = [1] * (stop.ndim + 1)
    shape[axis] = num
    t = (np.arange(num, dtype=computation) / computation.type(num)).reshape(shape)
    start, stop = (np.expand_dims(np.broadcast_to(x, stop.shape).astype(computation), axis)
                   for x in (start, stop))
    with np.errstate(all="ignore"):
        out = start * (computation.type(1) - t) + stop * t
    if dtype.kind == "b":
        return out != 0
    return saturated(np.floor(out), dtype)


def jax_linear_ramp(array: np.ndarray, pad_width, computation: np.dtype) -> np.ndarray:
    """jnp.pad(array, pad_width, mode="linear_ramp") (end_values 0) in NumPy: axis after axis, each
    ramp from 0 to the (already padded) edge, the one after flipped (lax_numpy._pad_linear_ramp)."""
    widths = np.broadcast_to(np.asarray(pad_width, dtype=np.intp), (array.ndim, 2))
    for axis, (before, after) in enumerate(widths):
        edges = (np.take(array, 0, axis=axis), np.take(array, -1, axis=axis))
        zero = np.zeros((), array.dtype)
        ramp_before = _ramp(zero, edges[0], int(before), axis, array.dtype, computation)
        ramp_after = np.flip(_ramp(zero, edges[1], int(after), axis, array.dtype, computation), axis)
        array = np.concatenate([ramp_before, array, ramp_after], axis=axis)
    return array


def _linear_ramp_of_integers(example: Example) -> bool:
    if "pads" not in example.case.tags or example.numpy.raised or option(example, "mode") != "linear_ramp":
        return False
    a = np.asarray(example.args[0])
    return kind_of(a.dtype) in "biu" and a.size > 0


def _linear_ramp_like_jax(example: Example, outcome: Outcome) -> Outcome:
    a = np.asarray(example.args[0])
    dtype = a.dtype if example.env.x64 else canonical_dtype(a.dtype)
    computation = computation_dtype(dtype, x64=example.env.x64)
    padded = jax_linear_ramp(a.astype(dtype), option(example, "pad_width"), computation)
    return Outcome((Value(padded),))


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="MANIP-PAD-LINEAR-RAMP-IN-FLOAT32",
        area="manipulation",
        title="pad with mode linear_ramp computes an integer array's ramps in float32 (stop * i / n)",
        numpy="computes each ramp with linspace in float64 (start + i * ((stop - start) / n)), floored: "
              "pad of uint32 [4294967295] by 2 ramps 0, 2147483647",
        jax="computes it with linspace in the dtype's inexact counterpart (float32 for 8- to 32-bit "
            "integers and bool, float64 for 64-bit ones with x64 on) as start * (1 - t) + stop * t, "
            "t = i / n, floored and converted saturating: 4294967295 rounds to 2**32 in float32 and the "
            "ramp is 0, 2147483648; a float64 product i / n * stop may round below an integer NumPy reaches",
        why="jnp.pad's _pad_linear_ramp calls jnp.linspace(..., dtype=array.dtype), which computes in "
            "dtypes.to_inexact_dtype(dtype) (\"can lead to rounding errors for integer outputs\")",
        source="https://github.com/jax-ml/jax/pull/5110 (linear_ramp added: an int32 ramp one off NumPy's "
               "in its tests); " + _LAX_NUMPY + " (_pad_linear_ramp); " + _ARRAY_CREATION + " (_linspace)",
        condition="pad of a non-empty bool or integer array with mode linear_ramp",
        kinds=("values",),
        trigger=_linear_ramp_of_integers,
        outputs=_linear_ramp_like_jax,
    ),
)

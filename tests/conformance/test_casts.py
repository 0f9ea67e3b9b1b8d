"""Casts: `a.astype(dtype)`, `xp.astype(a, dtype)`, `xp.asarray(a, dtype=dtype)` on a jax.Array and on a
NumPy array, from every dtype of the x64 mode to every dtype name (64-bit ones too, whatever the mode).

Each (case, source, target) is checked, eagerly and under jit, on one array of the values that make
casts interesting (`casts.cast_values`: NaN, infinities, subnormals, out-of-range floats for every
integer type, negative values for unsigned types, integers float16 and bfloat16 cannot hold, complex
numbers with an imaginary part): one example, one compile per mode. Hypothesis then draws arrays of one
fixed length for every case in every mode (vmap too), so its examples reuse the compiles of their pair.
"""

import ml_dtypes
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance import reach
from conformance import strategies as cst
from conformance.cases import casts as cases
from conformance.check import check
from conformance.strategies import kind_of

pytestmark = pytest.mark.conformance

SOURCES = cst.available_dtypes()
DRAWN_LENGTH = 8  # every drawn array has this length: one compile per pair and mode
# A drawn example mostly reuses its pair's compiles (13 x 13 pairs at most): it affords more examples.
CHEAP = settings(max_examples=settings.default.max_examples * 3)
_KIND_NAMES = {"b": "bool", "i": "signed", "u": "unsigned", "f": "float", "c": "complex"}


def _kind(name: str) -> str:
    return kind_of(cst.BFLOAT16 if name == "bfloat16" else np.dtype(name))


def expected_features(source: np.dtype, target: str) -> list[str]:
    """What a cast from `source` to `target` must meet, from their kinds and ranges alone."""
    features, kind, to = [], kind_of(source), _kind(target)
    if kind in "fc" and to in "iu":
        features += ["NaN to an integer", "infinity to an integer"]
        component = np.dtype(np.float32 if source.name == "complex64" else np.float64) if kind == "c" \
            else source
        if to == "u" or float(ml_dtypes.finfo(component).max) > np.iinfo(target).max:
            features.append("out of range to an integer")  # float16 holds no int32 beyond its range
    if kind in "fc":
        features.append("subnormal input")
    if kind == "i" and to == "u":
        features.append("negative to unsigned")
    if kind == "c" and to != "c":
        features.append("complex to real")
    if kind in "iu" and target in ("float16", "bfloat16") and np.iinfo(source).max > 2**11:
        features.append("integer float16 or bfloat16 rounds")
    return features


def reached_features(values: np.ndarray, target: str) -> list[str]:
    """The features `values` cast to `target` has (the reach table counts them)."""
    features, kind, to = [], kind_of(values.dtype), _kind(target)
    if kind in "fc":
        real = (values.real if kind == "c" else values).astype(np.float64)
        if to in "iu":
            info = np.iinfo(target)
            with np.errstate(invalid="ignore"):
                out = np.isfinite(real) & ((np.trunc(real) > info.max) | (np.trunc(real) < info.min))
            features += [name for name, hit in (("NaN to an integer", np.isnan(real).any()),
                                                ("infinity to an integer", np.isinf(real).any()),
                                                ("out of range to an integer", out.any())) if hit]
        if _has_subnormal(values):
            features.append("subnormal input")
    if kind == "i" and to == "u" and (values < 0).any():
        features.append("negative to unsigned")
    if kind == "c" and to != "c" and (values.imag != 0).any():
        features.append("complex to real")
    if kind in "iu" and target in ("float16", "bfloat16") and (
            np.abs(values.astype(np.float64)) > 2**11).any():
        features.append("integer float16 or bfloat16 rounds")
    return features


def _has_subnormal(values: np.ndarray) -> bool:
    """A nonzero part smaller than the smallest normal number of the (component) dtype."""
    component = values.real.dtype if kind_of(values.dtype) == "c" else values.dtype
    tiny = float(ml_dtypes.finfo(component).tiny)
    parts = (values.real, values.imag) if kind_of(values.dtype) == "c" else (values,)
    return any(((np.abs(p.astype(np.float64)) > 0) & (np.abs(p.astype(np.float64)) < tiny)).any()
               for p in parts)


@pytest.mark.parametrize("target", cases.TARGETS)
@pytest.mark.parametrize("source", SOURCES, ids=lambda d: d.name)
@pytest.mark.parametrize("case", cases.SWEPT, ids=str)
@reach.declare(per_params=lambda params: expected_features(params["source"], params["target"]))
def test_cast_values(case, source, target, xp):
    """The whole array of `cast_values(source)` cast to `target` at once."""
    values = cases.cast_values(source)
    reach.reached(*reached_features(values, target))
    check(case, values, target, xp=xp, modes=[m for m in case.modes if m in cases.SWEPT_MODES])


@pytest.mark.parametrize("case", cases.CASES, ids=str)
@reach.declare(*(f"source {name}" for name in _KIND_NAMES.values()))
@CHEAP
@given(data=st.data())
def test_cast_drawn_values(case, xp, data):
    """Drawn arrays of any source dtype (edge values often) cast to any dtype name."""
    kind = data.draw(st.sampled_from("biufc"), label="source kind")
    source = data.draw(cst.dtypes(kinds=kind), label="source")
    target = data.draw(st.sampled_from(cases.TARGETS), label="target")
    a = data.draw(cst.arrays(source, (DRAWN_LENGTH,)), label="a")
    reach.reached("source " + _KIND_NAMES[kind])
    check(case, a, target, xp=xp)

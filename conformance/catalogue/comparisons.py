"""Known divergences of the comparison rows (`conformance/registry/comparisons.py`): isclose and allclose
under the CPU's flush-to-zero (their subnormals modelled here: the rows are tagged
subnormals-modelled-apart), the dtype queries' reading of bfloat16 (a NumPy user dtype, a floating
dtype of JAX's)."""

from __future__ import annotations

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.dtypes import jax_inexact_dtype
from conformance.catalogue.manipulation import option
from conformance.catalogue.models import flush_subnormals, has_subnormal, map_values
from conformance.example import Example
from conformance.outcome import Outcome, Value

_FLUSHED = ("float32", "float64", "bfloat16", "complex64", "complex128")

_DTYPES = "https://github.com/jax-ml/jax/blob/main/jax/_src/dtypes.py"


def _parts_dtype(dtype: np.dtype) -> np.dtype:
    return np.dtype(np.float32 if dtype == np.complex64 else np.float64) if dtype.kind == "c" else dtype


def _steps(example: Example, flush) -> tuple:
    """(a, b, |a - b|, rtol * |b|, atol + rtol * |b|) as jnp.isclose computes them in the inputs' dtype
    (rtol and atol converted to its real dtype), each step passed through `flush`."""
    a, b = (flush(np.asarray(x)) for x in example.args[:2])
    real = _parts_dtype(a.dtype)
    rtol, atol = (np.asarray(option(example, k)).astype(real) for k in ("rtol", "atol"))
    with np.errstate(all="ignore"):
        difference = flush(np.abs(a - b).astype(real))
        scaled = flush(rtol * flush(np.abs(b).astype(real)))
        bound = flush((atol + scaled).astype(real))
    return a, b, difference, scaled, bound


def _close_meets_subnormals(example: Example) -> bool:
    if "close" not in example.case.tags or example.numpy.raised:
        return False
    if np.asarray(example.args[0]).dtype.name not in _FLUSHED:
        return False
    return any(has_subnormal(step) for step in _steps(example, lambda x: x))


def _close_as_jax(example: Example, outcome: Outcome) -> Outcome:
    """jnp.isclose's steps with every input and intermediate subnormal read as zero (FTZ/DAZ):
    a == b, or b finite and |a - b| <= atol + rtol * |b|; NaN pairs with equal_nan; allclose: all."""
    a, b, difference, _, bound = _steps(example, flush_subnormals)
    close = (a == b) | (np.isfinite(b) & (difference <= bound))
    if option(example, "equal_nan"):
        close |= np.isnan(a) & np.isnan(b)
    result = np.all(close) if "allclose" in example.case.tags else close
    return map_values(outcome, lambda v: Value(np.asarray(result)))


def _close_of_integers(example: Example) -> bool:
    return ("close" in example.case.tags and not example.numpy.raised
            and np.asarray(example.args[0]).dtype.kind in "biu")


def _integers_as_jax_floats(example: Example) -> tuple:
    """The bool or integer arrays in the float JAX computes them in (NumPy then computes in it too: the
    tolerances are Python floats)."""
    dtype = jax_inexact_dtype(np.asarray(example.args[0]).dtype, x64=example.env.x64)
    return (*(np.asarray(a).astype(dtype) for a in example.args[:2]), *example.args[2:])


def _bfloat16_queried(example: Example) -> bool:
    return "dtype-query" in example.case.tags and example.args[-1] == "bfloat16"


def _as_float16(example: Example) -> tuple:
    """The query of float16, a real floating dtype NumPy knows, for bfloat16."""
    return (*example.args[:-1], "float16")


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="CMP-ISCLOSE-INTEGERS-IN-FLOAT32",
        area="comparisons",
        title="isclose and allclose compare bool and integer arrays in float32 (float64 for 64-bit ints "
              "with x64 on)",
        numpy="converts integer inputs to float64 (np.result_type(y, 1.0)): int32 -2147483648 and "
              "-2147483647 differ with rtol=atol=0",
        jax="converts them to JAX's inexact type of their width, float32 for bool and integers up to 32 "
            "bits (x64 on too), where neighbours of large values round to one float: "
            "jnp.isclose(int32(-2**31), int32(-2**31 + 1), rtol=0, atol=0) is True",
        why="jnp.isclose promotes its arguments with promote_args_inexact (JAX's default float, float32 "
            "for 32-bit integers), then computes the tolerance test in that dtype",
        source="observed by this suite, undocumented upstream (https://github.com/jax-ml/jax/blob/main/"
               "jax/_src/numpy/lax_numpy.py: isclose, promote_args_inexact; the mechanism: "
               "https://github.com/jax-ml/jax/pull/11046)",
        condition="isclose or allclose of bool or integer arrays",
        kinds=("values",),
        trigger=_close_of_integers,
        inputs=_integers_as_jax_floats,
    ),
    KnownDivergence(
        id="CMP-ISCLOSE-SUBNORMALS-FLUSHED",
        area="comparisons",
        title="isclose and allclose read subnormal inputs, differences and bounds as zero",
        numpy="computes |a - b| <= atol + rtol * |b| with gradual underflow: a subnormal b differs from "
              "0 with rtol=atol=0, and so do two normal values whose difference is subnormal",
        jax="every input and every intermediate that is a float32, float64 or bfloat16 subnormal (in "
            "either part of a complex value) is zero: jnp.isclose(-0.0, 1e-40, rtol=0, atol=0) and "
            "jnp.isclose(1.7e-38, 1.2e-38, rtol=0, atol=0) (bfloat16, float32) are True",
        why="XLA sets the CPU's flush-to-zero and denormals-are-zero modes; jnp.isclose is a compiled "
            "program of subtractions, products and comparisons",
        source="https://github.com/jax-ml/jax/issues/16200 (working as intended); the steps: "
               "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/lax_numpy.py: isclose",
        condition="isclose or allclose of float32, float64, bfloat16 or complex arrays where an input, "
                  "|a - b|, rtol * |b| or atol + rtol * |b| is subnormal",
        kinds=("values",),
        trigger=_close_meets_subnormals,
        outputs=_close_as_jax,
    ),
    KnownDivergence(
        id="DTYPE-BFLOAT16-IS-REAL-FLOATING",
        area="dtypes",
        title="isdtype and issubdtype read bfloat16 as a real floating dtype",
        numpy="np.isdtype refuses bfloat16 (TypeError: dtype argument must be a NumPy dtype: ml_dtypes' "
              "type is a user dtype); np.issubdtype('bfloat16', np.floating) is False (nor np.inexact, "
              "np.number)",
        jax="answers as for float16: jnp.isdtype('bfloat16', 'real floating') and jnp.issubdtype("
            "'bfloat16', np.floating) are True",
        why="JAX's dtype lattice places bfloat16 (and the other ml_dtypes floats) under floating "
            "(dtypes.issubdtype's extended rule); NumPy's scalar hierarchy does not know it",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.issubdtype.html (\"The main difference "
               "in JAX's implementation is that it properly handles dtype extensions such as bfloat16\"); "
               + _DTYPES + ": isdtype",
        condition="isdtype or issubdtype of the dtype bfloat16",
        kinds=("error-parity", "values"),
        trigger=_bfloat16_queried,
        inputs=_as_float16,
    ),
)

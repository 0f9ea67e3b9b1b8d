"""Known divergences of the comparison rows (`conformance/registry/comparisons.py`): the dtype queries'
reading of bfloat16 (a NumPy user dtype, a floating dtype of JAX's)."""

from __future__ import annotations

from conformance.catalogue import KnownDivergence
from conformance.example import Example

_DTYPES = "https://github.com/jax-ml/jax/blob/main/jax/_src/dtypes.py"


def _bfloat16_queried(example: Example) -> bool:
    return "dtype-query" in example.case.tags and example.args[-1] == "bfloat16"


def _as_float16(example: Example) -> tuple:
    """The query of float16, a real floating dtype NumPy knows, for bfloat16."""
    return (*example.args[:-1], "float16")


ENTRIES: tuple[KnownDivergence, ...] = (
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

"""Bugs planted in the index-array rows (registry/index_arrays.py) are caught by the registry's generic
test with the ci budget, and next to each entry that explains one of their examples (catalogue/
index_arrays.py, and the sort entries sort_complex shares by its tags) a namespace that does what NumPy
does is caught as the entry vanishing."""


import jax.numpy as jnp
import numpy as np
import pytest

from conformance.catalogue.index_arrays import jax_sort_complex_dtype
from conformance.check import VanishedDivergence, check
from conformance.operation import case_of
from conformance.recorder import Recorder, recording
from conformance.registry import BY_NAME
from tests.conformance import test_registry as suite
from tests.harness import broken_index_arrays as broken
from tests.harness.planted import fails_with, passes, x64_mode
from tests.harness.releases import modes_where_it_holds
from tests.harness.test_planted_unary import CI_ROWS

PLANTED = [
    ("tril_indices", broken.TRIL_INDICES_K_PLUS_ONE, ("shape", "values")),
    ("triu_indices", broken.TRIU_INDICES_SWAPPED, "values"),
    ("tril_indices_from", broken.TRIL_INDICES_FROM_TRANSPOSED, ("shape", "values")),
    ("diag_indices_from", broken.DIAG_INDICES_FROM_UNCHECKED, "error-parity"),
    ("sort_complex", broken.SORT_COMPLEX_BY_IMAGINARY_PART, "values"),
]

# (entry, row, the namespace that does what NumPy does, args), with x64 on (with x64 off every
# sort_complex is complex64: DTYPE-X64-OFF-32BIT explains a float32 input's dtype first)
ENTRY_EXAMPLES = [
    ("INDEX-SORT-COMPLEX-DTYPE-OF-INPUT-WIDTH", "sort_complex", broken.SORT_COMPLEX_NUMPY_DTYPE,
     (np.array([[2, 1]], np.int32),)),
    ("REDUCE-SORT-SUBNORMALS-COMPARE-AS-ZERO", "sort_complex", broken.SORT_COMPLEX_NUMPY_ORDER,
     (np.array([2.0**-1070, 0.0, -1.0]),)),
    ("REDUCE-SORT-COMPLEX-NAN-BY-PART", "sort_complex", broken.SORT_COMPLEX_NUMPY_ORDER,
     (np.array([complex(-1, np.nan), 0j], np.complex64),)),
]



@pytest.mark.parametrize(("name", "namespace", "kind"), PLANTED, ids=[p[1].planted for p in PLANTED])
def test_a_planted_index_array_bug_is_caught(name, namespace, kind):
    fails_with(kind, suite.test_axes_row, budget=CI_ROWS, row=BY_NAME[name], xp=namespace)


@pytest.mark.parametrize(("entry", "name", "namespace", "args"), ENTRY_EXAMPLES,
                         ids=[e[0] for e in ENTRY_EXAMPLES])
def test_an_entry_explains_its_example_and_vanishes_where_jax_does_what_numpy_does(entry, name, namespace,
                                                                                    args):
    case = case_of(BY_NAME[name])
    with x64_mode(True), recording(Recorder()):
        verdicts = {str(v) for v in check(case, *args, xp=jnp, modes=modes_where_it_holds(entry, case, args))}
        assert verdicts and all(v.startswith("known:") and entry in v for v in verdicts), verdicts
        with pytest.raises(VanishedDivergence, match=entry):
            check(case, *args, xp=namespace, modes=("eager",))


@pytest.mark.parametrize("dtype", ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64",
                                   "uint64", "float16", "bfloat16", "float32", "float64", "complex64",
                                   "complex128"])
def test_the_sort_complex_dtype_model_is_jaxs(dtype):
    """INDEX-SORT-COMPLEX-DTYPE-OF-INPUT-WIDTH's model against JAX with x64 on, every dtype."""
    with x64_mode(True):
        a = np.zeros(2, jnp.dtype(dtype))
        assert jnp.sort_complex(a).dtype == jax_sort_complex_dtype(a)


def test_numpy_refuses_diag_indices_from_a_non_square_array_as_jax_does():
    """The refusal the diag_indices_from row draws (non-square 2-D shapes) holds on both sides."""
    for xp in (np, jnp):
        with pytest.raises(ValueError, match="equal length"):
            xp.diag_indices_from(np.zeros((2, 3)))


@pytest.mark.slow  # the controls: the same searches on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize("name", sorted({p[0] for p in PLANTED}))
def test_the_real_namespace_passes_the_same_searches(name):
    passes(suite.test_axes_row, row=BY_NAME[name], xp=jnp)

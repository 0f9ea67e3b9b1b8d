"""Namespaces with one planted bug in an index-array row each (conformance/registry/index_arrays.py), and
the namespaces that do what NumPy does next to each entry of `conformance/catalogue/index_arrays.py` (and
the sort entries sort_complex shares), for the entry to vanish."""

import jax.numpy as jnp
import numpy as np

from conformance.registry.index_arrays import stable_sort_complex
from tests.harness.broken import BrokenNamespace


def _tril_indices_k_plus_one(n, k=0, m=None):
    return jnp.tril_indices(n, k + 1, m)


def _triu_indices_swapped(n, k=0, m=None):
    return jnp.triu_indices(n, k, m)[::-1]


def _tril_indices_from_transposed(arr, k=0):
    return jnp.tril_indices_from(jnp.asarray(arr).T, k)


def _diag_indices_from_unchecked(arr):
    """The diagonal of the smallest side, without NumPy's (and JAX's) refusal of a non-square array."""
    shape = np.shape(arr)
    return jnp.diag_indices(min(shape), len(shape)) if len(shape) >= 2 else jnp.diag_indices_from(arr)


def _sort_complex_by_imaginary_part_first(a):
    a = jnp.asarray(a)
    if not jnp.iscomplexobj(a):
        return jnp.sort_complex(a)
    order = jnp.lexsort((a.real, a.imag), axis=-1)  # the last key is the primary one
    return jnp.take_along_axis(a, order, axis=-1)


def _sort_complex_with_numpys_dtype(a):
    return jnp.sort_complex(a).astype(stable_sort_complex(np.asarray(a)[..., :0]).dtype)


def _sort_complex_on_the_host(a):
    """NumPy's order (eager only), in jnp's dtype: only the order is NumPy's."""
    return jnp.asarray(stable_sort_complex(np.asarray(a))).astype(jnp.sort_complex(a).dtype)


TRIL_INDICES_K_PLUS_ONE = BrokenNamespace("tril_indices with k off by one",
                                          tril_indices=_tril_indices_k_plus_one)
TRIU_INDICES_SWAPPED = BrokenNamespace("triu_indices returns the columns first",
                                       triu_indices=_triu_indices_swapped)
TRIL_INDICES_FROM_TRANSPOSED = BrokenNamespace("tril_indices_from reads the transposed shape",
                                               tril_indices_from=_tril_indices_from_transposed)
DIAG_INDICES_FROM_UNCHECKED = BrokenNamespace("diag_indices_from accepts a non-square array",
                                              diag_indices_from=_diag_indices_from_unchecked)
SORT_COMPLEX_BY_IMAGINARY_PART = BrokenNamespace("sort_complex sorts by the imaginary part first",
                                                 sort_complex=_sort_complex_by_imaginary_part_first)
# what NumPy does, where an entry says JAX differs
SORT_COMPLEX_NUMPY_DTYPE = BrokenNamespace("sort_complex with NumPy's dtype rule",
                                           sort_complex=_sort_complex_with_numpys_dtype)
SORT_COMPLEX_NUMPY_ORDER = BrokenNamespace("sort_complex in NumPy's order (eager only)",
                                           sort_complex=_sort_complex_on_the_host)

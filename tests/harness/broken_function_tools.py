"""Namespaces with one planted bug in a function tool (conformance/cases/function_tools.py), and the
namespaces that do what NumPy does next to each entry of conformance/catalogue/function_tools.py, for
the entry to vanish (on the host: a check with them runs eagerly)."""

import jax.numpy as jnp
import numpy as np

from tests.harness.broken import BrokenNamespace


def _vectorize_swapped(pyfunc, **options):
    return jnp.vectorize(lambda *args: pyfunc(*args[::-1]), **options)


def _frompyfunc_swapped(func, nin, nout, **options):
    return jnp.frompyfunc(lambda *args: func(*args[::-1]), nin, nout, **options)


def _einsum_path_pairs_reversed(subscripts, *operands, optimize="auto"):
    path, text = jnp.einsum_path(subscripts, *operands, optimize=optimize)
    return [tuple(reversed(pair)) for pair in path], text


def _vectorize_on_the_host(pyfunc, **options):
    vectorized = np.vectorize(pyfunc, **options)
    return lambda *args: jnp.asarray(vectorized(*(np.asarray(a) for a in args)))


VECTORIZE_SWAPPED = BrokenNamespace("vectorize passes the arguments in reverse",
                                    vectorize=_vectorize_swapped)
FROMPYFUNC_SWAPPED = BrokenNamespace("frompyfunc passes the arguments in reverse",
                                     frompyfunc=_frompyfunc_swapped)
EINSUM_PATH_REVERSED = BrokenNamespace("einsum_path names each pair in reverse",
                                       einsum_path=_einsum_path_pairs_reversed)
FROM_DLPACK_AS_FLOAT32 = BrokenNamespace("from_dlpack converts to float32",
                                         from_dlpack=lambda x: jnp.from_dlpack(x).astype(jnp.float32))
# what NumPy does, where an entry says JAX differs
VECTORIZE_ON_THE_HOST = BrokenNamespace("vectorize as NumPy's (eager only)", vectorize=_vectorize_on_the_host)
FROM_DLPACK_ON_THE_HOST = BrokenNamespace("from_dlpack as NumPy's (eager only)",
                                          from_dlpack=lambda x: jnp.asarray(np.from_dlpack(np.asarray(x))))

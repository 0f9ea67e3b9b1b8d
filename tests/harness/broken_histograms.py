"""Namespaces with one planted bug in a histogram row each (registry/histograms.py): those the issue
names (a last bin that is half-open, digitize's `right` inverted, bincount ignoring minlength), and one
next to each entry of `conformance/catalogue/histograms.py` that does what NumPy does (the entry then
vanishes, a failing finding)."""

import jax
import jax.numpy as jnp
import numpy as np

from tests.harness.broken import BrokenNamespace


def _traced(*values) -> bool:
    return any(isinstance(v, jax.core.Tracer) for v in values)


def _histogram_last_bin_open(a, bins=10, range=None, weights=None, density=None):
    """Every bin half-open, the last one too: a value on the last edge is not counted."""
    counts, edges = jnp.histogram(a, bins, range, weights)
    flat = jnp.ravel(jnp.asarray(a)).astype(edges.dtype)
    each = jnp.ones_like(flat) if weights is None else jnp.ravel(jnp.asarray(weights))
    counts = counts.at[-1].add(-jnp.sum(jnp.where(flat == edges[-1], each, 0)).astype(counts.dtype))
    if density:
        counts = counts / jnp.diff(edges) / counts.sum()
    return counts, edges


def _histogram_like_numpy(a, bins=10, range=None, weights=None, density=None):
    """np.histogram's result, eagerly (under jit, jnp's): int64 counts, float64 edges of integers."""
    if _traced(a, bins, weights):
        return jnp.histogram(a, bins, range, weights, density)
    counts, edges = np.histogram(np.asarray(a), np.asarray(bins), range,
                                 weights=None if weights is None else np.asarray(weights), density=density)
    return jnp.asarray(counts), jnp.asarray(edges)


def _histogram_of_empty_in_unit_range(a, bins=10, range=None, weights=None, density=None):
    """An empty array's range is (0, 1), as NumPy takes it."""
    if jnp.size(a) == 0 and range is None and jnp.ndim(bins) == 0:
        range = (0.0, 1.0)
    return jnp.histogram(a, bins, range, weights, density)


def _bincount_without_minlength(x, weights=None, minlength=0, *, length=None):
    return jnp.bincount(x, weights, length=length)


def _bincount_refuses_negatives(x, weights=None, minlength=0, *, length=None):
    """NumPy's refusal of a negative value, eagerly."""
    if not _traced(x) and bool(np.any(np.asarray(x) < 0)):
        raise ValueError("'list' argument must have no negative elements")
    return jnp.bincount(x, weights, minlength, length=length)


def _bincount_weights_in_float64(x, weights=None, minlength=0, *, length=None):
    counts = jnp.bincount(x, weights, minlength, length=length)
    return counts if weights is None else counts.astype(jnp.float64)


def _digitize_right_inverted(x, bins, right=False):
    return jnp.digitize(x, bins, right=not right)


HISTOGRAM_LAST_BIN_OPEN = BrokenNamespace("histogram's last bin is half-open",
                                          histogram=_histogram_last_bin_open)
HISTOGRAM_LIKE_NUMPY = BrokenNamespace("histogram counts in int64 with float64 edges, as NumPy does",
                                       histogram=_histogram_like_numpy)
HISTOGRAM_OF_EMPTY = BrokenNamespace("histogram of an empty array takes the range (0, 1), as NumPy does",
                                     histogram=_histogram_of_empty_in_unit_range)
BINCOUNT_IGNORES_MINLENGTH = BrokenNamespace("bincount ignores minlength",
                                             bincount=_bincount_without_minlength)
BINCOUNT_REFUSES_NEGATIVES = BrokenNamespace("bincount refuses a negative value, as NumPy does",
                                             bincount=_bincount_refuses_negatives)
BINCOUNT_WEIGHTS_FLOAT64 = BrokenNamespace("bincount sums weights in float64, as NumPy does",
                                           bincount=_bincount_weights_in_float64)
DIGITIZE_RIGHT_INVERTED = BrokenNamespace("digitize inverts right", digitize=_digitize_right_inverted)
DIGITIZE_INT64 = BrokenNamespace("digitize returns int64 indices, as NumPy does",
                                 digitize=lambda x, bins, right=False: jnp.digitize(x, bins, right)
                                 .astype(jnp.int64))


def _histogram2d_transposed(x, y, bins=10, range=None, weights=None, density=None):
    """x and y swapped in the counts (the edges right)."""
    counts, x_edges, y_edges = jnp.histogram2d(x, y, bins, range, weights, density)
    return counts.T if counts.shape[0] == counts.shape[1] else counts, x_edges, y_edges


def _histogramdd_like_numpy(sample, bins=10, range=None, weights=None, density=None):
    """np.histogramdd's result (float64 counts), computed by NumPy on the host, eagerly and under jit (a
    pure callback; its shapes and dtypes from NumPy's result on zeros of the same shapes)."""
    sample = jnp.asarray(sample)
    per_dimension = np.ndim(bins) == 1 or isinstance(bins, (tuple, list))
    edges = list(bins) if per_dimension else []

    def numpy_histogramdd(sample, weights, *edges):
        return np.histogramdd(np.asarray(sample), [np.asarray(e) for e in edges] if edges else bins, range,
                              density=density, weights=None if weights is None else np.asarray(weights))

    like = numpy_histogramdd(np.zeros(sample.shape, sample.dtype), None if weights is None else
                             np.ones(np.shape(weights), np.float32),
                             *(np.arange(np.shape(e)[0], dtype=np.float32) for e in edges))
    shapes = jax.tree.map(lambda a: jax.ShapeDtypeStruct(a.shape, a.dtype), like)
    return jax.pure_callback(numpy_histogramdd, shapes, sample, weights, *edges)


HISTOGRAM2D_TRANSPOSED = BrokenNamespace("histogram2d swaps x and y in its counts",
                                         histogram2d=_histogram2d_transposed)
HISTOGRAMDD_LIKE_NUMPY = BrokenNamespace("histogramdd counts in float64, as NumPy does",
                                         histogramdd=_histogramdd_like_numpy)

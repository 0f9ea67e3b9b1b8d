"""NumPy references for registry rows whose NumPy function is not the reference as it is
(`Operation.numpy_reference`): a result whose order NumPy leaves unspecified, in JAX's documented
order; a hint whose result NumPy leaves undefined, ignored; and the fixed-size forms that JAX adds
(size=, fill_value=: NumPy's result padded or truncated as JAX documents). Each is NumPy's own
function plus that one step, importable by a reproducer (`from conformance.references import ...`)."""

from __future__ import annotations

import numpy as np


def sorted_unique_values(a, size=None, fill_value=None):
    """np.unique_values in sorted order (NumPy leaves the order unspecified: a hash table since numpy
    2.3; JAX sorts), fitted to `size` as jnp.unique_values documents: padded with `fill_value`,
    by default the smallest value."""
    values = np.sort(np.unique_values(a))
    if size is not None and fill_value is None:
        if values.size == 0 and size:
            raise ValueError("for zero-sized input with nonzero size argument, fill_value must be "
                             "specified")  # jnp.unique's own refusal: nothing to pad with
        fill_value = values[0] if values.size else 0
    return fit(values, size, fill_value)


def isin_defined(element, test_elements, assume_unique=False, invert=False):
    """np.isin's defined answer: assume_unique is a hint whose result is undefined (in both libraries)
    where an array repeats a value, and the same answer where none does."""
    return np.isin(element, test_elements, assume_unique=False, invert=invert)


def fit(result: np.ndarray, size: int | None, fill_value) -> np.ndarray:
    """`result` (its first axis) truncated to `size`, or padded with `fill_value` (0 where None) in the
    result's dtype: JAX's size= and fill_value= (jnp.nonzero: "If there are fewer nonzero elements than
    size, the result is padded with fill_value; if more, it is truncated")."""
    if size is None:
        return result
    fill = np.asarray(0 if fill_value is None else fill_value).astype(result.dtype)
    out = np.empty((size, *result.shape[1:]), result.dtype)
    out[...] = fill
    kept = min(size, result.shape[0])
    out[:kept] = result[:kept]
    return out


def fitted_nonzero(a, size=None, fill_value=None):
    return tuple(fit(i, size, fill_value) for i in np.nonzero(a))


def fitted_flatnonzero(a, size=None, fill_value=None):
    return fit(np.flatnonzero(a), size, fill_value)


def fitted_argwhere(a, size=None, fill_value=None):
    return fit(np.argwhere(a), size, fill_value)


def fitted_extract(condition, arr, size=None, fill_value=0):
    return fit(np.extract(condition, arr), size, fill_value)

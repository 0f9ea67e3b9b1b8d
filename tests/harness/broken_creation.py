"""Namespaces with one planted bug in a creation function each (`registry.CREATION`): the ones the issue
names (a linspace off by one step, an arange that includes stop, an eye with k ignored), and one next to
each entry of `conformance/catalogue/creation.py` that does what NumPy does, which the entry's model must
not explain (the entry vanishes, which fails the run like a new divergence)."""

import jax.numpy as jnp
import numpy as np

from conformance import environment
from tests.harness.broken import BrokenNamespace


def _linspace_off_by_one_step(start, stop, num=50, endpoint=True, retstep=False, dtype=None):
    step = (stop - start) / max(num - 1 if endpoint else num, 1)
    return jnp.linspace(start + step, stop + step, num, endpoint=endpoint, retstep=retstep, dtype=dtype)


def _arange_including_stop(start, stop=None, step=None, dtype=None):
    if stop is None:
        start, stop = 0, start
    step = 1 if step is None else step
    return jnp.arange(start, stop + step, step, dtype=dtype)


def _eye_without_k(N, M=None, k=0, dtype=None):
    return jnp.eye(N, M, dtype=dtype)


def _zeros_valueerror(shape, dtype=None):
    if any(side < 0 for side in (shape if isinstance(shape, tuple) else (shape,))):
        raise ValueError("negative dimensions are not allowed")  # NumPy's kind
    return jnp.zeros(shape, dtype=dtype)


def _full_of_real_part(shape, fill_value, dtype=None):
    if isinstance(fill_value, complex) and dtype is not None and np.dtype(dtype).kind not in "cb":
        fill_value = fill_value.real  # NumPy's: the imaginary part discarded
    return jnp.full(shape, fill_value, dtype=dtype)


def _arange_like_numpy(start, stop=None, step=None, dtype=None):
    return jnp.asarray(np.arange(start, stop, step, dtype=dtype))  # NumPy's range, its OverflowError


def _geomspace_refusing_zero(start, stop, num=50, endpoint=True, dtype=None):
    if start == 0 or stop == 0:
        raise ValueError("Geometric sequence cannot include zero")  # NumPy's
    return jnp.geomspace(start, stop, num, endpoint=endpoint, dtype=dtype)


def _linspace_step_as_numpy(start, stop, num=50, endpoint=True, retstep=False, dtype=None):
    """With x64 on, retstep's step in float64 as NumPy gives it; with x64 off (no float64), integer
    results floored from float64 values, as NumPy floors them (values beyond JAX's bound are rare, so
    the step's dtype is what shows: in the dtype, not the computation dtype)."""
    values, step = jnp.linspace(start, stop, num, endpoint=endpoint, retstep=True, dtype=dtype)
    if not retstep:
        return values
    return values, step.astype(jnp.float64 if environment.current().x64 else values.dtype)


def _tri_default_float64(N, M=None, k=0, dtype=None):
    # x64 on: NumPy's float64 (the entry vanishes); x64 off: float16, a wrong dtype either way
    default = jnp.float64 if environment.current().x64 else jnp.float16
    return jnp.tri(N, M, k, dtype=default if dtype is None else dtype)


LINSPACE_OFF_BY_ONE_STEP = BrokenNamespace("linspace off by one step", linspace=_linspace_off_by_one_step)
ARANGE_INCLUDING_STOP = BrokenNamespace("arange includes stop", arange=_arange_including_stop)
EYE_WITHOUT_K = BrokenNamespace("eye ignores k", eye=_eye_without_k)
ZEROS_VALUEERROR = BrokenNamespace("zeros refuses a negative side with ValueError, as NumPy does",
                                   zeros=_zeros_valueerror)
FULL_OF_REAL_PART = BrokenNamespace("full fills a real dtype with a complex value's real part, as NumPy does",
                                    full=_full_of_real_part)
ARANGE_LIKE_NUMPY = BrokenNamespace("arange computes NumPy's range", arange=_arange_like_numpy)
GEOMSPACE_REFUSING_ZERO = BrokenNamespace("geomspace refuses zero, as NumPy does",
                                          geomspace=_geomspace_refusing_zero)
LINSPACE_STEP_AS_NUMPY = BrokenNamespace("linspace's step not in the computation dtype",
                                         linspace=_linspace_step_as_numpy)
TRI_DEFAULT_FLOAT64 = BrokenNamespace("tri's default dtype is float64 with x64 on, as NumPy's",
                                      tri=_tri_default_float64)


def _indices_of_none_as_float(dimensions, dtype=None, sparse=False):
    """NumPy's float64 dense indices for dtype=None with x64 on; with x64 off (where float32 would be
    DTYPE-X64-OFF-32BIT's model of NumPy's float64) float16, a wrong dtype."""
    if dtype is None and not sparse:
        dtype = jnp.float64 if environment.current().x64 else jnp.float16
    return jnp.indices(dimensions, dtype=dtype, sparse=sparse)


INDICES_OF_NONE_AS_FLOAT = BrokenNamespace("indices(dtype=None) is float, as NumPy's",
                                           indices=_indices_of_none_as_float)


def _frombuffer_skipping_offset(buffer, dtype=float, count=-1, offset=0):
    return jnp.frombuffer(buffer, dtype=dtype, count=count)  # offset ignored


FROMBUFFER_SKIPPING_OFFSET = BrokenNamespace("frombuffer ignores offset",
                                             frombuffer=_frombuffer_skipping_offset)


def _fromiter_like_numpy(iter, dtype, count=-1):  # noqa: A002 (NumPy's name)
    return jnp.asarray(np.fromiter(iter, dtype=dtype, count=count))


FROMITER_LIKE_NUMPY = BrokenNamespace("fromiter reads the iterable, as NumPy does",
                                      fromiter=_fromiter_like_numpy)

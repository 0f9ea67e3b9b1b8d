"""Namespaces with one planted bug in jax.numpy.fft each (registry.FFT): the ones the issue names (an
rfft that drops the Nyquist term, an ifft without the 1/n, an fftshift that shifts the wrong way for odd
lengths, a norm='ortho' ignored), a result off by a relative 2**-10 (the bound is tight enough), and
next to entries of `conformance/catalogue/fft.py` one that does what NumPy does (the entry then
vanishes)."""

from types import SimpleNamespace

import jax.numpy as jnp
import numpy as np

from tests.harness.broken import BrokenNamespace


class _FFT(SimpleNamespace):
    """jax.numpy.fft with some functions replaced."""

    def __getattr__(self, attribute):
        return getattr(jnp.fft, attribute)


def _broken(name: str, **overrides) -> BrokenNamespace:
    return BrokenNamespace(name, fft=_FFT(**overrides))


def _rfft_without_nyquist(a, n=None, axis=-1, norm=None):
    result = jnp.fft.rfft(a, n=n, axis=axis, norm=norm)
    length = n if n is not None else jnp.shape(a)[axis]
    if length % 2 or result.shape[axis] < 2:
        return result
    mask = np.ones(result.shape[axis], bool)
    mask[-1] = False
    shape = [1] * result.ndim
    shape[axis] = -1
    return result * jnp.asarray(mask.reshape(shape))


def _ifft_without_one_over_n(a, n=None, axis=-1, norm=None):
    return jnp.fft.ifft(a, n=n, axis=axis, norm="forward" if norm in (None, "backward") else norm)


def _fftshift_wrong_way(x, axes=None):
    return jnp.fft.ifftshift(x, axes=axes)  # the same as fftshift for even lengths only


def _fft_ignoring_ortho(a, n=None, axis=-1, norm=None):
    return jnp.fft.fft(a, n=n, axis=axis, norm=None if norm == "ortho" else norm)


def _fft2_off(a, s=None, axes=(-2, -1), norm=None):
    result = jnp.fft.fft2(a, s=s, axes=axes, norm=norm)
    return result * jnp.asarray(1 + 2.0**-10).astype(result.dtype)


def _fftfreq_of_nothing_raising(n, d=1.0, *, dtype=None):
    if n == 0:
        raise ZeroDivisionError("float division by zero")
    return jnp.fft.fftfreq(n, d, dtype=dtype)


def _fftn_repeating_axes(a, s=None, axes=None, norm=None):
    if axes is not None and len(set(axes)) != len(axes):
        for axis in axes:  # NumPy's: one transform per axis named
            a = jnp.fft.fft(a, axis=axis, norm=norm)
        return a
    return jnp.fft.fftn(a, s=s, axes=axes, norm=norm)


def _shift_of_0d_refused(x, axes=None):
    if jnp.ndim(x) == 0:
        raise ValueError("not enough values to unpack (expected 2, got 0)")
    return jnp.fft.fftshift(x, axes=axes)


RFFT_WITHOUT_NYQUIST = _broken("rfft drops the Nyquist term", rfft=_rfft_without_nyquist)
IFFT_WITHOUT_ONE_OVER_N = _broken("ifft without the 1/n", ifft=_ifft_without_one_over_n)
FFTSHIFT_WRONG_WAY = _broken("fftshift shifts the wrong way for odd lengths", fftshift=_fftshift_wrong_way)
FFT_IGNORES_ORTHO = _broken("fft ignores norm='ortho'", fft=_fft_ignoring_ortho)
FFT2_OFF = _broken("fft2 off by a relative 2**-10", fft2=_fft2_off)
# what NumPy does, where an entry says JAX differs
FFTFREQ_OF_NOTHING_RAISES = _broken("fftfreq(0) raises ZeroDivisionError",
                                    fftfreq=_fftfreq_of_nothing_raising)
FFTN_REPEATS_AXES = _broken("fftn transforms a repeated axis twice", fftn=_fftn_repeating_axes)
FFTSHIFT_OF_0D_RAISES = _broken("fftshift of a 0-d array raises ValueError", fftshift=_shift_of_0d_refused)


def _fft_axis_indexerror(a, n=None, axis=-1, norm=None):
    if not -jnp.ndim(a) <= axis < jnp.ndim(a):
        raise IndexError("tuple index out of range")
    return jnp.fft.fft(a, n=n, axis=axis, norm=norm)


def _fft_of_nothing_refused(a, n=None, axis=-1, norm=None):
    if n is None and jnp.shape(a)[axis] == 0:
        raise ValueError("Invalid number of FFT data points (0) specified.")
    return jnp.fft.fft(a, n=n, axis=axis, norm=norm)


def _rfft_of_half_as_float32(a, n=None, axis=-1, norm=None):
    return jnp.fft.rfft(jnp.asarray(a).astype(jnp.float32), n=n, axis=axis, norm=norm)


def _irfft_keeping_half(a, n=None, axis=-1, norm=None):
    dtype = jnp.asarray(a).dtype
    return jnp.fft.irfft(a, n=n, axis=axis, norm=norm).astype(dtype)


def _ifft_refusing_bfloat16(a, n=None, axis=-1, norm=None):
    if jnp.asarray(a).dtype == jnp.bfloat16:
        raise TypeError("No loop matching the specified signature and casting was found for ufunc reciprocal")
    return jnp.fft.ifft(a, n=n, axis=axis, norm=norm)


def _ihfft_of_nothing_valueerror(a, n=None, axis=-1, norm=None):
    if n is None and jnp.shape(a)[axis] == 0:
        raise ValueError("Invalid number of FFT data points (0) specified.")
    return jnp.fft.ihfft(a, n=n, axis=axis, norm=norm)


def _fftn_of_no_axes_unchanged(a, s=None, axes=None, norm=None):
    if axes == ():
        return jnp.asarray(a)
    return jnp.fft.fftn(a, s=s, axes=axes, norm=norm)


def _ifft2_finite(a, s=None, axes=(-2, -1), norm=None):
    return jnp.nan_to_num(jnp.fft.ifft2(a, s=s, axes=axes, norm=norm))


def _hfft_off_by_tiny(a, n=None, axis=-1, norm=None):
    result = jnp.fft.hfft(a, n=n, axis=axis, norm=norm)
    return result + jnp.asarray(2.0**-100).astype(result.dtype)


FFT_AXIS_INDEXERROR = _broken("fft raises IndexError for an axis out of range", fft=_fft_axis_indexerror)
FFT_OF_NOTHING_REFUSED = _broken("fft of an empty axis raises ValueError", fft=_fft_of_nothing_refused)
RFFT_OF_HALF_AS_FLOAT32 = _broken("rfft computes float16 in float32", rfft=_rfft_of_half_as_float32)
IRFFT_KEEPS_HALF = _broken("irfft of float16 returns float16", irfft=_irfft_keeping_half)
IFFT_REFUSES_BFLOAT16 = _broken("ifft of bfloat16 raises TypeError", ifft=_ifft_refusing_bfloat16)
IHFFT_OF_NOTHING_VALUEERROR = _broken("ihfft of an empty axis raises ValueError",
                                      ihfft=_ihfft_of_nothing_valueerror)
FFTN_OF_NO_AXES_UNCHANGED = _broken("fftn over no axes returns the input", fftn=_fftn_of_no_axes_unchanged)
# past an entry that asserts a bound or a non-finite value only
IFFT2_FINITE = _broken("ifft2 finite where it is not", ifft2=_ifft2_finite)
HFFT_OFF_BY_TINY = _broken("hfft off by 2**-100", hfft=_hfft_off_by_tiny)

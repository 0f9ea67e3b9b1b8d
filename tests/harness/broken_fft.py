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

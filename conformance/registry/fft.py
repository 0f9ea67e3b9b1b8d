"""jax.numpy.fft: the transforms (fft, ifft, their 2-d and n-d forms, the real ones rfft/irfft, the
Hermitian ones hfft/ihfft), the sample frequencies (fftfreq, rfftfreq) and the shifts (fftshift,
ifftshift).

The transforms' NumPy reference is the same call in long double with an error bound of order log2(n)
ulps of the input's 1-norm (conformance/fft_bounds.py says which and why). Their options: `n` pads and
crops (0 now and then: both refuse), `s` the 2-d and n-d forms', `axis`/`axes` (out of range or repeated
now and then), every `norm`. The sides stay short (the strategies' budget: at most 9 per axis: odd and
even lengths, 1 included; 0 from bool and integer arrays). Mode jit only: every drawn shape, dtype and
option compiles an FFT program (about 25 per row and x64 mode at the ci budget); eager would compile
each of jnp.fft's few operations once more for the same kernels (measured: twice the row's time), and
folding adds a constant-folded compile per example. (Eager-only outcomes met in triage, kept in the
models: FFT-NO-AXES's factor 1.)
"""

from __future__ import annotations

from conformance import shape_domains as sd
from conformance.fft_bounds import BoundedTransform
from conformance.operation import Operation, ShapeDomain
from conformance.registry.common import MOVES

FFT_AREA = "fft"
MODES = ("jit",)
NORM = (None, "backward", "ortho", "forward")
LENGTH = (None, None, 0, 1, 4, 7)  # n: the axis' own length, none, one, even and odd padding or cropping
SHAPE_2D = (None, (2, 3), (4, 1))
SHAPE_ND = (None, (3,), (2, 4))


def _pairs(shape: tuple[int, ...]) -> tuple:
    n = len(shape)
    return ((-2, -1), (0, 1), (1, 0), (-1, 0), (0, n - 1)) if n >= 2 else ((-2, -1),)


# fft2's axes: a pair (the default, (-2, -1), included); repeated or out of range now and then
AXES_2D = ShapeDomain("a pair of axes, (-2, -1) included (repeated or out of range now and then)", _pairs,
                      lambda shape: ((0, 0), (0, len(shape))))


def _axes_nd(shape: tuple[int, ...]) -> tuple:
    n = len(shape)
    return (None, None, (-1,), (0,), (), *(((0, -1), (-1, 0), tuple(range(n))) if n >= 2 else ()))


AXES_ND = ShapeDomain("None, one axis, (), a pair or every axis, as a tuple (out of range or repeated "
                      "now and then)", _axes_nd,
                      lambda shape: ((len(shape),), (0, 0) if shape else (0,)))


def _transform(name: str, kinds: str = "biufc", ranks: tuple[int, int] = (0, 3), **options) -> Operation:
    tags = {"fft", name, *(("fft-real-input",) if name in ("rfft", "ihfft", "rfft2", "rfftn") else ()),
            *(("fft-real-output",) if name in ("irfft", "hfft", "irfft2", "irfftn") else ())}
    return Operation(name=f"fft.{name}", area=FFT_AREA, kinds=kinds, ranks=ranks, modes=MODES,
                     tags=frozenset(tags), options=options,
                     numpy_reference=BoundedTransform(name, tuple(options)),
                     imports=("from conformance.fft_bounds import BoundedTransform",),
                     numpy_source=f"BoundedTransform({name!r}, {tuple(options)!r})(a, {', '.join(options)})")


def _one_axis(name: str, kinds: str = "biufc") -> Operation:
    return _transform(name, kinds, n=LENGTH, axis=sd.AXIS, norm=NORM)


def _frequencies(name: str) -> Operation:
    """fftfreq or rfftfreq: the sample frequencies of n points spaced d apart, in the requested dtype (jnp's
    keyword: NumPy has none, its float64 result cast to it; None: the default float dtype), an option
    of its own (drawn once per kind: the kinds only repeat the draws)."""
    import numpy as np

    function = getattr(np.fft, name)

    def reference(n, d, dtype):
        result = function(n, d)
        return result if dtype is None else result.astype(dtype)

    return Operation(name=f"fft.{name}", area=FFT_AREA, arrays=(), kinds="fc", ranks=(0, 0),
                     modes=MODES, tags=frozenset({"fft-frequencies", name}),
                     options={"n": (0, 1, 2, 5, 8), "d": (1.0, 0.5, 0.1, 3),
                              "dtype": (None, None, "float32", "float64", "float16", "complex64")},
                     numpy_reference=reference,
                     numpy_source=f"np.fft.{name}(n, d) if dtype is None else "
                                  f"np.fft.{name}(n, d).astype(dtype)")


def _shift(name: str) -> Operation:
    return Operation(name=f"fft.{name}", area=FFT_AREA, ranks=(0, 3), modes=MODES,
                     tags=MOVES | {"fft-shift"}, options={"axes": sd.AXES})


# rfft and ihfft (and rfft2, rfftn) refuse complex input on both sides (NumPy's TypeError, JAX's
# ValueError): not drawn, as a refusal of kinds outside a row's is for axes rows.
FFT: tuple[Operation, ...] = (
    _one_axis("fft"),
    _one_axis("ifft"),
    _one_axis("rfft", "biuf"),
    _one_axis("irfft"),
    _one_axis("hfft"),
    _one_axis("ihfft", "biuf"),
    *(_transform(name, kinds, ranks=(2, 3), s=SHAPE_2D, axes=AXES_2D, norm=NORM)
      for name, kinds in (("fft2", "biufc"), ("ifft2", "biufc"), ("rfft2", "biuf"), ("irfft2", "biufc"))),
    *(_transform(name, kinds, ranks=(1, 3), s=SHAPE_ND, axes=AXES_ND, norm=NORM)
      for name, kinds in (("fftn", "biufc"), ("ifftn", "biufc"), ("rfftn", "biuf"), ("irfftn", "biufc"))),
    _frequencies("fftfreq"),
    _frequencies("rfftfreq"),
    _shift("fftshift"),
    _shift("ifftshift"),
)

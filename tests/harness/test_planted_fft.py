"""Bugs planted in jax.numpy.fft (registry.FFT) are caught by the registry's generic test
(`test_registry.test_axes_row`) with the budget the committed `ci` runs give it, and entries of
`conformance/catalogue/fft.py` explain their own example on jax.numpy and vanish where a namespace does
what NumPy does."""

import jax.numpy as jnp
import ml_dtypes  # noqa: F401 - registers bfloat16 with NumPy
import numpy as np
import pytest

from conformance.check import NewDivergence, VanishedDivergence, check
from conformance.operation import case_of
from conformance.recorder import Recorder, recording
from conformance.registry import BY_NAME
from tests.conformance import test_registry as suite
from tests.harness import broken_fft as broken
from tests.harness.planted import fails_with, passes
from tests.harness.test_planted_signals import assert_explained
from tests.harness.test_planted_unary import CI_ROWS

BFLOAT16 = np.dtype("bfloat16")

PLANTED = [
    # (row, namespace, the kind of the new or vanished divergence)
    ("fft.rfft", broken.RFFT_WITHOUT_NYQUIST, "values"),
    ("fft.ifft", broken.IFFT_WITHOUT_ONE_OVER_N, "values"),
    ("fft.fftshift", broken.FFTSHIFT_WRONG_WAY, "values"),
    ("fft.fft", broken.FFT_IGNORES_ORTHO, "values"),
    ("fft.fft2", broken.FFT2_OFF, "values"),  # the bound is tight enough
]


@pytest.mark.parametrize(("name", "namespace", "kind"), PLANTED, ids=[p[1].planted for p in PLANTED])
def test_a_planted_fft_bug_is_caught(name, namespace, kind):
    fails_with(kind, suite.test_axes_row, budget=CI_ROWS, row=BY_NAME[name], xp=namespace)


F32 = np.float32
# (entry, row, a namespace that does what NumPy does, the entry's example)
VANISHING = [
    ("FFT-FREQUENCIES-OF-NOTHING", "fft.fftfreq", broken.FFTFREQ_OF_NOTHING_RAISES, (0, 1.0, "float32")),
    ("FFT-REPEATED-AXES-VALUEERROR", "fft.fftn", broken.FFTN_REPEATS_AXES,
     (np.ones((2, 3), F32), None, (0, 0), None)),
    ("FFT-SHIFT-OF-0D", "fft.fftshift", broken.FFTSHIFT_OF_0D_RAISES, (np.array(2.0, F32), None)),
    ("FFT-AXIS-OUT-OF-RANGE-VALUEERROR", "fft.fft", broken.FFT_AXIS_INDEXERROR,
     (np.ones(3, F32), None, 1, None)),
    ("FFT-ZERO-POINTS-EMPTY-RESULT", "fft.fft", broken.FFT_OF_NOTHING_REFUSED,
     (np.ones((2, 0), F32), None, -1, None)),
    ("FFT-HALF-PRECISION-REAL-INPUT-REFUSED", "fft.rfft", broken.RFFT_OF_HALF_AS_FLOAT32,
     (np.array([1, 2, 3, 4], np.float16), None, -1, None)),
    ("FFT-HALF-PRECISION-REAL-OUTPUT-FLOAT32", "fft.irfft", broken.IRFFT_KEEPS_HALF,
     (np.array([1, 2, 3, 4], np.float16), None, -1, None)),
    ("FFT-BFLOAT16-WITHOUT-NUMPY-LOOP", "fft.ifft", broken.IFFT_REFUSES_BFLOAT16,
     (np.array([1, 2, 3], BFLOAT16), None, -1, None)),
    ("FFT-IHFFT-OF-NOTHING-ZERODIVISION", "fft.ihfft", broken.IHFFT_OF_NOTHING_VALUEERROR,
     (np.ones(0, np.int8), None, -1, None)),
    ("FFT-NO-AXES", "fft.fftn", broken.FFTN_OF_NO_AXES_UNCHANGED, (np.ones((2, 3), F32), None, (), None)),
]


@pytest.mark.parametrize(("entry", "name", "namespace", "args"), VANISHING, ids=[e[0] for e in VANISHING])
def test_an_fft_entry_explains_its_example_and_vanishes_where_jax_does_what_numpy_does(entry, name,
                                                                                        namespace, args):
    case = case_of(BY_NAME[name])
    with recording(Recorder()):
        assert_explained(check(case, *args, xp=jnp), entry)
        with pytest.raises(VanishedDivergence, match=entry):
            check(case, *args, xp=namespace)


# (entry, row, a namespace past the entry's model, the entry's example)
BOUNDED = [
    ("FFT-NONFINITE-PARTS", "fft.ifft2", broken.IFFT2_FINITE,
     (np.array([[-4.076089e16, 0.0, -3.4028235e38, 1.1754944e-38],
                [-5.447606e15, -3.4028235e38, 0.0, -np.inf]], F32), None, (-2, -1), "forward")),
    # normal input and result, a subnormal inside (hfft: irfft's 1/4 of 1.5 times the smallest normal,
    # flushed to 0, times 4): JAX's 0 where NumPy gives 1.76e-38 (NUM-SUBNORMAL-FLUSH sees no subnormal)
    ("FFT-FLUSH-SUBNORMALS", "fft.hfft", broken.HFFT_OFF_BY_TINY,
     (np.array([1.5 * 2.0**-126, 0.0, 0.0], F32), None, -1, None)),
]


@pytest.mark.parametrize(("entry", "name", "namespace", "args"), BOUNDED, ids=[e[0] for e in BOUNDED])
def test_an_fft_entry_explains_its_example_and_nothing_past_its_model(entry, name, namespace, args):
    case = case_of(BY_NAME[name])
    with recording(Recorder()):
        assert {str(v) for v in check(case, *args, xp=jnp)} == {f"known:{entry}"}
        with pytest.raises(NewDivergence):
            check(case, *args, xp=namespace)


@pytest.mark.slow  # the controls: the same searches on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize("name", sorted({p[0] for p in PLANTED}))
def test_the_real_namespace_passes_the_same_searches(name):
    passes(suite.test_axes_row, row=BY_NAME[name], xp=jnp)

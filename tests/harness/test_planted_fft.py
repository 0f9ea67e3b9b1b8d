"""Bugs planted in jax.numpy.fft (registry.FFT) are caught by the registry's generic test
(`test_registry.test_axes_row`) with the budget the committed `ci` runs give it, and entries of
`conformance/catalogue/fft.py` explain their own example on jax.numpy and vanish where a namespace does
what NumPy does."""

import jax.numpy as jnp
import numpy as np
import pytest

from conformance.check import VanishedDivergence, check
from conformance.operation import case_of
from conformance.recorder import Recorder, recording
from conformance.registry import BY_NAME
from tests.conformance import test_registry as suite
from tests.harness import broken_fft as broken
from tests.harness.planted import fails_with
from tests.harness.test_planted_signals import assert_explained
from tests.harness.test_planted_unary import CI_ROWS

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
]


@pytest.mark.parametrize(("entry", "name", "namespace", "args"), VANISHING, ids=[e[0] for e in VANISHING])
def test_an_fft_entry_explains_its_example_and_vanishes_where_jax_does_what_numpy_does(entry, name,
                                                                                        namespace, args):
    case = case_of(BY_NAME[name])
    with recording(Recorder()):
        assert_explained(check(case, *args, xp=jnp), entry)
        with pytest.raises(VanishedDivergence, match=entry):
            check(case, *args, xp=namespace)

"""The sort entries of `conformance/catalogue/reductions.py` explain their own examples, and vanish where a
namespace does what NumPy does (NumPy on the host, eagerly: the generic test reaches these examples, but
not on a namespace that differs only there)."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from conformance.check import VanishedDivergence, check
from conformance.operation import case_of
from conformance.recorder import Recorder, recording
from conformance.registry import BY_NAME
from tests.harness.broken import BrokenNamespace, on_the_host
from tests.harness.releases import modes_where_it_holds

LIKE_NUMPY = BrokenNamespace("sort and argsort as NumPy's (eager only)", sort=on_the_host("sort"),
                             argsort=on_the_host("argsort"))
EXAMPLES = [
    # (entry, row, arguments: a, axis, stable[, kind]); with x64 off, argsort's verdict is a chain with
    # the 32-bit index entry
    ("REDUCE-SORT-KIND-REFUSED", "sort", (np.array([2, 1, 2], np.int32), -1, True, "quicksort")),
    ("REDUCE-SORT-SUBNORMALS-COMPARE-AS-ZERO", "sort", (np.array([2.0**-140, 0.0], np.float32), -1, True,
                                                        None)),
    ("REDUCE-SORT-COMPLEX-NAN-BY-PART", "sort", (np.array([complex(-1, np.nan), 0j], np.complex64), -1, True,
                                                 None)),
    ("REDUCE-SORT-COMPLEX-NAN-BY-PART", "argsort", (np.array([complex(-1, np.nan), 0j], np.complex64), None,
                                                    True)),
]
# With x64 off, NumPy's 64-bit indices are explained by DTYPE-X64-OFF-32BIT alone before the vanished check
# (the NumPy-like namespace's indices are 32-bit): argsort's entry is seen vanishing with x64 on only.
_VANISHES_WITH_X64_ON_ONLY = {"argsort"}


def test_argsort_refuses_kind_as_sort_does():
    """REDUCE-SORT-KIND-REFUSED on argsort (its generic test keeps its examples for ties)."""
    with pytest.raises(TypeError, match="'kind' argument to argsort is not supported"):
        jnp.argsort(jnp.array([2, 1]), kind="stable")
    assert np.argsort(np.array([2, 1]), kind="stable").tolist() == [1, 0]


@pytest.mark.parametrize(("entry", "name", "args"), EXAMPLES, ids=[f"{e[0]}-{e[1]}" for e in EXAMPLES])
def test_a_sort_entry_explains_its_example_and_vanishes_where_jax_does_what_numpy_does(entry, name, args):
    case = case_of(BY_NAME[name])
    with recording(Recorder()):
        verdicts = [str(v) for v in check(case, *args, xp=jnp, modes=modes_where_it_holds(entry, case, args))]
        assert all(v.startswith("known:") and entry in v for v in verdicts), verdicts
        if name in _VANISHES_WITH_X64_ON_ONLY and not jax.config.jax_enable_x64:
            return
        with pytest.raises(VanishedDivergence, match=entry):
            check(case, *args, xp=LIKE_NUMPY, modes=("eager",))

"""Bugs planted in the composite functions (conformance/cases/composites.py) are caught by their tests
with the ci budget, and next to each entry of `conformance/catalogue/composites.py` a namespace that does
what NumPy does is caught as the entry vanishing."""


import jax
import jax.numpy as jnp
import numpy as np
import pytest

from conformance.cases import composites
from conformance.check import VanishedDivergence, check
from conformance.recorder import Recorder, recording
from tests.conformance import test_composites as suite
from tests.harness import broken_composites as broken
from tests.harness.planted import CI, fails_with, passes, x64_mode

PLANTED = [
    (suite.test_apply_along_axis, {"case": composites.ALONG_AXIS[0]}, broken.ALONG_THE_NEXT_AXIS),
    (suite.test_apply_over_axes, {"case": composites.OVER_AXES[0]}, broken.FIRST_AXIS_ONLY),
    (suite.test_fromfunction, {}, broken.TRANSPOSED_FROMFUNCTION),
    (suite.test_mask_indices, {}, broken.K_IGNORED),
    (suite.test_selections, {"case": composites.SELECT}, broken.CHOICES_REVERSED),
    (suite.test_selections, {"case": composites.PIECEWISE}, broken.OTHERWISE_FIRST),
    (suite.test_selections, {"case": composites.WHERE_NONZERO}, broken.WHERE_FLAT),
    (suite.test_grids, {"case": composites.GRIDS[0]}, broken.SHORT_MGRID),
    (suite.test_grids, {"case": composites.GRIDS[2]}, broken.SHORT_OGRID),
    (suite.test_average, {}, broken.KEEPDIMS_DROPPED),
    (suite.test_weighted_average, {}, broken.WEIGHTS_IGNORED),
]


@pytest.mark.parametrize(("test", "params", "namespace"), PLANTED, ids=[p[2].planted for p in PLANTED])
def test_a_planted_composite_bug_is_caught(test, params, namespace):
    fails_with(("values", "shape", "structure", "error-parity"), test, budget=CI, xp=namespace, **params)


# (entry, case, namespace that does what NumPy does, args, modes), with x64 on (off, DTYPE-X64-OFF-32BIT
# explains NumPy's int64 indices before the vanished check)
ENTRY_EXAMPLES = [
    ("COMPOSITE-APPLY-OVER-AXES-NEEDS-A-SEQUENCE", composites.OVER_AXES[0], broken.OVER_AN_INT_AXIS,
     (np.arange(6, dtype=np.int8).reshape(2, 3), 1), ("eager", "jit")),
    ("COMPOSITE-MASK-INDICES-REFUSED-UNDER-JIT", composites.MASK_INDICES, broken.MASK_INDICES_ON_THE_HOST,
     (3, 1), ("jit",)),
    ("COMPOSITE-MGRID-EMPTY-RANGE", composites.GRIDS[1], broken.NUMPY_MGRID, (-3, -2, -1), ("eager",)),
    ("COMPOSITE-AVERAGE-EMPTY-RESULT", composites.AVERAGE, broken.AVERAGE_REFUSING_AN_EMPTY_RESULT,
     (np.zeros((3, 0), np.float32), 0, False), ("eager", "jit")),
    ("COMPOSITE-AVERAGE-ZERO-SUM-OF-WEIGHTS", composites.WEIGHTED_AVERAGE,
     broken.AVERAGE_REFUSING_ZERO_WEIGHTS,
     (np.ones(2, np.float32), np.array([1.0, -1.0], np.float32), None, False, False), ("eager",)),
]


@pytest.mark.parametrize(("entry", "case", "namespace", "args", "modes"), ENTRY_EXAMPLES,
                         ids=[e[0] for e in ENTRY_EXAMPLES])
def test_an_entry_explains_its_example_and_vanishes_where_jax_does_what_numpy_does(entry, case, namespace,
                                                                                    args, modes):
    with x64_mode(True), recording(Recorder()):
        assert {str(v) for v in check(case, *args, xp=jnp, modes=modes)} == {f"known:{entry}"}
        with pytest.raises(VanishedDivergence, match=entry):
            check(case, *args, xp=namespace, modes=modes)


def test_the_zero_sum_model_divides_as_jax_does():
    """COMPOSITE-AVERAGE-ZERO-SUM-OF-WEIGHTS's model against JAX: N / 0 per slice, bounded elsewhere."""
    from conformance.sums import bounded_average
    a = np.array([[1.0, 2.0], [3.0, -4.0]], np.float32)
    w = np.array([[1.0, -1.0], [1.0, 2.0]], np.float32)
    model = bounded_average(a, w, axis=1, dtype=np.float32)
    jax_result = np.asarray(jnp.average(a, axis=1, weights=w))
    assert np.isinf(model.array[0]) and np.array_equal(np.isinf(jax_result), np.isinf(model.array))
    assert abs(jax_result[1] - model.array[1]) <= model.atol[1]


@pytest.mark.slow  # the controls: the same tests on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize(("test", "params"), [(p[0], p[1]) for p in PLANTED],
                         ids=[p[2].planted for p in PLANTED])
def test_the_real_namespace_passes_the_same_searches(test, params):
    with jax.default_device(jax.devices("cpu")[0]):
        passes(test, xp=jnp, **params)

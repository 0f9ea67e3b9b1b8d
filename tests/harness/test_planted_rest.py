"""Bugs planted in the comparisons, bits and selection rows (conformance/registry/comparisons.py, bits.py,
selection.py) are caught by the registry's generic test with the ci budget, and next to each entry of
conformance/catalogue/comparisons.py, bits.py and selection.py a namespace that does what NumPy does is
caught as the entry vanishing (each entry explaining its own example first)."""


import jax.numpy as jnp
import numpy as np
import pytest

from conformance.check import VanishedDivergence, check
from conformance.operation import case_of
from conformance.recorder import Recorder, recording
from conformance.registry import BY_NAME
from tests.conformance import test_registry as suite
from tests.harness import broken_rest as broken
from tests.harness.planted import SEARCH, fails_with, passes, x64_mode
from tests.harness.releases import JAX_0_12
from tests.harness.test_planted_unary import CI_ROWS

PLANTED = [
    ("array_equal", broken.ARRAY_EQUAL_IGNORES_EQUAL_NAN, "values"),
    ("packbits", broken.PACKBITS_OTHER_BITORDER, "values"),
    ("unpackbits", broken.UNPACKBITS_IGNORES_COUNT, "shape"),
    ("ldexp", broken.LDEXP_ONE_MORE, "values"),
    ("choose", broken.CHOOSE_WRAPS_FOR_CLIP, "values"),
    ("compress", broken.COMPRESS_NEGATED, ("values", "shape")),
    ("fill_diagonal", broken.FILL_DIAGONAL_VAL_BACKWARDS, "values"),
    ("put_along_axis", broken.PUT_ALONG_FIRST_AXIS, ("values", "error-kind", "error-parity")),
]

_INT_CHOICES = [np.array([1, 2], np.int32), np.array([3, 4], np.int32)]
# (entry, row, the namespace that does what NumPy does, args in the case's order, modes, x64)
ENTRY_EXAMPLES = [
    ("CMP-ISCLOSE-INTEGERS-IN-FLOAT32", "isclose", broken.ISCLOSE_ON_THE_HOST,
     (np.array([-2**31, 5], np.int32), np.array([1 - 2**31, 5], np.int32), 0.0, 0.0, False), ("eager",),
     False),
    ("CMP-ISCLOSE-SUBNORMALS-FLUSHED", "isclose", broken.ISCLOSE_ON_THE_HOST,
     (np.array([1.7e-38, 1e-40, 3.0], np.float32), np.array([1.2e-38, 0.0, 3.0], np.float32), 0.0, 0.0,
      False),
     ("eager",), False),
    ("BITS-PACKBITS-AXIS-INDEXERROR", "packbits", broken.PACKBITS_AXIS_ERROR,
     (np.array([1, 0, 1], np.uint8), 1, "big"), ("eager",), False),
    ("BITS-UNPACKBITS-NEGATIVE-COUNT-BEYOND-THE-BITS", "unpackbits", broken.UNPACKBITS_ON_THE_HOST,
     (np.array([3], np.uint8), None, -20, "big"), ("eager",), False),
    pytest.param("BITS-LDEXP-SUBNORMAL-X1-RETURNED", "ldexp", broken.LDEXP_ON_THE_HOST,
                 (np.array([1e-40, 2.0], np.float32), (np.array([10, 1], np.int32),)), ("eager",), False,
                 marks=JAX_0_12.skip_from),
    pytest.param("BITS-LDEXP-SUBNORMAL-FLUSHED", "ldexp", broken.LDEXP_ON_THE_HOST,
                 (np.array([6e-8, 2.0], np.float16), (np.array([10, -20], np.int32),)), ("eager",), False,
                 marks=JAX_0_12.skip_before),
    ("DTYPE-BFLOAT16-IS-REAL-FLOATING", "isdtype", broken.ISDTYPE_AS_NUMPY,
     ("real floating", "bfloat16"), ("eager",), False),
    ("DTYPE-BFLOAT16-IS-REAL-FLOATING", "issubdtype", broken.ISDTYPE_AS_NUMPY,
     (np.floating, "bfloat16"), ("eager",), False),
    ("SELECT-FILL-DIAGONAL-NEEDS-INPLACE-FALSE", "fill_diagonal", broken.FILL_DIAGONAL_ON_THE_HOST,
     (np.zeros((2, 2), np.int32), 5, False, True), ("eager",), False),
    ("SELECT-FILL-DIAGONAL-WRAP-REFUSED", "fill_diagonal", broken.FILL_DIAGONAL_ON_THE_HOST,
     (np.zeros((5, 2), np.int32), 5, True, False), ("eager",), False),
    ("SELECT-PUT-ALONG-AXIS-NEEDS-INPLACE-FALSE", "put_along_axis", broken.PUT_ALONG_AXIS_ON_THE_HOST,
     (np.zeros((2, 2), np.float32), np.zeros((2, 2), np.int32), 3, 0, True), ("eager",), False),
    ("SELECT-PUT-ALONG-AXIS-AXIS-ASSERTIONERROR", "put_along_axis", broken.PUT_ALONG_AXIS_ON_THE_HOST,
     (np.zeros((2, 2), np.float32), np.zeros((2, 2), np.int32), 3, 2, False), ("eager",), False),
    ("SELECT-PUT-ALONG-AXIS-OUT-OF-BOUNDS-DROPPED", "put_along_axis", broken.PUT_ALONG_AXIS_ON_THE_HOST,
     (np.zeros((2, 2), np.float32), np.array([[0, 2], [1, 0]], np.int32), 3, 1, False), ("eager",), False),
    ("SELECT-CHOOSE-RAISE-NEEDS-CONCRETE-INDICES", "choose", broken.CHOOSE_RAISE_CLIPPED,
     (np.array([1, 0], np.int32), _INT_CHOICES, "raise"), ("jit",), False),
    ("SELECT-CHOOSE-UINT64-INDICES-ACCEPTED", "choose", broken.CHOOSE_ON_THE_HOST,
     (np.array([1, 7], np.uint64), _INT_CHOICES, "wrap"), ("eager",), True),
    ("SELECT-CHOOSE-BOOL-INDICES-REFUSED", "choose", broken.CHOOSE_ON_THE_HOST,
     (np.array([True, False]), _INT_CHOICES, "clip"), ("eager",), False),
]



@pytest.mark.parametrize(("name", "namespace", "kind"), PLANTED, ids=[p[1].planted for p in PLANTED])
def test_a_planted_bug_is_caught(name, namespace, kind):
    fails_with(kind, suite.test_axes_row, budget=CI_ROWS, row=BY_NAME[name], xp=namespace)


def test_isclose_ignoring_equal_nan_is_caught_by_a_longer_search():
    """The ci budget's isclose examples do not pair equal_nan=True with a NaN at one position of both
    arrays (since the option turns changed the draws): a longer search does."""
    fails_with("values", suite.test_axes_row, budget=SEARCH, row=BY_NAME["isclose"],
               xp=broken.ISCLOSE_IGNORES_EQUAL_NAN)


def _id(example) -> str:
    entry, name = getattr(example, "values", example)[:2]  # a pytest.param or a plain tuple
    return f"{entry}-{name}"


@pytest.mark.parametrize(("entry", "name", "namespace", "args", "modes", "x64"), ENTRY_EXAMPLES,
                         ids=[_id(e) for e in ENTRY_EXAMPLES])
def test_an_entry_explains_its_example_and_vanishes_where_jax_does_what_numpy_does(entry, name, namespace,
                                                                                    args, modes, x64):
    case = case_of(BY_NAME[name])
    with x64_mode(x64), recording(Recorder()):
        verdicts = {str(v) for v in check(case, *args, xp=jnp, modes=modes)}
        assert verdicts and all(v.startswith("known:") and entry in v for v in verdicts), verdicts
        with pytest.raises(VanishedDivergence, match=entry):
            check(case, *args, xp=namespace, modes=modes)


@pytest.mark.slow  # the controls: the same searches on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize("name", sorted({p[0] for p in PLANTED}))
def test_the_real_namespace_passes_the_same_searches(name):
    passes(suite.test_axes_row, row=BY_NAME[name], xp=jnp)

"""Bugs planted in partition, argpartition and lexsort (registry/ordering.py) are caught by the registry's
generic test with the ci budget, and next to each entry of `conformance/catalogue/ordering.py` a namespace
that does what NumPy does is caught as the entry vanishing. The canonical form of a partition
(conformance/orderings.py) accepts any valid partition and nothing else."""

import re

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from packaging.version import Version

from conformance.check import VanishedDivergence, check
from conformance.environment import current
from conformance.example import Example
from conformance.operation import case_of
from conformance.orderings import argpartition_canonical, partition_canonical
from conformance.outcome import Outcome
from conformance.recorder import Recorder, recording
from conformance.registry import BY_NAME
from tests.conformance import test_registry as suite
from tests.harness import broken_ordering as broken
from tests.harness.planted import fails_with, passes, x64_mode
from tests.harness.test_planted_unary import CI_ROWS

PLANTED = [
    ("partition", broken.PARTITION_KTH_SWAPPED, "values"),
    ("argpartition", broken.ARGPARTITION_REPEATS_AN_INDEX, "values"),
    ("lexsort", broken.LEXSORT_FIRST_KEY_PRIMARY, "values"),
    ("unravel_index", broken.UNRAVEL_FORTRAN, "values"),
    ("ravel_multi_index", broken.RAVEL_ORDER_IGNORED, "values"),
]

# (entry, row, the namespace that does what NumPy does, args, x64): index rows with x64 on, where
# NumPy's int64 indices are JAX's too (x64 off, DTYPE-X64-OFF-32BIT explains the dtype first)
ENTRY_EXAMPLES = [
    ("SORT-PARTITION-TOP-K-ORDER", "partition", broken.PARTITION_LIKE_NUMPY,
     (np.array([3, -128, 5, 1], np.int8), 0, -1), False),
    ("SORT-PARTITION-TOP-K-ORDER", "partition", broken.PARTITION_LIKE_NUMPY,
     (np.array([1.0, -np.nan, 2.0], np.float32), 1, 0), False),
    ("SORT-PARTITION-COMPLEX-NOT-IMPLEMENTED", "partition", broken.PARTITION_LIKE_NUMPY,
     (np.array([2 + 0j, 1 - 1j], np.complex64), 0, -1), False),
    ("SORT-PARTITION-BOOL-TYPEERROR", "partition", broken.PARTITION_LIKE_NUMPY,
     (np.array([True, False]), 0, -1), False),
    ("SORT-PARTITION-EMPTY-CHECKS-KTH", "partition", broken.PARTITION_LIKE_NUMPY,
     (np.zeros((2, 0), np.float32), 0, -1), False),
    ("SORT-ARGPARTITION-0D-REFUSED", "argpartition", broken.ARGPARTITION_LIKE_NUMPY,
     (np.array(1.0, np.float32), 0, -1), True),
    ("SORT-ARGPARTITION-INT32-INDICES", "argpartition", broken.ARGPARTITION_LIKE_NUMPY,
     (np.array([3.0, 1.0, 2.0], np.float32), 1, -1), True),
    ("SORT-LEXSORT-SUBNORMALS-COMPARE-AS-ZERO", "lexsort", broken.LEXSORT_LIKE_NUMPY,
     ([np.array([0.0, 1.0]), np.array([5e-324, 0.0])], -1), True),
    ("INDEX-UNRAVEL-CLIPS-AND-KEEPS-DTYPE", "unravel_index", broken.UNRAVEL_LIKE_NUMPY,
     (np.array([0, 5], np.int16), (4, 1, 2)), True),
    ("INDEX-RAVEL-MULTI-INDEX-OWN-CHECKS-AND-DTYPE", "ravel_multi_index", broken.RAVEL_LIKE_NUMPY,
     ([np.array([1, 2], np.int8), np.array([0, 3], np.int8)], (3, 4), "wrap", "F"), True),
]
# jax 0.12 partitions bools and keeps the integer minimum (bitwise_not inverts them): those entries'
# examples hold before it only
_BEFORE_012 = {("SORT-PARTITION-TOP-K-ORDER", "int8"), ("SORT-PARTITION-BOOL-TYPEERROR", "bool")}
if Version(jax.__version__) >= Version("0.12"):
    ENTRY_EXAMPLES = [e for e in ENTRY_EXAMPLES if (e[0], str(np.asarray(e[3][0]).dtype)) not in _BEFORE_012]



@pytest.mark.parametrize(("name", "namespace", "kind"), PLANTED, ids=[p[1].planted for p in PLANTED])
def test_a_planted_ordering_bug_is_caught(name, namespace, kind):
    fails_with(kind, suite.test_axes_row, budget=CI_ROWS, row=BY_NAME[name], xp=namespace)


@pytest.mark.parametrize(("entry", "name", "namespace", "args", "x64"), ENTRY_EXAMPLES,
                         ids=[f"{e[0]}-{i}" for i, e in enumerate(ENTRY_EXAMPLES)])
def test_an_entry_explains_its_example_and_vanishes_where_jax_does_what_numpy_does(entry, name, namespace,
                                                                                    args, x64):
    case = case_of(BY_NAME[name])
    with x64_mode(x64), recording(Recorder()):
        assert {str(v) for v in check(case, *args, xp=jnp)} == {f"known:{entry}"}
        with pytest.raises(VanishedDivergence, match=entry):
            check(case, *args, xp=namespace)


@pytest.mark.skipif(Version(jax.__version__) >= Version("0.12"), reason="jax 0.12 inverts integers with ~")
def test_the_top_k_model_is_jaxs_raw_result():
    """The model of SORT-PARTITION-TOP-K-ORDER computes JAX's own (raw) result: [1, 5, 3, 1] of int8
    [3, -128, 5, 1] at kth 0, partitioned but not of a's elements: its canonical form is not NumPy's."""
    from conformance.catalogue.ordering import jax_partition
    a = np.array([3, -128, 5, 1], np.int8)
    raw = jax_partition(a, 0, -1, indices=False)
    assert raw.tolist() == np.asarray(jnp.partition(a, 0)).tolist() == [1, 5, 3, 1]
    assert partition_canonical(raw, a, 0, -1).tolist() == [1, 1, 3, 5]
    assert partition_canonical(np.partition(a, 0), a, 0, -1).tolist() == [-128, 1, 3, 5]


def test_unravel_index_clips_past_the_end_and_wraps_from_minus_size():
    """INDEX-UNRAVEL-CLIPS-AND-KEEPS-DTYPE's model against JAX, on the values its trigger reads."""
    from conformance.catalogue.ordering import jax_unravel
    indices = np.array([-9, -8, -1, 0, 7, 8, 200], np.int16)
    model = jax_unravel(indices, (4, 1, 2), x64=True)
    assert [m.tolist() for m in model] == [[0, 0, 3, 0, 3, 3, 3], [0] * 7, [0, 0, 1, 0, 1, 1, 1]]
    assert all(m.dtype == np.int16 for m in model)
    jax_result = jnp.unravel_index(indices, (4, 1, 2))
    assert [np.asarray(j).tolist() for j in jax_result] == [m.tolist() for m in model]


def test_the_ravel_model_is_jaxs_result():
    """jax_ravel_multi_index against JAX eagerly: the promoted dtype, each mode and order, and the
    refusals in JAX's order (lengths, dtype, bool)."""
    from conformance.catalogue.index_tools import jax_ravel_multi_index
    case = case_of(BY_NAME["ravel_multi_index"])
    indices = [np.array([[-1], [2], [7]], np.int8), np.array([3, 5], np.uint8)]
    for args in [(indices, (3, 4), "wrap", "C"), (indices, (5, 1), "clip", "F"),
                 (indices, (3, 4), "raise", "C"), (indices[:1], (3, 4), "clip", "C"),
                 ([np.array([True]), np.array([1])], (3, 4), "clip", "C"),
                 ([np.array([1.0]), np.array([1])], (3, 4), "clip", "C")]:
        with x64_mode(True):
            example = Example(case=case, args=args, mode="eager", numpy=Outcome(), jax=Outcome(),
                              env=current())
            model = jax_ravel_multi_index(example)
            try:
                jax_result = np.asarray(jnp.ravel_multi_index(*args[:2], mode=args[2], order=args[3]))
            except (AssertionError, ValueError, TypeError) as error:
                assert model.raised and re.search(model.error.pattern, str(error)), (args, error)
                continue
        assert not model.raised, args
        assert model.values[0].array.dtype == jax_result.dtype and np.array_equal(model.values[0].array,
                                                                                   jax_result), args


def test_the_canonical_form_accepts_any_valid_partition_and_nothing_else():
    a = np.array([3.0, -0.0, np.nan, 1.0, 0.0], np.float32)
    canonical = np.array([-0.0, 0.0, 1.0, 3.0, np.nan], np.float32)
    for valid in ([0.0, -0.0, 1.0, 3.0, np.nan], [-0.0, 0.0, 1.0, np.nan, 3.0]):
        out = partition_canonical(np.array(valid, np.float32), a, 2, 0)
        assert np.array_equal(np.signbit(out), np.signbit(canonical)) and np.array_equal(out, canonical,
                                                                                          equal_nan=True)
    wrong_pivot = np.array([0.0, -0.0, 3.0, 1.0, np.nan], np.float32)
    assert partition_canonical(wrong_pivot, a, 2, 0) is wrong_pivot
    indices = np.array([1, 4, 3, 0, 2])  # selects [-0, 0, 1, 3, nan]: valid for kth 2
    assert argpartition_canonical(indices, a, 2, 0).tolist() == np.argsort(a, kind="stable").tolist()
    repeated = np.array([1, 1, 3, 0, 2])
    assert argpartition_canonical(repeated, a, 2, 0) is repeated


@pytest.mark.slow  # the controls: the same searches on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize("name", sorted({p[0] for p in PLANTED}))
def test_the_real_namespace_passes_the_same_searches(name):
    passes(suite.test_axes_row, row=BY_NAME[name], xp=jnp)

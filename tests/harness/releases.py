"""Skip marks for harness tests that run the real jax.numpy where a catalogue entry is gated on the JAX
release (`jax_versions`): each such test runs where its entry holds. (Tests that only judge outcomes
claim the release in the example's environment instead: test_upgrade_elementwise.py.) And the examples of
the planted-bug files that agree on one release (`skip_where_the_example_agrees`)."""

from types import SimpleNamespace

import jax
import numpy as np
import pytest
from packaging.version import Version

JAX_012 = Version(jax.__version__) >= Version("0.12")
JAX_0_12 = SimpleNamespace(
    skip_from=pytest.mark.skipif(JAX_012, reason="the entry holds before jax 0.12"),
    skip_before=pytest.mark.skipif(not JAX_012, reason="the entry holds from jax 0.12 on"),
)
NUMPY_25 = Version(np.__version__) >= Version("2.5")

_HALF_AGREES = JAX_012 and "jax 0.12 refuses float16 with TypeError, as NumPy does (bfloat16 still differs)"
# the other harness files' examples of an entry that agree with this JAX or NumPy (the entry holds for
# other inputs, or on the other version): their test skips here (`skip_where_the_example_agrees`)
_AGREES = {
    "LINALG-SYMMETRIZED-NOT-SQUARE-TYPEERROR": JAX_012 and "jax 0.12 checks the shape itself (ValueError)",
    "LINALG-HALF-PRECISION-REFUSED": _HALF_AGREES,
    "LINALG-HALF-PRECISION-NOT-IMPLEMENTED": _HALF_AGREES,
    "NORM-SVD-HALF-PRECISION-NOT-IMPLEMENTED": _HALF_AGREES,
    "POLY-LAPACK-HALF-PRECISION-NOT-IMPLEMENTED": _HALF_AGREES,
    "LINALG-COND-ZERO-MATRIX-NAN": JAX_012 and "jax 0.12 gives inf, as NumPy (entry gated jax < 0.12)",
    "LINALG-EIG-ALWAYS-COMPLEX": NUMPY_25 and "numpy 2.5's eig and eigvals return complex arrays too",
    # its example crosses a 3-vector with a 2-vector: numpy 2.5 refuses that first (ValueError), as jax
    # 0.12 does; an example of 3-vectors of equal rank is BCAST-EQUAL-RANK-CLASH-TYPEERROR's on 3.12
    "NORM-CROSS-BATCHES-MISMATCH-TYPEERROR": NUMPY_25 and "numpy 2.5 refuses a 2-vector beside a 3-vector",
    "FUNC-FROM-DLPACK-BFLOAT16": NUMPY_25 and "numpy 2.5 takes a bfloat16 array over (entry gated < 2.5)",
    "ORDER-EMPTY-NUMPY-CANNOT-RESHAPE": NUMPY_25 and "numpy 2.5 returns the empty result (entry gated < 2.5)",
    # (entry, row): one of an entry's several examples
    ("ORDER-EMPTY-SLICE-RAISES", "nanpercentile"):
        JAX_012 and "jax 0.12 returns the nan* forms' empty result of an empty slice, as NumPy",
    ("ORDER-NAN-FORMS-OF-AN-EMPTY-ARRAY-DROP-Q", "nanpercentile"):
        JAX_012 and "jax 0.12 returns an empty slice's NaN early, without q's dimension: NumPy's shape",
    ("ORDER-Q-OUT-OF-RANGE-CLAMPED", "nanpercentile"):
        JAX_012 and "jax 0.12 returns an empty slice's NaN before reading q (ORDER-NAN-FORMS-OF-AN-"
                    "EMPTY-SLICE-UNCHECKED)",
}


def skip_where_the_example_agrees(entry: str, row: str | None = None) -> None:
    reason = _AGREES.get(entry) or _AGREES.get((entry, row))
    if reason:
        pytest.skip(reason)


# Entries about XLA reading subnormals as zeros: folded, jax 0.12's constant folder reads them as they
# are (`models.folding_reads_subnormals`), so their harness examples agree with NumPy in that mode.
_FOLDED_READS_SUBNORMALS = {"REDUCE-SORT-SUBNORMALS-COMPARE-AS-ZERO", "STAT-DIFF-FLUSHES-EACH-ORDER",
                            "REDUCE-MAX-MIN-ZEROS-AND-SUBNORMALS", "STAT-NAN-EXTREMUM-NEAR-ZERO"}


def modes_where_it_holds(entry: str, case, args) -> tuple[str, ...] | None:
    """The modes in which `entry`'s harness example on jax.numpy shows it: every mode (None), but folded
    from jax 0.12 on for an entry about subnormals read as zeros, where the example is checked to
    agree instead."""
    if not (JAX_012 and entry in _FOLDED_READS_SUBNORMALS and "folded" in case.modes):
        return None
    from conformance.check import check

    assert {str(v) for v in check(case, *args, modes=("folded",))} == {"agree"}
    return tuple(m for m in case.modes if m != "folded")

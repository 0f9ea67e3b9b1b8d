"""The histogram entries (conformance/catalogue/histograms.py) explain what JAX returns on concrete
inputs, and a result that differs from their models is new: a value on NumPy's float64 edge that JAX's
float16 edges put in another bin, a last bin that is not closed, bincount's clipping, its refusal under
jit, and the dtypes."""

from dataclasses import replace

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from packaging.version import Version

from conformance import environment
from conformance.check import judge, judge_vanished
from conformance.example import Example
from conformance.operation import case_of
from conformance.outcome import Outcome, Value
from conformance.registry import BY_NAME
from conformance.registry.histograms import EDGES, RANGE
from conformance.runner import run_jax, run_numpy


def example(name, args, mode="eager", jax_outcome=None):
    """The row's example on `args` (its arrays, then every option), with JAX's real outcome unless given."""
    case = case_of(BY_NAME[name])
    jax = run_jax(case, args, xp=jnp, mode=mode) if jax_outcome is None else jax_outcome
    return Example(case, tuple(args), mode, environment.current(), run_numpy(case, args), jax)


def verdict(ex) -> str:
    return str(judge(ex))


def with_first(outcome: Outcome, array) -> Outcome:
    """`outcome` with its first value replaced."""
    return replace(outcome, values=(Value(np.asarray(array)), *outcome.values[1:]))


def test_a_value_on_numpys_edge_falls_where_jaxs_float16_edges_put_it():
    """float16 [1, 2, 1.333]: NumPy's edges (linspace in float64, cast) put 1.333 on the second edge
    (counts [1, 1, 1]); JAX's float16 linspace puts that edge above it ([2, 0, 1]). NumPy's counts from
    JAX are new."""
    a = np.array([1.0, 2.0, 4 / 3], np.float16)
    for mode in ("eager", "jit"):
        ex = example("histogram", (a, 3, None, False, None), mode)
        assert np.asarray(ex.jax.values[0].array).tolist() == [2.0, 0.0, 1.0]
        assert np.asarray(ex.numpy.values[0].array).tolist() == [1, 1, 1]
        assert verdict(ex) == "known:HIST-HISTOGRAM-IN-INPUT-PRECISION"
        assert judge(replace(ex, jax=with_first(ex.jax, np.array([1, 1, 1], np.float16)))).status == "new"


def test_the_last_bin_is_closed_and_density_is_asserted():
    """A value on the last edge counts in the last bin; density divides by widths and the sum (within 4
    ulps: XLA reorders it); a last bin left half-open, or a density 1% off, is new."""
    a = np.array([0.0, 2.5, 2.5, 1.0], np.float32)
    ex = example("histogram", (a, EDGES, RANGE, False, None))
    assert np.asarray(ex.jax.values[0].array).tolist() == [1.0, 3.0]
    assert verdict(ex) == "known:HIST-HISTOGRAM-IN-INPUT-PRECISION"
    assert judge(replace(ex, jax=with_first(ex.jax, np.array([1, 1], np.float32)))).status == "new"
    dense = example("histogram", (a, 3, None, True, None), "jit")
    assert verdict(dense) in ("agree", "known:HIST-HISTOGRAM-IN-INPUT-PRECISION",
                              "known:DTYPE-X64-OFF-32BIT")
    off = np.asarray(dense.jax.values[0].array) * np.float32(1.01)
    assert judge(replace(dense, jax=with_first(dense.jax, off))).status == "new"


def test_bin_edges_are_in_the_inputs_inexact_dtype():
    """int8 input: JAX's edges are float32 (x64 off and on); NumPy's float64. Edges 1e-3 off are new."""
    ex = example("histogram_bin_edges", (np.arange(6, dtype=np.int8), 3, None))
    assert ex.jax.values[0].dtype == np.float32
    assert verdict(ex) in ("known:HIST-HISTOGRAM-IN-INPUT-PRECISION", "known:DTYPE-INT-TO-INEXACT",
                           "known:DTYPE-X64-OFF-32BIT")
    wrong = Outcome((Value(ex.jax.values[0].array + np.float32(1e-3)),))
    assert judge(replace(ex, jax=wrong)).status == "new"


@pytest.mark.parametrize("name", ["histogram", "histogram_bin_edges"])
def test_an_empty_array_without_range_is_refused(name):
    a = np.zeros(0, np.int8)
    args = (a, 3, None, False, None) if name == "histogram" else (a, 3, None)
    ex = example(name, args)
    if Version(jax.__version__) >= Version("0.12"):  # jax 0.12 takes the range (0, 1), as NumPy does
        assert verdict(ex).startswith("known:") and "HIST-EMPTY-AUTO-RANGE-REFUSED" not in verdict(ex)
    else:
        assert verdict(ex) == "known:HIST-EMPTY-AUTO-RANGE-REFUSED"
    ranged = example(name, (a, 3, RANGE, *args[3:]))  # with a range, JAX counts nothing, as NumPy
    assert verdict(ranged) != "known:HIST-EMPTY-AUTO-RANGE-REFUSED"


def test_bincount_clips_negative_values_and_keeps_the_weights_dtype():
    x = np.array([0, -1, 1, 3], np.int32)
    ex = example("bincount", (x, 0, None, None))
    assert np.asarray(ex.jax.values[0].array).tolist() == [2, 1, 0, 1]
    assert verdict(ex).startswith("known:HIST-BINCOUNT-NEGATIVE-CLIPPED")  # x64 off: +DTYPE-X64-OFF-32BIT
    dropped = with_first(ex.jax, np.array([1, 1, 0, 1], ex.jax.values[0].dtype))  # a negative dropped
    assert judge(replace(ex, jax=dropped)).status == "new"
    weighted = example("bincount", (x[2:], 4, None, np.array([0.5, 1.5], np.float32)))
    assert weighted.jax.values[0].dtype == np.float32
    assert verdict(weighted) in ("known:HIST-BINCOUNT-WEIGHTS-KEEP-THEIR-DTYPE", "known:DTYPE-X64-OFF-32BIT")


def test_bincount_under_jit_needs_length():
    x = np.array([0, 1, 1], np.int32)
    ex = example("bincount", (x, 0, None, None), "jit")
    assert verdict(ex) == "known:HIST-BINCOUNT-WITHOUT-LENGTH-UNDER-JIT"
    assert judge(example("bincount", (x, 0, 2, None), "jit")).status in ("agree", "known")
    counted = example("bincount", (x, 0, None, None), "eager").jax  # JAX computing it: not the model
    assert "WITHOUT-LENGTH" not in verdict(replace(ex, jax=counted))


def test_digitize_returns_int32_and_its_sides():
    x = np.array([0.0, 1.0, 2.5, np.nan], np.float32)
    for bins in (EDGES, EDGES[::-1].copy()):
        for right in (False, True):
            ex = example("digitize", (x, bins, right), "jit")
            assert ex.jax.values[0].dtype == np.int32
            assert verdict(ex) in ("known:HIST-DIGITIZE-INT32-INDICES", "known:DTYPE-X64-OFF-32BIT")
            flipped = example("digitize", (x, bins, not right), "jit").jax
            assert judge(replace(ex, jax=flipped)).status == "new"


def test_histogram2d_and_histogramdd_count_in_the_default_int():
    """Unweighted, JAX counts with jnp.bincount: the default int (NumPy: float64); weighted, in the
    sample's and weights' inexact dtype; NumPy's float64 counts from JAX are new."""
    x, y = np.array([0.0, 2.5, 1.0], np.float32), np.array([1.0, 1.0, 2.5], np.float32)
    ex = example("histogram2d", (x, y, EDGES, None, False, None), "jit")
    assert np.asarray(ex.jax.values[0].array).tolist() == [[0, 1], [0, 2]]
    assert verdict(ex) == "known:HIST-HISTOGRAM-IN-INPUT-PRECISION"
    numpy_counts = with_first(ex.jax, np.asarray(ex.numpy.values[0].array, np.float64))
    assert judge_vanished(replace(ex, jax=numpy_counts)).status == "vanished"  # JAX agreeing with NumPy
    transposed = with_first(ex.jax, np.asarray(ex.jax.values[0].array).T)
    assert judge(replace(ex, jax=transposed)).status == "new"
    sample = np.stack([x, y], axis=1)
    weights = np.array([0.5, 1.0, 1.5], np.float32)
    for density in (False, True):
        dd = example("histogramdd", (sample, 3, ((0.0, 2.0),) * 2, density, weights))
        assert dd.jax.values[0].dtype == np.float32
        assert verdict(dd) in ("known:HIST-HISTOGRAM-IN-INPUT-PRECISION", "known:DTYPE-X64-OFF-32BIT")
        off = np.asarray(dd.jax.values[0].array) * np.float32(1.01)
        assert judge(replace(dd, jax=with_first(dd.jax, off))).status == "new"

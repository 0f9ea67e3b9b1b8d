"""Ulp distances agree with numpy.testing's, budgets resolve per case, the report's table keeps the largest
distance with its input, and reduced-precision results are judged against the exact value only where
NumPy's own rounding is off."""

import ml_dtypes
import numpy as np
import pytest

from conformance import ulps
from conformance.case import Case
from conformance.check import check, judge
from conformance.environment import current
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.recorder import Recorder
from conformance.runner import run_numpy

BF16 = ml_dtypes.bfloat16


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_distance_is_numpy_testing_max_ulp(dtype):
    rng = np.random.default_rng(0)
    e = (rng.standard_normal(200) * 10.0 ** rng.integers(-4, 4, 200)).astype(dtype)
    steps = rng.integers(-6, 7, 200)
    a = e.copy()
    for i, n in enumerate(steps):
        for _ in range(abs(int(n))):
            a[i] = np.nextafter(a[i], dtype(np.inf) if n > 0 else dtype(-np.inf))
    gaps = ulps.distance(e, a)
    assert np.array_equal(gaps, np.abs(steps))
    worst = int(gaps.max())
    np.testing.assert_array_max_ulp(e, a, maxulp=worst, dtype=dtype)
    with pytest.raises(AssertionError):
        np.testing.assert_array_max_ulp(e, a, maxulp=worst - 1, dtype=dtype)


def test_distance_across_zero_and_in_bfloat16():
    tiny = np.array([1.4e-45], np.float32)
    assert ulps.distance(np.array([0.0], np.float32), np.array([-0.0], np.float32))[0] == 0
    assert ulps.distance(np.array([0.0], np.float32), tiny)[0] == 1
    assert ulps.distance(-tiny, tiny)[0] == 2
    assert ulps.distance(np.array([-1.0], np.float64), np.array([1.0], np.float64))[0] == 2 * (0x3FF0 << 48)
    one = np.array([1.0, -2.0], BF16)
    assert list(ulps.distance(one, np.array([1.0078125, -2.015625], BF16))) == [1, 1]


def test_spacing_is_numpy_spacing():
    for dtype in (np.float16, np.float32, np.float64):
        info = np.finfo(dtype)
        x = np.array([0.0, info.smallest_subnormal, info.tiny, 1.0, 0.75, 2.0 - info.eps, 1e3], dtype)
        assert np.array_equal(ulps.spacing(x.astype(np.float64), np.dtype(dtype)),
                              np.spacing(x).astype(np.float64))
    assert ulps.spacing(np.array([1.0]), np.dtype(BF16))[0] == 2.0**-7
    assert ulps.spacing(np.array([1.0]), np.dtype(np.complex64))[0] == 2.0**-23


def test_complex_distance_is_on_the_modulus():
    e = np.array([1 + 0j], np.complex64)
    assert ulps.distance(e, np.array([1 - 5.9e-10j], np.complex64))[0] < 0.01
    assert ulps.distance(e, np.array([1 + 2.0**-21 * 1j], np.complex64))[0] == 4


def test_budget_by_name_then_tag(monkeypatch):
    monkeypatch.setattr(ulps, "BUDGETS", {"power": {"float32": 8}, "complex-extension": {"float32": 5}})
    assert ulps.budget("power", {"complex-extension"}) == {"float32": 8}
    assert ulps.budget("logaddexp", {"complex-extension"}) == {"float32": 5}
    assert ulps.budget("add") is None


SIN = Case(name="sin", area="test", fn=lambda xp, a: xp.sin(a), source="xp.sin(a)", arg_names=("a",))


def test_the_table_keeps_the_largest_distance_with_its_input():
    recorder = Recorder()
    check(SIN, np.linspace(-3, 3, 101, dtype=np.float32), recorder=recorder)
    check(SIN, np.array([0.0], np.float32), recorder=recorder)
    cells = recorder.tables[ulps.TABLE]["cells"]["test: sin"]
    text = cells["float32"]
    assert text.split()[1] == "ulps:" and "a=np.float32(" in text and "jax np.float32(" in text
    assert float(text.split()[0]) <= ulps.budget("sin")["float32"]
    recorder.record_cell(ulps.TABLE, "test: sin", "float32", f"{99:>20} ulps: planted", keep="max")
    check(SIN, np.linspace(-3, 3, 101, dtype=np.float32), recorder=recorder)
    assert recorder.tables[ulps.TABLE]["cells"]["test: sin"]["float32"].split()[0] == "99"


def test_the_table_costs_little_for_exact_results():
    """An exact agreement records 0 ulps once, without formatting the input again."""
    recorder = Recorder()
    add = Case(name="add", area="test", fn=lambda xp, a, b: xp.add(a, b), source="xp.add(a, b)")
    for n in range(3):
        check(add, np.arange(4, dtype=np.float32), np.float32(n), recorder=recorder)
    assert recorder.tables[ulps.TABLE]["cells"]["test: add"]["float32"].split()[0] == "0"


def _example(case: Case, args: tuple, jax_value: np.ndarray, mode: str = "jit") -> Example:
    return Example(case, args, mode, current(), run_numpy(case, args), Outcome((Value(jax_value),)))


def _logsumexp(xp):
    def f(x):
        m = xp.max(x)
        return m + xp.log(xp.sum(xp.exp(x - m)))
    return f


LOGSUMEXP = Case(name="logsumexp", area="test", fn=lambda xp, x: _logsumexp(xp)(x),
                 source="logsumexp(x)", arg_names=("x",))
X = np.array([0.0, -89.5, -1.5], BF16)


def test_reduced_precision_is_judged_against_the_exact_value_where_numpy_rounds_off():
    """The issue's example: NumPy rounds after every step (0.1982), XLA keeps float32 under jit (0.2041);
    the exact value is 0.2014. JAX's is within the bound of the exact value: agree. A result off by far
    more than the bound stays NEW."""
    numpy = run_numpy(LOGSUMEXP, (X,)).values[0].array
    assert float(numpy) == pytest.approx(0.1982, abs=1e-4)
    jit = np.asarray(np.array(0.2041, BF16))
    assert judge(_example(LOGSUMEXP, (X,), jit)).status == "agree"
    wrong = np.asarray(np.array(0.2014 + 0.05, BF16))
    verdict = judge(_example(LOGSUMEXP, (X,), wrong))
    assert verdict.status == "new" and verdict.difference.kind == "values"


def test_the_exact_value_does_not_excuse_a_single_correctly_rounded_operation():
    """Where NumPy's result is the exact one, rounded (one float16 multiply), JAX is judged against it:
    a planted ulp of difference or a zero of the other sign is NEW."""
    multiply = Case(name="multiply", area="test", fn=lambda xp, a, b: xp.multiply(a, b),
                    source="xp.multiply(a, b)")
    a, b = np.array([1.5, -0.0], np.float16), np.array([1.25, 3.0], np.float16)
    beyond = np.float16(1.875)
    for _ in range(ulps.DEFAULT_ULPS["float16"] + 1):  # one ulp beyond the budget
        beyond = np.nextafter(beyond, np.float16(3.0))
    off = np.array([beyond, -0.0], np.float16)
    assert judge(_example(multiply, (a, b), off)).status == "new"
    assert judge(_example(multiply, (a, b), np.array([1.875, 0.0], np.float16))).status == "new"
    assert judge(_example(multiply, (a, b), np.array([1.875, -0.0], np.float16))).status == "agree"

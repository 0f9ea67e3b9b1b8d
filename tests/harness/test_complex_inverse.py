"""The entries of catalogue/complex_inverse.py assert what JAX computes: the value jax 0.10.2 returns is
known, a planted wrong value beside it is new, and NumPy's own value is the entry vanishing."""

from dataclasses import replace

import numpy as np
import pytest

from conformance import environment
from conformance.catalogue import CATALOGUE, vanished_entry
from conformance.check import judge
from conformance.example import Example
from conformance.operation import case_of
from conformance.outcome import Outcome, Value
from conformance.registry import BY_NAME
from conformance.runner import run_numpy

NAN = complex(np.nan, np.nan)


def _example(name, arg, jax_value, x64=False):
    """jnp.<name>(arg) returned `jax_value` (None: NumPy's value)."""
    case = case_of(BY_NAME[name])
    jax_outcome = run_numpy(case, (arg,)) if jax_value is None else Outcome((Value(jax_value),))
    # as jax 0.10.2's, whose values these are (UNARY-COMPLEX-SINC-OVER-XLA-SIN holds before 0.12)
    env = replace(environment.current(), x64=x64, jax="0.10.2")
    return Example(case, (arg,), "eager", env, run_numpy(case, (arg,)), jax_outcome)


def _vanishes(entry_id, example):
    """The entry holds and its model differs from NumPy's value, which JAX returned (another entry, such
    as NUM-SUBNORMAL-FLUSH, may come first in the whole catalogue)."""
    found = vanished_entry(example, [e for e in CATALOGUE if e.id == entry_id])
    return found is not None and found[0].id == entry_id


@pytest.mark.parametrize(("name", "inputs", "known", "wrong", "entry"), [
    # on the cuts, -0.0 reads as +0.0: arcsin(-2-0j) is -1.57+1.32j (NumPy -1.57-1.32j), arccos(-2-0j)
    # 3.14-1.32j, arcsinh(-0-2j) 1.32-1.57j (NumPy -1.32-1.57j), arccosh(-2-0j) 1.32+3.14j (NumPy -3.14j)
    ("arcsin", [complex(-2, -0.0), 0.5 + 0.25j], [-1.5707964 + 1.316958j, 0.50160885 + 0.28139606j],
     [-1.5707964 + 1.316958j, 0.28139606 + 0.50160885j], "UNARY-COMPLEX-ASIN-ACOS-FORMULA"),
    ("arccos", [complex(-2, -0.0), 0.5 + 0.25j], [3.1415927 - 1.316958j, 1.0691875 - 0.28139606j],
     [3.1415927 - 1.316958j, 1.0691875 + 0.28139606j], "UNARY-COMPLEX-ASIN-ACOS-FORMULA"),
    ("arcsinh", [complex(-0.0, -2), 0.5 + 0.25j], [1.316958 - 1.5707964j, 0.49267572 + 0.22432846j],
     [1.316958 - 1.5707964j, -0.49267572 - 0.22432846j], "UNARY-COMPLEX-ASIN-ACOS-FORMULA"),
    ("arccosh", [complex(-2, -0.0), 0.5 + 0.25j], [1.316958 + 3.1415927j, 0.28139606 + 1.0691875j],
     [1.316958 + 3.1415927j, -0.28139606 - 1.0691875j], "UNARY-COMPLEX-ASIN-ACOS-FORMULA"),
    # arctanh(inf-0j) is 0+1.57j: the sign of the zero is not read (NumPy 0-1.57j)
    ("arctanh", [complex(np.inf, -0.0), 0.5 + 0.25j], [1.5707964j, 0.50037 + 0.31439817j],
     [1.5707964j, 0.31439817 + 0.50037j], "UNARY-COMPLEX-ATANH-ATAN-FORMULA"),
    # arctan(-2+0j) is -1.107-0j (NumPy -1.107+0j)
    ("arctan", [complex(-2, 0.0), 0.5 + 0.25j], [complex(-1.1071488, -0.0), 0.4842545 + 0.20058662j],
     [complex(-1.1071488, -0.0), 0.4842545 - 0.20058662j], "UNARY-COMPLEX-ATANH-ATAN-FORMULA"),
    # log1p(inf+nanj) is nan+nanj (NumPy inf+nanj); log1p(-1+1.2e-38j) is -inf+1.57j (NumPy -87.3+1.57j)
    ("log1p", [complex(np.inf, np.nan), complex(-1, 1.1754944e-38), 0.5 + 0.25j],
     [NAN, complex(-np.inf, 1.5707964), 0.4191646 + 0.16514868j],
     [NAN, complex(-np.inf, -1.5707964), 0.4191646 + 0.16514868j], "UNARY-COMPLEX-LOG1P-FORMULA"),
    # sinc(1e-45j) is 1+0j (the subnormal read as 0; NumPy inf+nanj); sinc(-0+1j) is 3.68-0j (NumPy +0j)
    ("sinc", [1e-45j, complex(-0.0, 1), 0.5 + 0.25j],
     [1 + 0j, complex(3.6760778, -0.0), 0.6746179 - 0.33730897j],
     [1 + 0j, complex(3.6760778, -0.0), 0.6746179 + 0.33730897j], "UNARY-COMPLEX-SINC-OVER-XLA-SIN"),
])
def test_complex_inverse_formulas_are_asserted(name, inputs, known, wrong, entry):
    a = np.array(inputs, np.complex64)
    assert str(judge(_example(name, a, np.array(known, np.complex64)))) == f"known:{entry}"
    assert judge(_example(name, a, np.array(wrong, np.complex64))).status == "new"
    assert _vanishes(entry, _example(name, a, None))


def test_complex128_log1p_is_within_the_bound_of_xlas_float64_log1p():
    """log1p(-0.2283+0.000465j) in complex128: XLA's float64 log1p of -0.41 is 68 ulps off, so jax 0.10.2's
    real part is -0.25916963580256214 (the formula with NumPy's log1p: -0.2591696358025659): known,
    within the entry's bound; 1e-12 off is new."""
    a = np.array([-0.2283080348439978 + 0.0004651265104473471j])
    jax_value = np.array([-0.25916963580256214 + 0.0006027359038628312j])
    assert str(judge(_example("log1p", a, jax_value, x64=True))) == "known:UNARY-COMPLEX-LOG1P-FORMULA"
    assert judge(_example("log1p", a, jax_value + 1e-12, x64=True)).status == "new"

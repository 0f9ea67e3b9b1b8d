"""The entries that changed with jax 0.12 (gated `jax_versions`, or models that read the JAX version),
judged under each release's environment: version-neutral, they run on either Python. One example each:
what that release returns is known, the other release's value (or a planted wrong one) is new."""

from dataclasses import replace

import numpy as np
import pytest

from conformance import environment
from conformance.check import judge
from conformance.example import Example
from conformance.operation import case_of
from conformance.outcome import Outcome, Raised, Value
from conformance.registry import BY_NAME
from conformance.runner import run_numpy
from conformance.strategies import BFLOAT16

OLD, NEW = "0.10.2", "0.12.0.1"
F32 = np.float32


def _verdict(name, args, jax_outcome, jax_version, numpy_version=None):
    case = case_of(BY_NAME[name])
    env = replace(environment.current(), jax=jax_version, numpy=numpy_version or environment.current().numpy)
    return str(judge(Example(case, tuple(args), "eager", env, run_numpy(case, args), jax_outcome)))


def values(*arrays, is_sequence=False):
    return Outcome(tuple(Value(np.asarray(a)) for a in arrays), is_sequence)


def _both(name, args, old, new, old_entry, new_entry):
    """`old` is known under jax 0.10 (old_entry), `new` under 0.12 (new_entry); each is new elsewhere."""
    assert _verdict(name, args, old, OLD) == f"known:{old_entry}"
    assert _verdict(name, args, new, NEW) == f"known:{new_entry}"
    assert _verdict(name, args, new, OLD) == "new"
    assert _verdict(name, args, old, NEW) == "new"


def test_frexp_of_a_subnormal_is_normalized_wrongly_then_flushed():
    """float32 frexp(1e-40): (0.5, -149) before 0.12, (0, 0) from 0.12 on (NumPy (0.544, -132)); in
    float32 the plain flush (NumPy's frexp of 0) says the same as the 0.12 entry."""
    x = np.array([1e-40, 3.0], F32)
    old = values(np.array([0.5, 0.75], F32), np.array([-149, 2], np.int32), is_sequence=True)
    new = values(np.array([0.0, 0.75], F32), np.array([0, 2], np.int32), is_sequence=True)
    assert _verdict("frexp", (x,), old, OLD) == "known:UNARY-FREXP-SUBNORMAL"
    assert _verdict("frexp", (x,), old, NEW) == "new"
    assert _verdict("frexp", (x,), new, NEW) in ("known:NUM-SUBNORMAL-FLUSH",
                                                 "known:UNARY-FREXP-SUBNORMAL-FLUSHED")


def test_frexp_of_a_float16_subnormal_is_flushed_from_0_12_on():
    """float16 agreed before 0.12 (computed in float32); 0.12 flushes it: frexp(-6e-8) is (-0, 0)."""
    x = np.array([-5.960464477539063e-08, 2.0], np.float16)
    new = values(np.array([-0.0, 0.5], np.float16), np.array([0, 2], np.int32), is_sequence=True)
    assert _verdict("frexp", (x,), new, NEW) == "known:UNARY-FREXP-SUBNORMAL-FLUSHED"
    assert _verdict("frexp", (x,), new, OLD) == "new"


def test_ldexp_keeps_a_subnormal_x1_then_flushes_it():
    """ldexp(1e-40, 10): 1e-40 before 0.12, 0 from 0.12 on (NumPy 1.02e-37); ldexp(1, -140) is 0 in
    both (NumPy 7.2e-43); ldexp(2, 1) is 4 everywhere."""
    args = (np.array([1e-40, 1.0, 2.0], F32), (np.array([10, -140, 1], np.int32),))
    old = values(np.array([1e-40, 0.0, 4.0], F32))
    new = values(np.array([0.0, 0.0, 4.0], F32))
    _both("ldexp", args, old, new, "BITS-LDEXP-SUBNORMAL-X1-RETURNED", "BITS-LDEXP-SUBNORMAL-FLUSHED")


def test_sinc_is_zero_at_integers_from_0_12_on():
    """float32 sinc(1.0) is NumPy's -2.78e-8 before 0.12 (agrees), +0 from 0.12 on; 1e-3 there is new."""
    x = np.array([1.0, 0.5], F32)
    numpy_value = np.sinc(x)
    new = values(np.array([0.0, numpy_value[1]], F32))
    assert _verdict("sinc", (x,), values(numpy_value), OLD) == "agree"
    assert _verdict("sinc", (x,), new, NEW) == "known:UNARY-SINC-RANGE-REDUCED"
    assert _verdict("sinc", (x,), new, OLD) == "new"
    assert _verdict("sinc", (x,), values(np.array([1e-3, numpy_value[1]], F32)), NEW) == "new"


def test_complex_abs_is_nan_beside_an_infinity_then_a_scaled_hypot():
    """abs(inf+nanj) is NaN before 0.12 (NumPy inf), inf from 0.12 on; abs(6.0486682e16+2.4016839e16j)
    is 6.508031e16 under 0.12 (NumPy 6.5080317e16, 1 ulp away: the fused sum of squares)."""
    z = np.array([complex(np.inf, np.nan), complex(6.048668155956429e16, 2.4016838643941376e16)],
                 np.complex64)
    numpy_value = np.abs(z)
    assert _verdict("abs", (z,), values(np.array([np.nan, numpy_value[1]], F32)), OLD) == (
        "known:UNARY-COMPLEX-ABS-FORMULA")
    assert _verdict("abs", (z,), values(np.array([np.nan, numpy_value[1]], F32)), NEW) == "new"
    fused = values(np.array([np.inf, 6.508031229139354e16], F32))
    assert _verdict("abs", (z,), fused, NEW) == "known:UNARY-COMPLEX-ABS-SCALED-HYPOT"
    assert _verdict("abs", (z,), values(np.array([np.inf, 6.5080304e16], F32)), NEW) == "new"


def test_complex_sinc_at_an_infinite_real_part_is_nan_then_zero():
    """sinc(inf+0j) is nan+nanj before 0.12 (sin(pi z) / (pi z)), 0j from 0.12 on (NumPy nan+nanj: the
    0.12 value is the divergence there); sinc(0.25+0j) by the series, 0.9003163+0j."""
    z = np.array([complex(np.inf, 0), complex(0.25, 0)], np.complex64)
    numpy_value = np.sinc(z)
    assert _verdict("sinc", (z,), values(numpy_value), OLD) in (
        "agree", "known:UNARY-COMPLEX-SINC-OVER-XLA-SIN")
    new = values(np.array([0j, numpy_value[1]], np.complex64))
    assert _verdict("sinc", (z,), new, NEW) == "known:UNARY-COMPLEX-SINC-SERIES"
    assert _verdict("sinc", (z,), new, OLD) == "new"
    assert _verdict("sinc", (z,), values(np.array([1 + 0j, numpy_value[1]], np.complex64)), NEW) == "new"


def test_arcsin_of_a_tiny_value_is_zero_only_before_0_12():
    x = np.array([1.1754943508222875e-38, 0.5], F32)
    numpy_value = np.arcsin(x)
    zero = values(np.array([0.0, numpy_value[1]], F32))
    assert _verdict("arcsin", (x,), zero, OLD) == "known:UNARY-ARCSIN-OF-TINY-VALUES"
    assert _verdict("arcsin", (x,), zero, NEW) == "new"


@pytest.mark.parametrize(("numpy", "message"), [
    ("2.4.6", "data type <class 'numpy.bool'> not inexact"),
    ("2.5.5", "data type dtype('bool') not compatible with finfo")])
def test_round_of_bool_refusal_message_by_numpy_release(numpy, message):
    """JAX refuses through np.finfo: the message is NumPy's, by its release."""
    args = (np.array([True, False]), 2)
    refusal = Outcome(error=Raised("ValueError", message, ("ValueError", "Exception")))
    assert _verdict("round", args, refusal, OLD, numpy) == "known:UNARY-ROUND-OF-BOOL-REFUSED"
    other = "2.5.5" if numpy == "2.4.6" else "2.4.6"
    assert _verdict("round", args, refusal, OLD, other) == "new"


def test_bfloat16_truth_test_reads_a_subnormal_as_zero_from_0_12_on():
    """logical_not(bfloat16 9.2e-41) is False before 0.12 (its bits: agrees with NumPy), True from 0.12
    on (a float comparison with denormals-are-zero)."""
    x = np.array([9.183549615799121e-41, 1.0], BFLOAT16)
    flushed = values(np.array([True, False]))
    assert _verdict("logical_not", (x,), values(np.array([False, False])), OLD) == "agree"
    assert _verdict("logical_not", (x,), flushed, OLD) == "new"
    assert _verdict("logical_not", (x,), flushed, NEW).startswith("known:")


@pytest.mark.parametrize(("entry", "name", "args"), [
    ("UNARY-FREXP-SUBNORMAL-FLUSHED", "frexp", (np.array([-5.960464477539063e-08, 2.0], np.float16),)),
    ("BITS-LDEXP-SUBNORMAL-FLUSHED", "ldexp",
     (np.array([6e-8, 2.0], np.float16), (np.array([10, -20], np.int32),))),
    ("UNARY-SINC-RANGE-REDUCED", "sinc", (np.array([1.0, 0.5], F32),)),
    ("UNARY-COMPLEX-SINC-SERIES", "sinc", (np.array([complex(np.inf, 0)], np.complex64),)),
    ("UNARY-COMPLEX-ABS-SCALED-HYPOT", "abs",
     (np.array([complex(6.048668155956429e16, 2.4016838643941376e16)], np.complex64),)),
])
def test_a_0_12_entry_vanishes_where_jax_does_what_numpy_does(entry, name, args):
    """The planted bug next to each new entry: a JAX 0.12 that returns NumPy's own outcome (the entry's
    example) makes the entry vanish, a failure of the run."""
    from conformance.catalogue import vanished_entry

    case = case_of(BY_NAME[name])
    env = replace(environment.current(), jax=NEW)
    numpy = run_numpy(case, args)
    gone = vanished_entry(Example(case, tuple(args), "jit", env, numpy, numpy))
    assert gone is not None and gone[0].id == entry
    old_env = replace(env, jax=OLD)  # gated: before 0.12 nothing is expected there
    assert vanished_entry(Example(case, tuple(args), "jit", old_env, numpy, numpy)) is None

"""The catalogue is well-formed data, explains only what it documents, and composes entries."""

import re
from dataclasses import replace

import numpy as np
import pytest

from conformance import environment
from conformance.cases import broadcasting as cases
from conformance.catalogue import CATALOGUE, vanished_entry
from conformance.check import NewDivergence, check, judge
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.recorder import Recorder, recording
from conformance.runner import run_numpy
from conformance.strategies import BFLOAT16

CASE = {c.name: c for c in cases.ALL}


@pytest.mark.parametrize("entry", CATALOGUE, ids=lambda e: e.id)
def test_entries_are_complete(entry):
    assert re.fullmatch(r"[A-Z0-9]+(-[A-Z0-9]+)+", entry.id)
    assert entry.source.startswith(("https://", "observed by this suite"))
    for text in (entry.title, entry.numpy, entry.jax, entry.why, entry.condition):
        assert text.strip()


def fake(case_name, args, jax_outcome, mode="eager"):
    case = CASE[case_name]
    return Example(case, tuple(args), mode, environment.current(), run_numpy(case, args), jax_outcome)


def values(*arrays):
    return Outcome(tuple(Value(np.asarray(a)) for a in arrays))


def test_a_known_divergence_must_match_its_model():
    a, b = np.array([7, 8], np.int32), np.array([0, 2], np.int32)
    # JAX's documented freedom is only where the divisor is 0: a wrong quotient elsewhere is new.
    assert str(judge(fake("floor_divide", (a, b), values(np.array([-1, 4], np.int32))))) == (
        "known:NUM-INT-FLOOR-DIVIDE-BY-ZERO")
    assert judge(fake("floor_divide", (a, b), values(np.array([-1, 5], np.int32)))).status == "new"


def test_complex_division_by_a_constant_is_its_reciprocal_product_or_numpys_quotient():
    """(-1.2e16+0j) / (3.4e38+1j) under jit: 1 / b is subnormal and flushed, so JAX gives -0+0j (what
    jax 0.10.2 returns for both elements is `explained`). That, or XLA's quotient, is explained; anything
    else is new."""
    a, b = np.array([-1.2286816e16 + 0j, 2.0e30 + 0j], np.complex64), complex(3.4028234663852886e38, 1.0)
    numpy_q = np.divide(a, b)
    explained = values(np.array([complex(-0.0, 0.0), 0j], np.complex64))
    assert str(judge(fake("divide", (a, b), explained, mode="jit"))) == (
        "known:NUM-COMPLEX-DIVISION-BY-CONSTANT-RECIPROCAL-JIT")
    assert judge(fake("divide", (a, b), values(np.array([1 + 0j, numpy_q[1]], np.complex64)),
                      mode="jit")).status == "new"
    assert judge(fake("divide", (a, b), explained, mode="eager")).status == "new"  # eager: b is traced


def test_complex_power_is_asserted_within_its_amplified_rounding():
    """(1+0.5j) ** 4114: JAX's exp(b log a) is 2e-13 off in complex128, inside
    eps * 8 * (1 + |b| (1 + |log a|)); 1e-9 off is not."""
    a, b = np.array(1 + 0.5j, np.complex128), np.array(4114 + 0j, np.complex128)
    numpy_value = np.power(a, b)
    assert str(judge(fake("pow", (a, b), values(numpy_value * (1 + 2e-13))))) == (
        "known:NUM-COMPLEX-POWER-AMPLIFIED-ROUNDING")
    assert judge(fake("pow", (a, b), values(numpy_value * (1 + 1e-9)))).status == "new"


def test_divmod_by_a_broadcast_subnormal_has_a_nan_remainder():
    """bfloat16 [0, 1] divmod 9.2e-41: JAX gives NaN for both outputs (float32's own flush entry
    explains its case); a remainder of NumPy's zeros is new."""
    a, b = np.array([0.0, 1.0], BFLOAT16), np.array(9.18e-41, BFLOAT16)
    nan = np.full(2, np.nan, BFLOAT16)
    # the remainder entry's model (quotient by zero or NaN where the divisor is subnormal) holds too
    assert str(judge(fake("divmod", (a, b), replace(values(nan, nan), is_sequence=True)))) in (
        "known:NUM-DIVMOD-BY-BROADCAST-SUBNORMAL", "known:NUM-REMAINDER-SUBNORMAL-DIVIDEND-KEPT")
    numpy_remainder = replace(values(nan, np.zeros(2, BFLOAT16)), is_sequence=True)
    assert judge(fake("divmod", (a, b), numpy_remainder)).status == "new"


def test_floor_division_by_a_subnormal_constant_is_nan_or_the_signed_infinity():
    """The entry alone (the reciprocal entry may explain some of these too)."""
    entry = [e for e in CATALOGUE if e.id == "NUM-FLOOR-DIVIDE-BY-SUBNORMAL-CONSTANT-JIT"]
    a = np.array([0.0, 1.0, -3.0], np.float16)
    jax_like = values(np.array([np.nan, np.inf, -np.inf], np.float16))
    assert str(judge(fake("floor_divide", (a, 6e-08), jax_like, mode="jit"), entry)) == (
        "known:NUM-FLOOR-DIVIDE-BY-SUBNORMAL-CONSTANT-JIT")
    wrong_sign = values(np.array([np.nan, -np.inf, -np.inf], np.float16))
    assert judge(fake("floor_divide", (a, 6e-08), wrong_sign, mode="jit"), entry).status == "new"


def test_division_by_a_python_float_under_jit_multiplies_by_its_flushed_reciprocal():
    """float32 -4.9e16 / 3.4e38 under jit: 1 / 3.4e38 is subnormal, flushed, so JAX gives -0.0 where
    NumPy gives -1.4e-22; eagerly (the float is an argument, not a constant) that is new."""
    a, b = np.array(-4.911417939040666e16, np.float32), 3.4028234663852886e38
    assert str(judge(fake("true_divide", (a, b), values(np.float32(-0.0)), mode="jit"))) == (
        "known:NUM-DIVIDE-BY-BROADCAST-SCALAR-RECIPROCAL")
    assert judge(fake("true_divide", (a, b), values(np.float32(-0.0)), mode="eager")).status == "new"


def test_bool_zero_by_a_broadcast_false_is_free_and_float32():
    """[False, True] / False under jit: JAX gives float32 [0, inf] (NumPy: float64 [nan, inf]); the entry
    alone explains value and dtype (NaN, NumPy's, too). Any other value is new."""
    a = np.array([False, True])
    assert str(judge(fake("true_divide", (a, False), values(np.array([0.0, np.inf], np.float32)),
                          mode="jit"))) == "known:NUM-BOOL-ZERO-BY-ZERO"
    for wrong in ([0.0, 1.0], [5.0, np.inf]):  # True / 0 is inf; False / 0 is 0 or NaN, never 5
        assert judge(fake("true_divide", (a, False), values(np.array(wrong, np.float32)),
                          mode="jit")).status == "new"
    assert str(judge(fake("true_divide", (a, False), values(np.array([np.nan, np.inf], np.float32)),
                          mode="jit"))) == "known:NUM-BOOL-ZERO-BY-ZERO"


def test_nextafter_returns_y_where_x_and_y_are_equal_once_flushed():
    """float32 nextafter(-1.4e-45, 1.4e-45): NumPy steps to -0.0, JAX returns y (1.4e-45); another value
    there is new, and so is y where x and y really differ (0.0 towards 1.0)."""
    tiny = np.finfo(np.float32).smallest_subnormal
    a, b = np.array([-tiny, 0.0], np.float32), np.array([tiny, 1.0], np.float32)
    assert str(judge(fake("nextafter", (a, b), values(np.array([tiny, tiny], np.float32))))) == (
        "known:NUM-NEXTAFTER-SUBNORMAL-EQUALS")
    assert judge(fake("nextafter", (a, b), values(np.array([1.0, tiny], np.float32)))).status == "new"
    assert judge(fake("nextafter", (a, b), values(np.array([tiny, 1.0], np.float32)))).status == "new"


def test_x64_entry_asserts_the_32_bit_values():
    if environment.x64_enabled():
        pytest.skip("the entry holds with x64 off")
    a = np.array([1, 3], np.int32)
    right = values(np.array([1.0, 3.0], np.float32))
    wrong = values(np.array([1.0, 4.0], np.float32))
    assert judge(fake("float_power", (a, 1), right)).status == "known"
    verdict = judge(fake("float_power", (a, 1), wrong))
    assert verdict.status == "new" and verdict.near_misses


def test_entries_compose_when_one_predicts_the_input_of_another():
    """uint16 // 65536: JAX wraps the int to 0, then divides by zero; NumPy raises OverflowError."""
    with recording(Recorder()):
        verdicts = check(CASE["floor_divide"], np.array([5], np.uint16), 65536)
    assert {str(v) for v in verdicts} == {
        "known:DTYPE-PYINT-OUT-OF-RANGE-WRAPS+NUM-INT-FLOOR-DIVIDE-BY-ZERO"}


def test_an_unexplained_difference_fails_with_a_reproducer():
    class Wrong:
        def __getattr__(self, name):
            return getattr(__import__("jax.numpy").numpy, name)

        @staticmethod
        def add(a, b):
            return __import__("jax.numpy").numpy.add(a, b) + 1

    with recording(Recorder()) as recorder, pytest.raises(NewDivergence) as failure:
        check(CASE["add"], np.array([1, 2], np.int8), np.array([3, 4], np.int8), xp=Wrong())
    message = str(failure.value)
    assert message.startswith(f"xp.add(a, b) [{', '.join(CASE['add'].modes)}]: values differ")
    assert "jax:" in message and "numpy:" in message
    assert any("Reproducer" in note for note in failure.value.__notes__)
    assert recorder.counts[("broadcasting", "add", "jit", "new")] == 1


def test_an_entry_that_explains_alone_wins_over_a_pair():
    """2**32 - 1 into a uint32 `.at[].set` whose index is out of bounds: the out-of-bounds entry alone
    explains it; DTYPE-PYINT-BEYOND-DEFAULT-INT (earlier in the catalogue) must not be named with it."""
    from conformance.cases import updates

    case = next(c for c in updates.WITH_MODE if c.name == ".at[idx].set(v, mode=mode)")
    x, index = np.arange(6, dtype=np.uint32).reshape(3, 2), (np.array(4, np.uint32),)
    with recording(Recorder()):
        verdicts = check(case, x, index, 2**32 - 1, None)
    assert {str(v) for v in verdicts} == {"known:UPD-OOB-SCATTER-DROPPED"}


# -- free positions need a citation; proof strength ------------------------------------------------------
def _free_at_zero_divisor(**fields):
    """An entry for integer floor division by zero that accepts any quotient where the divisor is 0."""
    from conformance.catalogue import KnownDivergence
    from conformance.catalogue.models import free_where

    return KnownDivergence(
        id="TEST-FREE-AT-ZERO-DIVISOR", area="numerics", title="t", numpy="n", jax="j", why="w",
        source="observed by this suite, undocumented upstream", condition="c", kinds=("values",),
        trigger=lambda example: example.case.name == "floor_divide",
        outputs=free_where(lambda args: np.asarray(args[1]) == 0), **fields)


def test_a_match_that_needs_free_positions_counts_as_undefined_and_needs_a_citation():
    a, b = np.array([7, 8], np.int32), np.array([0, 2], np.int32)
    free_value = fake("floor_divide", (a, b), values(np.array([-1, 4], np.int32)))
    numpy_value = fake("floor_divide", (a, b), values(np.array([0, 4], np.int32)))
    cited = _free_at_zero_divisor(undefined="https://example.org/doc: undefined")
    verdict = judge(free_value, [cited])
    assert (str(verdict), verdict.undefined) == ("known:TEST-FREE-AT-ZERO-DIVISOR", True)
    # a value the model asserts everywhere but at the free position: asserted, not undefined
    assert judge(numpy_value, [cited]).status == "agree"
    uncited = judge(free_value, [_free_at_zero_divisor()])
    assert uncited.status == "new" and "cites no document" in uncited.near_misses[0]


def _frees_positions(entry) -> bool:
    """The entry's `outputs` is built by a models helper that accepts any value somewhere."""
    outputs = entry.outputs
    names = {getattr(outputs, "__qualname__", "")} | {
        getattr(c.cell_contents, "__qualname__", "") for c in (getattr(outputs, "__closure__", None) or ())
        if callable(c.cell_contents)}
    return any(name.startswith(("free_where.", "any_values.")) for name in names)


@pytest.mark.parametrize("entry", [e for e in CATALOGUE if _frees_positions(e)], ids=lambda e: e.id)
def test_every_entry_built_to_free_positions_cites_the_document_that_calls_them_undefined(entry):
    """The rule over the whole catalogue, for the models built with free_where and any_values (check.py
    enforces it per example for every model: an uncited match at free positions is new)."""
    assert entry.undefined.strip(), f"{entry.id} frees positions but has no undefined= citation"


# -- models tightened from free positions to asserted values ---------------------------------------------
def _judged(case, args, jax_outcome, mode="eager", jax=None):
    """`jax`: the JAX version the example claims (the running one by default), for an entry gated by it."""
    env = environment.current() if jax is None else replace(environment.current(), jax=jax)
    return judge(Example(case, tuple(args), mode, env, run_numpy(case, args), jax_outcome))


def test_complex_matmul_at_a_nonfinite_term_must_be_nonfinite():
    """MATMUL-COMPLEX-NONFINITE asserts that an output summing a term with an infinite factor is not
    finite; a finite value there (a dot that dropped the term) is new, any non-finite one is known."""
    from conformance.cases.matmul import MATMUL

    a = np.array([[complex(np.inf, 0), 1 + 0j]], np.complex64)
    b = np.array([[-0.0 + 1j], [1 + 0j]], np.complex64)
    nan = values(np.array([[complex(np.nan, np.nan)]], np.complex64))
    assert str(_judged(MATMUL, (a, b), nan)) in ("agree", "known:MATMUL-COMPLEX-NONFINITE")
    assert _judged(MATMUL, (a, b), values(np.array([[1 + 0j]], np.complex64))).status == "new"


def test_vector_product_with_a_bool_operand_selects_its_terms():
    """MATMUL-BOOL-OPERAND-SELECTS: dot(float32 [nan, 1], [False, True]) is 1.0 in JAX (a select),
    NaN in NumPy; a dot that multiplied as NumPy does is a vanished divergence, another value is new;
    the complex select (inf+1j kept as it is) is known through the complex entry's non-finite rule."""
    from conformance.cases.matmul import DOT, MATMUL
    from conformance.operation import case_of
    from conformance.registry import BY_NAME

    a, mask = np.array([np.nan, 1], np.float32), np.array([False, True])
    known = "known:MATMUL-BOOL-OPERAND-SELECTS"
    assert str(_judged(DOT, (a, mask), values(np.array(1, np.float32)))) == known
    assert str(_judged(DOT, (mask, a), values(np.array(1, np.float32)))) == known
    nan = values(np.array(np.nan, np.float32))
    numpy_side = Example(DOT, (a, mask), "eager", environment.current(), run_numpy(DOT, (a, mask)), nan)
    assert vanished_entry(numpy_side)[0].id == "MATMUL-BOOL-OPERAND-SELECTS"
    assert _judged(DOT, (a, mask), values(np.array(2, np.float32))).status == "new"
    multi_dot = case_of(BY_NAME["linalg.multi_dot"])
    assert str(_judged(multi_dot, ([a, mask],), values(np.array(1, np.float32)))) == known
    z = np.array([complex(np.inf, 1), 1], np.complex64)
    assert _judged(DOT, (z, mask), values(np.array(complex(np.inf, 1), np.complex64))).status == "known"
    # a matrix product multiplies: NaN * False is NaN in JAX too, so a 1.0 there is new
    rows = np.array([[np.nan, 1], [2, 3]], np.float32)
    assert _judged(MATMUL, (rows, mask), values(np.array([1, 3], np.float32))).status == "new"


def test_integer_update_power_is_the_exact_wrapped_binary_exponentiation():
    """x.at[[0, 0]].power([8, 8]) on int32 2: JAX raises to the product 64 over its low 6 bits, so 2**0
    is 1 (NumPy's power.at gives (2**8)**8 wrapped, 0); any other value there is new (the model used
    to accept any value where an integer power overflows)."""
    from conformance.cases.updates import BY_METHOD
    from conformance.catalogue.updates import jax_integer_power

    case = BY_METHOD["power"]
    x, index, v = np.array([2, 3], np.int32), (np.array([0, 0], np.int32),), np.array([8, 8], np.int32)
    assert jax_integer_power(np.array([2, 3, 0], np.int32), np.array([64, -1, -1], np.int32)).tolist() == [
        1, 3**63 % 2**32 - 2**32 if 3**63 % 2**32 >= 2**31 else 3**63 % 2**32, 0]
    assert str(_judged(case, (x, index, v), values(np.array([1, 3], np.int32)))) == (
        "known:UPD-POWER-IS-POWER-OF-PRODUCT")
    assert _judged(case, (x, index, v), values(np.array([5, 3], np.int32))).status == "new"


def test_a_negative_integer_power_that_does_not_fit_the_region_is_a_shape_error():
    """x.at[0].power(v) of int8 x = [0], v = [-128]: v does not fit the 0-d region, and JAX refuses the
    shapes (ValueError) before it reads the negative exponent, as NumPy does: no entry, and the entry
    does not see its TypeError vanish there (a ci run had it vanishing); JAX's TypeError there is new."""
    from conformance.cases.updates import BY_METHOD
    from conformance.outcome import Raised

    case = BY_METHOD["power"]
    args = (np.array([0], np.int8), (0,), np.array([-128], np.int8))
    shapes = Outcome((), error=Raised("ValueError", "Cannot broadcast to shape with fewer dimensions"))
    example = Example(case, args, "eager", environment.current(), run_numpy(case, args), shapes)
    assert judge(example).status == "agree" and vanished_entry(example) is None
    power = Outcome((), error=Raised("TypeError", "Integers cannot be raised to negative powers"))
    assert judge(replace(example, jax=power)).status == "new"


@pytest.mark.parametrize("dtype", [BFLOAT16, np.complex64])
@pytest.mark.parametrize("v_shape", [(0,), (1,), (2,)])
def test_one_element_set_from_an_array_is_numpys_typeerror_and_jaxs_valueerror(v_shape, dtype):
    """x.at[()].set(v) of a 0-d bfloat16 or complex x: NumPy's setitem wants a number (TypeError), JAX
    refuses the shapes (ValueError): the entry's; NumPy's TypeError from JAX is the entry vanishing;
    another ValueError (an index error's) is new."""
    from conformance.cases.updates import BY_METHOD
    from conformance.outcome import Raised

    case = BY_METHOD["set"]
    args = (np.array(0.0, dtype), (), np.ones(v_shape, dtype))

    def example(error):
        return Example(case, args, "eager", environment.current(), run_numpy(case, args),
                       Outcome((), error=error))

    shapes = Raised("ValueError", f"Cannot broadcast to shape with fewer dimensions: arr_shape={v_shape}")
    assert str(judge(example(shapes))) == "known:UPD-ELEMENT-SET-FROM-ARRAY-TYPEERROR"
    like_numpy = example(run_numpy(case, args).error)
    assert vanished_entry(like_numpy)[0].id == "UPD-ELEMENT-SET-FROM-ARRAY-TYPEERROR"
    assert judge(example(Raised("ValueError", "index out of range"))).status == "new"


def test_a_subnormal_python_float_set_eagerly_with_x64_on_is_flushed_and_kept_under_jit():
    """x64 on: x.at[...].set(9.18e-41) of a 0-d bfloat16 x writes 0 eagerly (the weak float64 converted
    op by op, flushing) and the value under jit (folded), as NumPy: NUM-X64-PYTHON-FLOAT-CONVERSION-
    FLUSHES eagerly, nothing under jit; the value eagerly is the entry vanishing."""
    env = replace(environment.current(), x64=True)
    case, args = cases.SETITEM, (np.array(0.0, BFLOAT16), Ellipsis, 9.183549615799121e-41)
    numpy = run_numpy(case, args)

    def example(mode, value):
        return Example(case, args, mode, env, numpy, values(np.array(value, BFLOAT16)))

    assert str(judge(example("eager", 0.0))) == "known:NUM-X64-PYTHON-FLOAT-CONVERSION-FLUSHES"
    assert judge(example("jit", 9.183549615799121e-41)).status == "agree"
    assert vanished_entry(example("jit", 9.183549615799121e-41)) is None
    assert vanished_entry(example("eager", 9.183549615799121e-41))[0].id == (
        "NUM-X64-PYTHON-FLOAT-CONVERSION-FLUSHES")
    assert judge(example("jit", 0.0)).status == "new"


def test_a_python_int_that_a_uint64_x_holds_is_set_exactly_with_x64_on():
    """x64 on: x[...] = 2**64 - 1 of a uint64 x (the broadcasting area's set): .at[] reads the value in
    x's dtype, as NumPy; DTYPE-PYINT-BEYOND-DEFAULT-INT's OverflowError is not asserted there."""
    env = replace(environment.current(), x64=True)
    case, args = cases.SETITEM, (np.array(0, np.uint64), Ellipsis, 2**64 - 1)
    numpy = run_numpy(case, args)
    agreeing = Example(case, args, "eager", env, numpy, numpy)
    assert judge(agreeing).status == "agree" and vanished_entry(agreeing) is None


def test_complex_maximum_of_a_tie_returns_the_second_operand():
    """maximum(0+0j, 0-0j): JAX's select gives y (0-0j), NumPy x; a maximum that returns anything else
    on the tie (here 1+0j) is new."""
    a, b = np.array(complex(0.0, 0.0), np.complex64), np.array(complex(0.0, -0.0), np.complex64)
    assert str(judge(fake("maximum", (a, b), values(b.copy())))) == "known:SZ-COMPLEX-MAXIMUM-TIE-GIVES-Y"
    assert judge(fake("maximum", (a, b), values(np.array(1 + 0j, np.complex64)))).status == "new"


def test_three_entries_compose_and_a_wrong_value_beside_them_is_new():
    """clip(0.0, -0.0, [-1.4e-45, 1.0]) in float32: JAX keeps the Python float weak (float32, NumPy
    float64), flushes the subnormal bound to -0.0 and orders -0.0 below 0.0 (NumPy's loop returns the
    bound on a tie): three entries at once. A clip that returns the upper bound there is new."""
    lo = np.array([[-0.0, -0.0]], np.float32)
    hi = np.array([[-1.401298464324817e-45, 1.0]], np.float32)
    verdict = str(judge(fake("clip", (0.0, lo, hi), values(np.array([[-0.0, 0.0]], np.float32)))))
    assert verdict.startswith("known:") and verdict.count("+") == 2, verdict
    assert judge(fake("clip", (0.0, lo, hi), values(np.array([[-0.0, 1.0]], np.float32)))).status == "new"


def test_a_slice_step_beyond_int64_next_to_an_array_raises_pythons_conversion_error():
    """x.at[idx].max(v) with a step of 2**63 beside an index array: Python cannot convert the step to a
    C long (JAX's int32 message is for steps inside int64); the other message there is new."""
    from conformance.cases.updates import BY_METHOD
    from conformance.outcome import Raised

    x, v = np.zeros((0, 0), bool), np.array(False)
    index = (np.array([], np.int8), slice(None, None, 2**63))

    def raising(message):
        return Outcome(error=Raised.of(OverflowError(message)))

    case = BY_METHOD["max"]
    assert str(_judged(case, (x, index, v), raising("Python int too large to convert to C long"))) == (
        "known:IDX-HUGE-SLICE-STEP-WITH-ARRAY-OVERFLOWS")
    wrong = raising("Python integer 2**63 out of bounds for int32")
    assert _judged(case, (x, index, v), wrong).status == "new"


def test_take_reads_a_uint64_index_beyond_int64_as_the_large_position():
    """take(x, uint64 [2**64 - 1]): NumPy converts the index to intp (-1, the last element), JAX keeps
    it out of bounds (the fill value, NaN); a take that returns anything else there is new."""
    import jax.numpy as jnp

    from conformance.cases.indexing import TAKE
    from conformance.runner import run_jax

    case = TAKE[0]  # mode=None: JAX fills
    args = (np.array([1.0, 2.0, 3.0], np.float32), np.array([2**64 - 1], np.uint64), None)
    assert str(_judged(case, args, run_jax(case, args, xp=jnp, mode="eager"))) == (
        "known:IDX-TAKE-UINT64-NOT-WRAPPED-TO-INTP")
    assert _judged(case, args, values(np.array([0.0], np.float32))).status == "new"


def test_copysign_of_a_subnormal_python_float_with_x64_on_is_a_signed_zero():
    """x64 on: copysign(1e-45, float32 [-1.0]) is -0.0 in JAX (the weak float64 converts to float32
    with a flush), -1e-45 in NumPy; NumPy's value is the entry vanishing, another value is new."""
    env = replace(environment.current(), x64=True)
    case, args = CASE["copysign"], (1e-45, np.array([-1.0], np.float32))

    def judged(result):
        return judge(Example(case, args, "eager", env, run_numpy(case, args), values(result)))

    assert str(judged(np.array([-0.0], np.float32))) == "known:NUM-X64-PYTHON-FLOAT-CONVERSION-FLUSHES"
    assert judged(np.array([0.0], np.float32)).status == "new"
    numpy_side = Example(case, args, "eager", env, run_numpy(case, args), run_numpy(case, args))
    assert vanished_entry(numpy_side)[0].id == "NUM-X64-PYTHON-FLOAT-CONVERSION-FLUSHES"


def test_complex_update_min_with_nan_keeps_the_lexicographic_select():
    """[0j].at[0].min(1+nanj): JAX's select on its lexicographic order keeps 0j (NumPy's minimum.at
    propagates the NaN); NumPy's value is the entry vanishing, another value is new."""
    from conformance.cases.updates import BY_METHOD

    case = BY_METHOD["min"]
    args = (np.array([0j], np.complex64), (np.array([0], np.int32),), np.array([complex(1, np.nan)],
                                                                              np.complex64))
    assert str(_judged(case, args, values(np.array([0j], np.complex64)))) == (
        "known:UPD-COMPLEX-MIN-MAX-NAN-LEXICOGRAPHIC")
    assert _judged(case, args, values(np.array([5 + 0j], np.complex64))).status == "new"
    numpy_side = Example(case, args, "eager", environment.current(), run_numpy(case, args),
                         run_numpy(case, args))
    assert vanished_entry(numpy_side)[0].id == "UPD-COMPLEX-MIN-MAX-NAN-LEXICOGRAPHIC"


def test_a_subnormal_python_scalar_folded_under_jit_may_stay_unflushed():
    """x64 on: [0j].at[0].power(5e-324+0j) is 1 eagerly (the exponent flushed: 0 ** 0) and 0j under jit
    (XLA folds the constant unflushed, as NumPy computes); both are NUM-SUBNORMAL-FLUSH's, nothing else."""
    from conformance.cases.updates import WITH_MODE

    case = next(c for c in WITH_MODE if c.name == ".at[idx].power(v, mode=mode)")
    env = replace(environment.current(), x64=True)
    args = (np.array([0j]), (np.array(0, np.int8),), complex(5e-324, 0.0), "fill")

    def example(mode, result):
        return Example(case, args, mode, env, run_numpy(case, args), values(np.array([result])))

    assert str(judge(example("eager", 1 + 0j))) == "known:NUM-SUBNORMAL-FLUSH"
    flush = [e for e in CATALOGUE if e.id == "NUM-SUBNORMAL-FLUSH"]  # (this process runs with x64 off:
    # the dtype models of other entries would read its 32-bit defaults)
    assert vanished_entry(example("jit", 0j), flush) is None
    assert vanished_entry(example("eager", 0j), flush)[0].id == "NUM-SUBNORMAL-FLUSH"
    assert judge(example("jit", 5 + 0j)).status == "new"


@pytest.mark.parametrize(("name", "args", "kept"), [
    ("a / b", (np.array([3e-39, -1e-45], np.float32), 1.0), np.array([3e-39, -1e-45], np.float32)),
    ("a * b", (-1, np.array([3e-39, -1e-45], np.float32)), np.array([-3e-39, 1e-45], np.float32)),
    ("a - b", (-0.0, np.array([3e-39], np.float32)), np.array([-3e-39], np.float32)),
    ("multiply", (np.array([3e-39 + 3e-39j], np.complex64), 1.0), np.array([3e-39 + 3e-39j], np.complex64)),
])
def test_an_identity_scalar_under_jit_keeps_the_subnormal_operand(name, args, kept):
    """XLA simplifies b / 1.0, -1 * b, -0.0 - b and a complex b * 1.0 under jit to the operand (negated),
    unflushed, as NumPy computes (measured on jax 0.10.2); eagerly they flush (NUM-SUBNORMAL-FLUSH). A
    flushed result under jit is new, the kept one eagerly is the entry vanishing."""
    case = next(c for c in cases.BINARY if c.name == name)
    flushed = np.where(np.abs(kept) < 1e-37, kept * 0, kept)

    def example(mode, result):
        return Example(case, args, mode, environment.current(), run_numpy(case, args), values(result))

    assert judge(example("jit", kept)).status == "agree"
    assert vanished_entry(example("jit", kept)) is None
    assert judge(example("jit", flushed)).status == "new"
    assert str(judge(example("eager", flushed))) == "known:NUM-SUBNORMAL-FLUSH"
    assert vanished_entry(example("eager", kept))[0].id == "NUM-SUBNORMAL-FLUSH"


def test_complex_b_times_minus_one_computes_and_flushes_under_jit():
    """Only an exact complex one is simplified away: complex64 b * -1 flushes under jit too (measured:
    -0+0j, NumPy's product of the flushed b)."""
    case = next(c for c in cases.BINARY if c.name == "multiply")
    args = (np.array([3e-39 + 3e-39j], np.complex64), -1)
    flushed = Example(case, args, "jit", environment.current(), run_numpy(case, args),
                      values(np.array([complex(-0.0, 0.0)], np.complex64)))
    assert str(judge(flushed)) == "known:NUM-SUBNORMAL-FLUSH"


def test_sin_keeps_a_subnormal_argument_and_tanh_keeps_or_flushes_it():
    """sin and tanh of float32 [1e-40, -1e-45] return x itself (NumPy's value): sin always (tag
    tiny-argument-kept, nothing flushes it: signed zeros are new), tanh in float32 but not in float64
    (UNARY-TINY-ARGUMENT-SUBNORMAL-KEPT-OR-FLUSHED); a halved value is new for both."""
    from conformance.operation import case_of
    from conformance.registry import BY_NAME

    x = np.array([1e-40, -1e-45], np.float32)
    zeros = values(np.array([0.0, -0.0], np.float32))
    sin, tanh = case_of(BY_NAME["sin"]), case_of(BY_NAME["tanh"])
    assert _judged(sin, (x,), values(x.copy())).status == "agree"
    assert _judged(sin, (x,), zeros).status == "new"
    assert str(_judged(tanh, (x,), zeros)) == "known:UNARY-TINY-ARGUMENT-SUBNORMAL-KEPT-OR-FLUSHED"
    for case in (sin, tanh):
        assert _judged(case, (x,), values(x / 2)).status == "new"


def _unary_judged(name, arg, jax_value, jax=None):
    from conformance.operation import case_of
    from conformance.registry import BY_NAME

    return _judged(case_of(BY_NAME[name]), (arg,), values(jax_value), jax=jax)


@pytest.mark.parametrize(("name", "inputs", "known", "wrong", "entry"), [
    # (3.4e38+3.4e38j) ** 2: chlo.square's real part is 0 where |x| == |y| (NumPy -inf+infj)
    ("square", [complex(3.4028234663852886e38, 3.4028234663852886e38), 1 + 2j], [complex(0, np.inf), -3 + 4j],
     [complex(np.nan, np.inf), -3 + 4j], "UNARY-COMPLEX-SQUARE-FORMULA"),
    # abs(inf+nanj) is NaN (NumPy inf)
    ("abs", [complex(np.inf, np.nan), 1 + 2j], [np.nan, np.sqrt(5)], [np.inf, 2.0],
     "UNARY-COMPLEX-ABS-FORMULA"),
    # sign(inf+1j) is nan+0j (NumPy 1+0j)
    ("sign", [complex(np.inf, 1), 3 + 4j], [complex(np.nan, 0), 0.6 + 0.8j], [complex(np.nan, 0), 0.8 + 0.6j],
     "UNARY-COMPLEX-SIGN-DIVIDES-BY-ABS"),
    # reciprocal(-inf+infj) is -0-0j (NumPy nan+nanj): XLA's division recovers the infinite divisor
    ("reciprocal", [complex(-np.inf, np.inf), 2 + 0j], [complex(-0.0, -0.0), 0.5 + 0j], [0j, 0.5 + 0j],
     "UNARY-COMPLEX-RECIPROCAL-IS-DIVISION"),
    # angle(1e-45+1e-45j) is NaN (the C library's atan2f of a subnormal over a subnormal; NumPy pi/4)
    ("angle", [complex(1e-45, 1e-45), 1 + 2j], [np.nan, np.arctan2(2, 1)], [0.0, np.arctan2(2, 1)],
     "UNARY-COMPLEX-ANGLE-OF-SUBNORMAL-IMAGINARY-PART"),
    # sqrt(-1-0j) is 1j (the sign of the zero is not read; NumPy -1j), sqrt(nan+infj) is nan+nanj
    ("sqrt", [complex(-1, -0.0), complex(np.nan, np.inf), 4 + 0j], [1j, complex(np.nan, np.nan), 2 + 0j],
     [complex(np.nan, np.nan), complex(np.nan, np.nan), 2 + 0j], "UNARY-COMPLEX-SQRT-FORMULA"),
    # exp(inf+infj) is nan+nanj (NumPy inf+nanj); exp(1-0j) is e+0j (NumPy e-0j)
    ("exp", [complex(np.inf, np.inf), complex(1, -0.0)], [complex(np.nan, np.nan), complex(np.e, 0.0)],
     [complex(np.nan, np.nan), complex(-np.e, 0.0)], "UNARY-COMPLEX-EXP-FORMULA"),
    # exp2(inf+0j) is nan+nanj: 0 * inf in the complex product (NumPy inf+0j)
    ("exp2", [complex(np.inf, 0), 1 + 0j], [complex(np.nan, np.nan), 2 + 0j],
     [complex(np.nan, np.nan), 3 + 0j], "UNARY-COMPLEX-EXP2-IS-EXP-OF-PRODUCT"),
    # log(inf+nanj) is nan+nanj (NumPy inf+nanj)
    ("log", [complex(np.inf, np.nan), 1 + 0j], [complex(np.nan, np.nan), 0j], [complex(np.inf, 0), 0j],
     "UNARY-COMPLEX-LOG-FORMULA"),
    # log2(1e-45j) is -inf + (pi / 2) / ln 2 j: the subnormal modulus is flushed (NumPy -149+2.27j)
    ("log2", [1e-45j, 2 + 0j], [complex(-np.inf, np.pi / 2 / np.log(2)), 1 + 0j],
     [complex(-np.inf, np.pi / 2), 1 + 0j], "UNARY-COMPLEX-LOG2-LOG10-SCALE-LOG"),
    ("log10", [complex(np.nan, np.inf), 10 + 0j], [complex(np.nan, np.nan), 1 + 0j],
     [complex(np.nan, np.nan), 0j], "UNARY-COMPLEX-LOG2-LOG10-SCALE-LOG"),
    # sin(inf+0j) is nan+nanj (NumPy nan+0j); sin(-0+1j) is +0+1.18j (NumPy -0+1.18j)
    ("sin", [complex(np.inf, 0), complex(-0.0, 1)], [complex(np.nan, np.nan), complex(0.0, np.sinh(1))],
     [complex(np.nan, np.nan), complex(0.0, -np.sinh(1))], "UNARY-COMPLEX-SIN-COS-BY-EXPM1"),
    # cos(inf+infj) is nan+nanj (NumPy inf+nanj); cos(0j) is 1+0j (NumPy 1-0j)
    ("cos", [complex(np.inf, np.inf), 0j], [complex(np.nan, np.nan), 1 + 0j], [0j, 1 + 0j],
     "UNARY-COMPLEX-SIN-COS-BY-EXPM1"),
    # tanh(infj) is nan+nanj (NumPy nanj); tan(inf+0j) is nan+nanj (NumPy nan+0j)
    ("tanh", [complex(0, np.inf), 0.5 + 0.25j], [complex(np.nan, np.nan), 0.48548728 + 0.19805546j],
     [complex(1, 0), 0.48548728 + 0.19805546j], "UNARY-COMPLEX-TANH-TAN-FORMULA"),
    ("tan", [complex(np.inf, 0), 0.5 + 0.25j], [complex(np.nan, np.nan), 0.50450075 + 0.3124207j],
     [complex(np.nan, np.nan), 0.3124207 + 0.50450075j], "UNARY-COMPLEX-TANH-TAN-FORMULA"),
    # expm1(inf+0j) is inf+0j (NumPy inf+nanj); expm1(nan+0j) is nan+0j (NumPy nan+nanj)
    ("expm1", [complex(np.inf, 0), complex(np.nan, 0)], [complex(np.inf, 0), complex(np.nan, 0)],
     [complex(np.inf, 0), complex(np.nan, 1)], "UNARY-COMPLEX-EXPM1-FORMULA"),
    # sinh(infj) and cosh(infj) are nan+nanj (NumPy nanj and nan+0j)
    ("sinh", [complex(0, np.inf), 1 + 2j], [complex(np.nan, np.nan), -0.48905623 + 1.4031192j],
     [complex(0, np.inf), -0.48905623 + 1.4031192j], "UNARY-COMPLEX-SINH-COSH-HALF-EXPONENTIALS"),
    ("cosh", [complex(0, np.inf), 1 + 2j], [complex(np.nan, np.nan), -0.64214814 + 1.0686074j],
     [complex(np.nan, 1), -0.64214814 + 1.0686074j], "UNARY-COMPLEX-SINH-COSH-HALF-EXPONENTIALS"),
])
def test_complex_unary_formulas_are_asserted(name, inputs, known, wrong, entry):
    """One complex64 example per entry of complex_unary.py: the value jax 0.10.2 returns is known; a
    planted wrong value beside it (a sign, a NaN where JAX has a number, the parts swapped) is new."""
    a = np.array(inputs, np.complex64)
    dtype = np.float32 if name in ("abs", "angle") else np.complex64
    # judged as jax 0.10.2's (UNARY-COMPLEX-ABS-FORMULA holds before 0.12:
    # tests/harness/test_upgrade_elementwise.py)
    assert str(_unary_judged(name, a, np.array(known, dtype), jax="0.10.2")) == f"known:{entry}"
    assert _unary_judged(name, a, np.array(wrong, dtype), jax="0.10.2").status == "new"


def test_complex_tan_near_a_pole_is_within_the_amplified_bound():
    """tan(-1.570851+0.00062434183j) in complex64, near the pole at -pi/2: jax 0.10.2 gives
    139.12762+1589.691j, 1472 ulps from NumPy's 139.11192+1589.5121j (XLA's sin and cos, an ulp off,
    amplified by the cancellation in the denominator): known, within the entry's bound (1.31 there); 3 off
    in the real part is new."""
    a = np.array([complex(-1.570851, 0.00062434183)], np.complex64)
    jax_value = np.array([complex(139.12762, 1589.691)], np.complex64)
    assert str(_unary_judged("tan", a, jax_value)) == "known:UNARY-COMPLEX-TANH-TAN-FORMULA"
    assert _unary_judged("tan", a, jax_value + 3).status == "new"


def test_complex_sinh_near_zero_is_within_its_cancellation_bound():
    """sinh(1.2573022e-4+1.2928931e-3j) in complex64: exp(z + ln 1/2) - exp(-z + ln 1/2) cancels, and
    jax 0.10.2 gives 1.25736e-4 for the real part (NumPy 1.2573012e-4, 9.5e-7 bound there): known; a
    real part 1e-5 off is new."""
    a = np.array([complex(0.00012573022, 0.0012928931)], np.complex64)
    jax_value = np.array([complex(1.25736e-04, 1.2928927e-03)], np.complex64)
    assert str(_unary_judged("sinh", a, jax_value)) == "known:UNARY-COMPLEX-SINH-COSH-HALF-EXPONENTIALS"
    assert _unary_judged("sinh", a, jax_value + 1e-5).status == "new"


def test_unpackbits_padding_of_an_empty_array_is_asserted_zero():
    """BITS-UNPACKBITS-PADDING-OF-EMPTY-ZEROS: NumPy's padding is uninitialized memory; JAX's zeros are
    known (or agree, where the memory happened to be zero), and a planted nonzero padding is new."""
    from conformance.operation import case_of
    from conformance.registry import BY_NAME

    case = case_of(BY_NAME["unpackbits"])
    args = (np.zeros((0, 0), np.uint8), None, 3, "little")
    assert str(_judged(case, args, values(np.zeros(3, np.uint8)))) in (
        "agree", "known:BITS-UNPACKBITS-PADDING-OF-EMPTY-ZEROS")
    assert _judged(case, args, values(np.array([1, 7, 255], np.uint8))).status == "new"


def test_a_broadcast_bfloat16_set_may_write_its_subnormals_as_zeros():
    """x.at[[0, 1, 2]].set(v), v one row of 2 bfloat16 subnormals (3 rows: XLA's CPU scatter flushes):
    zeros where v was written are known, x's own subnormal kept; another value there is new."""
    from conformance.cases.updates import BY_METHOD

    case, tiny = BY_METHOD["set"], 9.183549615799121e-41
    x = np.arange(8, dtype=np.float32).reshape(4, 2).astype(BFLOAT16)
    x[3, 1] = tiny
    args = (x, (np.array([0, 1, 2], np.int32),), np.array([tiny, -tiny], BFLOAT16))
    flushed = x.copy()
    flushed[:3] = [0.0, -0.0]
    assert str(_judged(case, args, values(flushed))) == "known:UPD-BFLOAT16-BROADCAST-SET-FLUSHES"
    x_flushed_too = flushed.copy()
    x_flushed_too[3, 1] = 0
    assert _judged(case, args, values(x_flushed_too)).status == "new"

"""Known divergences in the sign of a zero result (+0.0 against -0.0): the comparator tells them apart.

Each model is NumPy's outcome with the zeros JAX signs differently rewritten, exactly: the value of every
other element, and the sign of every zero, is asserted. A trigger holds only where the model gives some
zero another sign than NumPy's (so a JAX that starts agreeing with NumPy there is seen).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.example import Example
from conformance.outcome import Outcome
from conformance.runner import is_array_input
from conformance.strategies import kind_of

# Case tags (conformance/cases/broadcasting.py `_TAGS`, and the augmented assignments' `operator:` tags)
FLOOR_DIVISION = ("integer-division", "operator:floordiv")  # floor_divide, //, divmod; b //= v
FLOORED_REMAINDER = ("floored-remainder", "operator:mod")  # remainder, mod, %, divmod; b %= v

# A rewrite: (example, the operands as float64 arrays broadcast to the result, NumPy's result) -> JAX's
Rewrite = Callable[[Example, list[np.ndarray], np.ndarray], np.ndarray]


def _result_position(example: Example) -> int:
    """Where the operation's result is among the case's outputs: an augmented assignment returns the
    array it started from, then the result."""
    return 1 if "in-place:augmented" in example.case.tags else 0


def _operands(example: Example, shape: tuple[int, ...]) -> list[np.ndarray] | None:
    """The arguments as float64 arrays of the result's shape (Python floats keep their sign), or None
    when one is not a real number or does not broadcast."""
    operands = []
    for arg in example.args:
        if not is_array_input(arg) and type(arg) not in (int, float, bool):
            return None
        a = np.asarray(arg)
        if kind_of(a.dtype) not in "biuf":
            return None
        try:
            operands.append(np.broadcast_to(a.astype(np.float64), shape))
        except ValueError:
            return None
    return operands


def _rewritten(example: Example, rewrites: dict[int, Rewrite]) -> Outcome | None:
    """NumPy's outcome with the outputs at the given positions rewritten; None when the example is not
    one of real floats (then the entry does not apply)."""
    numpy = example.numpy
    if numpy.raised or max(rewrites) >= len(numpy.values):
        return None
    values = list(numpy.values)
    for position, rewrite in rewrites.items():
        value = values[position]
        if kind_of(value.dtype) != "f" or value.array.size == 0:
            return None
        operands = _operands(example, value.shape)
        if operands is None:
            return None
        with np.errstate(all="ignore"):
            array = rewrite(example, operands, value.array.astype(np.float64))
        values[position] = replace(value, array=array.astype(value.dtype))
    return replace(numpy, values=tuple(values), warnings=())


def _differs(predicted: Outcome | None, numpy: Outcome) -> bool:
    """The model gives some zero the other sign than NumPy."""
    if predicted is None:
        return False
    return any(bool(np.any((p.array == 0) & (np.signbit(p.array.astype(np.float64))
                                              != np.signbit(n.array.astype(np.float64)))))
               for p, n in zip(predicted.values, numpy.values, strict=True))


def _entry_model(rewrites_of: Callable[[Example], dict[int, Rewrite] | None]):
    """The trigger and the outputs of an entry from its rewrites: it holds where they change a sign."""
    def predicted(example: Example) -> Outcome | None:
        rewrites = rewrites_of(example)
        return None if not rewrites else _rewritten(example, rewrites)

    def trigger(example: Example) -> bool:
        return _differs(predicted(example), example.numpy)

    def outputs(example: Example, outcome: Outcome) -> Outcome:
        model = predicted(replace(example, numpy=outcome))
        return outcome if model is None else model

    return trigger, outputs


# -- floor division and the floored remainder --------------------------------------------------------------
def _quotient_zero_takes_divisor_sign(example, operands, result):
    """JAX's `_float_divmod` divides x - fmod(x, y), a +0 where the quotient is zero, by y."""
    return np.where(result == 0, np.copysign(0.0, operands[1]), result)


def _remainder_zero_takes_dividend_sign(example, operands, result):
    """JAX keeps lax.rem's zero (C fmod's: the dividend's sign); NumPy gives the divisor's sign."""
    return np.where(result == 0, np.copysign(0.0, operands[0]), result)


def _floor_division_rewrites(example: Example) -> dict[int, Rewrite] | None:
    tags = example.case.tags
    floor, remainder = (any(t in tags for t in names) for names in (FLOOR_DIVISION, FLOORED_REMAINDER))
    if floor and remainder:  # divmod: the quotient, then the remainder
        return {0: _quotient_zero_takes_divisor_sign, 1: _remainder_zero_takes_dividend_sign}
    if floor:
        return {_result_position(example): _quotient_zero_takes_divisor_sign}
    if remainder:
        return {_result_position(example): _remainder_zero_takes_dividend_sign}
    return None


_FLOOR_TRIGGER, _FLOOR_OUTPUTS = _entry_model(_floor_division_rewrites)


# -- maximum, minimum, fmax, fmin, clip of zeros ------------------------------------------------------------
def largest_zero(x: np.ndarray, y: np.ndarray, result: np.ndarray) -> np.ndarray:
    """lax.max orders -0.0 below +0.0: the maximum of two zeros is -0.0 only when both are."""
    zeros = (x == 0) & (y == 0)
    return np.where(zeros, np.where(np.signbit(x) & np.signbit(y), -0.0, 0.0), result)


def smallest_zero(x: np.ndarray, y: np.ndarray, result: np.ndarray) -> np.ndarray:
    """lax.min: the minimum of two zeros is +0.0 only when both are."""
    zeros = (x == 0) & (y == 0)
    return np.where(zeros, np.where(np.signbit(x) | np.signbit(y), -0.0, 0.0), result)


def _second_zero(x: np.ndarray, y: np.ndarray, result: np.ndarray) -> np.ndarray:
    """jnp.fmax/fmin select with a strict comparison: of two zeros, the second operand."""
    return np.where((x == 0) & (y == 0), y, result)


_PAIR_RULES = {"maximum": largest_zero, "minimum": smallest_zero, "fmax": _second_zero,
               "fmin": _second_zero}


def _pair_rewrites(example: Example) -> dict[int, Rewrite] | None:
    rules = [rule for tag, rule in _PAIR_RULES.items() if tag in example.case.tags]
    if len(rules) != 1 or len(example.args) != 2:
        return None
    rule = rules[0]
    return {0: lambda example, operands, result: rule(operands[0], operands[1], result)}


def _clip_rewrites(example: Example) -> dict[int, Rewrite] | None:
    """jnp.clip(x, lo, hi) is minimum(hi, maximum(lo, x)) in lax's order of zeros."""
    if "clip" not in example.case.tags or len(example.args) != 3:
        return None

    def clip(example, operands, result):
        x, lo, hi = operands
        with np.errstate(all="ignore"):
            low = largest_zero(lo, x, np.maximum(lo, x))
            return smallest_zero(hi, low, np.minimum(hi, low))

    return {0: clip}


# -- XLA's algebraic simplifier under jit: a Python scalar identity is a constant, folded away -------------
def constant_zero_operand(example: Example) -> int | None:
    """Under jit, the position of the operand XLA's simplifier returns as the sum: the other operand of a
    Python scalar zero added (0.0 + b, b + 0), or the first of a subtraction of one (b - 0.0, b - -0.0).
    A Python scalar is a compile-time constant there (conformance/runner.py traces arrays only)."""
    if example.mode != "jit" or len(example.args) != 2:
        return None
    tags = example.case.tags
    zero = [type(a) in (int, float, bool, complex) and a == 0 for a in example.args]
    if "addition" in tags and zero[0] != zero[1]:
        return 1 if zero[0] else 0
    if "subtraction" in tags and zero[1] and not zero[0]:
        return 0
    return None


def _python_scalar(a) -> bool:
    return type(a) in (int, float, bool, complex)


def identity_operand(example: Example) -> tuple[int, int] | None:
    """Under jit, (the position of the operand XLA's simplifier returns, its sign) where the other operand
    is a Python scalar identity: a zero added or subtracted (`constant_zero_operand`), -0.0 - b (-b), a
    real b times or divided by 1 or -1 (b or -b), a complex b times or divided by exactly 1+0j. Nothing is
    computed, so nothing is flushed: jax.jit(lambda b: b / 1.0) of float32 3e-39 is 3e-39, eagerly 0
    (measured on jax 0.10.2: float32, float64, bfloat16, x64 off and on; complex b * -1, b / -1 and
    0.0 - b compute)."""
    zero = constant_zero_operand(example)
    if zero is not None:
        return zero, 1
    if example.mode != "jit" or len(example.args) != 2 or sum(map(_python_scalar, example.args)) != 1:
        return None
    kept = 1 if _python_scalar(example.args[0]) else 0
    scalar, array = example.args[1 - kept], np.asarray(example.args[kept])
    if type(scalar) is complex and kind_of(array.dtype) != "c":
        return None  # a complex result of a real b: not measured
    tags, real = example.case.tags, kind_of(array.dtype) != "c"
    if "subtraction" in tags and kept == 1 and real and scalar == 0 and np.signbit(float(scalar)):
        return 1, -1  # -0.0 - b is -b (0.0 - b computes)
    if "multiplication" in tags or ("true-division" in tags and kept == 0):
        if scalar == 1 and not np.signbit(complex(scalar).imag):
            return kept, 1
        if scalar == -1 and real:
            return kept, -1
    return None


def _zero_folded(example: Example) -> Outcome | None:
    """NumPy's outcome with the sum replaced by the other operand, exactly (XLA's A + 0 => A: -0.0 + 0.0
    is -0.0), real or complex; None where the entry does not apply."""
    kept = constant_zero_operand(example)
    numpy, position = example.numpy, _result_position(example)
    if kept is None or numpy.raised or position >= len(numpy.values):
        return None
    value = numpy.values[position]
    if kind_of(value.dtype) not in "fc" or value.array.size == 0:
        return None
    try:
        other = np.broadcast_to(np.asarray(example.args[kept]), value.shape).astype(value.dtype)
    except (ValueError, TypeError):
        return None
    values = list(numpy.values)
    values[position] = replace(value, array=np.array(other))
    return replace(numpy, values=tuple(values), warnings=())


def _signs(a: np.ndarray) -> list[np.ndarray]:
    a = np.asarray(a)
    parts = (a.real, a.imag) if a.dtype.kind == "c" else (a,)
    return [(p == 0) & np.signbit(p.astype(np.float64)) for p in parts]


def _zero_trigger(example: Example) -> bool:
    """The folded sum gives some zero (or zero part) another sign than NumPy's."""
    model = _zero_folded(example)
    return model is not None and any(
        bool(np.any(m != n)) for p, v in zip(model.values, example.numpy.values, strict=True)
        for m, n in zip(_signs(p.array), _signs(v.array), strict=True))


def _zero_outputs(example: Example, outcome: Outcome) -> Outcome:
    model = _zero_folded(replace(example, numpy=outcome))
    return outcome if model is None else model


def _nextafter_rewrites(example: Example) -> dict[int, Rewrite] | None:
    """nextafter(x, y) is y where x == y (C99 7.12.11.3), so nextafter(0.0, -0.0) is -0.0."""
    if "nextafter" not in example.case.tags or len(example.args) != 2:
        return None
    return {0: lambda example, operands, result: np.where(operands[0] == operands[1], operands[1], result)}


_PAIR_TRIGGER, _PAIR_OUTPUTS = _entry_model(_pair_rewrites)
_NEXTAFTER_TRIGGER, _NEXTAFTER_OUTPUTS = _entry_model(_nextafter_rewrites)

_CLIP_TRIGGER, _CLIP_OUTPUTS = _entry_model(_clip_rewrites)

_REPRODUCER = "import jax.numpy as jnp, numpy as np"

ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="SZ-FLOOR-DIVISION-ZERO-SIGN",
        area="numerics",
        title="A zero quotient of floor division takes the divisor's sign, a zero floored remainder the "
              "dividend's",
        numpy="gives a zero quotient the sign of x / y and a zero remainder the divisor's sign (as "
              "Python's float divmod): np.floor_divide(-0.0, 3.0) is -0.0, np.remainder(-1.0, 1.0) 0.0",
        jax="gives a zero quotient the divisor's sign (it divides x - fmod(x, y), which is +0.0 there, by "
            "y) and a zero remainder the dividend's (lax.rem's, kept): jnp.floor_divide(-0.0, 3.0) is 0.0, "
            "jnp.remainder(-1.0, 1.0) is -0.0; every other value as NumPy (floor_divide, //, remainder, "
            "mod, %, divmod, and the augmented //= and %=)",
        why="jnp's _float_divmod ports CPython's float_divmod without its two copysign branches for "
            "zeros; jnp.remainder's sign fix is skipped where the remainder is zero",
        source="https://github.com/jax-ml/jax/issues/40028 (open); "
               "https://github.com/jax-ml/jax/pull/40170 (open: restores the zero signs)",
        condition="real float floor division or floored remainder where a result is zero and its sign "
                  "by JAX's rule differs from NumPy's",
        kinds=("values",),
        trigger=_FLOOR_TRIGGER,
        outputs=_FLOOR_OUTPUTS,
        notes=f"{_REPRODUCER}; print(jnp.floor_divide(-0.0, 3.0), np.floor_divide(-0.0, 3.0)); "
              "print(jnp.remainder(-1.0, 1.0), np.remainder(-1.0, 1.0))",
    ),
    KnownDivergence(
        id="SZ-MAXIMUM-ORDERS-ZEROS",
        area="numerics",
        title="maximum and minimum order -0.0 below +0.0; fmax and fmin return the second zero",
        numpy="returns one of two zeros by its loop's operand order, which differs by dtype (float32 "
              "maximum(0.0, -0.0) is -0.0, float16 maximum(-0.0, 0.0) is -0.0)",
        jax="maximum of two zeros is +0.0 unless both are -0.0, minimum is -0.0 unless both are +0.0 "
            "(lax.max/lax.min); fmax and fmin of two zeros return the second operand; every other value "
            "as NumPy",
        why="the order of signed zeros in maximum and minimum is implementation-defined (the array API "
            "standard says so); XLA orders them, jnp.fmax selects with a strict comparison",
        source="observed by this suite, undocumented upstream; the array API standard leaves the order "
               "of signed zeros unspecified (https://github.com/data-apis/array-api/pull/751)",
        condition="real float maximum, minimum, fmax or fmin where both operands of an element are zeros "
                  "and JAX's rule gives another sign than NumPy",
        kinds=("values",),
        trigger=_PAIR_TRIGGER,
        outputs=_PAIR_OUTPUTS,
        notes=f"{_REPRODUCER}; x, y = np.float32([0.0]), np.float32([-0.0]); "
              "print(jnp.maximum(x, y), np.maximum(x, y))",
    ),
    KnownDivergence(
        id="SZ-JIT-ADDED-CONSTANT-ZERO-FOLDED",
        area="numerics",
        title="Under jit, adding a constant zero returns the other operand: -0.0 + 0.0 is -0.0",
        numpy="rounds the sum as IEEE 754 says: -0.0 + 0.0 and -0.0 - (-0.0) are +0.0",
        jax="eagerly the same; under jit a Python scalar 0 or 0.0 (either sign) is a compile-time constant "
            "and XLA's algebraic simplifier rewrites A + 0 to A and A - 0 to A, so the result is the other "
            "operand as it is: jax.jit(lambda b: b + 0.0)(-0.0) is -0.0; every other value as NumPy (add, "
            "+, subtract, - and the augmented += and -=)",
        why="the simplifier treats +0.0 as the additive identity, which holds for every float but -0.0",
        source="observed by this suite, undocumented upstream (XLA's AlgebraicSimplifier, HandleAdd: "
               "'A + 0 => A'; signed zeros in the simplifier: https://github.com/openxla/xla/pull/14478)",
        condition="jit, a float or complex addition of a Python scalar zero (or subtraction of one) whose "
                  "other operand holds a -0.0 (or a -0.0 part)",
        kinds=("values",),
        modes=("jit",),
        trigger=_zero_trigger,
        outputs=_zero_outputs,
        notes=f"{_REPRODUCER}, jax; x = np.float32([-0.0]); print(jax.jit(lambda b: b + 0.0)(x), x + 0.0)",
    ),
    KnownDivergence(
        id="SZ-NEXTAFTER-EQUAL-ZEROS-GIVES-Y",
        area="numerics",
        title="nextafter of two equal zeros returns the second: nextafter(0.0, -0.0) is -0.0 in float16",
        numpy="float16's own loop (npy_half_nextafter) returns x where x == y: np.nextafter(float16 0.0, "
              "float16 -0.0) is 0.0 (float32 and float64 call C's nextafter, which returns y)",
        jax="returns y where x == y in every dtype, as C99 specifies; every other value as NumPy",
        why="C99 7.12.11.3: 'nextafter returns y if x equals y'; NumPy's half-precision loop returns x",
        source="observed by this suite, undocumented upstream (numpy/_core/src/npymath/halffloat.cpp, "
               "npy_half_nextafter; C99 7.12.11.3)",
        condition="nextafter where both operands of an element are zeros of different signs and "
                  "NumPy's result has the other sign (float16)",
        kinds=("values",),
        trigger=_NEXTAFTER_TRIGGER,
        outputs=_NEXTAFTER_OUTPUTS,
        notes=f"{_REPRODUCER}; x, y = np.float16([0.0]), np.float16([-0.0]); "
              "print(jnp.nextafter(x, y), np.nextafter(x, y))",
    ),
    KnownDivergence(
        id="SZ-CLIP-ORDERS-ZEROS",
        area="numerics",
        title="clip orders -0.0 below +0.0",
        numpy="clips with its own loop: np.clip(-0.0, 0.0, 1.0) is -0.0 in float32",
        jax="is minimum(hi, maximum(lo, x)) with lax's order of zeros (SZ-MAXIMUM-ORDERS-ZEROS): "
            "jnp.clip(-0.0, 0.0, 1.0) is 0.0; every other value as NumPy",
        why="jnp.clip is built from jnp.maximum and jnp.minimum",
        source="observed by this suite, undocumented upstream (jax/_src/numpy/lax_numpy.py, clip)",
        condition="real float clip where a zero meets a zero bound and JAX's order gives another sign",
        kinds=("values",),
        trigger=_CLIP_TRIGGER,
        outputs=_CLIP_OUTPUTS,
        notes=f"{_REPRODUCER}; x = np.float32([-0.0]); print(jnp.clip(x, 0.0, 1.0), np.clip(x, 0.0, 1.0))",
    ),
)

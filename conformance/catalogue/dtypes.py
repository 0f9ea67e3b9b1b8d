"""Known divergences in result dtypes: x64 mode, weak types and promotion."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.models import (
    LAX_REM_DOC,
    at_32_bits,
    canonical_dtype,
    map_array_args,
    map_values,
    raises,
)
from conformance.example import Example
from conformance.outcome import Outcome, Raised
from conformance.runner import is_array_input
from conformance.strategies import BFLOAT16


def _array_dtypes(example: Example) -> list[np.dtype]:
    return [np.asarray(a).dtype for a in example.args if is_array_input(a)]


def _python_ints(example: Example) -> list[int]:
    return [a for a in example.args if type(a) is int]


SIXTY_FOUR_BITS = ("int64", "uint64", "float64", "complex128")


def default_int_range(x64: bool) -> np.iinfo:
    return np.iinfo(np.int64 if x64 else np.int32)


def _numpy_gives_64_bits(example: Example) -> bool:
    # a 64-bit dtype asked for by name is DTYPE-X64-OFF-REQUESTED-64BIT-WARNS, which asserts the warning;
    # of dtype names, jnp.promote_types returns 64-bit dtypes as they are (bool with uint64 is uint64,
    # int64 with uint64 float64), but for the int64 its lattice makes of uint32 with int8, int16 or
    # int32, which it canonicalizes to int32 (observed with jax 0.10.2); result_type's canonicalization
    # of its inputs is PROMO-X64-OFF-RESULT-TYPE-OF-32-BIT-INPUTS
    if "dtype-names" in example.case.tags:
        return not example.numpy.raised and any(
            v.dtype.kind in "iu" and v.dtype.itemsize == 8 and v.dtype.name not in example.args
            for v in example.numpy.values)
    if "returns-python-scalars" in example.case.tags:  # broadcast_shapes, int(): Python values on both sides
        return False
    return not example.numpy.raised and requested_64_bit_dtype(example) is None and any(
        v.dtype.name in SIXTY_FOUR_BITS for v in example.numpy.values
    )


def _nested(values) -> list:
    """Python values inside nested lists and tuples, flattened (array literals such as [[1, 2**40]])."""
    out = []
    for v in values:
        out += _nested(v) if isinstance(v, (list, tuple)) else [v]
    return out


def _pyint_beyond_default_int(example: Example) -> bool:
    info = default_int_range(example.env.x64)
    args = list(example.args)
    if "power" in example.case.tags:  # a Python int exponent goes to lax.integer_pow unconverted
        args = args[:1]
    if "python-values" in example.case.tags:  # constructors read ints inside nested lists too
        args = _nested(args)
    at = example.case.tags & {"at-update", "setitem"}  # x.at[idx] (the broadcasting area's x[idx] = v too)
    x_dtype = np.asarray(example.args[0]).dtype if at else None
    if x_dtype is not None and x_dtype.kind in "iu":
        # .at[] reads an update value in x's dtype: an int that x's dtype holds is exact (2**32 - 1 into
        # uint32), whatever the default integer (catalogue/updates.py, _cast_like_jax)
        held = np.iinfo(x_dtype)
        args = [a for a in args if not (type(a) is int and held.min <= a <= held.max)]
    return any(type(a) is int and not info.min <= a <= info.max for a in args)


def _pyint_beyond_default_int_unread(example: Example) -> bool:
    """DTYPE-PYINT-BEYOND-DEFAULT-INT's example where JAX returned an empty result instead of raising:
    eagerly, once jnp's function is compiled for the shapes, its cached call never parses an argument
    the empty computation does not use. Which of the two happens depends on the compile cache, so this
    trigger reads what JAX did and the model asserts that outcome exactly (the empty result)."""
    return (example.mode == "eager" and not example.jax.raised and _pyint_beyond_default_int(example)
            and all(v.array.size == 0 for v in example.jax.values))


def requested_dtype(example: Example) -> np.dtype | None:
    """The dtype the example asks for (an argument called "dtype"), if any."""
    if "dtype" not in example.case.arg_names:
        return None
    requested = example.args[example.case.arg_names.index("dtype")]
    return None if requested is None else np.dtype(requested)


def requested_64_bit_dtype(example: Example) -> str | None:
    requested = requested_dtype(example)
    return requested.name if requested is not None and requested.name in SIXTY_FOUR_BITS else None


def _arange_of_bool(example: Example) -> bool:
    return ("arange" in example.case.tags and not example.numpy.raised
            and requested_dtype(example) == np.dtype(bool))


def _truncation_warned(example: Example) -> bool:
    return any("Explicitly requested dtype" in w for w in example.jax.warnings)


def _at_32_bits_with_warning(example: Example, outcome: Outcome) -> Outcome:
    """NumPy's outcome at 32 bits, and JAX's truncation warning wherever JAX checks the dtype on each
    call (eagerly, except in functions it jits internally: a cached trace does not warn again); an
    outcome without the warning is not what JAX documents."""
    warns_each_call = example.mode == "eager" and "warns-once" not in example.case.tags
    if warns_each_call and not example.jax.raised and not _truncation_warned(example):
        return Outcome(error=Raised("MissingWarning", "JAX documents a UserWarning on truncation",
                                    ("MissingWarning",)))
    return at_32_bits(example, outcome)


def _cumulative_of_integers(example: Example) -> bool:
    dtypes = _array_dtypes(example)
    # (cumulative_sum promotes them as NumPy does; with dtype= both return the dtype asked for)
    return ("cumulative" in example.case.tags and len(dtypes) == 1 and dtypes[0].kind in "iu"
            and not example.numpy.raised and requested_dtype(example) is None
            and "cumulative_sum" not in example.case.tags)


def _integer_array_dtype(example: Example) -> np.dtype | None:
    """The dtype a Python int takes: that of the first integer array (where's condition is bool); a
    creation row's requested integer dtype first (full(shape, -3, dtype=uint8))."""
    requested = requested_dtype(example) if "creation" in example.case.tags else None
    if requested is not None:
        return requested if requested.kind in "iu" else None
    return next((d for d in _array_dtypes(example) if d.kind in "iu"), None)


def _pyint_out_of_array_range(example: Example) -> bool:
    """A Python int outside the integer array's range (inside the default int's), where the operation
    computes in that integer type: where NumPy gives a float (copysign of an int8 array), both read
    the int as a float, unwrapped, but where jnp promotes the operands as integers first (atan2)."""
    dtype = _integer_array_dtype(example)
    if dtype is None or _pyint_beyond_default_int(example):
        return False
    if not example.numpy.raised and any(v.dtype.kind in "fc" for v in example.numpy.values) \
            and "promotes-as-integers" not in example.case.tags:
        return False
    info = np.iinfo(dtype)
    args = example.args[:1] if "power" in example.case.tags else _operands(example)  # see integer_pow
    return any(type(a) is int and not info.min <= a <= info.max for a in args)


# Arguments of the hand-written cases that are not operands of the arithmetic: an index, a mode and an
# axis are read as they are (a registry row's options say so themselves: Case.options).
_NOT_OPERANDS = ("idx", "mode", "axis")


def _is_operand(example: Example, name: str) -> bool:
    return name not in _NOT_OPERANDS and name not in example.case.options


def _named_args(example: Example) -> list[tuple[str, object]]:
    names = list(example.case.arg_names) + [""] * (len(example.args) - len(example.case.arg_names))
    return list(zip(names, example.args, strict=False))


def _operands(example: Example) -> list:
    return [a for name, a in _named_args(example) if _is_operand(example, name)]


def _range_or_shapes_first(example: Example) -> bool:
    """One side refused a Python int out of range (OverflowError), the other the shapes (ValueError, or
    JAX's TypeError from lax for operands of one rank)."""
    numpy, jax = example.numpy.error, example.jax.error
    if numpy is None or jax is None or {numpy.kind(), jax.kind()} not in (
            {"OverflowError", "ValueError"}, {"OverflowError", "TypeError"}):
        return False
    if not any(type(a) is int for a in example.args):
        return False
    try:
        np.broadcast_shapes(*(np.shape(a) for a in example.args))
    except ValueError:
        return True
    return False


def _lax_refuses_the_shapes(example: Example) -> bool:
    """jnp folds the operands pairwise (clip is maximum, then minimum) and passes two of one rank to lax,
    whose shape check raises TypeError (as BCAST-EQUAL-RANK-CLASH-TYPEERROR documents)."""
    shapes = [np.shape(a) for a in example.args if isinstance(a, np.ndarray | np.generic)]
    folded = shapes[0] if shapes else ()
    for shape in shapes[1:]:
        try:
            folded = np.broadcast_shapes(folded, shape)
        except ValueError:
            return len(folded) == len(shape)
    return False


def _the_other_error(example: Example, outcome: Outcome) -> Outcome:
    """JAX reports the problem NumPy did not: the int's range, or the shapes (TypeError from lax for
    operands of one rank, ValueError otherwise)."""
    if example.numpy.error.kind() != "OverflowError":
        return raises("OverflowError", r"overflow was encountered while parsing an argument"
                                       r"|too large to convert to u?int\d+")(example, outcome)
    if _lax_refuses_the_shapes(example):
        return raises("TypeError", r"got incompatible shapes for broadcasting")(example, outcome)
    return raises("ValueError", r"could not be broadcast|[Ii]ncompatible shapes for broadcasting")(
        example, outcome)


def wrap_int(value: int, dtype: np.dtype) -> int:
    """`value` reduced modulo 2**bits into the range of an integer dtype (two's complement)."""
    bits = np.dtype(dtype).itemsize * 8
    value %= 2**bits
    return value - 2**bits if np.dtype(dtype).kind == "i" and value >= 2 ** (bits - 1) else value


def _wrapped_python_ints(example: Example) -> tuple:
    dtype = _integer_array_dtype(example)
    return tuple(_as_numpy_reads_it(wrap_int(a, dtype), dtype)
                 if type(a) is int and _is_operand(example, name) else a for name, a in _named_args(example))


def _as_numpy_reads_it(value: int, dtype: np.dtype):
    """A wrapped int beyond int64 (uint64's upper half) as a NumPy scalar of the dtype: as a Python int,
    NumPy's logical functions convert it to a C long and raise OverflowError."""
    return np.dtype(dtype).type(value) if value > np.iinfo(np.int64).max else value


def _fmod_by_a_wrapped_zero(example: Example, outcome: Outcome) -> Outcome:
    """NumPy on the wrapped ints; for fmod by a Python int that wraps to 0, any value: jnp.fmod's guard
    against a zero divisor compares the int before it wraps, so lax.rem divides by zero (whose result
    lax.rem's documentation calls implementation-defined)."""
    divisor = example.args[1] if len(example.args) == 2 else None
    if "fmod" not in example.case.tags or outcome.raised or type(divisor) is not int or divisor == 0 \
            or wrap_int(divisor, _integer_array_dtype(example)) != 0:
        return outcome
    return map_values(outcome, lambda v: replace(v, free=np.ones(v.shape, bool)))


def jax_inexact_dtype(dtype: np.dtype, *, x64: bool) -> np.dtype:
    """The float dtype JAX computes a bool or integer input in: float32, or float64 for 64-bit ints."""
    return np.dtype(np.float64 if np.dtype(dtype).itemsize == 8 and x64 else np.float32)


def _nested_inexact(example: Example) -> bool:
    """A Python float or complex, or a float or complex array, inside a tuple or list argument
    (gradient's spacings): JAX computes in its type, as NumPy does."""
    inner = [x for a in example.args if isinstance(a, (tuple, list)) for x in a]
    return any(type(x) in (float, complex) or (is_array_input(x) and np.asarray(x).dtype.kind in "fc")
               for x in inner)


def _integer_inputs_to_float(example: Example) -> bool:
    """Every array input is bool or integer, no Python float or complex takes part (that one makes
    JAX compute in its default inexact type, as NumPy does with x64 on), and NumPy gives a float."""
    dtypes = _array_dtypes(example)
    return (
        bool(dtypes) and all(d.kind in "biu" for d in dtypes) and "cast" not in example.case.tags
        and "converts-to-default-float" not in example.case.tags  # its own entry (unary.py)
        and "sort-complex" not in example.case.tags  # its own entry (index_arrays.py)
        and "returns-python-scalars" not in example.case.tags  # float(): a Python float on both sides
        and "vector_norm" not in example.case.tags  # computes in integers: its own entry (norms.py)
        and not any(type(a) in (float, complex) for a in example.args) and not _nested_inexact(example)
        and not example.numpy.raised and any(v.dtype.kind in "fc" for v in example.numpy.values)
    )


def _bool_inputs_to_int(example: Example) -> bool:
    dtypes = _array_dtypes(example)
    return (
        bool(dtypes) and all(d.kind == "b" for d in dtypes)
        and not example.numpy.raised and any(v.dtype.name == "int8" for v in example.numpy.values)
    )


def _bfloat16_promoted_by_numpy(example: Example) -> bool:
    """bfloat16 is the only inexact array dtype (with bool or integer arrays besides, and Python scalars),
    and NumPy gives float32 or float64: JAX's result is bfloat16. With a float16, float32 or complex
    array beside it, both promote alike (PROMO-BFLOAT16-FLOAT16-IS-FLOAT32 aside)."""
    dtypes = _array_dtypes(example)
    if "cast" in example.case.tags:  # a cast's result dtype is the one requested (catalogue/casts.py)
        return False
    if "returns-python-scalars" in example.case.tags:  # .item(): a Python float on both sides
        return False
    if "sums" in example.case.tags and requested_dtype(example) is not None:  # a requested accumulator
        return False
    return (BFLOAT16 in dtypes and all(d == BFLOAT16 or d.kind in "biu" for d in dtypes)
            and not example.numpy.raised
            and any(v.dtype.name in ("float32", "float64") for v in example.numpy.values))


def _clip_of_python_scalar(example: Example) -> bool:
    return "clip" in example.case.tags and type(example.args[0]) in (bool, int, float) and any(
        is_array_input(a) for a in example.args[1:])


def _maybe_32_bits(example: Example, outcome: Outcome) -> Outcome:
    return outcome if example.env.x64 else at_32_bits(example, outcome)


ENTRIES = (
    KnownDivergence(
        id="DTYPE-INT-TO-INEXACT",
        area="dtypes",
        title="Float functions of bool and integer inputs compute in float32 (float64 for 64-bit ints)",
        numpy="picks the smallest float that holds the input: float16 for bool and 8-bit, float32 for "
              "16-bit, float64 for 32- and 64-bit integers (and float64 always for divide, "
              "float_power)",
        jax="computes in float32, or float64 for int64/uint64 inputs with x64 on",
        why="JAX promotes integer inputs of inexact functions to its default float type, not by width",
        source="observed by this suite; JAX's mechanism: promote_dtypes_inexact "
               "(https://github.com/jax-ml/jax/pull/11046)",
        condition="every array input is bool or integer, no Python float or complex argument, and "
                  "NumPy's result is a float",
        kinds=("dtype",),
        trigger=_integer_inputs_to_float,
        inputs=lambda example: map_array_args(
            example, lambda a: a.astype(jax_inexact_dtype(a.dtype, x64=example.env.x64))),
        outputs=_maybe_32_bits,
    ),
    KnownDivergence(
        id="DTYPE-BOOL-ARITHMETIC-INT32",
        area="dtypes",
        title="Integer arithmetic on bools computes in int32",
        numpy="computes floor_divide, power, remainder, fmod, divmod and shifts of bools in int8",
        jax="computes them in int32 (also with x64 on)",
        why="JAX promotes bool operands of integer-only operations to its int32 type",
        source="observed by this suite, undocumented upstream",
        condition="every array input is bool and NumPy's result is int8",
        kinds=("dtype",),
        trigger=_bool_inputs_to_int,
        inputs=lambda example: map_array_args(example, lambda a: a.astype(np.int32)),
    ),
    KnownDivergence(
        id="DTYPE-BFLOAT16-NUMPY-FALLBACK",
        area="dtypes",
        title="bfloat16 stays bfloat16 where NumPy's ml_dtypes falls back to float32",
        numpy="with ml_dtypes' bfloat16, a Python float operand or a function without a bfloat16 "
              "loop (clip) gives float32 (float64 in where): the user dtype takes no part in NEP 50's "
              "weak scalars",
        jax="keeps bfloat16: Python scalars are weakly typed (bf + f* -> bf in JAX's lattice), and "
            "every jnp function has a bfloat16 path",
        why="bfloat16 is native to JAX; to NumPy it is a user dtype with partial ufunc support",
        source="https://docs.jax.dev/en/latest/type_promotion.html#weak-types",
        condition="bfloat16 the only inexact array input (bool or integer arrays and Python scalars "
                  "beside it) and a float32 or float64 result from NumPy",
        kinds=("dtype",),
        trigger=_bfloat16_promoted_by_numpy,
        outputs=lambda example, outcome: map_values(outcome, lambda v: (
            v.astype(BFLOAT16) if v.dtype.name in ("float32", "float64") else v)),
    ),
    KnownDivergence(
        id="DTYPE-CLIP-PYTHON-SCALAR-IS-WEAK",
        area="dtypes",
        title="clip of a Python scalar takes the bounds' dtype",
        numpy="np.clip(a, lo, hi) makes an array of a Python scalar `a` first (int64 or float64), so "
              "the result is at least that wide",
        jax="treats the Python scalar as weakly typed: the result has the bounds' dtype",
        why="NumPy's clip converts `a` with asarray before its ufunc; JAX promotes weak types",
        source="https://docs.jax.dev/en/latest/type_promotion.html#weak-types",
        condition="clip whose first argument is a Python scalar and whose bounds are arrays",
        kinds=("dtype",),
        trigger=_clip_of_python_scalar,
        outputs=lambda example, outcome: map_values(outcome, lambda v: v.astype(
            np.result_type(*[a for a in example.args[1:] if is_array_input(a)]))),
    ),
    KnownDivergence(
        id="DTYPE-X64-OFF-32BIT",
        area="dtypes",
        title="With x64 off, 64-bit results are computed as 32-bit",
        numpy="returns int64/uint64/float64/complex128 where its rules say so",
        jax="returns the 32-bit counterpart (int32/uint32/float32/complex64) of the dtype NumPy gives, "
            "computed at 32 bits",
        why="jax_enable_x64 is off by default; JAX canonicalizes every 64-bit dtype to 32 bits",
        source="https://docs.jax.dev/en/latest/notebooks/Common_Gotchas_in_JAX.html"
               "#double-64bit-precision",
        condition="x64 off and NumPy's result has a 64-bit dtype",
        kinds=("dtype",),
        x64=False,
        trigger=_numpy_gives_64_bits,
        outputs=at_32_bits,
    ),
    KnownDivergence(
        id="DTYPE-X64-OFF-64BIT-ARRAY-READ-AS-32BIT",
        area="dtypes",
        title="With x64 off, a 64-bit NumPy array is read as its 32-bit counterpart",
        numpy="computes with the int64/uint64/float64/complex128 array as it is (uint64 + int8 is "
              "float64)",
        jax="converts the array silently to int32/uint32/float32/complex64 and promotes those "
            "(uint32 + int8 is int64 in its lattice, so int32)",
        why="with jax_enable_x64 off JAX holds no 64-bit arrays; jnp.asarray canonicalizes the dtype",
        source="https://docs.jax.dev/en/latest/default_dtypes.html",
        condition="x64 off and a 64-bit NumPy array among the inputs",
        kinds=("dtype",),
        x64=False,
        trigger=lambda example: any(np.asarray(a).dtype.name in SIXTY_FOUR_BITS
                                    for a in example.args if is_array_input(a)),
        inputs=lambda example: map_array_args(example, lambda a: a.astype(canonical_dtype(a.dtype))),
        outputs=at_32_bits,
    ),
    KnownDivergence(
        id="DTYPE-X64-OFF-REQUESTED-64BIT-WARNS",
        area="dtypes",
        title="With x64 off, a requested 64-bit dtype warns and is truncated to 32 bits",
        numpy="returns the int64/uint64/float64/complex128 array asked for",
        jax="warns (UserWarning: Explicitly requested dtype ... will be truncated) and returns the "
            "32-bit counterpart, computed at 32 bits; under jit (and in functions jnp jits "
            "internally, such as linspace) only the first trace warns",
        why="with jax_enable_x64 off JAX has no 64-bit arrays; an explicit request is honoured as far "
            "as it can be, and said so",
        source="https://docs.jax.dev/en/latest/default_dtypes.html; "
               "https://github.com/jax-ml/jax/issues/1333",
        condition="x64 off and a 64-bit dtype passed as dtype=",
        kinds=("dtype",),
        x64=False,
        trigger=lambda example: requested_64_bit_dtype(example) is not None,
        outputs=_at_32_bits_with_warning,
    ),
    KnownDivergence(
        id="DTYPE-ARANGE-BOOL-REFUSED",
        area="dtypes",
        title="arange refuses dtype=bool",
        numpy="returns a bool range of length 0, 1 or 2 ([False, True]) and refuses longer ones",
        jax="raises TypeError for any length: iota does not accept dtype bool",
        why="jnp.arange builds its result with lax.iota, which has no bool form",
        source="observed by this suite, undocumented upstream",
        condition="arange with dtype=bool where NumPy returns",
        kinds=("error-parity",),
        trigger=_arange_of_bool,
        outputs=raises("TypeError", r"iota does not accept dtype bool"),
    ),
    KnownDivergence(
        id="DTYPE-CUMULATIVE-KEEPS-INT-DTYPE",
        area="dtypes",
        title="cumsum and cumprod of integers keep the input's dtype",
        numpy="accumulates integers narrower than the default int in int64 (uint64 for unsigned), "
              "as it does for sum and prod",
        jax="returns the input's integer dtype (int8 stays int8, wrapping on overflow); bools become "
            "the default int as in NumPy",
        why="jnp.sum and jnp.prod promote integers (promote_integers=True); cumsum and cumprod do not",
        source="https://github.com/jax-ml/jax/issues/18399; https://github.com/jax-ml/jax/issues/37920",
        condition="cumsum or cumprod of an integer array",
        kinds=("dtype",),
        trigger=_cumulative_of_integers,
        outputs=lambda example, outcome: map_values(
            outcome, lambda v: v.astype(_array_dtypes(example)[0])),
    ),
    KnownDivergence(
        id="DTYPE-PYINT-BEYOND-DEFAULT-INT",
        area="dtypes",
        title="A Python int outside the default integer type raises OverflowError",
        numpy="converts the int to the other operand's dtype (NEP 50): fine for float arrays and for "
              "unsigned arrays that hold it",
        jax="raises OverflowError for any int outside int32 (x64 off) or int64 (x64 on), whatever "
            "the other operand",
        why="a Python int is weakly typed as the default integer type before promotion",
        source="https://github.com/data-apis/array-api-tests/issues/205 (JAX maintainers on the "
               "deliberate OverflowError); https://docs.jax.dev/en/latest/type_promotion.html",
        condition="a Python int argument outside the default integer type's range",
        kinds=("error-parity",),
        trigger=lambda example: (_pyint_beyond_default_int(example)
                                 and not _pyint_beyond_default_int_unread(example)),
        # jnp.power reads a Python int base with Python's own conversion, jnp.asarray of a list with
        # NumPy's (their messages, then)
        outputs=raises("OverflowError", r"overflow was encountered while parsing an argument"
                                        r"|too large to convert to u?int\d+|too large to convert to C long"
                                        r"|out of bounds for u?int\d+"),
    ),
    KnownDivergence(
        id="DTYPE-PYINT-BEYOND-DEFAULT-INT-UNREAD-WHEN-EMPTY",
        area="dtypes",
        title="A Python int outside the default integer type passes unchecked into a cached empty "
              "computation",
        numpy="raises OverflowError for an int its dtype cannot hold, whatever the array's size",
        jax="raises OverflowError (DTYPE-PYINT-BEYOND-DEFAULT-INT) on the call that compiles; once "
            "jnp's function is compiled for an empty array's shape, an eager call whose result is empty "
            "returns that empty result: fmax(zeros((0,), int8), 3) then fmax(zeros((0,), int8), 2**31) is "
            "an empty int8 array",
        why="jit drops arguments its computation does not use, and the cached fast path never parses "
            "them, so the range check of the Python int does not run",
        source="observed by this suite, undocumented upstream (jax.jit keep_unused=False)",
        condition="eager, a Python int outside the default integer type, and JAX returned an empty result",
        kinds=("error-parity",),
        trigger=_pyint_beyond_default_int_unread,
        # NumPy's empty result, the int wrapped into an integer array's dtype (NumPy refuses it otherwise)
        inputs=lambda example: (_wrapped_python_ints(example) if _integer_array_dtype(example)
                                else example.args),
    ),
    KnownDivergence(
        id="DTYPE-PYINT-OUT-OF-RANGE-WRAPS",
        area="dtypes",
        title="A Python int out of the array's integer range wraps",
        numpy="raises OverflowError in arithmetic, and compares the exact value in comparisons (NEP 50)",
        jax="converts the weakly typed int to the array's dtype modulo 2**bits, then computes; fmod by "
            "an int that wraps to 0 divides by zero (jnp.fmod tests the int for 0 before it wraps); the "
            "alias jnp.atan2 wraps it too (it promotes as integers, then calls arctan2, which reads the "
            "int as a float): atan2(int8 0, 128) is pi, arctan2(int8 0, 128) is 0",
        why="a Python int is weakly typed and takes the array's dtype; JAX checks it only against the "
            "default integer type (int32 or int64)",
        source="https://docs.jax.dev/en/latest/type_promotion.html#weak-types",
        condition="a Python int argument outside the range of the integer array's dtype (a creation row's "
                  "requested integer dtype: full's fill value) but inside the default integer type's",
        kinds=("error-parity", "values", "dtype"),
        trigger=_pyint_out_of_array_range,
        inputs=_wrapped_python_ints,
        outputs=_fmod_by_a_wrapped_zero,
        undefined=LAX_REM_DOC,
    ),
    KnownDivergence(
        id="DTYPE-PYINT-RANGE-OR-SHAPES-FIRST",
        area="dtypes",
        title="With a Python int out of range and shapes that do not broadcast, the two report different "
              "errors",
        numpy="NumPy 2.5's where raises OverflowError for the int before it looks at the shapes; NumPy "
              "2.4's raises ValueError for the shapes",
        jax="raises OverflowError for an int beyond the default integer type (jax 0.10.2, x64 off) or "
            "ValueError for the shapes (jax 0.12, or an int that fits the default type); TypeError for "
            "the shapes where two operands of one rank clash (lax's check: clip's `max got incompatible "
            "shapes for broadcasting`, jax 0.10.2)",
        why="both refuse the call; each reports the first problem it checks",
        source="observed by this suite, undocumented upstream",
        condition="one side raises OverflowError and the other ValueError (or TypeError), and the "
                  "arguments hold a Python int and shapes that do not broadcast",
        kinds=("error-kind",),
        trigger=_range_or_shapes_first,
        outputs=_the_other_error,
    ),
)

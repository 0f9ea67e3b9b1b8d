"""Known divergences in `.at[]` updates (the in-place idioms are catalogue/immutability.py).

The update entries share one model, `documented_update`: what JAX's documentation says `x.at[idx]` does,
computed with NumPy on the flat positions that `idx` names. It drops (or clips, or fills) out-of-bounds
positions as the mode says, applies every update at a repeated position, casts the update values to x's
dtype before combining them, accepts any of the values written to a position `set` writes twice, and
divides and raises to powers the way JAX implements it (by the product of the updates at a position).
Each entry is one reason to use it, with its own trigger; an example explained by several is reported
under the first that holds.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from typing import Any

import jax
import ml_dtypes
import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue import complex_formulas as cf
from conformance.catalogue.complex_values import complex_power_special, nonfinite_positions
from conformance.catalogue.division_models import reciprocal_quotients
from conformance.catalogue.models import flush_subnormals, raises
from conformance.catalogue.signed_zeros import largest_zero, smallest_zero
from conformance.catalogue.special_values import fused_complex_multiply
from conformance.example import Example
from conformance.outcome import Outcome, Raised, Value
from conformance.strategies import kind_of

AT_DOCS = "https://docs.jax.dev/en/latest/_autosummary/jax.Array.at.html"
# Every entry whose model is `documented_update` accepts any value where an update value is a NaN,
# infinite or out-of-range float cast into an integer x (`_cast_like_jax`): that cast is undefined.
CAST_UNDEFINED = ("https://github.com/numpy/numpy/issues/22951 (NumPy maintainers: casting a float that "
                  "is NaN, infinite or out of the integer's range 'inherits the C99 behavior, which is "
                  "undefined'; https://numpy.org/devdocs/release/1.24.0-notes.html warns on it): x.at[] "
                  "casts update values to x's integer dtype the same way")
CPOW_UNDEFINED = ("ISO C11 Annex G.6.4.1 (cpow): no special cases are specified, and a footnote allows "
                  "cpow(z, c) to be computed as cexp(c clog(z)); so a complex power at a zero base, a "
                  "non-finite operand or an overflow has no defined value (NUM-COMPLEX-POWER-SPECIAL-VALUES "
                  "for jnp.power); with " + CAST_UNDEFINED)


# -- reading an example --------------------------------------------------------------------------------
def _method(example: Example) -> str | None:
    return next((t.removeprefix("method:") for t in example.case.tags if t.startswith("method:")), None)


def _parts(example: Example) -> tuple[np.ndarray, Any, Any, str | None]:
    """(x, idx, v, mode) of an update example; v is None for get and apply."""
    named = dict(zip(example.case.arg_names, example.args, strict=True))
    return np.asarray(named["x"]), named["idx"], named.get("v"), named.get("mode")


def _components(index: Any) -> list:
    """The index as a list of components; Python lists become the arrays NumPy reads them as."""
    parts = list(index) if isinstance(index, tuple) else [index]
    out = []
    for part in parts:
        if isinstance(part, list):
            array = np.asarray(part)
            part = array.astype(np.intp) if array.size == 0 and array.dtype.kind == "f" else array
        out.append(part)
    return out


def _is_bool(part: Any) -> bool:
    return isinstance(part, (bool, np.bool_)) or (isinstance(part, np.ndarray) and part.dtype == bool)


def _is_integer(part: Any) -> bool:
    if _is_bool(part):
        return False
    return isinstance(part, (int, np.integer)) or (isinstance(part, np.ndarray) and part.dtype.kind in "iu")


def _integer_axes(shape: tuple[int, ...], parts: list) -> list[tuple[int, int]]:
    """(component position, axis of x it indexes) for each integer component."""
    used = sum(np.ndim(p) if _is_bool(p) else 0 if p is None or p is Ellipsis else 1 for p in parts)
    axis, found = 0, []
    for position, part in enumerate(parts):
        if part is None:
            continue
        if part is Ellipsis:
            axis += len(shape) - used
        elif _is_bool(part):
            axis += np.ndim(part)
        else:
            if _is_integer(part) and axis < len(shape):
                found.append((position, axis))
            axis += 1
    return found


def _in_bounds(values: Any, size: int) -> np.ndarray:
    values = np.asarray(values)
    return (values >= -size) & (values < size) if values.dtype.kind == "i" else values < size


def as_jax_reads(values: Any, size: int) -> Any:
    """An index array as JAX reads it: negative entries counted from the end, then converted to int32
    keeping the low 32 bits (2**32 + 1 reads 1; an unsigned 2**32 - 1 reads -1, which is then out of
    bounds, not counted from the end). Python ints are static and kept as they are."""
    if not isinstance(values, np.ndarray):
        return values
    wide = values.astype(object)
    low = np.where(wide < 0, wide + size, wide) & 0xFFFFFFFF
    wide = np.asarray(low, dtype=np.int64).reshape(np.shape(values))
    return np.where(wide >= 2**31, wide - 2**32, wide)


def _wraps(example: Example) -> bool:
    """Some index array entry changes when JAX converts it to int32."""
    if not _is_update(example):
        return False
    x, index, _, _ = _parts(example)
    parts = _components(index)
    try:
        axes = _integer_axes(x.shape, parts)
    except (IndexError, TypeError, ValueError):
        return False
    def changes(values: np.ndarray, size: int) -> bool:
        wide = values.astype(object)
        return bool(np.any(as_jax_reads(values, size) != np.where(wide < 0, wide + size, wide)))

    return any(isinstance(parts[p], np.ndarray) and changes(parts[p], x.shape[a]) for p, a in axes)


def target_positions(shape: tuple[int, ...], index: Any, *, clip: bool, jax_reads: bool = False
                     ) -> tuple[np.ndarray, np.ndarray]:
    """The flat position in x of each element of x[index], and whether it is in bounds.

    With `jax_reads`, index arrays are first read as JAX reads them (`as_jax_reads`). Integer components
    are wrapped from the end, then clipped into range (`clip`) or sent to a sentinel
    row of a padded array that reads -1 (out of bounds). Raises as NumPy does for an index that is
    wrong in structure (too many indices, a mask of the wrong shape).
    """
    parts = _components(index)
    padded = list(shape)
    for position, axis in _integer_axes(shape, parts):
        size = shape[axis]
        values = np.asarray(parts[position])
        if jax_reads and isinstance(parts[position], np.ndarray):  # already counted from the end
            values = as_jax_reads(values, size)
            inside = (values >= 0) & (values < size)
        else:
            inside = _in_bounds(values, size)
        wide = np.where(inside, values, 0).astype(np.int64)
        wide = np.where(wide < 0, wide + size, wide)
        if clip and size:  # an empty axis has nothing to clip to: its updates are dropped
            below = (values < 0) if values.dtype.kind == "i" else np.zeros(values.shape, bool)
            wrapped = np.where(inside, wide, np.where(below, 0, size - 1))
        else:
            padded[axis] = size + 1
            wrapped = np.where(inside, wide, size)
        parts[position] = wrapped if isinstance(parts[position], np.ndarray) else int(wrapped)
    base = np.full(padded, -1, dtype=np.int64)
    base[tuple(slice(0, n) for n in shape)] = np.arange(int(np.prod(shape)), dtype=np.int64).reshape(shape)
    positions = base[tuple(parts)]
    return positions, positions >= 0


def has_out_of_bounds(shape: tuple[int, ...], index: Any) -> bool:
    parts = _components(index)
    return any(not np.all(_in_bounds(parts[p], shape[a])) for p, a in _integer_axes(shape, parts))


def _has_repeats(example: Example) -> bool:
    x, index, _, _ = _parts(example)
    try:
        positions, valid = target_positions(x.shape, index, clip=False)
    except (IndexError, TypeError, ValueError):
        return False
    written = positions[valid]
    return len(np.unique(written)) < written.size


# -- JAX's documented update, computed with NumPy ------------------------------------------------------
def _cast_like_jax(v: Any, dtype: np.dtype, x64: bool) -> tuple[np.ndarray, np.ndarray]:
    """The update values as JAX reads them into x's dtype (before combining), and where that cast is
    implementation-defined (a NaN, infinite or out-of-range float into an integer). A Python int in the
    dtype's range is exact (2**32 - 1 into uint32, beyond the default int32); one out of it wraps if it
    fits JAX's default integer; otherwise JAX raises OverflowError."""
    if isinstance(v, (bool, int)) and not isinstance(v, np.generic) and dtype.kind in "iu":
        limit = 2**63 if x64 else 2**31
        if np.iinfo(dtype).min <= v <= np.iinfo(dtype).max:
            return np.array(v, dtype=dtype), np.zeros((), bool)
        if not -limit <= v < limit:
            raise OverflowError(f"Python int {v} too large to convert")
        return np.array(v, dtype=np.int64).astype(dtype), np.zeros((), bool)
    source = np.asarray(v)
    if source.dtype.kind == "c" and dtype.kind != "c":
        source = source.real
    free = np.zeros(source.shape, bool)
    if source.dtype.kind in "fV" and dtype.kind in "iu":
        wide = source.astype(np.float64)
        info = np.iinfo(dtype)
        free = ~np.isfinite(wide) | (wide < float(info.min)) | (wide >= float(info.max) + 1)
        source = np.where(free, 0, np.trunc(wide))
    with np.errstate(all="ignore"):
        return source.astype(dtype), free


def _result_dtype(x: np.ndarray, method: str) -> np.dtype:
    """JAX divides and raises to powers with `jnp.divide(x, ...)` and `jnp.power(x, ...)`: their dtype."""
    if method not in ("divide", "power"):
        return x.dtype
    fn = jax.numpy.divide if method == "divide" else jax.numpy.power
    spec = jax.ShapeDtypeStruct(x.shape, x.dtype)
    return np.dtype(jax.eval_shape(fn, spec, spec).dtype)


def documented_update(example: Example) -> Outcome:
    x, index, v, mode = _parts(example)
    method = _method(example)
    try:
        with np.errstate(all="ignore"):
            value = _documented_value(x, index, v, mode, method, example.env.x64)
            if _divided_by_a_constant(example):  # x * (1 / v) too, as NUM-DIVIDE-BY-BROADCAST-SCALAR-...
                quotients = reciprocal_quotients(x, np.asarray(v, x.dtype), floor=False)
                value = replace(value, choices=(*value.choices, *(
                    np.where(_written(x, index, mode), np.broadcast_to(q, x.shape), value.array)
                    .astype(x.dtype) for q in quotients)))
            return Outcome((value,))
    except (IndexError, TypeError, ValueError, OverflowError) as exc:
        return Outcome(error=Raised.of(exc))


def _lax_extreme(method: str):
    """lax.max / lax.min of two floats, with lax's order of zeros (signed_zeros.py: the rule of
    SZ-MAXIMUM-ORDERS-ZEROS), NaN propagating."""
    rule, ufunc = (largest_zero, np.maximum) if method == "max" else (smallest_zero, np.minimum)

    def combine(a: float, b: float) -> float:
        x, y = np.float64(a), np.float64(b)
        return float(rule(x, y, ufunc(x, y)))
    return combine


def _at_extreme_zero_signs(example: Example) -> Outcome | None:
    """.at[].max/min of a real float array as XLA's scatter combines it, one update after another with
    lax's order of zeros; NumPy's values kept where its result is not zero. None where it does not apply."""
    if not _is_update(example) or _method(example) not in ("max", "min") or example.numpy.raised:
        return None
    x, index, v, mode = _parts(example)
    value = example.numpy.values[0]
    if kind_of(x.dtype) != "f" or value.dtype != x.dtype:
        return None
    try:
        positions, valid = target_positions(x.shape, index, clip=mode == "clip", jax_reads=True)
        written = np.broadcast_to(np.asarray(v, x.dtype), positions.shape)
    except (IndexError, TypeError, ValueError):
        return None
    running = x.astype(np.float64).reshape(-1)
    combine = _lax_extreme(_method(example))
    for target, w in zip(positions[valid].tolist(), written[valid].astype(np.float64).tolist(), strict=True):
        running[target] = combine(running[target], w)
    model = np.where(value.array == 0, running.reshape(x.shape).astype(x.dtype), value.array)
    return replace(example.numpy, values=(replace(value, array=model.astype(x.dtype)),), warnings=())


def _at_extreme_orders_zeros(example: Example) -> bool:
    model = _at_extreme_zero_signs(example)
    return model is not None and bool(np.any(
        np.signbit(model.values[0].array.astype(np.float64)) != np.signbit(
            example.numpy.values[0].array.astype(np.float64))))


def _complex_extreme_with_nan(example: Example) -> bool:
    """.at[].min/max of a complex x where x or the updates hold a NaN part, NumPy not refusing."""
    if not (_is_update(example) and _method(example) in ("min", "max")) or example.numpy.raised:
        return False
    x, _, v, _ = _parts(example)
    return x.dtype.kind == "c" and any(bool(np.isnan(np.asarray(a)).any()) for a in (x, v))


def _lexicographic_scatter(example: Example, outcome: Outcome) -> Outcome:
    """Each update in index order: the current value where it compares greater (min: less) than the
    update in JAX's lexicographic order (real parts, then imaginary; False with a NaN), else the update
    (NUM-COMPLEX-MINMAX-NAN's select, as lax.max/min combine in the scatter)."""
    if outcome.raised:
        return outcome
    x, index, v, mode = _parts(example)
    positions, valid = target_positions(x.shape, index, clip=mode == "clip", jax_reads=True)
    values = np.broadcast_to(np.asarray(v, x.dtype), positions.shape)[valid]
    flat = x.reshape(-1).copy()
    op = np.greater if _method(example) == "max" else np.less
    real = cf.real_dtype(x.dtype)
    for position, update in zip(positions[valid], values, strict=True):
        keeps = cf.lexicographic(op, cf.split(flat[position], real), cf.split(update, real))
        flat[position] = flat[position] if keeps else update  # a select: the bits as they are
    return replace(outcome, values=(replace(outcome.values[0], array=flat.reshape(x.shape)),))


def _written(x: np.ndarray, index, mode) -> np.ndarray:
    """Where the update writes (a mask of x's shape)."""
    positions, valid = target_positions(x.shape, index, clip=mode == "clip", jax_reads=True)
    mask = np.zeros(x.size, bool)
    mask[positions[valid]] = True
    return mask.reshape(x.shape)


def _documented_value(x, index, v, mode, method, x64) -> Value:
    positions, valid = target_positions(x.shape, index, clip=mode == "clip", jax_reads=True)
    flat = x.reshape(-1).copy()
    if method == "apply":
        np.square.at(flat, positions[valid])
        return Value(flat.reshape(x.shape))
    # JAX promotes x and the values, combines in that dtype, and casts the result to x's dtype once
    # (jax/_src/ops/scatter.py, _scatter_impl: promote_dtypes, scatter, _convert_element_type); divide
    # and power keep their own path below.
    work = _promoted(x.dtype, v) if method not in ("divide", "power") else x.dtype
    values, loose = _cast_like_jax(v, work, x64)
    values = np.broadcast_to(values, positions.shape)  # JAX never drops a dimension of the update
    loose = np.broadcast_to(loose, positions.shape)
    targets, written = positions[valid], values[valid]
    free = np.zeros(flat.shape, bool)
    free[targets[loose[valid]]] = True
    if method == "set":
        combined = flat.astype(work)
        combined[targets] = written
        out, cast_free = _cast_like_jax(combined, x.dtype, x64)
        return Value(out.reshape(x.shape), free=(free | cast_free).reshape(x.shape),
                     choices=tuple(_cast_like_jax(c, x.dtype, x64)[0] for c in
                                   _alternatives(combined, targets, written, x.shape)))
    if method in ("divide", "power"):  # x / prod(updates), x ** prod(updates), as JAX implements them
        factors = _products(flat, targets, written)
        dtype = _result_dtype(x, method)
        if method == "power" and dtype.kind in "biu":
            out = jax_integer_power(flat.astype(dtype), factors.astype(dtype))
        else:
            combine = np.true_divide if method == "divide" else np.power
            out = combine(flat.astype(dtype), factors.astype(dtype)).astype(dtype)
        if method == "divide" and dtype.kind == "c":
            # where x or p has a non-finite part, p is zero, x or the quotient has a zero part (whose signs
            # XLA's formula decides: (1+1j) / (-0+0j) is -inf-infj, 0j / -1j is -0+0j), the quotient
            # is XLA's (NUM-COMPLEX-DIVISION-NONFINITE)
            special = _xla_quotient_positions(flat, factors) | (out.real == 0) | (out.imag == 0)
            if np.any(special):
                real = cf.real_dtype(dtype)
                quotient = cf.divide(cf.split(flat, real), cf.split(factors, real))
                out = np.where(special, cf.join(quotient, dtype), out)
        return Value(out.reshape(x.shape), free=free.reshape(x.shape))
    ufunc = {"add": np.add, "subtract": np.subtract, "multiply": np.multiply,
             "min": np.minimum, "max": np.maximum}[method]
    combined = flat.astype(work)
    ufunc.at(combined, targets, written)
    out, cast_free = _cast_like_jax(combined, x.dtype, x64)
    return Value(out.reshape(x.shape), free=(free | cast_free).reshape(x.shape))


def _products(flat: np.ndarray, targets: np.ndarray, written: np.ndarray) -> np.ndarray:
    """The product of the values written at each position (1 elsewhere), in index order: JAX's
    scatter_mul. Complex products as XLA computes them, each update times the product so far
    (SPECIAL-COMPLEX-MULTIPLY-FUSED's formula: an overflowing product can be -inf+infj where NumPy's
    is -inf+nanj)."""
    factors = np.ones_like(flat)
    if flat.dtype.kind != "c":
        np.multiply.at(factors, targets, written)
        return factors
    for target, value in zip(targets.tolist(), written, strict=True):
        factors[target] = fused_complex_multiply(value, factors[target], flat.dtype)
    return factors


def jax_integer_power(base: np.ndarray, exponent: np.ndarray) -> np.ndarray:
    """jnp.power of two integer arrays of one dtype as JAX computes it (jax/_src/numpy/ufuncs.py,
    _pow_int_int): binary exponentiation over the exponent's low 6 bits (its two's complement for a
    negative one), wrapping in the dtype; 0 where the base is 0 and the exponent is not. So 2 ** 64 is 1
    and 3 ** -1 is 3 ** 63, wrapped: exact, where NumPy refuses or wraps otherwise."""
    from conformance.catalogue.dtypes import wrap_int

    dtype = base.dtype
    bits = dtype.itemsize * 8
    flat = [0 if b == 0 and e != 0 else wrap_int(pow(int(b), int(e) & 63, 2**bits), dtype)
            for b, e in zip(base.ravel().tolist(), exponent.ravel().tolist(), strict=True)]
    return np.array(flat, dtype=dtype).reshape(base.shape)


def _promoted(dtype: np.dtype, v: Any) -> np.dtype:
    """The dtype JAX combines x and the update values in: jnp's promotion, Python scalars weak."""
    if isinstance(v, (bool, int)) and not isinstance(v, np.generic) and dtype.kind in "iu":
        return dtype  # in range, JAX reads it as x's dtype; out of range, _cast_like_jax decides
    operand = v if isinstance(v, (bool, int, float, complex)) and not isinstance(v, np.generic) \
        else np.asarray(v).dtype
    return np.dtype(jax.numpy.result_type(dtype, operand))


def _alternatives(flat: np.ndarray, targets: np.ndarray, written: np.ndarray,
                  shape: tuple[int, ...]) -> tuple[np.ndarray, ...]:
    """For `set`: the k-th alternative holds, at each position written more than once, the k-th value
    written there (JAX does not say which write wins, only that one of them does)."""
    by_target = defaultdict(list)
    for target, value in zip(targets.tolist(), written, strict=True):
        by_target[target].append(value)
    most = max((len(values) for values in by_target.values()), default=1)
    if most < 2:
        return ()
    alternatives = []
    for k in range(most):
        choice = flat.copy()
        for target, values in by_target.items():
            choice[target] = values[min(k, len(values) - 1)]
        alternatives.append(choice.reshape(shape))
    return tuple(alternatives)


def _documented(example: Example, outcome: Outcome) -> Outcome:
    return documented_update(example)


def _broadcast_set_flushed(example: Example, outcome: Outcome) -> Outcome:
    """The documented update, each written position also its value flushed (XLA's CPU scatter of a
    broadcast bfloat16 update flushes the update's subnormals for some shapes and not others)."""
    x, index, _, mode = _parts(example)
    value = documented_update(example).values[0]
    written = _written(x, index, mode)
    flushed = tuple(np.where(written, flush_subnormals(c), c).astype(x.dtype)
                    for c in (value.array, *value.choices))
    return Outcome((replace(value, choices=(*value.choices, *flushed)),))


# -- triggers ------------------------------------------------------------------------------------------
def _is_update(example: Example) -> bool:
    """An `.at[]` example on which JAX gets to its update (every update entry's first condition)."""
    return "at-update" in example.case.tags and not _scalar_into_empty_axis(example)


def _element_set_from_array(example: Example) -> bool:
    """A set into one element from an array v, where NumPy's setitem (bfloat16's, complex's) asked for a
    number."""
    error, v = example.numpy.error, _parts(example)[2]
    return (_is_update(example) and _method(example) == "set" and np.ndim(v) > 0 and error is not None
            and error.type == "TypeError" and re.search(_NUMBER_WANTED, error.message) is not None)


_NUMBER_WANTED = r"expected number, got numpy\.ndarray|only 0-dimensional arrays can be converted"


def _scalar_into_empty_axis(example: Example) -> bool:
    """x[i, j, ...] with every integer component 0-d (slices and an ellipsis beside them), one of them
    on an axis of size 0: jax.numpy refuses it with IndexError ("index is out of bounds for axis 0
    with size 0") in every mode, as NumPy does (seen with jax 0.10.2)."""
    x, index, _, _ = _parts(example)
    parts = [p for p in _components(index) if p is not None]  # newaxis consumes no axis of x
    integers = [p for p in parts if p is not Ellipsis and not isinstance(p, slice)]
    if not integers or not all(_is_integer(p) and np.ndim(p) == 0 for p in integers) \
            or len(parts) - (Ellipsis in parts) > x.ndim:
        return False
    cut = parts.index(Ellipsis) if Ellipsis in parts else len(parts)
    axes = [*range(cut), *range(x.ndim - (len(parts) - cut - 1), x.ndim)] if Ellipsis in parts \
        else list(range(len(parts)))
    parts = [p for p in parts if p is not Ellipsis]
    return any(x.shape[a] == 0 for a, p in zip(axes, parts, strict=True) if not isinstance(p, slice))



def _out_of_bounds(example: Example) -> bool:
    if not _is_update(example):
        return False
    x, index, _, _ = _parts(example)
    try:
        return has_out_of_bounds(x.shape, index)
    except (IndexError, TypeError, ValueError):
        return False


def _oob_scatter(modes: tuple) -> Any:
    return lambda e: (_is_update(e) and _method(e) != "get" and _parts(e)[3] in modes and _out_of_bounds(e)
                      and not _wraps(e))


def _set_repeats(example: Example) -> bool:
    return _is_update(example) and _method(example) == "set" and _has_repeats(example)


def _broadcast_bfloat16_subnormal_set(example: Example) -> bool:
    """A set of bfloat16 x from an update array that broadcasts (fewer elements than it writes) and holds
    a subnormal."""
    if not (_is_update(example) and _method(example) == "set"):
        return False
    x, index, v, mode = _parts(example)
    if x.dtype != ml_dtypes.bfloat16 or not isinstance(v, np.ndarray) or v.dtype != x.dtype:
        return False
    tiny = np.abs(v.astype(np.float32))
    subnormal = ((tiny > 0) & (tiny < np.finfo(ml_dtypes.bfloat16).smallest_normal)).any()
    return bool(subnormal) and 0 < v.size < np.asarray(x[index]).size


def _augmented_repeats(example: Example) -> bool:
    return "augmented-setitem" in example.case.tags and _has_repeats(example)


def _foreign_values(example: Example) -> bool:
    """Update values of a dtype that x's dtype cannot hold exactly (NumPy combines first, then casts)."""
    if not _is_update(example) or "takes-value" not in example.case.tags:
        return False
    x, _, v, _ = _parts(example)
    if isinstance(v, (bool, int)) and not isinstance(v, np.generic):
        return x.dtype.kind in "iu" and not np.iinfo(x.dtype).min <= v <= np.iinfo(x.dtype).max
    return not np.can_cast(np.result_type(x.dtype, np.asarray(v).dtype), x.dtype, casting="same_kind")


def _uint64_with_a_python_int(example: Example) -> bool:
    """A ufunc.at update (add, subtract, multiply, min, max) of a uint64 array by a Python int in its
    range: NumPy's ufunc.at reads the int as int64, and uint64 with int64 is float64 to it."""
    if not _is_update(example) or _method(example) not in ("add", "subtract", "multiply", "min", "max"):
        return False
    x, _, v, _ = _parts(example)
    return (x.dtype == np.uint64 and isinstance(v, int) and not isinstance(v, (bool, np.generic))
            and 0 <= v <= np.iinfo(np.uint64).max)


def _empty_region_any_value(example: Example) -> bool:
    """A ufunc-style update of an empty region that NumPy refuses (the value does not broadcast)."""
    if not _is_update(example) or "takes-value" not in example.case.tags or not example.numpy.raised:
        return False
    x, index, _, _ = _parts(example)
    try:
        return target_positions(x.shape, index, clip=False)[0].size == 0
    except (IndexError, TypeError, ValueError):
        return False


def _bool_values(v: Any) -> bool:
    return isinstance(v, bool | np.bool_) or (isinstance(v, np.ndarray) and v.dtype == bool)


def _fits_region(shape: tuple[int, ...], index: Any, v: Any) -> bool:
    """Whether v broadcasts to x[idx] (True where NumPy refuses the index itself)."""
    try:
        region = np.empty(shape)[index].shape
    except (IndexError, TypeError, ValueError, OverflowError):
        return True
    try:
        return np.broadcast_shapes(np.shape(v), region) == region
    except ValueError:
        return False


def _arithmetic_on(kinds: str, methods: tuple[str, ...]) -> Any:
    """An update by one of `methods` of an x of one of `kinds` that scatters something: an update of
    an empty region is skipped before JAX checks the dtype (it returns x)."""
    def trigger(e: Example) -> bool:
        if not (_is_update(e) and _method(e) in methods and _parts(e)[0].dtype.kind in kinds):
            return False
        x, index, v, _ = _parts(e)
        if kinds == "b" and not _bool_values(v):
            return False  # bool x with number values: JAX promotes, combines, casts back (no refusal)
        if not _fits_region(x.shape, index, v):
            return False  # a value that does not fit x[idx]: both refuse its shape first
        try:
            return target_positions(x.shape, index, clip=False)[0].size > 0
        except (IndexError, TypeError, ValueError):
            return True  # an index NumPy refuses: JAX's dtype check comes first
    return trigger


def _by_product(method: str) -> Any:
    """divide and power on integers (the dtype or the exponent rule changes), or at a repeated position
    (the product of the updates rounds, overflows and underflows differently from one at a time)."""
    return lambda e: _is_update(e) and _method(e) == method and (
        _parts(e)[0].dtype.kind in "biu" or _has_repeats(e))


def _update_products(example: Example) -> np.ndarray:
    """The product of the updates at each position of x (1 elsewhere): what JAX divides x by, or raises
    it to."""
    x, index, v, mode = _parts(example)
    dtype = np.complex128 if np.asarray(v).dtype.kind == "c" or x.dtype.kind == "c" else np.float64
    exponents = np.ones(x.size, dtype)
    positions, valid = target_positions(x.shape, index, clip=mode == "clip", jax_reads=True)
    with np.errstate(all="ignore"):
        values = np.broadcast_to(np.asarray(v, dtype=dtype), positions.shape)
        np.multiply.at(exponents, positions[valid], values[valid])
    return exponents.reshape(x.shape)


def _complex_power_special(example: Example) -> np.ndarray:
    """Complex x: where x ** (the product of the updates) has no documented value."""
    x = _parts(example)[0]
    return complex_power_special(x, _update_products(example).astype(x.dtype))


def _divided_by_a_constant(example: Example) -> bool:
    """Under jit, a float x divided by a Python float: XLA multiplies by the constant's reciprocal."""
    return (_is_update(example) and _method(example) == "divide" and example.mode == "jit"
            and type(_parts(example)[2]) is float and _parts(example)[0].dtype.kind == "f")


def _divide_of_product(example: Example) -> bool:
    """`_by_product("divide")`, or complex x where x or the product of the updates is not finite, or a
    float x divided by a constant under jit."""
    return _by_product("divide")(example) or _divided_by_a_constant(example) or (
        _is_update(example) and _method(example) == "divide" and _parts(example)[0].dtype.kind == "c"
        and bool(_xla_quotient_positions(_parts(example)[0], _update_products(example)).any()))


def _xla_quotient_positions(x: np.ndarray, factors: np.ndarray) -> np.ndarray:
    """Complex x / p where XLA's formula decides what NumPy's division does not match: a non-finite
    part in x or p, p zero, or a zero part in x (the quotient's signs of zero)."""
    return nonfinite_positions((x, factors)) | (factors == 0) | (x.real == 0) | (x.imag == 0)


def _power_of_product(example: Example) -> bool:
    """`_by_product("power")`, or complex x where the power is at a special value (jnp.power's)."""
    return _by_product("power")(example) or (
        _is_update(example) and _method(example) == "power" and _parts(example)[0].dtype.kind == "c"
        and bool(_complex_power_special(example).any()))


def _fits(example: Example) -> bool:
    """Whether v broadcasts to the indexed region: else JAX refuses the shapes first, as NumPy does
    (x.at[0].power(v) of int8 v = [-128]: ValueError, not the negative power's TypeError)."""
    x, index, v, mode = _parts(example)
    try:
        positions, _ = target_positions(x.shape, index, clip=mode == "clip", jax_reads=True)
        return np.broadcast_shapes(np.shape(v), positions.shape) == positions.shape
    except (ValueError, IndexError, TypeError):
        return False


def _power_model(example: Example) -> Outcome:
    """`documented_update` (integer powers exact, as JAX computes them: `jax_integer_power`); a
    negative integer exponent JAX reads concretely raises; complex x at a special value of the power
    has no value that JAX documents (C's cpow leaves it to the implementation)."""
    x, _, v, _ = _parts(example)
    negative = x.dtype.kind in "iu" and np.any(np.asarray(v) < 0) and _fits(example)
    if negative and example.jax.raised:  # an exponent JAX can read concretely: as in numerics
        return raises("TypeError", r"Integers cannot be raised to negative powers")(example, example.numpy)
    outcome = documented_update(example)
    if outcome.raised or x.dtype.kind != "c":
        return outcome
    value = outcome.values[0]
    free = _complex_power_special(example)
    # XLA's complex power is exp(y log x): NumPy's value within the bound its rounding allows
    real = cf.real_dtype(x.dtype)
    products = _update_products(example).astype(x.dtype)
    with np.errstate(all="ignore"):
        bound, _ = cf.power_error(cf.split(x, real), cf.split(products, real))
    bound = np.where(np.isfinite(bound), bound, 0.0)  # non-finite: the special values, free above
    return Outcome((replace(value, free=free if value.free is None else free | value.free, atol=bound),))


ARITHMETIC = ("add", "subtract", "multiply", "divide", "power")

ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="UPD-INDEX-WRAPS-TO-INT32", area="updates",
        title=".at[] updates read index entries beyond the int32 range modulo 2**32",
        numpy="raises IndexError for any entry outside [-n, n), however large",
        jax="converts index arrays to int32 keeping the low 32 bits (2**32 + 1 updates position 1, an "
            "unsigned 2**32 - 1 counts from the end); what is still out of bounds follows the mode",
        why="the scatter counterpart of IDX-INDEX-WRAPS-TO-INT32: jax.numpy converts index arrays to the "
            "narrowest signed index type for the array's shape before handling bounds",
        source="observed by this suite, undocumented upstream (jax/_src/numpy/indexing.py)",
        condition="an update whose index array holds an entry that changes when converted to int32",
        kinds=("error-parity", "values"), trigger=_wraps, outputs=_documented, undefined=CAST_UNDEFINED,
    ),
    KnownDivergence(
        id="UPD-OOB-SCATTER-DROPPED", area="updates",
        title=".at[] updates drop out-of-bounds indices (default, promise_in_bounds, drop and fill modes)",
        numpy="x[idx] = v and ufunc.at raise IndexError for an out-of-bounds index",
        jax="returns x with the updates at out-of-bounds positions left out; the others are applied",
        why="XLA's scatter has no error path: with the default mode ('promise_in_bounds' in practice) and "
            "with 'drop'/'fill' the out-of-bounds updates are skipped",
        source=AT_DOCS, condition="an update whose integer index holds a position outside x",
        kinds=("error-parity",), trigger=_oob_scatter((None, "promise_in_bounds", "drop", "fill")),
        outputs=_documented, undefined=CAST_UNDEFINED,
    ),
    KnownDivergence(
        id="UPD-OOB-SCATTER-CLIPPED", area="updates",
        title=".at[] updates with mode='clip' clamp out-of-bounds indices into range",
        numpy="raises IndexError for an out-of-bounds index",
        jax="applies the update at the nearest position in bounds (after wrapping negative indices)",
        why="mode='clip' clamps scatter indices into the valid range", source=AT_DOCS,
        condition="an update with mode='clip' whose integer index holds a position outside x",
        kinds=("error-parity",), trigger=_oob_scatter(("clip",)), outputs=_documented,
        undefined=CAST_UNDEFINED,
    ),
    KnownDivergence(
        id="UPD-SET-REPEATED-ANY-WRITE-WINS", area="updates",
        title=".at[].set with repeated indices keeps one of the values written, not necessarily the last",
        numpy="x[idx] = v keeps the last value written to a repeated position (in practice)",
        jax="keeps one of the values written to each repeated position; which one is implementation-defined",
        why="the order in which conflicting updates are applied is implementation-defined and may be "
            "nondeterministic", source=AT_DOCS,
        condition="a set whose index names one position of x more than once",
        kinds=("values",), trigger=_set_repeats, outputs=_documented, undefined=CAST_UNDEFINED,
    ),
    KnownDivergence(
        id="UPD-BFLOAT16-BROADCAST-SET-FLUSHES", area="updates",
        title=".at[].set of bfloat16 from a broadcast update may write its subnormals as zero",
        numpy="x[idx] = v writes v's subnormal values as they are",
        jax="XLA's CPU scatter of a bfloat16 update that broadcasts writes its subnormals as zeros for "
            "some shapes (x[idx].set(v) of 3, 5, 6, 7, 9 or 10 rows from a row v of 2 or more elements; "
            "1, 2, 4, 8 or 16 rows, or a v of one element, keep them): each written subnormal is its "
            "value or a zero of its sign, x's own subnormals kept",
        why="the broadcast update is fused into the scatter through float32 (FTZ, NUM-SUBNORMAL-FLUSH) "
            "for the shapes XLA does not copy; seen on jax 0.10.2 and 0.12.0.1 alike",
        source="observed by this suite, undocumented upstream (flushing: "
               "https://github.com/jax-ml/jax/issues/16200)",
        condition="a set into bfloat16 x from a bfloat16 update array that broadcasts and holds a subnormal",
        kinds=("values",), platforms=("cpu",), trigger=_broadcast_bfloat16_subnormal_set,
        outputs=_broadcast_set_flushed, undefined=CAST_UNDEFINED,
    ),
    KnownDivergence(
        id="UPD-ELEMENT-SET-FROM-ARRAY-TYPEERROR", area="updates",
        title="Setting one bfloat16 or complex element from an array: NumPy raises TypeError, JAX ValueError",
        numpy="x[i] = v, i selecting one element and v an array of any shape (one element too): raises "
              "TypeError for a bfloat16 x (expected number, got numpy.ndarray) or a complex one (only "
              "0-dimensional arrays can be converted to Python scalars); ValueError for the other dtypes "
              "(setting an array element with a sequence)",
        jax="x.at[i].set(v) raises ValueError: Cannot broadcast to shape with fewer dimensions (v's shape "
            "against the element's ())",
        why="NumPy writes one element through the dtype's setitem, which for ml_dtypes' bfloat16 and for "
            "complex converts v to a Python number first; JAX broadcasts v to the indexed region's shape",
        source="observed by this suite, undocumented upstream (NumPy's and ml_dtypes' setitem; seen with "
               "numpy 2.4.6 and 2.5.5)",
        condition=".at[idx].set(v) where NumPy's x[idx] = v raises TypeError converting the array v to one "
                  "element (bfloat16 or complex x)",
        kinds=("error-kind",), trigger=_element_set_from_array,
        outputs=raises("ValueError", r"Cannot broadcast to shape with fewer dimensions"),
    ),
    KnownDivergence(
        id="UPD-ADD-REPEATED-ACCUMULATES", area="updates",
        title=".at[].add applies every update at a repeated index, like np.add.at, not like x[idx] += v",
        numpy="x[idx] += v reads x[idx] once and writes back: at a repeated position only one update counts",
        jax="x.at[idx].add(v) adds every update (np.add.at's semantics)",
        why="documented: 'if multiple indices refer to the same location, all updates will be applied'",
        source=AT_DOCS, condition="x[idx] += v where idx names one position of x more than once",
        kinds=("values",), trigger=_augmented_repeats, outputs=_documented, undefined=CAST_UNDEFINED,
    ),
    KnownDivergence(
        id="UPD-VALUES-CAST-TO-X-DTYPE-FIRST", area="updates",
        title=".at[] combines in the promoted dtype and casts to x's dtype once, silently",
        numpy="ufunc.at casts back to x's dtype after each update (3 + 0.5 + 0.5 into int gives 3); "
              "setitem refuses a Python int out of range (OverflowError) and a complex into a real array "
              "(TypeError)",
        jax="promotes x and the values, combines every update in that dtype and casts the result once "
            "(3 + 0.5 + 0.5 gives 4); takes the real part of a complex result for a real x; wraps a Python "
            "int that fits its default integer; a NaN, infinite or out-of-range float into an integer "
            "is undefined (NumPy's casting documentation: 'undefined behavior')",
        why="_scatter_impl promotes x and the values (promote_dtypes), scatters, then converts the result "
            "to x's dtype (lax._convert_element_type); JAX warns (FutureWarning) but converts",
        source="https://github.com/jax-ml/jax/blob/main/jax/_src/ops/scatter.py (_scatter_impl)",
        notes="The id is kept from when this entry's model cast the values first, which no release from "
              "jax 0.4.30 on did: reports/history.md showed JAX agreeing with NumPy where that model "
              "predicted otherwise.",
        condition="update values whose dtype x's dtype cannot hold (float into int, complex into real, a "
                  "Python int outside the dtype's range)",
        kinds=("values", "error-parity"), trigger=_foreign_values, outputs=_documented,
        undefined=CAST_UNDEFINED,
    ),
    KnownDivergence(
        id="UPD-DIVIDE-BY-PRODUCT", area="updates",
        title=".at[].divide divides by the product of the updates: a float array for integer x",
        numpy="np.divide.at on an integer array casts each quotient back to the integer dtype",
        jax="returns jnp.divide(x, p): a float array, where p is the product of the updates at each "
            "position (1 elsewhere); for complex x, where x or p has a non-finite part, p is zero or x "
            "has a zero part, jnp.divide's own quotient (as NUM-COMPLEX-DIVISION-NONFINITE)",
        why="JAX implements divide (and power) as jnp.divide(x, scatter_mul(ones, idx, v))",
        source="observed by this suite, undocumented upstream (jax/_src/numpy/array_methods.py)",
        condition=".at[].divide on a bool or integer array, with an index that names a position twice, on "
                  "a float array by a Python float under jit (where XLA multiplies by its reciprocal, as "
                  "NUM-DIVIDE-BY-BROADCAST-SCALAR-RECIPROCAL), or "
                  "on a complex array where x or the product of the updates has a non-finite part, the "
                  "product is zero or x has a zero part (XLA's complex division decides signs of zero)",
        kinds=("dtype", "values", "error-parity"), trigger=_divide_of_product,
        outputs=_documented, undefined=CAST_UNDEFINED,
    ),
    KnownDivergence(
        id="UPD-POWER-IS-POWER-OF-PRODUCT", area="updates",
        title=".at[].power raises x to the product of the updates at a position",
        numpy="np.power.at applies each exponent in turn, and refuses negative integer exponents",
        jax="returns jnp.power(x, p), p the product of the updates at each position: for integers "
            "binary exponentiation over p's low 6 bits, wrapping (2 ** 64 is 1; a negative p is read "
            "in two's complement, so 3 ** -1 is 3 ** 63 wrapped), not an error; bool x gives int32; a "
            "negative exponent JAX can read concretely raises TypeError (as "
            "NUM-INT-NEGATIVE-POWER-CONCRETE-EXPONENT); complex x ** p at a zero base, a non-finite "
            "operand or an overflow has no defined value (as NUM-COMPLEX-POWER-SPECIAL-VALUES)",
        why="JAX implements power as jnp.power(x, scatter_mul(ones, idx, v))",
        source="observed by this suite, undocumented upstream (jax/_src/numpy/array_methods.py)",
        condition=".at[].power on a bool or integer array, with an index that names a position twice, or "
                  "on a complex array where x ** p is at a special value of NUM-COMPLEX-POWER-SPECIAL-VALUES",
        kinds=("dtype", "values", "error-parity", "error-kind"), trigger=_power_of_product,
        outputs=lambda example, _outcome: _power_model(example), undefined=CPOW_UNDEFINED,
    ),
    KnownDivergence(
        id="UPD-UINT64-PYTHON-INT-EXACT", area="updates",
        title=".at[] updates of a uint64 array by a Python int stay exact where NumPy's ufunc.at rounds",
        numpy="ufunc.at converts the Python int to int64 before NEP 50's weak-scalar rule, and uint64 with "
              "int64 promotes to float64: np.multiply.at(x, [0, 0], 94906267) on uint64 [1] gives "
              "9007199515875288 (float64's rounding), even np.subtract.at(x, [0], 0) turns 2**53 + 1 into "
              "2**53",
        jax="reads the Python int as weakly typed, so as uint64, and combines exactly in uint64 "
            "(9007199515875289)",
        why="uint64 with a signed integer has no integer type in NumPy's promotion table; NEP 50 fixed it "
            "for plain ufunc calls, not for ufunc.at",
        source="observed by this suite (numpy 2.4); NumPy's uint64/int64 promotion: "
               "https://github.com/numpy/numpy/issues/5745 (closed in favour of gh-20905)",
        condition=".at[].add/subtract/multiply/min/max of a uint64 array with a Python int value",
        kinds=("values",), trigger=_uint64_with_a_python_int, outputs=_documented,
    ),
    KnownDivergence(
        id="UPD-MAX-MIN-ORDER-ZEROS", area="updates",
        title=".at[].max and .min order -0.0 below +0.0",
        numpy="np.maximum.at / np.minimum.at keep one of two equal zeros by the loop's operand order: "
              "maximum.at of [0.0] with -0.0 gives -0.0 in bfloat16",
        jax="scatters with lax.max / lax.min, one update after another: of two zeros, max is +0.0 unless "
            "both are -0.0, min is -0.0 unless both are +0.0 (SZ-MAXIMUM-ORDERS-ZEROS); every other value "
            "as NumPy",
        why="XLA's scatter combines with the same max/min as lax.max, whose order of zeros is its own",
        source="observed by this suite, undocumented upstream; the order of signed zeros is unspecified "
               "(https://github.com/data-apis/array-api/pull/751)",
        condition=".at[].max/min of a real float array where a result is a zero whose sign lax's order "
                  "gives otherwise",
        kinds=("values",), trigger=_at_extreme_orders_zeros,
        outputs=lambda example, outcome: (_at_extreme_zero_signs(replace(example, numpy=outcome))
                                          or outcome),
    ),
    KnownDivergence(
        id="UPD-COMPLEX-MIN-MAX-NAN-LEXICOGRAPHIC", area="updates",
        title=".at[].min and .max of complex values do not propagate NaN",
        numpy="np.minimum.at / np.maximum.at return the NaN operand: minimum.at of [0j] with 1+nanj "
              "gives 1+nanj",
        jax="combines each update with lax.min / lax.max, a select on JAX's lexicographic order in which "
            "every comparison with NaN is False (NUM-COMPLEX-MINMAX-NAN): [0j].at[0].min(1+nanj) is 0j",
        why="XLA's scatter combines with the same min/max as lax.min/max, which for complex numbers lower "
            "to a select on that comparison",
        source="observed by this suite, undocumented upstream (jax/_src/interpreters/mlir.py, "
               "_minmax_hlo)",
        condition=".at[].min/max of a complex array where x or the updates hold a NaN part (updates "
                  "combined in index order)",
        kinds=("values",), trigger=_complex_extreme_with_nan, outputs=_lexicographic_scatter,
    ),
    KnownDivergence(
        id="UPD-EMPTY-REGION-ACCEPTS-ANY-VALUE", area="updates",
        title=".at[] updates of an empty region accept a value of any shape",
        numpy="ufunc.at (and setitem) raise ValueError when the value does not broadcast into x[idx], even "
              "an empty x[idx]",
        jax="returns x unchanged: nothing is scattered, so the value's shape is never checked",
        why="the ufunc.at counterpart of BCAST-SET-EMPTY-REGION-ACCEPTS-ANY (which covers setitem)",
        source="observed by this suite, undocumented upstream",
        condition="an update of an empty region with a value that does not broadcast into it",
        kinds=("error-parity",), trigger=_empty_region_any_value,
        outputs=lambda example, outcome: Outcome((Value(
            _parts(example)[0].astype(_result_dtype(_parts(example)[0], _method(example)))),)),
    ),
    KnownDivergence(
        id="UPD-BOOL-ARITHMETIC-REFUSED", area="updates",
        title=".at[].add, multiply, divide and power refuse a bool array",
        numpy="np.add.at and np.multiply.at on bool compute logical or / and; divide and power cast back",
        jax="raises TypeError: XLA's scatter-add and scatter-mul do not accept bool",
        why="scatter_add and scatter_mul are defined for numbers only",
        source="observed by this suite, undocumented upstream",
        condition=".at[].add/multiply/divide/power on a bool array, with a region that is not empty",
        kinds=("error-parity", "error-kind"), trigger=_arithmetic_on("b", ARITHMETIC),
        outputs=raises("TypeError", r"does not accept dtype bool"),
    ),
)

"""The indexing area's cases: `x[index]`, `jnp.take`, `jnp.take_along_axis` and `x.at[index].get`, each
mode a case; and `read`, a NumPy emulation of how JAX reads an index (its gather rule), which the NumPy
references of JAX-only modes and the catalogue's models share.

How JAX reads an integer index on an axis of size n (jax/_src/numpy/indexing.py): negative entries may
be normalized (v + n) before or after the index is converted to a 32-bit signed index type (which keeps
the low 32 bits), and an entry still outside [0, n) is clamped, filled or wrapped depending on the mode.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from conformance.case import Case

AREA = "indexing"


@dataclass(frozen=True, kw_only=True)
class GatherRule:
    """How one operation reads integer indices; `outside` is "clip", "fill" or "wrap"."""

    normalize_first: bool  # v + n for negative v in the index's own dtype, then the 32-bit conversion
    normalize_after: bool  # the conversion first, then v + n for negative v
    outside: str
    wraps_to_32_bits: bool = True  # False: NumPy's rule (no conversion), for the NumPy references


def wrap32(values: np.ndarray) -> np.ndarray:
    """The low 32 bits of each integer, read as two's complement (object arrays of Python ints)."""
    return (values + 2**31) % 2**32 - 2**31


def positions(v, size: int, rule: GatherRule) -> tuple[np.ndarray, np.ndarray]:
    """The positions `rule` reads for index values `v` on an axis of `size`, and where they are outside."""
    signed = not (isinstance(v, np.ndarray | np.generic) and np.asarray(v).dtype.kind == "u")
    p = np.asarray(v).astype(object)
    if rule.normalize_first and signed:
        p = np.where(p < 0, p + size, p)
    if rule.wraps_to_32_bits:
        p = wrap32(p)
    if rule.normalize_after:
        p = np.where(p < 0, p + size, p)
    outside = (p < 0) | (p >= size)
    if rule.outside == "clip":
        p = np.clip(p, 0, max(size - 1, 0))
    elif rule.outside == "wrap":
        p = p % size if size else p
    else:  # fill: outside entries are replaced by the caller; keep them castable to int64
        p = np.where(outside, 0, p)
    return np.asarray(p).astype(np.int64), np.asarray(outside, dtype=bool)


def default_fill(dtype: np.dtype):
    """JAX's documented fill value: NaN for inexact, the minimum for signed, the maximum for unsigned
    integers, True for bool."""
    dtype = np.dtype(dtype)
    if dtype.kind in "fcV":
        return np.nan
    if dtype.kind in "iu":
        return np.iinfo(dtype).min if dtype.kind == "i" else np.iinfo(dtype).max
    return True


def _is_integer_part(part) -> bool:
    if isinstance(part, bool | np.bool_) or part is None or part is Ellipsis:
        return False
    if isinstance(part, int | np.integer):
        return True
    return isinstance(part, np.ndarray | list) and np.asarray(part).dtype.kind in "iu"


def _consumed(part) -> int:
    if part is None or part is Ellipsis or isinstance(part, bool | np.bool_):
        return 0
    if isinstance(part, np.ndarray | list) and np.asarray(part).dtype == bool:
        return np.ndim(part)
    return 1


def too_many_indices(shape: tuple[int, ...], index) -> bool:
    """The index consumes more axes than `shape` has (IndexError to NumPy and JAX alike)."""
    parts = index if isinstance(index, tuple) else (index,)
    return sum(_consumed(p) for p in parts) > len(shape)


def index_axes(shape: tuple[int, ...], index) -> list[tuple[object, int | None]]:
    """Each part of `index` with the axis it indexes (None for parts that do not index exactly one axis)."""
    parts = index if isinstance(index, tuple) else (index,)
    spare = len(shape) - sum(_consumed(p) for p in parts)
    axis, out = 0, []
    for part in parts:
        used = max(spare, 0) if part is Ellipsis else _consumed(part)
        out.append((part, axis if used == 1 and part is not Ellipsis and axis < len(shape) else None))
        axis += used
    return out


def read(x: np.ndarray, index, rule: GatherRule, fill_value=None):
    """`x[index]` read by `rule`: integer parts become positions; with "fill", each indexed axis gets one
    extra slot holding the fill value, where every outside position points."""
    x = np.asarray(x)
    rewritten, pads = [], [(0, 0)] * x.ndim
    parts = index_axes(x.shape, index)
    arrays = [i for i, (part, axis) in enumerate(parts) if axis is not None and _is_integer_part(part)
              and isinstance(part, np.ndarray | list)]
    if arrays:  # broadcast the index arrays first: an empty broadcast reads nothing, so nothing is outside
        shaped = np.broadcast_arrays(*(np.asarray(parts[i][0]) for i in arrays))
        for i, array in zip(arrays, shaped, strict=True):
            parts[i] = (array, parts[i][1])
    for part, axis in parts:
        if axis is None or not _is_integer_part(part):
            rewritten.append(part)
            continue
        p, outside = positions(part, x.shape[axis], rule)
        if rule.outside == "fill":
            p = np.where(outside, x.shape[axis], p)
            pads[axis] = (0, 1)
        rewritten.append(p if isinstance(part, np.ndarray | list) else int(p))
    if rule.outside == "fill":
        fill = default_fill(x.dtype) if fill_value is None else fill_value
        x = np.pad(x, pads, constant_values=np.array(fill).astype(x.dtype))
    return x[tuple(rewritten)]


def take(x, indices, axis, rule: GatherRule, fill_value=None):
    """`take(x, indices, axis)` read by `rule` (axis None: the flattened array)."""
    x = np.asarray(x)
    if axis is None:
        x, axis = x.ravel(), 0
    return read(x, (slice(None),) * (axis % max(x.ndim, 1)) + (np.asarray(indices),), rule, fill_value)


def take_along_axis(x, indices, axis, rule: GatherRule, fill_value=None):
    x = np.asarray(x)
    size = x.shape[axis]
    p, outside = positions(indices, size, rule)
    if rule.outside == "fill":
        p = np.where(outside, size, p)
        pads = [(0, 1) if a == axis % x.ndim else (0, 0) for a in range(x.ndim)]
        fill = default_fill(x.dtype) if fill_value is None else fill_value
        x = np.pad(x, pads, constant_values=np.array(fill).astype(x.dtype))
    return np.take_along_axis(x, p, axis)


# How JAX reads indices, per operation (the NumPy references use the same rules without the 32-bit step).
GETITEM_RULE = GatherRule(normalize_first=True, normalize_after=False, outside="clip")
FILL_RULE = GatherRule(normalize_first=True, normalize_after=False, outside="fill")
# take's clip and wrap act on the index's own values (a clamp or a modulo before the conversion): no
# 32-bit step there (jnp.take(x, uint32 [2**32 - 1], mode="clip") is the last element, jax 0.10.2).
TAKE_RULES = {"clip": GatherRule(normalize_first=False, normalize_after=False, outside="clip",
                                 wraps_to_32_bits=False),
              "wrap": GatherRule(normalize_first=False, normalize_after=False, outside="wrap",
                                 wraps_to_32_bits=False),
              "fill": FILL_RULE, None: FILL_RULE}
ALONG_RULES = {"clip": GatherRule(normalize_first=False, normalize_after=True, outside="clip"),
               "fill": GatherRule(normalize_first=False, normalize_after=True, outside="fill")}
ALONG_RULES[None] = ALONG_RULES["fill"]
AT_GET_RULES = {None: GETITEM_RULE, "clip": GETITEM_RULE, "fill": FILL_RULE}


def numpy_rule(rule: GatherRule) -> GatherRule:
    return GatherRule(normalize_first=rule.normalize_first, normalize_after=rule.normalize_after,
                      outside=rule.outside, wraps_to_32_bits=False)


@dataclass(frozen=True, kw_only=True)
class GatherCase(Case):
    """A case whose JAX side reads indices by `rule`; `emulate(args, rule)` is that read in NumPy."""

    rule: GatherRule = GETITEM_RULE
    emulate: Callable | None = None


GETITEM = GatherCase(
    name="x[idx]", area=AREA, fn=lambda xp, x, idx: xp.asarray(x)[idx], source="xp.asarray(x)[idx]",
    arg_names=("x", "idx"), tags=frozenset({"getitem"}), rule=GETITEM_RULE,
    emulate=lambda args, rule: read(args[0], args[1], rule),
)


# -- the NumPy references of JAX-only modes ---------------------------------------------------------------
# NumPy has no fill mode, no clip for take_along_axis, no modes for indexing: the reference is JAX's
# documented rule computed by NumPy (the rule without the 32-bit conversion, numpy_rule). Reproducers
# import these functions rather than inline the rule: they show exactly what the suite compared against,
# and `.at[idx].get` takes any index (slices, None, masks, several arrays), whose inline NumPy equivalent
# would be all of `read`.
def reference_take(x, idx, axis, mode):
    """`jnp.take(x, idx, axis=axis, mode=mode)` as JAX documents it, computed by NumPy."""
    return take(x, idx, axis, numpy_rule(TAKE_RULES[mode]))


def reference_take_along_axis(x, idx, axis, mode):
    """`jnp.take_along_axis(x, idx, axis, mode=mode)` as JAX documents it, computed by NumPy."""
    return take_along_axis(x, idx, axis, numpy_rule(ALONG_RULES[mode]))


def reference_at_get(x, idx, mode, fill_value=None):
    """`x.at[idx].get(mode=mode, fill_value=fill_value)` as JAX documents it, computed by NumPy."""
    return read(x, idx, numpy_rule(AT_GET_RULES[mode]), fill_value)


def _imports(name: str, rule: str) -> tuple[str, ...]:
    return (f"# NumPy has no such mode: its side is JAX's documented rule computed by NumPy ({rule}),",
            "# the suite's own reference (conformance/cases/indexing.py), exactly what it compared against",
            f"from conformance.cases.indexing import {name}")


_OUTSIDE = {"clip": "entries outside the axis are clipped into it",
            "fill": "entries outside the axis read as the fill value (NaN; the integer minimum, maximum "
                    "if unsigned; True)"}


def _take_case(mode) -> GatherCase:
    rule = TAKE_RULES.get(mode, GETITEM_RULE)
    numpy_mode = "raise" if mode is None else mode
    reference = lambda x, i, axis: np.take(x, i, axis=axis, mode=numpy_mode)  # noqa: E731
    numpy_source, imports = f"np.take(x, idx, axis=axis, mode={numpy_mode!r})", ()
    if mode == "fill":  # NumPy has no fill mode
        reference = lambda x, i, axis: reference_take(x, i, axis, mode)  # noqa: E731
        numpy_source = f"reference_take(x, idx, axis, {mode!r})"
        imports = _imports("reference_take", "negative entries count from the end, and " + _OUTSIDE[mode])
    return GatherCase(
        name=f"take mode={mode}", area=AREA, arg_names=("x", "idx", "axis"),
        fn=lambda xp, x, i, axis: xp.take(x, i, axis=axis, mode=mode),
        source=f"xp.take(x, idx, axis=axis, mode={mode!r})" if mode else "xp.take(x, idx, axis=axis)",
        numpy_reference=reference, numpy_source=numpy_source, imports=imports,
        tags=frozenset({"take", f"mode:{mode}"}), rule=rule,
        emulate=lambda args, rule: take(*args, rule),
    )


def _along_case(mode) -> GatherCase:
    rule = ALONG_RULES[mode]
    if mode is None:
        reference, source, imports = (lambda x, i, axis: np.take_along_axis(x, i, axis)), \
            "np.take_along_axis(x, idx, axis)", ()
    else:
        reference = lambda x, i, axis: reference_take_along_axis(x, i, axis, mode)  # noqa: E731
        source = f"reference_take_along_axis(x, idx, axis, {mode!r})"
        imports = _imports("reference_take_along_axis",
                           "negative entries count from the end, and " + _OUTSIDE[mode])
    return GatherCase(
        name=f"take_along_axis mode={mode}", area=AREA, arg_names=("x", "idx", "axis"),
        fn=lambda xp, x, i, axis: xp.take_along_axis(x, i, axis=axis, mode=mode),
        source=f"xp.take_along_axis(x, idx, axis=axis, mode={mode!r})",
        numpy_reference=reference, numpy_source=source, imports=imports,
        tags=frozenset({"take_along_axis", f"mode:{mode}"}), rule=rule,
        emulate=lambda args, rule: take_along_axis(*args, rule),
    )


FILL_VALUE = 99  # outside the budget's arange values, and held by every dtype


def _at_get_case(mode, fill_value) -> GatherCase:
    rule = AT_GET_RULES[mode]
    extra = "" if fill_value is None else f", fill_value={fill_value}"
    outside = _OUTSIDE[rule.outside]
    if fill_value is not None:
        outside = f"entries outside the axis read as {fill_value}"
    return GatherCase(
        name=f"at[idx].get mode={mode}{extra}", area=AREA, arg_names=("x", "idx"),
        fn=lambda xp, x, idx: xp.asarray(x).at[idx].get(mode=mode, fill_value=fill_value),
        source=f"xp.asarray(x).at[idx].get(mode={mode!r}{extra})",
        numpy_reference=lambda x, idx: reference_at_get(x, idx, mode, fill_value),
        numpy_source=f"reference_at_get(x, idx, {mode!r}{extra})",
        imports=_imports("reference_at_get", "x[idx] where negative entries count from the end, and "
                         + outside),
        tags=frozenset({"at-get", f"mode:{mode}"}), rule=rule,
        emulate=lambda args, rule: read(args[0], args[1], rule, fill_value),
    )


TAKE_MODES = (None, "clip", "wrap", "fill", "raise")
TAKE = tuple(_take_case(mode) for mode in TAKE_MODES)
TAKE_ALONG_AXIS = tuple(_along_case(mode) for mode in (None, "clip", "fill"))
AT_GET = (_at_get_case(None, None), _at_get_case("clip", None), _at_get_case("fill", None),
          _at_get_case("fill", FILL_VALUE))
ALL: tuple[Case, ...] = (GETITEM, *TAKE, *TAKE_ALONG_AXIS, *AT_GET)

"""The `.at[]` updates area and the immutability area: each `.at[idx].<method>` against its NumPy reference,
and the in-place idioms of NumPy (`x[i] = v`, `b += 1` on an alias, in-place methods) against what JAX does.

Each update case states its NumPy reference once (JAX's own indexing tests pair them the same way):
`set` is setitem on a copy, the arithmetic methods are the ufunc's `.at` (which applies every update at a
repeated index, as JAX documents), `apply` is `ufunc.at` with the same ufunc, and `get` is plain indexing.
The update cases take `mode` as a static argument (None is JAX's default); NumPy has no modes, and
catalogue/updates.py models what each mode does with an out-of-bounds index.
"""

from __future__ import annotations

import numpy as np

from conformance.case import Case

AREA = "updates"
IMMUTABILITY = "immutability"

# JAX's out-of-bounds modes for `.at[]`; None is the default (promise_in_bounds in practice).
MODES = (None, "promise_in_bounds", "clip", "drop", "fill")

# method -> (the ufunc whose `.at` is its NumPy reference, the dtype kinds NumPy's ufunc supports)
UFUNC_METHODS: dict[str, tuple[np.ufunc, str]] = {
    "add": (np.add, "biufc"), "subtract": (np.subtract, "iufc"), "multiply": (np.multiply, "biufc"),
    "divide": (np.divide, "biufc"), "power": (np.power, "biufc"), "min": (np.minimum, "biufc"),
    "max": (np.maximum, "biufc"),
}
APPLIED = "square"  # the ufunc `apply` is checked with: applying it twice to one element shows


def _numpy_ufunc_at(ufunc: np.ufunc):
    def reference(x, idx, v, mode=None):
        out = np.array(x, copy=True)
        # ufunc.at raises IndexError for the index, then ValueError for a value that does not broadcast
        # into out[idx]; checked here first because NumPy 2.4's ufunc.at has crashed this process
        # (segfault) on such values, seen by this suite with empty and non-broadcasting update arrays.
        np.broadcast_to(np.asarray(v), out[idx].shape)
        ufunc.at(out, idx, v)
        return out
    return reference


def _numpy_apply(x, idx, mode=None):
    out = np.array(x, copy=True)
    getattr(np, APPLIED).at(out, idx)
    return out


def _numpy_get(x, idx, mode=None):
    return np.asarray(x)[idx]


def _numpy_set(x, idx, v, mode=None):
    out = np.array(x, copy=True)
    out[idx] = v
    return out


def _method_case(method: str, *, with_mode: bool) -> Case:
    """`x.at[idx].<method>(...)` against its NumPy reference; `with_mode` adds the static `mode` argument."""
    takes_value = method not in ("get", "apply")
    call_args = ("v" if takes_value else f"xp.{APPLIED}" if method == "apply" else "")
    mode_arg = "mode=mode" if with_mode else ""
    call = ", ".join(a for a in (call_args, mode_arg) if a)
    arg_names = ("x", "idx", *(("v",) if takes_value else ()), *(("mode",) if with_mode else ()))

    def fn(xp, x, idx, *rest):
        v = rest[0] if takes_value else getattr(xp, APPLIED)
        kwargs = {"mode": rest[-1]} if with_mode else {}
        bound = getattr(xp.asarray(x).at[idx], method)
        return bound(**kwargs) if method == "get" else bound(v, **kwargs)

    if method in UFUNC_METHODS:
        ufunc, kinds = UFUNC_METHODS[method]
        # the broadcast check first, as the reference does: a reproducer must not crash on NumPy's side
        reference, numpy_source = _numpy_ufunc_at(ufunc), (
            f"(lambda out: (np.broadcast_to(v, out[idx].shape), np.{ufunc.__name__}.at(out, idx, v), "
            "out)[2])(x.copy())")
    elif method == "set":
        kinds, reference = "biufc", _numpy_set
        numpy_source = "(lambda out: (out.__setitem__(idx, v), out)[1])(x.copy())"
    elif method == "apply":
        kinds, reference = "iufc", _numpy_apply
        numpy_source = f"(lambda out: (np.{APPLIED}.at(out, idx), out)[1])(x.copy())"
    else:
        kinds, reference, numpy_source = "biufc", _numpy_get, "x[idx]"
    # "getitem": args[1] indexes args[0], so the indexing area's entries about index types apply
    tags = {"at-update", "getitem", f"method:{method}", *(("takes-value",) if takes_value else ())}
    if method == "set" and not with_mode:
        tags.add("setitem")  # the broadcasting area's assignment entries (x, idx, v) apply to it too
    return Case(
        name=f".at[idx].{method}({call})", area=AREA, fn=fn,
        source=f"xp.asarray(x).at[idx].{method}({call})", arg_names=arg_names,
        numpy_reference=reference, numpy_source=numpy_source, dtype_kinds=kinds, tags=frozenset(tags),
    )


METHOD_NAMES = ("set", *UFUNC_METHODS, "apply", "get")
METHODS: tuple[Case, ...] = tuple(_method_case(m, with_mode=False) for m in METHOD_NAMES)
# Out-of-bounds reads (get with each mode) are the indexing area's: its cases include .at[idx].get(mode=).
WITH_MODE: tuple[Case, ...] = tuple(_method_case(m, with_mode=True) for m in METHOD_NAMES if m != "get")
BY_METHOD = dict(zip(METHOD_NAMES, METHODS, strict=True))
UPDATES: tuple[Case, ...] = tuple(c for c in METHODS if "takes-value" in c.tags)


def _numpy_augmented_add(x, idx, v):
    out = np.array(x, copy=True)
    out[idx] += v
    return out


# NumPy's `x[idx] += v` reads x[idx] once, adds, and writes back: of repeated positions one write wins.
AUGMENTED_ADD = Case(
    name="x[idx] += v", area=AREA, fn=lambda xp, x, idx, v: xp.asarray(x).at[idx].add(v),
    source="xp.asarray(x).at[idx].add(v)", arg_names=("x", "idx", "v"),
    numpy_reference=_numpy_augmented_add,
    numpy_source="(lambda out: (out.__setitem__(idx, out[idx] + v), out)[1])(x.copy())",
    tags=frozenset({"at-update", "getitem", "takes-value", "augmented-setitem", "method:add"}),
)


def _flagged_case(method: str, reference) -> Case:
    """The method with `indices_are_sorted=True, unique_indices=True`: only for indices that are both."""
    flags = "indices_are_sorted=True, unique_indices=True"
    base = BY_METHOD[method]
    return Case(
        name=f".at[idx].{method}(v, sorted, unique)", area=AREA,
        fn=lambda xp, x, idx, v: getattr(xp.asarray(x).at[idx], method)(
            v, indices_are_sorted=True, unique_indices=True),
        source=f"xp.asarray(x).at[idx].{method}(v, {flags})", arg_names=("x", "idx", "v"),
        numpy_reference=reference,
        numpy_source=base.numpy_source, dtype_kinds=base.dtype_kinds,
        tags=frozenset({"at-update", "getitem", "takes-value", f"method:{method}", "sorted-unique"}),
    )


SORTED_UNIQUE: tuple[Case, ...] = (_flagged_case("set", _numpy_set),
                                   _flagged_case("add", _numpy_ufunc_at(np.add)))

# -- immutability ----------------------------------------------------------------------------------------
# The bodies copy x first (`xp.array`), so that NumPy's in-place change never reaches the input JAX gets.

SETITEM = Case(
    name="x[idx] = v", area=IMMUTABILITY,
    fn=lambda xp, x, idx, v: (lambda a: (a.__setitem__(idx, v), a)[1])(xp.array(x)),
    source="(lambda a: (a.__setitem__(idx, v), a)[1])(xp.array(x))", arg_names=("x", "idx", "v"),
    tags=frozenset({"in-place:setitem"}),
)


def _set_and_keep(xp, x, idx, v):
    a = xp.asarray(x)
    y = a.at[idx].set(v)
    return a, y, np.shares_memory(np.asarray(a), np.asarray(y))


def _numpy_set_and_keep(x, idx, v):
    y = _numpy_set(x, idx, v)
    return x, y, np.shares_memory(x, y)


# After `y = x.at[idx].set(v)`, x is unchanged and y is a new buffer: NumPy's reference is a set on a copy.
AT_SET_COPIES = Case(
    name="x, y = x.at[idx].set(v), shares memory", area=IMMUTABILITY, fn=_set_and_keep,
    source="(lambda a: (lambda y: (a, y, np.shares_memory(np.asarray(a), np.asarray(y))))"
           "(a.at[idx].set(v)))(xp.asarray(x))",
    arg_names=("x", "idx", "v"), numpy_reference=_numpy_set_and_keep,
    numpy_source="(lambda out: (out.__setitem__(idx, v), (x, out, np.shares_memory(x, out)))[1])(x.copy())",
    modes=("eager",),  # memory is a property of concrete buffers: there is nothing to trace
    tags=frozenset({"at-set-copies"}),
)

def _view_after_base_changes(x, idx):
    out = np.array(x, copy=True)
    s = out[idx]
    out[...] = 1  # a slice is a view in NumPy: s sees the change
    return s


# `s = a[idx]`, then the base changes: NumPy's basic index gives a view that shows the change, JAX's a
# value that keeps what it read (the base can only change as a new array, `a.at[...].set(1)`).
SLICE_VIEW = Case(
    name="s = a[idx]; a[...] = 1; s", area=IMMUTABILITY,
    fn=lambda xp, x, idx: (lambda a: (lambda s: (a.at[...].set(1), s)[1])(a[idx]))(xp.asarray(x)),
    source="(lambda a: (lambda s: (a.at[...].set(1), s)[1])(a[idx]))(xp.asarray(x))",
    arg_names=("x", "idx"), numpy_reference=_view_after_base_changes,
    numpy_source="(lambda out: (lambda s: (out.__setitem__(Ellipsis, 1), s)[1])(out[idx]))(x.copy())",
    tags=frozenset({"in-place:view"}),
)


# symbol -> (operator module name, dtype kinds; complex powers are the numerics area's). `/=` on integers
# changes the dtype: NumPy refuses to cast the float quotient back into the integer array, JAX rebinds
# the name to a new float array.
AUGMENTED_OPERATORS: dict[str, tuple[str, str]] = {
    "+=": ("iadd", "biufc"), "-=": ("isub", "iufc"), "*=": ("imul", "biufc"), "/=": ("itruediv", "iufc"),
    "//=": ("ifloordiv", "iuf"), "**=": ("ipow", "f"), "&=": ("iand", "biu"), "<<=": ("ilshift", "iu"),
}


# so that the numerics catalogue's entries (integer division by zero, ...) apply to the operators too
_NUMERIC_TAGS = {"//=": ("integer-division", "floor-division"), "**=": ("power",), "/=": ("true-division",),
                 "+=": ("addition",), "-=": ("subtraction",)}


def _augmented_case(symbol: str, name: str, kinds: str) -> Case:
    import operator

    op = getattr(operator, name)
    return Case(
        name=f"b = a; b {symbol} v", area=IMMUTABILITY,
        fn=lambda xp, x, v: (lambda a: (a, op(a, v)))(xp.array(x)),
        source=f"(lambda a: (a, __import__('operator').{name}(a, v)))(xp.array(x))", arg_names=("x", "v"),
        dtype_kinds=kinds,
        tags=frozenset({"in-place:augmented", f"operator:{name[1:]}", *_NUMERIC_TAGS.get(symbol, ())}),
    )


AUGMENTED: tuple[Case, ...] = tuple(_augmented_case(s, n, k) for s, (n, k) in AUGMENTED_OPERATORS.items())

def _in_place_case(call: str, method, *, kinds: str = "biufc", tag: str = "in-place:method") -> Case:
    """`call` (text, on an array `a`) is `method(xp, a)`; the case returns `a` after the call."""
    return Case(
        name=call, area=IMMUTABILITY,
        fn=lambda xp, x: (lambda a: (method(xp, a), a)[1])(xp.array(x)),
        source=f"(lambda a: ({call}, a)[1])(xp.array(x))", arg_names=("x",), dtype_kinds=kinds,
        tags=frozenset({tag}),
    )


# NumPy methods and functions that change their argument in place, each with a call that is valid for any
# non-empty array. JAX arrays have no such methods (sort returns a sorted copy); JAX's functions refuse
# without inplace=False; ufuncs refuse an `out` array.
IN_PLACE: tuple[Case, ...] = (
    _in_place_case("a.sort()", lambda xp, a: a.sort(), kinds="biuf", tag="in-place:sort"),
    _in_place_case("a.fill(1)", lambda xp, a: a.fill(1)),
    _in_place_case("a.resize((a.size + 1,), refcheck=False)",
                   lambda xp, a: a.resize((a.size + 1,), refcheck=False)),
    _in_place_case("a.put(0, 1)", lambda xp, a: a.put(0, 1)),
    _in_place_case("a.partition(0)", lambda xp, a: a.partition(0), kinds="biuf"),
    _in_place_case("xp.put(a, 0, 1)", lambda xp, a: xp.put(a, 0, 1), tag="in-place:function"),
    _in_place_case("xp.place(a, a == a, 1)", lambda xp, a: xp.place(a, a == a, 1), tag="in-place:function"),
    _in_place_case("xp.add(a, 1, out=a)", lambda xp, a: xp.add(a, 1, out=a), kinds="iufc",
                   tag="in-place:out"),
)

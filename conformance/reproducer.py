"""Turn an example into Python text that anyone can paste and run to see the difference."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from conformance.case import Case


def _float(x: float) -> str:
    if math.isnan(x):
        return "np.nan"
    if math.isinf(x):
        return "np.inf" if x > 0 else "-np.inf"
    return repr(float(x))


def _scalar(x: Any) -> str:
    if isinstance(x, (bool, np.bool_)):
        return repr(bool(x))
    if isinstance(x, (int, np.integer)):
        return repr(int(x))
    if isinstance(x, (float, np.floating)):
        return _float(float(x))
    if isinstance(x, (complex, np.complexfloating)):
        return f"complex({_float(x.real)}, {_float(x.imag)})"
    return repr(x)


def dtype_source(dtype: np.dtype) -> str:
    return "jnp.bfloat16" if dtype.name == "bfloat16" else f"np.{dtype.name}"


def to_source(value: Any) -> str:
    """Python text that rebuilds `value` bit for bit (NumPy arrays, scalars, slices, tuples, lists,
    dicts)."""
    if isinstance(value, np.ndarray):
        flat = ", ".join(_scalar(v) for v in value.reshape(-1).tolist())
        dtype = dtype_source(value.dtype)
        if value.ndim == 1:
            return f"np.array([{flat}], dtype={dtype})"
        if value.ndim == 0:
            return f"np.array({flat}, dtype={dtype})"
        return f"np.array([{flat}], dtype={dtype}).reshape({value.shape!r})"
    if isinstance(value, np.generic):
        return f"{dtype_source(value.dtype)}({_scalar(value.item())})"
    if isinstance(value, tuple):
        inner = ", ".join(to_source(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, list):
        return "[" + ", ".join(to_source(v) for v in value) + "]"
    if isinstance(value, dict):  # keyword options (conformance/cases/samplers.py's params)
        return "{" + ", ".join(f"{to_source(k)}: {to_source(v)}" for k, v in value.items()) + "}"
    if isinstance(value, np.dtype):  # an option that is a dtype (isdtype's kind)
        return f"np.dtype({dtype_source(value)})"
    if isinstance(value, slice):
        return f"slice({to_source(value.start)}, {to_source(value.stop)}, {to_source(value.step)})"
    if value is Ellipsis:
        return "..."
    return _scalar(value)


# Each side prints what it returns or what it raises: a reproducer whose NumPy side raises (an error-parity
# divergence) must still get to JAX's. NumPy's line comes first (hangs.confirmed waits for it).
_SHOW = [
    "def show(side, thunk):",
    "    try:",
    "        print(side, repr(thunk()))",
    "    except Exception as error:",
    "        print(side, 'raises', type(error).__name__ + ':', error)",
]


def reproducer(case: Case, args: tuple[Any, ...], *, mode: str, x64: bool) -> str:
    """A script that prints the NumPy outcome and the JAX outcome of this example.

    JAX gets its inputs as the runner gives them: every NumPy array in the arguments, index arrays inside
    tuples and lists too, goes through `jnp.asarray` (eager) or is a traced argument (jit, vmap); the
    rest (Python scalars, slices, None, shapes) stays as it is, static under jit. In folded mode the
    converted arrays are constants of a jitted closure (`jax.jit(lambda: ...)()`).
    """
    names = case.arg_names
    mode, device = _split_label(mode)
    if len(names) != len(args):
        raise ValueError(f"case {case.name!r} names {len(names)} arguments, got {len(args)}")
    lines = [
        "import numpy as np",
        "import jax",
        f'jax.config.update("jax_enable_x64", {x64})',
        "import jax.numpy as jnp",
        *case.imports,
        *_SHOW,
    ]
    if device is not None:  # an every-device run: the example ran on this local device
        lines.append(f'jax.config.update("jax_default_device", jax.local_devices()[{device}])')
    lines += [f"{name} = {to_source(arg)}" for name, arg in zip(names, args, strict=True)]
    numpy_expr = case.numpy_source or case.source.replace("xp.", "np.")
    jax_expr = case.source.replace("xp.", "jnp.")
    # the arrays in each argument: (the path that reads it, the name it has as a traced parameter)
    leaves = [leaf for name, arg in zip(names, args, strict=True) for leaf in _array_leaves(arg, name, name)]
    params = ", ".join(param for _, param in leaves)
    rebuild = [f"{name} = {_rebuilt(arg, name, name)}" for name, arg in zip(names, args, strict=True)
               if _nested_arrays(arg)]
    if mode == "vmap":
        return "\n".join(lines + [
            "second = lambda v: v.reshape(-1)[::-1].reshape(v.shape) if np.ndim(v) else v",
            f"batch = [{_tuple([path for path, _ in leaves])}, "
            f"{_tuple([f'second({path})' for path, _ in leaves])}]",
            *_function("numpy_fn", params, rebuild, numpy_expr),
            "show('numpy:', lambda: [numpy_fn(*element) for element in batch])",
            *_function("f", params, rebuild, jax_expr, decorator="jax.vmap"),
            "show('jax:  ', lambda: f(*(jnp.asarray(np.stack(arrays)) for arrays in zip(*batch))))",
        ])
    lines.append(f"show('numpy:', lambda: {numpy_expr})")
    if mode == "jit":
        lines += _function("f", params, rebuild, jax_expr, decorator="jax.jit")
        lines.append(f"show('jax:  ', lambda: f({', '.join(f'jnp.asarray({path})' for path, _ in leaves)}))")
    else:
        for name, arg in zip(names, args, strict=True):
            if isinstance(arg, (np.ndarray, np.generic)):
                lines.append(f"{name} = jnp.asarray({name})")
            elif _nested_arrays(arg):
                lines.append(f"{name} = {_rebuilt(arg, name, name, convert=True)}")
        call = f"jax.jit(lambda: {jax_expr})" if mode == "folded" else f"lambda: {jax_expr}"
        lines.append(f"show('jax:  ', {call})")
    return "\n".join(lines)


def _function(name: str, params: str, rebuild: list[str], expr: str, *, decorator: str = "") -> list[str]:
    """`def name(params)` that rebuilds the arguments holding arrays from their traced parts, then returns
    `expr`; a lambda where there is nothing to rebuild."""
    if not rebuild:
        return [f"{name} = {decorator}(lambda {params}: {expr})" if decorator
                else f"{name} = lambda {params}: {expr}"]
    return [*([f"@{decorator}"] if decorator else []), f"def {name}({params}):",
            *(f"    {line}" for line in rebuild), f"    return {expr}"]


def _nested_arrays(value: Any) -> bool:
    return isinstance(value, (tuple, list)) and any(
        isinstance(v, (np.ndarray, np.generic)) or _nested_arrays(v) for v in value)


def _array_leaves(value: Any, path: str, param: str) -> list[tuple[str, str]]:
    """(path, parameter name) of each NumPy array in `value`, in order: `idx[0]` is `idx_0`."""
    if isinstance(value, (np.ndarray, np.generic)):
        return [(path, param)]
    if isinstance(value, (tuple, list)):
        return [leaf for i, v in enumerate(value)
                for leaf in _array_leaves(v, f"{path}[{i}]", f"{param}_{i}")]
    return []


def _rebuilt(value: Any, path: str, param: str, *, convert: bool = False) -> str:
    """`value` as text, with each array in it replaced by its parameter name (or, with `convert`, by
    `jnp.asarray` of its path) and everything else written out."""
    if isinstance(value, (np.ndarray, np.generic)):
        return f"jnp.asarray({path})" if convert else param
    if isinstance(value, (tuple, list)):
        inner = [_rebuilt(v, f"{path}[{i}]", f"{param}_{i}", convert=convert) for i, v in enumerate(value)]
        return "[" + ", ".join(inner) + "]" if isinstance(value, list) else _tuple(inner)
    return to_source(value)


def _tuple(items: list[str]) -> str:
    return f"({items[0]},)" if len(items) == 1 else "(" + ", ".join(items) + ")"


def _split_label(label: str) -> tuple[str, int | None]:
    """`jit@1` (mode jit on local device 1, see environment.device_label) -> ("jit", 1)."""
    mode, _, index = label.partition("@")
    return mode, int(index) if index else None

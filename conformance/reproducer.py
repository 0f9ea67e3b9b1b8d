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
    """Python text that rebuilds `value` bit for bit (NumPy arrays, scalars, slices, tuples, lists)."""
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
    """A script that prints the NumPy outcome and the JAX outcome of this example."""
    names = case.arg_names
    mode, device = _split_label(mode)
    if len(names) != len(args):
        raise ValueError(f"case {case.name!r} names {len(names)} arguments, got {len(args)}")
    lines = [
        "import numpy as np",
        "import jax",
        f'jax.config.update("jax_enable_x64", {x64})',
        "import jax.numpy as jnp",
        *_SHOW,
    ]
    if device is not None:  # an every-device run: the example ran on this local device
        lines.append(f'jax.config.update("jax_default_device", jax.local_devices()[{device}])')
    lines += [f"{name} = {to_source(arg)}" for name, arg in zip(names, args, strict=True)]
    numpy_expr = case.numpy_source or case.source.replace("xp.", "np.")
    lines.append(f"show('numpy:', lambda: {numpy_expr})")
    traced = [n for n, a in zip(names, args, strict=True) if isinstance(a, (np.ndarray, np.generic))]
    jax_expr = case.source.replace("xp.", "jnp.")
    if mode == "vmap":
        return "\n".join(lines[:-1] + _vmap_lines(traced, numpy_expr, jax_expr))
    if mode == "jit":
        body = ", ".join(traced)
        lines.append(f"f = jax.jit(lambda {body}: {jax_expr})")
        lines.append(f"show('jax:  ', lambda: f({', '.join(f'jnp.asarray({n})' for n in traced)}))")
    else:
        lines += [f"{n} = jnp.asarray({n})" for n in traced]
        lines.append(f"show('jax:  ', lambda: {jax_expr})")
    return "\n".join(lines)


def _split_label(label: str) -> tuple[str, int | None]:
    """`jit@1` (mode jit on local device 1, see environment.device_label) -> ("jit", 1)."""
    mode, _, index = label.partition("@")
    return mode, int(index) if index else None


def _vmap_lines(traced: list[str], numpy_expr: str, jax_expr: str) -> list[str]:
    """The batch of two (the input, then its values reversed: runner.batch_variant), NumPy once per
    element, and jax.vmap over the stacked batch."""
    params = ", ".join(traced)
    return [
        "second = lambda x: x.reshape(-1)[::-1].reshape(x.shape) if np.ndim(x) else x",
        f"batch = [({params},), ({', '.join(f'second({n})' for n in traced)},)]",
        f"numpy_fn = lambda {params}: {numpy_expr}",
        "show('numpy:', lambda: [numpy_fn(*element) for element in batch])",
        f"f = jax.vmap(lambda {params}: {jax_expr})",
        "show('jax:  ', lambda: f(*(jnp.asarray(np.stack(arrays)) for arrays in zip(*batch))))",
    ]

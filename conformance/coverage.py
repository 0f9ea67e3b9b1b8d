"""The coverage map: every public callable of jax.numpy, jax.numpy.linalg and jax.numpy.fft in the running
JAX, and whether this run checked it.

"Public callables" are read from the namespaces themselves (`public_functions`): names without a leading
underscore whose object is callable and not a class (the scalar types, `dtype`, `ndarray`, `finfo`... are
classes), so a function a new JAX adds shows up as "not checked yet". With jax 0.10.2 that is 344 in
jax.numpy, 31 in linalg and 18 in fft.

"Checked" is derived from what the run recorded: the recorder keeps each case's `source` (the body as
Python text) and its example counts; `functions_called` reads the jnp functions a source calls:

- `xp.<name>(...)`, `xp.linalg.<name>(...)`, `xp.fft.<name>(...)`: that function (a call of `xp.<name>`
  anywhere in the source, also inside a lambda or as an argument);
- an operator on operands: the function the operator is in jax.numpy (`a + b` is `add`, `a @ b` is
  `matmul`, `-a` is `negative`, `a < b` is `less`, ...), and `operator.<name>` / `operator.i<name>` the
  same; such sources name their operands, so any operator in a source counts;
- `<x>.at[...]` counts for the `.at` property (`ndarray.at`), a method called on the result of an `xp`
  call for that method (`ndarray.<method>`), and `xp.<call>(...)[...]` for `ndarray.__getitem__`: these
  are listed apart, beyond the namespace's functions.

A function counts as checked with the examples of every case whose source calls it (an example run
eagerly and under jit counts twice, as everywhere in the report); a case that calls two functions counts
for both. NumPy's side (`numpy_source`, `np.<name>` in a source) never counts.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from types import ModuleType
from typing import Any

NAMESPACES = ("jax.numpy", "jax.numpy.linalg", "jax.numpy.fft")
BEYOND = "ndarray."  # prefix of what is checked beyond the namespaces' functions

# Operators as jax.numpy functions (Python's ast node name -> the jnp function it calls).
OPERATORS = {
    "Add": "add", "Sub": "subtract", "Mult": "multiply", "Div": "divide", "FloorDiv": "floor_divide",
    "Mod": "remainder", "Pow": "power", "MatMult": "matmul", "BitAnd": "bitwise_and",
    "BitOr": "bitwise_or", "BitXor": "bitwise_xor", "LShift": "left_shift", "RShift": "right_shift",
    "USub": "negative", "UAdd": "positive", "Invert": "invert", "Eq": "equal", "NotEq": "not_equal",
    "Lt": "less", "LtE": "less_equal", "Gt": "greater", "GtE": "greater_equal",
}
# The `operator` module's functions (and their in-place forms, `i` + name) as jax.numpy functions.
OPERATOR_MODULE = {
    "add": "add", "sub": "subtract", "mul": "multiply", "truediv": "divide", "floordiv": "floor_divide",
    "mod": "remainder", "pow": "power", "matmul": "matmul", "and_": "bitwise_and", "or_": "bitwise_or",
    "xor": "bitwise_xor", "lshift": "left_shift", "rshift": "right_shift", "neg": "negative",
    "pos": "positive", "invert": "invert", "eq": "equal", "ne": "not_equal", "lt": "less",
    "le": "less_equal", "gt": "greater", "ge": "greater_equal", "abs": "absolute",
}

# Public callables not checked on purpose, as data: name -> (reason, source). Two reasons are derived
# from the namespaces instead (`not_checked_reason`): a jnp function NumPy lacks, and a jnp name that is
# NumPy's own object.
OUT_OF_SCOPE: Mapping[str, tuple[str, str]] = {
    **dict.fromkeys(
        ("load", "fromfile", "fromiter", "fromstring", "frombuffer"),
        ("host-side I/O: reads bytes or files on the host into an array (out of scope: no "
         "computation to compare)", "https://docs.jax.dev/en/latest/jax.numpy.html")),
    **dict.fromkeys(
        ("printoptions", "set_printoptions", "get_printoptions"),
        ("printing options, forwarded to NumPy's (out of scope: no computation to compare)",
         "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.set_printoptions.html")),
}


def public_functions(module: ModuleType) -> list[str]:
    """The public callables of `module` that are not classes, sorted."""
    names = []
    for name in dir(module):
        if name.startswith("_"):
            continue
        value = getattr(module, name, None)
        if callable(value) and not isinstance(value, type):
            names.append(name)
    return sorted(names)


def namespace_functions(jnp: Any = None) -> list[tuple[str, str]]:
    """(namespace, qualified name) of every public callable of jax.numpy, linalg and fft; the qualified
    name is what `functions_called` returns (`add`, `linalg.norm`, `fft.fft`)."""
    if jnp is None:
        import jax.numpy as jnp
    rows = [("jax.numpy", name) for name in public_functions(jnp)]
    for sub in ("linalg", "fft"):
        module = getattr(jnp, sub, None)
        if module is not None:
            rows += [(f"jax.numpy.{sub}", f"{sub}.{name}") for name in public_functions(module)]
    return rows


@lru_cache(maxsize=4096)
def functions_called(source: str) -> tuple[str, ...]:
    """The jnp functions (and `ndarray.*` beyond them) a case's source calls, sorted (module docstring).
    A source that is not a Python expression falls back to its `xp.<name>(` calls."""
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError:
        return tuple(sorted(set(re.findall(r"\bxp\.((?:linalg\.|fft\.)?\w+)\s*\(", source))))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            found.update(_call(node.func))
        elif isinstance(node, (ast.BinOp, ast.UnaryOp)):
            found.add(OPERATORS.get(type(node.op).__name__, ""))
        elif isinstance(node, ast.Compare):
            found.update(OPERATORS.get(type(op).__name__, "") for op in node.ops)
        elif isinstance(node, ast.Attribute) and node.attr == "at" and _rooted_in_xp_call(node.value):
            found.add(BEYOND + "at")
        elif isinstance(node, ast.Subscript) and _rooted_in_xp_call(node.value) and not _is_at(node):
            found.add(BEYOND + "__getitem__")
    found.discard("")
    return tuple(sorted(found))


def _call(func: ast.expr) -> set[str]:
    path = _attribute_path(func)
    if path and path[0] == "xp" and len(path) > 1:
        return {".".join(path[1:])}
    if path and path[0] == "operator" and len(path) == 2:
        name = path[1][1:] if path[1].startswith("i") and path[1][1:] in OPERATOR_MODULE else path[1]
        return {OPERATOR_MODULE[name]} if name in OPERATOR_MODULE else set()
    if isinstance(func, ast.Attribute) and _is_operator_import(func.value):
        name = func.attr[1:] if func.attr.startswith("i") and func.attr[1:] in OPERATOR_MODULE else func.attr
        return {OPERATOR_MODULE[name]} if name in OPERATOR_MODULE else set()
    if isinstance(func, ast.Attribute) and _rooted_in_xp_call(func.value) and not _is_at(func.value):
        return {BEYOND + func.attr}  # `.at[idx].add(v)` is the `.at` property's, counted apart
    return set()


def _is_at(node: ast.expr) -> bool:
    """`<x>.at[...]`: the `.at` property indexed."""
    return (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute)
            and node.value.attr == "at")


def _attribute_path(node: ast.expr) -> list[str]:
    """`xp.linalg.norm` -> ["xp", "linalg", "norm"]; [] for anything but names and attributes."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    return [node.id, *reversed(parts)] if isinstance(node, ast.Name) else []


def _is_operator_import(node: ast.expr) -> bool:
    """`__import__('operator')`, as sources that use the operator module write it."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "__import__" and len(node.args) == 1
            and isinstance(node.args[0], ast.Constant) and node.args[0].value == "operator")


def _rooted_in_xp_call(node: ast.expr) -> bool:
    """An expression whose innermost receiver is the result of an `xp.<name>(...)` call (an array JAX
    made), through attributes, subscripts and method calls: `xp.asarray(x).at[idx]`."""
    while True:
        if isinstance(node, ast.Call):
            path = _attribute_path(node.func)
            if path and path[0] == "xp":
                return True
            node = node.func
        elif isinstance(node, (ast.Attribute, ast.Subscript)):
            node = node.value
        else:
            return False


def examples_by_function(counts: Iterable[tuple[str, int]]) -> Counter[str]:
    """(source, examples) pairs -> examples per function called."""
    totals: Counter[str] = Counter()
    for source, n in counts:
        for name in functions_called(source):
            totals[name] += n
    return totals


def not_checked_reason(name: str, jnp: Any = None, np: Any = None) -> tuple[str, str] | None:
    """Why a public jnp callable is not checked on purpose, with a source; None: not checked yet."""
    if jnp is None:
        import jax.numpy as jnp
    if np is None:
        import numpy as np
    if name in OUT_OF_SCOPE:
        return OUT_OF_SCOPE[name]
    jax_object, numpy_object = _resolve(jnp, name), _resolve(np, name)
    if numpy_object is None:
        return ("JAX-only: NumPy has no function of this name",
                "the running NumPy's namespace (computed)")
    if jax_object is numpy_object:
        return ("jax.numpy re-exports NumPy's own function: nothing to compare",
                "the running namespaces (computed: the same object)")
    return None


def _resolve(module: Any, qualified: str) -> Any:
    for part in qualified.split("."):
        module = getattr(module, part, None)
        if module is None:
            return None
    return module


def section(examples: Mapping[str, int], jnp: Any = None, np: Any = None) -> dict[str, Any]:
    """The report's `coverage` section: one row per public callable of the running JAX's namespaces,
    the summary counts, and what was checked beyond them (`ndarray.at`, ...)."""
    rows, listed = [], set()
    for namespace, name in namespace_functions(jnp):
        listed.add(name)
        row: dict[str, Any] = {"name": name, "namespace": namespace}
        if examples.get(name, 0):
            row.update(status="checked", examples=int(examples[name]))
        else:
            reason = not_checked_reason(name, jnp, np)
            if reason is None:
                row["status"] = "not checked yet"
            else:
                row.update(status="not checked", reason=reason[0], source=reason[1])
        rows.append(row)
    checked = sum(1 for r in rows if r["status"] == "checked")
    by_namespace = {ns: {"checked": sum(1 for r in rows if r["namespace"] == ns and r["status"] == "checked"),
                         "total": sum(1 for r in rows if r["namespace"] == ns)} for ns in NAMESPACES}
    beyond = {name: int(n) for name, n in sorted(examples.items()) if name not in listed and n}
    return {"checked": checked, "total": len(rows), "namespaces": by_namespace, "functions": rows,
            "beyond_namespace": beyond}


def summary_line(coverage: Mapping[str, Any]) -> str:
    share = 100 * coverage["checked"] / coverage["total"] if coverage["total"] else 0.0
    parts = ", ".join(f"{ns}: {c['checked']} of {c['total']}" for ns, c in coverage["namespaces"].items())
    return (f"{coverage['checked']} of {coverage['total']} public functions checked ({share:.0f}%; "
            f"{parts})")

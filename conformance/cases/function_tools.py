"""Functions that make functions, and the helpers around them: vectorize (elementwise and with a
signature) against np.vectorize, frompyfunc against np.frompyfunc (whose object array is read in the
inputs' dtype), einsum_path's contraction order with optimize='optimal' (NumPy's path less its leading
'einsum_path' label), from_dlpack of a NumPy array. Each Python function is plain arithmetic or a move
of bits, so that JAX tracing it (vmap) and NumPy calling it per element compute alike.

Not compared: einsum_path with optimize='greedy' (JAX's is opt_einsum's greedy, whose ties break
otherwise than NumPy's: 50 of the 625 shapes of 'ij,jk,kl->il' with sides 1 to 5 differ, measured with
jax 0.10.2 and numpy 2.4) and the report string (its layout is each library's own); frompyfunc's
ufunc methods (reduce, accumulate, outer: object arrays in NumPy)."""

from __future__ import annotations

import numpy as np

from conformance.case import Case

AREA = "function tools"
# vectorize and frompyfunc are vmap of the Python function: under jit one program; eagerly each of its
# operations compiles apart, for the same arithmetic
MODES = ("jit",)
_IMPORT = "from conformance.cases.function_tools import {}"


def difference(x, y):
    """The Python function vectorized: one subtraction (wraps alike for integers)."""
    return x - y


def reversed_vector(v):
    """The function of a signature '(n)->(n)': the vector reversed (bits moved, no arithmetic)."""
    return v[::-1]


def frompyfunc_in_input_dtype(a, b):
    """np.frompyfunc(difference, 2, 1)(a, b): an object array (a NumPy scalar, 0-d), read in the
    inputs' dtype."""
    return np.asarray(np.frompyfunc(difference, 2, 1)(a, b)).astype(np.result_type(a, b))


def path_of(result):
    """The contraction path of einsum_path's (path, report) pair."""
    return result[0]


def numpy_optimal_path(subscripts, *operands):
    """NumPy's contraction path with optimize='optimal', less its leading 'einsum_path' label."""
    return np.einsum_path(subscripts, *operands, optimize="optimal")[0][1:]


VECTORIZE = Case(name="vectorize", area=AREA, fn=lambda xp, a, b: xp.vectorize(difference)(a, b),
                 source="xp.vectorize(difference)(a, b)", imports=(_IMPORT.format("difference"),),
                 dtype_kinds="iufc", modes=MODES, tags=frozenset({"vectorized", "elementwise"}))
VECTORIZE_SIGNATURE = Case(
    name="vectorize(signature=)", area=AREA, arg_names=("a",),
    fn=lambda xp, a: xp.vectorize(reversed_vector, signature="(n)->(n)")(a),
    source="xp.vectorize(reversed_vector, signature='(n)->(n)')(a)",
    imports=(_IMPORT.format("reversed_vector"),), modes=MODES, tags=frozenset({"vectorized", "moves-bits"}))
FROMPYFUNC = Case(name="frompyfunc", area=AREA, fn=lambda xp, a, b: xp.frompyfunc(difference, 2, 1)(a, b),
                  source="xp.frompyfunc(difference, 2, 1)(a, b)", dtype_kinds="iufc",
                  numpy_reference=frompyfunc_in_input_dtype, numpy_source="frompyfunc_in_input_dtype(a, b)",
                  imports=(_IMPORT.format("difference"), _IMPORT.format("frompyfunc_in_input_dtype")),
                  modes=MODES, tags=frozenset({"vectorized", "elementwise"}))
# the path only (a list of pairs of operand positions): computed from the shapes, nothing compiles
EINSUM_PATH = Case(name="einsum_path", area=AREA, arg_names=("a", "b", "c"), modes=("eager",),
                   fn=lambda xp, a, b, c: path_of(xp.einsum_path("ij,jk,kl->il", a, b, c,
                                                                 optimize="optimal")),
                   source="path_of(xp.einsum_path('ij,jk,kl->il', a, b, c, optimize='optimal'))",
                   numpy_reference=lambda a, b, c: numpy_optimal_path("ij,jk,kl->il", a, b, c),
                   numpy_source="numpy_optimal_path('ij,jk,kl->il', a, b, c)",
                   imports=(_IMPORT.format("path_of"), _IMPORT.format("numpy_optimal_path")),
                   tags=frozenset({"contraction-path", "returns-python-scalars"}))
# a NumPy array's buffer taken over (eagerly: a traced array has no buffer)
FROM_DLPACK = Case(name="from_dlpack", area=AREA, arg_names=("a",), modes=("eager",),
                   fn=lambda xp, a: xp.from_dlpack(a), source="xp.from_dlpack(a)",
                   tags=frozenset({"moves-bits"}))

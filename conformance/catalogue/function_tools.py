"""Known divergences of the function tools (`conformance/cases/function_tools.py`): vectorize of size-0
inputs (JAX traces the function once, with vmap; NumPy calls it on a first element to learn the output
dtype) and from_dlpack of bfloat16 (JAX's arrays export it, NumPy's cannot)."""

from __future__ import annotations

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.models import flush_subnormals
from conformance.example import Example
from conformance.outcome import Outcome, Value
from conformance.strategies import BFLOAT16


def _vectorized_size_0(example: Example) -> bool:
    error = example.numpy.error
    return ("vectorized" in example.case.tags and error is not None
            and "on size 0 inputs unless `otypes` is set" in error.message)


def _empty_result(example: Example, outcome: Outcome) -> Outcome:
    """The empty result vmap gives: the inputs' broadcast shape (a signature '(n)->(n)' keeps it) and
    their result type."""
    arrays = [np.asarray(a) for a in example.args]
    shape = np.broadcast_shapes(*(a.shape for a in arrays))
    return Outcome((Value(np.zeros(shape, np.result_type(*arrays))),))


def _python_int_out_of_range(example: Example) -> bool:
    error = example.numpy.error
    return ("vectorized" in example.case.tags and error is not None and error.type == "OverflowError"
            and all(np.asarray(a).dtype.kind in "iu" for a in example.args))


def _wrapped_difference(example: Example, outcome: Outcome) -> Outcome:
    """The vectorized function (difference) in the inputs' integer dtype, wrapping as NumPy's array
    arithmetic wraps."""
    a, b = (np.asarray(x) for x in example.args)
    with np.errstate(over="ignore"):
        return Outcome((Value(np.subtract(a, b)),))


def _vectorized_bfloat16(example: Example) -> bool:
    error = example.numpy.error
    return ("vectorized" in example.case.tags and error is not None
            and "data type 'E' not understood" in error.message)


def _vectorized_as_arrays(example: Example, outcome: Outcome) -> Outcome:
    """The case's function on the whole arrays: the difference (subnormals flushed, in and out, as the
    compiled subtraction reads and writes them), or (a signature '(n)->(n)', tagged moves-bits) each
    last-axis vector reversed."""
    arrays = [np.asarray(a) for a in example.args]
    if "moves-bits" in example.case.tags:
        return Outcome((Value(arrays[0][..., ::-1]),))
    a, b = (flush_subnormals(x) for x in arrays)  # the compiled subtraction: FTZ/DAZ
    return Outcome((Value(flush_subnormals(np.asarray(a - b))),))


def _bfloat16_exported(example: Example) -> bool:
    return ("moves-bits" in example.case.tags and example.case.name == "from_dlpack"
            and np.asarray(example.args[0]).dtype == BFLOAT16 and example.numpy.raised)


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="FUNC-VECTORIZE-SIZE-0-INPUTS",
        area="function tools",
        title="vectorize of size-0 inputs returns an empty result",
        numpy="raises ValueError: cannot call `vectorize` on size 0 inputs unless `otypes` is set "
              "(np.vectorize calls the function on a first element to learn the output dtype)",
        jax="returns an empty array of the inputs' broadcast shape and result type: the function is "
            "traced once with vmap, on abstract values",
        why="jnp.vectorize is syntactic sugar for vmap, not a Python loop: it needs no element to trace "
            "the function (it has no otypes= either)",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.vectorize.html (\"it is syntactic "
               "sugar for an auto-batching transformation (vmap) rather than a Python loop\")",
        condition="vectorize (elementwise or with a signature) or frompyfunc of inputs of size 0",
        kinds=("error-parity",),
        trigger=_vectorized_size_0,
        outputs=_empty_result,
    ),
    KnownDivergence(
        id="FUNC-VECTORIZE-INTEGERS-WRAP",
        area="function tools",
        title="vectorize and frompyfunc compute integers in the array's dtype (wrapping), not as Python "
              "ints",
        numpy="np.vectorize and np.frompyfunc call the function on Python objects (an integer array's "
              "elements become Python ints, unbounded): a result beyond the dtype's range raises "
              "OverflowError (Python integer ... out of bounds for uint32) when it is stored back",
        jax="the function runs on the arrays themselves, under vmap: integer arithmetic wraps in the "
            "dtype, as NumPy's array arithmetic does (uint32 1 - 4294967294 is 3)",
        why="jnp.vectorize and jnp.frompyfunc trace the function on JAX arrays (vmap), never on Python "
            "scalars",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.vectorize.html (\"it is syntactic "
               "sugar for an auto-batching transformation (vmap) rather than a Python loop ... the "
               "implementation must be written in terms of functions that act on JAX arrays\")",
        condition="vectorize or frompyfunc of integer arrays where the function's exact result is "
                  "beyond the dtype's range (NumPy raises OverflowError)",
        kinds=("error-parity",),
        trigger=_python_int_out_of_range,
        outputs=_wrapped_difference,
    ),
    KnownDivergence(
        id="FUNC-VECTORIZE-BFLOAT16",
        area="function tools",
        title="vectorize computes on bfloat16 arrays, where np.vectorize cannot store its results",
        numpy="np.vectorize of bfloat16 arrays raises TypeError: data type 'E' not understood (it takes "
              "the output type by the first result's dtype character, and ml_dtypes' bfloat16 'E' is no "
              "NumPy type code)",
        jax="returns the function's result on the arrays, in bfloat16 (the difference of two bfloat16 "
            "arrays, subnormals flushed as XLA's CPU kernels flush them; a vector reversed)",
        why="jnp.vectorize traces the function on JAX arrays (vmap); it has no otypes to look up",
        source="observed by this suite, undocumented upstream (numpy/lib/_function_base_impl.py: "
               "vectorize._get_ufunc_and_otypes, otypes from outputs' dtype.char)",
        condition="vectorize of bfloat16 arrays",
        kinds=("error-parity",),
        trigger=_vectorized_bfloat16,
        outputs=_vectorized_as_arrays,
    ),
    KnownDivergence(
        id="FUNC-FROM-DLPACK-BFLOAT16",
        area="function tools",
        title="from_dlpack takes a bfloat16 array over, which NumPy cannot export",
        numpy="np.from_dlpack of a bfloat16 array (ml_dtypes) raises BufferError: DLPack only supports "
              "signed/unsigned integers, float and complex dtypes",
        jax="jnp.from_dlpack of a JAX bfloat16 array returns it (DLPack's bfloat type): the values as "
            "they are",
        why="each side takes over its own library's array (the suite's inputs are jnp.asarray'd for "
            "JAX): JAX exports bfloat16 with DLPack's kDLBfloat code, NumPy's __dlpack__ refuses a user "
            "dtype",
        source="observed by this suite, undocumented upstream (https://github.com/jax-ml/jax/blob/main/"
               "jax/_src/dlpack.py: the dtypes it exports include bfloat16)",
        condition="from_dlpack of a bfloat16 array",
        kinds=("error-parity",),
        numpy_versions="<2.5",  # numpy 2.5.5 takes a bfloat16 array over too (measured)
        trigger=_bfloat16_exported,
        outputs=lambda example, outcome: Outcome((Value(np.asarray(example.args[0])),)),
    ),
)

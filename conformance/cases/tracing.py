"""Python control flow and shapes computed from values: a Python int, float, complex or bool of an array's
value, an `if` on it, a range or a tuple index of it, a shape or repeat counts computed from it. (A
range from an integer array's value, `np.arange(np.int8(3))`, is int64 in NumPy and int8 in JAX: left to
the creation area.)

NumPy and eager jax.numpy compute them; under jit the value is a tracer, and JAX raises a
ConcretizationTypeError or one of its kin (catalogue/tracing.py). Folded mode too: the array is a
constant, but `xp.ravel(a)[0]` of it inside the jitted function is traced. Each reads its value by
moving bits (a gather, a negation, a repeat): no arithmetic, so no subnormal is flushed. Where
JAX offers a static size instead (`repeat(..., total_repeat_length=)`), the result is checked against
NumPy's padded as JAX documents: the last value repeated up to the length, or the values beyond it
dropped.
"""

from __future__ import annotations

import numpy as np

from conformance.case import Case

AREA = "tracing"
MODES = ("eager", "jit", "folded")


def _case(source: str, fn, tag: str, *, kinds: str = "biuf", python: bool = False, extra: tuple = ()
          ) -> Case:
    """`python`: the result is a Python scalar on both sides (no dtype to narrow with x64 off)."""
    tags = {"concretizes", "moves-bits", tag, *extra, *(("returns-python-scalars",) if python else ())}
    return Case(name=source, area=AREA, fn=fn, source=source, arg_names=("a",), dtype_kinds=kinds,
                modes=MODES, tags=frozenset(tags))


# The value read as a Python scalar (tag python-scalar), as a truth value (truth), as an index (index),
# as a shape (shape): each tag is the kind of error JAX raises for it.
SCALARS: tuple[Case, ...] = (  # of the first element (a gather: its bits as they are, no arithmetic)
    _case("int(xp.ravel(a)[0])", lambda xp, a: int(xp.ravel(a)[0]), "python-scalar", python=True),
    _case("float(xp.ravel(a)[0])", lambda xp, a: float(xp.ravel(a)[0]), "python-scalar", python=True),
    _case("complex(xp.ravel(a)[0])", lambda xp, a: complex(xp.ravel(a)[0]), "python-scalar",
          python=True),
    _case("xp.ravel(a)[0].item()", lambda xp, a: xp.ravel(a)[0].item(), "python-scalar", python=True),
    _case("bool(xp.ravel(a)[0])", lambda xp, a: bool(xp.ravel(a)[0]), "truth", python=True),
    _case("a if xp.ravel(a)[0] else -a", lambda xp, a: a if xp.ravel(a)[0] else -a, "truth"),
)
# Counts: a small nonnegative integer array, whose maximum is a length (the test draws 0 to 4).
COUNTS: tuple[Case, ...] = (
    _case("xp.asarray(list(range(xp.max(a))))", lambda xp, a: xp.asarray(list(range(xp.max(a)))),
          "index", kinds="iu"),
    _case("(10, 20, 30, 40, 50)[xp.max(a)]", lambda xp, a: (10, 20, 30, 40, 50)[xp.max(a)], "index",
          kinds="iu", python=True),
    _case("xp.zeros(xp.max(a))", lambda xp, a: xp.zeros(xp.max(a)), "shape", kinds="iu"),
    # the input itself as the counts: folded, a constant, so concrete (only jit refuses)
    _case("xp.repeat(a, a)", lambda xp, a: xp.repeat(a, a), "python-scalar", kinds="iu",
          extra=("reads-the-constant", "repeat-counts")),
)


def repeat_to_length(a: np.ndarray, repeats: np.ndarray, length: int) -> np.ndarray:
    """NumPy's repeat of the flattened `a`, made `length` long as jnp.repeat's total_repeat_length
    documents: the values beyond it dropped, or "the final value" repeated up to it, which is the
    array's last element, repeated or not (jnp.repeat([5, 6], [1, 0], total_repeat_length=3) is
    [5, 6, 6], measured with jax 0.10.2)."""
    flat = a.reshape(-1)
    out = np.repeat(flat, repeats.reshape(-1))
    return np.concatenate([out, np.full(max(length - out.size, 0), flat[-1], a.dtype)])[:length]


# The static form: jnp.repeat with total_repeat_length, under jit too (no concretization).
REPEAT_TO_LENGTH = Case(
    name="xp.repeat(a, r, total_repeat_length=n)", area=AREA, arg_names=("a", "r", "n"),
    fn=lambda xp, a, r, n: xp.repeat(a.reshape(-1), r.reshape(-1), total_repeat_length=n),
    source="xp.repeat(a.reshape(-1), r.reshape(-1), total_repeat_length=n)",
    numpy_reference=repeat_to_length, numpy_source="repeat_to_length(a, r, n)",
    imports=("from conformance.cases.tracing import repeat_to_length  # np.repeat, padded or cut to n",),
    dtype_kinds="biufc", modes=MODES, tags=frozenset({"total-repeat-length", "moves-bits"}), options=("n",))

CASES: tuple[Case, ...] = (*SCALARS, *COUNTS, REPEAT_TO_LENGTH)

"""Known divergences of Python control flow on traced values (`conformance/cases/tracing.py`): under jit
a value is a tracer, and every way of reading it as a Python value raises its own ConcretizationTypeError
(documented: https://docs.jax.dev/en/latest/errors.html)."""

from __future__ import annotations

from conformance.catalogue import KnownDivergence
from conformance.catalogue.models import raises
from conformance.example import Example
from conformance.outcome import Outcome

_ERRORS = "https://docs.jax.dev/en/latest/errors.html"
# What JAX raises for each way a case reads a traced value (its tag in cases/tracing.py).
_REFUSALS = {
    "python-scalar": raises("TypeError",
                            r"Abstract tracer value encountered where concrete value is expected"),
    "truth": raises("TypeError", r"Attempted boolean conversion of traced array"),
    "index": raises("TypeError", r"The __index__\(\) method was called on traced array"),
    "shape": raises("TypeError", r"Shapes must be 1D sequences of concrete values of integer type"),
}


def _reads_a_traced_value(example: Example) -> bool:
    """Under jit; folded too, but for repeat(a, a), whose counts are the constant itself (concrete)."""
    traced = example.mode == "jit" or (example.mode == "folded"
                                       and "reads-the-constant" not in example.case.tags)
    return "concretizes" in example.case.tags and traced


def _refusal(example: Example, outcome: Outcome) -> Outcome:
    (tag,) = set(_REFUSALS) & example.case.tags
    return _REFUSALS[tag](example, outcome)


ENTRIES: tuple[KnownDivergence, ...] = (
    KnownDivergence(
        id="TRACE-CONCRETIZATION-ERROR",
        area="tracing",
        title="int(), float(), bool(), if, range() and shapes on a traced value raise a "
              "ConcretizationTypeError",
        numpy="computes with the value: int(a[0]), `if a[0]:`, range(np.max(a)), np.zeros(np.max(a)) and "
              "np.repeat(a, a) all work",
        jax="under jit (and folded: a value computed from a constant is traced inside the function) raises a "
            "TypeError of JAX's: ConcretizationTypeError (Abstract tracer value encountered where concrete "
            "value is expected) for int, float, complex, .item(), arange and repeat counts; its subclass "
            "TracerBoolConversionError (Attempted boolean conversion of traced array) for bool and if; "
            "TracerIntegerConversionError (The __index__() method was called on traced array) for range "
            "and a tuple index; a TypeError (Shapes must be 1D sequences of concrete values of integer "
            "type) for a shape",
        why="a traced value has no concrete value while the function is traced: Python control flow and "
            "shapes must not depend on it (use lax.cond, jnp.where, static_argnums, or a size= argument)",
        source=f"{_ERRORS}#jax.errors.ConcretizationTypeError; "
               f"{_ERRORS}#jax.errors.TracerBoolConversionError; "
               f"{_ERRORS}#jax.errors.TracerIntegerConversionError; "
               "https://docs.jax.dev/en/latest/notebooks/Common_Gotchas_in_JAX.html#python-control-flow-jit",
        condition="a case of the tracing area (a Python value, truth, index or shape read from an array's "
                  "value) under jit or folded (where NumPy raises for the value, int(inf) an OverflowError, "
                  "JAX's error is still the concretization error: the value is never read)",
        kinds=("error-parity", "error-kind"),
        trigger=_reads_a_traced_value,
        outputs=_refusal,
    ),
)

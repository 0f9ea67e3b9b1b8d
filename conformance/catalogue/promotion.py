"""Known divergences in type promotion: JAX's promotion lattice against NumPy 2's rules (NEP 50).

JAX promotes by a lattice rather than NumPy's "smallest type that holds both" table, so that the result
of mixing an integer with a float is the float, and so that 64-bit types appear only where asked for
(https://docs.jax.dev/en/latest/type_promotion.html). Each cell where the two disagree is explained
here, with the model of what JAX's table gives; any other cell is new.
"""

from __future__ import annotations

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.models import at_32_bits, canonical_dtype
from conformance.example import Example
from conformance.runner import is_array_input
from conformance.strategies import kind_of

SOURCE = "https://docs.jax.dev/en/latest/type_promotion.html"


def operand_dtypes(example: Example) -> list[np.dtype]:
    """The dtypes a promotion case promotes: its dtype-name arguments, or its array arguments; a joining
    row's (concatenate, stack: the `joins` tag), those of the pieces of its sequence."""
    tags = example.case.tags
    if "joins" in tags:
        return [np.asarray(a).dtype for a in example.args[0]]
    if "promotion" not in tags:
        return []
    if "dtype-names" in tags:
        return [np.dtype(a) for a in example.args]
    return [np.asarray(a).dtype for a in example.args if is_array_input(a)]


def _with_dtypes(example: Example, dtype: np.dtype) -> tuple:
    """The example's operands as `dtype`: names stay names, arrays (a joining row's pieces) are cast."""
    if "joins" in example.case.tags:
        return ([np.asarray(a).astype(dtype) for a in example.args[0]], *example.args[1:])
    if "dtype-names" in example.case.tags:
        return tuple(dtype.name for _ in example.args)
    return tuple(np.asarray(a).astype(dtype) if is_array_input(a) else a for a in example.args)


def joined_dtype(dtypes: list[np.dtype]) -> np.dtype:
    """The dtype JAX's lattice joins several dtypes at: the inexact ones' (integers and bools sit below
    every inexact type), bfloat16 with float16 at float32; without inexact ones, NumPy's."""
    inexact = [d for d in dtypes if kind_of(d) in "fc"]
    if not inexact:
        return np.result_type(*dtypes)
    if {"bfloat16", "float16"} <= {d.name for d in inexact}:
        inexact.append(np.dtype(np.float32))
        inexact = [d for d in inexact if d.name not in ("bfloat16", "float16")]
    return np.result_type(*inexact)


def _integer_with_inexact(example: Example) -> np.dtype | None:
    """The inexact operand's dtype, when one operand is an integer and the other a float or complex (of
    a joining row's pieces: the dtype the lattice joins them at, where integers mix with inexact ones)."""
    dtypes = operand_dtypes(example)
    if "joins" in example.case.tags:
        kinds = {kind_of(d) for d in dtypes}
        return joined_dtype(dtypes) if kinds & set("iu") and kinds & set("fc") else None
    if len(dtypes) != 2:
        return None
    kinds = [kind_of(d) for d in dtypes]
    if sorted(k in "fc" for k in kinds) != [False, True] or not any(k in "iu" for k in kinds):
        return None
    return dtypes[0] if kinds[0] in "fc" else dtypes[1]


def _bfloat16_with_float16(example: Example) -> bool:
    names = [d.name for d in operand_dtypes(example)]
    if "joins" in example.case.tags:
        return {"bfloat16", "float16"} <= set(names)
    return sorted(names) == ["bfloat16", "float16"]


def _result_type_of_64_bit_names_x64_off(example: Example) -> bool:
    return "result_type" in example.case.tags and any(
        d.name in ("int64", "uint64", "float64", "complex128") for d in operand_dtypes(example))


ENTRIES = (
    KnownDivergence(
        id="PROMO-INT-WITH-INEXACT-IS-INEXACT",
        area="promotion",
        title="An integer with a float or complex promotes to the float or complex type as it is",
        numpy="picks a type that holds every value of both: int16 + float16 is float32, int32 + "
              "float32 is float64, int32 + complex64 is complex128; ml_dtypes refuses bfloat16 with "
              "integers wider than 8 bits (DTypePromotionError)",
        jax="gives the inexact operand's type: int16 + float16 is float16, int32 + float32 is float32, "
            "any integer + bfloat16 is bfloat16",
        why="JAX's lattice puts every integer type below every inexact type, so that mixing an integer "
            "array into float computation never widens it (and never to 64 bits)",
        source=SOURCE,
        condition="a promotion of an integer dtype with a float or complex dtype (among a joining row's "
                  "pieces too: concatenate, stack)",
        kinds=("dtype", "error-parity"),
        trigger=lambda example: _integer_with_inexact(example) is not None,
        inputs=lambda example: _with_dtypes(example, _integer_with_inexact(example)),
    ),
    KnownDivergence(
        id="PROMO-BFLOAT16-FLOAT16-IS-FLOAT32",
        area="promotion",
        title="bfloat16 with float16 promotes to float32",
        numpy="refuses: ml_dtypes' bfloat16 has no promotion with float16 (DTypePromotionError)",
        jax="gives float32, the least type above both in its lattice",
        why="neither 16-bit float holds the other's values; JAX's lattice joins them at float32",
        source=SOURCE,
        condition="a promotion of bfloat16 with float16 (among a joining row's pieces too)",
        kinds=("error-parity",),
        trigger=_bfloat16_with_float16,
        inputs=lambda example: _with_dtypes(example, joined_dtype(operand_dtypes(example))),
    ),
    KnownDivergence(
        id="PROMO-X64-OFF-RESULT-TYPE-OF-32-BIT-INPUTS",
        area="promotion",
        title="With x64 off, result_type promotes the 32-bit counterparts of 64-bit dtypes",
        numpy="promotes the dtypes given: int64 + uint64 is float64",
        jax="canonicalizes each input to 32 bits first, then promotes and canonicalizes the result: "
            "int64 + uint64 is int32 + uint32, which is int64 in the lattice, so int32",
        why="with jax_enable_x64 off, jnp.result_type works on the dtypes JAX can hold "
            "(jnp.promote_types does not canonicalize its inputs)",
        source=SOURCE + "; https://docs.jax.dev/en/latest/default_dtypes.html",
        condition="x64 off and result_type of dtypes one of which is 64-bit",
        kinds=("dtype",),
        x64=False,
        trigger=_result_type_of_64_bit_names_x64_off,
        inputs=lambda example: tuple(canonical_dtype(d).name for d in operand_dtypes(example)),
        outputs=at_32_bits,
    ),
)

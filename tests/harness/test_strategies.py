"""The strategies reach their edge cases, stay within the budget, and refuse bad arguments clearly."""

import math

import numpy as np
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from conformance import strategies as cst

# Reaching is the point, not the minimal example: shrinking a list of eight value sets took minutes.
FIND = settings(max_examples=2000, database=None, derandomize=True, phases=(Phase.generate,))


def reaches(strategy, predicate):
    __tracebackhide__ = True
    return find(strategy, predicate, settings=FIND)


def test_dtypes_follow_x64_mode():
    off = {d.name for d in cst.available_dtypes(x64=False)}
    on = {d.name for d in cst.available_dtypes(x64=True)}
    assert on - off == {"int64", "uint64", "float64", "complex128"}
    assert "bfloat16" in off and "bool" in off
    assert {d.kind for d in cst.available_dtypes(kinds="iu")} == {"i", "u"}


@pytest.mark.parametrize("bad", ["", "x", "fz"])
def test_dtypes_refuse_unknown_kinds(bad):
    with pytest.raises(ValueError, match="kinds must be letters"):
        cst.dtypes(kinds=bad)


@pytest.mark.parametrize(
    ("dtype", "predicate"),
    [
        (np.float32, lambda a: np.isnan(a).any()),
        (np.float32, lambda a: np.isposinf(a).any()),
        (np.float64, lambda a: bool(np.any((a == 0) & np.signbit(a)))),
        (np.float32, lambda a: bool(np.any((a != 0) & (np.abs(a) < np.finfo(np.float32).tiny)))),
        (np.int8, lambda a: (a == -128).any()),
        (np.uint16, lambda a: (a == 65535).any()),
        (np.complex64, lambda a: np.isinf(a.imag).any()),
        (cst.BFLOAT16, lambda a: np.isnan(a.astype(np.float32)).any()),
    ],
    ids=["nan", "inf", "negative-zero", "subnormal", "int-min", "uint-max", "complex-inf", "bf16-nan"],
)
def test_arrays_reach_edge_values(dtype, predicate):
    reaches(cst.arrays(np.dtype(dtype), (3,)), predicate)


def test_broadcastable_shapes_reach_zero_size_and_scalars():
    reaches(cst.broadcastable_shapes(num_shapes=2), lambda s: 0 in s[0] + s[1])
    reaches(cst.broadcastable_shapes(num_shapes=2), lambda s: s[0] == () and len(s[1]) >= 2)
    reaches(cst.broadcastable_shapes(num_shapes=2), lambda s: len(s[0]) != len(s[1]))


@given(shapes=cst.broadcastable_shapes(num_shapes=3))
def test_broadcastable_shapes_broadcast_within_budget(shapes):
    result = np.broadcast_shapes(*shapes)
    assert math.prod(result) <= cst.BUDGET.max_size
    assert len(result) <= cst.BUDGET.max_dims


@given(shapes=cst.non_broadcastable_shapes(num_shapes=2))
def test_non_broadcastable_shapes_never_broadcast(shapes):
    with pytest.raises(ValueError):
        np.broadcast_shapes(*shapes)


def test_non_broadcastable_shapes_reach_a_zero_size_clash():
    reaches(cst.non_broadcastable_shapes(num_shapes=2),
            lambda s: len(s[0]) == len(s[1]) and 0 in s[0] + s[1])
    reaches(cst.non_broadcastable_shapes(num_shapes=3), lambda s: len({len(x) for x in s}) > 1)


def test_non_broadcastable_shapes_refuse_one_shape():
    with pytest.raises(ValueError, match="num_shapes >= 2"):
        cst.non_broadcastable_shapes(num_shapes=1).example()


def test_python_scalars_reach_out_of_range_ints_and_edges():
    reaches(cst.python_scalars(np.dtype(np.int8)), lambda v: v > 127)
    reaches(cst.python_scalars(np.dtype(np.float32)), lambda v: math.isnan(v))
    assert all(type(v) is complex for v in [cst.python_scalars(np.dtype(np.complex64)).example()])


@given(st.data())
def test_broadcast_operands_match_their_shapes(data):
    shapes = data.draw(cst.broadcastable_shapes(num_shapes=2))
    operands = data.draw(cst.broadcast_operands(dtype=np.dtype(np.int16), shapes=shapes))
    for operand, shape in zip(operands, shapes, strict=True):
        assert isinstance(operand, int) or (operand.shape == shape and operand.dtype == np.int16)


@given(st.data())
def test_operand_sets_share_shapes_and_scalar_position(data):
    """Value sets exist to share compiles: every set has the same shapes, dtype and scalar position."""
    shapes = data.draw(cst.broadcastable_shapes(num_shapes=2))
    sets = data.draw(cst.broadcast_operand_sets(dtype=np.dtype(np.int16), shapes=shapes))
    assert 1 <= len(sets) <= cst.BUDGET.values_per_shape
    structures = {tuple("scalar" if isinstance(o, int) else (o.shape, o.dtype) for o in operands)
                  for operands in sets}
    assert len(structures) == 1


def test_value_sets_reach_several_sets_and_a_scalar():
    shapes = ((2,), (3, 2))
    reaches(cst.broadcast_operand_sets(dtype=np.dtype(np.int8), shapes=shapes),
            lambda sets: len(sets) == cst.BUDGET.values_per_shape)
    reaches(cst.broadcast_operand_sets(dtype=np.dtype(np.int8), shapes=shapes),
            lambda sets: any(isinstance(o, int) for o in sets[0]))


def test_value_sets_refuse_an_empty_budget():
    with pytest.raises(ValueError, match="values_per_shape must be at least 1"):
        cst.value_sets(st.just(0), budget=cst.ShapeBudget(values_per_shape=0))


def test_draws_ignore_the_constants_of_local_modules():
    """conftest.py turns off Hypothesis's drawing of the literal constants of local modules, so that
    an edit adding a number to the catalogue does not change every test's derandomized examples."""
    from hypothesis.internal.conjecture import providers

    assert len(providers._get_local_constants()) == 0

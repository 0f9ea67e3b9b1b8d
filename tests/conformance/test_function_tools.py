"""vectorize, frompyfunc, einsum_path and from_dlpack (`conformance/cases/function_tools.py`): each
example checks every dtype kind the case is defined for, each at its own rank; arrays of one shape
(vectorize and frompyfunc: two of one dtype)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance import reach
from conformance import registry_strategies as rst
from conformance import strategies as cst
from conformance.cases import function_tools as ft
from conformance.check import check

pytestmark = pytest.mark.conformance

# vectorize and frompyfunc compile one program per shape and dtype (vmap of a subtraction): a sixth of
# the profile's examples, as a registry row; from_dlpack and einsum_path compile nothing: a quarter
COMPILED = settings(max_examples=max(settings.default.max_examples // 6, 2))
CHEAP = settings(max_examples=max(settings.default.max_examples // 4, 2))
EMPTY = "an empty array"


def _check_kinds(case, xp, data, count: int, low: int) -> None:
    first = data.draw(st.integers(0, 2), label="first rank")
    for number, kind in enumerate(case.dtype_kinds):  # consecutive ranks, by construction
        dtype = data.draw(cst.dtypes(kinds=kind), label=f"{kind} dtype")
        rank = low + (first + number) % (3 - low)
        shape = data.draw(rst.shapes_of_rank(low=low, high=2, rank=rank), label="shape")
        arrays = [data.draw(cst.arrays(dtype, shape), label=f"array {i}") for i in range(count)]
        reach.reached(*rst.features(dtype, arrays), *([EMPTY] if arrays[0].size == 0 else []))
        check(case, *arrays, xp=xp)


def _declared(case, low: int) -> list[str]:
    return [*(rst.kind_feature(k) for k in case.dtype_kinds), *(f"rank={r}" for r in range(low, 3)), EMPTY]


@pytest.mark.parametrize(("case", "count"), [(ft.VECTORIZE, 2), (ft.FROMPYFUNC, 2)], ids=str)
@reach.declare(per_params=lambda params: _declared(params["case"], 0))
@COMPILED
@given(data=st.data())
def test_a_vectorized_function(case, count, xp, data):
    _check_kinds(case, xp, data, count, 0)


@reach.declare(*_declared(ft.VECTORIZE_SIGNATURE, 1))
@COMPILED
@given(data=st.data())
def test_vectorize_with_a_signature(xp, data):
    _check_kinds(ft.VECTORIZE_SIGNATURE, xp, data, 1, 1)


@reach.declare(*_declared(ft.FROM_DLPACK, 0))
@CHEAP
@given(data=st.data())
def test_from_dlpack(xp, data):
    _check_kinds(ft.FROM_DLPACK, xp, data, 1, 0)


@reach.declare("a side of 1", "sides above 1")
@CHEAP
@given(sides=st.lists(st.integers(1, 5), min_size=4, max_size=4))
def test_einsum_path(xp, sides):
    i, j, k, m = sides
    reach.reached(*(["a side of 1"] if 1 in sides else []), *(["sides above 1"] if max(sides) > 1 else []))
    check(ft.EINSUM_PATH, np.zeros((i, j), np.float32), np.zeros((j, k), np.float32),
          np.zeros((k, m), np.float32), xp=xp)

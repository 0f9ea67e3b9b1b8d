"""Python control flow and shapes computed from values (`conformance/cases/tracing.py`), eagerly, under
jit and folded: NumPy and eager JAX compute them, jit refuses them (catalogue/tracing.py), and
`repeat(total_repeat_length=)`, the static form, is NumPy's result padded or cut as JAX documents."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance import reach
from conformance import registry_strategies as rst
from conformance import strategies as cst
from conformance.cases import tracing
from conformance.check import check

pytestmark = pytest.mark.conformance

# Nothing compiles where jit refuses (the trace raises first): a quarter of the profile's examples; the
# static repeat compiles in every mode and kind: a sixth (5 in ci).
CHEAP = settings(max_examples=max(settings.default.max_examples // 4, 2))
COMPILED = settings(max_examples=max(settings.default.max_examples // 6, 2))


@pytest.mark.parametrize("case", tracing.SCALARS, ids=str)
@reach.declare(per_params=lambda params: [*(rst.kind_feature(k) for k in params["case"].dtype_kinds),
                                          "rank=0", "rank=2"])
@CHEAP
@given(data=st.data())
def test_a_value_read_in_python(case, xp, data):
    for kind in case.dtype_kinds:  # every kind in each example (reached by construction)
        dtype = data.draw(cst.dtypes(kinds=kind), label=f"{kind} dtype")
        shape = data.draw(rst.shapes_of_rank(low=0, high=2, min_side=1), label="shape")
        a = data.draw(cst.arrays(dtype, shape), label="a")
        reach.reached(*rst.features(dtype, [a]))
        check(case, a, xp=xp)


def _counts(dtype) -> st.SearchStrategy[np.ndarray]:
    """A vector of 1 to 4 counts from 0 to 4 (a maximum of 0 too: an empty range and shape)."""
    return st.lists(st.integers(0, 4), min_size=1, max_size=4).map(lambda v: np.array(v, dtype))


@pytest.mark.parametrize("case", tracing.COUNTS, ids=str)
@reach.declare(per_params=lambda params: ["signed inputs", "unsigned inputs", "a maximum of 0"])
@CHEAP
@given(data=st.data())
def test_a_value_used_as_a_count(case, xp, data):
    dtype = data.draw(rst.kind_and_dtype(case.dtype_kinds), label="dtype")
    a = data.draw(_counts(dtype), label="a")
    reach.reached(*rst.features(dtype, [a]), *(["a maximum of 0"] if a.max() == 0 else []))
    check(case, a, xp=xp)


@reach.declare("float inputs", "complex inputs", "padded", "cut", "exact length")
@COMPILED
@given(data=st.data())
def test_repeat_with_a_total_length(xp, data):
    for kind in "biufc":
        _repeat_with_a_total_length(xp, data, kind)


def _repeat_with_a_total_length(xp, data, kind):
    dtype = data.draw(cst.dtypes(kinds=kind), label=f"{kind} dtype")
    shape = data.draw(rst.shapes_of_rank(low=0, high=2, min_side=1), label="shape")
    a = data.draw(cst.arrays(dtype, shape), label="a")
    counts = st.lists(st.integers(0, 3), min_size=a.size, max_size=a.size)
    r = np.array(data.draw(counts, label="r"), np.int32)
    n = data.draw(st.integers(0, 8), label="n")
    total = int(r.sum())
    length = "padded" if n > total else "cut" if n < total else "exact length"
    reach.reached(*rst.features(dtype, [a])[:1], length)
    check(tracing.REPEAT_TO_LENGTH, a, r, n, xp=xp)

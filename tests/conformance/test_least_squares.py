"""The generic test of lstsq and pinv (`conformance/registry/least_squares.py`): rectangular and square
matrices (pinv: stacks of them; lstsq: a stack both refuse) of each condition
(conformance/least_squares_strategies.py), on every dtype kind; results compared with the exact
minimum-norm answers within conformance/least_squares_bounds.py's bounds."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance import least_squares_strategies as lst
from conformance import reach, registry
from conformance import strategies as cst
from conformance.check import check_sets
from conformance.operation import case_of
from tests.conformance.test_solvers import LINALG

pytestmark = pytest.mark.conformance


@pytest.mark.parametrize("row", registry.LEAST_SQUARES, ids=str)
@reach.declare(per_params=lambda params: lst.declared_features(params["row"]))
@LINALG
@given(data=st.data())
def test_least_squares_row(row, xp, data):
    first = data.draw(st.integers(0, 5), label="first layout")
    for number, kind in enumerate(row.checked_kinds):  # the kinds take consecutive layouts
        dtype = data.draw(cst.dtypes(kinds=kind), label=f"{kind} dtype")
        sets, features = data.draw(lst.argument_sets(row, dtype, first + number), label="arguments")
        reach.reached(*features)
        check_sets(case_of(row), sets, xp=xp)

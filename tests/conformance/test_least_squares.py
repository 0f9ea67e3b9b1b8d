"""The generic test of lstsq and pinv (`conformance/registry/least_squares.py`): rectangular and square
matrices (pinv: stacks of them; lstsq: a stack both refuse) of each condition
(conformance/least_squares_strategies.py), on every dtype kind; results compared with the exact
minimum-norm answers within conformance/least_squares_bounds.py's bounds."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance import least_squares_strategies as lst
from conformance import reach, registry
from tests.conformance.test_solvers import LINALG, check_every_kind

pytestmark = pytest.mark.conformance


@pytest.mark.parametrize("row", registry.LEAST_SQUARES, ids=str)
@reach.declare(per_params=lambda params: lst.declared_features(params["row"]))
@LINALG
@given(data=st.data())
def test_least_squares_row(row, xp, data):
    check_every_kind(row, xp, data, lst.argument_sets)

"""The generic test of the solver rows (`conformance/registry/solvers.py`): square matrices (now and
then not square), stacks of them, of each condition (conformance/solver_strategies.py), on every dtype
kind the row is defined for; results compared within conformance/solver_bounds.py's bounds."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance import reach, registry
from conformance import solver_strategies as sst
from conformance import strategies as cst
from conformance.check import check_sets
from conformance.operation import case_of
from tests.conformance.test_registry import PER_KIND

pytestmark = pytest.mark.conformance


@pytest.mark.parametrize("row", registry.SOLVERS, ids=str)
@reach.declare(per_params=lambda params: sst.declared_features(params["row"]))
@PER_KIND
@given(data=st.data())
def test_solver_row(row, xp, data):
    for kind in row.checked_kinds:
        dtype = data.draw(cst.dtypes(kinds=kind), label=f"{kind} dtype")
        sets, features = data.draw(sst.argument_sets(row, dtype), label="arguments")
        reach.reached(*features)
        check_sets(case_of(row), sets, xp=xp)

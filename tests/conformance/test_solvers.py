"""The generic test of the solver rows (`conformance/registry/solvers.py`): square matrices (now and
then not square), stacks of them, of each condition (conformance/solver_strategies.py), on every dtype
kind the row is defined for; results compared within conformance/solver_bounds.py's bounds."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance import reach, registry
from conformance import registry_strategies as rst
from conformance import solver_strategies as sst
from conformance import strategies as cst
from conformance.check import check_sets
from conformance.operation import case_of

pytestmark = pytest.mark.conformance

# Each example checks every kind, each kind one compile (jit only) of a layout taken in turn and one
# value set per condition: the linear algebra kernels cost a compile each, so a sixteenth of the
# profile's examples (2 in ci), every layout still reached by construction.
LINALG = settings(max_examples=max(settings.default.max_examples // 16, 2))


@pytest.mark.parametrize("row", registry.SOLVERS, ids=str)
@reach.declare(per_params=lambda params: sst.declared_features(params["row"]))
@LINALG
@given(data=st.data())
def test_solver_row(row, xp, data):
    check_every_kind(row, xp, data, sst.argument_sets)


def check_every_kind(row, xp, data, argument_sets) -> None:
    """Each of the row's kinds on a layout taken in turn (`argument_sets(row, dtype, turn, option_turn)`
    draws the value sets and the features they reach), its options at random; then one more turn for
    each class of the options' values those left out (as test_registry's rows: every class reached by
    each example, by construction)."""
    first = data.draw(st.integers(0, 5), label="first layout")
    kinds, reached = row.checked_kinds, set()

    def check_turn(number: int, option_turn: int | None = None) -> None:  # the kinds take consecutive layouts
        kind = kinds[number % len(kinds)]
        dtype = data.draw(cst.dtypes(kinds=kind), label=f"{kind} dtype")
        sets, features = data.draw(argument_sets(row, dtype, first + number, option_turn), label="arguments")
        features += rst.options_features(row, sets)
        reach.reached(*features)
        reached.update(features)
        check_sets(case_of(row), sets, xp=xp)

    for number in range(len(kinds)):
        check_turn(number)
    for number, option_turn in enumerate(rst.missing_turns(row, reached), start=len(kinds)):
        check_turn(number, option_turn)

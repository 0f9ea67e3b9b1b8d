"""The operation registry's generic tests: every row of `conformance/registry/`, its arguments drawn
from the row (`conformance/registry_strategies.py`), eagerly, under jit and under vmap.

On the dtype kinds NumPy defines a function for, each drawn dtype and shape is checked with several
value sets (`check_sets`); on the other kinds, both sides must refuse (a check like any other). Each
test declares what its examples must reach: every kind, every rank, every class of each option's values
(`rst.option_class`), a negative zero, and for complex inputs values on both sides of each branch cut
and next to it.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance import reach, registry
from conformance import registry_strategies as rst
from conformance import strategies as cst
from conformance.check import check_sets
from conformance.operation import case_of

pytestmark = pytest.mark.conformance

UNARY = registry.UNARY
OUTSIDE = [row for row in UNARY if row.kinds != "biufc"]
# (a row's pending kinds, `Operation.pending_kinds`, are not drawn: work left, listed in the registry)
# Each example checks a row on one drawn dtype of every kind it is defined for, each kind at the next
# rank (every kind, and with four kinds every rank, reached by construction): a sixth of the
# profile's examples, so that a row costs about what one test of the broadcasting area costs. A refused
# dtype raises before anything compiles: a few examples show it.
PER_KIND = settings(max_examples=max(settings.default.max_examples // 6, 2))
REFUSALS = settings(max_examples=max(settings.default.max_examples // 6, 2))


def _check_row(row, dtype, data, xp, rank=None, turn=None) -> list[str]:
    """Check one drawn dtype, shape and value sets; return the option classes they were drawn with."""
    # float and complex arrays are never empty, so that every example holds the planted -0.0 and
    # branch-cut values (bool and integer arrays draw the empty shapes)
    min_side = 1 if cst.kind_of(dtype) in "fc" else 0
    shape = data.draw(rst.shapes_of_rank(low=row.ranks[0], high=row.ranks[1], rank=rank, min_side=min_side),
                      label="shape")
    sets = data.draw(rst.argument_sets(row, dtype=dtype, shape=shape, turn=turn), label="arguments")
    reach.reached(*rst.row_features(row, dtype, shape, sets))
    if len(row.arrays) == 2 and any(rst.shares_a_value(list(args[:2])) for args in sets):
        reach.reached(rst.SHARED_VALUE)
    check_sets(case_of(row), sets, xp=xp)
    return rst.option_features(row, sets)


def _check_every_kind(row, xp, data) -> None:
    # The kinds take consecutive ranks (every kind and, with enough kinds, every rank by construction),
    # their options drawn at random; then one more turn for each class of the options' values that those
    # turns left out (`rst.option_turns`: turn t takes class t of each option), kinds and ranks going
    # on: every option class is reached by each example, by construction.
    low, high = row.ranks
    first = data.draw(st.integers(low, high), label="first rank")
    kinds = row.checked_kinds
    reached = set()
    for number, kind in enumerate(kinds):
        rank = low + (first - low + number) % (high - low + 1)
        reached.update(_check_row(row, data.draw(cst.dtypes(kinds=kind), label=f"{kind} dtype"), data, xp,
                                  rank))
    number = len(kinds)
    for turn in rst.missing_turns(row, reached):
        kind, rank = kinds[number % len(kinds)], low + (first - low + number) % (high - low + 1)
        reached.update(_check_row(row, data.draw(cst.dtypes(kinds=kind), label=f"{kind} dtype"), data, xp,
                                  rank, turn))
        number += 1


@pytest.mark.parametrize("row", UNARY, ids=str)
@reach.declare(per_params=lambda params: rst.declared_features(params["row"]))
@PER_KIND
@given(data=st.data())
def test_unary(row, xp, data):
    _check_every_kind(row, xp, data)


# Queries compile nothing: the profile's full budget, each example on every kind.
@pytest.mark.parametrize("row", registry.QUERIES, ids=str)
@reach.declare(per_params=lambda params: rst.declared_features(params["row"]))
@given(data=st.data())
def test_query(row, xp, data):
    _check_every_kind(row, xp, data)


@pytest.mark.parametrize("row", OUTSIDE, ids=str)
@reach.declare(per_params=lambda params: [rst.kind_feature(k) for k in "biufc"
                                          if k not in params["row"].kinds])
@REFUSALS
@given(data=st.data())
def test_unary_outside_its_kinds(row, xp, data):
    for kind in "biufc":
        if kind not in row.kinds:
            _check_row(row, data.draw(cst.dtypes(kinds=kind), label=f"{kind} dtype"), data, xp)


# Shape manipulations, exact reductions and sorts compile one program per drawn shape and option: the
# unary rows' budget.
@pytest.mark.parametrize("row", registry.AXES_ROWS, ids=str)
@reach.declare(per_params=lambda params: rst.declared_features(params["row"]))
@PER_KIND
@given(data=st.data())
def test_axes_row(row, xp, data):
    _check_every_kind(row, xp, data)


# Creation: the dtype is an option (drawn per kind), the shape or range the other options.
@pytest.mark.parametrize("row", registry.CREATION, ids=str)
@reach.declare(per_params=lambda params: rst.declared_features(params["row"]))
@PER_KIND
@given(data=st.data())
def test_creation_row(row, xp, data):
    _check_every_kind(row, xp, data)

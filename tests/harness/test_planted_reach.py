"""Bugs that live in structures random draws reach rarely are caught by the area's own test with the `ci`
profile's budget (`planted.CI`: 32 examples, derandomized), because the test reaches those structures on
purpose (`conformance/reach.py`): a mask of two axes with `True`s in several rows, repeated positions of
`.at[].add` in every mode, an interior size-1 axis of a rank-3 target, three operands of
`broadcast_arrays`, advanced indices separated by a slice."""

import pytest

from conformance.cases import updates as update_cases
from conformance.check import NewDivergence
from conformance.recorder import Recorder, recording
from tests.conformance import test_broadcasting as broadcasting
from tests.conformance import test_indexing as indexing
from tests.conformance import test_updates as updates
from tests.harness import broken_reach as broken
from tests.harness.planted import CI, new_kinds, planted_settings


def caught_with_ci_budget(kinds: set[str], test, **kwargs) -> None:
    """`test(**kwargs)` with the ci budget raises a new divergence of one of `kinds`."""
    __tracebackhide__ = True
    with planted_settings(test, CI), recording(Recorder()) as recorder, \
            pytest.raises((NewDivergence, ExceptionGroup)):
        test(**kwargs)
    found = new_kinds(recorder)
    assert found & kinds, f"expected a new {sorted(kinds)} divergence, got {found}"


def test_mask_selecting_in_column_major_order_is_caught():
    caught_with_ci_budget({"values"}, indexing.test_boolean_masks, xp=broken.MASK_COLUMN_MAJOR)


@pytest.mark.parametrize("label", list(updates.MODE_LABELS))
def test_add_where_the_last_repeated_update_wins_is_caught(label):
    mode = broken.DEFAULT if label == "default" else updates.MODE_LABELS[label]
    caught_with_ci_budget({"values"}, updates.test_repeated_positions_in_every_mode,
                          case=update_cases.BY_METHOD["add"], label=label, xp=broken.add_last_wins(mode))


def test_broadcast_to_refusing_an_interior_axis_is_caught():
    caught_with_ci_budget({"error-parity"}, broadcasting.test_broadcast_to,
                          xp=broken.BROADCAST_TO_NO_INTERIOR)


def test_broadcast_arrays_of_three_operands_is_caught():
    caught_with_ci_budget({"shape", "structure"}, broadcasting.test_broadcast_arrays,
                          xp=broken.BROADCAST_ARRAYS_THREE)


def test_separated_advanced_indices_left_in_place_are_caught():
    caught_with_ci_budget({"shape", "values"}, indexing.test_mixed_indices, xp=broken.SEPARATED_STAY)

"""The reach machinery (conformance/reach.py) and the strategies that reach structures by construction."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance import indices as ci
from conformance import reach
from conformance import strategies as cst
from conformance.recorder import Recorder, recording


def test_a_declared_feature_never_reached_fails_when_enforced():
    reach.start()
    reach.reached("rank=2")
    with recording(Recorder()) as recorder:
        with pytest.raises(reach.ReachMissed, match="operands=3"):
            reach.finish("test_x", "test_x[add]", ("rank=2", "operands=3"), enforce=True)
        reach.finish("test_x", "test_x[add]", ("rank=2", "operands=3"), enforce=False)
    cells = recorder.tables[f"{reach.TABLE}:test_x"]["cells"]["test_x[add]"]
    assert cells == {"rank=2": 1, "operands=3": 0}


def test_declared_features_may_depend_on_the_parameters():
    @reach.declare("a", per_params=lambda params: [f"case {params['case']}"])
    def test():
        pass
    assert reach.declared(test, {"case": "add"}) == ("a", "case add")
    assert reach.declared(lambda: None, {}) == ()


@settings(max_examples=100, derandomize=True, database=None)
@given(count=st.integers(1, 4), data=st.data())
def test_stretching_shapes_broadcast_within_the_budget(count, data):
    shapes = data.draw(cst.stretching_shapes(num_shapes=count))
    result = np.broadcast_shapes(*shapes)
    assert all(int(np.prod(s)) <= cst.BUDGET.max_size for s in (*shapes, result))
    assert f"operands={count}" in cst.broadcast_features(shapes)


def test_broadcast_features_name_the_stretched_positions():
    features = cst.broadcast_features([(2, 1, 3), (1, 4, 1)])
    assert {"stretched axis: first", "stretched axis: interior", "stretched axis: last", "rank=3"} <= set(
        features)
    assert "new leading axes" in cst.broadcast_features([(3,), (2, 3)])


@settings(max_examples=50, derandomize=True, database=None)
@given(data=st.data())
def test_masks_with_several_rows_select_in_an_order_that_shows(data):
    shape = data.draw(cst.array_shapes(min_dims=2, min_side=2))
    mask = data.draw(ci.masks_with_several_rows(shape))
    assert "mask rank>=2, True in several rows" in ci.index_features(mask)
    rows = np.argwhere(mask)
    assert not np.array_equal(rows, rows[np.lexsort(rows.T)]), "column-major order equals row-major"


@settings(max_examples=100, derandomize=True, database=None)
@given(layout=st.sampled_from(ci.LAYOUTS), data=st.data())
def test_mixed_indices_are_built_in_the_layout_asked_for(layout, data):
    shape = data.draw(cst.array_shapes(min_dims=3, min_side=1))
    index = data.draw(ci.mixed_indices(shape, layout=layout))
    # a None or ... inserted between adjacent advanced parts separates them (NumPy moves them first then)
    assert f"advanced indices {layout}" in ci.index_features(index) or (
        layout == "adjacent" and any(p is None or p is Ellipsis for p in index))


@settings(max_examples=50, derandomize=True, database=None)
@given(data=st.data())
def test_basic_index_structures_have_their_structure(data):
    shape = data.draw(cst.array_shapes(min_dims=1))
    index = data.draw(ci.basic_index_structures(shape))
    assert {"negative step with explicit stop", "ellipsis then newaxis"} & set(ci.index_features(index))
    np.empty(shape)[index]  # valid


def test_option_classes_group_values_by_what_they_mean():
    from conformance import registry_strategies as rst

    assert [rst.option_class(v) for v in (None, True, "fro", -2, 0, 1, 5, -0.0, 0.0, 2.5, -1.5,
                                          float("nan"), float("inf"), (0, 1))] == [
        "None", "True", "'fro'", "< 0", "0", "1", "> 1", "-0.0", "0.0", "> 0", "< 0", "nan", "inf",
        "tuple"]
    assert rst.option_classes((None, -1, -2, 0, 3)) == [[None], [-1, -2], [0], [3]]


@pytest.mark.parametrize("name", ["linalg.norm", "linalg.qr", "hanning", "full", "fft.rfftfreq"])
def test_consecutive_option_turns_reach_every_declared_option_class(name):
    """One example's turns (tests/conformance/test_registry.py: one per kind, at least one per class of
    the largest option) reach every class of every option, whatever turn the example starts at."""
    from hypothesis import find

    from conformance import registry_strategies as rst
    from conformance.registry import BY_NAME

    row = BY_NAME[name]
    declared = {f for f in rst.declared_options(row)}
    assert declared
    for start in (0, 5, 11):
        reached = set()
        for turn in range(start, start + rst.option_turns(row)):
            for keyword, domain in row.options.items():
                if keyword + ": " in " ".join(declared):
                    value = find(rst.option_values(domain, (2, 3), turn), lambda v: True)
                    reached.add(f"{keyword}: {rst.option_class(value)}")
        assert declared <= reached, declared - reached


def test_missing_turns_draw_exactly_the_classes_left_out():
    from conformance import registry_strategies as rst
    from conformance.registry import BY_NAME

    row = BY_NAME["hanning"]  # M: -1, 0, 1, 2, 3, 6: classes < 0, 0, 1, > 1
    everything = set(rst.declared_options(row))
    assert rst.missing_turns(row, everything) == []
    assert rst.missing_turns(row, everything - {"M: 1"}) == [2]
    assert rst.missing_turns(row, set()) == [0, 1, 2, 3]


def test_options_drawn_without_turns_miss_classes_that_the_ci_run_requires(monkeypatch):
    """The planted regression: no turns for the classes an example's random draws left out (the options
    as they were drawn before the turns) leaves classes of linalg.norm's ord ('fro', 'nuc') unreached in
    the ci budget, and the run's reach check fails; tests/conformance/test_registry.py's turns reach
    them all (the committed ci runs)."""
    import jax.numpy as jnp

    from conformance import registry_strategies as rst
    from conformance.registry import BY_NAME
    from tests.conformance import test_registry
    from tests.harness.planted import CI, planted_settings

    row, test = BY_NAME["linalg.norm"], test_registry.test_axes_row
    monkeypatch.setattr(rst, "missing_turns", lambda row, reached: [])
    reach.start()
    with recording(Recorder()), planted_settings(test, CI):
        test(row=row, xp=jnp)
        with pytest.raises(reach.ReachMissed, match="ord: "):
            reach.finish("test_axes_row", "test_axes_row[linalg.norm]", reach.declared(test, {"row": row}),
                         enforce=True)


@pytest.mark.parametrize("planted", [True, False])
def test_solver_options_drawn_without_turns_miss_classes(monkeypatch, planted):
    """linalg.cond's p has seven classes of values (None, 'fro', 1, > 1, < 0, inf, -inf) and the ci
    budget two examples of two kinds each: drawn at random only (the plant), some class is left out and
    the reach check fails; with tests/conformance/test_solvers.py's extra turns, each example reaches all."""
    import jax.numpy as jnp

    from conformance import registry_strategies as rst
    from conformance import solver_strategies as sst
    from conformance.registry import BY_NAME
    from tests.conformance import test_solvers
    from tests.harness.planted import CI, planted_settings

    row, test = BY_NAME["linalg.cond"], test_solvers.test_solver_row
    assert len({f for f in sst.declared_features(row) if f.startswith("p: ")}) == 7
    if planted:
        monkeypatch.setattr(rst, "missing_turns", lambda row, reached: [])
    reach.start()
    with recording(Recorder()), planted_settings(test, CI):
        test(row=row, xp=jnp)
    finish = lambda: reach.finish("test_solver_row", "test_solver_row[linalg.cond]",  # noqa: E731
                                  reach.declared(test, {"row": row}), enforce=True)
    if planted:
        with pytest.raises(reach.ReachMissed, match="p: "):
            finish()
    else:
        finish()

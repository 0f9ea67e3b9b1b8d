"""Bugs planted in jax.random are caught by tests/conformance/test_samplers.py: the four the issue names,
and next to each entry of conformance/catalogue/samplers.py a sampler that does what NumPy does, caught as
the entry vanishing on the entry's own example (where the entry is also checked to hold on the real
jax.random: the controls)."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from packaging.version import Version

from conformance import environment
from conformance.cases import samplers as cases
from conformance.check import NewDivergence, VanishedDivergence, check
from conformance.recorder import Recorder, recording
from tests.conformance import test_samplers as suite
from tests.harness import broken_samplers as broken
from tests.harness.planted import new_kinds


def _variant(sampler, **params):
    """The one variant of VARIANTS with these parameters (the first if several shapes share them)."""
    return next(v for v in cases.VARIANTS if v[0] == sampler and v[1] == params)


def _fails(test, kind, **kwargs):
    with recording(Recorder()) as recorder, pytest.raises(NewDivergence):
        test(**kwargs)
    assert kind in new_kinds(recorder), f"expected a new {kind} divergence, got {new_kinds(recorder)}"


# -- the bugs the issue names ---------------------------------------------------------------------------
def test_randint_with_an_inclusive_upper_bound_is_caught_by_the_support():
    _fails(suite.test_dtype_shape_and_support, "values", xp=broken.RANDINT_INCLUSIVE,
           variant=_variant("randint", minval=-3, maxval=7))


def test_randint_with_an_inclusive_upper_bound_is_caught_by_the_fit():
    _fails(suite.test_distribution_fits_numpy, "values", xp=broken.RANDINT_INCLUSIVE, sampler="randint")


def test_normal_with_the_wrong_scale_is_caught_by_the_fit():
    _fails(suite.test_distribution_fits_numpy, "values", xp=broken.NORMAL_WRONG_SCALE, sampler="normal")


def test_choice_that_ignores_p_is_caught_by_the_fit():
    _fails(suite.test_distribution_fits_numpy, "values", xp=broken.CHOICE_IGNORES_P, sampler="choice")


def test_choice_that_ignores_p_draws_outside_the_support():
    _fails(suite.test_dtype_shape_and_support, "values", xp=broken.CHOICE_IGNORES_P,
           variant=_variant("choice", a=5, p=[0.5, 0.0, 0.5, 0.0, 0.0]))


@pytest.mark.parametrize("params", [{"population": 10}, {"population": [[1, 2, 3], [4, 5, 6]], "axis": 1}],
                         ids=["int", "array-axis-1"])
def test_permutation_that_is_not_a_permutation_is_caught(params):
    _fails(suite.test_dtype_shape_and_support, "values", xp=broken.PERMUTATION_WITH_REPEATS,
           variant=_variant("permutation", **params))


@pytest.mark.parametrize("sampler", ["randint", "normal", "choice"])
def test_fits_pass_on_the_real_jax_random(sampler):
    """The controls of the fit plants (the whole file runs in the conformance suite too)."""
    with recording(Recorder()) as recorder:
        suite.test_distribution_fits_numpy(xp=jnp, sampler=sampler)
    assert recorder.examples == 1 and not new_kinds(recorder)


# -- next to each entry: JAX does what NumPy does, and the entry vanishes -----------------------------------
ENTRY_EXAMPLES = [
    # (entry, NumPy-like namespace, the support case's arguments)
    ("SAMPLER-RANDINT-CLAMPS-BOUNDS", broken.RANDINT_REFUSES_OUT_OF_BOUNDS,
     ("randint", {"minval": -1000, "maxval": 1000}, (64,), "int8")),
    ("SAMPLER-RANDINT-EMPTY-RANGE", broken.RANDINT_REFUSES_EMPTY_RANGE,
     ("randint", {"minval": 7, "maxval": 5}, (4,), None)),
    ("SAMPLER-CHOICE-P-NOT-NORMALIZED", broken.CHOICE_CHECKS_P,
     ("choice", {"a": 5, "p": [1.0, 2.0, 3.0, 2.0, 2.0]}, (64,), None)),
    ("SAMPLER-UNIFORM-INFINITE-BOUND", broken.UNIFORM_REFUSES_INFINITE_BOUNDS,
     ("uniform", {"minval": -np.inf, "maxval": 0.0}, (64,), None)),
    ("SAMPLER-HALF-PRECISION", broken.UNIFORM_REFUSES_HALF, ("uniform", {}, (64,), "float16")),
    ("SAMPLER-NON-FLOAT-DTYPE-VALUEERROR", broken.UNIFORM_TYPEERROR,
     ("uniform", {"minval": 0.0, "maxval": 1.0}, (64,), "int32")),
]


def _known(case, args, xp) -> list[str]:
    with recording(Recorder()):
        return [str(v) for v in check(case, *args, xp=xp)]


@pytest.mark.parametrize(("entry", "namespace", "args"), ENTRY_EXAMPLES, ids=[e[0] for e in ENTRY_EXAMPLES])
def test_entry_holds_and_vanishes_when_jax_does_what_numpy_does(entry, namespace, args):
    assert args in [tuple(v) for v in cases.VARIANTS], "the example is one the suite runs"
    assert _known(cases.SUPPORT, (*args, suite.SUPPORT_SEED), jnp) == [f"known:{entry}"]
    with recording(Recorder()), pytest.raises(VanishedDivergence, match=entry):
        check(cases.SUPPORT, *args, suite.SUPPORT_SEED, xp=namespace)


def test_x64_off_refusal_of_a_wide_bound_vanishes_with_numpys_integers():
    args = ("randint", {"minval": 0, "maxval": 2**32}, (64,), "uint32", suite.SUPPORT_SEED)
    if environment.current().x64:  # the entry is x64 off only: with x64 on JAX parses the bound as int64
        assert _known(cases.SUPPORT, args, jnp) == ["agree"]
        return
    assert _known(cases.SUPPORT, args, jnp) == ["known:SAMPLER-RANDINT-PYINT-BOUND-OVERFLOW"]
    with recording(Recorder()), pytest.raises(VanishedDivergence, match="SAMPLER-RANDINT-PYINT-BOUND"):
        check(cases.SUPPORT, *args, xp=broken.RANDINT_WIDE_BOUNDS)


def test_uniform_range_computed_in_float64_loses_the_overflow_entry():
    """x64 off: JAX's float32 range overflows (SAMPLER-UNIFORM-RANGE-OVERFLOWS); NumPy's float64 arithmetic
    leaves only the x64 dtype rule. x64 on: both agree with NumPy."""
    args = ("uniform", {"minval": -3e38, "maxval": 3e38}, (64,), None, suite.SUPPORT_SEED)
    if environment.current().x64:
        assert _known(cases.SUPPORT, args, jnp) == ["agree"]
        return
    assert _known(cases.SUPPORT, args, jnp) == ["known:DTYPE-X64-OFF-32BIT+SAMPLER-UNIFORM-RANGE-OVERFLOWS"]
    assert _known(cases.SUPPORT, args, broken.UNIFORM_IN_FLOAT64) == ["known:DTYPE-X64-OFF-32BIT"]


def test_integer_binomial_counts_are_caught():
    """x64 on: int64 counts are NumPy's, and SAMPLER-COUNTS-AS-FLOATS vanishes; x64 off: int32 counts are
    explained by the x64 rule alone, not by the float-counts entry."""
    args = (*_variant("binomial", n=12, p=0.3), suite.SUPPORT_SEED)
    assert _known(cases.SUPPORT, args, jnp) == ["known:SAMPLER-COUNTS-AS-FLOATS"]
    if environment.current().x64:
        with recording(Recorder()), pytest.raises(VanishedDivergence, match="SAMPLER-COUNTS-AS-FLOATS"):
            check(cases.SUPPORT, *args, xp=broken.BINOMIAL_INTS)
    else:
        assert _known(cases.SUPPORT, args, broken.BINOMIAL_INTS) == ["known:DTYPE-X64-OFF-32BIT"]


@pytest.mark.skipif(Version(jax.__version__) >= Version("0.12"),
                    reason="SAMPLER-MULTINOMIAL-SHAPE holds before jax 0.12, whose shape is the batch shape")
def test_multinomial_with_numpys_batch_shape_is_caught():
    """x64 on: NumPy's shape and int64 counts, and SAMPLER-MULTINOMIAL-SHAPE vanishes; x64 off: the int32
    counts are explained by the x64 rule alone, not by the shape entry. (The vanished check names the first
    entry whose model NumPy contradicts: the float-counts entry, which vanishes here too, may come first.)"""
    args = ("multinomial", {"n": 4, "p": [0.5, 0.0, 0.5]}, (cases.FIT_SIZE,), None, suite.SUPPORT_SEED)
    assert _known(cases.SUPPORT, args, jnp) == ["known:SAMPLER-MULTINOMIAL-SHAPE"]
    if environment.current().x64:
        with recording(Recorder()), pytest.raises(VanishedDivergence,
                                                  match="SAMPLER-(MULTINOMIAL-SHAPE|COUNTS-AS-FLOATS)"):
            check(cases.SUPPORT, *args, xp=broken.MULTINOMIAL_BATCH_SHAPE)
    else:
        assert _known(cases.SUPPORT, args, broken.MULTINOMIAL_BATCH_SHAPE) == ["known:DTYPE-X64-OFF-32BIT"]


def test_prefix_entry_holds_and_vanishes_with_a_partitionable_draw_whatever_the_flag():
    args = (cases.FIT_SEED, 6, 3, False)
    assert _known(cases.PREFIX, args, jnp) == ["known:SAMPLER-PREFIX-NOT-SMALLER-DRAW"]
    with recording(Recorder()), pytest.raises(VanishedDivergence, match="SAMPLER-PREFIX-NOT-SMALLER-DRAW"):
        check(cases.PREFIX, *args, xp=broken.PREFIX_CONSISTENT)


def test_a_flag_that_changes_nothing_is_caught():
    """A jax.random whose uniform ignores jax_threefry_partitionable gives the same draws either way."""
    with recording(Recorder()), pytest.raises(AssertionError, match="the same draws"):
        suite.test_partitionable_flag_changes_the_draws(xp=broken.PREFIX_CONSISTENT, name="uniform")

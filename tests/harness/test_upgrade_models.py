"""The models that read the JAX version (jax 0.12 changed a detail: conformance/catalogue/models.py's
jax_at_least) against the installed jax.numpy, so that each test holds on jax 0.10 and 0.12 alike; and the
entries gated to jax >= 0.12 vanish where a planted bug does what NumPy does (skipped before 0.12)."""

from types import SimpleNamespace

import jax
import jax.numpy as jnp
import ml_dtypes
import numpy as np
import pytest
from packaging.version import Version

from conformance import surface
from conformance.cases import samplers
from conformance.catalogue.api import KEYWORD, Param, kw, put
from conformance.catalogue.creation import _negative_side_refusal
from conformance.catalogue.manipulation import jax_split_sizes
from conformance.catalogue.models import jax_at_least, truth_flushes, truth_like_jnp_any
from conformance.catalogue.order_statistics import _empty_slice_error, _nan_filled
from conformance.check import VanishedDivergence, check
from conformance.operation import case_of
from conformance.outcome import Outcome
from conformance.recorder import Recorder, recording
from conformance.registry import BY_NAME
from tests.harness.broken import BrokenNamespace
from tests.harness.test_planted_surface import _fails

JAX_012 = Version(jax.__version__) >= Version("0.12")
ENV = SimpleNamespace(jax=jax.__version__, x64=False)


def _example(name: str = "", mode: str = "eager", args: tuple = (), tags=frozenset()):
    case = case_of(BY_NAME[name]) if name else SimpleNamespace(tags=frozenset(tags))
    return SimpleNamespace(case=case, mode=mode, env=ENV, args=args)


def _raised(thunk) -> str | None:
    try:
        thunk()
    except Exception as error:  # noqa: BLE001 - the type's name is what the model asserts
        return type(error).__name__
    return None


@pytest.mark.parametrize("dtype", [ml_dtypes.bfloat16, np.float16, np.float32])
def test_truth_of_a_subnormal_is_what_astype_bool_and_any_read(dtype):
    """bfloat16's subnormal: true on jax 0.10 (its bits), false on 0.12 (compared as float32)."""
    a = np.array([ml_dtypes.finfo(dtype).smallest_subnormal, 0.0], dtype)
    model = truth_like_jnp_any(a, flush=truth_flushes(_example()))
    assert model.tolist() == np.asarray(jnp.asarray(a).astype(bool)).tolist()
    assert bool(model[0]) == bool(jnp.any(jnp.asarray(a[:1])))
    assert truth_flushes(_example(mode="folded")) == ()


@pytest.mark.parametrize("indices", [[7], [3, 1], [-2], [2, 4], [-7, 2], [5, 5]])
def test_split_sizes_are_jnps(indices):
    """jax 0.12 resolves negative indices and clips them into the length; only decreasing ones raise."""
    sizes = jax_split_sizes(5, indices, uneven=True, clipped=jax_at_least(_example(), "0.12"))
    if min(sizes) < 0:
        with pytest.raises(ValueError, match="Sizes passed to split must be nonnegative"):
            jnp.split(jnp.arange(5), indices)
    else:
        assert [piece.size for piece in jnp.split(jnp.arange(5), indices)] == sizes


@pytest.mark.parametrize(("name", "tags"), [("empty", {"unspecified-values"}), ("zeros", set())])
def test_a_negative_side_raises_what_the_model_says(name, tags):
    outcome = _negative_side_refusal(_example(tags=tags), Outcome())
    assert outcome.error.type == _raised(lambda: getattr(jnp, name)((2, -1)))


def test_median_and_the_nan_forms_of_an_empty_slice():
    """jax 0.12: median raises ValueError, nanquantile returns NaN in the reduced shape; before, the
    gather's TypeError for both."""
    a = np.zeros((0, 2), np.int32)
    median = _example("median", args=(a, 0, False))
    assert _empty_slice_error(median, Outcome()).error.type == _raised(lambda: jnp.median(a, axis=0))
    if not JAX_012:
        assert _raised(lambda: jnp.nanquantile(a, 1.5, axis=0)) == "TypeError"
        return
    for q, keepdims in ((1.5, False), (np.array([0.2, 0.5]), True)):
        example = _example("nanquantile", args=(a, q, 0, "linear", keepdims))
        (model,) = _nan_filled(example, Outcome()).values
        got = np.asarray(jnp.nanquantile(a, q, axis=0, keepdims=keepdims))
        assert (model.shape, model.dtype) == (got.shape, got.dtype) and np.isnan(got).all()


def test_searchsorted_folded_reads_the_sorted_array_flushed():
    """The folded example the 3.12 run found (jax 0.12: [2, 2], NumPy [1, 2]) is known, as on jax 0.10."""
    a = np.array([-0.0, 9.183549615799121e-41], ml_dtypes.bfloat16)
    v = np.array([9.183549615799121e-41, np.inf], ml_dtypes.bfloat16)
    with recording(Recorder()):
        assert {r.status for r in check(case_of(BY_NAME["searchsorted"]), a, v, "left", xp=jnp)} == {"known"}


def test_the_multinomial_fit_draws_numpys_shape():
    """The fit sample is (FIT_SIZE, 3) on both versions: jax 0.12's shape is the batch shape."""
    assert samplers.jax_sample(jnp, "multinomial", 1).shape == (samplers.FIT_SIZE, 3)


def test_put_sets_a_parameter_numpy_has_and_adds_one_it_lacks():
    numpy_24 = [Param("a", "positional-or-keyword"), Param("stable", KEYWORD, "None")]
    numpy_25 = [*numpy_24, Param("descending", KEYWORD, "<no value>")]
    for params in (numpy_24, numpy_25):
        assert put(kw("descending", "False"))(params) == [*numpy_24, kw("descending", "False")]


@pytest.mark.parametrize("name", ["argsort", "sort", "array", "take_along_axis", "fromstring", "histogram",
                                  "lexsort", "polyval"])
def test_the_signatures_the_upgrade_changed_are_known(name):
    with recording(Recorder()):
        assert surface.check_signature(name, xp=jnp).status in ("agree", "known")


def _lexsort_like_numpy(keys, axis=-1):
    return jnp.lexsort(keys, axis)


def _nanquantile_checking_q(a, q, axis=None, method="linear", keepdims=False):
    if np.any((np.asarray(q) < 0) | (np.asarray(q) > 1)):
        raise ValueError("Quantiles must be in the range [0, 1]")
    return jnp.nanquantile(a, q, axis=axis, method=method, keepdims=keepdims)


@pytest.mark.skipif(not JAX_012, reason="an entry gated to jax >= 0.12")
def test_lexsort_with_numpys_signature_makes_the_012_entry_vanish():
    broken = BrokenNamespace("lexsort(keys, axis=-1)", lexsort=_lexsort_like_numpy)
    record, message = _fails("lexsort", broken, VanishedDivergence)
    assert record["id"] == "API-JAX-012-SIGNATURES" and "API-JAX-012-SIGNATURES predicts" in message


@pytest.mark.skipif(not JAX_012, reason="an entry gated to jax >= 0.12")
def test_nanquantile_checking_q_makes_the_empty_slice_entry_vanish():
    case, args = case_of(BY_NAME["nanquantile"]), (np.zeros((0, 2), np.int32), 1.5, 0, "linear", False)
    with recording(Recorder()):
        assert {str(v) for v in check(case, *args, xp=jnp)} == {
            "known:ORDER-NAN-FORMS-OF-AN-EMPTY-SLICE-UNCHECKED"}
        broken = BrokenNamespace("nanquantile checks q", nanquantile=_nanquantile_checking_q)
        with pytest.raises(VanishedDivergence, match="ORDER-NAN-FORMS-OF-AN-EMPTY-SLICE-UNCHECKED"):
            check(case, *args, xp=broken)


_BF16_TINY = 9.183549615799121e-41
_EXTREMA_OF_SUBNORMALS = np.array([-0.0, _BF16_TINY, 1.7632415262334313e-38, -2.5, 0.0, 0.0, 0.0, 0.0,
                                   0.0, 0.0, 0.0, _BF16_TINY, 0.0, 0.0, 0.0, 0.0]).reshape(2, 2, 4)


def test_bfloat16_max_is_the_flushed_extremum_or_a_tied_elements_own_bits():
    """max over axis 0 of bfloat16 subnormals (a ci example on jax 0.12): 0.10's kernel returns the
    flushed extremum, 0.12's the tied element's own bits (max(-2.5, 9.2e-41) is 9.2e-41); the model
    holds on the installed release, and a 1.0 at a zero is not among its values."""
    from conformance.catalogue.reductions import bfloat16_keeps_bits, xla_extremum_value

    a = _EXTREMA_OF_SUBNORMALS.astype(ml_dtypes.bfloat16)
    model = xla_extremum_value(a, 0, False, largest=True, folded=False,
                               own_bits=bfloat16_keeps_bits(_example("max", args=(a,))))
    actual = np.asarray(jnp.max(a, axis=0))

    def bits(x):
        return np.asarray(x).view(np.uint16)

    assert np.all(np.any([bits(c) == bits(actual) for c in (model.array, *model.choices)], axis=0))
    wrong = actual.copy()
    wrong[1, 0] = 1.0
    assert not np.all(np.any([bits(c) == bits(wrong) for c in (model.array, *model.choices)], axis=0))


def test_nanmax_of_subnormal_ties_is_explained_in_every_mode():
    """float32 nanmax over axis 0 with -1.4e-45 tied with 0.0 (a ci example on jax 0.12, folded: the
    first of the tie under DAZ, as 0.10's folder): every mode known or agreeing on the installed release."""
    tiny = -1.401298464324817e-45
    a = np.array([-0.0, -tiny, 1.7632415262334313e-38, -2.5, tiny, tiny, tiny, tiny,
                  tiny, tiny, tiny, tiny, 0.0, tiny, tiny, tiny], np.float32).reshape(2, 2, 4)
    with recording(Recorder()):
        verdicts = check(case_of(BY_NAME["nanmax"]), a, 0, False, xp=jnp)
    assert {v.status for v in verdicts} <= {"known", "agree"}

"""The public port API: it reports a divergence in a deliberately wrong port (one per kind of check, the
planted bugs of tests/harness/broken.py among them), none in a faithful one, and clear errors for input
it cannot check."""

import contextlib
import inspect
import io
import re

import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import strategies as st

import conformance
from conformance import PortError, PortMismatch, Tolerance, check_port, port_test
from conformance.environment import x64_enabled
from conformance.port_strategies import arrays, dtypes, shapes
from tests.harness import broken

FLOATS = arrays(shape=(4,), dtype="float32", min_value=-10, max_value=10)
FEW = {"max_examples": 10}


def numpy_subtract(a, b):
    return np.subtract(a, b)


def jax_subtract(a, b):
    return jnp.subtract(a, b)


def numpy_standardize(x):
    return (x - x.mean(axis=-1, keepdims=True)) / x.std(axis=-1, keepdims=True)


def jax_standardize(x):
    return (x - jnp.mean(x, axis=-1, keepdims=True)) / jnp.std(x, axis=-1, keepdims=True)


def numpy_abs(x):
    return np.abs(x)


def numpy_pi(n):
    k = np.arange(n)
    return np.sqrt(12) * np.sum((-1 / 3) ** k / (2 * k + 1))


def jax_pi(n):
    k = jnp.arange(n)
    return jnp.sqrt(12) * jnp.sum((-1 / 3) ** k / (2 * k + 1))


def _new_kinds(result) -> set[str]:
    return {d.kind for d in result.unexplained}


# -- a faithful port, and the same port broken -------------------------------------------------------
def test_a_faithful_port_has_no_divergence(tmp_path):
    result = check_port(numpy_standardize, jax_standardize, args=(FLOATS.map(np.rint),), **FEW)
    assert result.ok and not result.divergences, result.explain()
    assert (result.inputs, result.examples) == (10, 20)  # every input, eagerly and under jit
    assert "agrees with its NumPy original (20 examples: 10 inputs, eager, jit" in result.explain()
    md, js, *views = result.write_report(tmp_path)
    assert "port jax_standardize: 20 examples: 20 agree" in md.read_text()
    assert result.markdown() == md.read_text()
    assert js.name == "report.json"


@pytest.mark.parametrize("namespace, kind", [(broken.VALUES, "values"), (jnp, None)], ids=str)
def test_a_planted_bug_is_reported_and_the_real_namespace_is_not(namespace, kind):
    """The planted bug of the broadcasting harness (subtract swaps operands of different shapes), in a
    port; the control is the same port on jax.numpy."""
    a = arrays(shape=(2, 3), dtype="float32", min_value=-10, max_value=10)
    b = arrays(shape=(3,), dtype="float32", min_value=-10, max_value=10)
    result = check_port(numpy_subtract, lambda a, b: namespace.subtract(a, b), args=(a, b), **FEW)
    assert _new_kinds(result) == ({kind} if kind else set()), result.explain()


@pytest.mark.parametrize("kind, jax_fn", [
    ("values", lambda x: jnp.where(x < -1, x, jnp.abs(x))),
    ("dtype", lambda x: jnp.abs(x).astype(jnp.bfloat16)),
    ("shape", lambda x: jnp.abs(x)[None]),
    ("error-parity", lambda x: jnp.abs(x) if x.sum() > 0 else jnp.abs(-x)),  # a Python `if`: no jit
], ids=["values", "dtype", "shape", "error-parity"])
def test_a_wrong_port_is_reported_with_the_kind_of_difference(kind, jax_fn):
    result = check_port(numpy_abs, jax_fn, args=(FLOATS,), **FEW)
    assert _new_kinds(result) == {kind}, result.explain()
    assert not result.ok
    (divergence,) = result.unexplained
    assert divergence.status == "new" and divergence.catalogue_ids == ()
    assert "no catalogue entry explains it" in result.explain()
    if kind == "error-parity":
        assert divergence.modes == ("jit",) and "TracerBoolConversionError" in result.explain()


def test_the_smallest_example_is_shrunk_and_its_reproducer_runs():
    wrong = lambda x: jnp.where(x < -1, x, jnp.abs(x))  # noqa: E731 - a port with one planted bug
    result = check_port(numpy_abs, wrong, args=(FLOATS,), **FEW)
    (divergence,) = result.divergences
    # shrunk: whole numbers just beyond the bug's threshold, not the floats first generated
    assert re.search(r"x = np.array\(\[(-[2-9]\.0, ){3}-[2-9]\.0\]", divergence.reproducer), \
        divergence.reproducer
    assert divergence.smallest["mode"] == "eager"
    assert "from tests.harness.test_port import numpy_abs" in divergence.reproducer
    assert "# jax_fn = ...  # test_the_smallest_example_is_shrunk" in divergence.reproducer
    script = divergence.reproducer.replace("# jax_fn = ...", "jax_fn = wrong #")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(script, {"wrong": wrong})  # noqa: S102 - the reproducer is meant to be pasted and run
    assert printed.getvalue().startswith("numpy: ") and "\njax:   " in printed.getvalue()


def test_every_distinct_divergence_is_collected():
    """Two bugs on different inputs: a wrong dtype for integers, wrong values for floats."""
    def two_bugs(x):
        if jnp.issubdtype(x.dtype, jnp.integer):
            return jnp.abs(x).astype(jnp.float32)
        return jnp.where(x < -1, x, jnp.abs(x))

    args = (arrays(shape=(3,), dtype=dtypes(kinds="if", bfloat16=False), min_value=-10, max_value=10),)
    result = check_port(numpy_abs, two_bugs, args=args, max_examples=25)
    assert _new_kinds(result) == {"dtype", "values"}, result.explain()
    assert len(result.divergences) == 2 and "2 divergences" in result.explain()


def test_a_known_divergence_is_explained_by_the_catalogue():
    result = check_port(numpy_pi, jax_pi, args=(st.integers(1, 4),), **FEW)
    if x64_enabled():
        assert result.ok, result.explain()
        return
    (divergence,) = result.divergences
    assert divergence.explained and divergence.catalogue_ids == ("DTYPE-X64-OFF-32BIT",)
    assert divergence.reason().startswith("differs because with x64 off, 64-bit results are computed "
                                          "as 32-bit: see DTYPE-X64-OFF-32BIT (https://docs.jax.dev/")
    assert result.not_allowed(["DTYPE-X64-OFF-32BIT"]) == ()
    with pytest.raises(PortMismatch, match="DTYPE-X64-OFF-32BIT"):
        result.assert_ok()
    result.assert_ok(allow=["DTYPE-X64-OFF-32BIT"])


def test_options_are_honoured():
    loose = check_port(numpy_abs, lambda x: jnp.abs(x) * (1 + 1e-5), args=(FLOATS,), **FEW,
                       tolerance=Tolerance(rtol=1e-4))
    assert loose.ok, loose.explain()
    tight = check_port(numpy_abs, lambda x: jnp.abs(x) * (1 + 1e-5), args=(FLOATS,), **FEW)
    assert _new_kinds(tight) == {"values"}
    eager = check_port(numpy_abs, jnp.abs, args=(FLOATS,), max_examples=3, modes=("eager",),
                       shrink=False, name="abs")
    assert (eager.name, eager.examples, eager.report["modes"]) == ("abs", 3, ["eager"])
    fixed = check_port(numpy_abs, jnp.abs, args=(np.array([-1.5, 2.0], np.float32),), max_examples=2)
    assert fixed.ok and fixed.inputs >= 1  # a value that is not a strategy is passed as is


# -- the pytest forms -------------------------------------------------------------------------------
test_port_test_call_form = port_test(numpy_standardize, jax_standardize, args=(FLOATS.map(np.rint),),
                                     **FEW)


@port_test(numpy_pi, args=(st.integers(1, 4),), allow=["DTYPE-X64-OFF-32BIT"], **FEW)
def test_port_test_decorator_form(n):
    """The decorated function is the JAX implementation; pytest runs the check."""
    return jnp.sqrt(12) * jnp.sum((-1 / 3) ** jnp.arange(n) / (2 * jnp.arange(n) + 1))


def test_port_test_makes_a_pytest_test_that_fails_with_the_explanation(tmp_path):
    assert inspect.signature(test_port_test_decorator_form).parameters == {}  # no fixtures to look for
    assert test_port_test_decorator_form.__name__ == "test_port_test_decorator_form"
    wrong = port_test(numpy_abs, lambda x: jnp.where(x < -1, x, jnp.abs(x)), args=(FLOATS,),
                      report_dir=tmp_path, **FEW)
    with pytest.raises(PortMismatch, match=r"\[new\] values: differs, and no catalogue entry"):
        wrong()
    assert "NEW (not in the catalogue)" in (tmp_path / "report.md").read_text()
    with pytest.raises(ValueError, match="not catalogue ids"):
        port_test(numpy_abs, jnp.abs, args=(FLOATS,), allow=["NO-SUCH-ENTRY"])


def test_the_api_is_exported_lazily():
    assert conformance.check_port is check_port and "port_test" in dir(conformance)
    with pytest.raises(AttributeError):
        conformance.no_such_name  # noqa: B018


# -- clear errors for input that cannot be checked ---------------------------------------------------
@pytest.mark.parametrize("call, error, message", [
    (lambda: check_port(np.abs, "jnp.abs", args=(FLOATS,)), TypeError, "jax_fn must be callable"),
    (lambda: check_port(None, jnp.abs, args=(FLOATS,)), TypeError, "numpy_fn must be callable"),
    (lambda: check_port(numpy_abs, jnp.abs, args=FLOATS), TypeError, "write args=\\(strategy,\\)"),
    (lambda: check_port(numpy_abs, jnp.abs, args=(FLOATS, FLOATS)), TypeError,
     "numpy_fn numpy_abs\\(x\\) cannot take the 2 positional arguments"),
    (lambda: check_port(numpy_abs, jnp.abs, args=(FLOATS,), modes=("vmap",)), ValueError, "modes"),
    (lambda: check_port(numpy_abs, jnp.abs, args=(FLOATS,), max_examples=0), ValueError,
     "max_examples"),
    (lambda: check_port(numpy_abs, jnp.abs, args=(FLOATS,), tolerance=1e-3), TypeError, "tolerance"),
    (lambda: arrays(shape=(2,), dtype="float32", edges=True, min_value=0), ValueError, "edges=True"),
    (lambda: arrays(shape=(2,), dtype="not a dtype"), TypeError, "dtype must be"),
    (lambda: shapes(min_dims=3, max_dims=2), ValueError, "min_dims <= max_dims"),
], ids=["jax-not-callable", "numpy-not-callable", "args-not-a-tuple", "arity", "modes",
        "max-examples", "tolerance", "edges-and-bounds", "dtype", "shapes"])
def test_bad_arguments_are_refused_with_a_clear_message(call, error, message):
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize("strategy", [st.nothing(), FLOATS.filter(lambda x: False)],
                         ids=["nothing", "filtered-out"])
def test_a_strategy_that_cannot_generate_is_an_error(strategy):
    with pytest.raises(PortError, match="the argument strategies are invalid or cannot generate"):
        check_port(numpy_abs, jnp.abs, args=(strategy,), **FEW)


def test_an_implementation_that_raises_on_every_input_is_an_error():
    def jax_typo(x):
        return jnp.absolute_value(x)

    with pytest.raises(PortError, match="the JAX implementation raised on every one of the 10 inputs "
                                        "tried.*AttributeError: .*absolute_value"):
        check_port(numpy_abs, jax_typo, args=(FLOATS,), **FEW)
    with pytest.raises(PortError, match="the NumPy implementation raised on every one"):
        check_port(lambda x: np.abs(x, 3), jnp.abs, args=(FLOATS,), **FEW)


def test_outputs_of_different_structure_on_every_input_are_an_error():
    with pytest.raises(PortError, match="different structure on every input: the JAX implementation "
                                        "returns a sequence of 2, the NumPy one one array"):
        check_port(numpy_abs, lambda x: (jnp.abs(x), x), args=(FLOATS,), **FEW)
    sometimes = check_port(numpy_abs, lambda x: (jnp.abs(x),) if x.shape[0] == 2 else jnp.abs(x),
                           args=(arrays(shape=shapes(min_dims=1, max_dims=1), dtype="float32"),),
                           max_examples=15)
    assert _new_kinds(sometimes) == {"structure"}, sometimes.explain()


# -- reduced precision under jit: judged against the exact value --------------------------------------
LOGSUMEXP_INPUT = np.array([0.0, -89.5, -1.5], "bfloat16")


def numpy_logsumexp(x):
    m = np.max(x)
    return m + np.log(np.sum(np.exp(x - m)))


def jax_logsumexp(x):
    m = jnp.max(x)
    return m + jnp.log(jnp.sum(jnp.exp(x - m)))


def test_a_correct_bfloat16_port_is_not_new_under_jit():
    """The issue's logsumexp: jit keeps float32 intermediates (0.2041) where NumPy rounds every step
    (0.1982); the exact value is 0.2014. Judged against the exact value within bfloat16's bound, the
    correct port agrees in both modes."""
    import jax

    jit = float(jax.jit(jax_logsumexp)(LOGSUMEXP_INPUT))
    assert float(numpy_logsumexp(LOGSUMEXP_INPUT)) == pytest.approx(0.1982, abs=1e-4)
    assert jit == pytest.approx(0.2041, abs=1e-4)  # the fusion is still there: the test means something
    result = check_port(numpy_logsumexp, jax_logsumexp, args=(st.just(LOGSUMEXP_INPUT),), max_examples=1)
    assert result.ok, result.explain()


def test_a_wrong_bfloat16_port_is_still_new():
    """Off by 16 times the bound (2 bfloat16 epsilons, 0.0156, here): NEW, the exact value is no excuse."""
    def jax_wrong(x):
        m = jnp.max(x)
        return m + jnp.log(jnp.sum(jnp.exp(x - m))) + 0.25

    result = check_port(numpy_logsumexp, jax_wrong, args=(st.just(LOGSUMEXP_INPUT),), max_examples=1)
    assert _new_kinds(result) == {"values"}, result.explain()

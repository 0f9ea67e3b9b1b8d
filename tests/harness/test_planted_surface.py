"""The API surface test and the coverage map catch planted bugs: a namespace missing a function JAX has,
one whose signature renames a parameter, one where a documented difference vanished; a function a
namespace adds shows up as not checked."""

import types

import jax.numpy as jnp
import numpy as np
import pytest

from conformance import combine, coverage, report, schema, signatures, surface
from conformance.cases import broadcasting as cases
from conformance.check import NewDivergence, VanishedDivergence, check
from conformance.outcome import Outcome, Value
from conformance.recorder import Recorder, recording
from tests.conformance import test_api_surface as suite
from tests.harness import broken_surface

CASE = {c.name: c for c in cases.ALL}


def _fails(name, xp, error=NewDivergence):
    with recording(Recorder()) as recorder, pytest.raises(error) as failure:
        suite.test_signature(name, xp)
    (record,) = recorder.divergences.values()
    return record, str(failure.value)


def test_a_missing_function_is_new():
    record, message = _fails("cumsum", broken_surface.MISSING_FUNCTION)
    assert (record["status"], record["kind"], record["id"]) == ("new", "api", None)
    assert "numpy.cumsum: missing from jax.numpy" in message


def test_a_renamed_parameter_is_new_though_entries_hold():
    """sum's entries (<no value> defaults, promote_integers) still apply: the rename is what is left."""
    record, message = _fails("sum", broken_surface.RENAMED_PARAMETER)
    assert (record["status"], record["kind"]) == ("new", "api")
    assert "no axis" in message and "extra axes" in message
    assert "API-NOVALUE-DEFAULTS+API-JAX-EXTENSIONS apply, but jax differs from their model" in message


def test_a_documented_difference_that_vanished_fails():
    record, message = _fails("put", broken_surface.NUMPY_SIGNATURE_OF_PUT, VanishedDivergence)
    assert (record["status"], record["id"]) == ("vanished", "API-INPLACE")
    assert "agrees with numpy, where API-INPLACE predicts" in message


@pytest.mark.parametrize("name", ["cumsum", "sum", "put", "loadtxt", "add", "linalg.norm"])
def test_the_real_namespace_passes(name):
    """The control: the same functions on jax.numpy itself (loadtxt: a documented absence)."""
    with recording(Recorder()):
        assert surface.check_signature(name, xp=jnp).status in ("agree", "known")


def _signature(*tokens):
    return Outcome(tuple(Value(np.asarray(t)) for t in tokens), is_sequence=True)


@pytest.mark.parametrize(("a", "b", "same"), [
    (("x1", "x2", "/"), ("x", "y", "/"), True),  # no call can name a positional-only parameter
    (("x1", "x2"), ("x", "y"), False),  # f(x1=1, x2=2) breaks
    (("a", "*", "k=1", "m=2"), ("a", "*", "m=2", "k=1"), True),  # keyword-only order is invisible
    (("a", "k=1", "m=2"), ("a", "m=2", "k=1"), False),  # f(a, 1, 2) changes meaning
    (("a", "k=1"), ("a", "k=None"), False),
    (("*arrays_and_dtypes",), ("*args",), True),
    (("a", "k=1"), ("a", "*", "k=1"), False),
])
def test_signatures_compare_as_a_caller_sees_them(a, b, same):
    assert signatures.same_api(_signature(*a), _signature(*b)) is same
    assert bool(signatures.differences(_signature(*a), _signature(*b))) is not same


# -- the coverage map ----------------------------------------------------------------------------------
def _fake_jnp(**extra) -> types.ModuleType:
    module = types.ModuleType("fake_jax_numpy")
    module.add, module.float32 = jnp.add, jnp.float32  # a class: never listed
    module.linalg, module.fft = types.ModuleType("linalg"), types.ModuleType("fft")
    module.linalg.norm = jnp.linalg.norm
    for name, value in extra.items():
        setattr(module, name, value)
    return module


def test_a_function_the_namespace_adds_shows_up_unchecked():
    fake = _fake_jnp(cumsum=jnp.cumsum, jax_only_thing=lambda x: x)
    section = coverage.section({"add": 4}, jnp=fake, np=np)
    status = {f["name"]: (f["status"], f.get("reason", "")) for f in section["functions"]}
    assert status == {"add": ("checked", ""), "cumsum": ("not checked yet", ""),
                      "jax_only_thing": ("not checked", "JAX-only: NumPy has no function of this name"),
                      "linalg.norm": ("not checked yet", "")}
    assert (section["checked"], section["total"]) == (1, 4)
    assert coverage.summary_line(section).startswith("1 of 4 public functions checked (25%")


@pytest.mark.parametrize(("source", "called"), [
    ("xp.add(a, b)", ("add",)), ("a @ b", ("matmul",)), ("-a", ("negative",)), ("a <= b", ("less_equal",)),
    ("xp.linalg.norm(x, axis=0)", ("linalg.norm",)), ("np.zeros((), xp.result_type(a, b))", ("result_type",)),
    ("xp.asarray(x).at[idx].add(v)", ("asarray", "ndarray.at")),
    ("xp.asarray(x)[idx]", ("asarray", "ndarray.__getitem__")),
    ("(lambda a: (a, __import__('operator').iadd(a, v)))(xp.array(x))", ("add", "array")),
    ("describe_signature(xp, name)", ()),
])
def test_sources_map_to_the_functions_they_call(source, called):
    assert coverage.functions_called(source) == called


def test_the_report_has_both_sections():
    """A run's recorded sources make the coverage map; the API surface rows make their table."""
    with recording(Recorder()) as recorder:
        check(CASE["add"], np.array([1.0, 2.0], np.float32), np.array(3.0, np.float32))
        check(CASE["a + b"], np.ones(2, np.float32), np.ones(2, np.float32))  # the operator is add
        surface.check_signature("loadtxt")
        surface.check_signature("sum")
    data = schema.validate_report(report.build(recorder, session="s", profile="ci", seed="x",
                                               exitstatus=0, processes=1))
    checked = {f["name"]: f["examples"] for f in data["coverage"]["functions"] if f["status"] == "checked"}
    assert checked["add"] == len(CASE["add"].modes) + len(CASE["a + b"].modes)  # one input each
    assert "loadtxt" not in checked  # the API surface test calls nothing
    assert data["api_surface"]["functions"] == 2 and data["api_surface"]["in_jax"] == 1
    assert "api-surface" not in data["tables"]
    summary, markdown = report.render_markdown(data), report.render_details(data)
    assert "(details.md#coverage)" in summary and "(details.md#api-surface)" in summary
    assert "## Coverage" in markdown and "## API surface" in markdown
    row = next(line for line in markdown.splitlines() if line.startswith("| `loadtxt`"))
    assert [cell.strip() for cell in row.strip("|").split("|")] == [
        "`loadtxt`", "no", "missing from jax.numpy", "API-MISSING-IO-TEXT"]
    assert f"{data['coverage']['checked']} of {data['coverage']['total']} public functions checked" in (
        report.one_line_summary(data))


def test_combine_counts_a_function_checked_in_any_session():
    def session(name, case):
        with recording(Recorder()) as recorder:
            check(CASE[case], np.ones(2, np.float32), np.ones(2, np.float32))
        return report.build(recorder, session=name, profile="ci", seed="x", exitstatus=0, processes=1)
    one, other = session("one", "add"), session("other", "subtract")
    assert (one["coverage"]["checked"], other["coverage"]["checked"]) == (1, 1)
    text = combine.combine([one, other])
    total = one["coverage"]["total"]
    assert f"2 of {total} public functions checked in at least one session" in text


def test_tokens_read_back_as_the_same_signature():
    """Every signature of both namespaces survives tokens -> parameters -> tokens (the models edit the
    parameters read back from NumPy's tokens)."""
    for name in surface.numpy_functions():
        for xp in (np, jnp):
            try:
                tokens = signatures.describe_signature(xp, name)
            except AttributeError:
                continue
            assert signatures.to_tokens(signatures.from_tokens(tokens)) == tokens, (xp.__name__, name)

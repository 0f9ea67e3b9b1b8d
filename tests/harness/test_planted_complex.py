"""Bugs planted next to the documented complex divergences are NEW, not explained by them: each
complex entry's model asserts what JAX returns (conformance/catalogue/complex_values.py).

Each bug is searched for by the suite's own test with the `ci` profile's budget (32 derandomized
examples) where that budget reaches it, and checked directly on the single example that shows it.
Where it does not: `1+0j ** 2e6+0j` is out of any search's reach (Hypothesis does not draw a unit base
with a large real exponent), so that bug is checked on its example only; in test_binary_broadcasts
complex is one dtype of nine with x64 off, and 32 examples draw no complex NaN or infinity for maximum
or divide, so those two searches run with the planted-bug budget (`fails_with`, up to 1500). The unary
rows of conformance/catalogue/complex_inverse.py (arcsin, arccosh, arctan, log1p, sinc) are searched by the
registry's test with the ci budget: its planted branch-cut values reach each of their bugs.
"""

import jax.numpy as jnp
import numpy as np
import pytest

from conformance.cases import broadcasting as cases
from conformance.check import NewDivergence, check
from conformance.recorder import Recorder, recording
from conformance.registry import BY_NAME
from tests.conformance import test_broadcasting as suite
from tests.conformance import test_registry as registry_suite
from tests.harness import broken_complex as broken
from tests.harness.planted import CI, fails_with, passes
from tests.harness.test_planted_unary import CI_ROWS

CASE = {c.name: c for c in cases.BINARY}
NAN = complex(np.nan, 1)


def _caught_on(case: str, xp, *args) -> None:
    __tracebackhide__ = True
    with recording(Recorder()), pytest.raises(NewDivergence):
        check(CASE[case], *args, xp=xp)


def _c64(*values) -> np.ndarray:
    return np.array(values, np.complex64)


def test_power_of_one_that_loses_exactness_is_caught():
    """(a) power(1+0j, 2e6+0j) returning 0: the answer is exactly 1 (NUM-COMPLEX-POWER-AMPLIFIED-ROUNDING
    bounds the error by the actual rounding of ln|a|, which is 0 here)."""
    _caught_on("power", broken.POWER_OF_ONE, _c64(1), _c64(2e6))
    assert all(v.status == "agree" for v in check(CASE["power"], _c64(1), _c64(2e6), xp=jnp))


def test_logaddexp_of_complex_inputs_returning_zeros_is_caught():
    """(b) NUM-COMPLEX-DOMAIN-EXTENDED asserts JAX's formula, not any value."""
    fails_with("error-parity", budget=CI, test=suite.test_binary_outside_its_dtypes,
                             case=CASE["logaddexp"], xp=broken.LOGADDEXP_ZEROS)
    _caught_on("logaddexp", broken.LOGADDEXP_ZEROS, _c64(1 + 2j, 0), _c64(3 - 1j, 0))


def test_complex_maximum_that_invents_a_value_at_nan_is_caught():
    """(c) NUM-COMPLEX-MINMAX-NAN asserts the operand JAX's lexicographic select picks."""
    fails_with("values", suite.test_binary_broadcasts, case=CASE["maximum"], xp=broken.MAXIMUM_AT_NAN)
    _caught_on("maximum", broken.MAXIMUM_AT_NAN, _c64(NAN, 2), _c64(2, NAN))


def test_division_of_an_infinity_that_gives_zero_is_caught():
    """(d) divide(inf+0j, 2) returning 0: NUM-COMPLEX-DIVISION-NONFINITE asserts XLA's division."""
    fails_with("values", suite.test_binary_broadcasts, case=CASE["divide"], xp=broken.DIVIDE_INFINITE)
    _caught_on("divide", broken.DIVIDE_INFINITE, _c64(complex(np.inf, 0)), 2)


def test_complex_ordering_that_is_true_at_nan_is_caught():
    """NUM-COMPLEX-ORDER-NAN asserts JAX's lexicographic comparison."""
    fails_with("values", budget=CI, test=suite.test_binary_outside_its_dtypes, case=CASE["less"],
                             xp=broken.LESS_AT_NAN)
    _caught_on("less", broken.LESS_AT_NAN, _c64(complex(1, np.nan), NAN), _c64(2, 2))


def test_power_of_zero_that_gives_one_is_caught():
    """NUM-COMPLEX-POWER-SPECIAL-VALUES asserts XLA's cut-offs and NaNs, not any value."""
    _caught_on("power", broken.POWER_OF_ZERO, _c64(0, 0), _c64(2, 2 + 1j))


def test_conjugated_arctan2_is_caught():
    """NUM-COMPLEX-DOMAIN-EXTENDED asserts XLA's complex arctan2."""
    fails_with("error-parity", budget=CI, test=suite.test_binary_outside_its_dtypes,
                             case=CASE["arctan2"], xp=broken.ARCTAN2_CONJUGATED)


@pytest.mark.slow  # the control: the same searches on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize("test, name", [
    (suite.test_binary_outside_its_dtypes, "logaddexp"), (suite.test_binary_outside_its_dtypes, "arctan2"),
    (suite.test_binary_outside_its_dtypes, "less"), (suite.test_binary_broadcasts, "maximum"),
    (suite.test_binary_broadcasts, "divide"), (suite.test_binary_broadcasts, "power"),
])
def test_the_real_namespace_passes_the_same_searches(test, name):
    passes(test, case=CASE[name], xp=jnp)


# The rows of catalogue/complex_inverse.py, searched by the registry's test with the budget the committed
# ci runs give it (test_planted_unary.CI_ROWS): the planted branch-cut values reach each bug.
INVERSE_PLANTED = [("arcsin", broken.ARCSIN_CONJUGATED), ("arccosh", broken.ARCCOSH_CONJUGATED),
                   ("arctan", broken.ARCTAN_CONJUGATED), ("log1p", broken.LOG1P_ANGLE_OF_Z),
                   ("sinc", broken.SINC_UNNORMALIZED)]


@pytest.mark.parametrize(("name", "namespace"), INVERSE_PLANTED, ids=[p[1].planted for p in INVERSE_PLANTED])
def test_a_planted_complex_inverse_bug_is_caught_with_the_ci_budget(name, namespace):
    fails_with("values", registry_suite.test_unary, budget=CI_ROWS, row=BY_NAME[name], xp=namespace)


@pytest.mark.slow  # the control: the same searches on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize("name", [p[0] for p in INVERSE_PLANTED])
def test_the_real_namespace_passes_the_inverse_searches(name):
    passes(registry_suite.test_unary, row=BY_NAME[name], xp=jnp)

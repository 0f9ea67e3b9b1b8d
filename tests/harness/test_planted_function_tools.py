"""Bugs planted in the function tools (conformance/cases/function_tools.py) are caught by their tests
with the ci budget, and next to each entry of conformance/catalogue/function_tools.py a namespace that
does what NumPy does is caught as the entry vanishing (each entry explaining its own example first)."""

import jax.numpy as jnp
import ml_dtypes
import numpy as np
import pytest
from hypothesis import settings

from conformance.cases import function_tools as ft
from conformance.check import VanishedDivergence, check
from conformance.recorder import Recorder, recording
from tests.conformance import test_function_tools as suite
from tests.harness import broken_function_tools as broken
from tests.harness.planted import CI, fails_with, passes, x64_mode
from tests.harness.releases import skip_where_the_example_agrees

# the test file's budgets with the ci profile: a sixth of its 32 examples (compiled), a quarter (cheap)
CI_COMPILED = settings(CI, max_examples=max(settings.get_profile("ci").max_examples // 6, 2))
CI_CHEAP = settings(CI, max_examples=max(settings.get_profile("ci").max_examples // 4, 2))

PLANTED = [
    (suite.test_a_vectorized_function, {"case": ft.VECTORIZE, "count": 2}, broken.VECTORIZE_SWAPPED, "values",
     CI_COMPILED),
    (suite.test_a_vectorized_function, {"case": ft.FROMPYFUNC, "count": 2}, broken.FROMPYFUNC_SWAPPED,
     "values", CI_COMPILED),
    (suite.test_einsum_path, {}, broken.EINSUM_PATH_REVERSED, "values", CI_CHEAP),
    (suite.test_from_dlpack, {}, broken.FROM_DLPACK_AS_FLOAT32, "dtype", CI_CHEAP),
]

_INT8 = (np.array([1, 2], np.int8), np.array([3, -128], np.int8))
# (entry, case, the namespace that does what NumPy does, args, x64)
ENTRY_EXAMPLES = [
    ("FUNC-VECTORIZE-SIZE-0-INPUTS", ft.VECTORIZE, broken.VECTORIZE_ON_THE_HOST,
     (np.zeros(0, np.int8), np.zeros(0, np.int8)), False),
    ("FUNC-VECTORIZE-SIZE-0-INPUTS", ft.VECTORIZE_SIGNATURE, broken.VECTORIZE_ON_THE_HOST,
     (np.zeros((0, 3), np.float32),), False),
    ("FUNC-VECTORIZE-INTEGERS-WRAP", ft.VECTORIZE, broken.VECTORIZE_ON_THE_HOST, _INT8, False),
    ("FUNC-VECTORIZE-BFLOAT16", ft.VECTORIZE, broken.VECTORIZE_ON_THE_HOST,
     (np.array([1.5, 2.0], ml_dtypes.bfloat16), np.array([0.5, 3.0], ml_dtypes.bfloat16)), False),
    ("FUNC-FROM-DLPACK-BFLOAT16", ft.FROM_DLPACK, broken.FROM_DLPACK_ON_THE_HOST,
     (np.array([1.5, -2.0], ml_dtypes.bfloat16),), False),
]


@pytest.mark.parametrize(("test", "params", "namespace", "kind", "budget"), PLANTED,
                         ids=[p[2].planted for p in PLANTED])
def test_a_planted_bug_is_caught(test, params, namespace, kind, budget):
    fails_with(kind, test, budget=budget, xp=namespace, **params)


@pytest.mark.parametrize(("entry", "case", "namespace", "args", "x64"), ENTRY_EXAMPLES,
                         ids=[f"{e[0]}-{e[1]}" for e in ENTRY_EXAMPLES])
def test_an_entry_explains_its_example_and_vanishes_where_jax_does_what_numpy_does(entry, case, namespace,
                                                                                    args, x64):
    skip_where_the_example_agrees(entry)
    with x64_mode(x64), recording(Recorder()):
        verdicts = {str(v) for v in check(case, *args, xp=jnp)}
        assert verdicts and all(v.startswith("known:") and entry in v for v in verdicts), verdicts
        with pytest.raises(VanishedDivergence, match=entry):
            check(case, *args, xp=namespace, modes=("eager",))


@pytest.mark.slow  # the controls: the same searches on the real jax.numpy (nox -s slow)
@pytest.mark.parametrize(("test", "params"), [(p[0], p[1]) for p in PLANTED],
                         ids=[p[2].planted for p in PLANTED])
def test_the_real_namespace_passes_the_same_searches(test, params):
    passes(test, xp=jnp, **params)

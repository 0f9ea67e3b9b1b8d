"""Run a real conformance test against a namespace with a planted bug, and expect it to fail.

The search runs under its own settings (`PLANTED`): derandomized, with a budget large enough to find
every planted bug, whatever profile the session loaded (Hypothesis derandomizes in CI, and a small
random budget would make "the suite catches this bug" a matter of luck). A search for a bug stops at its
first failure, so its budget (`SEARCH`) is generous: with random seeds instead of derandomized ones,
300 examples missed some bugs (an update applied once per repeated index, for multiply: 2 seeds in 8),
and each Hypothesis release draws other derandomized examples. The controls keep 300.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, Phase, settings

from conformance.check import NewDivergence
from conformance.recorder import Recorder, recording

PLANTED = settings(
    max_examples=300, deadline=None, derandomize=True, database=None,
    phases=(Phase.explicit, Phase.generate),  # finding the bug is the point; shrinking costs time
    suppress_health_check=list(HealthCheck),
)
SEARCH = settings(PLANTED, max_examples=1500)
# The `ci` profile (conftest.py) without shrinking: a planted bug found with it is one the committed runs
# catch. Its other phases stay: they decide which examples the 32 are.
CI = settings(settings.get_profile("ci"), phases=tuple(p for p in Phase if p is not Phase.shrink),
              suppress_health_check=list(HealthCheck))


@contextmanager
def planted_settings(test, chosen: settings = PLANTED) -> Iterator[None]:
    """Run the @given `test` with `chosen`. Hypothesis binds a test's settings when it is decorated
    (to the profile loaded then), so they are swapped on the test for the duration and restored. With
    the CI budget, what the committed runs draw: a test whose own budget is a multiple of the loaded
    profile's draws that multiple of the ci profile's (test_broadcast_to: five times), one whose own
    budget is smaller keeps its own (2 for a dtype sweep)."""
    saved = test._hypothesis_internal_use_settings
    if chosen is CI:
        own, loaded = saved.max_examples, settings.default.max_examples
        multiple = own // loaded if own > loaded and own % loaded == 0 else None
        chosen = settings(CI, max_examples=CI.max_examples * multiple if multiple
                          else min(CI.max_examples, own))
    test._hypothesis_internal_use_settings = chosen
    try:
        yield
    finally:
        test._hypothesis_internal_use_settings = saved


def new_kinds(recorder: Recorder) -> set[str]:
    """The kinds of the new divergences: each one's own kind, and the kind left over where an entry
    applied but JAX missed its model. A planted wrong value in a bfloat16 product is still reported as
    the dtype difference that DTYPE-BFLOAT16-NUMPY-FALLBACK explains, with values left over."""
    # a planted bug that makes JAX do what NumPy does where the catalogue documents otherwise is a
    # vanished divergence: a failing finding like a new one
    new = [d for d in recorder.divergences.values() if d["status"] in ("new", "vanished")]
    return {d["kind"] for d in new} | {kind for d in new for kind in d["smallest"]["left_over"]}


def fails_with(kind: str | tuple[str, ...], test, *, budget: settings = SEARCH, **kwargs) -> Recorder:
    """`test(**kwargs)`, searched with `budget` (SEARCH; CI for a bug the committed runs must catch),
    raises a new (or vanished) divergence, and one of them is of `kind` (or one of the kinds: a plant
    that makes JAX agree with NumPy where JAX documents otherwise is caught as that entry vanishing)."""
    __tracebackhide__ = True
    with planted_settings(test, budget), recording(Recorder()) as recorder, \
            pytest.raises((NewDivergence, ExceptionGroup)):
        test(**kwargs)
    found = [d["smallest"]["summary"] for d in recorder.divergences.values() if d["status"] != "known"]
    kinds = (kind,) if isinstance(kind, str) else kind
    assert set(kinds) & set(new_kinds(recorder)), \
        f"expected a new {' or '.join(kinds)} divergence, got {found}"
    return recorder


def passes(test, **kwargs) -> Recorder:
    """The control: `test(**kwargs)` on the real namespace records examples and nothing new."""
    __tracebackhide__ = True
    with planted_settings(test), recording(Recorder()) as recorder:
        test(**kwargs)
    assert recorder.examples > 0
    assert not new_kinds(recorder), f"new divergences on the real namespace: {new_kinds(recorder)}"
    return recorder


@contextmanager
def x64_mode(on: bool) -> Iterator[None]:
    """jax_enable_x64 set to `on` for the block, then restored: an entry's example in the other mode."""
    import jax

    before = jax.config.read("jax_enable_x64")
    jax.config.update("jax_enable_x64", on)
    try:
        yield
    finally:
        jax.config.update("jax_enable_x64", before)

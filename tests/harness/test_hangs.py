"""A known hang is confirmed live, in a subprocess, and only when JAX's side is what does not finish."""

import numpy as np
import pytest

from conformance import hangs
from conformance.cases import broadcasting as cases
from conformance.check import check
from conformance.recorder import Recorder, recording
from conformance.reproducer import reproducer

CASE = {c.name: c for c in cases.ALL}
# jnp.lcm loops forever on int16's minimum (NUM-GCD-INT-MIN-HANGS); NumPy raises first, on the Python int
# 32768 that int16 cannot hold, so the reproducer must get past NumPy's side to JAX's.
HANG = (32768, np.array(-32768, np.int16))


@pytest.fixture(autouse=True)
def _fresh_confirmations(monkeypatch):
    monkeypatch.setattr(hangs, "_CONFIRMED", {})


def test_a_known_hang_is_confirmed_even_when_numpy_raises():
    assert hangs.hangs(reproducer(CASE["lcm"], HANG, mode="eager", x64=False))


def test_an_example_that_finishes_is_not_a_hang():
    args = (np.array([4, 6], np.int16), np.array(10, np.int16))
    assert not hangs.hangs(reproducer(CASE["lcm"], args, mode="jit", x64=False))


def test_a_script_that_fails_before_numpy_is_not_a_hang():
    assert not hangs.hangs("raise SystemExit(1)")
    assert not hangs.hangs("print('numpy: 1', flush=True)\nraise SystemExit(0)")


def test_check_records_a_confirmed_hang_as_known():
    with recording(recorder := Recorder()):
        verdicts = check(CASE["lcm"], *HANG, modes=("eager",))
    assert [(v.status, v.entry_id, v.difference.kind) for v in verdicts] == [
        ("known", "NUM-GCD-INT-MIN-HANGS", "timeout")]
    # the subprocess ran the example on both sides: the benchmark counts it with their calls
    assert recorder.seconds["hang confirmation"] >= hangs.CONFIRM_SECONDS


def test_an_example_that_finishes_does_not_unconfirm_the_entry():
    """An over-predicted example of the entry finishes and runs in-process; the next real hang is still
    confirmed in a subprocess, not run in-process (where it would hang the worker)."""
    finishes = (np.array([4, 6], np.int16), np.array(10, np.int16))
    entry = "NUM-GCD-INT-MIN-HANGS"
    assert not hangs.confirmed(entry, CASE["lcm"], finishes, mode="eager", x64=False)
    assert hangs.confirmed(entry, CASE["lcm"], HANG, mode="eager", x64=False)

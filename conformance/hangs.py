"""Examples that never finish: known hangs are confirmed live once per run, unknown ones are caught by the
plugin's watchdog."""

from __future__ import annotations

import subprocess
import sys

from conformance.case import Case
from conformance.reproducer import reproducer

CONFIRM_SECONDS = 30
_CONFIRMED: dict[str, bool] = {}


def confirmed(entry_id: str, case: Case, args: tuple, *, mode: str, x64: bool) -> bool:
    """Whether JAX still hangs, by running this example's reproducer in a subprocess (once per entry).

    A catalogue entry for a hang cannot be checked in-process without hanging the suite; this is the
    live assertion of what it documents. If JAX now finishes, the entry no longer holds.
    """
    if entry_id not in _CONFIRMED:
        code = reproducer(case, args, mode=mode, x64=x64)
        try:
            subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=CONFIRM_SECONDS,
                           check=False)
            _CONFIRMED[entry_id] = False
        except subprocess.TimeoutExpired:
            _CONFIRMED[entry_id] = True
    return _CONFIRMED[entry_id]

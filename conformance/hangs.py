"""Examples that never finish: known hangs are confirmed live in a subprocess (until one is seen to
hang), unknown ones are caught by the plugin's watchdog."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

from conformance.case import Case
from conformance.reproducer import reproducer

# A fresh interpreter imports NumPy and runs NumPy's side first (seconds on a loaded machine). JAX's side
# of a hang candidate that finishes, `import jax` included, takes a fraction of a second; every
# confirmed hang waits CONFIRM_SECONDS (once per process), so it is kept short.
STARTUP_SECONDS = 120.0
CONFIRM_SECONDS = 2.0
_CONFIRMED: dict[str, bool] = {}


def confirmed(entry_id: str, case: Case, args: tuple, *, mode: str, x64: bool) -> bool:
    """Whether JAX still hangs, by running this example's reproducer in a subprocess (until one example
    of the entry is seen to hang; later ones of the entry are taken as confirmed).

    A catalogue entry for a hang cannot be checked in-process without hanging the suite; this is the
    live assertion of what it documents. An example that finishes proves nothing about the next one
    (the entry's trigger may over-predict), so it is checked again each time: check then runs it.
    """
    if not _CONFIRMED.get(entry_id):
        _CONFIRMED[entry_id] = hangs(reproducer(case, args, mode=mode, x64=x64))
    return _CONFIRMED[entry_id]


def hangs(code: str) -> bool:
    """Whether a reproducer, having printed NumPy's side, is still running CONFIRM_SECONDS later.

    One that never gets to JAX (it fails or stalls before) does not count as hanging: check then runs
    the example in-process, where the watchdog reports it if it does hang.
    """
    process = subprocess.Popen([sys.executable, "-u", "-c", code], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    reached = threading.Event()
    threading.Thread(target=_watch, args=(process, reached), daemon=True).start()
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not reached.wait(0.05):
            if process.poll() is not None or time.monotonic() > deadline:
                return False
        process.wait(timeout=CONFIRM_SECONDS)
        return False
    except subprocess.TimeoutExpired:
        return True
    finally:
        process.kill()
        process.wait()


def _watch(process: subprocess.Popen, reached: threading.Event) -> None:
    with process.stdout:  # read to the end (the process exits or is killed), then close the pipe
        for line in process.stdout:
            if line.startswith("numpy:"):
                reached.set()

"""The API surface: every public function of NumPy's main namespace, numpy.linalg and numpy.fft, looked
up in jax.numpy and its signature compared (conformance/surface.py). Pure introspection: nothing
compiles, so it runs in full in every session and profile (no sampling: one test per function).

A missing function or a parameter difference no `api` entry of the catalogue models is NEW and fails;
each function's row goes into the report's API surface table.
"""

import pytest

from conformance import surface

pytestmark = pytest.mark.conformance


@pytest.mark.parametrize("name", surface.numpy_functions())
def test_signature(name, xp):
    surface.check_signature(name, xp=xp)

"""Every port in examples/ runs through `conformance.check_port` and shows exactly the divergences it
declares for the x64 mode in force (none, for most), each explained by the catalogue."""

from importlib import import_module

import pytest

import examples
from conformance.environment import x64_enabled

EXAMPLES = {name: import_module(f"examples.{name}") for name in examples.ALL}


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_example_shows_exactly_its_expected_divergences(name):
    module = EXAMPLES[name]
    expected = set(module.EXPECTED["x64 on" if x64_enabled() else "x64 off"])
    result = module.check()
    assert not result.unexplained, result.explain()
    assert result.catalogue_ids() == expected, result.explain()
    assert result.ok == (not expected)
    for divergence in result.divergences:  # what the result says about each, in its own words
        assert divergence.reason().startswith("differs because "), divergence.reason()
        assert "jax_version(" in divergence.reproducer and f"from examples.{name} import" in \
            divergence.reproducer


def test_every_example_module_is_listed():
    from pathlib import Path

    modules = {p.stem for p in Path(examples.__file__).parent.glob("*.py") if p.stem != "__init__"}
    assert modules == set(examples.ALL)


def test_madhava_with_x64_off_is_float32_explained_by_the_catalogue():
    """The example of a port that really diverges: what the result says, line by line."""
    result = EXAMPLES["madhava_pi"].check()
    if x64_enabled():
        assert result.ok, result.explain()
        return
    (divergence,) = result.divergences
    assert (divergence.kind, divergence.catalogue_ids) == ("dtype", ("DTYPE-X64-OFF-32BIT",))
    assert "differs because with x64 off, 64-bit results are computed as 32-bit" in result.explain()
    assert "n = 1" in divergence.reproducer  # shrunk to the smallest number of terms
    assert sorted(divergence.modes) == ["eager", "jit"]

"""jax.numpy conformance against NumPy: the harness behind the suite in tests/conformance/."""

__version__ = "0.1.0"

# The public API for checking a NumPy-to-JAX port (conformance/port.py), loaded on first use: importing
# the package (as the pytest plugin does) must not import jax.
_PORT_API = ("check_port", "port_test", "PortResult", "Divergence", "PortError", "PortMismatch")


def __getattr__(name: str):
    from importlib import import_module

    if name in _PORT_API:
        return getattr(import_module("conformance.port"), name)
    if name == "Tolerance":
        return import_module("conformance.compare").Tolerance
    if name == "port_strategies":
        return import_module("conformance.port_strategies")
    raise AttributeError(f"module 'conformance' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_PORT_API, "Tolerance", "port_strategies"])

"""jax.numpy conformance against NumPy: the harness behind the suite in tests/conformance/."""

__version__ = "0.1.0"

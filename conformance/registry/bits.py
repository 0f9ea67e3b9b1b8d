"""Bits and exponents: packbits, unpackbits (axis, count, bitorder) and ldexp (the exponents an int32 or
int8 array of the drawn shape, passed as the second argument), compared exactly."""

from __future__ import annotations

import numpy as np

from conformance import shape_domains as sd
from conformance.operation import Operation, ShapeDomain

BITS_AREA = "bits"
MODES = ("jit",)  # jitted functions: eagerly, the same program
BITORDERS = ("big", "little")
# exponents that scale to a subnormal, beyond the largest finite value of every float, and to nothing
_EXPONENTS = (0, 1, -1, 3, -3, 10, -20, 127, -149, 1030, -1080)


def _exponents(shape: tuple[int, ...]) -> tuple:
    """(exponents,): one int32 and one int8 array of the shape, cycling through _EXPONENTS (int8: the
    ones it holds)."""
    size = int(np.prod(shape))
    wide = np.resize(np.asarray(_EXPONENTS, np.int32), size).reshape(shape)
    narrow = np.resize(np.asarray([e for e in _EXPONENTS if -128 <= e <= 127], np.int8), size).reshape(shape)
    return ((wide,), (narrow,))


EXPONENTS = ShapeDomain("an int32 or int8 array of exponents of the input's shape (0, +-1, +-3, 10, -20, "
                        "127, -149, 1030, -1080 repeating)", _exponents)

BITS: tuple[Operation, ...] = (
    # NumPy packs bool and integer arrays (each element's truth); float and complex ones are refused
    Operation(name="packbits", area=BITS_AREA, kinds="biu", ranks=(0, 2), modes=MODES,
              tags=frozenset({"packs-bits"}), options={"axis": sd.AXIS_OR_NONE, "bitorder": BITORDERS}),
    # uint8 only (the other unsigned dtypes are refused by both); count cuts or pads the bits, a
    # negative one from the end
    Operation(name="unpackbits", area=BITS_AREA, kinds="u", ranks=(0, 2), modes=MODES,
              tags=frozenset({"packs-bits", "unpacks-bits"}),
              options={"axis": sd.AXIS_OR_NONE, "count": (None, 3, 10, -3, -20), "bitorder": BITORDERS}),
    # x1 * 2**x2 for real x1 (NumPy computes bool and integer x1 in a float of their width)
    Operation(name="ldexp", area=BITS_AREA, arrays=("x1",), kinds="biuf", ranks=(0, 2), modes=MODES,
              tags=frozenset({"ldexp", "subnormals-modelled-apart"}), varargs="exponents",
              options={"exponents": EXPONENTS}),
)

"""Creation: arrays made from a shape, a range or a drawn array, with the dtype drawn as an option
(`dtype_keyword`; the default one time in four). Python scalars are static under jit, as a user's code
closes over them; each value compiles, so the domains are few."""

from __future__ import annotations

from conformance import shape_domains as sd
from conformance.compare import Tolerance
from conformance.operation import Operation
from conformance.registry.common import COMPILED_AND_FOLDED, CREATION_AREA


def _create(name: str, *tags: str, kinds: str = "biufc", arrays: tuple[str, ...] = (),
            ranks: tuple[int, int] = (0, 0), tolerance=None, pending: str = "", **options) -> Operation:
    return Operation(name=name, area=CREATION_AREA, arrays=arrays, kinds=kinds, ranks=ranks,
                     pending_kinds=pending,
                     tags=frozenset({"creation", *tags}), options=options,
                     # folded only with an array to fold: without one, jit's program is all constants
                     modes=COMPILED_AND_FOLDED if arrays else ("eager", "jit"),
                     dtype_keyword="dtype", tolerance=tolerance,
                     operands=("fill_value",) if "fill_value" in options else ())


def scaled_tolerance(ulps: float, scale: float):
    """A tolerance of `ulps` ulps of the result, or `ulps` ulps of `scale` (the largest magnitude the
    row's arguments give an intermediate), whichever is larger: a result computed as a sum of such terms
    (start + i * step, start * (1 - t) + stop * t) carries their rounding, which near zero is far more
    than an ulp of the result."""
    eps = {"bfloat16": 2.0**-7, "float16": 2.0**-10, "float32": 2.0**-23, "float64": 2.0**-52,
           "complex64": 2.0**-23, "complex128": 2.0**-52}
    return {name: Tolerance(ulps=ulps, atol=ulps * e * scale) for name, e in eps.items()}


_FILL_VALUES = (0, 1, -3, 200, True, 2.5, -0.0, float("nan"), float("-inf"), complex(1, 2))
_LIKE_SHAPES = (None, (2, 3), (0,), 3)
_SIDES, _OFFSETS_OF_K = (0, 1, 3), (-4, -1, 0, 1, 2, 5)
_NUMS = (0, 1, 2, 5, 8)
_ENDPOINTS = (0, 1, -2.5, 10, 0.1)  # linspace: |start| + |stop| <= 20
_EXPONENTS = (0, 1, -2, 2.5)  # logspace: |start| + |stop| <= 5
CREATION: tuple[Operation, ...] = (
    *(_create(name, ranks=(0, 3), shape=sd.SHAPE) for name in ("zeros", "ones")),
    _create("empty", "unspecified-values", ranks=(0, 3), shape=sd.SHAPE),
    _create("full", "fills", ranks=(0, 3), shape=sd.SHAPE, fill_value=_FILL_VALUES),
    *(_create(name, arrays=("a",), ranks=(0, 2), shape=_LIKE_SHAPES) for name in ("zeros_like", "ones_like")),
    _create("empty_like", "unspecified-values", arrays=("a",), ranks=(0, 2), shape=_LIKE_SHAPES),
    _create("full_like", "fills", arrays=("a",), ranks=(0, 2), fill_value=_FILL_VALUES, shape=_LIKE_SHAPES),
    _create("eye", N=_SIDES, M=(None, 0, 2, 4), k=_OFFSETS_OF_K),
    _create("identity", n=_SIDES),
    _create("tri", "tri", N=_SIDES, M=(None, 0, 2, 4), k=_OFFSETS_OF_K),
    # start + i * step: |start| <= 3 and |i * step| <= |stop - start| + |step| <= 8.5
    _create("arange", "arange", kinds="biuf", tolerance=scaled_tolerance(4, 12), start=(0, 2, -3, 0.5, -1.5),
            stop=(None, 5, -2, 2.5, 0), step=(None, 1, 3, -1, 0.5, -0.75, 0.1)),
    _create("linspace", "linspace", kinds="iufc", tolerance=scaled_tolerance(4, 20), start=_ENDPOINTS,
            stop=_ENDPOINTS, num=_NUMS, endpoint=(True, False), retstep=(False, True)),
    # base ** x: x's error (linspace's, 4 ulps of 5) amplified by ln(base) <= 2.3, and power's own.
    # Integer dtypes pending (work left): the result is a power truncated, which differs by one wherever
    # float32's and float64's powers fall on either side of an integer (geomspace(2, 8, 5, dtype=int32)
    # is [2, 2, 4, 5, 8] in JAX, [2, 2, 3, 5, 8] in NumPy), and XLA's saturating conversion meets NumPy's
    # undefined one past the range: neither modelled yet.
    _create("logspace", "logspace", kinds="iufc", pending="iu", tolerance=scaled_tolerance(64, 1),
            start=_EXPONENTS,
            stop=_EXPONENTS, num=_NUMS, endpoint=(True, False), base=(10.0, 2, 0.5)),
    # sign * 10 ** linspace(log10 |start|, log10 |stop|): logspace's error with exponents <= 3
    _create("geomspace", "geomspace", kinds="iufc", pending="iu", tolerance=scaled_tolerance(64, 1),
            start=(1, 2, -1, 1000, 0.5, 0), stop=(1, 8, -4, 1000, 0.25, 0), num=_NUMS,
            endpoint=(True, False)),
    _create("array", "moves-bits", arrays=("a",), ranks=(0, 2), ndmin=(0, 1, 3)),
    _create("asarray", "moves-bits", arrays=("a",), ranks=(0, 2)),
    _create("indices", "indices", kinds="iuf", ranks=(0, 3), dimensions=sd.SHAPE, sparse=(False, True)),
    # a buffer's bytes read as the dtype (its size a multiple of the item's or not), from an offset
    _create("frombuffer", buffer=(b"", bytes(range(8)), bytes(range(16, 32)), bytes(range(0, 255, 17))),
            count=(-1, 1, 2), offset=(0, 1, 4)),
    # an iterable's items (a tuple, a range, floats into any dtype, none), count of them or all
    _create("fromiter", "from-iterable", iter=((1, 2, 3), range(4), (1.5, -2.5), ()), count=(-1, 2)),
    _create("vander", arrays=("x",), kinds="iufc", ranks=(1, 1), N=(None, 0, 1, 3), increasing=(False, True)),
)

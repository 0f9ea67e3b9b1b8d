"""Shape manipulation, joining and splitting, inserting and deleting, padding and grids (area
manipulation)."""

from __future__ import annotations

from conformance import shape_domains as sd
from conformance.operation import Operation
from conformance.registry.common import COMPILED_AND_FOLDED, MANIPULATION_AREA, MOVES, moves

# Shape manipulation: the result is the input's elements rearranged (tag `moves-bits`: no arithmetic,
# no flushing), so every value is compared exactly; options that depend on the drawn shape (axes,
# permutations, new shapes) come from `shape_domains`, with values NumPy refuses now and then.
_OFFSETS = tuple(range(-2, 3))
_LAX_AXES = "axes-checked-by-lax"  # lax.transpose or lax.rev checks the axes (and raises TypeError)
MANIPULATION: tuple[Operation, ...] = (
    moves("ravel", order=("C", "F")),
    moves("reshape", tags=("reshape",), shape=sd.NEW_SHAPE, order=("C", "F")),
    moves("transpose", tags=(_LAX_AXES,), axes=sd.PERMUTATION_OR_NONE),
    moves("permute_dims", tags=(_LAX_AXES, "nonnegative-axes"), axes=sd.PERMUTATION),
    moves("matrix_transpose", ranks=(1, 3)),
    moves("moveaxis", source=sd.AXIS, destination=sd.AXIS),
    moves("swapaxes", tags=("swapaxes",), axis1=sd.AXIS, axis2=sd.AXIS),
    moves("squeeze", tags=("squeeze",), axis=sd.SQUEEZE_AXIS), moves("expand_dims", axis=sd.NEW_AXIS),
    moves("flip", tags=(_LAX_AXES,), axis=sd.AXES), moves("fliplr", ranks=(1, 3)), moves("flipud"),
    moves("roll", shift=(-5, -1, 0, 1, 2, 7), axis=sd.AXIS_OR_NONE),
    moves("rot90", ranks=(1, 3), k=(-1, 0, 1, 2, 3, 5), axes=sd.AXIS_PAIR),
    moves("tile", reps=(0, 1, 2, (2, 1), (1, 2, 1, 1))),
    moves("repeat", repeats=(0, 1, 3), axis=sd.AXIS_OR_NONE),
    *(moves(name, ranks=(0, 4)) for name in ("atleast_1d", "atleast_2d", "atleast_3d")),
    moves("diagonal", ranks=(2, 3), tags=(_LAX_AXES,), offset=_OFFSETS, axis1=sd.AXIS, axis2=sd.AXIS),
    moves("diag", ranks=(1, 2), k=_OFFSETS), moves("diagflat", ranks=(0, 2), k=_OFFSETS),
    *(moves(name, ranks=(1, 3), tags=("at-least-2d",), k=_OFFSETS) for name in ("tril", "triu")),
    moves("resize", new_shape=((0,), 1, (2, 3), (7,), (3, 1, 2))),
    moves("trim_zeros", ranks=(1, 1), tags=("data-dependent-shape", "trim-zeros"), trim=("fb", "f", "b")),
    moves("rollaxis", axis=sd.AXIS, start=sd.NEW_AXIS_POSITION),
    moves("copy"),
)


# Joining and splitting (area manipulation): a sequence of 1 to 4 arrays (`Operation.pieces`), mixed dtypes
# now and then, sides along the drawn axis varied (zero-size pieces included), a piece of another rank
# now and then; the splits return a list of arrays.
def _join(name: str, *tags: str, ranks: tuple[int, int] = (0, 3), **options) -> Operation:
    return Operation(name=name, area=MANIPULATION_AREA, arrays=("arrays",), ranks=ranks, pieces=(1, 4),
                     tags=MOVES | {"joins", *tags}, modes=COMPILED_AND_FOLDED, options=options)


_SECTIONS = (1, 2, 3, [1], [0, 2], [3, 1], [5])
JOINING: tuple[Operation, ...] = (
    *(_join(name, axis=sd.AXIS_OR_NONE) for name in ("concatenate", "concat")),
    _join("stack", "same-shape", axis=sd.RESULT_AXIS),
    *(_join(name) for name in ("hstack", "vstack", "dstack", "column_stack")),
    _join("block"),  # a flat list of the pieces: joined along the last axis, ranks raised to the largest
    Operation(name="append", area=MANIPULATION_AREA, arrays=("arr", "values"), tags=MOVES,
              modes=COMPILED_AND_FOLDED, options={"axis": sd.AXIS_OR_NONE}),
    moves("split", ranks=(1, 3), tags=("splits",), indices_or_sections=_SECTIONS, axis=sd.AXIS),
    moves("array_split", ranks=(1, 3), tags=("splits", "uneven-sections"), indices_or_sections=_SECTIONS,
           axis=sd.AXIS),
    *(moves(name, ranks=(1, 3), tags=("splits", tag), indices_or_sections=_SECTIONS) for name, tag in (
        ("hsplit", "splits-axis-1"), ("vsplit", "splits-axis-0"), ("dsplit", "splits-axis-2"))),
    moves("unstack", ranks=(1, 3), axis=sd.AXIS),
)

# Inserting and deleting (area manipulation): the result holds the input's elements and, for insert, a
# value made from an option (static, as a user's code closes over it); the index an int (out of range
# now and then), a slice or a list.
_INDICES = (0, 1, -1, 5, slice(None, None, 2), slice(1, 3), [0, 2], [])
EDITING: tuple[Operation, ...] = (
    moves("delete", tags=("deletes",), obj=_INDICES, axis=sd.AXIS_OR_NONE),
    Operation(name="insert", area=MANIPULATION_AREA, tags=MOVES | {"inserts"}, modes=COMPILED_AND_FOLDED,
              options={"obj": (0, 1, -1, 5, slice(1, 3), [0, 2], [1, 1]), "values": (0, 3, 2.5),
                       "axis": sd.AXIS_OR_NONE}),
)

# pad: every mode both libraries support, the widths in the forms that broadcast to any rank and one pair
# per axis, constant_values as a scalar or a (before, after) pair, passed in mode="constant" only (both
# refuse it in the other modes).
# mean and median pending (work left): of 64-bit integers (x64 on), NumPy's mean in float64 rounded and
# converted back (undefined past the range) and jnp's differ by far more than a rounding; not modelled.
_PAD_MODES = ("constant", "edge", "reflect", "symmetric", "wrap", "linear_ramp", "maximum", "minimum")

# Float and complex arrays pending (work left, as max's and min's): maximum and minimum pick either zero
# of a slice holding both (complex: either of two values equal but for a zero's sign), and linear_ramp
# flushes a subnormal edge to a zero of the other sign; neither modelled yet.
PADDING = Operation(name="pad", area=MANIPULATION_AREA, tags=MOVES | {"pads"}, modes=COMPILED_AND_FOLDED,
                    pending_kinds="fc",
                    options={"pad_width": sd.PAD_WIDTH, "mode": _PAD_MODES,
                             "constant_values": (0, 7, (1, 2))},
                    passed_if={"constant_values": ("mode", "constant")})

# meshgrid(*xi), ix_(*args): 1 to 3 vectors (unpacked), of mixed dtypes now and then, a matrix among
# them now and then
GRIDS: tuple[Operation, ...] = (
    Operation(name="meshgrid", area=MANIPULATION_AREA, arrays=("xi",), ranks=(1, 1), pieces=(1, 3),
              unpacks=True, tags=MOVES | {"grids"}, modes=COMPILED_AND_FOLDED,
              options={"indexing": ("xy", "ij"), "sparse": (False, True)}),
    # ix_(*args): open-mesh index arrays from 1 to 3 vectors (bool ones: their nonzero positions)
    Operation(name="ix_", area=MANIPULATION_AREA, arrays=("args",), ranks=(1, 1), pieces=(1, 3),
              unpacks=True, tags=MOVES | {"open-mesh"}, modes=COMPILED_AND_FOLDED),
)

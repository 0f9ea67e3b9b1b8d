"""Option domains that depend on the drawn shape (`operation.ShapeDomain`): axes, permutations, new
shapes. Each lists values NumPy accepts for the shape and a few it refuses (out of range, repeated,
a size that does not match), which both sides must refuse alike."""

from __future__ import annotations

import math

from conformance.operation import ShapeDomain


def _axes(shape: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(range(-len(shape), len(shape)))


def _out_of_range(shape: tuple[int, ...]) -> tuple[int, ...]:
    return (len(shape), -len(shape) - 1)


AXIS = ShapeDomain("an axis, -ndim..ndim-1 (out of range now and then)", _axes, _out_of_range)
AXIS_OR_NONE = ShapeDomain("None or an axis (out of range now and then)",
                           lambda shape: (None, *_axes(shape)), _out_of_range)


def _axis_tuples(shape: tuple[int, ...]) -> tuple:
    n = len(shape)
    pairs = ((0, n - 1), (-1, 0)) if n >= 2 else ()
    return (None, *_axes(shape), (), *pairs, tuple(range(n)))


def _repeated(shape: tuple[int, ...]) -> tuple:
    return ((0, 0), (0, -len(shape))) if shape else ((0,),)


AXES = ShapeDomain("None, an axis, () or a tuple of axes (out of range or repeated now and then)",
                   _axis_tuples, lambda shape: (*_out_of_range(shape), *_repeated(shape)))

# expand_dims: positions in the result, whose rank is ndim + 1 (or + 2 for a pair)
NEW_AXIS = ShapeDomain(
    "a position in the result (-ndim-1..ndim), or a pair of them (out of range or repeated now and then)",
    lambda shape: (*range(-len(shape) - 1, len(shape) + 1), (0, len(shape) + 1), (-1, 0)),
    lambda shape: (len(shape) + 1, -len(shape) - 2, (0, 0)))


def _permutations(shape: tuple[int, ...]) -> tuple:
    n = len(shape)
    rotated = tuple(range(1, n)) + (0,) if n else ()
    return (tuple(range(n)), tuple(reversed(range(n))), rotated, tuple(a - n for a in rotated))


def _not_permutations(shape: tuple[int, ...]) -> tuple:
    n = len(shape)
    return (tuple(range(n + 1)), (0,) * n) if n >= 2 else (tuple(range(n + 1)),)


PERMUTATION = ShapeDomain("a permutation of the axes (too long or repeated now and then)",
                          _permutations, _not_permutations)
PERMUTATION_OR_NONE = ShapeDomain("None or a permutation of the axes (too long or repeated now and then)",
                                  lambda shape: (None, *_permutations(shape)), _not_permutations)


def _ones(shape: tuple[int, ...]) -> tuple:
    ones = tuple(a for a, side in enumerate(shape) if side == 1)
    return (None, *ones, *((ones,) if len(ones) > 1 else ()))


SQUEEZE_AXIS = ShapeDomain(
    "None, an axis of length 1 or all of them (an axis of another length now and then)", _ones,
    lambda shape: tuple(a for a, side in enumerate(shape) if side != 1)[:2] or _out_of_range(shape))


def _reshapes(shape: tuple[int, ...]) -> tuple:
    size = math.prod(shape)
    return ((size,), (-1,), tuple(reversed(shape)), (*shape[:-1], -1) if shape else (), (1, size, 1), size)


NEW_SHAPE = ShapeDomain("a shape of the same size, with or without -1 (another size now and then)",
                        _reshapes, lambda shape: ((math.prod(shape) + 1,), (-1, -1)))

def _pairs(shape: tuple[int, ...]) -> tuple:
    return ((0, 1), (1, 0), (-1, 0), (0, len(shape) - 1)) if len(shape) >= 2 else ()


AXIS_PAIR = ShapeDomain("a pair of distinct axes (repeated or out of range now and then)", _pairs,
                        lambda shape: ((0, 0), (0, len(shape))))

# rollaxis's start: a position among the array's axes, 0..ndim, or its negative form
NEW_AXIS_POSITION = ShapeDomain("a position among the axes, -ndim..ndim (out of range now and then)",
                                lambda shape: tuple(range(-len(shape), len(shape) + 1)),
                                lambda shape: (len(shape) + 1, -len(shape) - 1))

# stack's axis: a position in the result, whose rank is ndim + 1
RESULT_AXIS = ShapeDomain("a position in the result, -ndim-1..ndim (out of range now and then)",
                          lambda shape: tuple(range(-len(shape) - 1, len(shape) + 1)),
                          lambda shape: (len(shape) + 1, -len(shape) - 2))

# A creation row's shape (zeros, full, indices): the drawn shape itself, as a tuple or, for one
# dimension, an int; a negative side now and then
SHAPE = ShapeDomain("the drawn shape, a tuple or an int (a negative side now and then)",
                    lambda shape: (shape, *((shape[0],) if len(shape) == 1 else ())),
                    lambda shape: ((*shape[:-1], -1),) if shape else ())


# pad's pad_width: the forms that broadcast to any rank (an int, (width,), (before, after),
# ((before, after),)) and one pair per axis
PAD_WIDTH = ShapeDomain("an int, (width,), (before, after), ((before, after),) or a pair per axis",
                        lambda shape: (0, 1, (2,), (1, 2), ((0, 3),),
                                       *((tuple((a % 3, 1) for a in range(len(shape))),) if shape else ())))

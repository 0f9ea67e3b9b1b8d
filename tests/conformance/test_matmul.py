"""Matmul batching: matmul and `@` on gufunc-signature shapes (batch broadcasting, 1-D operands, size 0,
shapes that do not fit, 0-d operands), the related products, `jax.vmap` of matmul, every dtype and mixed
dtypes, eagerly and under jit. Values are held to an error bound that grows with the inner dimension
(see conformance/cases/matmul.py); the report shows the largest error seen as a fraction of it."""

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance import reach
from conformance import strategies as cst
from conformance.cases import matmul as cases
from conformance.check import check
from conformance.recorder import active
from conformance.runner import run_jax, run_numpy

pytestmark = pytest.mark.conformance

SIDE = 3  # core and batch sides: k stays small and so does the number of distinct shapes (compiles)
BOUND_TABLE = "matmul-error-bound"
BOUND_TITLE = "Matmul: largest error as a fraction of its bound (c·k·u·|A|·|B| + 2·k·η), by result dtype"


def _within_budget(*shapes: tuple[int, ...]) -> bool:
    return all(int(np.prod(s)) <= cst.BUDGET.max_size for s in shapes)


def gufunc_shapes(*, signature: str, max_batch_dims: int = 2, max_side: int = SIDE
                  ) -> st.SearchStrategy[tuple[tuple[int, ...], ...]]:
    """Operand shapes for a gufunc `signature` (matmul's is "(n?,k),(k,m?)->(n?,m?)"): broadcast batch
    dimensions, optional core dimensions dropped (1-D operands), sides of 0 (k = 0 included).

    Built on `mutually_broadcastable_shapes(signature=...)`; shrinks towards the smallest core shapes.
    """
    if max_side < 1:
        raise ValueError(f"max_side must be at least 1, got {max_side}")
    return hnp.mutually_broadcastable_shapes(
        signature=signature, max_dims=max_batch_dims, min_side=0, max_side=max_side,
    ).filter(lambda bs: _within_budget(*bs.input_shapes, bs.result_shape)).map(lambda bs: bs.input_shapes)


@st.composite
def matmul_shapes_that_do_not_fit(draw) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Matmul operand shapes that do not fit: the contracted sizes differ, or the batch dimensions clash
    (from `non_broadcastable_shapes`). Shrinks towards ((0,), (1,))."""
    if draw(st.booleans()):
        a, b = draw(gufunc_shapes(signature=np.matmul.signature))
        k = a[-1]
        other = draw(st.integers(0, SIDE).filter(lambda n: n != k))
        b = (other,) if len(b) == 1 else (*b[:-2], other, b[-1])
        return a, b
    batch_a, batch_b = draw(cst.non_broadcastable_shapes(
        num_shapes=2, budget=cst.ShapeBudget(max_dims=2, max_side=SIDE, max_size=9)))
    m, k, p = draw(st.tuples(*[st.integers(0, SIDE)] * 3))
    return (*batch_a, m, k), (*batch_b, k, p)


@st.composite
def contraction_shapes(draw, *, product: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Operand shapes for dot, inner, vdot or outer, with 0-d operands where NumPy takes them (dot and
    inner then multiply), and one time in five a contracted size that differs (both must refuse).
    Shrinks towards 0-d or 1-D operands of size 0."""
    k = draw(st.integers(0, SIDE))
    other_k = draw(st.integers(0, SIDE)) if draw(st.integers(0, 4)) == 0 else k
    batch = cst.array_shapes(budget=cst.ShapeBudget(max_dims=1, max_side=SIDE, max_size=SIDE))
    if product == "outer":
        shape = cst.array_shapes(budget=cst.ShapeBudget(max_dims=2, max_side=SIDE, max_size=9))
        return draw(shape), draw(shape)
    if product == "vdot":
        a = draw(cst.array_shapes(budget=cst.ShapeBudget(max_dims=2, max_side=SIDE, max_size=9)))
        size = int(np.prod(a)) + (other_k != k)
        return a, draw(st.sampled_from([(size,), a[::-1] if other_k == k else (size,)]))
    scalar = st.just(())
    a = draw(st.one_of(scalar, batch.map(lambda s: (*s, k))))
    if product == "inner":
        b = draw(st.one_of(scalar, batch.map(lambda s: (*s, other_k))))
    else:  # dot: b is 0-d, a vector, or a stack of matrices contracted over its second-to-last axis
        p = draw(st.integers(0, SIDE))
        b = draw(st.one_of(scalar, st.just((other_k,)), batch.map(lambda s: (*s, other_k, p))))
    return a, b


@st.composite
def tensordot_arguments(draw) -> tuple[tuple[int, ...], tuple[int, ...], object]:
    """(a shape, b shape, axes): an integer count of trailing/leading axes, or paired axis sequences in
    any order. Shrinks towards axes=0 (an outer product)."""
    if draw(st.booleans()):
        count = draw(st.integers(0, 2))
        core = draw(st.tuples(*[st.integers(0, SIDE)] * count))
        rest = st.lists(st.integers(0, SIDE), max_size=2 - count // 2).map(tuple)
        a, b = (*draw(rest), *core), (*core, *draw(rest))
        return (a, b, count) if _within_budget(a, b) else ((), (), 0)
    a = draw(cst.array_shapes(min_dims=1, budget=cst.ShapeBudget(max_dims=3, max_side=SIDE, max_size=18)))
    axes_a = draw(st.lists(st.integers(0, len(a) - 1), min_size=1, max_size=min(2, len(a)), unique=True))
    b = list(draw(st.lists(st.integers(0, SIDE), max_size=1)))
    axes_b = []
    for axis in axes_a:
        position = draw(st.integers(0, len(b)))
        axes_b = [i + (i >= position) for i in axes_b] + [position]
        b.insert(position, a[axis])
    return a, tuple(b), (tuple(axes_a), tuple(axes_b))


EINSUM_SPECS = ("ij,jk->ik", "bij,bjk->bik", "...ij,...jk->...ik", "ij,j->i", "i,i->", "...i,...i->...",
                "bi,bj->bij", "ij,kj->ik", "...j,j->...")


@st.composite
def einsum_arguments(draw) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """(a shape, b shape, spec) for a spec from EINSUM_SPECS: each label a side from 0 to SIDE, and the
    ellipses broadcastable batch shapes. Shrinks towards the first spec with sides of 0."""
    spec = draw(st.sampled_from(EINSUM_SPECS))
    sizes = {label: draw(st.integers(0, SIDE)) for label in sorted(set(spec) - set(".,->"))}
    batches = draw(cst.broadcastable_shapes(
        num_shapes=2, budget=cst.ShapeBudget(max_dims=2, max_side=SIDE, max_size=9)))
    operands = spec.split("->")[0].split(",")
    shapes = tuple(
        (*(batch if subscripts.startswith("...") else ()), *(sizes[c] for c in subscripts.strip(".")))
        for subscripts, batch in zip(operands, batches, strict=True))
    return (*shapes, spec) if _within_budget(*shapes) else ((SIDE,), (SIDE,), "i,i->")


@st.composite
def vmap_arguments(draw, *, dtype: np.dtype) -> tuple[np.ndarray, np.ndarray, tuple]:
    """(a, b, in_axes) for `jax.vmap(matmul, in_axes)`: per-element matmul shapes, a batch of 0 to SIDE
    inserted at a drawn axis of each batched operand (None: not batched; never both). Shrinks towards
    in_axes (0, 0)."""
    per_element = draw(gufunc_shapes(signature=np.matmul.signature, max_batch_dims=1))
    size = draw(st.integers(0, SIDE))
    in_axes = []
    for shape in per_element:
        in_axes.append(draw(st.one_of(st.integers(0, len(shape)), st.none())))
    if in_axes == [None, None]:
        in_axes[0] = 0
    shapes = [shape if axis is None else (*shape[:axis], size, *shape[axis:])
              for shape, axis in zip(per_element, in_axes, strict=True)]
    a, b = (draw(operand_arrays(dtype, shape)) for shape in shapes)
    return a, b, tuple(in_axes)


ERROR_TABLE = "matmul-errors"
ERROR_TITLE = "Matmul: the errors both sides raise, by case and reason (numpy / jax)"
_REASONS = (("enough dimensions", "0-d operand"), ("per batch element", "0-d operand"),
            ("core dimension", "contracted sizes differ"), ("not aligned", "contracted sizes differ"),
            ("cannot reshape", "contracted sizes differ"), ("shape-mismatch", "contracted sizes differ"),
            ("broadcast", "batch dimensions clash"))


def _reason(message: str) -> str:
    return next((reason for phrase, reason in _REASONS if phrase in message), "other")


def check_product(case, *args, xp):
    """`check`, then, from the eager call (microseconds on shapes just compiled), the report's tables:
    the error types when both sides refuse, and for an agreeing float result its largest error as a
    fraction of c·k·u·|A|·|B| + 2·k·η, against the unrounded reference."""
    __tracebackhide__ = True
    verdicts = check(case, *args, xp=xp)
    expected, actual = run_numpy(case, args), run_jax(case, args, xp=xp, mode=case.modes[0])
    if expected.raised and actual.raised:
        active().record_cell(ERROR_TABLE, f"{case.name}: {_reason(expected.error.message)}", "numpy / jax",
                             f"{expected.error.type} / {actual.error.type}", title=ERROR_TITLE, keep="last")
    if expected.raised or actual.raised or len(actual.values) != 1 or any(
            v.status != "agree" for v in verdicts):
        return
    result = actual.values[0].array
    ratio = case.numpy_reference.error_ratio(result, *args)
    if ratio is not None:
        active().record_cell(BOUND_TABLE, result.dtype.name, case.name, round(ratio, 4),
                             title=BOUND_TITLE, keep="max")


def _moderate_elements(dtype: np.dtype) -> st.SearchStrategy | None:
    """Values in [-2, 2] with full mantissas: products that round, so the bound is measured, not just
    met by exact products of edge values. None (the edge-value default) for bool and integers."""
    kind = cst.kind_of(dtype)
    if kind == "f":
        width = 32 if dtype == cst.BFLOAT16 else dtype.itemsize * 8
        return st.floats(-2, 2, width=width)
    if kind == "c":
        return st.complex_numbers(max_magnitude=2, width=dtype.itemsize * 8)
    return None


def operand_arrays(dtype: np.dtype, shape: tuple[int, ...]) -> st.SearchStrategy[np.ndarray]:
    """An operand: edge values (`cst.arrays`) or moderate values that round. Shrinks towards zeros."""
    dtype = np.dtype(dtype)
    elements = _moderate_elements(dtype)
    if elements is None:
        return cst.arrays(dtype, shape)
    # every element drawn (no fill value), so that the products do round
    base = np.dtype(np.float32) if dtype == cst.BFLOAT16 else dtype
    moderate = hnp.arrays(base, shape, elements=elements, fill=st.nothing()).map(lambda a: a.astype(dtype))
    return st.one_of(cst.arrays(dtype, shape), moderate)


def _operands(shapes, dtypes) -> st.SearchStrategy[tuple[np.ndarray, ...]]:
    return st.tuples(*(operand_arrays(d, s) for d, s in zip(dtypes, shapes, strict=True)))


def _operand_sets(data, shapes, dtypes) -> list[tuple[np.ndarray, ...]]:
    """`cst.value_sets` of operands of these shapes and dtypes (they share their compiles)."""
    return data.draw(cst.value_sets(_operands(shapes, dtypes)), label="operands")


def matmul_features(a: tuple[int, ...], b: tuple[int, ...]) -> list[str]:
    """The structures of matmul operand shapes: 1-D operands (NumPy drops their axis from the result),
    batch dimensions, a batch axis stretched (size 1 against more, or missing), a contracted size of 0."""
    features = [*(["1-D first operand"] if len(a) == 1 else []), *(["1-D second operand"] if len(b) == 1
                                                                   else [])]
    batch_a, batch_b = a[:-2], b[:-2]
    if batch_a or batch_b:
        features.append("batch dimensions")
        try:
            result = np.broadcast_shapes(batch_a, batch_b)
        except ValueError:
            result = None
        if result is not None and (batch_a != result or batch_b != result):
            features.append("batch broadcast")
    if a and a[-1] == 0:
        features.append("contracted size 0")
    return features


MATMUL_FEATURES = ("1-D first operand", "1-D second operand", "batch dimensions", "batch broadcast",
                   "contracted size 0")


@pytest.mark.parametrize("case", cases.MATMUL_CASES, ids=str)
@reach.declare(*MATMUL_FEATURES)
@given(data=st.data())
def test_matmul_batches(case, xp, data):
    dtype = data.draw(cst.dtypes(), label="dtype")
    shapes = data.draw(gufunc_shapes(signature=np.matmul.signature), label="shapes")
    reach.reached(*matmul_features(*shapes))
    for operands in _operand_sets(data, shapes, (dtype, dtype)):
        check_product(case, *operands, xp=xp)


@pytest.mark.parametrize("case", cases.MATMUL_CASES, ids=str)
@reach.declare("dtypes of two kinds")
@given(data=st.data())
def test_matmul_of_mixed_dtypes(case, xp, data):
    dtypes = data.draw(st.tuples(cst.dtypes(), cst.dtypes()), label="dtypes")
    if cst.kind_of(dtypes[0]) != cst.kind_of(dtypes[1]):
        reach.reached("dtypes of two kinds")
    shapes = data.draw(gufunc_shapes(signature=np.matmul.signature), label="shapes")
    for operands in _operand_sets(data, shapes, dtypes):
        check_product(case, *operands, xp=xp)


@pytest.mark.parametrize("case", cases.MATMUL_CASES, ids=str)
@given(data=st.data())
def test_matmul_refuses_shapes_that_do_not_fit(case, xp, data):
    dtype = data.draw(cst.dtypes(kinds="if"), label="dtype")
    shapes = data.draw(st.one_of(
        matmul_shapes_that_do_not_fit(),
        cst.array_shapes(budget=cst.ShapeBudget(max_dims=3, max_side=SIDE, max_size=27)).map(
            lambda s: ((), s)),
        cst.array_shapes(budget=cst.ShapeBudget(max_dims=3, max_side=SIDE, max_size=27)).map(
            lambda s: (s, ()))), label="shapes")  # 0-d operands: NumPy refuses them
    # one value set: the shapes decide
    check_product(case, *data.draw(_operands(shapes, (dtype, dtype)), label="operands"), xp=xp)


@pytest.mark.parametrize("case", [cases.DOT, cases.INNER, cases.VDOT, cases.OUTER], ids=str)
@given(data=st.data())
def test_contraction_products(case, xp, data):
    dtype = data.draw(cst.dtypes(), label="dtype")
    shapes = data.draw(contraction_shapes(product=case.name), label="shapes")
    for operands in _operand_sets(data, shapes, (dtype, dtype)):
        check_product(case, *operands, xp=xp)


@given(data=st.data())
def test_tensordot(xp, data):
    dtype = data.draw(cst.dtypes(), label="dtype")
    a_shape, b_shape, axes = data.draw(tensordot_arguments(), label="shapes, axes")
    for operands in _operand_sets(data, (a_shape, b_shape), (dtype, dtype)):
        check_product(cases.TENSORDOT, *operands, axes, xp=xp)


@given(data=st.data())
def test_einsum(xp, data):
    dtype = data.draw(cst.dtypes(), label="dtype")
    a_shape, b_shape, spec = data.draw(einsum_arguments(), label="shapes, spec")
    for operands in _operand_sets(data, (a_shape, b_shape), (dtype, dtype)):
        check_product(cases.EINSUM, *operands, spec, xp=xp)


@pytest.mark.parametrize("case", cases.VECTOR_PRODUCTS, ids=str)
@given(data=st.data())
def test_vector_products(case, xp, data):
    dtype = data.draw(cst.dtypes(), label="dtype")
    shapes = data.draw(gufunc_shapes(signature=getattr(np, case.name).signature), label="shapes")
    for operands in _operand_sets(data, shapes, (dtype, dtype)):
        check_product(case, *operands, xp=xp)


@reach.declare("in_axes: first operand not batched", "in_axes: second operand not batched",
               "in_axes: a batch axis after the first")
@given(data=st.data())
def test_vmap_of_matmul(xp, data):
    dtype = data.draw(cst.dtypes(), label="dtype")
    a, b, in_axes = data.draw(vmap_arguments(dtype=dtype), label="a, b, in_axes")
    reach.reached(*(f"in_axes: {which} operand not batched"
                    for which, axis in zip(("first", "second"), in_axes, strict=True) if axis is None),
                  *(["in_axes: a batch axis after the first"] if any(axis for axis in in_axes) else []))
    check_product(cases.VMAP_MATMUL, a, b, in_axes, xp=xp)


@pytest.mark.parametrize("case", cases.PRECISION_CASES, ids=str)
@given(data=st.data())
def test_float32_products_at_full_precision(case, xp, data):
    dtype = data.draw(cst.dtypes(kinds="fc", bfloat16=False), label="dtype")
    shapes = data.draw(gufunc_shapes(signature=np.matmul.signature), label="shapes")
    for operands in _operand_sets(data, shapes, (dtype, dtype)):
        check_product(case, *operands, xp=xp)

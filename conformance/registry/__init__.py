"""The operation registry: one row per NumPy function checked, as data (`conformance/operation.py` turns
a row into a Case; `tests/conformance/test_registry.py` draws any row's arguments from its row).

Adding a function is one row in its family's module of this package (plus, at most, a strategy for a
new kind of argument in `conformance/registry_strategies.py`), and the family's tuple in REGISTRY below.
`kinds` are the dtype kinds NumPy defines the function for
(probed on numpy 2.4); tags are what catalogue triggers and ulp budgets read:

- `elementwise`, `unary`: every unary row; `query`: a shape or dtype query (its name is its own tag),
  `returns-python-scalars`: one that returns Python ints (floats, complex), as NumPy does (not a 64-bit
  array);
- `transcendental`: computed by a libm routine (XLA's and NumPy's differ by ulps: ulps.BUDGETS);
- `rounding`: a result that is a whole number (floor, ceil, trunc, rint, round);
- `moves-bits`: the result is an input's own bits (real, imag, conj, a select): no flushing of
  subnormals; `logical`: a truth test of each element (bfloat16 on its bits);
- `sign-bits`: the result is made by the sign bit alone (abs and negative clear or flip it, signbit
  reads it): no flushing of subnormals (the complex abs computes: `abs`);
- `predicate`: a boolean classification of each element (isnan, isinf, isfinite, ...);
- `decimals`: round's `decimals` option; `abs`, `square`, `sqrt`, `exp`, `exp2`, `log2`, `log10`, `sin`,
  `cos`, `tan`, `tanh`, `expm1`, `sinh`, `cosh`: the function's own rule on complex inputs (XLA's or
  lax's complex formula);
  `angle-conversion` (`to-radians`): a product with pi/180 or 180/pi; `reciprocal`, `positive`,
  `conjugate`, `modf`, `frexp`, `sign`, `arcsin`, `cbrt`, `spacing`, `angle`, `log`, `nan-to-num`: the
  function's own rule (on complex inputs too: catalogue/complex_unary.py); `arccos`, `arcsinh`, `arccosh`,
  `arctan`, `arctanh`, `log1p`, `sinc` (and `arcsin`): the function's rule on complex inputs
  (catalogue/complex_inverse.py);
  `tiny-argument-returned`: f(x) is x for a tiny x, which some of XLA's kernels return through a select
  (arctan, tan; tanh in float32); `tiny-argument-kept`: f(x) is x for a tiny x, subnormals kept
  as NumPy keeps them (expm1, sin: no flushing of real subnormals);
  `subnormals-modelled-apart`: an entry of unary.py models the function's subnormals, not
  NUM-SUBNORMAL-FLUSH; `converts-to-default-float`: bool and integer inputs become the default float
  dtype (not DTYPE-INT-TO-INEXACT's);
  `refuses-complex-with-valueerror`: JAX refuses complex inputs with ValueError;
- `manipulation` (with `moves-bits`): a shape manipulation; `axes-checked-by-lax`: lax.transpose or
  lax.rev checks its axes; `nonnegative-axes`: it refuses negative axes; `reshape`, `squeeze`,
  `swapaxes`: the function's own rule; `at-least-2d`: it refuses fewer than two dimensions;
  `data-dependent-shape`: the result's shape depends on the values (refused under jit without size=);
  `trim-zeros`: trim_zeros' rule;
- `reduction`: a reduction or sort with an axis; `truth` (with `any` or `all`): each element read as a
  truth value; `count-nonzero`: count_nonzero (bfloat16 subnormals counted, eager and jit);
  `selects`: the result's elements are input elements (max, min, sort); `extremum` (with
  `max` or `min`): a maximum or minimum; `sorts`: sort (its subnormals modelled apart); `argsort`: argsort;
  `returns-index`: the result is an index array (argmax, argsort); `arg-extremum`: argmax and argmin;
  `distinct`: unique and its array API forms; `set-operation` (two arrays): with `distinct-of-two`, a
  set of the values of both (intersect1d, union1d, setdiff1d, setxor1d), with `membership`, isin;
  `searches` (with `sorted-first-array`: the strategy sorts the first array): searchsorted;
  `extract-size`: extract's condition and size= rules; `empty-first-returned`: an empty first array is
  returned as it is, before anything data-dependent (setdiff1d).
- `sums` (with the function's name): an accumulating reduction compared with an error bound
  (conformance/sums.py; trace too, over the diagonal's length); `cumulative`: an accumulation along
  an axis; `warns-once`: jnp jits it internally (a truncated dtype= warns on the first trace only);
  `diff`: diff and ediff1d; `ptp`;
  `nan`: a NaN-ignoring sum, product, mean or variance (nansum ...: a NaN counts as the identity;
  nanvar, nanstd: over the non-NaN count);
  `nan-extremum`: nanmax, nanmin; `nan-arg-extremum` (with `arg-extremum`): nanargmax, nanargmin;
  `variance` (with `sums`): var, std, nanvar, nanstd, bounded by conformance/sums.py's BoundedVariance.
- `order-statistic`: median, quantile, percentile and their nan* forms (with the function's name;
  `quantile` for quantile and percentile, `nan-ignoring` for nanquantile and nanpercentile): a sorted
  element or two interpolated (registry/order_statistics.py).
- `creation`: an array made from options (its dtype one: `Operation.dtype_keyword`); `unspecified-values`:
  its values are whatever memory held (empty, empty_like: shape and dtype compared only); `fills`: full's
  fill value converted to the dtype; `arange`, `linspace`, `logspace`, `geomspace`, `tri`, `indices`: the
  function's own rule; `from-iterable`: fromiter;
- `joins` (manipulation): the first argument is a sequence of arrays (`Operation.pieces`), promoted
  together; `same-shape`: the pieces must have one shape (stack); `splits`: a split into a list of arrays
  (`splits-axis-0`, `-1`, `-2`: vsplit's, hsplit's and dsplit's axis; `uneven-sections`: array_split);
  `deletes`, `inserts`: delete's and insert's index rules (an int, a slice or a list); `grids`: meshgrid's
  vectors (`Operation.unpacks`: passed as positional arguments); `open-mesh`: ix_'s.
- `partitions`: partition and argpartition (their results compared in the canonical form of
  conformance/orderings.py, `Operation.canonical`); `sorts-by-keys`: lexsort (a sequence of keys);
  `unravels`: unravel_index (flat indices into a shape option);
  `small-indices`: the pieces are small indices, 0..5 and -1 (ravel_multi_index).
- `convolution` (with the function's name): convolve and correlate, bounded as sums of products
  (conformance/signal_bounds.py); `second-own-length`: the strategy draws the second 1-d array's length
  apart from the first's; `trapezoid`, `gradient`: the function's own rules (bounded too); `covariance`
  (with `cov` or `corrcoef`): the two-pass bound of a covariance matrix (signal_bounds.BoundedCovariance).
- `binned-values`: the strategy draws the arrays' values near bin edges (`binned_elements`; with
  `binned-nan`, NaN too: digitize); `counted-values`: small counts 0..5 and now and then -1 (bincount);
  `histogram`, `bin-edges`, `bincount`, `digitize`: the function's own rule (catalogue/histograms.py);
  `histogram-dd`: histogram2d and histogramdd (counts by bincount), `two-coordinates`: histogram2d's x
  and y (histogramdd: one (N, D) sample).
- `index-arrays`: the indices of a triangle or a diagonal (tril_indices, diag_indices_from, ...: their
  size an option or a drawn array's shape); `sort-complex`: sort_complex (with `sorts`: sorted along the
  last axis, made complex by NumPy's rule or jnp's).
- `norm` (with `vector_norm`, `norm` or `matrix_norm`): a norm of jax.numpy.linalg; `linalg-bounded`: its
  reference is one of conformance/norm_bounds.py's (norms, `multi-dot`, `cross`: catalogue/norms.py
  models their flushing); `linalg-product` (with `product`): linalg.matmul, tensordot, vecdot, outer and
  kron, bounded as matmul's products (catalogue/matmul.py's entries apply).
- `fft` (with the function's name): a transform of jax.numpy.fft, bounded by conformance/fft_bounds.py;
  `fft-real-input` (rfft, ihfft, rfft2, rfftn), `fft-real-output` (irfft, hfft, irfft2, irfftn);
  `fft-frequencies`: fftfreq and rfftfreq; `fft-shift`: fftshift and ifftshift (registry/fft.py).
- `polynomial` (with the function's name: polyval, polyadd, polysub, polymul, polydiv, polyder, polyint,
  poly, roots, polyfit, interp): 1-d coefficient vectors (interp: points and values) bounded by
  conformance/poly_bounds.py; `moderate-values`: the strategy draws small values exact in every dtype
  (`moderate_elements`); `inexact-result`: jnp computes in the inexact dtype of its inputs
  (promote_dtypes_inexact; roots: its complex counterpart); `lapack`: a LAPACK routine (no float16 or
  bfloat16 in JAX); `sample-points-first`: the strategy makes the first array distinct points
  (`sample_points`: polyfit's x); `unplanted`: no planted values (roots); `interp-points`: the strategy
  draws xp and fp of a length of their own, xp sorted, x and xp real (complex dtypes: their real parts;
  interp); `unwrap`: unwrap's rules (bounded too); `window` (with the function's name: bartlett,
  blackman, hamming, hanning, kaiser): a window of M samples (registry/polynomials.py).
- `compares-arrays`: a comparison of two arrays of one shape and dtype (registry/comparisons.py), with
  `close` and the function's name (isclose, allclose: rtol, atol, equal_nan) or `array-equal` (array_equal,
  array_equiv); `dtype-query`: isdtype and issubdtype of a dtype drawn by name (no array).
- `packs-bits` (packbits and unpackbits: axis rules), `unpacks-bits` (unpackbits' count), `ldexp`
  (registry/bits.py: its subnormals modelled by catalogue/bits.py).
- `chooses`: choose's index array and mode; `fills-diagonal`, `puts-along-axis`: fill_diagonal and
  put_along_axis, called with inplace= (JAX's refusal of inplace=True drawn now and then); compress
  shares extract's tag `extract-size` (registry/selection.py).
- `matrices`: the strategy draws structured matrices (conformance/matrices.py: general, nearly singular,
  with a non-finite element; `square-matrix`: n = m; `hermitian-input`: positive definite, indefinite
  Hermitian and not Hermitian ones too); `decomposition` (with the function's name: `svd`, `svdvals`, `qr`,
  `cholesky`, `eig`, `eigvals`, `eigh`, `eigvalsh`): a linalg decomposition compared in the canonical
  forms of conformance/decomposition_bounds.py.
- `linalg` (area "linalg", drawn by conformance/solver_strategies.py: square matrices and stacks of them,
  of a drawn condition; tests/conformance/test_solvers.py): `solves` (solve, tensorsolve: a right-hand
  side b), `inverts` (inv, tensorinv), `tensor` (a tensor reshaped to a 4 x 4 matrix), `determinant`
  (det, slogdet; `slogdet`), `matrix-power`, `rank` (matrix_rank), `condition-number`;
  `well-or-singular`: ill-conditioned and non-finite matrices not drawn (the forward bound says nothing
  there). Bounds: conformance/solver_bounds.py.
- `least-squares` (with `lstsq` or `pinv`; area "linalg", drawn by conformance/least_squares_strategies.py:
  rectangular and square matrices, well- and ill-conditioned, rank-deficient and non-finite;
  tests/conformance/test_least_squares.py): compared with the exact minimum-norm answers
  (conformance/least_squares_bounds.py).
"""

from __future__ import annotations

from conformance.operation import Operation, case_of
from conformance.registry.bits import BITS
from conformance.registry.comparisons import COMPARISONS
from conformance.registry.creation import CREATION
from conformance.registry.decompositions import DECOMPOSITIONS
from conformance.registry.fft import FFT
from conformance.registry.histograms import HISTOGRAMS
from conformance.registry.index_arrays import INDEX_ARRAYS
from conformance.registry.index_tools import INDEX_TOOLS
from conformance.registry.least_squares import LEAST_SQUARES
from conformance.registry.manipulation import EDITING, GRIDS, JOINING, MANIPULATION, PADDING
from conformance.registry.norms import LINALG_NORMS
from conformance.registry.order_statistics import ORDER_STATISTICS
from conformance.registry.ordering import ORDERING
from conformance.registry.polynomials import POLYNOMIALS
from conformance.registry.reductions import REDUCTIONS
from conformance.registry.selection import SELECTION
from conformance.registry.signals import SIGNALS
from conformance.registry.solvers import SOLVERS
from conformance.registry.statistics import STATISTICS
from conformance.registry.unary import QUERIES, QUERIES_AREA, UNARY, UNARY_AREA

REGISTRY: tuple[Operation, ...] = (*UNARY, *QUERIES, *MANIPULATION, *REDUCTIONS, *STATISTICS, *CREATION,
                                   *JOINING, *EDITING, PADDING, *GRIDS, *ORDERING,
                                   *INDEX_TOOLS, *SIGNALS, *HISTOGRAMS,
                                   *ORDER_STATISTICS, *INDEX_ARRAYS, *LINALG_NORMS, *POLYNOMIALS,
                                   *COMPARISONS, *BITS, *SELECTION, *FFT, *DECOMPOSITIONS, *SOLVERS,
                                   *LEAST_SQUARES)
BY_NAME = {row.name: row for row in REGISTRY}
# The rows of arrays with axes and options (test_registry.test_axes_row): all but the unary functions,
# the queries, the creations and the solvers (tests/conformance/test_solvers.py draws their matrices)
AXES_ROWS = tuple(row for row in REGISTRY if row.area not in (UNARY_AREA, QUERIES_AREA)
                  and "creation" not in row.tags and row not in SOLVERS
                  and row not in LEAST_SQUARES)


def checked_names() -> tuple[str, ...]:
    """The jax.numpy names (attribute paths) the registry checks, in registry order."""
    return tuple(dict.fromkeys(row.name for row in REGISTRY))


def cases(rows: tuple[Operation, ...] = REGISTRY):
    """Each row's Case."""
    return tuple(case_of(row) for row in rows)

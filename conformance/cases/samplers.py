"""The samplers' cases: each jax.random sampler against NumPy's Generator (`np.random.default_rng`).

Draws cannot be compared value by value (other algorithms), so each case computes what must agree:

- SUPPORT: the draw's dtype and shape, and where each draw lies: an array of the draw's dtype and shape
  that is 0 where the draw is in the distribution's support and 1 elsewhere (NaN, out of bounds, a
  value the population lacks, a repeat without replacement, a permutation that lost an element). The
  same arguments go to both libraries (NumPy's `size` is JAX's `shape`), so a refusal on one side only
  is a difference too. Every argument of the table `VARIANTS` is one example.
- FIT: the distribution. A sample of FIT_SIZE draws from JAX's key of seed FIT_SEED against one from
  `default_rng(FIT_SEED)`, by a two-sample test (conformance/goodness_of_fit.py: Kolmogorov-Smirnov for
  continuous samples, chi-square on the counts for discrete ones); the case's result is whether the
  test passes. NumPy's side runs the same test on two NumPy samples (seeds FIT_SEED and FIT_SEED + 1):
  True, so a JAX sample that fails the test is a values difference, which no catalogue entry explains.
- PREFIX: whether the first m draws of a draw of n are the draw of m (NumPy: yes, sequential
  equivalence), with jax_threefry_partitionable on and off.

The false-alarm rate: FALSE_ALARM_RATE = 1e-3 for the whole run (both x64 modes), split equally over
every goodness-of-fit test of the run (Bonferroni): each test has alpha = 1e-3 / (2 * len(FITS)). Keys
and seeds are fixed, so a run is deterministic: the rate is the chance that these seeds make a correct
sampler fail, and a run that passes passes every time.

Parameterizations that differ between the libraries are translated in the table (`Sampler.numpy`),
as a user porting the code must: NumPy's pareto is Pareto II (Lomax, support [0, inf)) and JAX's is
Pareto I (support [1, inf)), so NumPy's draw + 1 is JAX's; JAX's weibull_min takes a scale, NumPy's
weibull none (scale * draw); JAX's wald, lognormal, laplace, logistic, gumbel, cauchy, t, gamma are
NumPy's with scale 1 (and mean 0); jax.random.bernoulli is `g.random(size) < p`, categorical is
`g.choice(n, p=softmax(logits))`, truncated_normal is NumPy's normal draws kept inside the bounds.
NumPy's Generator has no counterpart for loggamma, maxwell, double_sided_maxwell, generalized_normal,
rademacher, ball, orthogonal and bits: they are not checked here.

All cases run eagerly: each jax.random sampler is itself a jitted function (its shape, dtype and
options static), so an eager call runs its compiled program, and a second compile under jax.jit would
cost up to seconds for the rejection samplers (gamma, beta, poisson, ...). That jit does not change
the draws is test_prng.py's fingerprint test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jax
import numpy as np
from packaging.version import Version

from conformance import goodness_of_fit as gof
from conformance.case import Case
from conformance.cases.prng import random_of

AREA = "samplers"
FIT_SEED = 20260
FIT_SIZE = 4000
FALSE_ALARM_RATE = 1e-3


def _a(value):
    return None if value is None else np.asarray(value)


@dataclass(frozen=True, kw_only=True)
class Sampler:
    """One distribution in both libraries. `jax(random, key, shape, dtype, **params)`;
    `numpy(generator, size, **params)`; `support(x, **params)`, on the host, elementwise (broadcast to
    the draw's shape) True where a draw is in the support; `test`: the goodness-of-fit test ("ks",
    "chi2") of a draw of `fit_shape`, on `statistic(draw)` (default: the draw flattened)."""

    name: str
    jax: Callable[..., Any]
    numpy: Callable[..., Any]
    support: Callable[..., Any]
    test: str
    numpy_dtype: bool = False  # NumPy's method takes dtype= (integers); otherwise NumPy's draw is cast
    fit_params: dict[str, Any] = field(default_factory=dict)
    fit_shape: tuple[int, ...] = (FIT_SIZE,)
    statistic: Callable[[np.ndarray], np.ndarray] | None = None
    fit_jax_shape: tuple[int, ...] | None = None  # where JAX's shape means another thing than NumPy's size


def _finite(x, **_):
    return np.isfinite(x)


def _nonnegative(x, **_):
    return np.isfinite(x) & (x >= 0)


def _positive(x, **_):
    return np.isfinite(x) & (x > 0)


def _unit(x, **_):
    return (x >= 0) & (x <= 1)


def _uniform_support(x, minval=0.0, maxval=1.0):
    """Closed: NumPy documents that "the high limit may be included in the returned array of floats due
    to floating-point rounding" (Generator.uniform), and JAX's float32 draws reach maxval in a range a
    few ulps wide (uniform[minval=1.0,maxval=1+2**-20] in VARIANTS), though its docstring says
    [minval, maxval)."""
    return (x >= minval) & (x <= maxval)


def _dtype(dtype) -> dict:
    return {} if dtype is None else {"dtype": dtype}


def _uniform_numpy(g, size, minval=0.0, maxval=1.0, dtype=None):
    """Generator.uniform has no dtype=; Generator.random has (float32, float64), scaled the same way."""
    if dtype is None:
        return g.uniform(minval, maxval, size)
    return (minval + (maxval - minval) * g.random(size, dtype=dtype)).astype(dtype)


def _randint_support(x, minval, maxval):
    return (x >= minval) & (x < maxval)


def _population(a, axis=0):
    return np.arange(a) if np.ndim(a) == 0 else np.moveaxis(np.asarray(a), axis, 0)


def _choice_support(x, a, replace=True, p=None, axis=0):
    """A draw is an element of the population with a nonzero probability; without replacement, no
    element twice. For an array population, each slice along `axis` is an element."""
    population = _population(a, axis)
    allowed = population if p is None else population[np.asarray(p) > 0]
    x = np.asarray(x)
    if population.ndim == 1:
        ok = np.isin(x, allowed)
        flat = x.reshape(-1)
        if not replace:
            _, first = np.unique(flat, return_index=True)
            once = np.zeros(flat.size, bool)
            once[first] = True
            ok &= once.reshape(x.shape)
        return ok
    slices = np.moveaxis(x, axis, 0)  # (draws..., rest of the population's shape)
    draws = slices.reshape(-1, *allowed.shape[1:])
    ok = np.array([any(np.array_equal(s, e) for e in allowed) for s in draws])
    ok = ok.reshape(slices.shape[:slices.ndim - allowed.ndim + 1] + (1,) * (allowed.ndim - 1))
    return np.moveaxis(np.broadcast_to(ok, slices.shape), 0, axis)


def _permutation_support(x, population, axis=0, independent=False):
    """True where the draw, put back into order, equals the population: sorted along `axis` for
    independent permutations, else its slices along `axis` reordered by their first elements (whole
    slices must move)."""
    x, population = np.moveaxis(np.asarray(x), axis, 0), np.moveaxis(_population(population), axis, 0)
    if x.shape != population.shape:
        return np.zeros(np.shape(x), bool)
    if independent or x.ndim == 1:
        ordered = np.sort(x, axis=0)
        expected = np.sort(population, axis=0)
    else:
        ordered = x[np.argsort(x.reshape(x.shape[0], -1)[:, 0], kind="stable")]
        first = population.reshape(population.shape[0], -1)[:, 0]
        expected = population[np.argsort(first, kind="stable")]
    return np.moveaxis(ordered == expected, 0, axis)


def _permutation_numpy(g, size, population, axis=0, independent=False):
    """Generator.permuted is JAX's permutation(independent=True)."""
    if independent:
        return g.permuted(_a(population), axis=axis)
    return g.permutation(_a(population) if np.ndim(population) else population, axis=axis)


def _bernoulli_support(x, p):
    """Any draw for 0 < p < 1; True only for p >= 1; False only for p <= 0."""
    if 0 < p < 1:
        return np.ones(np.shape(x), bool)
    return x == (p >= 1)


def _categorical_support(x, logits):
    return np.isin(x, np.flatnonzero(np.isfinite(logits)))


def _softmax(logits):
    e = np.exp(np.asarray(logits, np.float64) - np.max(logits))
    return e / e.sum()


def _simplex(x, **_):
    x = np.asarray(x, np.float64)
    rows = np.abs(x.sum(axis=-1, keepdims=True) - 1) <= 1e-3
    return (x >= 0) & (x <= 1) & rows


def _multinomial_support(x, n, p):
    """Counts that sum to n in each row, and none where p is 0."""
    x = np.asarray(x, np.float64)
    rows = x.sum(axis=-1, keepdims=True) == n
    return _counts(x) & rows & ((np.asarray(p) > 0) | (x == 0))


def _counts(x, **_):
    return (x >= 0) & (x == np.round(x))


def _binomial_support(x, n, p):
    return _counts(x) & (x <= n)


def _truncated_numpy(g, size, lower, upper):
    """NumPy's standard normal draws inside (lower, upper), in order: a truncated normal sample."""
    count = int(np.prod(size))
    kept = np.empty(0)
    while kept.size < count:
        draws = g.normal(size=4 * count + 16)
        kept = np.concatenate([kept, draws[(draws > lower) & (draws < upper)]])
    return kept[:count].reshape(size)


def _positional(name: str, *names: str) -> Callable[..., Any]:
    """JAX's `random.<name>(key, *params, shape, dtype=)`, the parameters given by keyword here."""
    def draw(r, key, shape, dtype, **params):
        args = [_a(params[n]) if isinstance(params[n], list) else params[n] for n in names]
        return getattr(r, name)(key, *args, shape, **_dtype(dtype))
    draw.__name__ = name
    return draw


def _continuous(name: str, names: tuple[str, ...], numpy: Callable, support: Callable, **fields) -> Sampler:
    return Sampler(name=name, jax=_positional(name, *names), numpy=numpy, support=support, test="ks",
                   **fields)


SAMPLERS: dict[str, Sampler] = {s.name: s for s in (
    Sampler(name="uniform",
            jax=lambda r, key, shape, dtype, minval=0.0, maxval=1.0: r.uniform(
                key, shape, minval=minval, maxval=maxval, **_dtype(dtype)),
            numpy=_uniform_numpy, support=_uniform_support, test="ks", numpy_dtype=True),
    _continuous("normal", (), lambda g, size, dtype=None: g.standard_normal(size, **_dtype(dtype)), _finite,
                numpy_dtype=True),
    Sampler(name="randint",
            jax=lambda r, key, shape, dtype, minval, maxval: r.randint(key, shape, minval, maxval,
                                                                       **_dtype(dtype)),
            numpy=lambda g, size, minval, maxval, dtype=None: g.integers(minval, maxval, size,
                                                                         **_dtype(dtype)),
            support=_randint_support, test="chi2", numpy_dtype=True, fit_params={"minval": -3, "maxval": 7}),
    Sampler(name="bernoulli",
            jax=lambda r, key, shape, dtype, p: r.bernoulli(key, p, shape),
            numpy=lambda g, size, p: g.random(size) < p, support=_bernoulli_support,
            test="chi2", fit_params={"p": 0.3}),
    Sampler(name="choice",
            jax=lambda r, key, shape, dtype, a, replace=True, p=None, axis=0: r.choice(
                key, _a(a) if np.ndim(a) else a, shape, replace=replace, p=_a(p), axis=axis),
            numpy=lambda g, size, a, replace=True, p=None, axis=0: g.choice(
                _a(a) if np.ndim(a) else a, size, replace=replace, p=_a(p), axis=axis),
            support=_choice_support, test="chi2", fit_params={"a": 5, "p": [0.1, 0.2, 0.3, 0.25, 0.15]}),
    Sampler(name="permutation",
            jax=lambda r, key, shape, dtype, population, axis=0, independent=False: r.permutation(
                key, _a(population) if np.ndim(population) else population, axis=axis,
                independent=independent),
            numpy=_permutation_numpy, support=_permutation_support, test="chi2",
            # FIT_SIZE/5 independent permutations of 0..4: where 0 lands is uniform
            fit_params={"population": np.tile(np.arange(5), (FIT_SIZE // 5, 1)).tolist(), "axis": 1,
                        "independent": True},
            fit_shape=(), statistic=lambda x: np.argmin(x, axis=1)),
    Sampler(name="categorical",
            jax=lambda r, key, shape, dtype, logits: r.categorical(key, _a(logits), shape=shape),
            numpy=lambda g, size, logits: g.choice(len(logits), size, p=_softmax(logits)),
            support=_categorical_support, test="chi2",
            fit_params={"logits": np.log([0.1, 0.2, 0.3, 0.4]).tolist()}),
    _continuous("gamma", ("a",), lambda g, size, a, dtype=None: g.standard_gamma(a, size, **_dtype(dtype)),
                _nonnegative, numpy_dtype=True, fit_params={"a": 2.5}),
    _continuous("beta", ("a", "b"), lambda g, size, a, b: g.beta(a, b, size), _unit,
                fit_params={"a": 2.0, "b": 3.0}),
    _continuous("exponential", (), lambda g, size, dtype=None: g.standard_exponential(size, **_dtype(dtype)),
                _nonnegative, numpy_dtype=True),
    Sampler(name="poisson", jax=_positional("poisson", "lam"),
            numpy=lambda g, size, lam: g.poisson(lam, size), support=_counts, test="chi2",
            fit_params={"lam": 3.5}),
    Sampler(name="binomial", jax=_positional("binomial", "n", "p"),
            numpy=lambda g, size, n, p: g.binomial(n, p, size), support=_binomial_support, test="chi2",
            fit_params={"n": 12, "p": 0.3}),
    _continuous("multivariate_normal", ("mean", "cov"),
                lambda g, size, mean, cov: g.multivariate_normal(mean, cov, size), _finite,
                fit_params={"mean": [1.0, -1.0], "cov": [[2.0, 0.8], [0.8, 1.0]]},
                statistic=lambda x: x[:, 0] - 2 * x[:, 1]),  # its variance depends on the covariance's sign
    _continuous("truncated_normal", ("lower", "upper"), _truncated_numpy,
                lambda x, lower, upper: (x > lower) & (x < upper), fit_params={"lower": -0.5, "upper": 2.0}),
    _continuous("dirichlet", ("alpha",), lambda g, size, alpha: g.dirichlet(alpha, size), _simplex,
                fit_params={"alpha": [1.0, 2.0, 3.0]}, statistic=lambda x: x[:, 0]),
    Sampler(name="multinomial",
            jax=lambda r, key, shape, dtype, n, p: r.multinomial(key, n, _a(p), shape=shape, **_dtype(dtype)),
            numpy=lambda g, size, n, p: g.multinomial(n, p, size), support=_multinomial_support,
            test="chi2", fit_params={"n": 10, "p": [0.2, 0.3, 0.5]}, statistic=lambda x: x[:, 0],
            # before jax 0.12, JAX's shape is the whole result's, the event axis included
            # (SAMPLER-MULTINOMIAL-SHAPE); from 0.12 it is the batch shape, as NumPy's size
            fit_jax_shape=(FIT_SIZE, 3) if Version(jax.__version__) < Version("0.12") else None),
    Sampler(name="geometric", jax=_positional("geometric", "p"),
            numpy=lambda g, size, p: g.geometric(p, size), support=lambda x, p: _counts(x) & (x >= 1),
            test="chi2", fit_params={"p": 0.3}),
    _continuous("pareto", ("b",), lambda g, size, b: 1 + g.pareto(b, size),
                lambda x, b: np.isfinite(x) & (x >= 1), fit_params={"b": 3.0}),
    _continuous("t", ("df",), lambda g, size, df: g.standard_t(df, size), _finite, fit_params={"df": 5.0}),
    _continuous("chisquare", ("df",), lambda g, size, df: g.chisquare(df, size), _nonnegative,
                fit_params={"df": 3.0}),
    _continuous("f", ("dfnum", "dfden"), lambda g, size, dfnum, dfden: g.f(dfnum, dfden, size), _nonnegative,
                fit_params={"dfnum": 4.0, "dfden": 6.0}),
    _continuous("wald", ("mean",), lambda g, size, mean: g.wald(mean, 1.0, size), _positive,
                fit_params={"mean": 2.0}),
    _continuous("weibull_min", ("scale", "concentration"),
                lambda g, size, scale, concentration: scale * g.weibull(concentration, size), _nonnegative,
                fit_params={"scale": 2.0, "concentration": 1.5}),
    _continuous("triangular", ("left", "mode", "right"),
                lambda g, size, left, mode, right: g.triangular(left, mode, right, size),
                lambda x, left, mode, right: (x >= left) & (x <= right),
                fit_params={"left": -1.0, "mode": 0.5, "right": 3.0}),
    _continuous("laplace", (), lambda g, size: g.laplace(0.0, 1.0, size), _finite),
    _continuous("logistic", (), lambda g, size: g.logistic(0.0, 1.0, size), _finite),
    _continuous("gumbel", (), lambda g, size: g.gumbel(0.0, 1.0, size), _finite),
    _continuous("cauchy", (), lambda g, size: g.standard_cauchy(size), _finite),
    _continuous("lognormal", ("sigma",), lambda g, size, sigma: g.lognormal(0.0, sigma, size), _positive,
                fit_params={"sigma": 0.7}),
    _continuous("rayleigh", ("scale",), lambda g, size, scale: g.rayleigh(scale, size), _nonnegative,
                fit_params={"scale": 1.5}),
)}


# -- the support case ----------------------------------------------------------------------------------
def _indicator(xp, draws, ok):
    """0 where a draw is in the support, 1 elsewhere, in the draw's dtype and shape: computed on the host,
    and put on JAX's device as it is (jnp.where would compile for every shape and dtype)."""
    draws = np.asarray(draws)
    indicator = np.where(np.broadcast_to(np.asarray(ok, bool), draws.shape), 0, 1).astype(draws.dtype)
    return indicator if xp is np else jax.device_put(indicator)


def draw_support(xp, sampler: str, params: dict, shape: tuple, dtype, seed: int):
    """[where each draw of jax.random.<sampler> lies: 0 in the support, 1 outside]"""
    spec = SAMPLERS[sampler]
    random = random_of(xp)
    draws = spec.jax(random, random.key(seed), shape, dtype, **params)
    return _indicator(xp, draws, spec.support(np.asarray(draws), **params))


def _numpy_draw(spec: Sampler, generator, shape, dtype, params):
    if spec.numpy_dtype:  # NumPy's own dtype= (it refuses the dtypes it lacks)
        return np.asarray(spec.numpy(generator, shape, dtype=dtype, **params))
    draws = np.asarray(spec.numpy(generator, shape, **params))
    return draws if dtype is None else draws.astype(dtype)


def numpy_draw_support(sampler: str, params: dict, shape: tuple, dtype, seed: int):
    """The same for NumPy's Generator (its dtype= where it takes one, else its draw cast to dtype)."""
    spec = SAMPLERS[sampler]
    draws = _numpy_draw(spec, np.random.default_rng(seed), shape, dtype, params)
    return _indicator(np, draws, spec.support(draws, **params))


# Every argument, one example each: (sampler, params, shape, dtype). Shapes other than the fit's cost a
# compile each, so the rejection samplers (gamma, beta, dirichlet, t, chisquare, f, poisson, binomial)
# get few; their parameters are traced, so other values share the compile.
_FIT_PARAMS = {name: spec.fit_params for name, spec in SAMPLERS.items()}
VARIANTS: tuple[tuple[str, dict, tuple, str | None], ...] = (
    # uniform: the bounds, every float dtype
    ("uniform", {}, (2, 3), None), ("uniform", {}, (), None), ("uniform", {}, (0,), None),
    ("uniform", {"minval": -2.0, "maxval": 3.0}, (64,), None),
    ("uniform", {"minval": 1.0, "maxval": 1.0 + 2**-20}, (64,), None),
    ("uniform", {"minval": -3e38, "maxval": 3e38}, (64,), None),
    ("uniform", {"minval": -np.inf, "maxval": 0.0}, (64,), None),
    ("uniform", {}, (64,), "float16"), ("uniform", {}, (64,), "float32"), ("uniform", {}, (64,), "float64"),
    ("uniform", {"minval": 0.0, "maxval": 1.0}, (64,), "int32"),
    ("normal", {}, (2, 3), None), ("normal", {}, (64,), "float16"), ("normal", {}, (64,), "float64"),
    ("normal", {}, (4,), "int32"),
    # randint: bounds inside, at and beyond the dtype's limits, empty ranges
    ("randint", {"minval": 0, "maxval": 10}, (2, 3), None),
    ("randint", {"minval": -3, "maxval": 7}, (64,), "int8"),
    ("randint", {"minval": -128, "maxval": 128}, (64,), "int8"),
    ("randint", {"minval": 0, "maxval": 256}, (64,), "uint8"),
    ("randint", {"minval": -1000, "maxval": 1000}, (64,), "int8"),
    ("randint", {"minval": 0, "maxval": 2**31 - 1}, (64,), "int32"),
    ("randint", {"minval": 0, "maxval": 2**31}, (64,), "int32"),
    ("randint", {"minval": -2**31, "maxval": 2**31 - 1}, (64,), None),
    ("randint", {"minval": 0, "maxval": 2**32}, (64,), "uint32"),
    ("randint", {"minval": 0, "maxval": 10}, (64,), "int64"),
    ("randint", {"minval": 5, "maxval": 5}, (4,), None),
    ("randint", {"minval": 7, "maxval": 5}, (4,), None),
    ("randint", {"minval": 0, "maxval": 10}, (4,), "float32"),
    # bernoulli: p at the ends
    ("bernoulli", {"p": 0.5}, (2, 3), None), ("bernoulli", {"p": 0.0}, (64,), None),
    ("bernoulli", {"p": 1.0}, (64,), None),
    # choice: an int or an array, replace, p, axis
    ("choice", {"a": 5}, (2, 3), None), ("choice", {"a": 5}, (), None),
    ("choice", {"a": [10, 20, 30]}, (64,), None),
    ("choice", {"a": 5, "replace": False}, (5,), None),
    ("choice", {"a": 5, "replace": False}, (6,), None),
    ("choice", {"a": 5, "p": [0.5, 0.0, 0.5, 0.0, 0.0]}, (64,), None),
    ("choice", {"a": 5, "p": [1.0, 2.0, 3.0, 2.0, 2.0]}, (64,), None),
    ("choice", {"a": 5, "replace": False, "p": [0.1, 0.2, 0.3, 0.25, 0.15]}, (3,), None),
    ("choice", {"a": [[1, 2, 3], [4, 5, 6]], "axis": 1}, (4,), None),
    ("choice", {"a": [[1, 2, 3], [4, 5, 6]], "axis": 0, "replace": False}, (2,), None),
    # permutation: an int, an array along each axis, independent (NumPy's permuted)
    ("permutation", {"population": 10}, (), None),
    ("permutation", {"population": [3.0, 1.0, 2.0, 5.0]}, (), None),
    ("permutation", {"population": [[1, 2, 3], [4, 5, 6]], "axis": 0}, (), None),
    ("permutation", {"population": [[1, 2, 3], [4, 5, 6]], "axis": 1}, (), None),
    ("permutation", {"population": [[1, 2, 3], [4, 5, 6]], "axis": 1, "independent": True}, (), None),
    ("categorical", {"logits": [0.0, 1.0, -np.inf]}, (2, 3), None),
    ("categorical", _FIT_PARAMS["categorical"], (64,), None),
    # the rest: the fit's shape (its compile), other parameters, a dtype
    *((name, _FIT_PARAMS[name], (FIT_SIZE,), None) for name in SAMPLERS
      if name not in ("uniform", "normal", "randint", "bernoulli", "choice", "permutation", "categorical")),
    ("gamma", {"a": 0.2}, (FIT_SIZE,), None), ("beta", {"a": 0.5, "b": 0.5}, (FIT_SIZE,), None),
    ("poisson", {"lam": 0.0}, (FIT_SIZE,), None), ("poisson", {"lam": 200.0}, (FIT_SIZE,), None),
    ("binomial", {"n": 5, "p": 0.0}, (FIT_SIZE,), None), ("binomial", {"n": 5, "p": 1.0}, (FIT_SIZE,), None),
    ("geometric", {"p": 1.0}, (FIT_SIZE,), None),
    ("exponential", {}, (2, 3), "float16"), ("exponential", {}, (64,), "float64"),
    ("gamma", {"a": 2.5}, (FIT_SIZE,), "float32"),
    ("laplace", {}, (2, 3), "float16"),
    ("truncated_normal", {"lower": 3.0, "upper": 4.0}, (FIT_SIZE,), None),
    ("multivariate_normal", {"mean": [0.0, 0.0], "cov": [[1.0, -0.99], [-0.99, 1.0]]}, (FIT_SIZE,), None),
    ("multivariate_normal", {"mean": [0.0, 0.0, 0.0], "cov": np.eye(3).tolist()}, (2, 3), None),
    ("dirichlet", {"alpha": [0.1, 0.1, 0.1]}, (FIT_SIZE,), None),
    ("multinomial", {"n": 4, "p": [0.5, 0.0, 0.5]}, (FIT_SIZE,), None),
    ("multinomial", {"n": 4, "p": [0.5, 0.0, 0.5]}, (FIT_SIZE, 3), None),
)


# -- the goodness-of-fit case -----------------------------------------------------------------------------
FITS = tuple(SAMPLERS)  # every sampler has a goodness-of-fit test
ALPHA = FALSE_ALARM_RATE / (2 * len(FITS))  # Bonferroni over both x64 modes' tests


def _fit_sample(spec: Sampler, draws) -> np.ndarray:
    draws = np.asarray(draws)
    return np.ravel(draws if spec.statistic is None else spec.statistic(draws))


def two_sample_fit(spec: Sampler, x, y) -> gof.Fit:
    test = gof.ks_two_sample if spec.test == "ks" else gof.chi2_two_sample
    return test(_fit_sample(spec, x), _fit_sample(spec, y), ALPHA)


def numpy_sample(sampler: str, seed: int) -> np.ndarray:
    spec = SAMPLERS[sampler]
    return _numpy_draw(spec, np.random.default_rng(seed), spec.fit_shape, None, spec.fit_params)


def jax_sample(xp, sampler: str, seed: int) -> np.ndarray:
    spec = SAMPLERS[sampler]
    random = random_of(xp)
    shape = spec.fit_shape if spec.fit_jax_shape is None else spec.fit_jax_shape
    return np.asarray(spec.jax(random, random.key(seed), shape, None, **spec.fit_params))


def jax_fit(xp, sampler: str, seed: int) -> gof.Fit:
    return two_sample_fit(SAMPLERS[sampler], jax_sample(xp, sampler, seed), numpy_sample(sampler, seed))


def fits_numpy(xp, sampler: str, seed: int):
    """[a sample of jax.random.<sampler> passes the two-sample test against NumPy's]"""
    return xp.asarray(jax_fit(xp, sampler, seed).passes)


def numpy_fits_numpy(sampler: str, seed: int):
    """[a sample of NumPy's Generator passes the same test against NumPy's sample of another seed]"""
    fit = two_sample_fit(SAMPLERS[sampler], numpy_sample(sampler, seed + 1), numpy_sample(sampler, seed))
    return np.asarray(fit.passes)


# -- the prefix case: jax_threefry_partitionable ------------------------------------------------------------
def prefix_is_smaller_draw(xp, seed: int, n: int, m: int, partitionable: bool):
    """[the first m of uniform(key, (n,)) are uniform(key, (m,)), with jax_threefry_partitionable set]"""
    random = random_of(xp)
    with jax.threefry_partitionable(partitionable):
        key = random.key(seed)
        return xp.array_equal(random.uniform(key, (n,))[:m], random.uniform(key, (m,)))


def numpy_prefix_is_smaller_draw(seed: int, n: int, m: int, partitionable: bool):
    """NumPy: the first m of n draws are the draw of m (sequential equivalence; no such flag)."""
    return np.array_equal(np.random.default_rng(seed).random(n)[:m], np.random.default_rng(seed).random(m))


def _case(name: str, fn: Callable, reference: Callable, arg_names: tuple[str, ...], tag: str) -> Case:
    args = ", ".join(arg_names)
    return Case(name=name, area=AREA, fn=fn, source=f"{fn.__name__}(jnp, {args})",
                numpy_reference=reference, numpy_source=f"{reference.__name__}({args})",
                imports=(f"from conformance.cases.samplers import {fn.__name__}, {reference.__name__}",),
                arg_names=arg_names, tags=frozenset({tag}), modes=("eager",))


SUPPORT = _case("dtype, shape and support", draw_support, numpy_draw_support,
                ("sampler", "params", "shape", "dtype", "seed"), "sampler-support")
FIT = _case("distribution (two-sample test)", fits_numpy, numpy_fits_numpy, ("sampler", "seed"),
            "sampler-fit")
PREFIX = _case("prefix of a larger draw", prefix_is_smaller_draw, numpy_prefix_is_smaller_draw,
               ("seed", "n", "m", "partitionable"), "sampler-prefix")

ALL: tuple[Case, ...] = (SUPPORT, FIT, PREFIX)

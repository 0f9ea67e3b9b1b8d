"""Known divergences of jax.random's samplers from NumPy's Generator: dtypes, shapes, refusals
(conformance/cases/samplers.py). A distribution that differs from NumPy's is never an entry: it fails.

The support case's result is an indicator in the draw's dtype and shape (0: the draw is in the
support); a model builds the indicator JAX returns from the example's arguments."""

from __future__ import annotations

import numpy as np

from conformance.catalogue import KnownDivergence
from conformance.catalogue.models import map_values, raises
from conformance.example import Example
from conformance.outcome import Outcome, Value

RANDOM_DOCS = "https://docs.jax.dev/en/latest/jax.random.html"


def _arg(example: Example, name: str):
    return example.args[example.case.arg_names.index(name)]


def _support(example: Example, *samplers: str) -> bool:
    return "sampler-support" in example.case.tags and _arg(example, "sampler") in samplers


def _numpy_refused(example: Example, pattern: str) -> bool:
    return example.numpy.raised and pattern in example.numpy.error.message


def _default(kind: str, example: Example) -> np.dtype:
    return np.dtype({"int": np.int64, "float": np.float64}[kind] if example.env.x64
                    else {"int": np.int32, "float": np.float32}[kind])


def _dtype(example: Example, default: str) -> np.dtype:
    requested = _arg(example, "dtype")
    return _default(default, example) if requested is None else np.dtype(requested)


def _indicator(fill: int, default: str):
    """Outputs: every draw in the support (0) or every draw outside it (1), in the example's shape and
    the requested dtype (JAX's default int or float where none is)."""
    def outputs(example: Example, outcome: Outcome) -> Outcome:
        return Outcome((Value(np.full(_arg(example, "shape"), fill, _dtype(example, default))),))
    return outputs


def _width(params: dict) -> float:
    return abs(params.get("maxval", 1.0) - params.get("minval", 0.0))


def _multinomial_shape(example: Example, outcome: Outcome) -> Outcome:
    """JAX's shape is the result's: it ends in the event axis (p's length), or p does not broadcast."""
    shape, p = tuple(_arg(example, "shape")), _arg(example, "params")["p"]
    if shape[-1:] != (len(p),):
        return raises("ValueError", r"Incompatible types for broadcasting")(example, outcome)
    return map_values(outcome, lambda v: Value(np.zeros(shape, v.dtype)))


ENTRIES = (
    KnownDivergence(
        id="SAMPLER-UNIFORM-INFINITE-BOUND",
        area="samplers",
        title="uniform with an infinite bound returns NaN",
        numpy="Generator.uniform raises OverflowError: high - low range exceeds valid bounds",
        jax="returns NaN everywhere (inf * u + minval): every draw outside the support",
        why="uniform scales draws of [0, 1) by maxval - minval, with no check of the bounds "
            "(a uniform distribution of infinite range is not defined, the maintainers say)",
        source="https://github.com/jax-ml/jax/issues/14003",
        condition="uniform with an infinite minval or maxval",
        kinds=("error-parity",),
        trigger=lambda e: (_support(e, "uniform") and _numpy_refused(e, "range exceeds valid bounds")
                           and not all(np.isfinite(v) for v in _arg(e, "params").values())),
        outputs=_indicator(1, "float"),
    ),
    KnownDivergence(
        id="SAMPLER-UNIFORM-RANGE-OVERFLOWS",
        area="samplers",
        title="With x64 off, uniform over a range wider than float32's maximum draws infinities",
        numpy="draws in float64, where maxval - minval is finite",
        jax="computes maxval - minval in float32, where it overflows to inf: every draw is inf or "
            "NaN, outside [minval, maxval]",
        why="uniform scales draws of [0, 1) by maxval - minval in the result's dtype",
        source="observed by this suite, undocumented upstream (https://github.com/jax-ml/jax/issues/14003 "
               "is the infinite-bound case)",
        condition="x64 off, uniform with finite bounds whose difference exceeds float32's maximum",
        kinds=("values",),
        x64=False,
        trigger=lambda e: (_support(e, "uniform") and _arg(e, "dtype") is None and not e.numpy.raised
                           and _width(_arg(e, "params")) > float(np.finfo(np.float32).max)),
        outputs=_indicator(1, "float"),
    ),
    KnownDivergence(
        id="SAMPLER-RANDINT-CLAMPS-BOUNDS",
        area="samplers",
        title="randint clamps bounds beyond the dtype's range instead of refusing them",
        numpy="Generator.integers raises ValueError (low/high is out of bounds for int8)",
        jax="clips minval and maxval to the dtype's range and draws there: every draw lies in the "
            "requested [minval, maxval)",
        why="randint converts the bounds with _convert_and_clip_integer and widens the span by one "
            "where maxval exceeds the dtype's maximum, so that the maximum can be drawn",
        source="https://github.com/jax-ml/jax/issues/5785",
        condition="randint with a dtype whose range a bound exceeds",
        kinds=("error-parity",),
        trigger=lambda e: _support(e, "randint") and _numpy_refused(e, "out of bounds"),
        outputs=_indicator(0, "int"),
    ),
    KnownDivergence(
        id="SAMPLER-RANDINT-EMPTY-RANGE",
        area="samplers",
        title="randint with maxval <= minval returns minval",
        numpy="Generator.integers raises ValueError: low >= high",
        jax="returns minval everywhere: every draw lies outside the empty range [minval, maxval)",
        why="the span is forced to 1 where maxval <= minval (a comment in randint cites the issue)",
        source="https://github.com/jax-ml/jax/issues/222",
        condition="randint with maxval <= minval",
        kinds=("error-parity",),
        trigger=lambda e: _support(e, "randint") and _numpy_refused(e, "low >= high"),
        outputs=_indicator(1, "int"),
    ),
    KnownDivergence(
        id="SAMPLER-RANDINT-PYINT-BOUND-OVERFLOW",
        area="samplers",
        title="With x64 off, randint refuses a Python int bound beyond int32, even for uint32",
        numpy="Generator.integers(0, 2**32, dtype=uint32) draws from the whole uint32 range",
        jax="raises OverflowError: an overflow was encountered while parsing an argument (maxval): "
            "the bound is read as the default int, int32, before the dtype is applied",
        why="randint is jitted with the bounds as arguments; a Python int argument must fit the "
            "default integer type",
        source="observed by this suite, undocumented upstream",
        condition="x64 off, randint with a Python int bound outside int32",
        kinds=("error-parity",),
        x64=False,
        trigger=lambda e: _support(e, "randint") and not e.numpy.raised and any(
            not -2**31 <= v < 2**31 for v in _arg(e, "params").values()),
        outputs=raises("OverflowError", r"overflow was encountered while parsing an argument"),
    ),
    KnownDivergence(
        id="SAMPLER-CHOICE-P-NOT-NORMALIZED",
        area="samplers",
        title="choice accepts probabilities that do not sum to 1",
        numpy="Generator.choice raises ValueError: probabilities do not sum to 1",
        jax="samples with the probabilities divided by their sum (the cumulative sum's last "
            "element scales the uniform draw): every draw is an element with a nonzero p",
        why="choice checks no sum, to stay traceable (p may be a traced array)",
        source="observed by this suite, undocumented upstream (jax.random.choice: p_cuml[-1] * uniform)",
        condition="choice with p that does not sum to 1",
        kinds=("error-parity",),
        trigger=lambda e: _support(e, "choice") and _numpy_refused(e, "do not sum to 1"),
        outputs=_indicator(0, "int"),
    ),
    KnownDivergence(
        id="SAMPLER-COUNTS-AS-FLOATS",
        area="samplers",
        title="binomial and multinomial return counts in a float dtype",
        numpy="returns int64 counts",
        jax="returns float32 (x64 off) or float64 (x64 on) counts, or the float dtype= asks for",
        why="jax.random.binomial and multinomial take a float dtype, default float64 if "
            "jax_enable_x64 is true, otherwise float32",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.random.binomial.html",
        condition="binomial or multinomial",
        kinds=("dtype",),
        trigger=lambda e: _support(e, "binomial", "multinomial") and not e.numpy.raised,
        outputs=lambda e, outcome: map_values(outcome, lambda v: v.astype(_dtype(e, "float"))),
    ),
    KnownDivergence(
        id="SAMPLER-MULTINOMIAL-SHAPE",
        area="samplers",
        title="multinomial's shape is the whole result's shape, event axis included",
        numpy="Generator.multinomial's size is the batch shape: the result is size + (len(p),)",
        jax="takes shape as the result's shape: one that does not end in len(p) raises ValueError "
            "(p does not broadcast to it); one that does is the result's shape, though the docstring "
            "says the result is shape + (p.shape[-1],)",
        why="multinomial broadcasts p to shape",
        source="observed by this suite, undocumented upstream (contradicts "
               "https://docs.jax.dev/en/latest/_autosummary/jax.random.multinomial.html; jax 0.12 follows "
               "its docstring: shape is the batch shape, measured on 0.12.0.1)",
        condition="multinomial with shape= given (jax < 0.12)",
        jax_versions="<0.12",
        kinds=("shape", "error-parity"),
        trigger=lambda e: _support(e, "multinomial") and not e.numpy.raised,
        outputs=_multinomial_shape,
    ),
    KnownDivergence(
        id="SAMPLER-HALF-PRECISION",
        area="samplers",
        title="uniform, normal, exponential and gamma draw in float16 (and bfloat16)",
        numpy="Generator.random, standard_normal, standard_exponential and standard_gamma raise "
              "TypeError: unsupported dtype (float32 and float64 only)",
        jax="draws in the requested half-precision dtype, every draw in the support",
        why="jax.random's samplers take any float dtype",
        source=RANDOM_DOCS,
        condition="uniform, normal, exponential or gamma with a float16 dtype",
        kinds=("error-parity",),
        trigger=lambda e: (_support(e, "uniform", "normal", "exponential", "gamma")
                           and _numpy_refused(e, "Unsupported dtype")
                           and np.dtype(_arg(e, "dtype")).kind == "f"),
        outputs=_indicator(0, "float"),
    ),
    KnownDivergence(
        id="SAMPLER-NON-FLOAT-DTYPE-VALUEERROR",
        area="samplers",
        title="uniform and normal refuse an integer dtype with ValueError",
        numpy="raises TypeError: unsupported dtype",
        jax="raises ValueError: dtype argument to `uniform` must be a float dtype",
        why="jax.random checks the dtype itself, with ValueError",
        source=RANDOM_DOCS,
        condition="uniform or normal with a non-float dtype",
        kinds=("error-kind",),
        trigger=lambda e: (_support(e, "uniform", "normal") and _numpy_refused(e, "Unsupported dtype")
                           and np.dtype(_arg(e, "dtype")).kind != "f"),
        outputs=raises("ValueError", r"dtype argument to `(uniform|normal)` must be a float"),
    ),
    KnownDivergence(
        id="SAMPLER-PREFIX-NOT-SMALLER-DRAW",
        area="samplers",
        title="With jax_threefry_partitionable off, a prefix of a larger draw is not the smaller draw",
        numpy="the first m of n draws are the draw of m (sequential equivalence)",
        jax="with the flag off (JAX's default before 0.5.0) uniform(key, (n,))[:m] differs from "
            "uniform(key, (m,)); with it on (the default since) they are equal: each element's bits "
            "come from its own position",
        why="the original threefry splits the counters of a draw of n into two halves of n/2, so every "
            "bit depends on n; the partitionable one hashes each element's index",
        source="https://github.com/jax-ml/jax/discussions/18480",
        condition="the prefix case with jax_threefry_partitionable off",
        kinds=("values",),
        trigger=lambda e: "sampler-prefix" in e.case.tags and not _arg(e, "partitionable"),
        outputs=lambda example, outcome: Outcome((Value(np.asarray(False)),)),
    ),
)

"""Known differences of the API surface (kind `api`): NumPy functions jax.numpy leaves out, and parameters
it omits, adds, names, orders or defaults otherwise (conformance/surface.py).

Each entry is one family, with the functions it holds for as data and, per function, an edit of NumPy's
signature into JAX's (its model: what `inspect.signature` of the jnp function gives, as a caller sees it,
conformance/signatures.py). conformance/surface.py applies every entry that holds for a function in turn,
in the order below: the families that rewrite a whole signature come last.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from conformance.catalogue import KnownDivergence
from conformance.example import Example
from conformance.outcome import Outcome
from conformance.signatures import NOT_INTROSPECTABLE, Param, from_tokens, missing, outcome_of, tokens_of

Edit = Callable[[list[Param]], "list[Param] | None"]  # None: JAX has no such function

JNP_DOCS = "https://docs.jax.dev/en/latest/jax.numpy.html"
NEVER_PLANNED = ("https://github.com/jax-ml/jax/pull/14269 (placeholders for unimplemented NumPy functions "
                 "removed: 'the remaining functions now are mostly ones we never plan to implement')")
POSITIONAL, EITHER, KEYWORD = "positional-only", "positional-or-keyword", "keyword-only"
UFUNC_KEYWORDS = ("out", "where", "casting", "order", "dtype", "subok", "signature")


# -- edits: small functions of a parameter list ------------------------------------------------------------
def gone(params: list[Param]) -> None:
    return None


def drop(*names: str) -> Edit:
    return lambda params: [p for p in params if p.name not in names or p.kind == POSITIONAL]


def defaults(**values: str) -> Edit:
    """Set the default (as its repr) of the named parameters; `""` removes it (a required parameter)."""
    return lambda params: [Param(p.name, p.kind, values[p.name] or None) if p.name in values else p
                           for p in params]


def kind(new: str, *names: str) -> Edit:
    """Give the named parameters another kind; `positional` names NumPy's positional-only ones."""
    def edit(params: list[Param]) -> list[Param]:
        return [Param(p.name, new, p.default)
                if p.name in names or (p.kind == POSITIONAL and "positional" in names) else p
                for p in params]
    return edit


def add(*extra: Param) -> Edit:
    """Append parameters (kept in kind order by the model's tokens)."""
    return lambda params: [*params, *extra]


def put(*extra: Param) -> Edit:
    """Set each parameter where NumPy has one of its name (NumPy 2.5 added sort's descending), else add
    it: the same model for both NumPy versions."""
    def edit(params: list[Param]) -> list[Param]:
        names = {p.name for p in params}
        return [*(next((e for e in extra if e.name == p.name), p) for p in params),
                *(e for e in extra if e.name not in names)]
    return edit


def rename(**names: str) -> Edit:
    return lambda params: [Param(names.get(p.name, p.name), p.kind, p.default) for p in params]


def swap(first: str, second: str) -> Edit:
    """Exchange the places of two parameters."""
    def edit(params: list[Param]) -> list[Param]:
        names = [p.name for p in params]
        i, j = names.index(first), names.index(second)
        params = list(params)
        params[i], params[j] = params[j], params[i]
        return params
    return edit


def signature(*params: Param) -> Edit:
    """A whole signature: where JAX's has little left of NumPy's."""
    return lambda _: list(params)


def chain(*edits: Edit) -> Edit:
    def edit(params: list[Param]) -> list[Param] | None:
        for step in edits:
            params = step(params)
            if params is None:
                return None
        return params
    return edit


def kw(name: str, default: str = "None") -> Param:
    return Param(name, KEYWORD, default)


def either(name: str, default: str | None = "None") -> Param:
    return Param(name, EITHER, default)


VAR_ARGS, VAR_KWARGS = Param("args", "var-positional"), Param("kwargs", "var-keyword")


# -- the entry builder ---------------------------------------------------------------------------------
def _model(edits: Mapping[str, Edit]) -> Callable[[Example, Outcome], Outcome]:
    def outputs(example: Example, outcome: Outcome) -> Outcome:
        name = example.args[0]
        if outcome.raised or tokens_of(outcome) == (NOT_INTROSPECTABLE,):
            return outcome
        params = edits[name](from_tokens(tokens_of(outcome)))
        return missing(name) if params is None else outcome_of(params)
    return outputs


def api_entry(*, id: str, title: str, numpy: str, jax: str, why: str, source: str,
              edits: Mapping[str, Edit], jax_versions: str = "") -> KnownDivergence:
    """An entry of kind `api` for the NumPy functions named in `edits` (each with its model's edit)."""
    names = frozenset(edits)
    return KnownDivergence(
        id=id, area="api", title=title, numpy=numpy, jax=jax, why=why, source=source,
        condition=f"the signature of numpy.{', numpy.'.join(sorted(names))}", kinds=("api",),
        trigger=lambda example: example.case.area == "api" and example.args[0] in names,
        outputs=_model(edits), jax_versions=jax_versions)


def each(names: Iterable[str], edit: Edit) -> dict[str, Edit]:
    return dict.fromkeys(names, edit)


# NumPy's ufuncs jax.numpy implements as plain functions of the inputs alone (jnp.sin(x, /)); the
# jnp.ufunc objects, the generalized ufuncs and those with entries of their own are listed apart.
UFUNC_OBJECTS = ("add", "bitwise_and", "bitwise_or", "bitwise_xor", "logaddexp", "logaddexp2",
                 "logical_and", "logical_or", "logical_xor", "maximum", "minimum", "multiply",
                 "negative", "subtract")
GUFUNCS = ("matmul", "matvec", "vecmat", "vecdot")
PLAIN_UFUNCS = (
    "absolute", "acos", "acosh", "arccos", "arccosh", "arcsin", "arcsinh", "arctan", "arctan2",
    "arctanh", "asin", "asinh", "atan", "atan2", "atanh", "bitwise_count", "bitwise_invert",
    "bitwise_left_shift", "bitwise_not", "bitwise_right_shift", "cbrt", "ceil", "conj", "conjugate",
    "copysign", "cos", "cosh", "deg2rad", "degrees", "divide", "divmod", "equal", "exp", "exp2",
    "expm1", "fabs", "float_power", "floor", "floor_divide", "fmax", "fmin", "fmod", "frexp", "gcd",
    "greater", "greater_equal", "heaviside", "hypot", "invert", "isfinite", "isinf", "isnan", "lcm",
    "ldexp", "left_shift", "less", "less_equal", "log", "log10", "log1p", "log2", "logical_not", "mod",
    "modf", "nextafter", "not_equal", "positive", "pow", "power", "rad2deg", "radians", "reciprocal",
    "remainder", "right_shift", "rint", "sign", "signbit", "sin", "sinh", "spacing", "sqrt", "square",
    "tan", "tanh", "true_divide", "trunc", "abs")


ENTRIES = (
    # -- functions jax.numpy leaves out ----------------------------------------------------------------
    api_entry(
        id="API-MISSING-IO-TEXT", title="NumPy's text I/O and number formatting are not in jax.numpy",
        numpy="reads and writes text files (loadtxt, savetxt, genfromtxt, fromregex, savez_compressed) and "
              "formats numbers and arrays as text (array2string, base_repr, binary_repr, "
              "format_float_positional, format_float_scientific)",
        jax="has no such functions (AttributeError); use NumPy's on a host copy (np.asarray(x))",
        why="host-side work with no accelerator computation: JAX leaves it to NumPy",
        source=NEVER_PLANNED,
        edits=each(("loadtxt", "savetxt", "genfromtxt", "fromregex", "savez_compressed", "array2string",
                    "base_repr", "binary_repr", "format_float_positional", "format_float_scientific"),
                   gone)),
    api_entry(
        id="API-MISSING-ERROR-STATE",
        title="NumPy's floating-point error state (seterr, geterr, ...) and buffer size are not in jax.numpy",
        numpy="configures what a floating-point error does (seterr/geterr, seterrcall/geterrcall) and the "
              "ufunc buffer size (setbufsize/getbufsize)",
        jax="has no such functions: XLA does not signal floating-point errors; jax_debug_nans and "
            "jax_debug_infs are JAX's way to find where a NaN or inf appears",
        why="compiled XLA code has no floating-point error state to configure",
        source="https://docs.jax.dev/en/latest/debugging/flags.html (jax_debug_nans); " + NEVER_PLANNED,
        edits=each(("seterr", "geterr", "seterrcall", "geterrcall", "setbufsize", "getbufsize"), gone)),
    api_entry(
        id="API-MISSING-DATETIME", title="NumPy's datetime and business-day functions are not in jax.numpy",
        numpy="computes with datetime64/timedelta64 (busday_count, busday_offset, is_busday, "
              "datetime_as_string, datetime_data, isnat)",
        jax="has no datetime dtypes, so none of these functions",
        why="JAX's dtypes are booleans and numbers only",
        source="https://docs.jax.dev/en/latest/type_promotion.html (the dtypes JAX has); " + NEVER_PLANNED,
        edits=each(("busday_count", "busday_offset", "is_busday", "datetime_as_string", "datetime_data",
                    "isnat"), gone)),
    api_entry(
        id="API-MISSING-MEMORY-AND-SUBCLASSES",
        title="NumPy's memory layout, in-place and subclass functions are not in jax.numpy",
        numpy="writes into arrays in place (copyto, putmask), asks about memory (may_share_memory, "
              "shares_memory, isfortran), arranges it (ascontiguousarray, asfortranarray, require, "
              "nested_iters) and keeps subclasses (asanyarray, asmatrix, bmat)",
        jax="has none of these: JAX arrays are immutable, have no user-visible memory layout and no "
            "subclasses (jnp.asarray serves for asanyarray and ascontiguousarray)",
        why="JAX arrays are immutable values whose layout XLA chooses",
        source=JNP_DOCS + " (JAX arrays are immutable); https://github.com/jax-ml/jax/issues/70 "
               "(asanyarray is asarray without subclasses); " + NEVER_PLANNED,
        edits=each(("copyto", "putmask", "may_share_memory", "shares_memory", "isfortran",
                    "ascontiguousarray", "asfortranarray", "require", "nested_iters", "asanyarray",
                    "asmatrix", "bmat"), gone)),
    api_entry(
        id="API-MISSING-NUMPY-HELPERS",
        title="NumPy's own introspection, test runner and type-code helpers are not in jax.numpy",
        numpy="describes NumPy itself (info, show_config, show_runtime, get_include, test, linalg.test, "
              "fft.test) and works with type codes (typename, common_type, min_scalar_type, mintypecode)",
        jax="has none of these",
        why="they are about NumPy's build and its character type codes, not about arrays",
        source=NEVER_PLANNED,
        edits=each(("info", "show_config", "show_runtime", "get_include", "test", "linalg.test",
                    "fft.test", "typename", "common_type", "min_scalar_type", "mintypecode"), gone)),
    api_entry(
        id="API-MISSING-VALUE-DEPENDENT",
        title="asarray_chkfinite and real_if_close are not in jax.numpy",
        numpy="asarray_chkfinite raises on a NaN or an infinity; real_if_close drops an imaginary part "
              "that is small enough, so the result dtype depends on the values",
        jax="has neither: an error or a dtype decided by the values cannot be traced",
        why="under jit the values are not known when the function is traced",
        source="observed by this suite, undocumented upstream (jax 0.10.2); " + NEVER_PLANNED,
        edits=each(("asarray_chkfinite", "real_if_close"), gone)),
    api_entry(
        id="API-MISSING-ROW-STACK", title="row_stack is not in jax.numpy (use vstack)",
        numpy="has row_stack, an alias of vstack deprecated since NumPy 2.0 (NEP 52)",
        jax="removed jnp.row_stack after deprecating it; jnp.vstack is the same function",
        why="JAX mirrors NumPy's API cleanup",
        source="https://github.com/jax-ml/jax/pull/17233 (deprecate jax.numpy.row_stack)",
        edits={"row_stack": gone}),
    api_entry(
        id="API-MISSING-FIX", title="fix is not in jax.numpy (use trunc)",
        numpy="has fix (round toward zero), slated for deprecation in NumPy 2.5",
        jax="removed jnp.fix in jax 0.10.0 after deprecating it; jnp.trunc is identical",
        why="JAX follows NumPy's deprecation ahead of time",
        source="https://github.com/jax-ml/jax/pull/34293 (deprecate jax.numpy.fix); removal in jax "
               "0.10.0 as https://github.com/dfm/jpu/issues/38 reports",
        edits={"fix": gone}, jax_versions=">=0.10.0"),
    # -- ufuncs ----------------------------------------------------------------------------------------------
    api_entry(
        id="API-UFUNC-KEYWORDS",
        title="jnp's elementwise functions take their inputs only, without NumPy's ufunc keywords",
        numpy="every ufunc takes out, where, casting, order, dtype, subok and signature",
        jax="functions of the inputs alone (jnp.sin(x, /)); jnp.modf keeps out=None; fmax, fmin, gcd, "
            "lcm and trunc name their inputs (positional-or-keyword)",
        why="JAX arrays are immutable (no out), XLA chooses layouts (no order) and dtypes follow JAX's "
            "promotion (no casting, dtype, signature)",
        source=JNP_DOCS,
        edits={**each(PLAIN_UFUNCS, drop(*UFUNC_KEYWORDS)),
               "modf": chain(drop(*UFUNC_KEYWORDS), add(either("out"))),
               **each(("fmax", "fmin", "gcd", "lcm", "trunc"),
                      chain(drop(*UFUNC_KEYWORDS), kind(EITHER, "positional")))}),
    api_entry(
        id="API-UFUNC-OBJECT-CALL",
        title="jnp's ufunc objects are called as (*args, out=None, where=None)",
        numpy="a ufunc's signature names its inputs and takes out, where, casting, order, dtype, subok, "
              "signature",
        jax="jnp.add and the other jnp.ufunc objects take *args, out=None and where=None (both accepted "
            "only as None)",
        why="jax.numpy.ufunc wraps a function of any number of inputs in one __call__",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.ufunc.html",
        edits=each(UFUNC_OBJECTS, signature(VAR_ARGS, kw("out"), kw("where")))),
    api_entry(
        id="API-GUFUNC-KEYWORDS",
        title="jnp's matmul, matvec, vecmat and vecdot take no gufunc keywords (axes, axis, keepdims)",
        numpy="generalized ufuncs: out, axes, axis, keepdims and the ufunc keywords",
        jax="matvec and vecmat take the two inputs only; vecdot keeps axis=-1 and adds precision and "
            "preferred_element_type; matmul names them a and b and adds precision, "
            "preferred_element_type and out_sharding",
        why="JAX's versions are functions of the inputs, with its matmul precision controls",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.matmul.html",
        edits={**each(("matvec", "vecmat"), signature(Param("x1", POSITIONAL), Param("x2", POSITIONAL))),
               "vecdot": signature(Param("x1", POSITIONAL), Param("x2", POSITIONAL), kw("axis", "-1"),
                                   kw("precision"), kw("preferred_element_type")),
               "matmul": signature(either("a", None), either("b", None), kw("precision"),
                                   kw("preferred_element_type"), kw("out_sharding"))}),
    # -- keyword families JAX omits ----------------------------------------------------------------------
    api_entry(
        id="API-NO-OUT", title="No out= where NumPy writes into a given array",
        numpy="takes out= (an array to write the result into)",
        jax="has no out parameter here (elsewhere it accepts out only as None)",
        why="JAX arrays are immutable: a result is always a new array",
        source=JNP_DOCS + " (JAX arrays are immutable)",
        edits=each(("concat", "concatenate", "cumulative_sum", "cumulative_prod", "dot", "linalg.multi_dot",
                    *(f"fft.{n}" for n in ("fft", "fft2", "fftn", "hfft", "ifft", "ifft2", "ifftn", "ihfft",
                                           "irfft", "irfft2", "irfftn", "rfft", "rfft2", "rfftn"))),
                   drop("out"))),
    api_entry(
        id="API-NO-CASTING", title="No casting= in jnp's joining functions (concat: nor dtype=)",
        numpy="concatenate, concat, stack, hstack and vstack take casting= (how the inputs may be cast "
              "to dtype)",
        jax="have no casting parameter: inputs are promoted with JAX's rules; concat has no dtype either",
        why="JAX's type promotion decides the result dtype",
        source="https://docs.jax.dev/en/latest/type_promotion.html",
        edits={**each(("concatenate", "stack", "hstack", "vstack"), drop("casting")),
               "concat": drop("casting", "dtype")}),
    api_entry(
        id="API-NO-LIKE", title="No like= (NEP 35 array-creation dispatch) in jnp's constructors",
        numpy="array constructors take like= to create an array of another library's type",
        jax="has no like parameter",
        why="__array_function__ dispatch is NumPy's protocol for other array libraries; jnp creates JAX "
            "arrays only",
        source=("https://numpy.org/neps/nep-0035-array-creation-dispatch-with-array-function.html; "
                + JNP_DOCS),
        # fromstring: NumPy's signature can be read from NumPy 2.5 on
        edits=each(("arange", "asarray", "empty", "eye", "frombuffer", "fromfunction", "fromstring", "full",
                    "identity", "ones", "tri", "zeros"), drop("like"))),
    api_entry(
        id="API-NO-ORDER-SUBOK", title="No memory order or subclass parameters (order=, subok=)",
        numpy="takes order= (C or Fortran memory layout) and/or subok= (keep ndarray subclasses)",
        jax="has neither here (jnp.copy keeps order, default None); jnp.array keeps order='K'",
        why="XLA chooses memory layouts and JAX arrays have no subclasses",
        source=JNP_DOCS,
        edits={**each(("empty", "eye", "full", "ones", "zeros", "unravel_index"), drop("order")),
               **each(("empty_like", "full_like", "ones_like", "zeros_like"), drop("order", "subok")),
               **each(("broadcast_arrays", "broadcast_to"), drop("subok")),
               "copy": chain(drop("subok"), defaults(order="None"))}),
    api_entry(
        id="API-SORT-KEYWORDS",
        title="jnp's sort and argsort take kind and order by keyword only and are stable by default; "
              "partition and argpartition take neither",
        numpy="sort(a, axis=-1, kind=None, order=None, *, stable=None) (NumPy 2.5: and descending, no "
              "default); partition and argpartition take kind='introselect' and order=None",
        jax="sort(a, axis=-1, *, kind=None, order=None, stable=True, descending=False), argsort also "
            "dtype=None; partition(a, kth, axis=-1)",
        why="XLA's sort is one algorithm (kind is ignored); JAX sorts stably and adds descending",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.sort.html",
        edits={"sort": chain(kind(KEYWORD, "kind", "order"), defaults(stable="True"),
                             put(kw("descending", "False"))),
               "argsort": chain(kind(KEYWORD, "kind", "order"), defaults(stable="True"),
                                put(kw("descending", "False"), kw("dtype"))),
               **each(("partition", "argpartition"), drop("kind", "order"))}),
    # -- defaults and kinds --------------------------------------------------------------------------------
    api_entry(
        id="API-NOVALUE-DEFAULTS",
        title="Where NumPy's default is its <no value> sentinel, jnp's is None (keepdims: False)",
        numpy="defaults keepdims, initial, where, mean, correction, prepend, append, rtol to np._NoValue "
              "(printed <no value>: the argument was not given)",
        jax="defaults them to None, and keepdims to False",
        why="JAX's wrappers spell 'not given' as None",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.sum.html",
        edits=each(("all", "amax", "amin", "any", "average", "diff", "max", "mean", "min", "nanmax",
                    "nanmean", "nanmedian", "nanmin", "nanpercentile", "nanprod", "nanquantile", "nanstd",
                    "nansum", "nanvar", "prod", "ptp", "std", "sum", "var", "argmax", "argmin",
                    "nanargmax", "nanargmin"), lambda params: [
                        Param(p.name, p.kind, ("False" if p.name == "keepdims" else "None")
                              if p.default == "<no value>" else p.default) for p in params])),
    api_entry(
        id="API-KEYWORD-ONLY-ACCEPTED-POSITIONALLY",
        title="jnp takes positionally some parameters NumPy makes keyword-only",
        numpy="keyword-only: keepdims (argmax, argmin, nanargmax, nanargmin, average, count_nonzero), "
              "dtype (concatenate, corrcoef, cov, hstack, stack, vstack), where and mean (nanmean, "
              "nanstd, nanvar), period (unwrap)",
        jax="positional-or-keyword, in NumPy's order; argmax's keepdims defaults to None; nanstd and "
            "nanvar have no correction (std and var do)",
        why="JAX's signatures predate NumPy's keyword-only markers, or were written without them",
        source="observed by this suite, undocumented upstream (inspect.signature of each function)",
        edits={**each(("argmax", "argmin", "nanargmax", "nanargmin"),
                      chain(kind(EITHER, "keepdims"), defaults(keepdims="None"))),
               **each(("average", "count_nonzero"), kind(EITHER, "keepdims")),
               **each(("concatenate", "corrcoef", "cov", "hstack", "stack", "vstack"), kind(EITHER, "dtype")),
               "nanmean": kind(EITHER, "where"),
               **each(("nanstd", "nanvar"), chain(kind(EITHER, "where", "mean"), drop("correction"))),
               "unwrap": kind(EITHER, "period")}),
    api_entry(
        id="API-POSITIONAL-ONLY-NAMED",
        title="jnp lets a caller name some arguments NumPy takes positionally only",
        numpy="positional-only: bincount's x, concatenate's arrays, empty_like's prototype, inner's and "
              "vdot's a and b, packbits' and unpackbits' a, reshape's a, linalg.cholesky's a, "
              "promote_types' type1 and type2",
        jax="positional-or-keyword, same names (promote_types: a and b)",
        why="JAX's signatures do not mark them positional-only",
        source="observed by this suite, undocumented upstream (inspect.signature of each function)",
        edits=dict(each(("bincount", "concatenate", "empty_like", "inner", "vdot", "packbits", "unpackbits",
                    "reshape", "linalg.cholesky"), kind(EITHER, "positional")),
        ) | {"promote_types": chain(kind(EITHER, "positional"), rename(type1="a", type2="b"))}),
    api_entry(
        id="API-POSITIONAL-ONLY-IN-JAX",
        title="jnp takes positionally only some arguments NumPy lets a caller name",
        numpy="real(val), imag(val), isneginf(x), isposinf(x), sinc(x), unique_all/_counts/_inverse/"
              "_values(x), permute_dims(a, axes=None)",
        jax="the first argument is positional-only; permute_dims' axes is required",
        why="JAX marks these inputs positional-only, as the Python array API standard does",
        source="https://data-apis.org/array-api/latest/API_specification/generated/"
               "array_api.permute_dims.html; observed by this suite (inspect.signature)",
        edits={**each(("real", "imag", "isneginf", "isposinf", "sinc", "unique_all", "unique_counts",
                       "unique_inverse", "unique_values"), lambda params: [
                           Param(p.name, POSITIONAL, p.default) if i == 0 else p
                           for i, p in enumerate(params)]),
               "permute_dims": chain(kind(POSITIONAL, "a"), defaults(axes=""))}),
    api_entry(
        id="API-KEYWORD-ONLY-IN-JAX",
        title="jnp takes by keyword only some parameters NumPy takes positionally",
        numpy="positional-or-keyword: compress's out, concat's axis, fft.fftfreq's and rfftfreq's device",
        jax="keyword-only (fftfreq and rfftfreq also add dtype=None)",
        why="JAX's signatures mark them keyword-only",
        source="observed by this suite, undocumented upstream (inspect.signature of each function)",
        edits={"compress": kind(KEYWORD, "out"), "concat": kind(KEYWORD, "axis"),
               **each(("fft.fftfreq", "fft.rfftfreq"), chain(kind(KEYWORD, "device"), add(kw("dtype"))))}),
    api_entry(
        id="API-HISTOGRAM-WEIGHTS-BEFORE-DENSITY",
        title="jnp's histogram functions take weights before density: positional calls swap them",
        numpy="histogram(a, bins=10, range=None, density=None, weights=None) (histogram2d and "
              "histogramdd alike)",
        jax="histogram(a, bins=10, range=None, weights=None, density=None): a fourth positional "
            "argument is density to NumPy and weights to JAX",
        why="JAX's signature orders the two otherwise (no reason documented)",
        source="observed by this suite, undocumented upstream (inspect.signature of each function)",
        edits=each(("histogram", "histogram2d", "histogramdd"), swap("density", "weights"))),
    api_entry(
        id="API-OTHER-DEFAULTS", title="jnp defaults some parameters otherwise than NumPy",
        numpy="astype copy=True; eye and tri dtype=float, indices dtype=int; take and put mode='raise'; "
              "gradient edge_order=1; einsum optimize=False; linalg.eigh UPLO='L'; frombuffer and "
              "fromstring dtype=None (NumPy 2.5 shows fromstring's signature)",
        jax="astype copy=False; dtype=None (the default float or int of the x64 mode); mode=None "
            "(out-of-bounds indices clamp or drop, as documented for each); edge_order=None; "
            "optimize='auto'; UPLO=None; frombuffer and fromstring dtype=float",
        why="JAX's dtypes depend on the x64 mode, it cannot raise on out-of-bounds indices under jit, "
            "and its arrays are immutable (a copy is never needed)",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.take.html; "
               "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.astype.html",
        edits={"astype": defaults(copy="False"), **each(("eye", "tri", "indices"), defaults(dtype="None")),
               "take": defaults(mode="None"), "gradient": defaults(edge_order="None"),
               "linalg.eigh": defaults(UPLO="None"),
               **each(("frombuffer", "fromstring"), defaults(dtype="<class 'float'>"))}),
    # -- parameters JAX adds --------------------------------------------------------------------------------
    api_entry(
        id="API-SIZE-FILL-VALUE",
        title="jnp adds size= and fill_value= to functions whose result shape depends on the values",
        numpy="nonzero, where, unique, the set functions, compress, extract, ... return as many elements "
              "as the data give",
        jax="adds keyword-only size=None and fill_value=None (compress and extract: fill_value=0; "
            "mask_indices: size only): a static size makes the function usable under jit",
        why="XLA needs every shape at compile time",
        source=JNP_DOCS + " (JAX adds an optional size argument to functions with data-dependent "
               "output shapes)",
        edits={**each(("argwhere", "flatnonzero", "nonzero", "where", "intersect1d", "setdiff1d",
                       "setxor1d", "union1d", "unique", "unique_all", "unique_counts", "unique_inverse",
                       "unique_values"), add(kw("size"), kw("fill_value"))),
               **each(("compress", "extract"), add(kw("size"), kw("fill_value", "0"))),
               "mask_indices": add(kw("size"))}),
    api_entry(
        id="API-PRECISION",
        title="jnp adds precision= and preferred_element_type= to its products and convolutions",
        numpy="dot, inner, vdot, tensordot, convolve, correlate, linalg.matmul/tensordot/vecdot/multi_dot "
              "have no such parameters",
        jax="keyword-only precision=None and preferred_element_type=None (linalg.multi_dot: precision "
            "only), passed to XLA's dot_general and conv",
        why="accelerators multiply in reduced precision by default; these choose the precision and the "
            "accumulation dtype",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.dot.html",
        edits={**each(("convolve", "correlate", "dot", "inner", "tensordot", "vdot", "linalg.matmul",
                       "linalg.tensordot", "linalg.vecdot"),
                      add(kw("precision"), kw("preferred_element_type"))),
               "linalg.multi_dot": add(kw("precision"))}),
    api_entry(
        id="API-OUT-SHARDING", title="jnp adds out_sharding= to constructors and shape functions",
        numpy="has no such parameter",
        jax="keyword-only out_sharding=None: the sharding of the result across devices",
        why="JAX's explicit sharding mode places results on a mesh",
        source="https://docs.jax.dev/en/latest/notebooks/explicit-sharding.html",
        edits=each(("asarray", "bincount", "broadcast_to", "dot", "empty", "full", "full_like", "ones",
                    "ones_like", "percentile", "ravel", "repeat", "reshape", "tensordot", "linalg.tensordot",
                    "zeros", "zeros_like"), add(kw("out_sharding")))),
    api_entry(
        id="API-INPLACE", title="jnp's in-place functions take inplace=True, which must be set to False",
        numpy="fill_diagonal, place, put and put_along_axis modify their argument in place",
        jax="adds inplace=True (keyword-only; put_along_axis: positional-or-keyword), which raises "
            "unless False, and returns the result; put's mode defaults to None, put_along_axis adds "
            "mode=None",
        why="JAX arrays are immutable: the parameter is a reminder of the API difference",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.put.html",
        edits={**each(("fill_diagonal", "place"), add(kw("inplace", "True"))),
               "put": chain(defaults(mode="None"), add(kw("inplace", "True"))),
               "put_along_axis": add(either("inplace", "True"), kw("mode"))}),
    api_entry(
        id="API-JAX-EXTENSIONS", title="jnp adds parameters of its own to some functions",
        numpy="has no such parameters",
        jax="sum and prod: promote_integers=True; repeat: total_repeat_length=None; searchsorted: "
            "method='scan'; isin: method='auto' for NumPy's kind; digitize and linalg.slogdet: "
            "method=None; linalg.cholesky, eigh and eigvalsh: symmetrize_input=True; polyval: unroll=16; "
            "polydiv and polymul: trim_leading_zeros=False; roots: strip_zeros=True; linalg.lstsq: "
            "numpy_resid=False; linalg.svd: subset_by_index=None; delete: assume_unique_indices=False; "
            "bincount: length=None; ravel_multi_index and dstack: dtype=None; take: unique_indices, "
            "indices_are_sorted, fill_value; take_along_axis: mode, fill_value, "
            "wrap_negative_indices; frompyfunc: identity=None instead of **kwargs",
        why="static sizes for jit, algorithm choices for accelerators, and out-of-bounds modes",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.searchsorted.html (and the JAX "
               "documentation of each function)",
        edits={**each(("sum", "prod"), add(either("promote_integers", "True"))),
               "repeat": add(kw("total_repeat_length")),
               "searchsorted": add(kw("method", "'scan'")),
               "isin": chain(drop("kind"), add(kw("method", "'auto'"))),
               **each(("digitize", "linalg.slogdet"), add(kw("method"))),
               **each(("linalg.cholesky", "linalg.eigvalsh"), add(kw("symmetrize_input", "True"))),
               "linalg.eigh": add(either("symmetrize_input", "True")),
               "polyval": add(kw("unroll", "16")),
               **each(("polydiv", "polymul"), add(kw("trim_leading_zeros", "False"))),
               "roots": add(kw("strip_zeros", "True")),
               "linalg.lstsq": add(kw("numpy_resid", "False")),
               "linalg.svd": add(either("subset_by_index")),
               "delete": add(kw("assume_unique_indices", "False")),
               "bincount": add(kw("length")),
               "ravel_multi_index": add(kw("dtype")),
               "dstack": add(either("dtype")),
               "take": add(either("unique_indices", "False"), either("indices_are_sorted", "False"),
                           either("fill_value")),
               "take_along_axis": add(either("mode"), either("fill_value"), kw("wrap_negative_indices")),
               "frompyfunc": chain(lambda params: [p for p in params if p.kind != "var-keyword"],
                                   add(kw("identity")))}),
    # -- signatures JAX redesigned: the model is JAX's whole signature ----------------------------------
    api_entry(
        id="API-REDESIGNED-SIGNATURES", title="jnp's signature of these functions is its own",
        numpy="clip(a, a_min, a_max, out=None, *, min, max, **kwargs); arange(start_or_stop, /, stop, "
              "step=1, *, dtype, device, like); array(object, dtype=None, *, copy, order, subok, ndmin, "
              "ndmax, like); einsum(*operands, out, optimize=False, **kwargs); einsum_path(*operands, "
              "optimize='greedy', einsum_call=False); linalg.matrix_rank(A, tol, hermitian, *, rtol); "
              "linalg.pinv(a, rcond, hermitian, *, rtol)",
        jax="clip(arr=None, /, min=None, max=None); arange(start, stop=None, step=None, dtype=None, *, "
            "device, out_sharding); array(object, dtype=None, *args, copy=True, order='K', ndmin=0, "
            "device, out_sharding); einsum(subscripts, /, *operands, out, optimize='auto', precision, "
            "preferred_element_type, _dot_general, out_sharding); einsum_path(subscripts, /, "
            "*operands, optimize='auto'); linalg.matrix_rank(M, rtol=None, *, hermitian, tol); "
            "linalg.pinv(a, rtol=None, hermitian=False, *, rcond)",
        why="JAX follows the array API standard's names (min/max, rtol) and keeps NumPy's older ones "
            "as deprecated keywords, and adds its own controls",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.clip.html; "
               "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.linalg.matrix_rank.html; "
               "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.einsum.html",
        edits={"clip": signature(Param("arr", POSITIONAL, "None"), either("min"), either("max")),
               "arange": signature(either("start", None), either("stop"), either("step"), either("dtype"),
                                   kw("device"), kw("out_sharding")),
               "array": signature(either("object", None), either("dtype"), VAR_ARGS, kw("copy", "True"),
                                  kw("order", "'K'"), kw("ndmin", "0"), kw("device"), kw("out_sharding")),
               "einsum": signature(Param("subscripts", POSITIONAL), Param("operands", "var-positional"),
                                   kw("out"), kw("optimize", "'auto'"), kw("precision"),
                                   kw("preferred_element_type"),
                                   kw("_dot_general", "<function dot_general>"), kw("out_sharding")),
               "einsum_path": signature(Param("subscripts", POSITIONAL), Param("operands", "var-positional"),
                                        kw("optimize", "'auto'")),
               "linalg.matrix_rank": signature(either("M", None), either("rtol"), kw("hermitian", "False"),
                                               kw("tol")),
               "linalg.pinv": signature(either("a", None), either("rtol"), either("hermitian", "False"),
                                        kw("rcond"))}),
    api_entry(
        id="API-FORWARDED-TO-NUMPY",
        title="jnp's load, fromfile, fromiter and set_printoptions forward their arguments to NumPy's",
        numpy="load(file, mmap_mode, allow_pickle, ...), fromfile(file, dtype, count, sep, offset, *, like), "
              "fromiter(iter, dtype, count, *, like), set_printoptions(precision, threshold, ...)",
        jax="load(file, *args, **kwargs) and fromfile, fromiter, set_printoptions(*args, **kwargs): "
            "wrappers that call NumPy's function (fromfile and fromiter raise, pointing to NumPy)",
        why="host-side I/O and printing are NumPy's; JAX converts or refuses the result",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.load.html; "
               "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.fromfile.html",
        edits={"load": signature(either("file", None), VAR_ARGS, VAR_KWARGS),
               **each(("fromfile", "fromiter", "set_printoptions"), signature(VAR_ARGS, VAR_KWARGS))}),
    # -- what jax 0.12 changed in the signatures above: applied after them ---------------------------------
    api_entry(
        id="API-JAX-012-SIGNATURES", title="jax 0.12's changes to jnp signatures",
        numpy="array(object, dtype=None, *, copy=True, ...); histogram(a, bins=10, range=None, density=None, "
              "weights=None); lexsort(keys, axis=-1); polyval(p, x); take_along_axis(arr, indices, "
              "axis=-1)",
        jax="array: no *args (API-REDESIGNED-SIGNATURES' model before jax 0.12); histogram: out_sharding="
            "None last (positional-or-keyword); lexsort: keyword-only batch_size=16; polyval: unroll=None "
            "(16 before); take_along_axis: wrap_negative_indices=True (None before)",
        why="jax 0.12 added explicit sharding to histogram and a batched lexsort, and changed defaults",
        source="observed by this suite on jax 0.12.0.1 (inspect.signature); "
               "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.lexsort.html",
        jax_versions=">=0.12",
        edits={"array": lambda params: [p for p in params if p.kind != "var-positional"],
               "histogram": add(either("out_sharding")),
               "lexsort": add(kw("batch_size", "16")),
               "polyval": defaults(unroll="None"),
               "take_along_axis": defaults(wrap_negative_indices="True")}),
)

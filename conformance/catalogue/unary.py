"""Known divergences of the registry's unary functions (`conformance/registry/`).

Triggers read the row's tags (never its name) and the input's dtype kind; each model computes what JAX
returns, from NumPy (`conformance/catalogue/unary_models.py`).
"""

from __future__ import annotations

from conformance.catalogue import KnownDivergence
from conformance.catalogue.models import finfo_refusal, raises
from conformance.catalogue.unary_models import (
    _angle_of_0d_float,
    _arcsin_halved,
    _arcsin_of_small_values,
    _as_default_float,
    _as_jax_float,
    _cbrt_constant,
    _cbrt_of_subnormal,
    _complex_scaled,
    _float_with_decimals,
    _frexp_flushed,
    _frexp_like_jax,
    _frexp_of_any_subnormal,
    _frexp_subnormal,
    _has_negative_zero,
    _input_itself,
    _integer_negative_decimals,
    _log_of_subnormal,
    _log_reads_subnormal_as_smallest,
    _maybe_32_bits,
    _modf_like_jax,
    _nan_to_num_like_jax,
    _nan_to_num_of_bfloat16,
    _round_outputs,
    _sign_keeps_zero,
    _sinc_reduced,
    _spacing_like_jax,
    _spacing_near_zero,
    _tagged,
    _tiny_argument_kept_or_flushed,
    _tiny_argument_subnormal,
    as_bool,
)

_UFUNCS = "https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/ufuncs.py"


ENTRIES = (
    KnownDivergence(
        id="UNARY-RECIPROCAL-OF-INTEGERS-IS-FLOAT",
        area="unary",
        title="reciprocal of bools and integers returns a float",
        numpy="returns the integer 1 // x in the input's integer dtype (0 for |x| > 1; int8 for bool)",
        jax="promotes the input to its default float dtype (float32; float64 for 64-bit integers with "
            "x64 on) and returns 1 / x there (inf at 0)",
        why="jnp.reciprocal is lax.integer_pow(x, -1) after promote_dtypes_inexact",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.numpy.reciprocal.html (Note: for integer "
               "inputs, np.reciprocal returns rounded integer output, while jnp.reciprocal promotes integer "
               "inputs to floating point)",
        condition="reciprocal of a bool or integer array",
        kinds=("dtype",),
        trigger=_tagged("reciprocal", "biu"),
        inputs=_as_jax_float,
        outputs=_maybe_32_bits,
    ),
    KnownDivergence(
        id="UNARY-CONJUGATE-OF-BOOL-IS-BOOL",
        area="unary",
        title="conj and conjugate of bools return bools",
        numpy="has no bool loop for conjugate: casts to int8 and returns int8",
        jax="returns a real input unchanged (lax.asarray), bool stays bool",
        why="jnp.conjugate applies lax.conj only to complex inputs",
        source=f"{_UFUNCS} (conjugate: lax.conj(x) if np.iscomplexobj(x) else lax.asarray(x))",
        condition="conj or conjugate of a bool array",
        kinds=("dtype",),
        trigger=_tagged("conjugate", "b"),
        outputs=as_bool,
    ),
    KnownDivergence(
        id="UNARY-POSITIVE-OF-BOOL-ACCEPTED",
        area="unary",
        title="positive of bools returns the bools",
        numpy="raises UFuncTypeError: positive has no loop for bool",
        jax="returns the input unchanged (lax.asarray after promote_args)",
        why="jnp.positive checks no dtype",
        source=f"observed by this suite, undocumented upstream ({_UFUNCS}: positive is "
               "lax.asarray(*promote_args('positive', x)))",
        condition="positive of a bool array",
        kinds=("error-parity",),
        trigger=_tagged("positive", "b"),
        outputs=_input_itself,
    ),
    KnownDivergence(
        id="UNARY-ROUND-OF-BOOL-REFUSED",
        area="unary",
        title="round and around refuse bools",
        numpy="rounds bools with decimals=0 (a float16 result) and raises UFuncTypeError for other "
              "decimals (it cannot cast the product back to bool)",
        jax="raises ValueError: data type bool not inexact (NumPy's finfo message; numpy 2.5: data type "
            "bool not compatible with finfo)",
        why="jnp.round computes on inexact dtypes only and checks bools out through finfo",
        source="observed by this suite, undocumented upstream "
               "(https://docs.jax.dev/en/latest/_autosummary/jax.numpy.round.html)",
        condition="round or around of a bool array",
        kinds=("error-parity", "error-kind"),
        trigger=_tagged("decimals", "b"),
        outputs=finfo_refusal,
    ),
    KnownDivergence(
        id="UNARY-ROUND-INTEGER-NEGATIVE-DECIMALS",
        area="unary",
        title="round of integers with negative decimals is not implemented",
        numpy="rounds to a multiple of 10**-decimals (through floats), in the integer dtype",
        jax="raises NotImplementedError: integer np.round not implemented for decimals < 0",
        why="jnp.round returns integers unchanged and refuses negative decimals for them",
        source="https://github.com/jax-ml/jax/pull/20829 (open: 'Add support for rounding integers with "
               "decimals<0 in jnp.round')",
        condition="round or around of an integer array with decimals < 0",
        kinds=("error-parity",),
        trigger=_integer_negative_decimals,
        outputs=raises("NotImplementedError", r"integer np\.round not implemented for decimals < 0"),
    ),
    KnownDivergence(
        id="UNARY-ROUND-DECIMALS-SCALES-BY-POWER-OF-TEN",
        area="unary",
        title="round with decimals scales by 10**decimals in the input's dtype",
        numpy="for decimals < 0 divides by 10**-decimals, rounds, and multiplies back; float16 "
              "computes in float16",
        jax="multiplies by 10**decimals rounded to the dtype (0.1 is inexact), rounds half to even, "
            "and multiplies by the reciprocal of that factor rounded to the dtype (XLA rewrites the "
            "division by a constant): round(2.675, 2) is 2.6799998 in float32 (NumPy 2.68); float16 "
            "computes in float32; decimals beyond log10 of the dtype's largest value return the input; "
            "bfloat16 keeps some steps in float32 (asserted: NumPy's value within one quantum "
            "10**-decimals plus two bfloat16 ulps)",
        why="the rescaling strategy of jnp.round (its own TODO says it may round incorrectly)",
        source="https://github.com/jax-ml/jax/pull/32459 (jnp.round: correctly handle large decimals); "
               f"{_UFUNCS}",
        condition="round or around of a float or complex array with decimals other than 0 (bfloat16: "
                  "within a bound, see jax)",
        kinds=("values",),
        trigger=_float_with_decimals,
        outputs=_round_outputs,
    ),
    KnownDivergence(
        id="UNARY-COMPLEX-REFUSED-WITH-VALUEERROR",
        area="unary",
        title="isposinf, isneginf, signbit, spacing and i0 refuse complex inputs with ValueError",
        numpy="raises TypeError (no loop for complex, or 'not supported for complex values')",
        jax="raises ValueError",
        why="jax.numpy checks these dtypes itself and raises ValueError",
        source="observed by this suite, undocumented upstream",
        condition="one of these functions on a complex array",
        kinds=("error-kind",),
        trigger=_tagged("refuses-complex-with-valueerror", "c"),
        outputs=raises("ValueError", r"isposinf/isneginf are not well defined for complex types"
                                     r"|signbit is not well defined for complex"
                                     r"|jnp\.spacing is not defined for complex inputs"
                                     r"|Unsupported input type to jax\.numpy\.i0"),
    ),
    KnownDivergence(
        id="UNARY-ANGLE-CONVERSION-OF-COMPLEX",
        area="unary",
        title="deg2rad, rad2deg, degrees and radians accept complex inputs",
        numpy="raises TypeError: the ufunc is not supported for complex input types",
        jax="multiplies by the complex constant pi/180 (or 180/pi) + 0j with XLA's complex product, "
            "fused (SPECIAL-COMPLEX-MULTIPLY-FUSED) or with each product rounded and flushed (which one "
            "depends on the array's shape: the sign of a flushed zero part differs), so an infinite "
            "part makes the other part NaN",
        why="jnp.deg2rad is lax.mul(x, pi / 180) after promote_args_inexact, for any inexact dtype",
        source=f"observed by this suite, undocumented upstream ({_UFUNCS}: deg2rad, rad2deg)",
        condition="one of these functions on a complex array",
        kinds=("error-parity",),
        trigger=_tagged("angle-conversion", "c"),
        outputs=_complex_scaled,
    ),
    KnownDivergence(
        id="UNARY-MODF-FRACTION-IS-DIFFERENCE",
        area="unary",
        title="modf's fractional part is x - whole: +0.0 for negative whole numbers, NaN for infinities",
        numpy="returns C modf's fraction: with the sign of x (-0.0 for -1.0), 0.0 for an infinity",
        jax="computes whole = floor(x) where x >= 0 else ceil(x) and fraction = x - whole: -1.0 gives "
            "+0.0, -0.0 gives +0.0, +-inf gives NaN",
        why="jnp.modf is written with lax operations, not C's modf",
        source=f"observed by this suite, undocumented upstream ({_UFUNCS}: modf)",
        condition="modf of any real array",
        kinds=("dtype", "values"),
        trigger=_tagged("modf", "biuf"),
        outputs=_modf_like_jax,
    ),
    KnownDivergence(
        id="UNARY-FREXP-SUBNORMAL",
        area="unary",
        title="frexp of a subnormal float32, float64 or bfloat16 is not normalized",
        numpy="normalizes: frexp(1e-40) is (0.544, -132) in float32",
        jax="float32 and float64: (+-0.5, -149) and (+-0.5, -1074) for every subnormal; bfloat16: the "
            "input itself and 0; float16 (computed in float32, where its subnormals are normal) agrees",
        why="jnp.frexp normalizes a subnormal as x * 2**nmant, which the CPU's denormals-are-zero mode "
            "reads as 0 * 2**nmant",
        source="https://github.com/jax-ml/jax/issues/19689 (jnp.frexp not matching NumPy on subnormals: "
               "'expected, because XLA flushes subnormal values')",
        condition="frexp of a float32, float64 or bfloat16 array holding a subnormal",
        kinds=("values",),
        trigger=_frexp_subnormal,
        outputs=_frexp_like_jax,
        # jax 0.12 flushes at entry instead (UNARY-FREXP-SUBNORMAL-FLUSHED)
        jax_versions="<0.12",
    ),
    KnownDivergence(
        id="UNARY-FREXP-SUBNORMAL-FLUSHED",
        area="unary",
        title="frexp of a subnormal is (+-0, 0): the input is flushed first (jax 0.12)",
        numpy="normalizes: frexp(1e-40) is (0.544, -132) in float32, frexp(6e-8) is (0.5, -23) in float16",
        jax="returns a zero of the input's sign and the exponent 0 for every subnormal of the input's "
            "dtype, float16 included; NumPy's value elsewhere",
        why="jax 0.12's frexp works on the bits and flushes subnormal inputs to a signed zero at entry "
            "(its docstring: 'subnormal inputs are flushed to signed zero')",
        source=_UFUNCS + " (jnp.frexp's docstring in jax 0.12.0.1: 'Note that subnormal inputs are "
               "flushed to signed zero'; _frexp_impl)",
        condition="frexp of a float array holding a subnormal of its dtype",
        kinds=("values",),
        trigger=_frexp_of_any_subnormal,
        outputs=_frexp_flushed,
        jax_versions=">=0.12",
    ),
    KnownDivergence(
        id="UNARY-SINC-RANGE-REDUCED",
        area="unary",
        title="sinc is exactly 0 at nonzero integers and at +-inf, and accurate near them (jax 0.12)",
        numpy="computes sin(pi x) / (pi x) with pi x rounded first: sinc(1.0) is -2.8e-8 in float32, "
              "sinc(1.0000001) is -1.8e-7 (the exact value is -1.19e-7), sinc(inf) and sinc(3.4e38) are "
              "NaN",
        jax="reduces x = n + r exactly and returns (-1)**n sin(pi r) / (pi x): +0 at every nonzero "
            "integer (every float32 beyond 2**23), +0 at +-inf, the accurate value near the integers; "
            "asserted as that formula in float64, rounded to the result's dtype",
        why="jax 0.12 rewrote the real sinc with exact additive range reduction and a Taylor polynomial "
            "(for accurate derivatives), clamping r to 0 at infinities",
        source="observed by this suite, undocumented upstream (" + _UFUNCS + ": sinc, jax 0.12.0.1: "
               "'Evaluating sin(pi * x) / (pi * x) directly loses precision ... use exact additive "
               "range reduction')",
        condition="sinc of a bool, integer or real float array",
        kinds=("values",),
        trigger=_tagged("sinc", "biuf"),
        outputs=_sinc_reduced,
        jax_versions=">=0.12",
    ),
    KnownDivergence(
        id="UNARY-SIGN-OF-NEGATIVE-ZERO",
        area="unary",
        title="sign of -0.0 is -0.0",
        numpy="returns +0.0 for both zeros",
        jax="returns the zero itself: sign(-0.0) is -0.0 (lax.sign)",
        why="XLA's sign keeps a zero's sign bit, as IEEE 754's copySign(0, x) would",
        source="https://docs.jax.dev/en/latest/_autosummary/jax.lax.sign.html (for floating-point inputs "
               "sign(x) is -0 for x = -0; jnp.sign is lax.sign)",
        condition="sign of a float array holding -0.0",
        kinds=("values",),
        trigger=_has_negative_zero,
        outputs=_sign_keeps_zero,
    ),
    KnownDivergence(
        id="UNARY-ARCSIN-OF-TINY-VALUES",
        area="unary",
        title="arcsin of values below twice the smallest normal is zero (float16: half is rounded)",
        numpy="arcsin(x) is x for tiny x (1.18e-38 in float32 stays 1.18e-38)",
        jax="returns +-0 where |x| < 2 * the smallest normal of float32 (bfloat16, float32) or float64; "
            "in float16, 2 * (x / 2 rounded to float16): 6e-8 gives 0",
        why="XLA expands asin as 2 * atan2(x, 1 + sqrt(1 - x * x)); atan2 returns x / 2 there, a "
            "subnormal that the CPU's flush-to-zero mode writes as 0 (float16 rounds it to its own "
            "subnormals, half of the smallest one to 0)",
        source="observed by this suite, undocumented upstream (lax.asin lowers to chlo.asin; flushing: "
               "https://github.com/jax-ml/jax/issues/16200)",
        condition="arcsin (asin) of a float array with a nonzero |x| below twice the smallest normal of "
                  "the dtype XLA computes it in",
        kinds=("values",),
        trigger=_arcsin_of_small_values,
        outputs=_arcsin_halved,
        # jax 0.12.0.1 agrees with NumPy here (observed); 0.11 not run
        jax_versions="<0.12",
    ),
    KnownDivergence(
        id="UNARY-CBRT-OF-SUBNORMAL-FLOAT32",
        area="unary",
        title="cbrt of every float32 or bfloat16 subnormal is -5.5951735e-16",
        numpy="cbrt(1e-45) is 1.12e-15 in float32; cbrt of a negative subnormal is negative",
        jax="returns -5.5951735e-16 (bfloat16: -5.58581e-16) for every subnormal input, positive or "
            "negative; float64 subnormals give a zero of their sign (as flushed)",
        why="XLA's float32 cbrt normalizes a subnormal input by scaling its bits, which the CPU's "
            "denormals-are-zero mode reads as zero; the exponent arithmetic that follows then yields a "
            "fixed value",
        source="observed by this suite, undocumented upstream",
        condition="cbrt of a float32, float64 or bfloat16 array holding a subnormal value",
        kinds=("values",),
        trigger=_cbrt_of_subnormal,
        outputs=_cbrt_constant,
    ),
    KnownDivergence(
        id="UNARY-SPACING-SUBNORMAL-IS-SMALLEST",
        area="unary",
        title="spacing is the smallest subnormal, with x's sign, wherever NumPy's is subnormal",
        numpy="spacing(2**-120) is 2**-143 in float32; spacing(-0.0) is +2**-149",
        jax="returns copysign(smallest subnormal, x) where x is zero or subnormal or the spacing is "
            "subnormal (float32, float64, bfloat16); float16 (computed as nextafter(x, +inf) - x in "
            "float32) agrees there, and gives +inf at -inf (NumPy NaN)",
        why="jnp.spacing computes nextafter(x, copysign(inf, x)) - x, which flush-to-zero makes 0 there, "
            "and replaces a 0 by copysign(smallest_subnormal, x)",
        source=f"observed by this suite, undocumented upstream ({_UFUNCS}: spacing)",
        condition="spacing of a float32, float64 or bfloat16 array holding a zero or subnormal, or whose "
                  "NumPy spacing is subnormal; of a float16 array holding -inf",
        kinds=("values",),
        trigger=_spacing_near_zero,
        outputs=_spacing_like_jax,
    ),
    KnownDivergence(
        id="UNARY-ANGLE-OF-0D-FLOAT-IS-DEFAULT-FLOAT",
        area="unary",
        title="angle of a 0-d float array returns the default float dtype",
        numpy="returns the input's float dtype",
        jax="converts a 0-d floating input to the default float dtype (float32; float64 with x64 on) "
            "before atan2(imag, real)",
        why="jnp.angle converts non-inexact inputs and 0-d floating inputs to dtypes.default_float_dtype()",
        source="https://github.com/jax-ml/jax/blob/main/jax/_src/numpy/lax_numpy.py (angle: "
               "'issubdtype(z.dtype, np.floating) and np.ndim(z) == 0')",
        condition="angle of a 0-d float array of another dtype than the default float (float32; "
                  "float64 with x64 on)",
        kinds=("dtype",),
        trigger=_angle_of_0d_float,
        inputs=_as_default_float,
        outputs=_maybe_32_bits,
    ),
    KnownDivergence(
        id="UNARY-LOG-OF-SUBNORMAL-READS-SMALLEST",
        area="unary",
        title="log of a positive subnormal is log(2**-150) in float32 (log(2**-1075) in float64)",
        numpy="computes with the subnormal: log(1e-40) is -92.1 in float32",
        jax="returns either log(2**-150) = -103.97208 for every positive float32 subnormal and NaN "
            "for every negative one (scalar calls to the C library), or -inf for both (XLA's "
            "vectorized kernel, which flushes: which one depends on the array's shape); bfloat16 "
            "subnormals (flushed on their way to float32) give -inf (log2 and log10 flush them all: "
            "NUM-SUBNORMAL-FLUSH)",
        why="as for power (NUM-POWER-SUBNORMAL-BASE): the C library's log normalizes a subnormal x as "
            "x * 2**23 and subtracts 23 from its exponent; denormals-are-zero makes the product 0, so the "
            "exponent read is one below the smallest subnormal's",
        source="observed by this suite, undocumented upstream (glibc sysdeps/ieee754/flt-32/e_logf.c: "
               "'x is subnormal, normalize it'; flushing: https://github.com/jax-ml/jax/issues/16200)",
        condition="log of a float32, float64 or bfloat16 array holding a subnormal (of float32 for "
                  "bfloat16)",
        kinds=("values",),
        trigger=_log_of_subnormal,
        outputs=_log_reads_subnormal_as_smallest,
    ),
    KnownDivergence(
        id="UNARY-NAN-TO-NUM-OF-BFLOAT16",
        area="unary",
        title="nan_to_num replaces NaN and infinities in bfloat16 arrays, where NumPy leaves them",
        numpy="returns a bfloat16 array unchanged: to NumPy, ml_dtypes' bfloat16 is not an inexact "
              "dtype (np.issubdtype(bfloat16, np.inexact) is False), so nothing is replaced",
        jax="replaces NaN by 0 and +-inf by bfloat16's largest finite value, +-3.38953e38",
        why="bfloat16 is a float dtype to JAX, a user dtype to NumPy",
        source="observed by this suite, undocumented upstream "
               "(https://docs.jax.dev/en/latest/_autosummary/jax.numpy.nan_to_num.html)",
        condition="nan_to_num of a bfloat16 array holding a NaN or an infinity",
        kinds=("values",),
        trigger=_nan_to_num_of_bfloat16,
        outputs=_nan_to_num_like_jax,
    ),
    KnownDivergence(
        id="UNARY-RINT-ANGLE-OF-INTEGERS-IS-DEFAULT-FLOAT",
        area="unary",
        title="rint and angle of bools and integers return the default float dtype, whatever the width",
        numpy="returns the smallest float that holds the input (float16 for bool and 8-bit, float32 "
              "for 16-bit, float64 for 32- and 64-bit integers)",
        jax="converts to the default float dtype first: float64 with x64 on (also for bool and int8), "
            "float32 with x64 off",
        why="jnp.rint and jnp.angle convert bool and integer inputs with "
            "lax.convert_element_type(x, dtypes.default_float_dtype())",
        source=f"observed by this suite, undocumented upstream ({_UFUNCS}: rint; lax_numpy.py: angle)",
        condition="rint or angle of a bool or integer array",
        kinds=("dtype",),
        trigger=_tagged("converts-to-default-float", "biu"),
        inputs=_as_default_float,
        outputs=_maybe_32_bits,
    ),
    KnownDivergence(
        id="UNARY-TINY-ARGUMENT-SUBNORMAL-KEPT-OR-FLUSHED",
        area="unary",
        title="arctan, tan and tanh of a subnormal are the subnormal itself or a zero of its sign",
        numpy="f(x) is x for a subnormal x (arctan, tan, tanh)",
        jax="returns x itself (NumPy's value) in some kernels and a zero of x's sign in others "
            "(flushed): which one depends on the function, the dtype and the array's shape (tanh keeps "
            "a float32 subnormal and flushes a float64 one)",
        why="XLA's vectorized kernels return tiny arguments through a select, which keeps their bits; "
            "the scalar path computes on them, which the CPU's denormals-are-zero mode reads as 0",
        source="observed by this suite, undocumented upstream (flushing: "
               "https://github.com/jax-ml/jax/issues/16200)",
        condition="arctan (atan), tan or tanh (tag tiny-argument-returned) of a float32, "
                  "float64 or bfloat16 array holding a subnormal (tan of bfloat16 seen keeping it, "
                  "jax 0.10.2 with x64 on; tanh keeps bfloat16 and float32 subnormals and flushes float64 "
                  "ones; sin and expm1 keep them always: tag tiny-argument-kept, no flushing)",
        kinds=("values",),
        trigger=_tiny_argument_subnormal,
        outputs=_tiny_argument_kept_or_flushed,
    ),
)

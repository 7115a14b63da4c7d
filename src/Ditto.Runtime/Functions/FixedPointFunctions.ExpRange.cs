using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Functions;

/// <summary>
/// e^x on the whole input format, and the saturating functions built on it: sigmoid, tanh and SiLU.
/// </summary>
public sealed partial class FixedPointFunctions<TA, TB>
{
    private static readonly double Ln2 = Math.Log(2);

    /// <summary>
    /// Below this, e^x is under half a unit of <paramref name="format"/> (x &lt; −(f + 1)·ln 2): exp underflows to 0 (within
    /// one unit of the true value).
    /// </summary>
    public static double ExpLowerLimit(FixedPointFormat format) => -(format.FractionBits + 1) * Ln2;

    /// <summary>
    /// Above this, e^x is not representable with the ring's two guard bits (x &gt; (k − 3 − f)·ln 2: 29.8 at fxp64.18, 14.6 at
    /// fxp32.8): exp saturates at e^limit = 2^(k − 3 − f).
    /// </summary>
    public static double ExpUpperLimit(FixedPointFormat format) => (format.RingBits - 3 - format.FractionBits) * Ln2;

    /// <summary>
    /// e^x for every x of its format: exact range reduction e^x = 2^q·e^r with q = ⌊x/ln 2⌋ and r = x − q·ln 2 ∈ [0, ln 2).
    /// x is clamped to [<see cref="ExpLowerLimit"/>, <see cref="ExpUpperLimit"/>] (one comparison call with two thresholds,
    /// one multiply-by-bit); q comes from one comparison call with a threshold per integer in range (sharing its first
    /// round; 61 thresholds at fxp64.18, 29 at fxp32.8) as a one-hot word, and one bit injection turns it into q·ln 2, 2^q
    /// for q ≥ 0 and 2^(q + f + 1) for q &lt; 0 at once. e^r is a Chebyshev polynomial (degree 6 at k = 64, 3 at k = 32) in
    /// (k − 4)/2 working fraction bits; 2^q is applied by one exact product (q ≥ 0: no truncation, whatever the size of the
    /// result) and, for q &lt; 0, one truncation. Error: at most relative 2^(1−f) plus 3 units of the format (tested on the
    /// whole format in both rings), on top of the input's own rounding; no precondition on x. Cost per element: 2,098 B
    /// and 26–27 rounds at fxp64.18, 554 B and 22 rounds at fxp32.8 (ditto microbench exp-full).
    /// </summary>
    public TA Exp(TA x) => ExpOn(x, ExpLowerLimit(Engine.FormatOf(x)), ExpUpperLimit(Engine.FormatOf(x)));

    /// <summary>
    /// The logistic function 1/(1 + e^−x) on the whole format, saturating to 0 and 1: with s = [x &lt; 0] and a = |x|,
    /// e = e^−a ∈ (0, 1] by <see cref="Exp(TA)"/>'s method on [lower limit, 0] (underflowing to 0 when σ(a) is 1 within a
    /// unit), σ(a) = 1/(1 + e) by Goldschmidt on [1, 2] (no normalisation needed), and σ(x) = σ(a) + s·(1 − 2σ(a)).
    /// Error: at most 3 units of the format.
    /// </summary>
    public TA Sigmoid(TA x)
    {
        var f = Engine.FormatOf(x).FractionBits;
        var (negative, negativeAbs) = SignAndNegativeAbs(x);
        var e = ExpOn(negativeAbs, ExpLowerLimit(Engine.FormatOf(x)), 0);
        var w = Math.Max(f, (Engine.FormatOf(x).RingBits - 3) / 2);
        var c = Engine.AddConstant(ToFraction(e, w), 1.0);
        var half = Goldschmidt(c, UsefulIterations(w), f);
        var flip = Engine.AddConstant(Engine.Negate(Engine.MultiplyInteger(half, 2)), 1.0);
        return Engine.Add(half, Engine.MultiplyBit(flip, negative));
    }

    /// <summary>tanh(x) = 2σ(2x) − 1 on the whole format, saturating to ±1. Error: twice the sigmoid's, 6 units.</summary>
    public TA Tanh(TA x) => Engine.AddConstant(Engine.MultiplyInteger(Sigmoid(Engine.MultiplyInteger(x, 2)), 2), -1.0);

    /// <summary>SiLU(x) = x·σ(x) on the whole format (one more fused product). Error: (3|x| + 2) units: σ's error, times x.</summary>
    public TA Silu(TA x)
    {
        var f = Engine.FormatOf(x).FractionBits;
        return MultiplyShift(x, Sigmoid(x), f, f);
    }

    /// <summary>[x &lt; 0] and −|x| = 2x·[x &lt; 0] − x (one MSB, one multiply-by-bit).</summary>
    private (TB Negative, TA NegativeAbs) SignAndNegativeAbs(TA x)
    {
        var negative = Engine.Msb(x);
        return (negative, Engine.Subtract(Engine.MultiplyInteger(Engine.MultiplyBit(x, negative), 2), x));
    }

    /// <summary>e^x for x clamped to [lo, hi]: see <see cref="Exp(TA)"/>. lo must not be below the lower limit.</summary>
    private TA ExpOn(TA x, double lo, double hi)
    {
        var format = Engine.FormatOf(x);
        var (k, f) = (format.RingBits, format.FractionBits);
        var shape = Engine.ShapeOf(x);
        var n = shape.Elements;
        var (qMin, qMax) = ((int)Math.Floor(lo / Ln2), (int)Math.Floor(hi / Ln2));
        var guard = f + 1;
        if (qMin < -guard || hi > ExpUpperLimit(format) + 1e-9 || qMax < qMin)
        {
            throw new ArgumentOutOfRangeException(nameof(lo), $"exp: the range [{lo}, {hi}] does not fit {format}.");
        }

        var clamped = Clamp(x, lo, hi);

        // The one-hot of q over qMin..qMax: bit i set when (qMin + i)·ln 2 ≤ x < (qMin + i + 1)·ln 2. After the clamp the
        // lowest bound always holds and the highest never does, so only the inner thresholds are compared.
        var width = qMax - qMin + 1;
        var atLeast = Engine.PublicBits(Enumerable.Repeat(1UL, n).ToArray(), shape, width + 1);
        if (width > 1)
        {
            var thresholds = Enumerable.Range(qMin + 1, width - 1).Select(q => FixedPointCodec.EncodeSigned(q * Ln2, format)).ToArray();
            var below = Engine.LessThan(clamped, thresholds);
            for (var j = 0; j < thresholds.Length; j++)
            {
                atLeast = Engine.Xor(atLeast, Engine.ShiftLeftBits(Engine.Not(Row(below, j, shape)), j + 1, width + 1));
            }
        }

        var oneHot = Engine.SliceBits(Engine.Xor(atLeast, Engine.ShiftRightBits(atLeast, 1)), 0, width);
        var qs = Enumerable.Range(qMin, width).ToArray();
        var factors = Engine.InjectBits(oneHot, format, [
            [.. qs.Select(q => (long)Math.Round(Math.ScaleB(q * Ln2, f), MidpointRounding.ToEven))],
            [.. qs.Select(q => q >= 0 ? 1L << q : 0L)],
            [.. qs.Select(q => q < 0 ? 1L << (q + guard) : 0L)],
        ]);

        // e^r for r = x − q·ln 2 ∈ [0, ln 2) (one unit below 0 at most, from the rounding of q·ln 2).
        var r = Engine.Subtract(clamped, factors[0]);
        var eR = ExpOfRemainder(r);

        // 2^q·e^r: for q ≥ 0 an exact product (f fraction bits, no truncation); for q < 0 a product with 2^(q + f + 1)
        // then a truncation by f + 1. Both in one multiplication call; the factors of the other sign are zero.
        var integer = Fmt(x, 0);
        var products = Split(Engine.Multiply(Flatten([eR, eR]), Flatten([Engine.Relabel(factors[1], integer), Engine.Relabel(factors[2], integer)])), [shape, shape]);
        var small = ShiftDown(products[1], guard, f);
        return Engine.Add(Engine.Relabel(products[0], format), small);
    }

    /// <summary>e^r for r ∈ [0, ln 2]: the degree-6 (k = 64) or degree-3 (k = 32) Chebyshev interpolant, with x's fraction bits.</summary>
    private TA ExpOfRemainder(TA r)
    {
        var format = Engine.FormatOf(r);
        var (k, f) = (format.RingBits, format.FractionBits);
        var w = Math.Max(f, (k - 4) / 2);
        var coefficients = k == 64 ? ExpRemainder64 : ExpRemainder32;
        var powers = Powers(ToFraction(r, w), coefficients.Length - 1);
        return Combine(powers[1..], coefficients[1..], coefficients[0], k - 4 - w, f);
    }

    private static readonly double[] ExpRemainder64 = PolynomialFit.Chebyshev(Math.Exp, 6, 0, Math.Log(2));
    private static readonly double[] ExpRemainder32 = PolynomialFit.Chebyshev(Math.Exp, 3, 0, Math.Log(2));

    /// <summary>x clamped to [lo, hi]: hi + [x &lt; lo]·(lo − x) − [x &lt; hi]·(hi − x), one comparison call, one multiply-by-bit.</summary>
    private TA Clamp(TA x, double lo, double hi)
    {
        var format = Engine.FormatOf(x);
        var shape = Engine.ShapeOf(x);
        var n = shape.Elements;
        var below = Engine.LessThan(x, [FixedPointCodec.EncodeSigned(lo, format), FixedPointCodec.EncodeSigned(hi, format)]);
        var gaps = Flatten([Engine.AddConstant(Engine.Negate(x), lo), Engine.AddConstant(Engine.Negate(x), hi)]);
        var corrections = Split(Engine.MultiplyBit(gaps, Engine.GatherBits(below, TensorShape.Vector(2 * n), Identity(2 * n))), [shape, shape]);
        return Engine.AddConstant(Engine.Subtract(corrections[0], corrections[1]), hi);
    }
}

namespace Ditto.Runtime.Functions;

/// <summary>
/// e^x: on the whole input format by range reduction (<see cref="Exp(TA)"/>), and for x ≤ 0 by repeated squaring
/// (<see cref="ExpCore"/>, softmax's exponent after the row max is subtracted).
/// </summary>
public sealed partial class FixedPointFunctions<TA, TB>
{
    /// <summary>Softmax and <see cref="Exp"/> clamp exponents below this (e^−14 ≈ 8.3e−7 is under one unit of fxp64.18), as PUMA masks x &lt; −14.</summary>
    public const double ExpLowerBound = -14;

    /// <summary>
    /// e^x with n = <paramref name="iterations"/> multiplications, inputs clamped to [max(−14, −2^(n−1)), 1] (one batched
    /// comparison and one batched multiply-by-bit), so out-of-range inputs give e^−14 ≈ 0 or e. See <see cref="ExpCore"/>.
    /// The exponent of the exact softmax; the op <c>Exp</c> is <see cref="Exp(TA)"/>, correct on the whole format.
    /// </summary>
    public TA ExpClamped(TA x, int iterations)
    {
        var format = Engine.FormatOf(x);
        var shape = Engine.ShapeOf(x);
        var n = shape.Elements;
        var low = ExpClampBound(iterations);
        var below = Engine.LessThan(x, [FixedPoint.FixedPointCodec.EncodeSigned(low, format), FixedPoint.FixedPointCodec.EncodeSigned(1.0, format)]);
        var gaps = Flatten([Engine.AddConstant(Engine.Negate(x), low), Engine.AddConstant(Engine.Negate(x), 1.0)]);
        var corrections = Split(Engine.MultiplyBit(gaps, Engine.GatherBits(below, Tensors.TensorShape.Vector(2 * n), Identity(2 * n))), [shape, shape]);

        // x' = x + [x < low]·(low − x) + [x ≥ 1]·(1 − x) = 1 + [x < low]·(low − x) − [x < 1]·(1 − x).
        var clamped = Engine.AddConstant(Engine.Subtract(corrections[0], corrections[1]), 1.0);
        return ExpCore(clamped, iterations);
    }

    /// <summary>The clamp bound of <see cref="Exp"/> for n iterations: −14, or −2^(n−1) when that is closer to 0.</summary>
    public static double ExpClampBound(int iterations) => -Math.Min(-ExpLowerBound, Math.ScaleB(1.0, iterations - 1));

    /// <summary>
    /// e^x ≈ p(t)^(2^(n−1)) with t = x/2^(n−1) and p(t) = 1 + t + t²/2 (second-order Taylor), valid for
    /// x ∈ [ExpClampBound(n), 1]. The first step needs one product: p = 1 + x·(x + 2^n)/2^(2f+2n−1) on the ring integers, exact up
    /// to one truncation; then n − 1 squarings, each truncated to W = ⌊(k − 6)/2⌋ working fraction bits (29 at k = 64, 13 at k = 32),
    /// the last one to the input's f. Cost: n fused multiply-and-truncate calls, less than the reference's
    /// (1 + x/2^n)^(2^n) (1 truncation + n products and truncations). Error on x ≤ 0: relative about 2^(n−1)·|t|³/6 = |x|³/(6·4^(n−1)), at most
    /// 1.39e−5 absolute for n = 8 and 1.02e−3 for n = 5 (largest near x = −3), where the reference's is 1.06e−3 and 8.5e−3;
    /// plus at most 2^n units of 2^−W from the truncations, and the output's unit.
    /// </summary>
    public TA ExpCore(TA x, int iterations)
    {
        var format = Engine.FormatOf(x);
        var (k, f, n) = (format.RingBits, format.FractionBits, iterations);
        var bound = -ExpClampBound(n);
        if (n < 1 || Math.Log2((bound * Math.ScaleB(1.0, (2 * f) + n)) + (bound * bound * Math.ScaleB(1.0, 2 * f))) >= k - 2)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations), iterations, $"exp: {iterations} iterations do not fit {format}; use 1 to {MaxExpIterations(format)}.");
        }

        var w = Math.Max(f, (k - 6) / 2);
        var first = n == 1 ? f : w;
        // x·2^(f+n) + x² = x·(x + 2^n) in ring integers: one fused product and truncation.
        var p = Engine.AddConstant(MultiplyShift(x, Engine.AddConstant(x, Math.ScaleB(1.0, n)), (2 * f) + (2 * n) - 1 - first, first), 1.0);
        for (var i = 1; i < n; i++)
        {
            var last = i == n - 1;
            p = MultiplyShift(p, p, last ? (2 * w) - f : w, last ? f : w);
        }

        return p;
    }

    /// <summary>
    /// The reference algorithm, (1 + x/2^n)^(2^n) (SPU's Taylor exp): one truncation to the working precision, then n
    /// squarings. Valid for x ∈ [−2^n, 1]; no clamping. Kept to measure <see cref="ExpCore"/> against.
    /// </summary>
    public TA ExpTaylor(TA x, int iterations)
    {
        var format = Engine.FormatOf(x);
        var (k, f, n) = (format.RingBits, format.FractionBits, iterations);
        var w = Math.Max(f, (k - 6) / 2);
        var v = Engine.AddConstant(Engine.Relabel(x, Fmt(x, f + n)), 1.0);
        v = ToFraction(v, w);
        for (var i = 0; i < n; i++)
        {
            var last = i == n - 1;
            v = MultiplyShift(v, v, last ? (2 * w) - f : w, last ? f : w);
        }

        return v;
    }

    private static int MaxExpIterations(FixedPoint.FixedPointFormat format)
    {
        var n = 1;
        while (Math.Log2((14 * Math.ScaleB(1.0, (2 * format.FractionBits) + n + 1)) + (196 * Math.ScaleB(1.0, 2 * format.FractionBits))) < format.RingBits - 2)
        {
            n++;
        }

        return n;
    }
}

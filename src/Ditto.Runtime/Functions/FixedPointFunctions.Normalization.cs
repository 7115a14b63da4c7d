using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Functions;

/// <summary>
/// Normalisation for reciprocal and rsqrt: the position of a positive value's leading one, as a one-hot bit vector, from
/// which bit injection makes any power-of-the-exponent factor in one step (2^−e to normalise, 2^−e/2 to compensate).
/// </summary>
public sealed partial class FixedPointFunctions<TA, TB>
{
    /// <summary>Above this many comparisons in total the one-hot comes from A2B and prefix-OR instead of a comparison ladder.</summary>
    private const long LadderBudget = 1 << 16;

    /// <summary>
    /// One bit per exponent e ∈ [eMin, eMax] (bit e − eMin), set when 2^e ≤ x &lt; 2^(e+1); all zero when x &lt; 2^eMin (so
    /// for x ≤ 0) or x ≥ 2^(eMax+1). Two ways, chosen by size (both compute the same bits):
    /// a ladder, one comparison call [x &lt; 2^e] for every e ∈ [eMin, eMax + 1] sharing one first round (6 rounds at k = 64,
    /// 30 B + 17.75 B per threshold), used when there are few thresholds or few elements; or A2B then prefix-OR from the
    /// top (8 + 6 rounds, about 215 B per element at k = 64), whose highest-one-bit p ⊕ (p ≫ 1) is the one-hot of every
    /// exponent at once (SPU's highestOneBit). Needs 2^(eMin+f) ≥ 1 and 2^(eMax+1+f) ≤ 2^(k−2); at equality the top
    /// threshold is the encoding's own limit, which every value is below, so it costs no comparison.
    /// </summary>
    private TB ExponentOneHot(TA x, int eMin, int eMax)
    {
        var format = Engine.FormatOf(x);
        var (k, f) = (format.RingBits, format.FractionBits);
        var width = eMax - eMin + 1;
        if (eMin + f < 0 || eMax + 1 + f > k - 2 || width < 1 || width > 63)
        {
            throw new ArgumentOutOfRangeException(nameof(eMax), $"exponents [{eMin}, {eMax}] do not fit {format}.");
        }

        var n = Engine.ShapeOf(x).Elements;
        if (width + 1 <= 12 || (long)n * (width + 1) <= LadderBudget)
        {
            var implicitTop = eMax + 1 + f == k - 2;
            var compared = implicitTop ? width : width + 1;
            var thresholds = Enumerable.Range(eMin, compared).Select(e => 1L << (e + f)).ToArray();
            var below = Engine.LessThan(x, thresholds);
            TB? word = implicitTop ? Engine.PublicBits(Enumerable.Repeat(1UL << width, n).ToArray(), Engine.ShapeOf(x), width + 1) : default;
            for (var j = 0; j < compared; j++)
            {
                var map = new int[n];
                for (var i = 0; i < n; i++)
                {
                    map[i] = (j * n) + i;
                }

                var row = Engine.ShiftLeftBits(Engine.GatherBits(below, Engine.ShapeOf(x), map), j, width + 1);
                word = word is null ? row : Engine.Xor(word, row);
            }

            var atLeast = Engine.Not(word!);
            return Engine.SliceBits(Engine.Xor(atLeast, Engine.ShiftRightBits(atLeast, 1)), 0, width);
        }

        return Engine.SliceBits(HighestOneBit(Engine.ToBits(x)), eMin + f, width);
    }

    /// <summary>
    /// The highest set bit of each element as a one-hot word (SPU's highestOneBit): prefix-OR from the top, then
    /// p ⊕ (p ≫ 1), local. 0 for 0. Cost: the prefix-OR's.
    /// </summary>
    public TB HighestOneBit(TB x)
    {
        var prefix = Engine.PrefixOr(x);
        return Engine.Xor(prefix, Engine.ShiftRightBits(prefix, 1));
    }

    /// <summary>For each weight function w(e), the secret Σ_e w(e)·onehot_e with <paramref name="fractionBits"/> fraction bits (one bit injection).</summary>
    private TA[] ExponentFactors(TA like, TB oneHot, int eMin, int fractionBits, params Func<int, double>[] weights)
    {
        var width = Engine.WidthOf(oneHot);
        var vectors = weights.Select(w => Enumerable.Range(0, width).Select(q => (long)Math.Round(Math.ScaleB(w(eMin + q), fractionBits), MidpointRounding.ToEven)).ToArray()).ToList();
        var format = Fmt(like, fractionBits);
        return [.. Engine.InjectBits(oneHot, format, vectors)];
    }

    /// <summary>x with shape <paramref name="shape"/> read as a vector and back: a free reshape of a bit tensor.</summary>
    private TB ReshapeBits(TB x, TensorShape shape) => Engine.GatherBits(x, shape, Identity(shape.Elements));
}

namespace Ditto.Runtime.Functions;

/// <summary>1/√x and √x by normalisation, a polynomial and a compensation factor (after SPU §3.4).</summary>
public sealed partial class FixedPointFunctions<TA, TB>
{
    private static readonly double[] RsqrtPolynomial64 = PolynomialFit.Chebyshev(t => 1 / Math.Sqrt(1.5 + t), 7, -0.5, 0.5);
    private static readonly double[] RsqrtPolynomial32 = PolynomialFit.Chebyshev(t => 1 / Math.Sqrt(1.5 + t), 3, -0.5, 0.5);
    private static readonly double[] SqrtPolynomial64 = PolynomialFit.Chebyshev(t => Math.Sqrt(1.5 + t), 7, -0.5, 0.5);
    private static readonly double[] SqrtPolynomial32 = PolynomialFit.Chebyshev(t => Math.Sqrt(1.5 + t), 3, -0.5, 0.5);

    /// <summary>1/√x for x &gt; 0 over the whole positive range of the format; x ≤ 0 gives 0 (within two units). See <see cref="RsqrtTo"/>.</summary>
    public TA Rsqrt(TA x) => RsqrtTo(x, Engine.FormatOf(x).FractionBits);

    /// <summary>√x for x ≥ 0 over the whole range (x ≤ 0 gives 0): the same normalisation, a polynomial for √c and 2^(e/2).</summary>
    public TA Sqrt(TA x) => HalfPower(x, inverse: false, Engine.FormatOf(x).FractionBits);

    /// <summary>
    /// 1/√x with <paramref name="resultFraction"/> fraction bits. The one-hot of x's exponent e gives two factors in one bit
    /// injection: 2^−e (normalisation, so c = x·2^−e ∈ [1, 2)) and 2^−e/2 (compensation, with resultFraction + 2 fraction
    /// bits: its rounding stays a quarter unit of the result). 1/√c comes from a Chebyshev-fitted polynomial in t = c − 1.5
    /// (degree 7 at k = 64: relative error 3.4e−7; degree 3 at k = 32: 5.4e−4), evaluated with W fraction bits, where W
    /// leaves room for the compensation (at most 2^(f/2)). Rounds at k = 64: normalisation (6 by ladder, 14 by A2B) + 2
    /// (injection) + 3 (c) + 11 (polynomial: 3 product levels and the sum) + 3 (compensation).
    /// </summary>
    private TA RsqrtTo(TA x, int resultFraction) => HalfPower(x, inverse: true, resultFraction);

    /// <summary>x^(∓1/2): see <see cref="RsqrtTo"/>; for √x the compensation is 2^(e/2), up to 2^((k−3−f)/2).</summary>
    private TA HalfPower(TA x, bool inverse, int resultFraction)
    {
        var format = Engine.FormatOf(x);
        var (k, f) = (format.RingBits, format.FractionBits);
        var (eMin, eMax) = (-f, k - 3 - f);
        var normalise = k - 3 - f;

        // Room in the last product: y (W bits; at most 1 for 1/√c, below 2 for √c) times the compensation (F bits, up to 2^largest).
        var largest = inverse ? (f + 1) / 2 : ((eMax + 1) / 2) + 1;
        var budget = k - 3 - largest;
        var compensate = Math.Min(resultFraction + 2, budget - 10);
        var w = Math.Min((k - 3) / 2, budget - compensate);
        if (compensate < resultFraction - 2 || w < 8)
        {
            throw new ArgumentOutOfRangeException(nameof(resultFraction), resultFraction, $"{(inverse ? "rsqrt" : "sqrt")}: {resultFraction} result fraction bits leave too little room in {format}.");
        }

        var sign = inverse ? -1 : 1;
        var oneHot = ExponentOneHot(x, eMin, eMax);
        var factors = ExponentFactors(x, oneHot, eMin, 0, e => Math.ScaleB(1.0, normalise - e), e => Math.Pow(2, compensate + (sign * e / 2.0)));
        var t = Engine.AddConstant(MultiplyShift(x, Engine.Relabel(factors[0], Fmt(x, normalise)), k - 3 - w, w), -1.5);
        var coefficients = (inverse, k) switch
        {
            (true, 64) => RsqrtPolynomial64,
            (true, _) => RsqrtPolynomial32,
            (false, 64) => SqrtPolynomial64,
            _ => SqrtPolynomial32,
        };
        var y = Polynomial(t, coefficients, Math.Min(20, k - 3 - w - 2));
        return MultiplyShift(y, Engine.Relabel(factors[1], Fmt(x, compensate)), w + compensate - resultFraction, resultFraction);
    }
}

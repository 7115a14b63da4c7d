namespace Ditto.Runtime.Functions;

/// <summary>1/x and x/y by normalisation and Goldschmidt iterations (SPU §3.3, with our normalisation).</summary>
public sealed partial class FixedPointFunctions<TA, TB>
{
    /// <summary>
    /// 1/x for x of either sign, with <paramref name="iterations"/> Goldschmidt iterations. The exponents of x and of −x come
    /// from one batched normalisation (<see cref="ExponentOneHot"/>), so sign(x)·2^−e is one bit injection and no select is
    /// needed; c = x·sign(x)·2^−e ∈ [1, 2); r ≈ 1/c; 1/x = r·sign(x)·2^−e. Inputs with |x| above 2^F (F below) give 0,
    /// within one unit of the true 1/x; x = 0 gives 0. Relative error about 0.0718^(2^iterations) plus 2^−L (L the
    /// intermediate's bits, 23 at fxp64.18); iterations that cannot improve on 2^−L are skipped.
    /// </summary>
    public TA Reciprocal(TA x, int iterations)
    {
        var format = Engine.FormatOf(x);
        return ReciprocalCore(x, -format.FractionBits, int.MaxValue, signed: true, iterations);
    }

    /// <summary>x / y = x·(1/y) (same format).</summary>
    public TA Divide(TA x, TA y, int iterations)
    {
        var f = Engine.FormatOf(x).FractionBits;
        return MultiplyShift(x, Reciprocal(y, iterations), f, f);
    }

    /// <summary>
    /// 1/x for x whose exponent lies in [eMin, eMax] (eMax = int.MaxValue: as large as the precision allows), with
    /// <paramref name="resultFraction"/> fraction bits (default: x's); positive only unless <paramref name="signed"/>.
    /// x &lt; 2^eMin gives 0. The factor 2^−e gets F fraction bits and the Goldschmidt result r ≈ 1/c gets L, chosen so that
    /// x·2^−e and r·2^−e fit the ring (F − eMin ≤ k − 3, L + F − eMin ≤ k − 3) while F covers results down to a quarter unit.
    /// </summary>
    private TA ReciprocalCore(TA x, int eMin, int eMax, bool signed, int iterations, int? resultFraction = null)
    {
        var format = Engine.FormatOf(x);
        var (k, f) = (format.RingBits, format.FractionBits);
        var result = resultFraction ?? f;
        var shape = Engine.ShapeOf(x);
        var w = (k - 3) / 2;
        var factorBits = Math.Min(k - 4 - f, Math.Max(result + 2, k - 3 + eMin - (w + 1)));
        var last = Math.Min(w + 1, k - 3 - factorBits + eMin);
        eMax = Math.Min(eMax, Math.Min(factorBits, k - 4 - f));
        if (iterations < 0 || last < 6 || last + factorBits < result || factorBits - eMin > k - 3)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations), $"reciprocal: {iterations} iterations, exponents from {eMin} and {result} result bits do not fit {format}.");
        }

        TA factor;
        if (signed)
        {
            var both = ExponentOneHot(Flatten([x, Engine.Negate(x)]), eMin, eMax);
            var factors = Split(ExponentFactors(x, both, eMin, factorBits, e => Math.ScaleB(1.0, -e))[0], [shape, shape]);
            factor = Engine.Subtract(factors[0], factors[1]);
        }
        else
        {
            factor = ExponentFactors(x, ExponentOneHot(x, eMin, eMax), eMin, factorBits, e => Math.ScaleB(1.0, -e))[0];
        }

        var c = MultiplyShift(x, factor, f + factorBits - w, w);
        var r = Goldschmidt(c, Math.Min(iterations, UsefulIterations(last)), last);
        return MultiplyShift(r, factor, last + factorBits - result, result);
    }

    /// <summary>
    /// Iterations beyond this cannot change a result of <paramref name="bits"/> bits: after i iterations the relative error is
    /// 0.0718^(2^i), below 2^−bits once 2^i·3.8 ≥ bits (3 for 23 to 30 bits, 2 for 8 to 15). Extra requested iterations
    /// are skipped, saving their rounds.
    /// </summary>
    private static int UsefulIterations(int bits) => Math.Max(1, (int)Math.Ceiling(Math.Log2(bits / -Math.Log2(0.0718))));

    /// <summary>
    /// 1/c for c ∈ [1, 2) with W fraction bits: w0 = (2√3 − 2) − c/2 (the best line of slope −1/2, |1 − c·w0| ≤ 0.0718),
    /// e0 = 1 − c·w0, then r ← r(1 + e), e ← e² (both in one fused multiply-and-truncate call). r keeps W + 1 fraction bits
    /// (w0 is exact there); the result has <paramref name="resultFraction"/>.
    /// </summary>
    private TA Goldschmidt(TA c, int iterations, int resultFraction)
    {
        var w = Engine.FormatOf(c).FractionBits;
        var r = Engine.AddConstant(Engine.Negate(Engine.Relabel(c, Fmt(c, w + 1))), (2 * Math.Sqrt(3)) - 2);
        if (iterations == 0)
        {
            return ToFraction(r, resultFraction);
        }

        var e = Engine.AddConstant(Engine.Negate(MultiplyShift(c, r, w + 1, w)), 1.0);
        for (var i = 1; i <= iterations; i++)
        {
            var onePlus = Engine.AddConstant(e, 1.0);
            if (i == iterations)
            {
                return MultiplyShift(r, onePlus, (2 * w) + 1 - resultFraction, resultFraction);
            }

            var shifted = MultiplyShiftAll([(r, onePlus, w, w + 1), (e, e, w, w)]);
            (r, e) = (shifted[0], shifted[1]);
        }

        return r;
    }
}

namespace Ditto.Runtime.Functions;

/// <summary>Polynomials with public coefficients: powers by levels of batched products, one truncation for the sum.</summary>
public sealed partial class FixedPointFunctions<TA, TB>
{
    /// <summary>
    /// t, t², …, t^degree, all with t's fraction bits F: level by level (t², then t³ and t⁴, then t⁵…t⁸), each level one
    /// fused multiply-and-truncate call, so ⌈log2 degree⌉ levels. |t| must keep t^(2i)·2^(2F) below 2^(k−2).
    /// </summary>
    private TA[] Powers(TA t, int degree)
    {
        var f = Engine.FormatOf(t).FractionBits;
        var powers = new TA[degree + 1];
        powers[1] = t;
        for (var have = 1; have < degree; have *= 2)
        {
            var pairs = new List<(TA, TA, int, int)>();
            var targets = new List<int>();
            for (var p = have + 1; p <= Math.Min(2 * have, degree); p++)
            {
                pairs.Add((powers[have], powers[p - have], f, f));
                targets.Add(p);
            }

            var shifted = MultiplyShiftAll(pairs);
            for (var i = 0; i < targets.Count; i++)
            {
                powers[targets[i]] = shifted[i];
            }
        }

        return powers;
    }

    /// <summary>
    /// Σ c_i·p_i + c_0 for secret values p_i (all with F fraction bits) and public coefficients: each c_i is encoded with C
    /// extra fraction bits and multiplied exactly, the terms are summed, and one truncation by C brings the sum back to
    /// F bits, or to <paramref name="resultFraction"/> when given. Needs |Σ c_i·p_i|·2^(F + C) below 2^(k−2).
    /// </summary>
    private TA Combine(IReadOnlyList<TA> values, IReadOnlyList<double> coefficients, double constant, int extraBits, int? resultFraction = null)
    {
        var f = Engine.FormatOf(values[0]).FractionBits;
        var target = resultFraction ?? f;
        return Engine.AddConstant(ShiftDown(WeightedSum(values, coefficients, extraBits), f + extraBits - target, target), constant);
    }

    /// <summary>Σ c_i·p_i with each c_i encoded with <paramref name="extraBits"/> fraction bits: exact, not truncated (its integer has F + C fraction bits).</summary>
    private TA WeightedSum(IReadOnlyList<TA> values, IReadOnlyList<double> coefficients, int extraBits)
    {
        TA? sum = default;
        for (var i = 0; i < values.Count; i++)
        {
            if (coefficients[i] == 0)
            {
                continue;
            }

            var c = (long)Math.Round(Math.ScaleB(coefficients[i], extraBits), MidpointRounding.ToEven);
            var term = Engine.MultiplyInteger(values[i], c);
            sum = sum is null ? term : Engine.Add(sum, term);
        }

        return sum ?? throw new ArgumentException("weighted sum: every coefficient is zero.", nameof(coefficients));
    }

    /// <summary>Σ_i a_i·t^i for i = 0..degree (monomial coefficients), t with F fraction bits.</summary>
    private TA Polynomial(TA t, IReadOnlyList<double> coefficients, int extraBits)
    {
        var powers = Powers(t, coefficients.Count - 1);
        return Combine(powers[1..], coefficients.Skip(1).ToList(), coefficients[0], extraBits);
    }
}

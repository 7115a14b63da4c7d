using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Functions;

/// <summary>LayerNorm and RMSNorm over the last axis.</summary>
public sealed partial class FixedPointFunctions<TA, TB>
{
    /// <summary>
    /// (x − μ)·γ/√(var + eps) + β over the last axis (width d), with headroom for outliers:
    /// μ = Σx/d (a local sum, one truncation); c = x − μ is centred first, so the squares see the spread, not the offset;
    /// c² and c·γ are one batched product; c² is truncated before the row sum (at k = 64 the sum of 768 squares of 500 at
    /// f = 18 is 2^45.5, far inside the ring); var = Σc²/d. In a 32-bit ring c is first shifted down by p bits
    /// (p = ⌈(2f + 18 − (k − 3))/2⌉, 3 for fxp32.8) so that |c| up to 512 can be squared; the row sum then needs
    /// d·var &lt; 2^(k−3−f). r = 1/√(var + eps) is taken with extra fraction bits (f + 8 at k = 64, 12 at k = 32) because
    /// a row with outliers has a small r, and y = (c·γ)·r + β with one more truncation. A constant row (var = 0 and eps
    /// below the format's resolution) gives r = 0 and y = β, the true limit.
    /// </summary>
    public TA LayerNorm(TA x, TA gamma, TA beta, double eps) => Normalize(x, gamma, beta, eps, centre: true);

    /// <summary>
    /// RMSNorm, x·γ/√(mean(x²) + eps) over the last axis: <see cref="LayerNorm"/>'s steps without the centring and without
    /// β (the same shift for the squares in a 32-bit ring, the same rsqrt with extra fraction bits, the same final
    /// truncation). A zero row gives 0.
    /// </summary>
    public TA RmsNorm(TA x, TA gamma, double eps) => Normalize(x, gamma, null, eps, centre: false);

    private TA Normalize(TA x, TA gamma, TA? beta, double eps, bool centre)
    {
        var op = centre ? "LayerNorm" : "RmsNorm";
        var format = Engine.FormatOf(x);
        var (k, f) = (format.RingBits, format.FractionBits);
        var shape = Engine.ShapeOf(x);
        var d = shape[-1];
        if (Engine.ShapeOf(gamma).Elements != d || (beta is not null && Engine.ShapeOf(beta).Elements != d))
        {
            throw new ArgumentException($"{op} over width {d} of [{shape}] needs γ{(beta is null ? string.Empty : " and β")} of {d} values, not [{Engine.ShapeOf(gamma)}]{(beta is null ? string.Empty : $" and [{Engine.ShapeOf(beta)}]")}.");
        }

        // γ and β may come in the weights' format; they join x's (free when the formats agree).
        gamma = Engine.Cast(gamma, format);
        var g = Engine.Gather(gamma, shape, Engine.ShapeOf(gamma).Rank == 1 ? TensorLayout.BroadcastMap(Engine.ShapeOf(gamma), shape) : Columns(shape));
        var b = beta is null ? null : Engine.Gather(beta = Engine.Cast(beta, format), shape, Engine.ShapeOf(beta).Rank == 1 ? TensorLayout.BroadcastMap(Engine.ShapeOf(beta), shape) : Columns(shape));
        var centred = x;
        if (centre)
        {
            var mean = Scale(Engine.SumLastAxis(x), 1.0 / d);
            centred = Engine.Subtract(x, BroadcastRows(mean, shape));
        }

        var shift = Math.Max(0, (int)Math.Ceiling(((2 * f) + 18 - (k - 3)) / 2.0));
        var coarse = shift == 0 ? centred : ShiftDown(centred, shift, f - shift);
        var scaled = MultiplyShiftAll([(coarse, coarse, f - (2 * shift), f), (centred, g, f, f)]);
        var variance = Scale(Engine.SumLastAxis(scaled[0]), 1.0 / d);

        var rFraction = k == 64 ? f + 8 : Math.Min(12, k - 3 - f);
        var r = RsqrtTo(Engine.AddConstant(variance, eps), rFraction);
        var y = MultiplyShift(scaled[1], BroadcastRows(r, shape), rFraction, f);
        return b is null ? y : Engine.Add(y, b);
    }

    /// <summary>The map that broadcasts a [d] (or [1, d]) row over [..., d].</summary>
    private static int[] Columns(TensorShape shape)
    {
        var d = shape[-1];
        var map = new int[shape.Elements];
        for (var i = 0; i < map.Length; i++)
        {
            map[i] = i % d;
        }

        return map;
    }
}

using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Functions;

/// <summary>A piecewise-polynomial SiLU in PUMA's style (its GeLU's segments, refitted for x·σ(x)).</summary>
public sealed partial class FixedPointFunctions<TA, TB>
{
    /// <summary>The segments' edge: 0 below −6, x above 6 (|SiLU(±6) − {0, 6}| = 0.0148).</summary>
    private const double SiluEdge = 6;

    // x/2 + P(u) with u = (x/6)² on [−6, 6]: x·(σ(x) − ½) is even, so P is a polynomial in x². Coefficients of u⁰ … u⁵, a
    // least-squares fit reweighted towards minimax (Lawson); |P(u) − x·(σ(x) − ½)| ≤ 0.0052 on the segment.
    private static readonly double[] SiluMiddle = [0.005171769510246253, 8.470350814597875, -17.7479154536222, 27.42077961449814, -22.40005771271522, 7.2420590904406135];

    /// <summary>
    /// SiLU by segments: the comparisons x &lt; −6 and x ≤ 6 as one comparison call (shared first round), u = x²/36 in one
    /// fused product (x times x·⌊2^20/36⌉, exact to 4e−6 relative), u², then u³ and u⁴ in one call, u⁵, the polynomial as
    /// one weighted sum truncated in one call, and b(x &gt; 6)·x + b(middle)·(x/2 + P(u)) as one batched multiply-by-bit.
    /// Error against x·σ(x): at most 0.0149 (at the edges), plus a few units of the format. Needs a 64-bit format: the
    /// powers of u need more fraction bits than a 32-bit ring holds (use the sigmoid form there).
    /// </summary>
    public TA SiluPiecewise(TA x)
    {
        var format = Engine.FormatOf(x);
        var (k, f) = (format.RingBits, format.FractionBits);
        if (k != 64 || f < 12)
        {
            throw new ArgumentException($"SiLU's piecewise polynomial needs a 64-bit format with at least 12 fraction bits, not {format}; choose the sigmoid form (SiluApproximation.Sigmoid) for this precision.");
        }

        var shape = Engine.ShapeOf(x);
        var rows = Engine.LessThan(x, [FixedPointCodec.EncodeSigned(-SiluEdge, format), FixedPointCodec.EncodeSigned(SiluEdge, format) + 1]);
        var (below, atMost) = (Row(rows, 0, shape), Row(rows, 1, shape));
        var above = Engine.Not(atMost);
        var middle = Engine.Xor(atMost, below);

        TA polynomial;
        using (Engine.Discarding("the polynomial outside its segment"))
        {
            const int scaleBits = 20;
            var u = MultiplyShift(x, Engine.MultiplyInteger(x, (long)Math.Round(Math.ScaleB(1.0 / (SiluEdge * SiluEdge), scaleBits))), f + scaleBits, f);
            var u2 = MultiplyShift(u, u, f, f);
            var level = MultiplyShiftAll([(u, u2, f, f), (u2, u2, f, f)]);
            var u5 = MultiplyShift(u, level[1], f, f);
            var extra = Math.Min(24, k - 5 - f);
            polynomial = Combine([x, u, u2, level[0], level[1], u5], [0.5, .. SiluMiddle[1..]], SiluMiddle[0], extra);
        }

        var selected = Split(Engine.MultiplyBit(Flatten([x, polynomial]), ReshapeBits(Engine.ConcatBits([above, middle]), TensorShape.Vector(2 * shape.Elements))), [shape, shape]);
        return Engine.Add(selected[0], selected[1]);
    }
}

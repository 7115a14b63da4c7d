using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Functions;

/// <summary>PUMA's piecewise-polynomial GeLU.</summary>
public sealed partial class FixedPointFunctions<TA, TB>
{
    // PUMA's published segments (PUMA §4.2): 0 below −4; F0 on [−4, −1.95); F1 on [−1.95, 3]; x above 3.
    private static readonly double[] PumaF0 = [-0.5054031199708174, -0.42226581151983866, -0.11807612951181953, -0.011034134030615728];
    private static readonly double[] PumaF1 = [0.008526321541038084, 0.5, 0.3603292692789629, 0, -0.037688200365904236, 0, 0.0018067462606141187];

    /// <summary>
    /// PUMA's GeLU: the three comparisons x &lt; −4, x &lt; −1.95, x ≤ 3 as one comparison call (shared first round), the
    /// segment indicators by XOR (local), the powers x², x³ and x⁴, x⁶ in three product levels, F0 and F1 each as one
    /// weighted sum truncated in one call, and b(x&gt;3)·x + b(F0)·F0 + b(F1)·F1 as one batched multiply-by-bit.
    /// Approximation error against erf-GeLU 0.0199 (largest at x = 3), plus a few units of the format from the products.
    /// Inputs outside the segments make the unused polynomials overflow; the selection multiplies those by exactly 0.
    /// </summary>
    public TA GeluPuma(TA x)
    {
        var format = Engine.FormatOf(x);
        var (k, f) = (format.RingBits, format.FractionBits);
        var shape = Engine.ShapeOf(x);
        var rows = Engine.LessThan(x, [FixedPointCodec.EncodeSigned(-4, format), FixedPointCodec.EncodeSigned(-1.95, format), FixedPointCodec.EncodeSigned(3, format) + 1]);
        var (below4, below195, atMost3) = (Row(rows, 0, shape), Row(rows, 1, shape), Row(rows, 2, shape));
        var above3 = Engine.Not(atMost3);
        var middle = Engine.Xor(atMost3, below195);
        var left = Engine.Xor(below195, below4);

        TA[] sums;
        using (Engine.Discarding("the polynomials outside their segments"))
        {
            var x2 = MultiplyShift(x, x, f, f);
            var level2 = MultiplyShiftAll([(x, x2, f, f), (x2, x2, f, f)]);
            var (x3, x4) = (level2[0], level2[1]);
            var x6 = MultiplyShift(x3, x3, f, f);
            var extra = Math.Min(24, k - 5 - f);
            sums = ShiftDownAll([(WeightedSum([x, x2, x3], PumaF0[1..], extra), extra, f), (WeightedSum([x, x2, x4, x6], [PumaF1[1], PumaF1[2], PumaF1[4], PumaF1[6]], extra), extra, f)]);
        }

        var f0 = Engine.AddConstant(sums[0], PumaF0[0]);
        var f1 = Engine.AddConstant(sums[1], PumaF1[0]);

        var selected = Split(Engine.MultiplyBit(Flatten([x, f0, f1]), ReshapeBits(Engine.ConcatBits([above3, left, middle]), TensorShape.Vector(3 * shape.Elements))), [shape, shape, shape]);
        return Engine.Add(Engine.Add(selected[0], selected[1]), selected[2]);
    }

    /// <summary>Row j of a [rows, ...shape] bit tensor, with shape.</summary>
    private TB Row(TB bits, int j, TensorShape shape)
    {
        var n = shape.Elements;
        var map = new int[n];
        for (var i = 0; i < n; i++)
        {
            map[i] = (j * n) + i;
        }

        return Engine.GatherBits(bits, shape, map);
    }
}

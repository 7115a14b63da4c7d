using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Functions;

/// <summary>The tanh form of GeLU with tanh as SPU's Chebyshev series.</summary>
public sealed partial class FixedPointFunctions<TA, TB>
{
    // SPU's tanh: tanh(5y) ≈ Σ_i c_i·T_(2i+1)(y) on y ∈ [−1, 1] (odd Chebyshev polynomials up to T_17).
    private static readonly double[] TanhChebyshev = [1.2514045938932097, -0.3655987797163166, 0.17253141478140663, -0.08943445792774211, 0.047703017901250824, -0.025830290571688078, 0.014338801903468182, -0.008541730970059077, 0.0061230685785789475];

    private static readonly double GeluScale = Math.Sqrt(2 / Math.PI);

    /// <summary>Where √(2/π)(x + 0.044715x³) = 5: beyond ±this, tanh is clamped to ±1 (SPU clamps its argument to [−5, 5]).</summary>
    private static readonly double TanhEdge = Bisect(x => (GeluScale * (x + (0.044715 * x * x * x))) - 5, 0, 10);

    /// <summary>
    /// 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))) with tanh(z) = Σ c_i·T_(2i+1)(z/5), SPU's degree-17 Chebyshev series. The
    /// odd Chebyshev polynomials are built by T_(m+n) = 2T_m·T_n − T_|m−n| in five product levels (values stay in [−1, 1], so
    /// no cancellation), with W working fraction bits. Where the argument passes ±5 (|x| &gt; 3.805), one comparison call
    /// and one multiply-by-bit select x or 0 instead, so the polynomial's overflow outside is discarded.
    /// Error against tanh-GeLU: 0.0135 from the series, plus a few units of the format.
    /// </summary>
    public TA GeluTanh(TA x)
    {
        var format = Engine.FormatOf(x);
        var (k, f) = (format.RingBits, format.FractionBits);
        var shape = Engine.ShapeOf(x);
        var w = Math.Min(f + 8, (k - 4) / 2);
        var rows = Engine.LessThan(x, [FixedPointCodec.EncodeSigned(-TanhEdge, format), FixedPointCodec.EncodeSigned(TanhEdge, format) + 1]);
        var (below, atMost) = (Row(rows, 0, shape), Row(rows, 1, shape));
        var middle = Engine.Xor(atMost, below);
        var above = Engine.Not(atMost);

        TA inner;
        using (Engine.Discarding("the series beyond its edges"))
        {
            var x2 = MultiplyShift(x, x, f, f);
            var x3 = MultiplyShift(x, x2, f, f);
            var extra = Math.Min(24, k - 4 - w);
            var y = Combine([x, x3], [GeluScale / 5, GeluScale * 0.044715 / 5], 0, extra + w - f, w);

            var t = new TA?[18];
            t[1] = y;
            (int Target, int A, int B, int Minus)[][] levels =
            [
                [(2, 1, 1, 0)],
                [(3, 1, 2, 1), (4, 2, 2, 0)],
                [(5, 2, 3, 1), (6, 3, 3, 0), (7, 3, 4, 1), (8, 4, 4, 0)],
                [(9, 4, 5, 1), (11, 5, 6, 1), (13, 6, 7, 1), (15, 7, 8, 1)],
                [(17, 8, 9, 1)],
            ];
            foreach (var level in levels)
            {
                var doubled = MultiplyShiftAll([.. level.Select(s => (t[s.A]!, t[s.B]!, w - 1, w))]);
                for (var i = 0; i < level.Length; i++)
                {
                    t[level[i].Target] = level[i].Minus == 0 ? Engine.AddConstant(doubled[i], -1.0) : Engine.Subtract(doubled[i], t[1]!);
                }
            }

            var tanh = Combine([.. Enumerable.Range(0, 9).Select(i => t[(2 * i) + 1]!)], TanhChebyshev, 1.0, extra);
            inner = MultiplyShift(x, tanh, w + 1, f);
        }

        var selected = Split(Engine.MultiplyBit(Flatten([inner, x]), ReshapeBits(Engine.ConcatBits([middle, above]), TensorShape.Vector(2 * shape.Elements))), [shape, shape]);
        return Engine.Add(selected[0], selected[1]);
    }

    private static double Bisect(Func<double, double> g, double lo, double hi)
    {
        for (var i = 0; i < 100; i++)
        {
            var mid = (lo + hi) / 2;
            (lo, hi) = g(mid) < 0 ? (mid, hi) : (lo, mid);
        }

        return (lo + hi) / 2;
    }
}

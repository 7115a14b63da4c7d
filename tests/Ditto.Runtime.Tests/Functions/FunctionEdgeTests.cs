using Ditto.Runtime.Backends;
using Ditto.Runtime.Engines.Secret;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Protocols;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.Functions.FunctionAccuracyTests;

namespace Ditto.Runtime.Tests.Functions;

/// <summary>
/// Edge inputs on the three-party engine, in both rings: zero, one unit, the most negative and the largest encodable
/// values (±2^(k−2−f)), and inputs outside a function's range, which give the documented result (clamped or zero), never
/// garbage. "Units" are the output format's last place; two allow the secure truncation's floor + 1.
/// </summary>
public class FunctionEdgeTests
{
    public static TheoryData<int> Rings => [32, 64];

    [Theory]
    [MemberData(nameof(Rings))]
    public void ExpClampsBelowAtMinus14AndAboveAt1(int ring)
    {
        var f = FunctionEquivalenceTests.Format(ring);
        var n = ring == 64 ? 8 : 5;
        float[] x = [0, -(float)f.Ulp, -14, -15, -1000, Lowest(f), 1, 2, 1000, Highest(f)];
        var got = Secure(x, f, (fn, v) => fn.ExpClamped(v, n));
        var tolerance = ring == 64 ? 2.2e-5 : 1.3e-2;
        Assert.InRange(got[0], 1 - tolerance, 1 + tolerance);
        Assert.InRange(got[2], 0, Math.Exp(-14) + tolerance);
        for (var i = 3; i <= 5; i++)
        {
            // Below the clamp the result is e^−14 ≈ 8.3e−7: zero to within the format.
            Assert.InRange(got[i], 0, Math.Exp(-14) + tolerance);
        }

        for (var i = 6; i < x.Length; i++)
        {
            // Above the clamp (x ≥ 1) the result is e.
            Assert.InRange(got[i], Math.E - (3 * tolerance), Math.E + (3 * tolerance));
        }
    }

    [Theory]
    [MemberData(nameof(Rings))]
    public void ReciprocalOfZeroIsZeroAndOfHugeValuesIsZeroToWithinAUnit(int ring)
    {
        var f = FunctionEquivalenceTests.Format(ring);
        float[] x = [0, (float)f.Ulp, -(float)f.Ulp, Lowest(f), Highest(f), 1, -1];
        var got = Secure(x, f, (fn, v) => fn.Reciprocal(v, 3));
        Assert.InRange(Math.Abs(got[0]), 0, 2 * f.Ulp);
        // 1/ulp = 2^f: at the top of the Goldschmidt precision, 1e−3 relative.
        Assert.InRange(got[1], Math.ScaleB(1, f.FractionBits) * 0.999, Math.ScaleB(1, f.FractionBits) * 1.001);
        Assert.InRange(got[2], -Math.ScaleB(1, f.FractionBits) * 1.001, -Math.ScaleB(1, f.FractionBits) * 0.999);
        Assert.InRange(Math.Abs(got[3]), 0, 2 * f.Ulp);
        Assert.InRange(Math.Abs(got[4]), 0, 2 * f.Ulp);
        Assert.InRange(got[5], 1 - (2 * f.Ulp) - 1e-3, 1 + (2 * f.Ulp));
        Assert.InRange(got[6], -1 - (2 * f.Ulp), -1 + (2 * f.Ulp) + 1e-3);
    }

    [Theory]
    [MemberData(nameof(Rings))]
    public void RsqrtAndSqrtOfZeroAndNegativesAreZeroAndTheLargestValueWorks(int ring)
    {
        var f = FunctionEquivalenceTests.Format(ring);
        float[] x = [0, -1, Lowest(f), (float)f.Ulp, Highest(f)];
        var r = Secure(x, f, (fn, v) => fn.Rsqrt(v));
        var s = Secure(x, f, (fn, v) => fn.Sqrt(v));
        for (var i = 0; i < 3; i++)
        {
            Assert.InRange(Math.Abs(r[i]), 0, 2 * f.Ulp);
            Assert.InRange(Math.Abs(s[i]), 0, 2 * f.Ulp);
        }

        Assert.InRange(r[3], Math.ScaleB(1, f.FractionBits / 2) * 0.999, Math.ScaleB(1, f.FractionBits / 2) * 1.001);
        Assert.InRange(Math.Abs(r[4] - (1 / Math.Sqrt(x[4]))), 0, 2 * f.Ulp);
        Assert.InRange(s[4], Math.Sqrt(x[4]) * 0.999, Math.Sqrt(x[4]) * 1.001);
    }

    [Theory]
    [MemberData(nameof(Rings))]
    public void GeluAndReluAtTheExtremesSelectZeroOrX(int ring)
    {
        var f = FunctionEquivalenceTests.Format(ring);
        float[] x = [0, Lowest(f), Highest(f), -4, -1.95f, 3, -100, 100];
        var puma = Secure(x, f, (fn, v) => fn.GeluPuma(v));
        var tanh = Secure(x, f, (fn, v) => fn.GeluTanh(v));
        var relu = Secure(x, f, (fn, v) => fn.Relu(v));
        foreach (var got in new[] { puma, tanh, relu })
        {
            // Outside the polynomials' segments the result is exactly 0 or exactly x, whatever the polynomial overflowed to.
            Assert.Equal(0f, got[1]);
            Assert.Equal(x[2], got[2]);
            Assert.Equal(0f, got[6]);
            Assert.Equal(100f, got[7]);
        }

        Assert.Equal(0f, relu[0]);
        Assert.InRange(Math.Abs(puma[0]), 0, 0.02);
        Assert.InRange(Math.Abs(tanh[0]), 0, 2 * f.Ulp);
        for (var i = 3; i <= 5; i++)
        {
            Assert.InRange(Math.Abs(puma[i] - Scalar.Gelu(x[i], GeluVariant.Erf)), 0, 0.02 + (4 * f.Ulp));
        }
    }

    [Theory]
    [MemberData(nameof(Rings))]
    public void GeluQuadIsExactInsideItsDocumentedRange(int ring)
    {
        // 0.125·x·(x + 2) + 0.5 needs |x·(x + 2)|·2^(2f) < 2^(k−2): |x| below 8190 in fxp64.18 and 126 in fxp32.8.
        var f = FunctionEquivalenceTests.Format(ring);
        var edge = ring == 64 ? 8000f : 120f;
        float[] x = [0, -2, edge, -edge];
        var got = Secure(x, f, (fn, v) => fn.GeluQuad(v));
        for (var i = 0; i < x.Length; i++)
        {
            Assert.InRange(Math.Abs(got[i] - Scalar.Gelu(x[i], GeluVariant.Quad)), 0, 2 * f.Ulp);
        }
    }

    [Theory]
    [MemberData(nameof(Rings))]
    public void MaxAndSoftmaxHandleExtremeRows(int ring)
    {
        var f = FunctionEquivalenceTests.Format(ring);
        var shape = new TensorShape(4, 8);
        float[] x =
        [
            Lowest(f), Highest(f), 0, 0, 0, 0, 0, 0,       // extreme spread: one-hot
            3, 3, 3, 3, 3, 3, 3, 3,                        // equal values: uniform
            0, -10000, 1, -10000, 2, -10000, 3, -10000,    // masked-style scores: those entries are 0
            Lowest(f), Lowest(f), Lowest(f), Lowest(f), Lowest(f), Lowest(f), Lowest(f), Lowest(f),
        ];
        var max = Secure(x, f, (fn, v) => fn.Max(v), shape);
        Assert.Equal([Highest(f), 3f, 3f, Lowest(f)], max);
        var soft = Secure(x, f, (fn, v) => fn.Softmax(v, new Approximations { ExpIterations = ring == 64 ? 8 : 5 }, null, false), shape);
        var tolerance = ring == 64 ? 1e-4 : 3 * f.Ulp;
        Assert.InRange(soft[1], 1 - tolerance, 1 + tolerance);
        Assert.All(soft.Take(8).Where((_, i) => i != 1), v => Assert.InRange(v, 0, tolerance));
        Assert.All(soft.Skip(8).Take(8), v => Assert.InRange(v, 0.125 - tolerance, 0.125 + tolerance));
        Assert.All(new[] { 17, 19, 21, 23 }, i => Assert.InRange(soft[i], 0, tolerance));
        Assert.All(soft.Skip(24), v => Assert.InRange(v, 0.125 - tolerance, 0.125 + tolerance));
    }

    [Theory]
    [MemberData(nameof(Rings))]
    public void SoftmaxOfOneColumnIsOneAndTwoReluOfANegativeRowIsZero(int ring)
    {
        var f = FunctionEquivalenceTests.Format(ring);
        var single = Secure([-3f, 0f, 7f], f, (fn, v) => fn.Softmax(v, new Approximations { ExpIterations = 5 }, null, false), new TensorShape(3, 1));
        Assert.All(single, v => Assert.InRange(v, 1 - (2 * f.Ulp), 1 + (2 * f.Ulp)));

        // 2ReLU divides by the row's sum of ReLUs; a row with no positive entry sums to 0 and, as documented, gives zeros.
        float[] x = [-1, -2, -3, -4, 1, -1, 3, 0];
        var relu = Secure(x, f, (fn, v) => fn.Softmax(v, new Approximations { Softmax = SoftmaxApproximation.TwoRelu }, null, false), new TensorShape(2, 4));
        Assert.All(relu.Take(4), v => Assert.InRange(v, 0, 2 * f.Ulp));
        Assert.InRange(relu[4], 0.25 - (2 * f.Ulp), 0.25 + (2 * f.Ulp));
        Assert.InRange(relu[6], 0.75 - (2 * f.Ulp), 0.75 + (2 * f.Ulp));
    }

    [Theory]
    [MemberData(nameof(Rings))]
    public void LayerNormOfAConstantRowIsBeta(int ring)
    {
        // var = 0 and eps below the format's unit: 1/√0 is defined as 0, so y = (x − μ)·0 + β = β, the true limit.
        var f = FunctionEquivalenceTests.Format(ring);
        var shape = new TensorShape(2, 16);
        var x = Enumerable.Repeat(7.5f, 32).ToArray();
        var beta = Enumerable.Range(0, 16).Select(i => (i - 8) / 16f).ToArray();
        var got = TestSessions.Run(party =>
        {
            var e = new SecretEngine(party);
            var fn = new FixedPointFunctions<ArithmeticShare, BooleanShare>(e);
            var g = e.Input(Enumerable.Repeat(1f, 16).ToArray(), TensorShape.Vector(16), f, 1);
            var b = e.Input(beta, TensorShape.Vector(16), f, 1);
            return e.Reveal(fn.LayerNorm(e.Input(x, shape, f, 0), g, b, 1e-12), 0);
        }).Results[0]!;
        for (var i = 0; i < 32; i++)
        {
            Assert.InRange(Math.Abs(got[i] - beta[i % 16]), 0, 2 * f.Ulp);
        }
    }

    private static float Lowest(FixedPointFormat f) => (float)-f.MaxMagnitude;

    private static float Highest(FixedPointFormat f) => (float)(f.MaxMagnitude - f.Ulp);
}

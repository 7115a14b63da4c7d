using Ditto.Runtime.Backends;
using Ditto.Runtime.Engines.Clear;
using Ditto.Runtime.Engines.Secret;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Protocols;
using Ditto.Runtime.Tensors;
using Xunit.Abstractions;
using static Ditto.Runtime.Tests.EngineHarness;

namespace Ditto.Runtime.Tests.Functions;

/// <summary>
/// Each function's error against the float reference (Ops, Scalar), measured on the three-party engine, with the bound and
/// where it comes from. fxp64.18 carries the bounds; fxp32.8 the bounds that format allows (one unit is 2^−8 ≈
/// 0.0039, and an input is itself rounded to that grid, so those references take the encoded input).
/// </summary>
public class FunctionAccuracyTests(ITestOutputHelper output)
{
    private static readonly FixedPointFormat F64 = FixedPointFormat.Ring64;
    private static readonly FixedPointFormat F32 = FixedPointFormat.Ring32;

    [Fact]
    public void ExpIsWithinItsBoundsOnMinus14To0()
    {
        var x = Grid(-14, 0, 20_000);
        // Issue bound 1.5e−3 for 8 iterations. Ours: the second-order base p(x/2^7)^(2^7) differs from e^x by at most 1.39e−5
        // (near x = −3; first order |x|³e^x/(6·4^7)), plus 2^8 units of 2^−29 from the working truncations and two output
        // units (7.6e−6, floor or floor + 1): 2.2e−5.
        Assert.InRange(MaxError(Secure(x, F64, (f, v) => f.ExpClamped(v, 8)), x, Math.Exp), 0, 2.2e-5);
        // The reference algorithm (1 + x/2^8)^(2^8): e^x·x²/2^9 ≤ 1.06e−3, inside the bound too.
        Assert.InRange(MaxError(Secure(x, F64, (f, v) => f.ExpTaylor(v, 8)), x, Math.Exp), 0, 1.5e-3);
        // Five iterations (Ditto's setting): 1.023e−3 from the base (near x = −3.2), 2^5·2^−29 and two units: 1.04e−3.
        Assert.InRange(MaxError(Secure(x, F64, (f, v) => f.ExpClamped(v, 5)), x, Math.Exp), 0, 1.04e-3);
        // fxp32.8, five iterations: 1.023e−3 + 2^5·2^−13 (working bits, 3.9e−3) + two units (7.8e−3) = 1.3e−2.
        Assert.InRange(MaxError(Secure(x, F32, (f, v) => f.ExpClamped(v, 5)), x, Math.Exp), 0, 1.3e-2);
    }

    [Fact]
    public void ReciprocalIsWithinOneThousandthPlusOneUnitOn1To4096()
    {
        // Relative 1e−3 (issue) plus two output units, because the result is truncated to the format (floor, or floor + 1 in
        // MPC): at x = 4096 the true 2.4e−4 is only 64 units of fxp64.18, where one unit is 1.6e−2 relative. Goldschmidt with 3 iterations from
        // |e0| ≤ 0.0718 leaves 7e−10; the factor and L = 23-bit intermediate add 1.2e−7.
        var x = LogGrid(1, 4096, 20_000);
        var negative = x.Select(v => -v).ToArray();
        AssertRelative(Secure(x, F64, (f, v) => f.Reciprocal(v, 3)), x, v => 1 / v, 1e-3, 2 * F64.Ulp);
        AssertRelative(Secure(negative, F64, (f, v) => f.Reciprocal(v, 3)), negative, v => 1 / v, 1e-3, 2 * F64.Ulp);
        // fxp32.8: the Goldschmidt result keeps L = 11 bits (4.9e−4 relative) under the ring's headroom; beyond x = 2^11
        // the true value is below an eighth of a unit and the result is 0.
        AssertRelative(Secure(x, F32, (f, v) => f.Reciprocal(v, 2)), Quantized(x, F32), v => 1 / v, 1e-3, 2 * F32.Ulp);
    }

    [Fact]
    public void RsqrtAndSqrtAreWithinOneThousandthPlusOneUnitOn0Point01To10000()
    {
        // Degree-7 polynomial (3.4e−7 relative) at 24 working bits; the compensation 2^−e/2 has f + 2 fraction bits, a
        // quarter unit; so relative 1e−3 holds with two units of truncation (1/√10⁴ = 0.01 is 2621 units).
        var x = LogGrid(0.01, 10_000, 20_000);
        AssertRelative(Secure(x, F64, (f, v) => f.Rsqrt(v)), Quantized(x, F64), v => 1 / Math.Sqrt(v), 1e-3, 2 * F64.Ulp);
        AssertRelative(Secure(x, F64, (f, v) => f.Sqrt(v)), Quantized(x, F64), Math.Sqrt, 1e-3, 2 * F64.Ulp);
        // fxp32.8: degree-3 polynomial (5.4e−4) at 13 working bits (1.2e−4): relative 1e−3 and two units, against the
        // encoded input (0.01 itself encodes as 3/256 = 0.0117).
        AssertRelative(Secure(x, F32, (f, v) => f.Rsqrt(v)), Quantized(x, F32), v => 1 / Math.Sqrt(v), 1e-3, 2 * F32.Ulp);
        // √x in fxp32.8 keeps W = 10 working bits (the compensation 2^(e/2) reaches 2^11): relative 2e−3 and two units.
        AssertRelative(Secure(x, F32, (f, v) => f.Sqrt(v)), Quantized(x, F32), Math.Sqrt, 2e-3, 2 * F32.Ulp);
    }

    [Fact]
    public void GeluApproximationsAreWithinTheirBoundsOnMinus8To8()
    {
        var x = Grid(-8, 8, 16_001);
        // PUMA's polynomial differs from erf-GeLU by 0.0199 at most (at x = 3, in the grid); the products add about 1e−5.
        Assert.InRange(MaxError(Secure(x, F64, (f, v) => f.GeluPuma(v)), x, v => Scalar.Gelu(v, GeluVariant.Erf)), 0, 0.02);
        // SPU's degree-17 tanh differs from tanh by 4.9e−3, times 0.5·|x| ≤ 1.9 where it is used (|x| ≤ 3.805): 9.3e−3.
        Assert.InRange(MaxError(Secure(x, F64, (f, v) => f.GeluTanh(v)), x, v => Scalar.Gelu(v, GeluVariant.Tanh)), 0, 9.5e-3);
        // fxp32.8: the same approximations plus a few units (powers at 8 fraction bits, coefficients at 19): PUMA 0.0199 +
        // 4 units; tanh 9.3e−3 + 3 units; quad is exact up to its one truncation.
        var q = Quantized(x, F32);
        Assert.InRange(MaxError(Secure(x, F32, (f, v) => f.GeluPuma(v)), q, v => Scalar.Gelu(v, GeluVariant.Erf)), 0, 0.0199 + (4 * F32.Ulp));
        Assert.InRange(MaxError(Secure(x, F32, (f, v) => f.GeluTanh(v)), q, v => Scalar.Gelu(v, GeluVariant.Tanh)), 0, 9.3e-3 + (3 * F32.Ulp));
        Assert.InRange(MaxError(Secure(x, F32, (f, v) => f.GeluQuad(v)), q, v => Scalar.Gelu(v, GeluVariant.Quad)), 0, F32.Ulp);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ExactSoftmaxOnRowsOf128IsWithin4Thousandths(bool causal)
    {
        // Issue bound 4e−3 with 8 exp iterations. Ours: exp at most 2.2e−5 absolute per term (far less on the small terms, its
        // error being relative to e^x), the reciprocal 7e−10, the output two units: observed about 5e−5; asserted 1e−4.
        var shape = causal ? new TensorShape(2, 64, 128) : new TensorShape(128, 128);
        var x = Uniform(11, shape.Elements, -10, 10);
        var reference = (causal ? Ops.CausalSoftmax(new Tensor(x, shape)) : Ops.Softmax(new Tensor(x, shape))).Data;
        var got = Secure(x, F64, (f, v) => f.Softmax(v, new Approximations { ExpIterations = 8 }, null, causal), shape);
        Assert.InRange(got.Zip(reference, (a, b) => Math.Abs(a - b)).Max(), 0, 1e-4);
        // fxp32.8 with 5 iterations: exp is 8.7e−3 off in absolute terms but the error is common to a row's terms and
        // cancels in the ratio to ~1e−3; the output unit is 3.9e−3: within 3 units.
        var got32 = Secure(x, F32, (f, v) => f.Softmax(v, new Approximations { ExpIterations = 5 }, null, causal), shape);
        var reference32 = (causal ? Ops.CausalSoftmax(new Tensor(Quantized(x, F32), shape)) : Ops.Softmax(new Tensor(Quantized(x, F32), shape))).Data;
        Assert.InRange(got32.Zip(reference32, (a, b) => Math.Abs(a - b)).Max(), 0, 3 * F32.Ulp);
    }

    [Fact]
    public void TwoQuadAndTwoReluSoftmaxMatchTheirDefinitions()
    {
        // (x + 5)² and ReLU(x) over their row sums: one truncation each for the numerator and the product, the
        // reciprocal's 2^−17 relative: two units at fxp64.18.
        var shape = new TensorShape(64, 128);
        var x = Uniform(12, shape.Elements, -4, 4);
        var quad = Normalise(x.Select(v => (v + 5.0) * (v + 5.0)).ToArray(), 128);
        var relu = Normalise(x.Select(v => Math.Max(v, 0.0)).ToArray(), 128);
        var gotQuad = Secure(x, F64, (f, v) => f.Softmax(v, new Approximations { Softmax = SoftmaxApproximation.TwoQuad }, null, false), shape);
        var gotRelu = Secure(x, F64, (f, v) => f.Softmax(v, new Approximations { Softmax = SoftmaxApproximation.TwoRelu }, null, false), shape);
        Assert.InRange(gotQuad.Zip(quad, (a, b) => Math.Abs(a - b)).Max(), 0, 2 * F64.Ulp);
        Assert.InRange(gotRelu.Zip(relu, (a, b) => Math.Abs(a - b)).Max(), 0, 2 * F64.Ulp);

        // fxp32.8: the row reciprocal keeps only L = 7 bits next to its 21-bit result (relative 2^−7 on terms below 1) and
        // the terms are rounded to 8 bits: four units.
        var q = Quantized(x, F32);
        var quad32 = Normalise(q.Select(v => (v + 5.0) * (v + 5.0)).ToArray(), 128);
        var relu32 = Normalise(q.Select(v => Math.Max(v, 0.0)).ToArray(), 128);
        var gotQuad32 = Secure(x, F32, (f, v) => f.Softmax(v, new Approximations { Softmax = SoftmaxApproximation.TwoQuad }, null, false), shape);
        var gotRelu32 = Secure(x, F32, (f, v) => f.Softmax(v, new Approximations { Softmax = SoftmaxApproximation.TwoRelu }, null, false), shape);
        Assert.InRange(gotQuad32.Zip(quad32, (a, b) => Math.Abs(a - b)).Max(), 0, 4 * F32.Ulp);
        Assert.InRange(gotRelu32.Zip(relu32, (a, b) => Math.Abs(a - b)).Max(), 0, 4 * F32.Ulp);
    }

    [Fact]
    public void LayerNormOfWidth768IsAccurateAlsoWithOutliersTo250()
    {
        var shape = new TensorShape(16, 768);
        var gamma = Uniform(13, 768, 0.5, 1.5);
        var beta = Uniform(14, 768, -0.5, 0.5);
        var plain = Uniform(15, shape.Elements, -10, 10);
        var outliers = Uniform(16, shape.Elements, -2, 2);
        for (var r = 0; r < 16; r++)
        {
            outliers[(r * 768) + 5] = 250;
            outliers[(r * 768) + 100] = -240 + r;
            outliers[(r * 768) + 700] = 180;
        }

        foreach (var (x, absolute, relative) in new[] { (plain, 1e-2, 0.0), (outliers, 0.0, 1e-3) })
        {
            var reference = Ops.LayerNorm(new Tensor(x, shape), new Tensor(gamma, TensorShape.Vector(768)), new Tensor(beta, TensorShape.Vector(768)), 1e-12).Data;
            var got = SecureLayerNorm(x, shape, gamma, beta, F64);
            var error = got.Zip(reference, (a, b) => Math.Abs(a - b)).Max();
            // Issue bounds: 1e−2 absolute on [−10, 10]; 1e−3 of the largest output with outliers. Observed about 1e−4 of it:
            // the squares are exact at 2f bits, the variance keeps f = 18 bits and 1/√var keeps 26.
            Assert.InRange(error, 0, Math.Max(absolute, relative * reference.Max(Math.Abs)));
        }

        // fxp32.8: |x − μ| must stay below 512 and d·var below 2^21 (documented); the squares then have 5 fraction bits and
        // 1/√var 12, so on [−10, 10] the error is a few units (3.1e−2). With the outliers 1/√var ≈ 0.07 is only 290 units
        // of its 12 bits (3.4e−3 relative) and is computed with 11 working bits, which the largest outputs carry: 1.5e−2 of
        // the largest output.
        var plain32 = SecureLayerNorm(plain, shape, gamma, beta, F32);
        var reference32 = Ops.LayerNorm(new Tensor(Quantized(plain, F32), shape), new Tensor(Quantized(gamma, F32), TensorShape.Vector(768)), new Tensor(Quantized(beta, F32), TensorShape.Vector(768)), 1e-12).Data;
        Assert.InRange(plain32.Zip(reference32, (a, b) => Math.Abs(a - b)).Max(), 0, 8 * F32.Ulp);
        var outliers32 = SecureLayerNorm(outliers, shape, gamma, beta, F32);
        var referenceOutliers32 = Ops.LayerNorm(new Tensor(Quantized(outliers, F32), shape), new Tensor(Quantized(gamma, F32), TensorShape.Vector(768)), new Tensor(Quantized(beta, F32), TensorShape.Vector(768)), 1e-12).Data;
        Assert.InRange(outliers32.Zip(referenceOutliers32, (a, b) => Math.Abs(a - b)).Max(), 0, 1.5e-2 * referenceOutliers32.Max(Math.Abs));
    }

    [Fact]
    public void RmsNormOfWidth768IsWithinLayerNormsBoundsAndAZeroRowGivesZero()
    {
        // The same steps as LayerNorm without the centring (so the same bounds): 1e−2 absolute on [−10, 10] in fxp64.18
        // (about 1e−4 observed), 8 units in fxp32.8 against the float RMSNorm of the quantized inputs. Row 0 is all zeros.
        var shape = new TensorShape(16, 768);
        var gamma = Uniform(17, 768, 0.5, 1.5);
        var x = Uniform(18, shape.Elements, -10, 10);
        Array.Clear(x, 0, 768);
        foreach (var (format, bound) in new[] { (F64, 1e-2), (F32, 8 * F32.Ulp) })
        {
            var reference = Ops.RmsNorm(new Tensor(Quantized(x, format), shape), new Tensor(Quantized(gamma, format), TensorShape.Vector(768)), 1e-6).Data;
            var got = TestSessions.Run(party =>
            {
                var e = new SecretEngine(party);
                var f = new FixedPointFunctions<Sharing.ArithmeticShare, Sharing.BooleanShare>(e);
                return e.Reveal(f.RmsNorm(e.Input(x, shape, format, 0), e.Input(gamma, TensorShape.Vector(768), format, 1), 1e-6), 0);
            }).Results[0]!;
            var clear = new FixedPointFunctions<ClearTensor, ClearBits>(new ClearEngine());
            var emulated = clear.Engine.Reveal(clear.RmsNorm(clear.Engine.Input(x, shape, format, 0), clear.Engine.Input(gamma, TensorShape.Vector(768), format, 1), 1e-6), 0)!;
            var error = got.Zip(reference, (a, b) => Math.Abs(a - b)).Max();
            output.WriteLine($"RMSNorm {format}: |mpc − float| ≤ {error:E2}, |emulated − float| ≤ {emulated.Zip(reference, (a, b) => Math.Abs(a - b)).Max():E2}");
            Assert.InRange(error, 0, bound);
            Assert.InRange(emulated.Zip(reference, (a, b) => Math.Abs(a - b)).Max(), 0, bound);
            Assert.All(got[..768], v => Assert.Equal(0f, v));
        }
    }

    internal static float[] Secure(float[] x, FixedPointFormat format, Func<FixedPointFunctions<Sharing.ArithmeticShare, Sharing.BooleanShare>, Sharing.ArithmeticShare, Sharing.ArithmeticShare> function, TensorShape? shape = null) =>
        TestSessions.Run(party =>
        {
            var e = new SecretEngine(party);
            var f = new FixedPointFunctions<Sharing.ArithmeticShare, Sharing.BooleanShare>(e);
            return e.Reveal(function(f, e.Input(x, shape ?? TensorShape.Vector(x.Length), format, 0)), 0);
        }).Results[0]!;

    internal static float[] Grid(double lo, double hi, int n) => [.. Enumerable.Range(0, n).Select(i => (float)(lo + ((hi - lo) * i / (n - 1))))];

    internal static float[] LogGrid(double lo, double hi, int n) => [.. Enumerable.Range(0, n).Select(i => (float)Math.Exp(Math.Log(lo) + ((Math.Log(hi) - Math.Log(lo)) * i / (n - 1))))];

    internal static float[] Quantized(float[] x, FixedPointFormat format) => [.. x.Select(v => (float)(FixedPointCodec.EncodeSigned(v, format) * format.Ulp))];

    private static float[] SecureLayerNorm(float[] x, TensorShape shape, float[] gamma, float[] beta, FixedPointFormat format) =>
        TestSessions.Run(party =>
        {
            var e = new SecretEngine(party);
            var f = new FixedPointFunctions<Sharing.ArithmeticShare, Sharing.BooleanShare>(e);
            var g = e.Input(gamma, TensorShape.Vector(gamma.Length), format, 1);
            var b = e.Input(beta, TensorShape.Vector(beta.Length), format, 1);
            return e.Reveal(f.LayerNorm(e.Input(x, shape, format, 0), g, b, 1e-12), 0);
        }).Results[0]!;

    private static double MaxError(float[] got, float[] x, Func<double, double> reference) =>
        got.Select((v, i) => Math.Abs(v - reference(x[i]))).Max();

    private static void AssertRelative(float[] got, float[] x, Func<double, double> reference, double relative, double units)
    {
        for (var i = 0; i < got.Length; i++)
        {
            var expected = reference(x[i]);
            Assert.True(Math.Abs(got[i] - expected) <= (relative * Math.Abs(expected)) + units, $"x = {x[i]}: got {got[i]}, expected {expected}");
        }
    }

    internal static double[] Normalise(double[] v, int width)
    {
        var r = new double[v.Length];
        for (var i = 0; i < v.Length; i += width)
        {
            var s = v.AsSpan(i, width).ToArray().Sum();
            for (var j = 0; j < width; j++)
            {
                r[i + j] = v[i + j] / s;
            }
        }

        return r;
    }
}

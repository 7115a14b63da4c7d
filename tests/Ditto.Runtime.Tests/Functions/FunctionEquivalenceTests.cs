using Ditto.Runtime.Backends;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.EngineHarness;

namespace Ditto.Runtime.Tests.Functions;

/// <summary>
/// Every function's protocol equals its clear emulation up to truncation noise, in both rings (fxp32.8 and fxp64.18). The
/// only difference between the engines is that a secure truncation returns ⌊x/2^m⌋ or ⌊x/2^m⌋ + 1 where the emulator
/// returns ⌊x/2^m⌋; the comparisons and bit operations are exact. Each bound below (in units of the output's last place)
/// follows from where those one-unit differences enter and how much the function amplifies them.
/// </summary>
public class FunctionEquivalenceTests
{
    public static TheoryData<int> Rings => [32, 64];

    [Theory]
    [MemberData(nameof(Rings))]
    public void ExpMatchesTheEmulator(int ring)
    {
        // n truncations at W working bits; an error made before squaring i is multiplied by 2y at every later squaring, and
        // summed over the steps this is at most 2^n·2^(f−W)·e^x output units (x ≤ 1 after clamping), plus one unit from the
        // last truncation. fxp64.18 (W = 29): 1 + 0.34 → 2. fxp32.8 (W = 13): n = 5 → 1 + 2.7 → 4; n = 8 → 1 + 21.8 → 23.
        var x = Uniform(1, 4000, -20, 2);
        Check(ring, x, TensorShape.Vector(x.Length), (f, v) => f.ExpClamped(v, 5), ring == 64 ? 2 : 4);
        Check(ring, x, TensorShape.Vector(x.Length), (f, v) => f.ExpClamped(v, 8), ring == 64 ? 2 : 23);
    }

    [Theory]
    [MemberData(nameof(Rings))]
    public void ReciprocalRsqrtAndSqrtMatchTheEmulator(int ring)
    {
        // Normalisation and factors are exact; the Goldschmidt steps add relative noise of 2^−L (L ≥ 11 bits) and the
        // last truncation one unit: 2 units for 1/x and 1/√x. √x = y·2^(e/2) with y ≈ √c at W working bits (18 at fxp64.18,
        // 10 at fxp32.8): y's powers and sum carry about 3 units of 2^−W, scaled by 2^(e/2) ≤ √x, plus one output unit:
        // 1 + 3·√100·2^(f−W) = 31 and 8.5.
        var x = Uniform(2, 4000, 0.05, 100);
        var negative = x.Select(v => -v).ToArray();
        Check(ring, x, TensorShape.Vector(x.Length), (f, v) => f.Reciprocal(v, 3), 2);
        Check(ring, negative, TensorShape.Vector(x.Length), (f, v) => f.Reciprocal(v, 2), 2);
        Check(ring, x, TensorShape.Vector(x.Length), (f, v) => f.Rsqrt(v), 2);
        Check(ring, x, TensorShape.Vector(x.Length), (f, v) => f.Sqrt(v), ring == 64 ? 31 : 9);
    }

    [Theory]
    [MemberData(nameof(Rings))]
    public void GeluVariantsReluAndMaxMatchTheEmulator(int ring)
    {
        // PUMA: powers x², x³, x⁴, x⁶ each one unit off at most, times coefficients below 0.5 and |x| ≤ 3 inside the
        // segment; the sums' truncation adds one: 2 units. Tanh: the Chebyshev recurrences keep values in [−1, 1] with
        // W ≥ f + 6 working bits, so 1 + 1 units. Quad: one truncation. ReLU and max: exact (no truncation).
        var x = Uniform(3, 4000, -8, 8);
        Check(ring, x, TensorShape.Vector(x.Length), (f, v) => f.GeluPuma(v), 2);
        Check(ring, x, TensorShape.Vector(x.Length), (f, v) => f.GeluTanh(v), 2);
        Check(ring, x, TensorShape.Vector(x.Length), (f, v) => f.GeluQuad(v), 1);
        Check(ring, x, TensorShape.Vector(x.Length), (f, v) => f.Relu(v), 0);
        Check(ring, x, new TensorShape(40, 100), (f, v) => f.Max(v), 0);
    }

    [Theory]
    [InlineData(32, SoftmaxApproximation.Exact, false)]
    [InlineData(64, SoftmaxApproximation.Exact, false)]
    [InlineData(32, SoftmaxApproximation.Exact, true)]
    [InlineData(64, SoftmaxApproximation.Exact, true)]
    [InlineData(32, SoftmaxApproximation.TwoQuad, true)]
    [InlineData(64, SoftmaxApproximation.TwoQuad, false)]
    [InlineData(32, SoftmaxApproximation.TwoRelu, false)]
    [InlineData(64, SoftmaxApproximation.TwoRelu, true)]
    public void SoftmaxMatchesTheEmulator(int ring, SoftmaxApproximation approximation, bool causal)
    {
        // out = e·(1/s): each e is up to 2 units off (exp as above, or one square), so the row sum s is off by up to
        // 2·len units and 1/s by 2·len/s² of them; out is off by 2 (e and the product) + 2·len·e/s² = 2 + 2·len·out/s.
        // The bound is evaluated per element from the float reference's row sums.
        var shape = new TensorShape(2, 30, 40);
        var x = Uniform(4, shape.Elements, -10, 10);
        var approximations = new Approximations { Softmax = approximation, ExpIterations = ring == 64 ? 8 : 5 };
        var format = Format(ring);
        var (clear, secure) = Both(e => Softmax(e, x, shape, format, approximations, causal), e => Softmax(e, x, shape, format, approximations, causal));
        var width = shape[-1];
        for (var i = 0; i < x.Length; i++)
        {
            var row = i / width;
            var visible = causal ? Ops.CausalVisible(row, shape[-2], width) : width;
            var sum = RowSum(x, row, width, visible, approximation);
            var bound = 3 + (2 * visible * clear[i] / sum);
            Assert.True(Math.Abs(clear[i] - secure[i]) <= (bound + 1e-9) * format.Ulp, $"element {i}: clear {clear[i]}, secure {secure[i]}, bound {bound} units");
        }
    }

    [Theory]
    [MemberData(nameof(Rings))]
    public void SoftmaxWithASameRingExpFormatMatchesTheEmulator(int ring)
    {
        // The cast to more fraction bits is exact, back is one truncation: one unit more than the plain softmax.
        var shape = new TensorShape(8, 64);
        var x = Uniform(5, shape.Elements, -6, 6);
        var format = Format(ring);
        var wider = format.WithFractionBits(format.FractionBits + (ring == 64 ? 6 : 2));
        var approximations = new Approximations { ExpIterations = 5 };
        var (clear, secure) = Both(e => Softmax(e, x, shape, format, approximations, false, wider), e => Softmax(e, x, shape, format, approximations, false, wider));
        Assert.All(clear.Zip(secure), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 4 * format.Ulp));
    }

    [Theory]
    [MemberData(nameof(Rings))]
    public void LayerNormMatchesTheEmulator(int ring)
    {
        // The mean's truncation shifts every c by at most one unit (y by |γ|·r units, r ≈ 0.17 here), the variance's
        // truncations change r by a relative 2^−(f−2)/var, rsqrt's own noise is 2 units of its extra-precision result, and
        // the final product one unit: at most 3 units at fxp64.18; at fxp32.8 the squares are taken with 3 bits fewer, so 5.
        var shape = new TensorShape(6, 768);
        var x = Uniform(6, shape.Elements, -10, 10);
        var gamma = Uniform(7, 768, 0.5, 1.5);
        var beta = Uniform(8, 768, -0.5, 0.5);
        var format = Format(ring);
        float[] Program<TA, TB>(IFixedPointEngine<TA, TB> e)
            where TA : class
            where TB : class
        {
            var f = new FixedPointFunctions<TA, TB>(e);
            var g = e.Input(gamma, TensorShape.Vector(768), format, 1);
            var b = e.Input(beta, TensorShape.Vector(768), format, 1);
            return e.Reveal(f.LayerNorm(e.Input(e.PartyId == 0 ? x : null, shape, format, 0), g, b, 1e-5), null)!;
        }

        var (clear, secure) = Both(Program, Program);
        Assert.All(clear.Zip(secure), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, (ring == 64 ? 3 : 5) * format.Ulp));
    }

    internal static FixedPointFormat Format(int ring) => ring == 32 ? FixedPointFormat.Ring32 : FixedPointFormat.Ring64;

    internal static float[] Apply<TA, TB>(IFixedPointEngine<TA, TB> e, float[] x, TensorShape shape, FixedPointFormat format, Func<FixedPointFunctions<TA, TB>, TA, TA> function)
        where TA : class
        where TB : class
    {
        var f = new FixedPointFunctions<TA, TB>(e);
        return e.Reveal(function(f, e.Input(e.PartyId == 0 ? x : null, shape, format, 0)), null)!;
    }

    private static float[] Softmax<TA, TB>(IFixedPointEngine<TA, TB> e, float[] x, TensorShape shape, FixedPointFormat format, Approximations approximations, bool causal, FixedPointFormat? expFormat = null)
        where TA : class
        where TB : class
        => Apply(e, x, shape, format, (f, v) => f.Softmax(v, approximations, expFormat, causal));

    private static double RowSum(float[] x, int row, int width, int visible, SoftmaxApproximation approximation)
    {
        var values = x.AsSpan(row * width, visible).ToArray();
        var max = values.Max();
        return approximation switch
        {
            SoftmaxApproximation.Exact => values.Sum(v => Math.Exp(v - max)),
            SoftmaxApproximation.TwoQuad => values.Sum(v => (v + 5.0) * (v + 5.0)),
            _ => values.Sum(v => Math.Max(v, 0.0)),
        };
    }

    private static void Check(int ring, float[] x, TensorShape shape, Func<dynamic, dynamic, dynamic> function, int units)
    {
        var format = Format(ring);
        var (clear, secure) = Both(e => Apply(e, x, shape, format, (f, v) => function(f, v)), e => Apply(e, x, shape, format, (f, v) => function(f, v)));
        for (var i = 0; i < clear.Length; i++)
        {
            Assert.True(Math.Abs(clear[i] - secure[i]) <= units * format.Ulp * (1 + 1e-9), $"element {i}: clear {clear[i]}, secure {secure[i]}, allowed {units} units");
        }
    }
}

using Ditto.Runtime.Engines.Clear;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Tensors;
using Xunit.Abstractions;
using static Ditto.Runtime.Tests.Functions.FunctionAccuracyTests;

namespace Ditto.Runtime.Tests.Functions;

/// <summary>
/// exp, sigmoid, tanh and SiLU on the whole input format, not only a domain of convenience: the emulator and the three
/// parties against the float reference (on the encoded input, which is all the format holds), with the bounds the
/// functions' documentation states, edge values included: underflow to 0, saturation at the format's limit, ±0.
/// </summary>
public class FullRangeFunctionTests(ITestOutputHelper output)
{
    public static TheoryData<int> Rings => [32, 64];

    [Theory]
    [MemberData(nameof(Rings))]
    public void ExpIsWithinItsBoundOnTheWholeFormat(int ring)
    {
        var format = Format(ring);
        var (lo, hi) = (FixedPointFunctions<ClearTensor, ClearBits>.ExpLowerLimit(format), FixedPointFunctions<ClearTensor, ClearBits>.ExpUpperLimit(format));
        float[] x = [.. Grid(-20, 10, 6_001), .. Grid(10, hi, 401), -1000, -40, (float)lo, 0, (float)hi, 40, 1e4f];
        var q = Quantized(x, format);
        // Stated bound: 2^q + 1 units for e^x ∈ [2^q, 2^(q+1)), i.e. relative 2^−f plus one unit; inputs above the upper
        // limit saturate at e^limit, inputs below the lower one give 0 within a unit.
        double Reference(double v) => Math.Exp(Math.Min(v, hi));
        foreach (var (name, got) in Runs(q, format, (f, v) => f.Exp(v)))
        {
            Report(name, got, q, Reference);
            AssertWithin(got, q, Reference, relative: 2 * format.Ulp, units: 1 * format.Ulp + (2 * format.Ulp));
        }
    }

    [Theory]
    [MemberData(nameof(Rings))]
    public void SigmoidTanhAndSiluAreWithinTheirBoundsOnMinus30To30(int ring)
    {
        var format = Format(ring);
        float[] x = [.. Grid(-30, 30, 12_001), -1e4f, 0, 1e4f];
        var q = Quantized(x, format);
        var u = format.Ulp;
        foreach (var (name, got) in Runs(q, format, (f, v) => f.Sigmoid(v)))
        {
            Report("sigmoid " + name, got, q, Sigmoid);
            AssertWithin(got, q, Sigmoid, 0, 3 * u);
        }

        foreach (var (name, got) in Runs(q, format, (f, v) => f.Tanh(v)))
        {
            Report("tanh " + name, got, q, Math.Tanh);
            AssertWithin(got, q, Math.Tanh, 0, 6 * u);
        }

        foreach (var (name, got) in Runs(q, format, (f, v) => f.Silu(v)))
        {
            Report("silu " + name, got, q, v => v * Sigmoid(v));
            for (var i = 0; i < q.Length; i++)
            {
                var expected = q[i] * Sigmoid(q[i]);
                Assert.True(Math.Abs(got[i] - expected) <= ((3 * Math.Abs(q[i])) + 2) * u, $"{name} silu({q[i]}): got {got[i]}, expected {expected}");
            }
        }
    }

    [Fact]
    public void ThePiecewiseSiluIsWithinItsBoundOnTheWholeFormatAndRefusesA32BitRing()
    {
        // Stated bound: 0.0149 against x·σ(x) (the segments' edges at ±6), plus a few units of the format from the
        // products (4 units allowed), on every backend; saturating to 0 and x far outside [−6, 6].
        var format = Format(64);
        float[] x = [.. Grid(-30, 30, 12_001), -1e4f, -6, 0, 6, 1e4f];
        var q = Quantized(x, format);
        var worst = 0.0;
        foreach (var (name, got) in Runs(q, format, (f, v) => f.SiluPiecewise(v)))
        {
            Report("silu piecewise " + name, got, q, v => v * Sigmoid(v));
            for (var i = 0; i < q.Length; i++)
            {
                var error = Math.Abs(got[i] - (q[i] * Sigmoid(q[i])));
                worst = Math.Max(worst, error);
                Assert.True(error <= 0.0149 + (4 * format.Ulp), $"{name} silu({q[i]}): got {got[i]}, expected {q[i] * Sigmoid(q[i])}");
            }
        }

        Assert.True(worst > 0.01, $"the largest error {worst} is far below the stated bound: the bound is wrong");
        var clear = new FixedPointFunctions<ClearTensor, ClearBits>(new ClearEngine());
        var small = clear.Engine.Input([1f], TensorShape.Vector(1), Format(32), 0);
        var e = Assert.Throws<ArgumentException>(() => clear.SiluPiecewise(small));
        Assert.Contains("64-bit", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Rings))]
    public void OutsideTheirDomainsReciprocalRsqrtAndSqrtGiveZeroOnEveryBackend(int ring)
    {
        // The domains are part of the ops' contract: 1/x for x ≠ 0, 1/√x for x > 0, √x for x ≥ 0; elsewhere all three
        // give 0, and the float reference (Ops) says the same, so a model means one thing on every backend.
        var format = Format(ring);
        float[] x = [-3, -1, (float)-format.Ulp, 0];
        var floats = new Tensor(x, x.Length);
        Assert.Equal([0f, 0f, 0f, 0f], Ops.Rsqrt(floats).Data);
        Assert.Equal([0f, 0f, 0f, 0f], Ops.Sqrt(floats).Data);
        Assert.Equal(0f, Ops.Reciprocal(new Tensor([0f], 1)).Data[0]);
        foreach (var (name, got) in Runs(x, format, (f, v) => f.Rsqrt(v)))
        {
            Assert.All(got, v => Assert.InRange(v, -2 * format.Ulp, 2 * format.Ulp));
        }

        foreach (var (name, got) in Runs(x, format, (f, v) => f.Sqrt(v)))
        {
            Assert.All(got, v => Assert.InRange(v, -2 * format.Ulp, 2 * format.Ulp));
        }

        foreach (var (name, got) in Runs([0f], format, (f, v) => f.Reciprocal(v, 3)))
        {
            Assert.InRange(got[0], -format.Ulp, format.Ulp);
        }
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    private static FixedPointFormat Format(int ring) => ring == 64 ? FixedPointFormat.Ring64 : FixedPointFormat.Ring32;

    /// <summary>The function on the emulator and on the three parties.</summary>
    private static IEnumerable<(string Name, float[] Got)> Runs(float[] x, FixedPointFormat format, Func<dynamic, dynamic, dynamic> function)
    {
        var clear = new ClearEngine();
        var cf = new FixedPointFunctions<ClearTensor, ClearBits>(clear);
        yield return ("emulated", clear.Reveal((ClearTensor)function(cf, clear.Input(x, TensorShape.Vector(x.Length), format, 0)), 0)!);
        yield return ("mpc", Secure(x, format, (f, v) => (Sharing.ArithmeticShare)function(f, v)));
    }

    private void Report(string name, float[] got, float[] x, Func<double, double> reference) =>
        output.WriteLine($"{name}: max abs error {got.Select((v, i) => Math.Abs(v - reference(x[i]))).Max():G3}");

    private static void AssertWithin(float[] got, float[] x, Func<double, double> reference, double relative, double units)
    {
        for (var i = 0; i < got.Length; i++)
        {
            var expected = reference(x[i]);
            Assert.True(Math.Abs(got[i] - expected) <= (relative * Math.Abs(expected)) + units, $"x = {x[i]}: got {got[i]}, expected {expected}");
        }
    }
}

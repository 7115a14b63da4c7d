using Ditto.Runtime.Backends;
using Ditto.Runtime.Engines.Cost;
using Ditto.Runtime.Engines.Secret;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Protocols;
using Ditto.Runtime.Protocols.Conversion;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;
using Ditto.Runtime.Tests.Boolean;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Backends;

/// <summary>
/// The cost engine prices the function library from shapes and formats alone: for every function, in both rings, its
/// bytes equal what the three parties measure (the library's branches depend on shapes only, and each primitive's formula
/// is the one its cost test asserts), and its rounds, summed in program order, are an upper bound on the measured ones.
/// Shapes are chosen so that packed messages end mid-byte (n·bits not a multiple of 8).
/// </summary>
public class CostEngineTests
{
    public static TheoryData<int, string> Functions()
    {
        var data = new TheoryData<int, string>();
        foreach (var ring in new[] { 32, 64 })
        {
            foreach (var name in new[] { "exp", "exp-full", "sigmoid", "tanh", "silu", "reciprocal", "rsqrt", "sqrt", "gelu-puma", "gelu-tanh", "gelu-quad", "relu", "max", "mean", "scale", "softmax", "softmax-causal", "softmax-2quad", "softmax-2relu", "layernorm", "rmsnorm", "equal", "a2b-prefix-or" })
            {
                data.Add(ring, name);
            }
        }

        // The ladder gives way to A2B + prefix-OR above 2^16 comparisons: a tensor large enough for the other branch.
        data.Add(64, "reciprocal-large");
        return data;
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void TheCostEngineEqualsTheMeasuredBytes(int ring, string name)
    {
        var format = ring == 32 ? FixedPointFormat.Ring32 : FixedPointFormat.Ring64;
        var shape = name switch
        {
            "reciprocal-large" => TensorShape.Vector(9001),
            "layernorm" or "rmsnorm" => new TensorShape(3, 37),
            _ => new TensorShape(5, 27),
        };
        var row = TensorShape.Vector(shape[-1]);
        var engine = new CostEngine();
        var estimate = Run(new FixedPointFunctions<CostTensor, CostBits>(engine), new CostTensor(shape, format), new CostTensor(row, format), name);
        Assert.NotNull(estimate);

        var values = EngineHarness.Uniform(3, shape.Elements, 0.5, 6);
        var gamma = EngineHarness.Uniform(4, row.Elements, 0.5, 1.5);
        var measured = TestSessions.Run(party =>
        {
            var e = new SecretEngine(party);
            var x = e.Input(values, shape, format, 0);
            var g = e.Input(gamma, row, format, 1);
            BooleanCostTests.Barrier(party);
            using (party.Scope("op"))
            {
                return Run(new FixedPointFunctions<ArithmeticShare, BooleanShare>(e), x, g, name)!.Length;
            }
        }).Report.ForScope("op");

        Assert.Equal(measured.BytesTotal, engine.Total.Bytes);
        Assert.InRange(measured.Rounds, 1, engine.Total.Rounds);
    }

    [Theory]
    [InlineData(UpcastMethod.HighPart, "32:8", "64:18")]
    [InlineData(UpcastMethod.HighPartOneRound, "32:12", "64:4")]
    [InlineData(UpcastMethod.MaskAndOpen, "32:8", "64:18")]
    [InlineData(UpcastMethod.Exact, "32:8", "64:18")]
    [InlineData(UpcastMethod.Exact, "32:12", "64:4")]
    [InlineData(UpcastMethod.HighPart, "64:18", "32:8")]
    [InlineData(UpcastMethod.HighPart, "64:18", "64:7")]
    public void CastsCostTheirProtocolsFormulas(UpcastMethod upcast, string fromText, string toText)
    {
        var (from, to) = (FixedPointFormat.Parse(fromText), FixedPointFormat.Parse(toText));
        var options = new CastOptions { Upcast = upcast };
        const int n = 1001;
        var engine = new CostEngine(options);
        engine.Cast(new CostTensor(TensorShape.Vector(n), from), to);
        var measured = TestSessions.Run(party =>
        {
            var e = new SecretEngine(party) { CastOptions = options };
            var x = e.Input(new float[n], TensorShape.Vector(n), from, 0);
            BooleanCostTests.Barrier(party);
            using (party.Scope("op"))
            {
                return e.Cast(x, to).Length;
            }
        }).Report.ForScope("op");
        Assert.Equal(measured.BytesTotal, engine.Total.Bytes);
        Assert.Equal(measured.Rounds, engine.Total.Rounds);
    }

    private static TA? Run<TA, TB>(FixedPointFunctions<TA, TB> f, TA x, TA gamma, string name)
        where TA : class
        where TB : class
    {
        var e = f.Engine;
        return name switch
        {
            "exp" => f.ExpClamped(e.AddConstant(e.Negate(x), 0), 5),
            "exp-full" => f.Exp(x),
            "sigmoid" => f.Sigmoid(x),
            "tanh" => f.Tanh(x),
            "silu" => f.Silu(x),
            "reciprocal" or "reciprocal-large" => f.Reciprocal(x, 5),
            "rsqrt" => f.Rsqrt(x),
            "sqrt" => f.Sqrt(x),
            "gelu-puma" => f.GeluPuma(x),
            "gelu-tanh" => f.GeluTanh(x),
            "gelu-quad" => f.GeluQuad(x),
            "relu" => f.Relu(x),
            "max" => f.Max(x),
            "mean" => f.Mean(x, 0),
            "scale" => f.Scale(x, 1.0 / 3),
            "softmax" => f.Softmax(x, new Approximations { ExpIterations = 5 }, null, causal: false),
            "softmax-causal" => f.Softmax(x, new Approximations { ExpIterations = 8 }, null, causal: true),
            "softmax-2quad" => f.Softmax(x, new Approximations { Softmax = SoftmaxApproximation.TwoQuad }, null, causal: false),
            "softmax-2relu" => f.Softmax(x, new Approximations { Softmax = SoftmaxApproximation.TwoRelu }, null, causal: true),
            "layernorm" => f.LayerNorm(x, gamma, gamma, 1e-5),
            "rmsnorm" => f.RmsNorm(x, gamma, 1e-6),
            "equal" => e.ToArithmetic(f.Equal(x, e.AddConstant(x, 1)), e.FormatOf(x)),
            "a2b-prefix-or" => e.ToArithmetic(f.HighestOneBit(e.ToBits(x)), e.FormatOf(x)),
            _ => throw new ArgumentException(name),
        };
    }
}

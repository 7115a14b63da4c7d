using Ditto;
using Ditto.Runtime.Backends;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Backends;

/// <summary>The same computation on the three backends: float equals the plaintext ops, the MPC engine equals the emulator up to truncation noise.</summary>
public class BackendEquivalenceTests
{
    private static readonly Random Random = new(11);
    private static readonly Tensor X = Uniform(8, 16);
    private static readonly Tensor W = Uniform(16, 12);
    private static readonly Tensor B = Uniform(12);

    // A small layer: matmul, truncation by cast, bias, quad GeLU, scale, mean over rows, a head split and merge.
    private static Value Layer(IBackend b, Value x, FixedPointFormat format)
    {
        var h = b.Cast(b.MatMul(x, b.Weight(W, format), transposeY: false), format);
        h = b.Add(h, b.Weight(B, format));
        h = b.Gelu(h, GeluVariant.Quad);
        h = b.MergeHeads(b.SplitHeads(b.Scale(h, 0.75), 3));
        return b.Mean(h, 0);
    }

    [Fact]
    public void FloatBackendEqualsThePlaintextOpsExactly()
    {
        var backend = BackendFactory.Float();
        var result = backend.Reveal(Layer(backend, backend.Input(X, X.Shape, FixedPointFormat.Ring32, 0), FixedPointFormat.Ring32), 0)!;
        var plain = Ops.Mean(Ops.MergeHeads(Ops.SplitHeads(Ops.Gelu(Tensor.MatMul(X, W) + B, GeluVariant.Quad) * 0.75, 3)), 0);
        Assert.Equal(plain.Data, result.Data);
        Assert.Equal(plain.Shape, result.Shape);
    }

    [Theory]
    [InlineData(32, 8)]
    [InlineData(64, 18)]
    public void MpcEqualsTheEmulatorWithinTruncationNoiseAndTheEmulatorIsCloseToFloat(int ring, int fraction)
    {
        var format = new FixedPointFormat(ring, fraction);
        var emulated = BackendFactory.Emulated(PrecisionPlan.Ditto, new Approximations());
        var clear = emulated.Reveal(Layer(emulated, emulated.Input(X, X.Shape, format, 0), format), null)!.Data;
        var secure = Run(party =>
        {
            var b = BackendFactory.Mpc(party, PrecisionPlan.Ditto, new Approximations());
            var x = b.Input(party.Id == 0 ? X : null, X.Shape, format, 0);
            return b.Reveal(Layer(b, x, format), 0)?.Data;
        }).Results[0]!;
        var plain = Ops.Mean(Ops.Gelu(Tensor.MatMul(X, W) + B, GeluVariant.Quad) * 0.75, 0).Data;
        var ulp = format.Ulp;
        for (var i = 0; i < clear.Length; i++)
        {
            // Four truncations (matmul, quad, scale, mean) each may add one ulp in MPC; the quad's slope here is below 1.
            Assert.InRange(Math.Abs(secure[i] - clear[i]), 0, 4 * ulp);
            // Rounding inputs and weights to f bits: 16-term dot products whose rounding errors average out (observed
            // below 2 ulp with this seed in both rings); 8 ulp leaves room for the square's amplification.
            Assert.InRange(Math.Abs(clear[i] - plain[i]), 0, 8 * ulp);
        }
    }

    private static Tensor Uniform(params int[] shape)
    {
        var s = new TensorShape(shape);
        return new Tensor([.. Enumerable.Range(0, s.Elements).Select(_ => (float)((Random.NextDouble() * 2) - 1))], s);
    }
}

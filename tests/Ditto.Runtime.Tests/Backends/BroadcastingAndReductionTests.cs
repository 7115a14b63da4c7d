using Ditto.Runtime.Backends;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Tests.Backends;

/// <summary>
/// NumPy broadcasting over any dimensions (aligned on the right, each pair equal or 1), keep-dim sums over any axis and
/// repeat along an axis: one meaning on the float reference, the emulator and the three parties; sums and repeats send
/// nothing; shapes that do not broadcast are refused naming both.
/// </summary>
public class BroadcastingAndReductionTests
{
    private static readonly FixedPointFormat Format = FixedPointFormat.Ring64;

    private static Tensor Values(int seed, params int[] shape)
    {
        var s = new TensorShape(shape);
        return new Tensor([.. Enumerable.Range(0, s.Elements).Select(i => (float)Math.Sin((i * 0.7) + seed))], s);
    }

    public static TheoryData<int[], int[]> Pairs => new()
    {
        { [4, 6], [4, 1] },        // a per-row scale (RMSNorm's 1/rms)
        { [4, 1], [1, 6] },        // both operands grow
        { [2, 3, 4], [3, 1] },     // a missing leading dimension and a size-1 one
        { [2, 1, 4], [1, 3, 1] },
        { [5], [2, 5] },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void SumsAndProductsBroadcastAlikeOnEveryBackend(int[] left, int[] right)
    {
        var (a, b) = (Values(1, left), Values(2, right));
        var expectedSum = a + b;
        var expectedProduct = a * b;
        var shape = TensorLayout.BroadcastShape(a.Shape, b.Shape);
        Assert.Equal(shape, expectedSum.Shape);
        for (var i = 0; i < shape.Elements; i++)
        {
            // Element by element against NumPy's rule written out: index each operand by the broadcast position.
            var (ia, ib) = (Index(a.Shape, shape, i), Index(b.Shape, shape, i));
            Assert.Equal(a.Data[ia] + b.Data[ib], expectedSum.Data[i]);
            Assert.Equal(a.Data[ia] * b.Data[ib], expectedProduct.Data[i]);
        }

        var emulator = BackendFactory.Emulated(PrecisionPlan.Ditto, new Approximations());
        Tensor Run(IBackend backend, Tensor? x, Tensor? y, bool product)
        {
            var vx = backend.Input(x, a.Shape, Format, 0);
            var vy = backend.Input(y, b.Shape, Format, 0);
            var r = product ? backend.Cast(backend.Multiply(vx, vy), Format) : backend.Add(vx, vy);
            return backend.Reveal(r, 0) ?? new Tensor(new float[shape.Elements], shape);
        }

        foreach (var product in new[] { false, true })
        {
            var expected = product ? expectedProduct : expectedSum;
            var emulated = Run(emulator, a, b, product);
            var secure = TestSessions.Run(party => Run(BackendFactory.Mpc(party, PrecisionPlan.Ditto, new Approximations()), party.Id == 0 ? a : null, party.Id == 0 ? b : null, product)).Results[0];
            Assert.Equal(shape, secure.Shape);
            // Encoding (half a unit each) and, for the product, one truncation (a unit): within 3 units of float.
            Assert.All(emulated.Data.Zip(expected.Data), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 3 * Format.Ulp));
            Assert.All(secure.Data.Zip(expected.Data), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 3 * Format.Ulp));
        }
    }

    [Fact]
    public void ShapesThatDoNotBroadcastAreRefusedNamingBoth()
    {
        var e = Assert.Throws<ArgumentException>(() => Values(1, 4, 6) + Values(2, 4, 5));
        Assert.Contains("[4x6] + [4x5]", e.Message, StringComparison.Ordinal);
        var emulator = BackendFactory.Emulated(PrecisionPlan.Ditto, new Approximations());
        var f = Assert.Throws<ArgumentException>(() => emulator.Add(emulator.Input(Values(1, 3, 2), new TensorShape(3, 2), Format, 0), emulator.Input(Values(1, 2, 3), new TensorShape(2, 3), Format, 0)));
        Assert.Contains("[3x2] and [2x3] do not broadcast", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void SumOverAnyAxisKeepsItAndSendsNothing(int axis)
    {
        var x = Values(3, 3, 4, 5);
        var expected = Ops.Sum(x, axis);
        var a = TensorLayout.Axis(x.Shape, axis);
        Assert.Equal(1, expected.Shape[a]);
        Assert.Equal(x.Data.Sum(), expected.Data.Sum(), 3);
        var runs = TestSessions.Run(party =>
        {
            var backend = BackendFactory.Mpc(party, PrecisionPlan.Ditto, new Approximations());
            var v = backend.Cast(backend.Input(party.Id == 0 ? x : null, x.Shape, Format, 0), Format);
            var before = party.Ledger.Operations.Sum(o => o.Value.BytesSent);
            var sum = backend.Sum(v, axis);
            var sent = party.Ledger.Operations.Sum(o => o.Value.BytesSent) - before;
            return (Sent: sent, Sum: backend.Reveal(sum, 0));
        });
        Assert.All(runs.Results, r => Assert.Equal(0L, r.Sent));
        Assert.Equal(expected.Shape, runs.Results[0].Sum!.Shape);
        Assert.All(runs.Results[0].Sum!.Data.Zip(expected.Data), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, x.Shape[a] * Format.Ulp));
    }

    [Fact]
    public void RepeatInterleavesSlicesAsRepeatKvDoesAndIsLocal()
    {
        // Two key/value heads [2, 3, 4] repeated for two query heads each: heads 0, 0, 1, 1.
        var kv = Values(4, 2, 3, 4);
        var repeated = Ops.Repeat(kv, 0, 2);
        Assert.Equal(new TensorShape(4, 3, 4), repeated.Shape);
        for (var h = 0; h < 4; h++)
        {
            Assert.Equal(kv.Data.AsSpan((h / 2) * 12, 12).ToArray(), repeated.Data.AsSpan(h * 12, 12).ToArray());
        }

        var emulator = BackendFactory.Emulated(PrecisionPlan.Ditto, new Approximations());
        var emulated = emulator.Reveal(emulator.Repeat(emulator.Input(kv, kv.Shape, Format, 0), 0, 2), 0)!;
        Assert.All(emulated.Data.Zip(repeated.Data), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, Format.Ulp));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Repeat(kv, 3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Repeat(kv, 0, 0));
    }

    /// <summary>The flat index into an operand of <paramref name="operand"/>'s shape for position i of the broadcast shape.</summary>
    private static int Index(TensorShape operand, TensorShape shape, int i)
    {
        var index = 0;
        var stride = 1;
        for (var d = shape.Rank - 1; d >= 0; d--)
        {
            var position = i % shape[d];
            i /= shape[d];
            var od = d - (shape.Rank - operand.Rank);
            if (od >= 0)
            {
                index += (operand[od] == 1 ? 0 : position) * stride;
                stride *= operand[od];
            }
        }

        return index;
    }
}

using System.Numerics;
using Ditto.Runtime.Engines.Secret;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Protocols;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Tensors;
using Ditto.Runtime.Tests.Boolean;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Protocols;

/// <summary>The fused product and truncation: ⌊x·y/2^m⌋ or ⌊x·y/2^m⌋ + 1, its cost formula, and a view that says nothing.</summary>
public class MultiplyTruncateTests
{
    [Theory]
    [InlineData(32, 8)]
    [InlineData(32, 13)]
    [InlineData(64, 18)]
    [InlineData(64, 40)]
    public void ResultIsTheFloorOrTheFloorPlusOne(int ring, int bits)
    {
        if (ring == 32)
        {
            Check<uint>(bits);
        }
        else
        {
            Check<ulong>(bits);
        }
    }

    [Theory]
    [InlineData(32, 8)]
    [InlineData(64, 18)]
    public void CostIsFourWordsAndTwoPackedShiftsPerElement(int ring, int bits)
    {
        const int n = 1000;
        var format = new FixedPointFormat(ring, bits);
        var values = EngineHarness.Uniform(3, n, -3, 3);
        var cost = Run(party =>
        {
            var e = new SecretEngine(party);
            var x = e.Input(values, TensorShape.Vector(n), format, 0);
            BooleanCostTests.Barrier(party);
            using (party.Scope("op"))
            {
                return e.MultiplyTruncate(x, x, bits, format).Length;
            }
        }).Report.ForScope("op");
        var word = n * ring / 8;
        var packed = BooleanCostTests.Packed(n, bits);

        // B: its masked part and its reshare word; C: its masked part and q; A: e and its reshare word.
        Assert.Equal(BooleanCostTests.Sorted(2 * word, word + packed, word + packed), BooleanCostTests.Sorted(cost.BytesPerParty));
        Assert.Equal(3, cost.Rounds);
        Assert.True(cost.BytesTotal < (3L * word) + (2L * word) + (2L * packed), "cheaper than a product and a truncation");
    }

    [Fact]
    public void EveryPartysViewOfTheResultLooksUniform()
    {
        const int n = 20_000;
        var format = FixedPointFormat.Ring64;
        var three = Enumerable.Repeat(3f, n).ToArray();
        var views = Run(party =>
        {
            var e = new SecretEngine(party);
            var x = (Sharing.ArithmeticShare<ulong>)e.MultiplyTruncate(e.Input(three, TensorShape.Vector(n), format, 0), e.Input(three, TensorShape.Vector(n), format, 1), 18, format);
            return x;
        }).Results;
        foreach (var share in views)
        {
            foreach (var view in new[] { share.First, share.Second, share.First.Zip(share.Second, (a, b) => a + b).ToArray() })
            {
                Assert.InRange(view.Average(v => (double)BitOperations.PopCount(v)), 31.8, 32.2);
                Assert.True(view.Count(v => v == (ulong)FixedPointCodec.EncodeSigned(9, format)) < 3);
            }
        }
    }

    private static void Check<T>(int bits)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var k = RingInfo<T>.Bits;
        const int n = 100_000;
        var random = new Random(bits);
        // |x·y| < 2^(k−2): each factor below 2^((k−3)/2), with the extremes of that range.
        var half = (k - 3) / 2;
        var x = RandomSigned<T>(random, n, half);
        var y = RandomSigned<T>(random, n, half);
        x[0] = T.Zero;
        x[1] = T.CreateTruncating((1L << half) - 1);
        y[1] = T.CreateTruncating(-((1L << half) - 1));
        x[2] = T.AllBitsSet;
        y[2] = T.AllBitsSet;
        var format = new FixedPointFormat(k, Math.Min(bits, k - 2));
        var opened = Run(party =>
        {
            var a = party.ShareRing<T>(0, party.Id == 0 ? x : [], TensorShape.Vector(n), format);
            var b = party.ShareRing<T>(1, party.Id == 1 ? y : [], TensorShape.Vector(n), format);
            return party.OpenRing(party.MultiplyTruncated(a, b, bits, format));
        }).Results[2];
        for (var i = 0; i < n; i++)
        {
            var floor = (long)(((Int128)Signed(x[i]) * Signed(y[i])) >> bits);
            var got = Signed(opened[i]);
            Assert.True(got == floor || got == floor + 1, $"element {i}: {Signed(x[i])}·{Signed(y[i])} >> {bits} = {floor}, got {got}");
        }
    }
}

using System.Numerics;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Protocols;

public class TruncationTests
{
    // The protocol promises ⌊x/2^m⌋ or ⌊x/2^m⌋ + 1 whenever |x| < 2^(k−2); the test uses |x| up to 2^(k−3) as the issue asks,
    // plus the extremes of the allowed range.
    [Theory]
    [InlineData(32, 8)]
    [InlineData(32, 16)]
    [InlineData(64, 18)]
    [InlineData(64, 36)]
    public void MillionValuesAreWithinOneUnitInTheLastPlace(int ring, int bits)
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

    [Fact]
    public void BothRoundingOutcomesOccurAndNeitherDominates()
    {
        // One-bit error, and unbiased in aggregate: x = 1.5 ulp after truncation rounds to 1 or 2 about equally often.
        var n = 100_000;
        var values = Enumerable.Repeat((ulong)((3L << 17)), n).ToArray();
        var opened = Run(party => party.OpenRing(party.Truncate(party.ShareRing<ulong>(0, party.Id == 0 ? values : [], TensorShape.Vector(n), new FixedPointFormat(64, 18)), 18))).Results[0];
        var ones = opened.Count(v => v == 1);
        var twos = opened.Count(v => v == 2);
        Assert.Equal(n, ones + twos);
        Assert.InRange(ones, n * 0.4, n * 0.6);
    }

    [Fact]
    public void TruncatingMoreBitsThanTheFormatHasIsRefused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Run(party =>
            party.Truncate(party.Share<uint>(0, party.Id == 0 ? new float[4] : null, TensorShape.Vector(4), FixedPointFormat.Ring32), 9)));
        Assert.Contains("fxp32.8", e.Message);
    }

    private static void Check<T>(int bits)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var k = RingInfo<T>.Bits;
        var n = 1_000_000;
        var random = new Random(bits);
        var x = RandomSigned<T>(random, n, k - 3);
        x[0] = T.Zero;
        x[1] = T.AllBitsSet;
        x[2] = T.CreateTruncating((1L << (k - 2)) - 1);
        x[3] = T.CreateTruncating(-((1L << (k - 2)) - 1));
        x[4] = T.CreateTruncating(-(1L << bits));
        var format = new FixedPointFormat(k, Math.Min(bits, k - 2));
        var opened = Run(party =>
        {
            var s = party.ShareRing<T>(1, party.Id == 1 ? x : [], TensorShape.Vector(n), format);
            var t = party.Truncate(s, bits);
            Assert.Equal(format.FractionBits - bits, t.Format.FractionBits);
            return party.OpenRing(t);
        }).Results[0];
        var bad = 0;
        for (var i = 0; i < n; i++)
        {
            var floor = Signed(x[i]) >> bits;
            var got = Signed(opened[i]);
            if (got != floor && got != floor + 1)
            {
                bad++;
            }
        }

        Assert.Equal(0, bad);
    }
}

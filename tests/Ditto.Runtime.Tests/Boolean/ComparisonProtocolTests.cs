using System.Numerics;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Protocols.Boolean;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Boolean;

/// <summary>MSB and comparisons with public thresholds are exact: they equal the clear sign bit for every ring element.</summary>
public class ComparisonProtocolTests
{
    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void MsbEqualsTheSignBitForRandomAndExtremeValues(int ring)
    {
        if (ring == 32)
        {
            CheckMsb<uint>();
        }
        else
        {
            CheckMsb<ulong>();
        }
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void ManyThresholdsShareOneCallAndEachRowIsExact(int ring)
    {
        if (ring == 32)
        {
            CheckThresholds<uint>();
        }
        else
        {
            CheckThresholds<ulong>();
        }
    }

    private static void CheckMsb<T>()
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var k = RingInfo<T>.Bits;
        var n = 20_000;
        var x = new T[n];
        new Random(k).NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(x.AsSpan()));
        // Small magnitudes, the extremes of the ring and of the encoding's range.
        T[] edges = [T.Zero, T.One, T.AllBitsSet, RingInfo<T>.HalfRing, RingInfo<T>.HalfRing - T.One, RingInfo<T>.QuarterRing, T.Zero - RingInfo<T>.QuarterRing];
        edges.CopyTo(x, 0);
        for (var i = edges.Length; i < 2000; i++)
        {
            x[i] = T.CreateTruncating(new Random(i).Next(-40, 40));
        }

        var bits = Run(party => party.OpenBits(party.Msb(party.ShareRing<T>(0, party.Id == 0 ? x : [], TensorShape.Vector(n), new FixedPointFormat(k, 0))))).Results[0];
        for (var i = 0; i < n; i++)
        {
            Assert.True(bits[i] == (Signed(x[i]) < 0 ? 1UL : 0UL), $"element {i}: x = {Signed(x[i])}, msb = {bits[i]}");
        }
    }

    private static void CheckThresholds<T>()
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var k = RingInfo<T>.Bits;
        var n = 5000;
        var x = RandomSigned<T>(new Random(3), n, k - 3);
        var thresholds = new[] { T.Zero, T.CreateTruncating(-5), T.CreateTruncating(1L << (k - 4)), x[7] };
        var bits = Run(party => party.OpenBits(party.LessThanPublic(party.ShareRing<T>(1, party.Id == 1 ? x : [], TensorShape.Vector(n), new FixedPointFormat(k, 0)), thresholds))).Results[2];
        for (var j = 0; j < thresholds.Length; j++)
        {
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(Signed(x[i]) < Signed(thresholds[j]) ? 1UL : 0UL, bits[(j * n) + i]);
            }
        }
    }
}

using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Protocols.Conversion;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Conversion;

/// <summary>Downcasts 64 → 32 bits are within one unit in the last place: ⌊x/2^m⌋ or ⌊x/2^m⌋ + 1.</summary>
public class DowncastConversionTests
{
    [Theory]
    [InlineData(DowncastMethod.Fused)]
    [InlineData(DowncastMethod.TruncateThenReduce)]
    public void AMillionValuesFrom64Bits18To32Bits8AreWithinOneUlp(DowncastMethod method)
    {
        // The allowed range: the result must lie in the small ring's range |y| < 2^30, so |x| < 2^40 at m = 10.
        var n = 1_000_000;
        var bound = 1L << 40;
        var random = new Random(3 + (int)method);
        var x = new long[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = random.NextInt64(-bound, bound);
        }

        long[] edges = [0, -1, 1, bound - 1, -(bound - 1), -bound, 1023, -1024, 1024];
        edges.CopyTo(x, 0);
        var opened = Downcast(x, FixedPointFormat.Ring64, 8, method, seed: 5);
        var bad = 0;
        var ones = 0;
        for (var i = 0; i < n; i++)
        {
            var error = (long)(int)opened[i] - (x[i] >> 10);
            bad += error is 0 or 1 ? 0 : 1;
            ones += error == 1 ? 1 : 0;
        }

        Assert.Equal(0, bad);
        Assert.InRange(ones, n / 3, 2 * n / 3);
    }

    [Fact]
    public void TheFusedDowncastNeedsNoRangeConditionModuloTheSmallRing()
    {
        // Uniform over the whole 64-bit ring: the result is still ⌊x/2^m⌋ + {0, 1} mod 2^32 (no wrap term survives).
        var n = 200_000;
        var random = new Random(8);
        var x = new long[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = random.NextInt64(long.MinValue, long.MaxValue);
        }

        x[0] = long.MinValue;
        x[1] = long.MaxValue;
        var opened = Downcast(x, FixedPointFormat.Ring64, 8, DowncastMethod.Fused, seed: 6);
        Assert.All(Enumerable.Range(0, n), i => Assert.Contains(opened[i] - (uint)(x[i] >> 10), new uint[] { 0, 1 }));
    }

    [Theory]
    [InlineData(40, 8, DowncastMethod.Fused)] // m = 32: the largest fused shift
    [InlineData(50, 8, DowncastMethod.Fused)] // m = 42: falls back to truncate-then-reduce
    [InlineData(18, 18, DowncastMethod.Fused)] // m = 0: local reduction only
    [InlineData(20, 2, DowncastMethod.TruncateThenReduce)]
    public void OtherShiftsAreWithinOneUlp(int from, int to, DowncastMethod method)
    {
        var n = 100_000;
        var m = from - to;
        var bound = 1L << Math.Min(29 + m, 61);
        var random = new Random(from * 31 + to);
        var x = new long[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = random.NextInt64(-bound, bound);
        }

        var opened = Downcast(x, new FixedPointFormat(64, from), to, method, seed: 4);
        for (var i = 0; i < n; i++)
        {
            var error = (long)(int)opened[i] - (x[i] >> m);
            Assert.True(m == 0 ? error == 0 : error is 0 or 1, $"x = {x[i]}: got {(int)opened[i]}, floor {x[i] >> m}");
        }
    }

    private static uint[] Downcast(long[] x, FixedPointFormat from, int toFractionBits, DowncastMethod method, ulong seed) =>
        Run(party =>
        {
            var s = party.ShareRing<ulong>(0, party.Id == 0 ? x.Select(v => (ulong)v).ToArray() : [], TensorShape.Vector(x.Length), from);
            var small = party.Downcast(s, toFractionBits, method);
            Assert.Equal(new FixedPointFormat(32, toFractionBits), small.Format);
            return party.OpenRing(small);
        }, seed).Results[0];
}

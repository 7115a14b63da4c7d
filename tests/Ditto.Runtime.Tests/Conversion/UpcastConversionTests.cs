using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Protocols.Conversion;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Conversion;

/// <summary>
/// The fast upcasts are exact on a million values spanning their whole allowed range [−2^30, 2^30 − 1] of the 32-bit ring,
/// and what they do outside it (which the compiler must therefore rule out).
/// </summary>
public class UpcastConversionTests
{
    private const long Quarter = 1L << 30;

    public static TheoryData<UpcastMethod> FastMethods => [UpcastMethod.HighPart, UpcastMethod.HighPartOneRound, UpcastMethod.MaskAndOpen];

    [Theory]
    [MemberData(nameof(FastMethods))]
    public void AMillionValuesOverTheWholeAllowedRangeAreExact(UpcastMethod method)
    {
        var n = 1_000_000;
        var random = new Random(42 + (int)method);
        var x = new long[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = random.NextInt64(-Quarter, Quarter);
        }

        long[] edges = [0, -1, 1, Quarter - 1, -(Quarter - 1), -Quarter, Quarter - 2, -Quarter + 2];
        edges.CopyTo(x, 0);
        var opened = Upcast(x, method, seed: 7);
        var mismatches = Enumerable.Range(0, n).Count(i => opened[i] != x[i]);
        Assert.Equal(0, mismatches);
    }

    [Theory]
    [MemberData(nameof(FastMethods))]
    public void EveryRoleAssignmentIsExact(UpcastMethod method)
    {
        // The pivot rotates the roles per call; 12 calls on the same values cover all three assignments.
        var x = new long[] { 0, -1, Quarter - 1, -Quarter, 12345, -98765 };
        var results = Run(party =>
        {
            var s = party.ShareRing<uint>(2, party.Id == 2 ? Ring32(x) : [], TensorShape.Vector(x.Length), FixedPointFormat.Ring32);
            return Enumerable.Range(0, 12).Select(_ => party.OpenRing(party.Upcast(s, method))).ToList();
        }).Results[0];
        Assert.All(results, r => Assert.Equal(x, r.Select(v => (long)v)));
    }

    [Theory]
    [MemberData(nameof(FastMethods))]
    public void OutsideThePreconditionTheResultIsOffByTheSmallRingForManyValues(UpcastMethod method)
    {
        // |x| in [2^30, 2^31): a valid 32-bit value that the fast upcasts do not promise to extend. The result is x or x ± 2^32
        // depending on the random shares, so the compiler must keep upcast inputs inside |x| < 2^30 (the format's range).
        var n = 100_000;
        var random = new Random(5);
        var x = new long[n];
        for (var i = 0; i < n; i++)
        {
            var magnitude = random.NextInt64(Quarter, 2 * Quarter);
            x[i] = random.Next(2) == 0 ? magnitude : -magnitude;
        }

        x[0] = int.MinValue;
        x[1] = int.MaxValue;
        var opened = Upcast(x, method, seed: 9);
        var wrong = 0;
        for (var i = 0; i < n; i++)
        {
            var error = opened[i] - x[i];
            Assert.Contains(error, new[] { 0L, 1L << 32, -(1L << 32) });
            wrong += error == 0 ? 0 : 1;
        }

        Assert.InRange(wrong, n / 20, n - (n / 20));
    }

    internal static uint[] Ring32(long[] x) => [.. x.Select(v => (uint)v)];

    private static long[] Upcast(long[] x, UpcastMethod method, ulong seed)
    {
        var opened = Run(party =>
        {
            var s = party.ShareRing<uint>(1, party.Id == 1 ? Ring32(x) : [], TensorShape.Vector(x.Length), FixedPointFormat.Ring32);
            var wide = party.Upcast(s, method);
            Assert.Equal(new FixedPointFormat(64, 8), wide.Format);
            return party.OpenRing(wide);
        }, seed).Results[0];
        return [.. opened.Select(v => (long)v)];
    }
}

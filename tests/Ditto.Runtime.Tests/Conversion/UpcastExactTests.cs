using Ditto.Runtime.Engines.Clear;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Protocols.Conversion;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;
using Ditto.Runtime.Tests.Boolean;
using static Ditto.Runtime.Tests.TestSessions;

namespace Ditto.Runtime.Tests.Conversion;

/// <summary>
/// The exact upcast (UpcastMethod.Exact) has no precondition: it is exact on the whole 32-bit ring, for every role
/// assignment and every way the shares can wrap; through Cast it equals the emulator; it costs its formula.
/// </summary>
public class UpcastExactTests
{
    private const long Half = 1L << 31;
    private const long Quarter = 1L << 30;

    [Fact]
    public void AMillionValuesOverTheWholeRingAreExact()
    {
        var n = 1_000_000;
        var random = new Random(31);
        var x = new long[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = random.NextInt64(-Half, Half);
        }

        long[] edges = [0, -1, 1, Half - 1, -(Half - 1), -Half, Half - 2, -Half + 1, Quarter, -Quarter, Quarter - 1, -Quarter - 1];
        edges.CopyTo(x, 0);

        // About half of a uniform sample lies outside the fast upcasts' |x| < 2^30: the case this method exists for.
        Assert.InRange(x.Count(v => Math.Abs(v) >= Quarter), (4 * n) / 10, (6 * n) / 10);
        var opened = Upcast(x, seed: 11);
        var mismatches = Enumerable.Range(0, n).Count(i => opened[i] != x[i]);
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void EveryWrapOfTheSharesIsExact()
    {
        // Components from the values where the derivation's cases switch (S = x_A + x_{A+1} crossing 2^32, a crossing 2^31,
        // a' + b crossing 2^32), in every combination and position, so every role sees every case.
        uint[] corners = [0, 1, 2, (uint)Quarter, (uint)Half - 1, (uint)Half, (uint)Half + 1, uint.MaxValue - 1, uint.MaxValue];
        var triples = (from a in corners from b in corners from c in corners select (a, b, c)).ToArray();
        var n = triples.Length;
        var expected = triples.Select(t => (long)(int)(t.a + t.b + t.c)).ToArray();
        var results = Run(party =>
        {
            // Party i holds components (x_i, x_{i+1}).
            uint Component(int j, int e) => j switch { 0 => triples[e].a, 1 => triples[e].b, _ => triples[e].c };
            var first = Enumerable.Range(0, n).Select(e => Component(party.Id, e)).ToArray();
            var second = Enumerable.Range(0, n).Select(e => Component((party.Id + 1) % 3, e)).ToArray();
            var s = new ArithmeticShare<uint>(TensorShape.Vector(n), FixedPointFormat.Ring32, first, second);
            return Enumerable.Range(0, 6).Select(_ => party.OpenRing(party.Upcast(s, UpcastMethod.Exact))).ToList();
        }).Results[0];
        Assert.All(results, r => Assert.Equal(expected, r.Select(v => (long)v)));
    }

    [Fact]
    public void EveryRoleAssignmentIsExact()
    {
        // The pivot rotates the roles per call; 12 calls on the same values cover all three assignments.
        var x = new long[] { 0, -1, Half - 1, -Half, Quarter, -Quarter - 1, 12345, -98765 };
        var results = Run(party =>
        {
            var s = party.ShareRing<uint>(2, party.Id == 2 ? UpcastConversionTests.Ring32(x) : [], TensorShape.Vector(x.Length), FixedPointFormat.Ring32);
            return Enumerable.Range(0, 12).Select(_ => party.OpenRing(party.Upcast(s, UpcastMethod.Exact))).ToList();
        }).Results[0];
        Assert.All(results, r => Assert.Equal(x, r.Select(v => (long)v)));
    }

    [Theory]
    [InlineData("32:8", "64:18")] // Ditto's upcast: extend, then a local shift
    [InlineData("32:8", "64:8")]
    [InlineData("32:16", "64:18")]
    [InlineData("32:12", "64:4")] // fraction bits removed: extend first, then truncate in the 64-bit ring
    [InlineData("32:8", "64:0")]
    public void CastWithTheExactUpcastEqualsTheEmulatorOnTheWholeRing(string fromText, string toText)
    {
        var (from, to) = (FixedPointFormat.Parse(fromText), FixedPointFormat.Parse(toText));
        var n = 50_000;
        var random = new Random(from.GetHashCode() ^ to.GetHashCode());
        var ring = Enumerable.Range(0, n).Select(_ => (uint)random.NextInt64(0, 1L << 32)).ToArray();
        ring[0] = 0;
        ring[1] = uint.MaxValue;
        ring[2] = (uint)Half;
        ring[3] = (uint)Half - 1;
        var shape = TensorShape.Vector(n);
        var expected = new ClearEngine().Cast(new ClearTensor<uint>(shape, from, ring), to).ToSigned();
        var options = new CastOptions { Upcast = UpcastMethod.Exact };
        var secret = Run(party =>
        {
            var s = party.ShareRing<uint>(0, party.Id == 0 ? ring : [], shape, from);
            var y = (ArithmeticShare<ulong>)party.Cast(s, to, options);
            Assert.Equal(to, y.Format);
            return party.OpenRing(y).Select(v => (long)v).ToArray();
        }).Results[0];
        var drops = from.FractionBits > to.FractionBits;
        for (var i = 0; i < n; i++)
        {
            var error = secret[i] - expected[i];
            Assert.True(drops ? error is 0 or 1 : error == 0, $"{from} → {to}: ring value {ring[i]} gave {secret[i]}, the emulator {expected[i]}");
        }
    }

    [Fact]
    public void TheExactUpcastCostsItsFormula()
    {
        // Per element at k = 32: A sends the nibble round (k + 11k/4 bits = 15 B), T_A − ρ (4 B), the B2A's e (4 B); B and C
        // reshare 2N − 1 = 15 planes (15 bits each) and send the B2A's reshare (4 B each); every party sends 7 + 3 + 1 bits
        // over the tree's levels. Planes are bit-packed over the elements (⌈N/8⌉ bytes each).
        const int n = 1000;
        var plane = BooleanCostTests.Packed(n, 1);
        var tree = (7 + 3 + 1) * plane;
        var a = (15 * n) + (4 * n) + tree + (4 * n);
        var bc = (15 * plane) + tree + (4 * n);
        var result = Run(party =>
        {
            var x = party.ShareRing<uint>(0, party.Id == 0 ? new uint[n] : [], TensorShape.Vector(n), FixedPointFormat.Ring32);
            BooleanCostTests.Barrier(party);
            using (party.Scope("op"))
            {
                return party.Upcast(x, UpcastMethod.Exact).Length;
            }
        });
        var cost = result.Report.ForScope("op");
        Assert.Equal(new long[] { bc, bc, a }, cost.BytesPerParty.Order());
        Assert.Equal(38_875, cost.BytesTotal);
        Assert.Equal(7, cost.Rounds);
        Assert.Equal(0, cost.AheadRounds);
    }

    private static long[] Upcast(long[] x, ulong seed)
    {
        var opened = Run(party =>
        {
            var s = party.ShareRing<uint>(1, party.Id == 1 ? UpcastConversionTests.Ring32(x) : [], TensorShape.Vector(x.Length), FixedPointFormat.Ring32);
            var wide = party.Upcast(s, UpcastMethod.Exact);
            Assert.Equal(new FixedPointFormat(64, 8), wide.Format);
            return party.OpenRing(wide);
        }, seed).Results[0];
        return [.. opened.Select(v => (long)v)];
    }
}

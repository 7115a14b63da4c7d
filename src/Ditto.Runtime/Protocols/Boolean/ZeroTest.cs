using System.Numerics;
using System.Runtime.CompilerServices;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Boolean;

/// <summary>
/// Equality by a dedicated zero test (the idea of SPU main's eqz, eprint 2019/599, with our nibble first round): with
/// x = a + b, x = 0 exactly when a = −b, that is when every bit of a ⊕ (b − 1) is 1 (¬(b − 1) = −b). After
/// <see cref="NibbleRound"/>, B and C hold 2-of-2 shares of each nibble's "all four bits propagate" Π(a_i ⊕ c_i),
/// c = b − 1, with no further messages; a reshare and log2(k/4) AND levels reduce the k/4 nibbles to one bit.
/// Cost per element at k = 64: 30 B + 4 B + (8 + 4 + 2 + 1 bits per party) 5.6 B = 39.6 B, 6 rounds; at k = 32:
/// 15 + 2 + 2.6 = 19.6 B, 5 rounds. Two comparisons would cost 95.5 / 46.25 B; SPU main's eqz 62 / 34 B, 9 / 8 rounds;
/// Ditto's (2 MSB + AND) 219 / 123 B, 17 / 15 rounds. Exact for all ring elements.
/// </summary>
public static class ZeroTest
{
    /// <summary>The zero test of n elements: the nibble round, k/4 planes reshared by B and C, an AND tree of N/2 + N/4 + … planes per party; 2 + log2(k/4) rounds.</summary>
    public static ProtocolCost Cost(int k, long n)
    {
        var nodes = k / 4;
        var plane = ProtocolCost.PackedBytes(n, 1);
        var round1 = n * ((k / 8) + (11 * k / 32));
        var tree = 0L;
        var levels = 0;
        for (var m = nodes; m > 1; m /= 2)
        {
            tree += 3 * (m / 2) * plane;
            levels++;
        }

        return new(round1 + (2 * nodes * plane) + tree, 2 + levels);
    }

    /// <summary>[x = y] element-wise as a 1-bit share (same shape and format).</summary>
    public static BooleanShare Equal<T>(this Party party, ArithmeticShare<T> x, ArithmeticShare<T> y)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        ShareChecks.SameShape("equal", x.Shape, y.Shape);
        ShareChecks.SameFormat("equal", x.Format, y.Format);
        return party.IsZero(LocalArithmetic.Subtract(x, y));
    }

    /// <summary>[x = 0] element-wise as a 1-bit share.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static BooleanShare IsZero<T>(this Party party, ArithmeticShare<T> x)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        using var _ = party.Ledger.Protocol("eq");
        var k = RingInfo<T>.Bits;
        var nodes = k / 4;
        var n = x.Length;
        var roles = party.NextRoles();
        var round = NibbleRound.Run(party, roles, x, clearTop: false);
        var y = new ulong[party.Id == roles.A ? 0 : n];
        if (party.Id != roles.A)
        {
            var ringMask = BitTricks.LowMask(k);
            var nm = round.NibbleMask;
            Span<ulong> m = stackalloc ulong[16];
            Span<ulong> bm = stackalloc ulong[16];
            var isB = party.Id == roles.B;
            for (var i = 0; i < n; i++)
            {
                round.Monomials(i, m);
                var b = ulong.CreateTruncating(isB ? x.Second[i] : x.First[i]);
                NibbleRound.Planes((b - 1) & ringMask, nm, bm);
                y[i] = NibbleRound.Propagate(m, bm);
            }
        }

        var planes = party.Id == roles.A ? null : BitPlanes.FromWords(y, nodes);
        var (first, second) = PairReshare.XorPlanes(party, roles, planes, nodes, n);
        for (; nodes > 1; nodes /= 2)
        {
            var half = nodes / 2;
            (first, second) = BitPlanes.And(
                party,
                [.. Enumerable.Range(0, half).Select(j => first[(2 * j) + 1])],
                [.. Enumerable.Range(0, half).Select(j => second[(2 * j) + 1])],
                [.. Enumerable.Range(0, half).Select(j => first[2 * j])],
                [.. Enumerable.Range(0, half).Select(j => second[2 * j])],
                n);
        }

        return new BooleanShare(x.Shape, 1, BitPlanes.ToBits(first[0], n), BitPlanes.ToBits(second[0], n));
    }
}

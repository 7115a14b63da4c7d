using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Protocols.Boolean;

/// <summary>
/// MSB and comparison with public thresholds (after ABY3 §5.3 and SPU MsbA2B, with a shorter carry tree).
/// x = a + b with a known to A, b to B and C. msb(x − t) = a_(k−1) ⊕ (b − t)_(k−1) ⊕ carry into bit k−1 of the low bits.
/// Round 1 (<see cref="NibbleRound"/>) gives B and C 2-of-2 shares of a's nibble monomials; from them and b − t they compute,
/// with no messages, shares of every nibble's generate G and propagate P (the top bit is held out: a's is cleared, b's set,
/// so the top nibble's G and P cover its three low bits), which is the first two levels of the carry tree at once.
/// Round 2 reshares (G, P, the top bits) to replicated (<see cref="PairReshare"/>); log2(k/4) AND levels then reduce the
/// k/4 nibbles: G ← G_hi ⊕ P_hi·G_lo, P ← P_hi·P_lo (the lowest P is never needed).
/// Many thresholds share round 1 (it depends on a alone), so J comparisons of one x cost one round-1 message.
/// Cost per element at k = 64: 30 B (A's message) + 8 B (reshare) + 9.75 B (AND levels 15 + 7 + 3 + 1 bits per party)
/// = 47.75 B, 6 rounds; each further threshold 17.75 B. At k = 32: 15 + 4 + 4.125 = 23.125 B, 5 rounds; further 8.125 B.
/// SPU: 108 B / 8 rounds and 60 B / 7 rounds. Exact for every ring element; x − t must not wrap (|x|, |t| &lt; 2^(k−2)).
/// </summary>
public static class Comparison
{
    /// <summary>
    /// Comparison of n elements with J public thresholds (MSB: J = 1): A's nibble round k + 11k/4 bits per element,
    /// shared by the thresholds; B and C reshare 2·(k/4) planes of J·n bits each; each party sends Σ (nodes − 1) planes
    /// over the log2(k/4) AND levels (7 + 3 + 1 at k = 32, 15 + 7 + 3 + 1 at k = 64). 2 + log2(k/4) rounds (5 / 6).
    /// </summary>
    public static ProtocolCost Cost(int k, long n, int thresholds)
    {
        var nodes = k / 4;
        var plane = ProtocolCost.PackedBytes(n * thresholds, 1);
        var round1 = n * ((k / 8) + (11 * k / 32));
        var reshare = 2 * 2 * nodes * plane;
        var tree = 0L;
        var levels = 0;
        for (var m = nodes; m > 1; m /= 2)
        {
            tree += 3 * (m - 1) * plane;
            levels++;
        }

        return new(round1 + reshare + tree, 2 + levels);
    }

    /// <summary>The most significant bit of each element, [x &lt; 0] as a 1-bit share.</summary>
    public static BooleanShare Msb<T>(this Party party, ArithmeticShare<T> x)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        using var _ = party.Ledger.Protocol("msb");
        return Compare(party, x, [T.Zero], x.Shape);
    }

    /// <summary>
    /// [x &lt; t_j] for every public threshold t_j (ring values in x's format), as one 1-bit share of shape
    /// [thresholds, ...x's shape]: row j holds the comparisons with t_j. All rows share the first round.
    /// </summary>
    public static BooleanShare LessThanPublic<T>(this Party party, ArithmeticShare<T> x, T[] thresholds)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        if (thresholds.Length == 0)
        {
            throw new ArgumentException("less-than: give at least one threshold.", nameof(thresholds));
        }

        using var _ = party.Ledger.Protocol("msb");
        return Compare(party, x, thresholds, new TensorShape([thresholds.Length, .. x.Shape.Dimensions]));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static BooleanShare Compare<T>(Party party, ArithmeticShare<T> x, T[] offsets, TensorShape shape)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var k = RingInfo<T>.Bits;
        var nodes = k / 4;
        var n = x.Length;
        var rows = offsets.Length;
        var total = rows * n;
        var roles = party.NextRoles();
        var round = NibbleRound.Run(party, roles, x, clearTop: true);
        var y = ArrayPool<ulong>.Shared.Rent(total);
        try
        {
            if (party.Id != roles.A)
            {
                var ringMask = BitTricks.LowMask(k);
                var top = 1UL << (k - 1);
                var nm = round.NibbleMask;
                var lowP = ~1UL & round.LaneMask;
                Span<ulong> m = stackalloc ulong[16];
                Span<ulong> bm = stackalloc ulong[16];
                var isB = party.Id == roles.B;
                var offsetWords = offsets.Select(ulong.CreateTruncating).ToArray();
                for (var i = 0; i < n; i++)
                {
                    round.Monomials(i, m);
                    var b = ulong.CreateTruncating(isB ? x.Second[i] : x.First[i]);
                    var linearTop = round.Linear[i] >> (k - 1);
                    for (var j = 0; j < rows; j++)
                    {
                        var bj = (b - offsetWords[j]) & ringMask;
                        var msbPart = isB ? (linearTop ^ (bj >> (k - 1))) & 1 : linearTop & 1;
                        NibbleRound.Planes(bj | top, nm, bm);
                        var g = NibbleRound.Generate(m, bm);
                        var p = NibbleRound.Propagate(m, bm);
                        y[(j * n) + i] = g | (((p & lowP) | msbPart) << nodes);
                    }
                }
            }

            var planes = party.Id == roles.A ? null : BitPlanes.FromWords(y.AsSpan(0, total), 2 * nodes);
            var (first, second) = PairReshare.XorPlanes(party, roles, planes, 2 * nodes, total);
            // Plane N holds the top-bit share; it sits where P_0 would be, which the tree never reads.
            var carry = CarryTree(party, first[..nodes], second[..nodes], first[nodes..], second[nodes..], nodes, total);
            var msb = (First: BitPlanes.Xor(carry.First, first[nodes]), Second: BitPlanes.Xor(carry.Second, second[nodes]));
            return new BooleanShare(shape, 1, BitPlanes.ToBits(msb.First, total), BitPlanes.ToBits(msb.Second, total));
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(y);
        }
    }

    /// <summary>
    /// The carry tree over <paramref name="nodes"/> nodes, bit-sliced: g[j] holds node j's generate G_j and p[j] its
    /// propagate P_j for j ≥ 1 (p[0] is never read: the lowest propagate is not needed). Each level is one AND of N − 1
    /// planes (log2 N levels, 1 round each); returns the carry out of the whole word, G_0 of the last level.
    /// </summary>
    internal static (ulong[] First, ulong[] Second) CarryTree(Party party, ulong[][] g1, ulong[][] g2, ulong[][] p1, ulong[][] p2, int nodes, int n)
    {
        for (; nodes > 1; nodes /= 2)
        {
            var half = nodes / 2;
            var left1 = new List<ulong[]>();
            var left2 = new List<ulong[]>();
            var right1 = new List<ulong[]>();
            var right2 = new List<ulong[]>();
            for (var j = 0; j < half; j++)
            {
                left1.Add(p1[(2 * j) + 1]);
                left2.Add(p2[(2 * j) + 1]);
                right1.Add(g1[2 * j]);
                right2.Add(g2[2 * j]);
            }

            for (var j = 1; j < half; j++)
            {
                left1.Add(p1[(2 * j) + 1]);
                left2.Add(p2[(2 * j) + 1]);
                right1.Add(p1[2 * j]);
                right2.Add(p2[2 * j]);
            }

            var (z1, z2) = BitPlanes.And(party, left1, left2, right1, right2, n);
            var (ng1, ng2) = (new ulong[half][], new ulong[half][]);
            var (np1, np2) = (new ulong[half][], new ulong[half][]);
            for (var j = 0; j < half; j++)
            {
                ng1[j] = BitPlanes.Xor(g1[(2 * j) + 1], z1[j]);
                ng2[j] = BitPlanes.Xor(g2[(2 * j) + 1], z2[j]);
                if (j >= 1)
                {
                    np1[j] = z1[half - 1 + j];
                    np2[j] = z2[half - 1 + j];
                }
            }

            (g1, g2, p1, p2) = (ng1, ng2, np1, np2);
        }

        return (g1[0], g2[0]);
    }
}

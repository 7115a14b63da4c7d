using System.Numerics;
using System.Runtime.CompilerServices;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Boolean;

/// <summary>
/// A2B: the k bits of an arithmetic share as a boolean share (ABY3 §5.3 bit decomposition with a Sklansky
/// parallel-prefix adder). With x = a + b (a known to A, b to B and C): A sends B m = a ⊕ r (r from the A–C stream), so
/// (r, m, b) is a replicated sharing of the propagate bits a ⊕ b at no further cost, and B and C hold the generate bits
/// a ∧ b as m∧b ⊕ r∧b, which one reshare makes replicated. log2 k Sklansky levels then give every carry:
/// at level s the upper half of each 2s-block takes (G, P) ← (G ⊕ P∧G_pivot, P∧P_pivot), the pivot being the lower
/// half's top bit (P is dropped once a block reaches bit 0). Sum = (a ⊕ b) ⊕ (carries ≪ 1).
/// Cost per element: k bits (m) + 2(k − 1) bits (reshare) + 3·Σ_levels (ANDs): at k = 64, 8 + 15.75 + 119.25 = 143 B; at
/// k = 32, 4 + 7.75 + 52.5 ≈ 64 B. Rounds 2 + log2 k: 8 and 7. SPU (Kogge–Stone): 336 / 144 B, 8 / 7 rounds.
/// </summary>
public static class BitDecomposition
{
    /// <summary>
    /// A2B of n elements (Sklansky): A sends k bits per element, B and C reshare k − 1 packed bits each, and each level of
    /// the adder ANDs the upper halves' generate and propagate bits (every party, packed); 2 + log2 k rounds.
    /// </summary>
    public static ProtocolCost Cost(int k, long n)
    {
        var positions = k == 64 ? ulong.MaxValue >> 1 : (1UL << (k - 1)) - 1;
        var tree = 0L;
        var levels = 0;
        for (var s = 1; s < k; s *= 2)
        {
            var (upper, withP, _) = Masks(s, positions);
            tree += 3 * ProtocolCost.PackedBytes(n, BitOperations.PopCount(upper) + BitOperations.PopCount(withP));
            levels++;
        }

        return new((n * k / 8) + (2 * ProtocolCost.PackedBytes(n, k - 1)) + tree, 2 + levels);
    }

    /// <summary>The bits of x's ring element as a k-bit boolean share.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static BooleanShare ToBits<T>(this Party party, ArithmeticShare<T> x)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        using var _ = party.Ledger.Protocol("a2b");
        var k = RingInfo<T>.Bits;
        var n = x.Length;
        var roles = party.NextRoles();
        var comm = party.Comm;
        var p1 = new ulong[n];
        var p2 = new ulong[n];
        ulong[]? g = null;
        if (party.Id == roles.A)
        {
            var r = new T[n];
            party.Random.WithPrevious.Fill<T>(r);
            var m = new T[n];
            for (var i = 0; i < n; i++)
            {
                m[i] = (x.First[i] + x.Second[i]) ^ r[i];
                p1[i] = ulong.CreateTruncating(r[i]);
                p2[i] = ulong.CreateTruncating(m[i]);
            }

            comm.Send<T>(roles.B, m);
        }
        else
        {
            var isB = party.Id == roles.B;
            var linear = new T[n];
            if (isB)
            {
                comm.Receive<T>(roles.A, linear);
            }
            else
            {
                party.Random.WithNext.Fill<T>(linear);
            }

            g = new ulong[n];
            for (var i = 0; i < n; i++)
            {
                var b = ulong.CreateTruncating(isB ? x.Second[i] : x.First[i]);
                var l = ulong.CreateTruncating(linear[i]);
                g[i] = l & b;
                (p1[i], p2[i]) = isB ? (l, b) : (b, l);
            }
        }

        var (g1, g2) = PairReshare.Xor(party, roles, g, n, k - 1);
        var q1 = (ulong[])p1.Clone();
        var q2 = (ulong[])p2.Clone();
        var positions = BitTricks.LowMask(k - 1);
        for (var s = 1; s < k; s *= 2)
        {
            Level(party, g1, g2, q1, q2, s, positions);
        }

        for (var i = 0; i < n; i++)
        {
            p1[i] = (p1[i] ^ (g1[i] << 1)) & BitTricks.LowMask(k);
            p2[i] = (p2[i] ^ (g2[i] << 1)) & BitTricks.LowMask(k);
        }

        return new BooleanShare(x.Shape, k, p1, p2);
    }

    /// <summary>The masks of one Sklansky level: the upper halves of the 2s-blocks, those not in block 0, and the pivots.</summary>
    internal static (ulong Upper, ulong UpperWithP, ulong Pivot) Masks(int s, ulong positions)
    {
        ulong upper = 0;
        ulong pivot = 0;
        for (var i = 0; i < 64; i++)
        {
            if ((i & s) != 0)
            {
                upper |= 1UL << i;
            }

            if ((i & ((2 * s) - 1)) == s - 1)
            {
                pivot |= 1UL << i;
            }
        }

        upper &= positions;
        return (upper, upper & ~BitTricks.LowMask(2 * s), pivot);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Level(Party party, ulong[] g1, ulong[] g2, ulong[] q1, ulong[] q2, int s, ulong positions)
    {
        var (upper, upperWithP, pivot) = Masks(s, positions);
        var gBits = BitOperations.PopCount(upper);
        var width = gBits + BitOperations.PopCount(upperWithP);
        var smear = BitTricks.LowMask(s);
        var n = g1.Length;
        var l1 = new ulong[n];
        var l2 = new ulong[n];
        var r1 = new ulong[n];
        var r2 = new ulong[n];
        Operands(g1, q1, l1, r1);
        Operands(g2, q2, l2, r2);
        var (z1, z2) = BooleanAnd.AndWords(party, l1, l2, r1, r2, width);
        Update(g1, q1, z1);
        Update(g2, q2, z2);

        void Operands(ulong[] g, ulong[] q, ulong[] left, ulong[] right)
        {
            for (var i = 0; i < n; i++)
            {
                // Pivot bits moved up by one and smeared over the s positions above (no carries: the blocks are disjoint).
                var gp = ((g[i] & pivot) << 1) * smear;
                var qp = ((q[i] & pivot) << 1) * smear;
                left[i] = BitTricks.Extract(q[i], upper) | (BitTricks.Extract(q[i], upperWithP) << gBits);
                right[i] = BitTricks.Extract(gp, upper) | (BitTricks.Extract(qp, upperWithP) << gBits);
            }
        }

        void Update(ulong[] g, ulong[] q, ulong[] z)
        {
            for (var i = 0; i < n; i++)
            {
                g[i] ^= BitTricks.Deposit(z[i], upper);
                q[i] = (q[i] & ~upperWithP) | BitTricks.Deposit(z[i] >> gBits, upperWithP);
            }
        }
    }
}

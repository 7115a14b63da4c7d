using System.Numerics;
using System.Runtime.CompilerServices;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Boolean;

/// <summary>
/// Prefix-OR from the top bit down (SPU _prefix_or): y_i = OR of x_j for j ≥ i, within the share's width w, so the
/// highest set bit of x and everything below it are 1. Sklansky order: at level s the lower half of each 2s-block ORs in the
/// upper half's lowest bit (x ∨ q = x ⊕ q ⊕ x∧q, one AND). log2 w levels of w/2 one-bit ANDs each:
/// 6 rounds and 6·32·3 bits = 72 B per element for w = 64; 5 rounds and 30 B for w = 32 (SPU: log2 k rounds of k-bit ORs,
/// 144 / 60 B).
/// </summary>
public static class PrefixOr
{
    /// <summary>Prefix-OR from the top over w bits of n elements: one AND per Sklansky level of its lower halves' bits (every party, packed); one round per level.</summary>
    public static ProtocolCost Cost(int width, long n)
    {
        var bytes = 0L;
        var levels = 0;
        for (var s = 1; s < width; s *= 2)
        {
            var (lower, _) = LevelMasks(width, s);
            bytes += 3 * ProtocolCost.PackedBytes(n, BitOperations.PopCount(lower & BitTricks.LowMask(width)));
            levels++;
        }

        return new(bytes, levels);
    }

    /// <summary>The prefix-OR of x's bits from the top.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static BooleanShare PrefixOrFromTop(this Party party, BooleanShare x)
    {
        using var _ = party.Ledger.Protocol("prefix-or");
        var w = x.Bits;
        var y1 = (ulong[])x.First.Clone();
        var y2 = (ulong[])x.Second.Clone();
        var positions = BitTricks.LowMask(w);
        var n = x.Length;
        for (var s = 1; s < w; s *= 2)
        {
            var (lower, pivot) = LevelMasks(w, s);
            lower &= positions;
            var width = BitOperations.PopCount(lower);
            var smear = BitTricks.LowMask(s);
            var l1 = new ulong[n];
            var l2 = new ulong[n];
            var r1 = new ulong[n];
            var r2 = new ulong[n];
            for (var i = 0; i < n; i++)
            {
                l1[i] = BitTricks.Extract(y1[i], lower);
                l2[i] = BitTricks.Extract(y2[i], lower);
                r1[i] = BitTricks.Extract(((y1[i] & pivot) >> s) * smear, lower);
                r2[i] = BitTricks.Extract(((y2[i] & pivot) >> s) * smear, lower);
            }

            var (z1, z2) = BooleanAnd.AndWords(party, l1, l2, r1, r2, width);
            for (var i = 0; i < n; i++)
            {
                y1[i] ^= BitTricks.Deposit(r1[i] ^ z1[i], lower);
                y2[i] ^= BitTricks.Deposit(r2[i] ^ z2[i], lower);
            }
        }

        return new BooleanShare(x.Shape, w, y1, y2);
    }

    /// <summary>
    /// One level's masks over w bits: the lower halves of the 2s-blocks that have an upper half (each ORs in its block's
    /// pivot, so the level ANDs that many bits per element), and the pivots (the lowest bit of each upper half).
    /// </summary>
    internal static (ulong Lower, ulong Pivot) LevelMasks(int w, int s)
    {
        ulong lower = 0;
        ulong pivot = 0;
        for (var i = 0; i < w; i++)
        {
            var inBlock = i & ((2 * s) - 1);
            if (inBlock < s && (i - inBlock + s) < w)
            {
                lower |= 1UL << i;
            }

            if (inBlock == s)
            {
                pivot |= 1UL << i;
            }
        }

        return (lower, pivot);
    }
}

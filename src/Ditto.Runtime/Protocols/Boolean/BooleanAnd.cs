using Ditto.Runtime.Engine;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Boolean;

/// <summary>
/// AND of two boolean shares (ABY3 §3 with XOR and AND for + and ·; SPU AndBB). Party i computes
/// z_i = x_i·y_i ⊕ x_i·y_{i+1} ⊕ x_{i+1}·y_i ⊕ α_i (α a boolean zero sharing) and rotates z, bit-packed.
/// Cost: w bits per element per party for a w-bit AND (3w in total; a 1-bit AND costs 3 bits, SPU's 3 bytes), 1 round.
/// </summary>
public static class BooleanAnd
{
    /// <summary>x ∧ y element-wise; the width is the smaller of the two.</summary>
    public static BooleanShare And(this Party party, BooleanShare x, BooleanShare y)
    {
        ShareChecks.SameShape("and", x.Shape, y.Shape);
        var bits = Math.Min(x.Bits, y.Bits);
        using var _ = party.Ledger.Protocol("and");
        var (first, second) = AndWords(party, x.First, x.Second, y.First, y.Second, bits);
        return new BooleanShare(x.Shape, bits, first, second);
    }

    /// <summary>
    /// The AND on raw component words (the circuits call this on compacted operands); only the low
    /// <paramref name="bits"/> bits of each word count, and the result has nothing above them.
    /// </summary>
    internal static (ulong[] First, ulong[] Second) AndWords(Party party, ReadOnlySpan<ulong> x1, ReadOnlySpan<ulong> x2, ReadOnlySpan<ulong> y1, ReadOnlySpan<ulong> y2, int bits)
    {
        var n = x1.Length;
        var mask = BitTricks.LowMask(bits);
        var z = new ulong[n];
        for (var i = 0; i < n; i++)
        {
            z[i] = ((x1[i] & y1[i]) ^ (x1[i] & y2[i]) ^ (x2[i] & y1[i])) & mask;
        }

        var packed = new byte[BitPacking.PackedBytes(n, bits)];
        BitPacking.Pack(z, bits, packed);
        var alpha = new byte[packed.Length];
        party.Random.ZeroShareXor<byte>(alpha);
        for (var i = 0; i < packed.Length; i++)
        {
            packed[i] ^= alpha[i];
        }

        var comm = party.Comm;
        comm.SendBytes(comm.Previous, packed, ahead: false);
        var received = alpha;
        comm.ReceiveBytes(comm.Next, received);
        BitPacking.Unpack(packed, bits, z);
        var next = new ulong[n];
        BitPacking.Unpack(received, bits, next);
        return (z, next);
    }
}

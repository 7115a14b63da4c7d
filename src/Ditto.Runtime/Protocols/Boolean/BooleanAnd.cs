using System.Buffers;
using System.Runtime.CompilerServices;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Boolean;

/// <summary>
/// AND of two boolean shares (ABY3 §3 with XOR and AND for + and ·; SPU AndBB). Party i computes
/// z_i = x_i·y_i ⊕ x_i·y_{i+1} ⊕ x_{i+1}·y_i ⊕ α_i (α a boolean zero sharing) and rotates z, bit-packed.
/// Cost: w bits per element per party for a w-bit AND (3w in total; a 1-bit AND costs 3 bits, SPU's 3 bytes), 1 round.
/// </summary>
public static class BooleanAnd
{
    /// <summary>AND of n boolean shares of w bits: every party sends w bits per element, packed; 1 round.</summary>
    public static ProtocolCost Cost(int width, long n) => new(3.0 * ProtocolCost.PackedBytes(n, width), 1);

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
        var first = GC.AllocateUninitializedArray<ulong>(x1.Length);
        var second = GC.AllocateUninitializedArray<ulong>(x1.Length);
        AndWordsInto(party, x1, x2, y1, y2, bits, first, second);
        return (first, second);
    }

    /// <summary><see cref="AndWords"/> into caller-owned spans (which may alias the operands).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AndWordsInto(Party party, ReadOnlySpan<ulong> x1, ReadOnlySpan<ulong> x2, ReadOnlySpan<ulong> y1, ReadOnlySpan<ulong> y2, int bits, Span<ulong> first, Span<ulong> second)
    {
        var n = x1.Length;
        var bytes = BitPacking.PackedBytes(n, bits);
        var own = ArrayPool<byte>.Shared.Rent(bytes + 8);
        var alpha = ArrayPool<byte>.Shared.Rent(bytes + 8);
        try
        {
            var packed = own.AsSpan(0, bytes);
            var writer = new BitWriter(packed);
            for (var i = 0; i < n; i++)
            {
                writer.Write((x1[i] & y1[i]) ^ (x1[i] & y2[i]) ^ (x2[i] & y1[i]), bits);
            }

            writer.Flush();
            var zero = alpha.AsSpan(0, bytes);
            party.Random.ZeroShareXor<byte>(zero);
            XorInto(packed, zero);
            party.Comm.SendBytes(party.Comm.Previous, packed, ahead: false);
            party.Comm.ReceiveBytes(party.Comm.Next, zero);
            var mine = new BitReader(packed);
            var theirs = new BitReader(zero);
            for (var i = 0; i < n; i++)
            {
                first[i] = mine.Read(bits);
                second[i] = theirs.Read(bits);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(own);
            ArrayPool<byte>.Shared.Return(alpha);
        }
    }

    /// <summary>a ^= b over bytes, a word at a time.</summary>
    internal static void XorInto(Span<byte> a, ReadOnlySpan<byte> b)
    {
        System.Numerics.Tensors.TensorPrimitives.Xor(a, b, a);
    }
}

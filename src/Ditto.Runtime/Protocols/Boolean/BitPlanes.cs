using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ditto.Runtime.Parties;

namespace Ditto.Runtime.Protocols.Boolean;

/// <summary>
/// Bit-sliced boolean shares: plane b holds bit b of every element, 64 elements per word, so a circuit level over many
/// elements is a handful of word operations and a plane's bytes are already the bit-packed wire format (⌈n/8⌉ bytes per
/// plane). Used by the carry trees after their first round.
/// </summary>
internal static class BitPlanes
{
    /// <summary>Words per plane for n elements.</summary>
    public static int Words(int n) => (n + 63) / 64;

    /// <summary>Bytes a plane of n elements occupies on the wire.</summary>
    public static int Bytes(int n) => (n + 7) / 8;

    /// <summary>The low <paramref name="bits"/> bits of each word as planes: planes[b][i / 64] bit i % 64 = bit b of values[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong[][] FromWords(ReadOnlySpan<ulong> values, int bits)
    {
        var n = values.Length;
        var words = Words(n);
        var planes = new ulong[bits][];
        for (var b = 0; b < bits; b++)
        {
            planes[b] = new ulong[words];
        }

        Span<ulong> block = stackalloc ulong[64];
        for (var w = 0; w < words; w++)
        {
            var count = Math.Min(64, n - (w * 64));
            values.Slice(w * 64, count).CopyTo(block);
            block[count..].Clear();
            Transpose(block);
            for (var b = 0; b < bits; b++)
            {
                planes[b][w] = block[b];
            }
        }

        return planes;
    }

    /// <summary>One plane back to one bit per element.</summary>
    public static ulong[] ToBits(ReadOnlySpan<ulong> plane, int n)
    {
        var bits = new ulong[n];
        for (var i = 0; i < n; i++)
        {
            bits[i] = (plane[i >> 6] >> (i & 63)) & 1;
        }

        return bits;
    }

    /// <summary>Writes the planes one after another, ⌈n/8⌉ bytes each.</summary>
    public static void Pack(IReadOnlyList<ulong[]> planes, int n, Span<byte> destination)
    {
        var bytes = Bytes(n);
        for (var p = 0; p < planes.Count; p++)
        {
            MemoryMarshal.AsBytes(planes[p].AsSpan())[..bytes].CopyTo(destination.Slice(p * bytes, bytes));
        }
    }

    /// <summary>Reads planes written by <see cref="Pack"/>; the unused high bits of each last word are zero.</summary>
    public static ulong[][] Unpack(ReadOnlySpan<byte> source, int count, int n)
    {
        var bytes = Bytes(n);
        var planes = new ulong[count][];
        for (var p = 0; p < count; p++)
        {
            planes[p] = new ulong[Words(n)];
            source.Slice(p * bytes, bytes).CopyTo(MemoryMarshal.AsBytes(planes[p].AsSpan()));
        }

        return planes;
    }

    /// <summary>
    /// AND of bit-sliced operands (the boolean AND protocol of <see cref="BooleanAnd"/>, word-wise): for each plane pair,
    /// z = x1·y1 ⊕ x1·y2 ⊕ x2·y1 ⊕ α, all planes rotated in one message of count·⌈n/8⌉ bytes. 1 round.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (ulong[][] First, ulong[][] Second) And(Party party, IReadOnlyList<ulong[]> x1, IReadOnlyList<ulong[]> x2, IReadOnlyList<ulong[]> y1, IReadOnlyList<ulong[]> y2, int n)
    {
        var count = x1.Count;
        var words = Words(n);
        var z = new ulong[count][];
        for (var p = 0; p < count; p++)
        {
            var (a1, a2, b1, b2) = (x1[p], x2[p], y1[p], y2[p]);
            var r = new ulong[words];
            for (var w = 0; w < words; w++)
            {
                r[w] = (a1[w] & b1[w]) ^ (a1[w] & b2[w]) ^ (a2[w] & b1[w]);
            }

            z[p] = r;
        }

        var total = count * Bytes(n);
        var message = new byte[total];
        Pack(z, n, message);
        var alpha = new byte[total];
        party.Random.ZeroShareXor<byte>(alpha);
        BooleanAnd.XorInto(message, alpha);
        party.Comm.SendBytes(party.Comm.Previous, message, ahead: false);
        party.Comm.ReceiveBytes(party.Comm.Next, alpha);
        return (Unpack(message, count, n), Unpack(alpha, count, n));
    }

    /// <summary>a ⊕ b word-wise into a new plane.</summary>
    public static ulong[] Xor(ulong[] a, ulong[] b)
    {
        var r = new ulong[a.Length];
        for (var w = 0; w < r.Length; w++)
        {
            r[w] = a[w] ^ b[w];
        }

        return r;
    }

    /// <summary>Transposes a 64×64 bit matrix in place (row i, bit j) ↔ (row j, bit i), by six rounds of block swaps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose(Span<ulong> m)
    {
        var mask = 0x00000000FFFFFFFFUL;
        for (var j = 32; j != 0; j >>= 1, mask ^= mask << j)
        {
            for (var k = 0; k < 64; k = (k + j + 1) & ~j)
            {
                var t = ((m[k] >> j) ^ m[k + j]) & mask;
                m[k] ^= t << j;
                m[k + j] ^= t;
            }
        }
    }
}

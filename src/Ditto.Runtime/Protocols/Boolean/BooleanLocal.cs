using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Protocols.Boolean;

/// <summary>
/// Operations on boolean shares that need no messages: XOR, NOT, XOR or AND with a public mask, shifts, bit reversal,
/// bit slices, gathers and concatenation. Each applies to both of a party's components; a public value enters the
/// component b_0 only (party 0's first and party 2's second share), as for arithmetic shares. Cost: 0 bytes, 0 rounds.
/// </summary>
public static class BooleanLocal
{
    /// <summary>x ⊕ y; the width is the larger of the two.</summary>
    public static BooleanShare Xor(BooleanShare x, BooleanShare y)
    {
        ShareChecks.SameShape("xor", x.Shape, y.Shape);
        var n = x.Length;
        var first = new ulong[n];
        var second = new ulong[n];
        for (var i = 0; i < n; i++)
        {
            first[i] = x.First[i] ^ y.First[i];
            second[i] = x.Second[i] ^ y.Second[i];
        }

        return new BooleanShare(x.Shape, Math.Max(x.Bits, y.Bits), first, second);
    }

    /// <summary>x ⊕ c for a public mask c (the same for every element), within x's width.</summary>
    public static BooleanShare XorPublic(int partyId, BooleanShare x, ulong c)
    {
        c &= BitTricks.LowMask(x.Bits);
        var first = (ulong[])x.First.Clone();
        var second = (ulong[])x.Second.Clone();
        if (partyId == 0)
        {
            XorInPlace(first, c);
        }

        if (partyId == 2)
        {
            XorInPlace(second, c);
        }

        return new BooleanShare(x.Shape, x.Bits, first, second);
    }

    /// <summary>¬x within x's width.</summary>
    public static BooleanShare Not(int partyId, BooleanShare x) => XorPublic(partyId, x, ulong.MaxValue);

    /// <summary>x ∧ c for a public mask c; the width shrinks to the highest bit c keeps.</summary>
    public static BooleanShare AndPublic(BooleanShare x, ulong c)
    {
        c &= BitTricks.LowMask(x.Bits);
        var bits = Math.Max(1, 64 - System.Numerics.BitOperations.LeadingZeroCount(c));
        return Map(x, bits, v => v & c);
    }

    /// <summary>x ≪ n, keeping <paramref name="bits"/> bits.</summary>
    public static BooleanShare ShiftLeft(BooleanShare x, int n, int bits)
    {
        CheckWidth(bits);
        var mask = BitTricks.LowMask(bits);
        return Map(x, bits, v => n >= 64 ? 0 : (v << n) & mask);
    }

    /// <summary>x ≫ n (logical).</summary>
    public static BooleanShare ShiftRight(BooleanShare x, int n) =>
        Map(x, Math.Max(1, x.Bits - n), v => n >= 64 ? 0 : v >> n);

    /// <summary>Bits [start, start + count) of x, moved to the bottom.</summary>
    public static BooleanShare Slice(BooleanShare x, int start, int count)
    {
        CheckWidth(count);
        var mask = BitTricks.LowMask(count);
        return Map(x, count, v => start >= 64 ? 0 : (v >> start) & mask);
    }

    /// <summary>The low <paramref name="width"/> bits of x in reverse order.</summary>
    public static BooleanShare Reverse(BooleanShare x, int width)
    {
        CheckWidth(width);
        return Map(x, width, v => BitTricks.Reverse(v, width));
    }

    /// <summary>Applies a gather map (see <see cref="TensorLayout"/>).</summary>
    public static BooleanShare Gather(BooleanShare x, TensorShape shape, int[] map)
    {
        if (map.Length != shape.Elements)
        {
            throw new ArgumentException($"gather: a map of {map.Length} indices cannot fill shape [{shape}].");
        }

        var first = new ulong[map.Length];
        var second = new ulong[map.Length];
        for (var i = 0; i < map.Length; i++)
        {
            first[i] = x.First[map[i]];
            second[i] = x.Second[map[i]];
        }

        return new BooleanShare(shape, x.Bits, first, second);
    }

    /// <summary>The parts one after another as a vector; the width is the largest.</summary>
    public static BooleanShare Concat(IReadOnlyList<BooleanShare> parts)
    {
        var n = parts.Sum(p => p.Length);
        var first = new ulong[n];
        var second = new ulong[n];
        var o = 0;
        foreach (var p in parts)
        {
            p.First.CopyTo(first, o);
            p.Second.CopyTo(second, o);
            o += p.Length;
        }

        return new BooleanShare(TensorShape.Vector(n), parts.Max(p => p.Bits), first, second);
    }

    /// <summary>A public bit vector as a sharing (v, 0, 0): no messages.</summary>
    public static BooleanShare Public(int partyId, TensorShape shape, int bits, ulong[] values)
    {
        var mask = BitTricks.LowMask(bits);
        var v = values.Select(a => a & mask).ToArray();
        return new BooleanShare(shape, bits, partyId == 0 ? v : new ulong[v.Length], partyId == 2 ? (ulong[])v.Clone() : new ulong[v.Length]);
    }

    private static BooleanShare Map(BooleanShare x, int bits, Func<ulong, ulong> f)
    {
        var n = x.Length;
        var first = new ulong[n];
        var second = new ulong[n];
        for (var i = 0; i < n; i++)
        {
            first[i] = f(x.First[i]);
            second[i] = f(x.Second[i]);
        }

        return new BooleanShare(x.Shape, bits, first, second);
    }

    private static void XorInPlace(ulong[] values, ulong c)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] ^= c;
        }
    }

    private static void CheckWidth(int bits)
    {
        if (bits is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "A boolean share holds 1 to 64 bits per element.");
        }
    }
}

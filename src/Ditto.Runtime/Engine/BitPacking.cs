using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Ditto.Runtime.Engine;

/// <summary>Packs the low b bits of each value into a byte stream, so a 1-bit share costs 1 bit on the wire, not 8.</summary>
public static class BitPacking
{
    /// <summary>Bytes needed for n values of b bits.</summary>
    public static int PackedBytes(int count, int bits)
    {
        CheckBits(bits);
        return (int)(((long)count * bits + 7) / 8);
    }

    /// <summary>Packs values (only their low bits) little-endian into destination.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(ReadOnlySpan<ulong> values, int bits, Span<byte> destination)
    {
        CheckBits(bits);
        destination.Clear();
        if (bits % 8 == 0)
        {
            var bytes = bits / 8;
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i];
                for (var b = 0; b < bytes; b++)
                {
                    destination[(i * bytes) + b] = (byte)(v >> (8 * b));
                }
            }

            return;
        }

        // A 64-bit accumulator: each value is or-ed in at the current fill level and whole words are written out.
        var mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        ulong acc = 0;
        var fill = 0;
        var o = 0;
        foreach (var raw in values)
        {
            var v = raw & mask;
            acc |= v << fill;
            var next = fill + bits;
            if (next >= 64)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(o, 8), acc);
                o += 8;
                acc = fill == 0 ? 0 : v >> (64 - fill);
                next -= 64;
            }

            fill = next;
        }

        for (var b = 0; b < (fill + 7) / 8; b++)
        {
            destination[o + b] = (byte)(acc >> (8 * b));
        }
    }

    /// <summary>Unpacks values packed by <see cref="Pack"/>; the bits above b are zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Unpack(ReadOnlySpan<byte> source, int bits, Span<ulong> values)
    {
        CheckBits(bits);
        if (bits % 8 == 0)
        {
            var bytes = bits / 8;
            for (var i = 0; i < values.Length; i++)
            {
                ulong v = 0;
                for (var b = 0; b < bytes; b++)
                {
                    v |= (ulong)source[(i * bytes) + b] << (8 * b);
                }

                values[i] = v;
            }

            return;
        }

        var mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        ulong acc = 0;
        var avail = 0;
        var o = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (avail >= bits)
            {
                values[i] = acc & mask;
                acc = bits == 64 ? 0 : acc >> bits;
                avail -= bits;
                continue;
            }

            var word = ReadWord(source, o);
            o += 8;
            values[i] = (acc | (word << avail)) & mask;
            var used = bits - avail;
            acc = used == 64 ? 0 : word >> used;
            avail = 64 - used;
        }
    }

    private static ulong ReadWord(ReadOnlySpan<byte> source, int offset)
    {
        if (offset + 8 <= source.Length)
        {
            return BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(offset, 8));
        }

        ulong word = 0;
        for (var b = 0; offset + b < source.Length; b++)
        {
            word |= (ulong)source[offset + b] << (8 * b);
        }

        return word;
    }

    private static void CheckBits(int bits)
    {
        if (bits is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "A packed value has 1 to 64 bits.");
        }
    }
}

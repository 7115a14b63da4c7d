using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ditto.Runtime.Parties;

/// <summary>Packs the low b bits of each value into a byte stream, so a 1-bit share costs 1 bit on the wire, not 8.</summary>
public static class BitPacking
{
    /// <summary>Bytes needed for n values of b bits.</summary>
    public static int PackedBytes(int count, int bits)
    {
        CheckBits(bits);
        return (int)(((long)count * bits + 7) / 8);
    }

    /// <summary>Packs values (only their low bits) little-endian into destination, through a 64-bit accumulator.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack<T>(ReadOnlySpan<T> values, int bits, Span<byte> destination)
        where T : unmanaged, IBinaryInteger<T>
    {
        CheckBits(bits);
        CheckSize(values.Length, bits, destination.Length);
        if (bits == 64)
        {
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(destination[(8 * i)..], ulong.CreateTruncating(values[i]));
            }

            return;
        }

        var mask = (1UL << bits) - 1;
        ulong acc = 0;
        var have = 0;
        var o = 0;
        foreach (var raw in values)
        {
            var v = ulong.CreateTruncating(raw) & mask;
            acc |= v << have;
            have += bits;
            if (have >= 64)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(destination[o..], acc);
                o += 8;
                have -= 64;
                acc = have == 0 ? 0 : v >> (bits - have);
            }
        }

        for (; have > 0; have -= 8)
        {
            destination[o++] = (byte)acc;
            acc >>= 8;
        }
    }

    /// <summary>Unpacks values packed by <see cref="Pack"/>; the bits above b are zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Unpack<T>(ReadOnlySpan<byte> source, int bits, Span<T> values)
        where T : unmanaged, IBinaryInteger<T>
    {
        CheckBits(bits);
        CheckSize(values.Length, bits, source.Length);
        if (bits == 64)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = T.CreateTruncating(BinaryPrimitives.ReadUInt64LittleEndian(source[(8 * i)..]));
            }

            return;
        }

        var mask = (1UL << bits) - 1;
        ulong acc = 0;
        var have = 0;
        var next = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (have >= bits)
            {
                values[i] = T.CreateTruncating(acc & mask);
                acc >>= bits;
                have -= bits;
                continue;
            }

            // Refill: take a whole word when 8 bytes remain, else the tail byte by byte.
            ulong word;
            int got;
            if (next + 8 <= source.Length)
            {
                word = BinaryPrimitives.ReadUInt64LittleEndian(source[next..]);
                got = 64;
                next += 8;
            }
            else
            {
                word = 0;
                got = 0;
                while (next < source.Length && got < 64)
                {
                    word |= (ulong)source[next++] << got;
                    got += 8;
                }
            }

            var value = acc | (word << have);
            var used = bits - have;
            values[i] = T.CreateTruncating(value & mask);
            acc = used == 64 ? 0 : word >> used;
            have = got - used;
        }
    }

    private static void CheckBits(int bits)
    {
        if (bits is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "A packed value has 1 to 64 bits.");
        }
    }

    private static void CheckSize(int count, int bits, int bytes)
    {
        if (bytes < PackedBytes(count, bits))
        {
            throw new ArgumentException($"{count} values of {bits} bits need {PackedBytes(count, bits)} bytes, not {bytes}.");
        }
    }
}

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

        var mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        long bitPos = 0;
        foreach (var raw in values)
        {
            var v = raw & mask;
            var remaining = bits;
            while (remaining > 0)
            {
                var byteIndex = (int)(bitPos >> 3);
                var offset = (int)(bitPos & 7);
                var take = Math.Min(8 - offset, remaining);
                destination[byteIndex] |= (byte)((v & ((1UL << take) - 1)) << offset);
                v >>= take;
                remaining -= take;
                bitPos += take;
            }
        }
    }

    /// <summary>Unpacks values packed by <see cref="Pack"/>; the bits above b are zero.</summary>
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

        long bitPos = 0;
        for (var i = 0; i < values.Length; i++)
        {
            ulong v = 0;
            var got = 0;
            while (got < bits)
            {
                var byteIndex = (int)(bitPos >> 3);
                var offset = (int)(bitPos & 7);
                var take = Math.Min(8 - offset, bits - got);
                v |= (ulong)((source[byteIndex] >> offset) & ((1 << take) - 1)) << got;
                got += take;
                bitPos += take;
            }

            values[i] = v;
        }
    }

    private static void CheckBits(int bits)
    {
        if (bits is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "A packed value has 1 to 64 bits.");
        }
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Ditto.Runtime.Protocols.Boolean;

/// <summary>
/// Bit gather and scatter within a word (BMI2 pext/pdep where the CPU has them, a loop over the mask otherwise), and
/// the masks the boolean circuits use. Local work only.
/// </summary>
internal static class BitTricks
{
    /// <summary>The low <paramref name="bits"/> bits set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong LowMask(int bits) => bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1;

    /// <summary>Packs the bits of x selected by mask into the low bits (pext).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Extract(ulong x, ulong mask)
    {
        if (Bmi2.X64.IsSupported)
        {
            return Bmi2.X64.ParallelBitExtract(x, mask);
        }

        ulong r = 0;
        var o = 0;
        while (mask != 0)
        {
            var lowest = mask & (0 - mask);
            if ((x & lowest) != 0)
            {
                r |= 1UL << o;
            }

            o++;
            mask ^= lowest;
        }

        return r;
    }

    /// <summary>Spreads the low bits of x to the positions selected by mask (pdep).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Deposit(ulong x, ulong mask)
    {
        if (Bmi2.X64.IsSupported)
        {
            return Bmi2.X64.ParallelBitDeposit(x, mask);
        }

        ulong r = 0;
        while (mask != 0)
        {
            var lowest = mask & (0 - mask);
            if ((x & 1) != 0)
            {
                r |= lowest;
            }

            x >>= 1;
            mask ^= lowest;
        }

        return r;
    }

    /// <summary>Every <paramref name="stride"/>-th bit from bit <paramref name="offset"/>, below bit <paramref name="width"/>.</summary>
    public static ulong StrideMask(int width, int stride, int offset)
    {
        ulong m = 0;
        for (var i = offset; i < width; i += stride)
        {
            m |= 1UL << i;
        }

        return m;
    }

    /// <summary>Reverses the low <paramref name="width"/> bits of x (the bits above are dropped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Reverse(ulong x, int width)
    {
        x = ((x >> 1) & 0x5555555555555555UL) | ((x & 0x5555555555555555UL) << 1);
        x = ((x >> 2) & 0x3333333333333333UL) | ((x & 0x3333333333333333UL) << 2);
        x = ((x >> 4) & 0x0F0F0F0F0F0F0F0FUL) | ((x & 0x0F0F0F0F0F0F0F0FUL) << 4);
        x = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(x);
        return width == 0 ? 0 : x >> (64 - width);
    }
}

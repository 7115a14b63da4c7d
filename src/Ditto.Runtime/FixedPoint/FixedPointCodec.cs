using System.Numerics;

namespace Ditto.Runtime.FixedPoint;

/// <summary>
/// Encodes floats as ring elements and back. Encoding rounds to nearest (ties to even, as the
/// quantization-aware training of our models does) and saturates to [−2^(k−2), 2^(k−2) − 1] as SPU does;
/// NaN encodes to 0.
/// </summary>
public static class FixedPointCodec
{
    /// <summary>Encodes one value as a signed integer of the format (before reduction into the ring).</summary>
    public static long EncodeSigned(double value, FixedPointFormat format)
    {
        if (double.IsNaN(value))
        {
            return 0;
        }

        var limit = 1L << (format.RingBits - 2);
        var scaled = Math.Round(Math.ScaleB(value, format.FractionBits), MidpointRounding.ToEven);
        if (scaled >= limit)
        {
            return limit - 1;
        }

        if (scaled <= -limit)
        {
            return -limit;
        }

        return (long)scaled;
    }

    /// <summary>Encodes one value into the ring type T.</summary>
    public static T Encode<T>(double value, FixedPointFormat format)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
        => T.CreateTruncating(EncodeSigned(value, format));

    /// <summary>Encodes a span of floats.</summary>
    public static void Encode<T>(ReadOnlySpan<float> source, Span<T> destination, FixedPointFormat format)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        CheckLengths(source.Length, destination.Length);
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = T.CreateTruncating(EncodeSigned(source[i], format));
        }
    }

    /// <summary>Reads a ring element as a signed integer.</summary>
    public static long ToSigned<T>(T value)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
        => typeof(T) == typeof(uint) ? (int)uint.CreateTruncating(value) : (long)ulong.CreateTruncating(value);

    /// <summary>Decodes one ring element.</summary>
    public static double Decode<T>(T value, int fractionBits)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
        => Math.ScaleB(ToSigned(value), -fractionBits);

    /// <summary>Decodes a span of ring elements.</summary>
    public static void Decode<T>(ReadOnlySpan<T> source, Span<float> destination, int fractionBits)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        CheckLengths(source.Length, destination.Length);
        var scale = Math.ScaleB(1.0, -fractionBits);
        if (typeof(T) == typeof(uint))
        {
            var signed = System.Runtime.InteropServices.MemoryMarshal.Cast<T, int>(source);
            for (var i = 0; i < signed.Length; i++)
            {
                destination[i] = (float)(signed[i] * scale);
            }
        }
        else
        {
            var signed = System.Runtime.InteropServices.MemoryMarshal.Cast<T, long>(source);
            for (var i = 0; i < signed.Length; i++)
            {
                destination[i] = (float)(signed[i] * scale);
            }
        }
    }

    private static void CheckLengths(int source, int destination)
    {
        if (source != destination)
        {
            throw new ArgumentException($"Source has {source} elements but destination has {destination}.");
        }
    }
}

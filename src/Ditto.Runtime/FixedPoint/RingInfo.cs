using System.Numerics;

namespace Ditto.Runtime.FixedPoint;

/// <summary>Facts about the ring type T (uint for Z_2^32, ulong for Z_2^64).</summary>
public static class RingInfo<T>
    where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
{
    /// <summary>The ring width in bits.</summary>
    public static readonly int Bits = typeof(T) == typeof(uint) ? 32
        : typeof(T) == typeof(ulong) ? 64
        : throw new NotSupportedException($"{typeof(T).Name} is not a ring type; use uint (Z_2^32) or ulong (Z_2^64).");

    /// <summary>The ring width in bytes.</summary>
    public static int Bytes => Bits / 8;

    /// <summary>2^(k−2): the bound on |x| that the saturation and the truncation protocols rely on.</summary>
    public static T QuarterRing => T.One << (Bits - 2);

    /// <summary>2^(k−1).</summary>
    public static T HalfRing => T.One << (Bits - 1);
}

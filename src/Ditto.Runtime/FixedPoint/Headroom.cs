using System.Globalization;

namespace Ditto.Runtime.FixedPoint;

/// <summary>
/// The headroom rule the generator applies at compile time, for formats and sizes known only at run time: a product of
/// fa and fb fraction bits summed over K terms needs fa + fb + log2(K) + 4 bits (4 for the magnitude of the values,
/// |a·b| &lt; 16) within the ring's k − 2 (two guard bits: truncation and conversions need |x| &lt; 2^(k−2)); a conversion
/// must keep at least 4 integer bits. Values that break the rule may still be small enough in practice; the range checker
/// (`--check-ranges`) says whether any did.
/// </summary>
public static class Headroom
{
    /// <summary>The bits the rule assumes a value's magnitude needs (|x| &lt; 16).</summary>
    public const int ValueBits = 4;

    /// <summary>The ring's guard bits.</summary>
    public const int GuardBits = 2;

    /// <summary>Why a product of <paramref name="x"/> and <paramref name="y"/> over <paramref name="inner"/> terms may overflow, or null when it fits.</summary>
    public static string? Product(FixedPointFormat x, FixedPointFormat y, long inner)
    {
        var f = x.FractionBits + y.FractionBits;
        var log = inner <= 1 ? 0.0 : Math.Log2(inner);
        var bits = f + log + ValueBits;
        if (bits <= x.RingBits - GuardBits)
        {
            return null;
        }

        var ci = CultureInfo.InvariantCulture;
        return string.Create(ci, $"{x} × {y} over K = {inner} needs {f} fraction bits + log2 K = {log:0.##} + {ValueBits} value bits = {bits:0.##}, more than the {x.RingBits - GuardBits} a {x.RingBits}-bit ring holds with its two guard bits");
    }

    /// <summary>Why converting to <paramref name="to"/> leaves too little room for a value, or null when it keeps at least <see cref="ValueBits"/> integer bits.</summary>
    public static string? Conversion(FixedPointFormat from, FixedPointFormat to)
    {
        var keep = to.RingBits - GuardBits - to.FractionBits;
        return keep >= ValueBits ? null : string.Create(CultureInfo.InvariantCulture, $"{from} → {to} keeps {keep} integer bits, fewer than the {ValueBits} values are assumed to need");
    }
}

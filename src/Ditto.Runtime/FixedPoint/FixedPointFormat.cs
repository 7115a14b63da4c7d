namespace Ditto.Runtime.FixedPoint;

/// <summary>
/// A fixed-point format: a ring Z_2^k (k = 32 or 64) and a number of fraction bits f.
/// A real value v is represented by the ring element round(v * 2^f), read as a signed k-bit integer.
/// </summary>
public readonly record struct FixedPointFormat
{
    /// <summary>Creates a format; throws when the ring is not 32 or 64 bits or f does not leave room for a sign and one integer bit.</summary>
    public FixedPointFormat(int ringBits, int fractionBits)
    {
        if (ringBits is not (32 or 64))
        {
            throw new ArgumentOutOfRangeException(nameof(ringBits), ringBits, $"A fixed-point ring must have 32 or 64 bits, not {ringBits}.");
        }

        if (fractionBits < 0 || fractionBits > ringBits - 2)
        {
            throw new ArgumentOutOfRangeException(nameof(fractionBits), fractionBits,
                $"Fraction bits must lie in [0, {ringBits - 2}] for a {ringBits}-bit ring, not {fractionBits}.");
        }

        RingBits = ringBits;
        FractionBits = fractionBits;
    }

    /// <summary>The ring width k: 32 or 64.</summary>
    public int RingBits { get; }

    /// <summary>The number of fraction bits f.</summary>
    public int FractionBits { get; }

    /// <summary>Ditto's format for linear layers: Z_2^32 with 8 fraction bits (SPU's float16 mapping).</summary>
    public static FixedPointFormat Ring32 => new(32, 8);

    /// <summary>Ditto's format for non-linear layers: Z_2^64 with 18 fraction bits (SPU's float32 mapping).</summary>
    public static FixedPointFormat Ring64 => new(64, 18);

    /// <summary>The largest magnitude the encoding keeps: values saturate to ±2^(k−2) ring units, as SPU does, so that differences of encodings still compare correctly.</summary>
    public double MaxMagnitude => Math.ScaleB(1.0, RingBits - 2 - FractionBits);

    /// <summary>The value of one unit in the last place, 2^−f.</summary>
    public double Ulp => Math.ScaleB(1.0, -FractionBits);

    /// <summary>The same ring with another number of fraction bits.</summary>
    public FixedPointFormat WithFractionBits(int fractionBits) => new(RingBits, fractionBits);

    /// <summary>Parses "32:8" or "64:18".</summary>
    public static FixedPointFormat Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length != 2
            || !int.TryParse(parts[0], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var ring)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var fraction))
        {
            throw new FormatException($"'{text}' is not a fixed-point format; expected ring:fraction, for example 32:8 or 64:18.");
        }

        return new FixedPointFormat(ring, fraction);
    }

    /// <summary>Formats as "fxp32.8".</summary>
    public override string ToString() => $"fxp{RingBits}.{FractionBits}";
}

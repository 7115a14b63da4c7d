namespace Ditto.Runtime.FixedPoint;

/// <summary>What kind of conversion a <see cref="CastPlan"/> is.</summary>
public enum CastKind
{
    /// <summary>The formats are equal: nothing to do.</summary>
    None,

    /// <summary>Same ring, other fraction bits: a truncation (fewer bits) or a local left shift (more bits).</summary>
    Rescale,

    /// <summary>64 → 32 bits: a downcast that removes <see cref="CastPlan.DropBits"/> fraction bits on the way, then a local left shift by <see cref="CastPlan.ShiftBits"/>.</summary>
    Downcast,

    /// <summary>32 → 64 bits: a truncation by <see cref="CastPlan.DropBits"/> in the small ring, the ring extension, then a local left shift by <see cref="CastPlan.ShiftBits"/>.</summary>
    Upcast,
}

/// <summary>
/// The steps of one conversion from one fixed-point format to another, chosen the same way by the clear emulator and by
/// the protocols, so that both agree on what a cast means: the cheapest correct path. Fraction bits are always removed in
/// the smaller of the two rings (a downcast folds the truncation into the ring change; an upcast truncates before
/// extending) and added after the ring change, by a local left shift into a format that must keep headroom.
/// </summary>
/// <param name="From">The source format.</param>
/// <param name="To">The target format.</param>
/// <param name="Kind">Which conversion.</param>
/// <param name="DropBits">Fraction bits removed (f − f' when positive, else 0).</param>
/// <param name="ShiftBits">Fraction bits added by a local left shift (f' − f when positive, else 0).</param>
public readonly record struct CastPlan(FixedPointFormat From, FixedPointFormat To, CastKind Kind, int DropBits, int ShiftBits)
{
    /// <summary>
    /// Plans a cast. Throws <see cref="ArgumentException"/> naming both formats when fraction bits are added into a format
    /// with fewer than <paramref name="minIntegerBits"/> integer bits (no headroom), and <see cref="NotSupportedException"/>
    /// for a ring pair other than 32 ↔ 64 bits.
    /// </summary>
    public static CastPlan For(FixedPointFormat from, FixedPointFormat to, int minIntegerBits)
    {
        if (from == to)
        {
            return new CastPlan(from, to, CastKind.None, 0, 0);
        }

        var kind = from.RingBits == to.RingBits ? CastKind.Rescale
            : from.RingBits == 64 && to.RingBits == 32 ? CastKind.Downcast
            : from.RingBits == 32 && to.RingBits == 64 ? CastKind.Upcast
            : throw new NotSupportedException($"cast {from} → {to}: no conversion between a {from.RingBits}-bit and a {to.RingBits}-bit ring; supported are 32 ↔ 64 bits.");
        var drop = Math.Max(0, from.FractionBits - to.FractionBits);
        var shift = Math.Max(0, to.FractionBits - from.FractionBits);
        if (shift > 0 && IntegerBits(to) < minIntegerBits)
        {
            throw new ArgumentException(
                $"cast {from} → {to}: no headroom. Adding {shift} fraction bits shifts values left into {to}, which keeps only " +
                $"{IntegerBits(to)} integer bits (|v| < 2^{IntegerBits(to)}); at least {minIntegerBits} are required " +
                $"(fraction bits ≤ {to.RingBits - 2 - minIntegerBits} in a {to.RingBits}-bit ring; see CastOptions.MinIntegerBits).");
        }

        return new CastPlan(from, to, kind, drop, shift);
    }

    /// <summary>Integer bits of a format: k − 2 − f (it holds |v| &lt; 2^(k−2−f)).</summary>
    public static int IntegerBits(FixedPointFormat format) => format.RingBits - 2 - format.FractionBits;

    /// <summary>"fxp64.18 → fxp32.8: downcast dropping 10 bits".</summary>
    public override string ToString() => Kind switch
    {
        CastKind.None => $"{From} → {To}: nothing",
        CastKind.Rescale => DropBits > 0 ? $"{From} → {To}: truncate {DropBits} bits" : $"{From} → {To}: shift left {ShiftBits} bits",
        _ => $"{From} → {To}: {(DropBits > 0 && Kind == CastKind.Upcast ? $"truncate {DropBits} bits, " : string.Empty)}" +
             $"{(Kind == CastKind.Downcast ? "downcast" : "upcast")}{(DropBits > 0 && Kind == CastKind.Downcast ? $" dropping {DropBits} bits" : string.Empty)}" +
             $"{(ShiftBits > 0 ? $", shift left {ShiftBits} bits" : string.Empty)}",
    };
}

using System.Globalization;
using Ditto.Runtime.Backends;
using Ditto.Runtime.FixedPoint;

namespace Ditto.Runtime.Description;

/// <summary>What kind of format a <see cref="FormatDescription"/> describes.</summary>
public enum FormatDescriptionKind
{
    /// <summary>A ring and fraction bits fixed at compile time.</summary>
    Concrete,

    /// <summary>A named precision, resolved by the precision plan at run time.</summary>
    Named,

    /// <summary>A product before truncation: the operands' ring with the sum of their fraction bits.</summary>
    Product,
}

/// <summary>
/// A fixed-point format as the generator saw it at compile time: concrete ("fxp32.8"), named ("Linear") or the
/// untruncated product of two formats ("Linear·Linear"). <see cref="Resolve"/> gives its meaning under a plan.
/// </summary>
public sealed record FormatDescription
{
    private FormatDescription(FormatDescriptionKind kind, int ringBits, int fractionBits, string? name, FormatDescription? left, FormatDescription? right)
    {
        Kind = kind;
        RingBits = ringBits;
        FractionBits = fractionBits;
        Name = name;
        Left = left;
        Right = right;
    }

    /// <summary>The kind.</summary>
    public FormatDescriptionKind Kind { get; }

    /// <summary>Ring bits of a concrete format, else 0.</summary>
    public int RingBits { get; }

    /// <summary>Fraction bits of a concrete format, else 0.</summary>
    public int FractionBits { get; }

    /// <summary>The name of a named precision, else null.</summary>
    public string? Name { get; }

    /// <summary>The left factor of a product, else null.</summary>
    public FormatDescription? Left { get; }

    /// <summary>The right factor of a product, else null.</summary>
    public FormatDescription? Right { get; }

    /// <summary>A concrete format.</summary>
    public static FormatDescription Concrete(int ringBits, int fractionBits) => new(FormatDescriptionKind.Concrete, ringBits, fractionBits, null, null, null);

    /// <summary>A named precision.</summary>
    public static FormatDescription Named(string name) => new(FormatDescriptionKind.Named, 0, 0, name ?? throw new ArgumentNullException(nameof(name)), null, null);

    /// <summary>The untruncated product of two formats.</summary>
    public static FormatDescription Product(FormatDescription left, FormatDescription right) =>
        new(FormatDescriptionKind.Product, 0, 0, null, left ?? throw new ArgumentNullException(nameof(left)), right ?? throw new ArgumentNullException(nameof(right)));

    /// <summary>
    /// The ring and fraction bits under a plan. A product has its left factor's ring and the sum of the fraction bits
    /// (which may exceed what a <see cref="FixedPointFormat"/> allows; that is why this returns bits, not a format).
    /// </summary>
    public (int RingBits, int FractionBits) Resolve(PrecisionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        switch (Kind)
        {
            case FormatDescriptionKind.Concrete:
                return (RingBits, FractionBits);
            case FormatDescriptionKind.Named:
                var f = plan[Name!];
                return (f.RingBits, f.FractionBits);
            default:
                var (ring, a) = Left!.Resolve(plan);
                var (_, b) = Right!.Resolve(plan);
                return (ring, a + b);
        }
    }

    /// <summary>"Linear (fxp32.8)" under a plan; a concrete format prints as itself.</summary>
    public string Describe(PrecisionPlan? plan)
    {
        if (plan is null || Kind == FormatDescriptionKind.Concrete || (Kind == FormatDescriptionKind.Product && Left!.Kind == FormatDescriptionKind.Concrete && Right!.Kind == FormatDescriptionKind.Concrete))
        {
            return ToString();
        }

        try
        {
            var (ring, fraction) = Resolve(plan);
            return $"{this} (fxp{ring.ToString(CultureInfo.InvariantCulture)}.{fraction.ToString(CultureInfo.InvariantCulture)})";
        }
        catch (KeyNotFoundException)
        {
            return $"{this} (not in the plan)";
        }
    }

    /// <summary>"fxp32.8", "Linear" or "Linear·Linear".</summary>
    public override string ToString() => Kind switch
    {
        FormatDescriptionKind.Concrete => $"fxp{RingBits.ToString(CultureInfo.InvariantCulture)}.{FractionBits.ToString(CultureInfo.InvariantCulture)}",
        FormatDescriptionKind.Named => Name!,
        _ => Left!.Kind == FormatDescriptionKind.Concrete && Right!.Kind == FormatDescriptionKind.Concrete && Left.RingBits == Right.RingBits
            ? $"fxp{Left.RingBits.ToString(CultureInfo.InvariantCulture)}.{(Left.FractionBits + Right.FractionBits).ToString(CultureInfo.InvariantCulture)}"
            : $"{Left}·{Right}",
    };
}

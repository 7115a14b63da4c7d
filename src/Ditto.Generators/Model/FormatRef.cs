namespace Ditto.Generators.Model;

/// <summary>What kind of fixed-point format a <see cref="FormatRef"/> is.</summary>
internal enum FormatKind
{
    /// <summary>A ring and fraction bits known at compile time.</summary>
    Concrete,

    /// <summary>A named precision resolved by the precision plan at run time.</summary>
    Named,

    /// <summary>The format of a product before truncation: the operands' ring, the sum of their fraction bits.</summary>
    Product,
}

/// <summary>
/// A fixed-point format as the generator knows it at compile time: concrete (ring, fraction bits), symbolic (a named
/// precision), or the untruncated product of two formats. Value-equatable; a product's operands are kept for display.
/// </summary>
internal sealed record FormatRef(FormatKind Kind, int Ring, int Fraction, string Name, FormatRef? Left, FormatRef? Right)
{
    public static FormatRef Concrete(int ring, int fraction) => new(FormatKind.Concrete, ring, fraction, string.Empty, null, null);

    public static FormatRef Named(string name) => new(FormatKind.Named, 0, 0, name, null, null);

    public static FormatRef Product(FormatRef left, FormatRef right) => new(FormatKind.Product, 0, 0, string.Empty, left, right);

    /// <summary>The default format of a model with no annotation at all: the named precision Linear.</summary>
    public static FormatRef Default { get; } = Named("Linear");

    /// <summary>True when the ring and fraction bits are known at compile time (a concrete format, or a product of two concrete formats).</summary>
    public bool IsKnown => Kind == FormatKind.Concrete || (Kind == FormatKind.Product && Left!.Kind == FormatKind.Concrete && Right!.Kind == FormatKind.Concrete && Left.Ring == Right.Ring);

    /// <summary>The ring bits when <see cref="IsKnown"/>.</summary>
    public int KnownRing => Kind == FormatKind.Product ? Left!.Ring : Ring;

    /// <summary>The fraction bits when <see cref="IsKnown"/>.</summary>
    public int KnownFraction => Kind == FormatKind.Product ? Left!.Fraction + Right!.Fraction : Fraction;

    /// <summary>"fxp32.8", "Linear", "fxp32.16" (a known product) or "Linear·Linear".</summary>
    public string Display => Kind switch
    {
        FormatKind.Concrete => "fxp" + Invariant(Ring) + "." + Invariant(Fraction),
        FormatKind.Named => Name,
        _ => IsKnown ? "fxp" + Invariant(KnownRing) + "." + Invariant(KnownFraction) : Left!.Display + "·" + Right!.Display,
    };

    public override string ToString() => Display;

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Format compatibility rules shared by the typer.</summary>
internal static class FormatRules
{
    /// <summary>Two operands can be multiplied without converting either: the same format, or two concrete formats of one ring.</summary>
    public static bool CanMultiply(FormatRef a, FormatRef b) =>
        a == b || (a.Kind == FormatKind.Concrete && b.Kind == FormatKind.Concrete && a.Ring == b.Ring);

    /// <summary>The format of a product: concrete when both are concrete in one ring, else symbolic.</summary>
    public static FormatRef ProductOf(FormatRef a, FormatRef b) => FormatRef.Product(a, b);

    /// <summary>A product whose ring and fraction bits equal a concrete target needs no truncation.</summary>
    public static bool SameAs(FormatRef product, FormatRef target) =>
        product == target || (product.IsKnown && target.Kind == FormatKind.Concrete && product.KnownRing == target.Ring && product.KnownFraction == target.Fraction);

    /// <summary>A short identifier-safe stem for a format's local variable ("linear", "fxp32_8").</summary>
    public static string LocalStem(FormatRef format)
    {
        if (format.Kind == FormatKind.Concrete)
        {
            return "fxp" + format.Ring.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_" + format.Fraction.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var chars = new System.Text.StringBuilder();
        foreach (var c in format.Name)
        {
            if (c < 128 && (char.IsLetterOrDigit(c) || c == '_'))
            {
                chars.Append(chars.Length == 0 ? char.ToLowerInvariant(c) : c);
            }
        }

        var stem = chars.ToString();
        if (stem.Length == 0 || char.IsDigit(stem[0]))
        {
            stem = "precision" + stem;
        }

        return stem;
    }

    public static int Compare(FormatRef a, FormatRef b)
    {
        if (a.Kind != b.Kind)
        {
            return a.Kind.CompareTo(b.Kind);
        }

        var c = a.Ring.CompareTo(b.Ring);
        if (c != 0)
        {
            return c;
        }

        c = a.Fraction.CompareTo(b.Fraction);
        return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
    }
}

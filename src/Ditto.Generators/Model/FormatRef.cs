namespace Ditto.Generators.Model;

/// <summary>
/// A fixed-point format as the generator knows it at compile time: concrete (<see cref="ConcreteFormat"/>: ring and
/// fraction bits), symbolic (<see cref="NamedFormat"/>: a named precision the plan resolves at run time), or the
/// untruncated product of two formats (<see cref="ProductFormat"/>). Value-equatable.
/// </summary>
internal abstract record FormatRef
{
    public static ConcreteFormat Concrete(int ring, int fraction) => new(ring, fraction);

    public static NamedFormat Named(string name) => new(name);

    public static ProductFormat Product(FormatRef left, FormatRef right) => new(left, right);

    /// <summary>The default format of a model with no annotation at all: the named precision Linear.</summary>
    public static FormatRef Default { get; } = Named("Linear");

    /// <summary>True when the ring and fraction bits are known at compile time (a concrete format, or a product of two concrete formats of one ring).</summary>
    public abstract bool IsKnown { get; }

    /// <summary>The ring bits when <see cref="IsKnown"/>.</summary>
    public abstract int KnownRing { get; }

    /// <summary>The fraction bits when <see cref="IsKnown"/>.</summary>
    public abstract int KnownFraction { get; }

    /// <summary>"fxp32.8", "Linear", "fxp32.16" (a known product) or "Linear·Linear".</summary>
    public abstract string Display { get; }

    public override string ToString() => Display;

    protected static string Fxp(int ring, int fraction) =>
        "fxp" + ring.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + fraction.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A ring and fraction bits known at compile time.</summary>
internal sealed record ConcreteFormat(int Ring, int Fraction) : FormatRef
{
    public override bool IsKnown => true;

    public override int KnownRing => Ring;

    public override int KnownFraction => Fraction;

    public override string Display => Fxp(Ring, Fraction);

    public override string ToString() => Display;
}

/// <summary>A named precision resolved by the precision plan at run time.</summary>
internal sealed record NamedFormat(string Name) : FormatRef
{
    public override bool IsKnown => false;

    public override int KnownRing => 0;

    public override int KnownFraction => 0;

    public override string Display => Name;

    public override string ToString() => Display;
}

/// <summary>The format of a product before truncation: the operands' ring, the sum of their fraction bits.</summary>
internal sealed record ProductFormat(FormatRef Left, FormatRef Right) : FormatRef
{
    public override bool IsKnown => Left is ConcreteFormat l && Right is ConcreteFormat r && l.Ring == r.Ring;

    public override int KnownRing => Left.KnownRing;

    public override int KnownFraction => Left.KnownFraction + Right.KnownFraction;

    public override string Display => IsKnown ? Fxp(KnownRing, KnownFraction) : Left.Display + "·" + Right.Display;

    public override string ToString() => Display;
}

/// <summary>Format compatibility rules shared by the typer.</summary>
internal static class FormatRules
{
    /// <summary>Two operands can be multiplied without converting either: the same format, or two concrete formats of one ring.</summary>
    public static bool CanMultiply(FormatRef a, FormatRef b) =>
        a == b || (a is ConcreteFormat x && b is ConcreteFormat y && x.Ring == y.Ring);

    /// <summary>The format of a product: concrete when both are concrete in one ring, else symbolic.</summary>
    public static ProductFormat ProductOf(FormatRef a, FormatRef b) => FormatRef.Product(a, b);

    /// <summary>A product whose ring and fraction bits equal a concrete target needs no truncation.</summary>
    public static bool SameAs(FormatRef product, FormatRef target) =>
        product == target || (product.IsKnown && target is ConcreteFormat t && product.KnownRing == t.Ring && product.KnownFraction == t.Fraction);

    /// <summary>A short identifier-safe stem for a format's local variable ("linear", "fxp32_8").</summary>
    public static string LocalStem(FormatRef format)
    {
        if (format is ConcreteFormat concrete)
        {
            return "fxp" + concrete.Ring.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_" + concrete.Fraction.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var chars = new System.Text.StringBuilder();
        foreach (var c in format is NamedFormat named ? named.Name : format.Display)
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

    /// <summary>An order for format locals: concrete formats by ring and fraction bits, then named ones by name, then products.</summary>
    public static int Compare(FormatRef a, FormatRef b)
    {
        static int Rank(FormatRef f) => f switch { ConcreteFormat => 0, NamedFormat => 1, _ => 2 };
        var c = Rank(a).CompareTo(Rank(b));
        if (c != 0)
        {
            return c;
        }

        return (a, b) switch
        {
            (ConcreteFormat x, ConcreteFormat y) => x.Ring != y.Ring ? x.Ring.CompareTo(y.Ring) : x.Fraction.CompareTo(y.Fraction),
            _ => string.CompareOrdinal(a.Display, b.Display),
        };
    }
}

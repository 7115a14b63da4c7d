using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ditto.Generators.Helpers;

/// <summary>
/// C# literals and identifiers for generated code, independent of the current culture: every number is formatted with
/// the invariant culture (a culture with a comma decimal separator or a U+2212 minus sign must not leak into the code).
/// </summary>
internal static class Literals
{
    /// <summary>A C# literal for a constant, or null when the value has no literal form here.</summary>
    public static string? Format(object? value, ITypeSymbol? type)
    {
        var ci = CultureInfo.InvariantCulture;
        switch (value)
        {
            case null:
                return type is null || type.IsReferenceType ? "null" : "default";
            case bool b:
                return b ? "true" : "false";
            case string s:
                return SymbolDisplay.FormatLiteral(s, quote: true);
            case char c:
                return SymbolDisplay.FormatLiteral(c, quote: true);
            case int i:
                return i.ToString(ci);
            case long l:
                return l.ToString(ci) + "L";
            case uint u:
                return u.ToString(ci) + "U";
            case ulong ul:
                return ul.ToString(ci) + "UL";
            case short sh:
                return "(short)" + Parenthesize(sh.ToString(ci), sh < 0);
            case ushort us:
                return "(ushort)" + us.ToString(ci);
            case byte by:
                return "(byte)" + by.ToString(ci);
            case sbyte sb:
                return "(sbyte)" + Parenthesize(sb.ToString(ci), sb < 0);
            case decimal m:
                return m.ToString(ci) + "M";
            case double d:
                return Double(d);
            case float f:
                return Single(f);
            default:
                return null;
        }
    }

    /// <summary>A double literal that round-trips: "0.5", "1E-05", "12.0", or double.NaN and the infinities.</summary>
    public static string Double(double d)
    {
        if (double.IsNaN(d))
        {
            return "double.NaN";
        }

        if (double.IsPositiveInfinity(d))
        {
            return "double.PositiveInfinity";
        }

        if (double.IsNegativeInfinity(d))
        {
            return "double.NegativeInfinity";
        }

        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOf('.') >= 0 || text.IndexOf('E') >= 0 ? text : text + ".0";
    }

    /// <summary>A float literal that round-trips ("0.5F").</summary>
    public static string Single(float f)
    {
        if (float.IsNaN(f))
        {
            return "float.NaN";
        }

        if (float.IsPositiveInfinity(f))
        {
            return "float.PositiveInfinity";
        }

        if (float.IsNegativeInfinity(f))
        {
            return "float.NegativeInfinity";
        }

        return f.ToString("R", CultureInfo.InvariantCulture) + "F";
    }

    /// <summary>True when a literal text starts with a minus sign (it then needs parentheses after a binary operator).</summary>
    public static bool IsNegative(string literal) => literal.StartsWith("-", StringComparison.Ordinal);

    /// <summary>An identifier, escaped with @ when it is a keyword.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>An integer for generated code.</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Parenthesize(string text, bool negative) => negative ? "(" + text + ")" : text;
}

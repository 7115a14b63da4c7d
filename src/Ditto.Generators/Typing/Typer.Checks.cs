using Ditto.Generators.Diagnostics;
using System;
using System.Globalization;
using Ditto.Generators.Ir;
using Ditto.Generators.Model;

namespace Ditto.Generators.Typing;

/// <summary>Headroom checks (DITTO0005, DITTO0006) on concrete formats; named precisions are only known at run time.</summary>
internal sealed partial class Typer
{
    /// <summary>The bits the generator assumes a product of two values needs for its magnitude (|a·b| &lt; 16), and a single value (|x| &lt; 16).</summary>
    public const int ValueBits = 4;

    /// <summary>The inner dimension assumed when a matmul's shapes are not known at compile time.</summary>
    public const int AssumedInnerDimension = 1024;

    private void CheckHeadroom(SecureNode node, ProductFormat product, string what, int? inner)
    {
        if (!product.IsKnown)
        {
            return;
        }

        var k = product.KnownRing;
        var f = product.KnownFraction;
        var known = inner is not null;
        var n = inner ?? AssumedInnerDimension;
        var log = n <= 1 ? 0.0 : Math.Log(n, 2);
        var bits = f + log + ValueBits;
        if (bits < k)
        {
            return;
        }

        var ci = CultureInfo.InvariantCulture;
        var sumText = what == "matmul"
            ? $"{f} fraction bits + log2(K = {n.ToString(ci)}{(known ? string.Empty : ", assumed: the shapes are not known at compile time")}) = {log.ToString("0.##", ci)} + {ValueBits} value bits = {bits.ToString("0.##", ci)}, not below {k}"
            : $"{f} fraction bits + {ValueBits} value bits = {bits.ToString("0.##", ci)}, not below {k}";
        _diagnostics.Add(new TypingDiagnostic(
            DiagnosticDescriptors.Headroom,
            node.Source.Span,
            [$"{what} `{node.Source.Snippet}` in {product.Left.Display} × {product.Right.Display}", k.ToString(ci), sumText + "; use fewer fraction bits or the 64-bit ring"]));
    }

    private void CheckUpcast(FormatRef from, FormatRef to, SourceRef source)
    {
        if (!from.IsKnown || to is not ConcreteFormat { Ring: 64 } || from.KnownRing != 32)
        {
            return;
        }

        var integerBits = 32 - 2 - from.KnownFraction;
        if (integerBits >= ValueBits)
        {
            return;
        }

        var ci = CultureInfo.InvariantCulture;
        _diagnostics.Add(new TypingDiagnostic(
            DiagnosticDescriptors.UpcastPrecondition,
            source.Span,
            [$"`{source.Snippet}`", from.Display, to.Display, integerBits.ToString(ci)]));
    }
}

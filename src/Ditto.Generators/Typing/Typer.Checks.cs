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

    /// <summary>The ring's guard bits: a value the protocols truncate or convert must stay below 2^(k−2) in magnitude.</summary>
    public const int GuardBits = 2;

    private void CheckHeadroom(SecureNode node, ProductFormat product, string what, int? inner)
    {
        if (!product.IsKnown)
        {
            return;
        }

        var k = product.KnownRing;
        var f = product.KnownFraction;
        // An unknown K is checked here with K = 1 (if even that fails, every K does); the backend checks the real K on
        // first use, with the same rule.
        var known = inner is not null;
        var n = inner ?? 1;
        var log = n <= 1 ? 0.0 : Math.Log(n, 2);
        var bits = f + log + ValueBits;
        if (bits <= k - GuardBits)
        {
            return;
        }

        var ci = CultureInfo.InvariantCulture;
        var sumText = what == "matmul"
            ? $"{f} fraction bits + log2(K = {n.ToString(ci)}{(known ? string.Empty : " at least: the shapes are not known at compile time")}) = {log.ToString("0.##", ci)} + {ValueBits} value bits = {bits.ToString("0.##", ci)}, more than the {(k - GuardBits).ToString(ci)} the ring holds with its {GuardBits} guard bits"
            : $"{f} fraction bits + {ValueBits} value bits = {bits.ToString("0.##", ci)}, more than the {(k - GuardBits).ToString(ci)} the ring holds with its {GuardBits} guard bits";
        _diagnostics.Add(new TypingDiagnostic(
            DiagnosticDescriptors.Headroom,
            node.Source.Span,
            [$"{what} `{node.Source.Snippet}` in {product.Left.Display} × {product.Right.Display}", k.ToString(ci), sumText + "; use fewer fraction bits or the 64-bit ring"]));
    }

    /// <summary>DITTO0012: a conversion between known formats to one that holds fewer integer bits than the value's.</summary>
    private void CheckIntegerBits(FormatRef from, FormatRef to, SourceRef source)
    {
        if (!from.IsKnown || to is not ConcreteFormat target)
        {
            return;
        }

        var have = from.KnownRing - GuardBits - from.KnownFraction;
        var keep = target.Ring - GuardBits - target.Fraction;
        if (keep >= have)
        {
            return;
        }

        var ci = CultureInfo.InvariantCulture;
        _diagnostics.Add(new TypingDiagnostic(
            DiagnosticDescriptors.IntegerBitsDropped,
            source.Span,
            [$"`{source.Snippet}`", from.Display, to.Display, keep.ToString(ci), have.ToString(ci)]));
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

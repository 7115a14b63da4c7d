using Ditto.Generators.Diagnostics;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Ditto.Generators.Helpers;
using Ditto.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ditto.Generators.Parsing;

/// <summary>
/// Reads [FixedPoint] annotations, most specific first: parameter or return value, then method, then class, then the
/// default (the named precision Linear). A weight's own annotation wins; an unannotated weight takes the format of the
/// method that reads it. Invalid formats are reported (when a sink is given) and skipped, so the next level applies.
/// </summary>
internal sealed class Annotations(KnownSymbols known)
{
    private static readonly HashSet<string> BuiltInNames = new(System.StringComparer.Ordinal) { "Linear", "NonLinear" };

    public KnownSymbols Known { get; } = known;

    public FormatRef ClassFormat(INamedTypeSymbol type, List<DiagnosticInfo>? sink = null) =>
        Read(type.OriginalDefinition.GetAttributes(), sink) ?? FormatRef.Default;

    public FormatRef MethodFormat(IMethodSymbol method, List<DiagnosticInfo>? sink = null) =>
        Read(method.OriginalDefinition.GetAttributes(), sink) ?? ClassFormat(method.ContainingType);

    public FormatRef ReturnFormat(IMethodSymbol method, List<DiagnosticInfo>? sink = null) =>
        Read(method.OriginalDefinition.GetReturnTypeAttributes(), sink) ?? MethodFormat(method);

    public FormatRef ParameterFormat(IParameterSymbol parameter, List<DiagnosticInfo>? sink = null) =>
        Read(parameter.OriginalDefinition.GetAttributes(), sink) ?? MethodFormat((IMethodSymbol)parameter.ContainingSymbol);

    public FormatRef? WeightFormat(ISymbol member, List<DiagnosticInfo>? sink = null) => Read(member.OriginalDefinition.GetAttributes(), sink);

    /// <summary>The [FixedPoint] attribute among these, if any.</summary>
    public AttributeData? FixedPointAttribute(ImmutableArray<AttributeData> attributes)
    {
        foreach (var a in attributes)
        {
            if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, Known.FixedPoint))
            {
                return a;
            }
        }

        return null;
    }

    private FormatRef? Read(ImmutableArray<AttributeData> attributes, List<DiagnosticInfo>? sink)
    {
        var a = FixedPointAttribute(attributes);
        if (a is null)
        {
            return null;
        }

        var args = a.ConstructorArguments;
        var location = a.ApplicationSyntaxReference?.GetSyntax().GetLocation();
        var ci = CultureInfo.InvariantCulture;
        if (args.Length == 2 && args[0].Value is int ring && args[1].Value is int fraction)
        {
            var text = $"[FixedPoint({ring.ToString(ci)}, {fraction.ToString(ci)})]";
            if (ring is not (32 or 64))
            {
                sink?.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidFormat, location, text, $"the ring must have 32 or 64 bits, not {ring.ToString(ci)}"));
                return null;
            }

            if (fraction < 0 || fraction > ring - 2)
            {
                sink?.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidFormat, location, text, $"the fraction bits must lie in [0, {(ring - 2).ToString(ci)}] for a {ring.ToString(ci)}-bit ring, so that a sign bit and an integer bit remain"));
                return null;
            }

            return FormatRef.Concrete(ring, fraction);
        }

        if (args.Length == 1 && args[0].Kind != TypedConstantKind.Error)
        {
            var name = args[0].Value as string;
            if (string.IsNullOrWhiteSpace(name) || name!.Trim() != name)
            {
                var shown = name is null ? "null" : SymbolDisplay.FormatLiteral(name, quote: true);
                sink?.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidFormat, location, $"[FixedPoint({shown})]", "a named precision must be a non-empty name without surrounding spaces"));
                return null;
            }

            if (!BuiltInNames.Contains(name) && !Known.DeclaredPrecisions.Contains(name))
            {
                sink?.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownPrecision, location, name));
            }

            return FormatRef.Named(name);
        }

        return null;
    }
}

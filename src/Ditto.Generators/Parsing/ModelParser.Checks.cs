using Ditto.Generators.Diagnostics;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Ditto.Generators.Helpers;
using Ditto.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ditto.Generators.Parsing;

/// <summary>Checks of a model's members and signatures: annotations (DITTO0004, DITTO0008), unsupported signatures, hand-written twins.</summary>
internal static partial class ModelParser
{
    /// <summary>True when the type already declares the twin's signature (a hand-written twin, which then wins).</summary>
    private static bool HasHandWrittenTwin(INamedTypeSymbol type, IMethodSymbol method, KnownSymbols known)
    {
        foreach (var candidate in type.GetMembers(method.Name).OfType<IMethodSymbol>())
        {
            if (candidate.Parameters.Length != method.Parameters.Length + 1 || candidate.Parameters[0].Type.ToDisplayString() != "Ditto.Runtime.Backends.IBackend")
            {
                continue;
            }

            var matches = true;
            for (var i = 0; i < method.Parameters.Length && matches; i++)
            {
                var expected = method.Parameters[i].Type;
                var actual = candidate.Parameters[i + 1].Type;
                matches = known.IsTensor(expected)
                    ? actual.ToDisplayString() == "Ditto.Runtime.Backends.Value"
                    : SymbolEqualityComparer.Default.Equals(expected, actual);
            }

            if (matches)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Why a tensor-returning method cannot have a twin, or null when it can.</summary>
    public static string? SignatureProblem(IMethodSymbol method, KnownSymbols known)
    {
        if (method.IsGenericMethod)
        {
            return "generic methods";
        }

        if (method.IsAbstract || method.IsVirtual || method.IsOverride)
        {
            return "virtual, abstract and override methods";
        }

        if (method.IsExtern)
        {
            return "extern methods";
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return "ref returns";
        }

        foreach (var p in method.Parameters)
        {
            if (p.RefKind != RefKind.None)
            {
                return $"the {p.RefKind.ToString().ToLowerInvariant()} parameter '{p.Name}'";
            }

            if (!known.IsTensor(p.Type) && known.MentionsTensor(p.Type))
            {
                return $"the parameter '{p.Name}' of type '{p.Type.ToDisplayString()}' (only single tensors are secure values)";
            }

            if (known.IsTensor(p.Type) && p.HasExplicitDefaultValue)
            {
                return $"the optional tensor parameter '{p.Name}'";
            }

            if (p.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol || p.Type.TypeKind == TypeKind.Dynamic)
            {
                return $"the parameter '{p.Name}' of type '{p.Type.ToDisplayString()}'";
            }
        }

        return null;
    }

    private static List<WeightSpec> CheckMembers(INamedTypeSymbol type, Annotations annotations, List<DiagnosticInfo> diagnostics, CancellationToken ct)
    {
        var known = annotations.Known;
        var weights = new List<WeightSpec>();
        foreach (var member in type.GetMembers())
        {
            ct.ThrowIfCancellationRequested();
            if (member is not (IFieldSymbol or IPropertySymbol) || member.IsImplicitlyDeclared)
            {
                continue;
            }

            var memberType = member is IFieldSymbol f ? f.Type : ((IPropertySymbol)member).Type;
            var weight = member.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, known.Weight));
            var fixedPoint = annotations.FixedPointAttribute(member.GetAttributes());
            if (known.IsTensor(memberType))
            {
                var format = annotations.WeightFormat(member, diagnostics);
                if (weight is not null)
                {
                    weights.Add(new WeightSpec { Name = member.Name, Format = format });
                }

                continue;
            }

            if (weight is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConflictingAnnotation, weight.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation(),
                    $"[Weight] on '{member.Name}' has no effect: a weight must be a Tensor, not '{memberType.ToDisplayString()}'"));
            }

            if (fixedPoint is not null)
            {
                var why = known.IsSecureModel(memberType) || (memberType is IArrayTypeSymbol array && known.IsSecureModel(array.ElementType))
                    ? "a sub-model's formats come from its own type's annotations"
                    : $"'{memberType.ToDisplayString()}' is public, only tensors have a fixed-point format";
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConflictingAnnotation, fixedPoint.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation(),
                    $"[FixedPoint] on '{member.Name}' has no effect: {why}"));
            }
        }

        return weights;
    }

    private static void CheckOtherMethod(IMethodSymbol method, KnownSymbols known, Annotations annotations, List<DiagnosticInfo> diagnostics)
    {
        var syntax = method.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<MethodDeclarationSyntax>().FirstOrDefault();
        if (syntax is null)
        {
            return;
        }

        if (method.ReturnType is INamedTypeSymbol { IsGenericType: true } returned
            && (SymbolEqualityComparer.Default.Equals(returned.OriginalDefinition, known.Task) || SymbolEqualityComparer.Default.Equals(returned.OriginalDefinition, known.ValueTask))
            && known.MentionsTensor(returned))
        {
            var async = syntax.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.AsyncKeyword));
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedConstruct, async.IsKind(SyntaxKind.AsyncKeyword) ? async.GetLocation() : syntax.ReturnType.GetLocation(),
                "An asynchronous secure model method", "; secure twins are synchronous, return Tensor"));
            return;
        }

        if (known.MentionsTensor(method.ReturnType))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedConstruct, syntax.ReturnType.GetLocation(),
                $"A method returning '{method.ReturnType.ToDisplayString()}'", "; a secure method returns a single Tensor"));
            return;
        }

        if (annotations.FixedPointAttribute(method.GetAttributes()) is { } a)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConflictingAnnotation, a.ApplicationSyntaxReference?.GetSyntax().GetLocation(),
                $"[FixedPoint] on the method '{method.Name}' has no effect: it does not return a Tensor, so it has no secure twin"));
        }

        if (annotations.FixedPointAttribute(method.GetReturnTypeAttributes()) is { } r)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConflictingAnnotation, r.ApplicationSyntaxReference?.GetSyntax().GetLocation(),
                $"[return: FixedPoint] on the method '{method.Name}' has no effect: it does not return a Tensor"));
        }
    }
}

using Ditto.Generators.Diagnostics;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Ditto.Generators.Helpers;
using Ditto.Generators.Ir;
using Ditto.Generators.Model;
using Ditto.Generators.Typing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ditto.Generators.Parsing;

/// <summary>The transform's result: the model to emit (null when nothing can be emitted) and the diagnostics.</summary>
internal sealed record ModelParse(ModelSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// Reads one [SecureModel] type: checks it and its annotations, parses and types every tensor-returning method, and
/// returns a value-equatable <see cref="ModelSpec"/> plus diagnostics. It never throws (except for cancellation): a
/// failure becomes DITTO0010, per method where possible.
/// </summary>
internal static partial class ModelParser
{
    private static readonly SymbolDisplayFormat NamespaceFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    public static ModelParse Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        try
        {
            var spec = ParseModel(context, diagnostics, cancellationToken);
            return new ModelParse(spec, diagnostics.ToEquatableArray());
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            var location = context.TargetNode is BaseTypeDeclarationSyntax t ? t.Identifier.GetLocation() : context.TargetNode.GetLocation();
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, location, context.TargetSymbol.Name, e.GetType().Name + ": " + e.Message));
            return new ModelParse(null, diagnostics.ToEquatableArray());
        }
    }

    private static ModelSpec? ParseModel(GeneratorAttributeSyntaxContext context, List<DiagnosticInfo> diagnostics, CancellationToken ct)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax node)
        {
            return null;
        }

        // A type whose parts carry [SecureModel] more than once (CS0579) is handled once, at its first attribute.
        var first = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownSymbols.SecureModelAttribute)?.ApplicationSyntaxReference;
        if (first is not null && (first.SyntaxTree != node.SyntaxTree || !node.Span.Contains(first.Span)))
        {
            return null;
        }

        var known = KnownSymbols.From(context.SemanticModel.Compilation);
        if (!known.IsComplete)
        {
            return null;
        }

        if (node is InterfaceDeclarationSyntax || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedConstruct, node.Identifier.GetLocation(), "A secure model that is not a class", string.Empty));
            return null;
        }

        if (NotPartial(node) is { } notPartial)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelNotPartial, notPartial.Identifier.GetLocation(), type.Name,
                notPartial == node ? string.Empty : $" (and so must its containing type '{notPartial.Identifier.ValueText}')"));
            return null;
        }

        if (type.IsFileLocal)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedConstruct, node.Identifier.GetLocation(), "A file-local secure model", "; the generated part is in another file"));
            return null;
        }

        var emitDescription = true;
        foreach (var member in type.GetMembers("ModelDescription"))
        {
            if (!member.IsImplicitlyDeclared && member.Locations.FirstOrDefault() is { IsInSource: true } where)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedConstruct, where, "A member named 'ModelDescription' in a secure model", "; the generator adds the model's description under this name (rename the member)"));
                emitDescription = false;
            }
        }

        var hidesInherited = false;
        for (var b = type.BaseType; b is not null; b = b.BaseType)
        {
            hidesInherited |= known.IsSecureModel(b) || b.GetMembers("ModelDescription").Any(m => m.IsStatic);
        }

        var annotations = new Annotations(known);
        var defaultFormat = annotations.ClassFormat(type, diagnostics);
        var weights = CheckMembers(type, annotations, diagnostics, ct);
        var methods = new List<MethodSpec>();
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>().OrderBy(m => m.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0))
        {
            ct.ThrowIfCancellationRequested();
            if (method.MethodKind != MethodKind.Ordinary || method.IsImplicitlyDeclared)
            {
                continue;
            }

            if (!known.IsTensor(method.ReturnType))
            {
                CheckOtherMethod(method, known, annotations, diagnostics);
                continue;
            }

            if (method.IsPartialDefinition && method.PartialImplementationPart is null)
            {
                continue; // a partial method without an implementation: the compiler reports it
            }

            var implementation = method.PartialImplementationPart ?? method;
            if (MethodSpecFor(type, implementation, context, annotations, diagnostics, ct) is { } spec)
            {
                methods.Add(spec);
            }
        }

        var typeDeclaration = Declaration(type, node);
        var containing = new List<TypeDeclaration>();
        for (var (t, n) = (type.ContainingType, node.Parent as TypeDeclarationSyntax); t is not null; (t, n) = (t.ContainingType, n?.Parent as TypeDeclarationSyntax))
        {
            containing.Insert(0, Declaration(t, n));
        }

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } nsSymbol ? nsSymbol.ToDisplayString(NamespaceFormat) : null;
        var hint = string.Join(".", new[] { ns }.Concat(containing.Select(c => c.Name)).Concat([type.Name]).Where(s => !string.IsNullOrEmpty(s)))
            + (type.Arity > 0 ? "`" + type.Arity.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
        return new ModelSpec
        {
            Namespace = ns,
            ContainingTypes = containing.ToEquatableArray(),
            Type = typeDeclaration,
            FullyQualifiedName = PublicWriter.TypeText(type),
            DisplayName = type.Name,
            HintName = Sanitize(hint) + ".g.cs",
            IsStatic = type.IsStatic,
            Register = emitDescription && Registrable(type),
            EmitDescription = emitDescription,
            HidesInheritedDescription = hidesInherited,
            DefaultFormat = defaultFormat,
            Weights = weights.ToEquatableArray(),
            Methods = methods.ToEquatableArray(),
        };
    }

    private static MethodSpec? MethodSpecFor(INamedTypeSymbol type, IMethodSymbol method, GeneratorAttributeSyntaxContext context, Annotations annotations, List<DiagnosticInfo> diagnostics, CancellationToken ct)
    {
        var known = annotations.Known;
        var syntax = method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(ct)).OfType<MethodDeclarationSyntax>().FirstOrDefault(m => m.Body is not null || m.ExpressionBody is not null);
        var anySyntax = method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(ct)).OfType<MethodDeclarationSyntax>().FirstOrDefault();
        if (anySyntax is null)
        {
            return null;
        }

        if (SignatureProblem(method, known) is { } problem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedConstruct, anySyntax.Identifier.GetLocation(), char.ToUpperInvariant(problem[0]) + problem.Substring(1), " in a secure model method; no secure twin is generated"));
            return null;
        }

        var handWritten = HasHandWrittenTwin(type, method, known);
        foreach (var modifier in anySyntax.Modifiers)
        {
            if (modifier.IsKind(SyntaxKind.UnsafeKeyword) || modifier.IsKind(SyntaxKind.AsyncKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedConstruct, modifier.GetLocation(), modifier.IsKind(SyntaxKind.AsyncKeyword) ? "'async'" : "Unsafe code", " in a secure model method; no secure twin is generated"));
                return null;
            }
        }

        var format = annotations.MethodFormat(method, diagnostics);
        var returnFormat = annotations.ReturnFormat(method, diagnostics);
        var parameters = new List<ParameterSpec>();
        foreach (var p in method.Parameters)
        {
            if (known.IsTensor(p.Type) && PublicTensors.IsPublicParameter(p, known))
            {
                parameters.Add(new PublicParameter
                {
                    Name = Literals.Identifier(p.Name),
                    TypeText = PublicWriter.TypeText(p.Type),
                    TypeOfText = p.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                });
            }
            else if (known.IsTensor(p.Type))
            {
                parameters.Add(new SecureParameter { Name = Literals.Identifier(p.Name), Format = annotations.ParameterFormat(p, diagnostics) });
            }
            else
            {
                if (annotations.FixedPointAttribute(p.GetAttributes()) is { } a)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConflictingAnnotation, a.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation(),
                        $"[FixedPoint] on the parameter '{p.Name}' has no effect: '{p.Type.ToDisplayString()}' is public, only tensors have a fixed-point format"));
                }

                parameters.Add(new PublicParameter
                {
                    Name = Literals.Identifier(p.Name),
                    TypeText = PublicWriter.TypeText(p.Type),
                    TypeOfText = p.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                    IsParams = p.IsParams,
                    DefaultText = p.HasExplicitDefaultValue ? PublicWriter.ConstantText(p.ExplicitDefaultValue, p.Type) : null,
                });
            }
        }

        var plain = $"{method.Name}({string.Join(", ", method.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)))})";
        var line = anySyntax.Identifier.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
        var scopeName = $"{type.Name}.{method.Name}";
        var accessibility = Accessibility(method.DeclaredAccessibility);

        var stubBackend = "backend";
        while (method.Parameters.Any(p => p.Name == stubBackend))
        {
            stubBackend += "_";
        }

        var declarationModel = anySyntax.SyntaxTree == context.SemanticModel.SyntaxTree ? context.SemanticModel : context.SemanticModel.Compilation.GetSemanticModel(anySyntax.SyntaxTree);
        var nullableWarnings = (declarationModel.GetNullableContext(anySyntax.SpanStart) & NullableContext.WarningsEnabled) != 0;

        MethodSpec Stub() => new()
        {
            Name = Literals.Identifier(method.Name),
            Accessibility = accessibility,
            IsStatic = method.IsStatic,
            Line = line,
            BackendName = stubBackend,
            ScopeLocal = "scope",
            ScopeName = scopeName,
            PlainSignature = plain,
            Format = format,
            ReturnFormat = returnFormat,
            Parameters = parameters.ToEquatableArray(),
            Generated = false,
            NullableWarnings = nullableWarnings,
        };

        if (syntax is null)
        {
            return Stub();
        }

        if (handWritten)
        {
            return Stub() with { HandWritten = true };
        }

        var tree = syntax.SyntaxTree;
        var model = tree == context.SemanticModel.SyntaxTree ? context.SemanticModel : context.SemanticModel.Compilation.GetSemanticModel(tree);
        var methodDiagnostics = new List<DiagnosticInfo>();
        var parse = new ParseContext(annotations, tree, methodDiagnostics, ct);
        try
        {
            // Code that does not compile gets a stub: the compiler's errors say what is wrong.
            if (model.GetDiagnostics(syntax.Span, ct).Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                return Stub();
            }

            var body = model.GetOperation(syntax, ct) switch
            {
                Microsoft.CodeAnalysis.Operations.IMethodBodyOperation b => (IOperation?)b.BlockBody ?? b.ExpressionBody,
                _ => null,
            };
            if (body is null)
            {
                return Stub();
            }

            TestHooks.BeforeMethod?.Invoke(scopeName);
            parse.PublicTensors = PublicTensors.Analyse(method, body, known);
            var statements = new MethodParser(parse).Body(body);
            diagnostics.AddRange(methodDiagnostics);
            if (parse.Failed)
            {
                return Stub();
            }

            nullableWarnings = (model.GetNullableContext(syntax.SpanStart) & NullableContext.WarningsEnabled) != 0;
            var used = new HashSet<string>(syntax.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText), StringComparer.Ordinal);
            var ir = new MethodIr(Literals.Identifier(method.Name), accessibility, method.IsStatic, line, plain, format, returnFormat, parameters, statements, used);
            var (typed, typing) = Typer.Run(ir, scopeName);
            var spec = typed with { NullableWarnings = nullableWarnings, Pins = Pins(type, method, known, diagnostics, ct) };
            foreach (var d in typing)
            {
                diagnostics.Add(DiagnosticInfo.Create(d.Descriptor, tree, d.Span, d.Arguments));
            }

            return spec;
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            diagnostics.AddRange(methodDiagnostics);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, syntax.Identifier.GetLocation(), scopeName, e.GetType().Name + ": " + e.Message));
            return Stub();
        }
    }

    private static TypeDeclarationSyntax? NotPartial(TypeDeclarationSyntax node)
    {
        for (SyntaxNode? n = node; n is not null; n = n.Parent)
        {
            if (n is TypeDeclarationSyntax t && !t.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>The ops pinned on the method and on its type (DITTO0013 for a pin that changes nothing).</summary>
    private static EquatableArray<string> Pins(INamedTypeSymbol type, IMethodSymbol method, KnownSymbols known, List<DiagnosticInfo> diagnostics, CancellationToken ct)
    {
        var pins = new List<string>();
        foreach (var a in method.GetAttributes().Concat(type.GetAttributes()))
        {
            if (known.PinOp is null || !SymbolEqualityComparer.Default.Equals(a.AttributeClass, known.PinOp) || a.ConstructorArguments is not [{ Value: string op }])
            {
                continue;
            }

            var info = Catalogue.OpCatalogue.Find(op);
            var problem = info is null ? $"'{op}' is not an op of the library"
                : !info.PresetMaySubstitute ? $"no preset substitutes {op}"
                : null;
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PinHasNoEffect, a.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation(), op, problem));
            }
            else if (!pins.Contains(op))
            {
                pins.Add(op);
            }
        }

        return pins.ToEquatableArray();
    }

    private static TypeDeclaration Declaration(INamedTypeSymbol type, TypeDeclarationSyntax? syntax)
    {
        var keyword = syntax switch
        {
            RecordDeclarationSyntax r => r.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
            StructDeclarationSyntax => "struct",
            InterfaceDeclarationSyntax => "interface",
            _ => type.IsRecord ? (type.TypeKind == TypeKind.Struct ? "record struct" : "record") : type.TypeKind == TypeKind.Struct ? "struct" : "class",
        };
        var parameters = type.TypeParameters.Length == 0 ? string.Empty : "<" + string.Join(", ", type.TypeParameters.Select(p => Literals.Identifier(p.Name))) + ">";
        return new TypeDeclaration { Keyword = keyword, Name = Literals.Identifier(type.Name), TypeParameters = parameters };
    }

    /// <summary>A model can be listed in the assembly's catalog when typeof() reaches it from outside the type: not generic, not private.</summary>
    private static bool Registrable(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.Arity > 0 || t.DeclaredAccessibility is not (Microsoft.CodeAnalysis.Accessibility.Public or Microsoft.CodeAnalysis.Accessibility.Internal or Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    private static string Accessibility(Accessibility accessibility) => accessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    private static string Sanitize(string hint)
    {
        var chars = hint.Select(c => char.IsLetterOrDigit(c) || c == '.' || c == '_' ? c : '_').ToArray();
        return new string(chars);
    }
}

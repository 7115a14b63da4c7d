using Ditto.Generators.Diagnostics;
using System;
using System.Linq;
using Ditto.Generators.Emitting;
using Ditto.Generators.Helpers;
using Ditto.Generators.Model;
using Ditto.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ditto.Generators;

/// <summary>
/// The Ditto compiler: for every [SecureModel] type, parses its tensor methods, infers fixed-point formats, inserts the
/// conversions, and emits secure twins that run on any backend (float reference, emulator, three-party engine), plus
/// a static model description. Pipeline: ForAttributeWithMetadataName → <see cref="ModelParser"/> (value-equatable
/// <see cref="ModelSpec"/> and diagnostics) → two outputs: the source (only when the model changes) and the diagnostics
/// (reported at real source locations so that <c>#pragma warning disable</c> works).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SecureModelGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownSymbols.SecureModelAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => ModelParser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.Parse);

        var models = parsed
            .Select(static (p, _) => p.Spec)
            .WithTrackingName(TrackingNames.Model);
        context.RegisterSourceOutput(models, static (spc, spec) => Emit(spc, spec));

        var diagnostics = parsed
            .Select(static (p, _) => p.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        // The compilation is combined only at the very end, to turn each diagnostic's path and span into a location in
        // the real syntax tree; it is never part of a cached step.
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (spc, pair) => Report(spc, pair.Left, pair.Right));
    }

    private static void Emit(SourceProductionContext context, ModelSpec? spec)
    {
        if (spec is null)
        {
            return;
        }

        try
        {
            context.AddSource(spec.HintName, ModelEmitter.Emit(spec));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, spec.DisplayName, e.GetType().Name + ": " + e.Message));
        }
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics, Compilation compilation)
    {
        foreach (var d in diagnostics.Distinct())
        {
            try
            {
                context.ReportDiagnostic(d.ToDiagnostic(compilation));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, d.Descriptor.Id, e.GetType().Name + ": " + e.Message));
            }
        }
    }
}

using System;
using System.Linq;
using Ditto.Generators.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Ditto.Generators.Diagnostics;

/// <summary>
/// A diagnostic as a value: its descriptor (value-equatable), file path, span and arguments. It holds no <see cref="Location"/> (which would
/// keep the syntax tree and compare by reference), so the pipeline output that carries it stays equatable. At report
/// time it becomes a real source location in the compilation's tree (<see cref="Location.Create(SyntaxTree, TextSpan)"/>),
/// which is what makes <c>#pragma warning disable</c> work (an external-file location would ignore it; dotnet/roslyn#68291).
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, string FilePath, TextSpan Span, LinePositionSpan LineSpan, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SyntaxTree? tree, TextSpan span, params string[] arguments) =>
        new(descriptor, tree?.FilePath ?? string.Empty, span, tree is null ? default : tree.GetLineSpan(span).Span, arguments.ToEquatableArray());

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        location is { SourceTree: { } tree }
            ? Create(descriptor, tree, location.SourceSpan, arguments)
            : new(descriptor, string.Empty, default, default, arguments.ToEquatableArray());

    /// <summary>The diagnostic at a real location in <paramref name="compilation"/>'s tree of the same path.</summary>
    public Diagnostic ToDiagnostic(Compilation compilation)
    {
        var descriptor = Descriptor;
        var args = Arguments.Select(a => (object?)a).ToArray();
        if (FilePath.Length == 0 && Span.Length == 0 && Span.Start == 0)
        {
            return Diagnostic.Create(descriptor, Location.None, args);
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            if (string.Equals(tree.FilePath, FilePath, StringComparison.Ordinal) && tree.Length >= Span.End)
            {
                return Diagnostic.Create(descriptor, Location.Create(tree, Span), args);
            }
        }

        return Diagnostic.Create(descriptor, Location.Create(FilePath, Span, LineSpan), args);
    }
}

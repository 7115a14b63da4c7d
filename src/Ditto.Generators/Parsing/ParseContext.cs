using Ditto.Generators.Diagnostics;
using System.Collections.Generic;
using System.Threading;
using Ditto.Generators.Helpers;
using Ditto.Generators.Ir;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Ditto.Generators.Parsing;

/// <summary>What parsing one method needs: the known symbols, the tree (for diagnostics) and whether an error was found.</summary>
internal sealed class ParseContext(Annotations annotations, SyntaxTree tree, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
{
    private readonly HashSet<(string Id, int Start, int Length)> _reported = [];

    public Annotations Annotations { get; } = annotations;

    public KnownSymbols Known => Annotations.Known;

    public SyntaxTree Tree { get; } = tree;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The method's public tensors (set before its body is parsed).</summary>
    public PublicTensors PublicTensors { get; set; } = PublicTensors.None(annotations.Known);

    /// <summary>True once an error was reported: the method gets a stub instead of a twin.</summary>
    public bool Failed { get; private set; }

    public void Report(DiagnosticDescriptor descriptor, TextSpan span, params string[] arguments)
    {
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
        {
            Failed = true;
        }

        if (_reported.Add((descriptor.Id, span.Start, span.Length)))
        {
            diagnostics.Add(DiagnosticInfo.Create(descriptor, Tree, span, arguments));
        }
    }

    public void Report(DiagnosticDescriptor descriptor, SyntaxNode node, params string[] arguments) => Report(descriptor, node.Span, arguments);

    public void Unsupported(TextSpan span, string what, string hint = "") => Report(DiagnosticDescriptors.UnsupportedConstruct, span, what, hint);

    public void Unsupported(SyntaxNode node, string what, string hint = "") => Unsupported(node.Span, what, hint);

    /// <summary>Where a syntax node is: span, 1-based line and a one-line snippet (at most 60 characters).</summary>
    public SourceRef Source(SyntaxNode node) => SourceOf(node);

    public static SourceRef SourceOf(SyntaxNode node)
    {
        // Only the first characters are read, so deep expressions do not make this quadratic.
        var span = node.Span;
        var text = node.SyntaxTree.GetText().ToString(new TextSpan(span.Start, System.Math.Min(span.Length, 120)));
        var snippet = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (snippet.Length > 0 && snippet[snippet.Length - 1] != ' ')
                {
                    snippet.Append(' ');
                }
            }
            else
            {
                snippet.Append(c == '`' ? '\'' : c);
            }
        }

        var result = snippet.ToString().TrimEnd();
        if (result.Length > 60 || span.Length > 120)
        {
            result = result.Substring(0, System.Math.Min(result.Length, 57)) + "...";
        }

        var line = node.SyntaxTree.GetLineSpan(span).StartLinePosition.Line + 1;
        return new SourceRef(span, line, result);
    }
}

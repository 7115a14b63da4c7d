using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Ditto.Generators.Helpers;
using Ditto.Generators.Ir;
using Ditto.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Ditto.Generators.Typing;

/// <summary>A diagnostic found while typing, before it is tied to a syntax tree.</summary>
internal sealed record TypingDiagnostic(DiagnosticDescriptor Descriptor, TextSpan Span, string[] Arguments);

/// <summary>
/// Fixed-point typing of one method, on our own IR (no Roslyn): infers a format for every secure value, inserts the
/// conversions (truncation after products, casts at call boundaries, between operands, into functions, on return and on
/// assignment), checks headroom, and lowers the method to the printable <see cref="MethodSpec"/>. The rules are in
/// docs/generator.md ("Typing rules").
/// </summary>
internal sealed partial class Typer
{
    private readonly MethodIr _method;
    private readonly Dictionary<string, FormatRef> _storage = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _storageLine = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _assignments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int?[]?> _shapes = new(StringComparer.Ordinal);
    private readonly Dictionary<FormatRef, string> _formatLocals = new();
    private readonly HashSet<string> _names;
    private readonly List<ConversionSpec> _conversions = [];
    private readonly List<TypingDiagnostic> _diagnostics = [];
    private readonly Dictionary<int, string> _noteOf = [];
    private List<int> _notes = [];

    private Typer(MethodIr method)
    {
        _method = method;
        _names = new HashSet<string>(method.UsedNames, StringComparer.Ordinal);
        BackendName = Unique("backend");
        ScopeLocal = Unique("scope");
        PinsLocal = Unique("pins");
    }

    private string PinsLocal { get; }

    private string BackendName { get; }

    private string ScopeLocal { get; }

    private FormatRef M => _method.Format;

    /// <summary>Types and lowers a method.</summary>
    public static (MethodSpec Spec, IReadOnlyList<TypingDiagnostic> Diagnostics) Run(MethodIr method, string scopeName)
    {
        var typer = new Typer(method);
        foreach (var p in method.Parameters)
        {
            if (p is SecureParameter secure)
            {
                typer._storage[p.Name] = secure.Format;
                typer._storageLine[p.Name] = method.Line;
                typer._assignments[p.Name] = 2; // parameters have unknown shapes
            }
        }

        CountAssignments(method.Body, typer._assignments);
        var body = typer.Statements(method.Body);
        var locals = typer._formatLocals
            .Select(p => new FormatLocal { Name = p.Value, Format = p.Key })
            .OrderBy(l => l.Format, Comparer<FormatRef>.Create(FormatRules.Compare))
            .ToEquatableArray();
        var spec = new MethodSpec
        {
            Name = method.Name,
            Accessibility = method.Accessibility,
            IsStatic = method.IsStatic,
            Line = method.Line,
            BackendName = typer.BackendName,
            ScopeLocal = typer.ScopeLocal,
            PinsLocal = typer.PinsLocal,
            ScopeName = scopeName,
            PlainSignature = method.PlainSignature,
            Format = method.Format,
            ReturnFormat = method.ReturnFormat,
            Parameters = method.Parameters.ToEquatableArray(),
            FormatLocals = locals,
            Conversions = typer._conversions.ToEquatableArray(),
            Body = body,
            Generated = true,
        };
        return (spec, typer._diagnostics);
    }

    private static void CountAssignments(IEnumerable<StatementNode> statements, Dictionary<string, int> counts)
    {
        foreach (var s in statements)
        {
            switch (s)
            {
                case DeclareNode d:
                    counts[d.Name] = counts.TryGetValue(d.Name, out var n) ? n + (d.Init is null ? 0 : 1) : (d.Init is null ? 0 : 1);
                    break;
                case AssignNode a:
                    counts[a.Name] = counts.TryGetValue(a.Name, out var m) ? m + 1 : 1;
                    break;
                case IfNode i:
                    CountAssignments(i.Then, counts);
                    CountAssignments(i.Else ?? [], counts);
                    break;
                case LoopNode l:
                    // A local assigned in a loop may take several shapes.
                    CountAssignments(l.Body, counts);
                    CountAssignments(l.Body, counts);
                    break;
                case DoWhileNode w:
                    CountAssignments(w.Body, counts);
                    CountAssignments(w.Body, counts);
                    break;
                case BlockNode b:
                    CountAssignments(b.Body, counts);
                    break;
            }
        }
    }

    private string Unique(string stem)
    {
        var name = stem;
        while (_names.Contains(name))
        {
            name += "_";
        }

        _names.Add(name);
        return name;
    }

    private string FormatLocal(FormatRef format)
    {
        if (!_formatLocals.TryGetValue(format, out var name))
        {
            name = Unique(FormatRules.LocalStem(format));
            _formatLocals[format] = name;
        }

        return name;
    }

    private EquatableArray<Stmt> Statements(IEnumerable<StatementNode> statements) => statements.SelectMany(Statement).ToEquatableArray();

    private IEnumerable<Stmt> Statement(StatementNode node)
    {
        _notes = [];
        switch (node)
        {
            case DeclareNode d:
            {
                if (d.Init is null)
                {
                    return [new DeclareValue(d.Name, null, EquatableArray<string>.Empty)];
                }

                var (e, f, shape) = Expression(d.Init);
                _storage[d.Name] = f;
                _storageLine[d.Name] = d.Source.Line;
                _shapes[d.Name] = _assignments.TryGetValue(d.Name, out var count) && count == 1 ? shape : null;
                return Lower(d.Name, e, (x, notes) => new DeclareValue(d.Name, x, notes));
            }

            case AssignNode a:
            {
                var (e, f, _) = Expression(a.Value);
                if (_storage.TryGetValue(a.Name, out var target))
                {
                    e = Convert(e, f, target, a.Value.Source, $"assignment to '{a.Name}', which holds {target.Display} since line {Invariant(_storageLine[a.Name])}");
                }
                else
                {
                    _storage[a.Name] = f;
                    _storageLine[a.Name] = a.Source.Line;
                }

                _shapes[a.Name] = null;
                return Lower(a.Name, e, (x, notes) => new AssignValue(a.Name, x, notes));
            }

            case ReturnNode r:
            {
                var (e, f, _) = Expression(r.Value);
                e = Convert(e, f, _method.ReturnFormat, r.Value.Source, "the return value takes the declared return format");
                return Lower("result", e, (x, notes) => new ReturnValue(x, notes));
            }

            case DiscardNode x:
            {
                var (e, _, _) = Expression(x.Value);
                return Lower("discarded", e, (x, notes) => new DiscardValue(x, notes));
            }

            case PublicNode p:
                return [new PublicStatement(p.Text)];

            case IfNode i:
                return [new IfStatement(i.Condition, Statements(i.Then), i.Else is null ? null : Statements(i.Else))];

            case LoopNode l:
                return [new LoopStatement(l.Header, Statements(l.Body))];

            case DoWhileNode w:
                return [new DoWhileStatement(Statements(w.Body), w.Condition)];

            case BlockNode b:
                return [new BlockStatement(Statements(b.Body))];

            default:
                throw new InvalidOperationException($"Unknown statement node {node.GetType().Name}.");
        }
    }


    /// <summary>Inserts <c>backend.Cast</c> when the formats differ (symbolically: two different names always convert).</summary>
    private Expr Convert(Expr e, FormatRef from, FormatRef to, SourceRef source, string reason)
    {
        if (FormatRules.SameAs(from, to))
        {
            return e;
        }

        CheckUpcast(from, to, source);
        CheckIntegerBits(from, to, source);
        var index = _conversions.Count;
        _conversions.Add(new ConversionSpec { From = from, To = to, Reason = reason, Line = source.Line });
        _noteOf[index] = $"conversion {Invariant(index + 1)}: {from.Display} → {to.Display}, {reason}: `{source.Snippet}` (line {Invariant(source.Line)})";
        _notes.Add(index);
        return new CastExpr(e, FormatLocal(to), index, source.Line);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}

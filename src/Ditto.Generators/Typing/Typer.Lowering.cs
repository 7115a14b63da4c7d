using System;
using System.Collections.Generic;
using System.Linq;
using Ditto.Generators.Helpers;
using Ditto.Generators.Model;

namespace Ditto.Generators.Typing;

/// <summary>
/// Lowering of a typed statement for reading: a statement that contains an inserted conversion, or more than three
/// backend calls, becomes one call per line, each intermediate result in a named temporary
/// (<c>qMatMul</c>, <c>qAsLinear</c>, then <c>q</c>), so every "conversion n: why" comment stands above the line that
/// performs it. Arguments are hoisted left to right, inner first: the order the nested call would evaluate them in.
/// The branches of a public conditional are left in place (hoisting them would run both).
/// </summary>
internal sealed partial class Typer
{
    private const int CallsPerLine = 3;

    private IEnumerable<Stmt> Lower(string stem, Expr e, Func<Expr, EquatableArray<string>, Stmt> make)
    {
        var notes = _notes;
        _notes = [];
        if (!HasCast(e, top: true) && Calls(e) <= CallsPerLine)
        {
            return [make(e, Notes(notes))];
        }

        var lowered = new List<Stmt>();
        var placed = new HashSet<int>();
        var top = Arguments(e, stem, lowered, placed);
        var remaining = notes.Where(n => !placed.Contains(n)).ToList();
        lowered.Add(make(top, Notes(remaining)));
        return lowered;
    }

    /// <summary>e with each call among its arguments computed into a temporary before it.</summary>
    private Expr Arguments(Expr e, string stem, List<Stmt> lowered, HashSet<int> placed) => e switch
    {
        BackendCall c => c with { Args = c.Args.Select(a => a is ValueArg v ? Arg.Of(Temporary(v.Value, stem, lowered, placed)) : a).ToEquatableArray() },
        ModelCall c => c with { Args = c.Args.Select(a => a is ValueArg v ? Arg.Of(Temporary(v.Value, stem, lowered, placed)) : a).ToEquatableArray() },
        CastExpr c => c with { Inner = Temporary(c.Inner, stem, lowered, placed) },
        ValueArray a => a with { Items = a.Items.Select(i => Temporary(i, stem, lowered, placed)).ToEquatableArray() },
        _ => e,
    };

    /// <summary>A call as a temporary (its own arguments first); values, weights and conditionals stay where they are.</summary>
    private Expr Temporary(Expr e, string stem, List<Stmt> lowered, HashSet<int> placed)
    {
        if (e is not (BackendCall or ModelCall or CastExpr))
        {
            return e is ValueArray ? Arguments(e, stem, lowered, placed) : e;
        }

        var computed = Arguments(e, stem, lowered, placed);
        var name = Numbered(stem + Suffix(e));
        var notes = new List<int>();
        if (e is CastExpr cast)
        {
            notes.Add(cast.Conversion);
            placed.Add(cast.Conversion);
        }

        lowered.Add(new DeclareValue(name, computed, Notes(notes)));
        return new ValueRef(name);
    }

    /// <summary>A fresh temporary name: the stem, else the stem numbered from 2.</summary>
    private string Numbered(string stem)
    {
        var name = stem;
        for (var n = 2; _names.Contains(name); n++)
        {
            name = stem + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        _names.Add(name);
        return name;
    }

    private string Suffix(Expr e) => e switch
    {
        BackendCall c => c.Method,
        ModelCall c => c.Method,
        CastExpr c => "As" + char.ToUpperInvariant(c.FormatLocal[0]) + c.FormatLocal.Substring(1),
        _ => "Value",
    };

    private EquatableArray<string> Notes(IEnumerable<int> conversions) => conversions.Select(i => _noteOf[i]).ToEquatableArray();

    private static bool HasCast(Expr e, bool top) => e switch
    {
        CastExpr c => !top || HasCast(c.Inner, top: false) || c.Inner is not ValueRef,
        BackendCall c => c.Args.Any(a => a is ValueArg v && HasCast(v.Value, top: false)),
        ModelCall c => c.Args.Any(a => a is ValueArg v && HasCast(v.Value, top: false)),
        ValueArray a => a.Items.Any(i => HasCast(i, top: false)),
        _ => false,
    };

    private static int Calls(Expr e) => e switch
    {
        BackendCall c => 1 + c.Args.Sum(a => a is ValueArg v ? Calls(v.Value) : 0),
        ModelCall c => 1 + c.Args.Sum(a => a is ValueArg v ? Calls(v.Value) : 0),
        CastExpr c => 1 + Calls(c.Inner),
        WeightRef or PublicTensorRef => 1,
        ValueArray a => a.Items.Sum(Calls),
        ConditionalExpr c => Calls(c.WhenTrue) + Calls(c.WhenFalse),
        _ => 0,
    };
}

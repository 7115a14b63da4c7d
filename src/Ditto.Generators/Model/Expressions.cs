using Ditto.Generators.Helpers;

namespace Ditto.Generators.Model;

/// <summary>A lowered expression of a generated twin, ready to print: values are backend <c>Value</c>s.</summary>
internal abstract record Expr;

/// <summary>A local or parameter holding a backend value.</summary>
internal sealed record ValueRef(string Name) : Expr;

/// <summary><c>backend.Weight(access, format)</c>: a weight shared once in a format.</summary>
internal sealed record WeightRef(string Access, string FormatLocal) : Expr;

/// <summary><c>backend.Constant(text, format)</c>: a public tensor computed by the twin's plain code.</summary>
internal sealed record PublicTensorRef(string Text, string FormatLocal) : Expr;

/// <summary><c>backend.Method(args)</c>.</summary>
internal sealed record BackendCall(string Method, EquatableArray<Arg> Args) : Expr;

/// <summary><c>backend.Cast(inner, format, line)</c>, an inserted conversion (number <see cref="Conversion"/> in the method's list, from source line <see cref="Line"/>).</summary>
internal sealed record CastExpr(Expr Inner, string FormatLocal, int Conversion, int Line) : Expr;

/// <summary><c>receiver.Method(backend, args)</c>: a call of another secure method's twin.</summary>
internal sealed record ModelCall(string Receiver, string Method, EquatableArray<Arg> Args) : Expr;

/// <summary><c>new Value[] { … }</c>.</summary>
internal sealed record ValueArray(EquatableArray<Expr> Items) : Expr;

/// <summary><c>condition ? whenTrue : whenFalse</c> on a public condition.</summary>
internal sealed record ConditionalExpr(string Condition, Expr WhenTrue, Expr WhenFalse) : Expr;

/// <summary>An argument of a backend or model call: a secure value or public code text.</summary>
internal abstract record Arg
{
    public static Arg Of(Expr value) => new ValueArg(value);

    public static Arg Public(string text) => new PublicArg(text);
}

/// <summary>A secure value argument.</summary>
internal sealed record ValueArg(Expr Value) : Arg;

/// <summary>Public code, printed as it is.</summary>
internal sealed record PublicArg(string Text) : Arg;

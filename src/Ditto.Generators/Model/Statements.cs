using Ditto.Generators.Helpers;

namespace Ditto.Generators.Model;

/// <summary>A lowered statement of a generated twin.</summary>
internal abstract record Stmt;

/// <summary>Declares a value local, optionally initialised; <see cref="Notes"/> are the conversions it inserts.</summary>
internal sealed record DeclareValue(string Name, Expr? Init, EquatableArray<string> Notes) : Stmt;

/// <summary>Assigns a value local or parameter.</summary>
internal sealed record AssignValue(string Name, Expr Value, EquatableArray<string> Notes) : Stmt;

/// <summary>Returns a value.</summary>
internal sealed record ReturnValue(Expr Value, EquatableArray<string> Notes) : Stmt;

/// <summary>Evaluates a value and discards it (<c>_ = …;</c>).</summary>
internal sealed record DiscardValue(Expr Value, EquatableArray<string> Notes) : Stmt;

/// <summary>A complete public statement, printed as it is ("int d = x.Shape[-1];", "break;").</summary>
internal sealed record PublicStatement(string Text) : Stmt;

/// <summary><c>if (condition) { … } else { … }</c> on a public condition.</summary>
internal sealed record IfStatement(string Condition, EquatableArray<Stmt> Then, EquatableArray<Stmt>? Else) : Stmt;

/// <summary>A loop with a public header ("for (int i = 0; i &lt; n; i++)", "foreach (…)", "while (…)").</summary>
internal sealed record LoopStatement(string Header, EquatableArray<Stmt> Body) : Stmt;

/// <summary><c>do { … } while (condition);</c></summary>
internal sealed record DoWhileStatement(EquatableArray<Stmt> Body, string Condition) : Stmt;

/// <summary>A nested block.</summary>
internal sealed record BlockStatement(EquatableArray<Stmt> Body) : Stmt;

using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Ditto.Generators.Parsing;

/// <summary>Operator tokens and precedences, interpolated strings, and names of unsupported operations.</summary>
internal sealed partial class PublicWriter
{
    private string Interpolated(IInterpolatedStringOperation interpolated, string where)
    {
        var text = new StringBuilder("$\"");
        foreach (var part in interpolated.Parts)
        {
            switch (part)
            {
                case IInterpolatedStringTextOperation t when t.Text.ConstantValue.Value is string s:
                {
                    var escaped = SymbolDisplay.FormatLiteral(s, quote: true);
                    text.Append(escaped.Substring(1, escaped.Length - 2).Replace("{", "{{").Replace("}", "}}"));
                    break;
                }

                case IInterpolationOperation i:
                    text.Append('{').Append('(').Append(Write(i.Expression, where)).Append(')');
                    if (i.Alignment is { } alignment)
                    {
                        text.Append(',').Append(Write(alignment, where));
                    }

                    if (i.FormatString?.ConstantValue.Value is string format)
                    {
                        text.Append(':').Append(format.Replace("}", string.Empty));
                    }

                    text.Append('}');
                    break;
                default:
                    Fail(part, "This part of an interpolated string");
                    break;
            }
        }

        return text.Append('"').ToString();
    }

    private static string? BinaryToken(BinaryOperatorKind kind, bool conditional) => kind switch
    {
        BinaryOperatorKind.Add => "+",
        BinaryOperatorKind.Subtract => "-",
        BinaryOperatorKind.Multiply => "*",
        BinaryOperatorKind.Divide => "/",
        BinaryOperatorKind.Remainder => "%",
        BinaryOperatorKind.LeftShift => "<<",
        BinaryOperatorKind.RightShift => ">>",
        BinaryOperatorKind.UnsignedRightShift => ">>>",
        BinaryOperatorKind.And => conditional ? "&&" : "&",
        BinaryOperatorKind.Or => conditional ? "||" : "|",
        BinaryOperatorKind.ExclusiveOr => "^",
        BinaryOperatorKind.ConditionalAnd => "&&",
        BinaryOperatorKind.ConditionalOr => "||",
        BinaryOperatorKind.Equals => "==",
        BinaryOperatorKind.NotEquals => "!=",
        BinaryOperatorKind.LessThan => "<",
        BinaryOperatorKind.LessThanOrEqual => "<=",
        BinaryOperatorKind.GreaterThan => ">",
        BinaryOperatorKind.GreaterThanOrEqual => ">=",
        _ => null,
    };

    private static int BinaryPrecedence(string token) => token switch
    {
        "*" or "/" or "%" => 13,
        "+" or "-" => 12,
        "<<" or ">>" or ">>>" => 11,
        "<" or ">" or "<=" or ">=" => 10,
        "==" or "!=" => 9,
        "&" => 8,
        "^" => 7,
        "|" => 6,
        "&&" => 5,
        _ => 4,
    };

    public static string Describe(IOperation op) => op.Syntax switch
    {
        LambdaExpressionSyntax or AnonymousMethodExpressionSyntax => "A lambda expression",
        QueryExpressionSyntax => "A LINQ query",
        StackAllocArrayCreationExpressionSyntax => "'stackalloc'",
        _ => $"This {op.Kind.ToString().ToLowerInvariant()} expression ('{Snippet(op)}')",
    };
}

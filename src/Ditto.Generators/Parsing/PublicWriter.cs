using Ditto.Generators.Diagnostics;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Ditto.Generators.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Ditto.Generators.Parsing;

/// <summary>
/// Prints public (non-tensor) code for the twin from its operations, not its text: every type and static member is
/// written with a <c>global::</c> name (the generated file has none of the user's usings), every literal in the
/// invariant culture, with the parentheses the precedence needs. Reading a tensor's values is DITTO0003; constructs
/// outside the subset are DITTO0002. Only a tensor's shape (<c>x.Shape</c>, <c>x.Length</c>) is public.
/// </summary>
internal sealed partial class PublicWriter(ParseContext context)
{
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private const int Primary = 15;
    private const int Unary = 14;
    private const int Conditional = 2;
    private const int Assignment = 1;

    /// <summary>Renders a public expression; <paramref name="where"/> names its role for DITTO0003 ("the condition of an if statement").</summary>
    public string Write(IOperation operation, string where) => Render(operation, where).Text;

    public static string TypeText(ITypeSymbol type) => type.ToDisplayString(TypeFormat);

    private (string Text, int Precedence) Render(IOperation op, string where)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        if (op.Type?.TypeKind == TypeKind.Dynamic || op is IDynamicInvocationOperation or IDynamicMemberReferenceOperation or IDynamicIndexerAccessOperation or IDynamicObjectCreationOperation)
        {
            return Fail(op, "'dynamic'");
        }

        if (context.Known.IsTensor(op.Type) && op is not IConversionOperation && !context.PublicTensors.IsPublic(op))
        {
            context.Report(DiagnosticDescriptors.SecretDependence, op.Syntax, Snippet(op), where);
            return ("default!", Primary);
        }

        if (op is ILiteralOperation literal)
        {
            var text = Literals.Format(literal.ConstantValue.Value, literal.Type);
            return text is null ? Fail(op, "This literal") : (text, Literals.IsNegative(text) ? Unary : Primary);
        }

        switch (op)
        {
            case IConversionOperation conversion:
                return Conversion(conversion, where);
            case ILocalReferenceOperation local:
                return (Literals.Identifier(local.Local.Name), Primary);
            case IParameterReferenceOperation parameter:
                return (Literals.Identifier(parameter.Parameter.Name), Primary);
            case IInstanceReferenceOperation:
                return ("this", Primary);
            case IFieldReferenceOperation field:
                return Member(field, field.Field, field.Instance, where);
            case IPropertyReferenceOperation property:
                return Property(property, where);
            case IArrayElementReferenceOperation element:
                return ($"{Operand(element.ArrayReference, where, Primary)}[{string.Join(", ", element.Indices.Select(i => Write(i, "an index")))}]", Primary);
            case IInvocationOperation invocation:
                return Invocation(invocation, where);
            case IBinaryOperation binary:
                return Binary(binary, where);
            case IUnaryOperation unary:
                return UnaryOp(unary, where);
            case IConditionalOperation conditional when conditional.WhenFalse is not null:
                return ($"{Operand(conditional.Condition, where, Conditional + 1)} ? {Operand(conditional.WhenTrue, where, Conditional)} : {Operand(conditional.WhenFalse, where, Conditional)}", Conditional);
            case ICoalesceOperation coalesce:
                return ($"{Operand(coalesce.Value, where, 4)} ?? {Operand(coalesce.WhenNull, where, 3)}", 3);
            case IArrayCreationOperation array:
                return ArrayCreation(array, where);
            case ICollectionExpressionOperation collection when collection.Type is IArrayTypeSymbol arrayType:
                return ($"new {TypeText(arrayType)} {{ {string.Join(", ", collection.Elements.Select(e => e is ISpreadOperation ? Fail(e, "A spread element").Text : Write(e, where)))} }}", Primary);
            case IObjectCreationOperation creation when creation.Initializer is null && creation.Constructor is not null:
                return ($"new {TypeText(creation.Type!)}({Arguments(creation.Constructor, creation.Arguments, where)})", Primary);
            case ITypeOfOperation typeOf:
                return ($"typeof({TypeText(typeOf.TypeOperand)})", Primary);
            case INameOfOperation or ISizeOfOperation when op.ConstantValue.HasValue:
                return (Literals.Format(op.ConstantValue.Value, op.Type) ?? "default", Primary);
            case IDefaultValueOperation when op.Type is not null:
                return ($"default({TypeText(op.Type)})", Primary);
            case IInterpolatedStringOperation interpolated:
                return (Interpolated(interpolated, where), Primary);
            case ISimpleAssignmentOperation assignment:
                return ($"{Operand(assignment.Target, where, Primary)} = {Operand(assignment.Value, where, Assignment)}", Assignment);
            case ICompoundAssignmentOperation compound when compound.OperatorMethod is null && BinaryToken(compound.OperatorKind, false) is { } token:
                return ($"{Operand(compound.Target, where, Primary)} {token}= {Operand(compound.Value, where, Assignment)}", Assignment);
            case IIncrementOrDecrementOperation step:
            {
                var token = op.Kind == OperationKind.Increment ? "++" : "--";
                var target = Operand(step.Target, where, Primary);
                return (step.IsPostfix ? target + token : token + target, step.IsPostfix ? Primary : Unary);
            }

            case IAnonymousFunctionOperation or IDelegateCreationOperation:
                return Fail(op, "A lambda expression", "; write the computation as secure model code or move it out of the model");
            case ITranslatedQueryOperation:
                return Fail(op, "A LINQ query", "; use a loop");
            case IAwaitOperation:
                return Fail(op, "'await'");
            case IIsPatternOperation or IIsTypeOperation or ISwitchExpressionOperation:
                return Fail(op, "Pattern matching", "; use comparisons and if statements on public values");
            case ITupleOperation or IDeconstructionAssignmentOperation:
                return Fail(op, "A tuple");
            case IConditionalAccessOperation:
                return Fail(op, "A null-conditional access ('?.')");
            case IThrowOperation:
                return Fail(op, "A throw expression", "; use a throw statement");
            case IAddressOfOperation:
                return Fail(op, "Unsafe code");
            default:
                return Fail(op, Describe(op));
        }
    }

    private (string Text, int Precedence) Fail(IOperation op, string what, string hint = "")
    {
        context.Unsupported(op.Syntax, what, hint);
        return ("default!", Primary);
    }

    private string Operand(IOperation op, string where, int minimum)
    {
        var (text, precedence) = Render(op, where);
        return precedence < minimum ? "(" + text + ")" : text;
    }

    private (string, int) Conversion(IConversionOperation conversion, string where)
    {
        if (context.Known.IsTensor(conversion.Operand.Type) && !context.PublicTensors.IsPublic(conversion.Operand))
        {
            context.Report(DiagnosticDescriptors.SecretDependence, conversion.Operand.Syntax, Snippet(conversion.Operand), where);
            return ("default!", Primary);
        }

        var explicitCast = !conversion.IsImplicit && conversion.Syntax is CastExpressionSyntax;
        if (!explicitCast)
        {
            return Render(conversion.Operand, where);
        }

        var operand = Render(conversion.Operand, where);
        var inner = operand.Item2 >= Primary ? operand.Item1 : "(" + operand.Item1 + ")";
        return ($"({TypeText(conversion.Type!)}){inner}", Unary);
    }

    private (string, int) Member(IOperation op, ISymbol member, IOperation? instance, string where)
    {
        if (member is IFieldSymbol { IsConst: true } || member.IsStatic || instance is null)
        {
            return ($"{TypeText(member.ContainingType)}.{Literals.Identifier(member.Name)}", Primary);
        }

        return ($"{Operand(instance, where, Primary)}.{Literals.Identifier(member.Name)}", Primary);
    }

    private (string, int) Property(IPropertyReferenceOperation property, string where)
    {
        // A tensor's shape is public: x.Shape and x.Length on a value local or parameter, or on a weight.
        if (property.Instance is { } receiver && context.Known.IsTensor(receiver.Type) && !context.PublicTensors.IsPublic(receiver))
        {
            var name = property.Property.Name;
            if (name is "Shape" or "Length")
            {
                var target = Unwrap(receiver);
                switch (target)
                {
                    case ILocalReferenceOperation or IParameterReferenceOperation:
                    {
                        var id = target is ILocalReferenceOperation l ? l.Local.Name : ((IParameterReferenceOperation)target).Parameter.Name;
                        return (Literals.Identifier(id) + (name == "Shape" ? ".Shape" : ".Shape.Elements"), Primary);
                    }

                    case IFieldReferenceOperation or IPropertyReferenceOperation:
                    {
                        var member = target is IFieldReferenceOperation f ? (ISymbol)f.Field : ((IPropertyReferenceOperation)target).Property;
                        var instance = target is IFieldReferenceOperation f2 ? f2.Instance : ((IPropertyReferenceOperation)target).Instance;
                        return (Member(target, member, instance, where).Item1 + "." + name, Primary);
                    }

                    default:
                        return Fail(receiver, "The shape of a tensor expression", "; take the shape of a local, a parameter or a weight");
                }
            }

            context.Report(DiagnosticDescriptors.SecretDependence, property.Syntax, Snippet(property), where);
            return ("default!", Primary);
        }

        if (property.Property.IsIndexer)
        {
            var receiverText = property.Instance is null ? TypeText(property.Property.ContainingType) : Operand(property.Instance, where, Primary);
            return ($"{receiverText}[{string.Join(", ", property.Arguments.Select(a => Write(a.Value, "an index")))}]", Primary);
        }

        return Member(property, property.Property, property.Instance, where);
    }

    private (string, int) Invocation(IInvocationOperation invocation, string where)
    {
        var method = invocation.TargetMethod;
        if (invocation.Instance is { } instance && context.Known.IsTensor(instance.Type) && !context.PublicTensors.IsPublic(instance))
        {
            context.Report(DiagnosticDescriptors.SecretDependence, invocation.Syntax, Snippet(invocation), where);
            return ("default!", Primary);
        }

        foreach (var a in invocation.Arguments)
        {
            if (context.Known.IsTensor(Unwrap(a.Value).Type) || context.Known.MentionsTensor(Unwrap(a.Value).Type))
            {
                context.Report(DiagnosticDescriptors.NotSecureCode, invocation.Syntax, Snippet(invocation), "passes a secret tensor to code that is not part of a secure model");
                return ("default!", Primary);
            }
        }

        if (method.MethodKind == MethodKind.LocalFunction)
        {
            return Fail(invocation, "A local function");
        }

        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            return ($"{Operand(invocation.Instance!, where, Primary)}({Arguments(method, invocation.Arguments, where)})", Primary);
        }

        var name = Literals.Identifier(method.Name);
        if (method.IsGenericMethod)
        {
            name += "<" + string.Join(", ", method.TypeArguments.Select(TypeText)) + ">";
        }

        var receiver = method.IsStatic || invocation.Instance is null ? TypeText(method.ContainingType) : Operand(invocation.Instance, where, Primary);
        return ($"{receiver}.{name}({Arguments(method, invocation.Arguments, where)})", Primary);
    }

    /// <summary>Arguments in parameter order, with defaults and params arrays spelled out.</summary>
    public string Arguments(IMethodSymbol method, IEnumerable<IArgumentOperation> arguments, string where)
    {
        var parts = new List<string>();
        foreach (var a in arguments)
        {
            if (a.Parameter is { RefKind: RefKind.Ref or RefKind.Out or RefKind.RefReadOnlyParameter })
            {
                parts.Add(Fail(a, "A ref or out argument").Text);
                continue;
            }

            parts.Add(Argument(a, where));
        }

        return string.Join(", ", parts);
    }

    public string Argument(IArgumentOperation a, string where)
    {
        if (a.ArgumentKind == ArgumentKind.DefaultValue)
        {
            return Constant(a.Value, a.Parameter?.Type);
        }

        return Write(a.Value, where);
    }

    /// <summary>A constant (a default argument): enum members by name, others as literals.</summary>
    public string Constant(IOperation value, ITypeSymbol? type)
    {
        if (!value.ConstantValue.HasValue)
        {
            return Write(value, "a default argument");
        }

        return ConstantText(value.ConstantValue.Value, type ?? value.Type);
    }

    public static string ConstantText(object? value, ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            foreach (var m in enumType.GetMembers().OfType<IFieldSymbol>())
            {
                if (m.HasConstantValue && Equals(m.ConstantValue, value))
                {
                    return $"{TypeText(enumType)}.{Literals.Identifier(m.Name)}";
                }
            }

            return $"({TypeText(enumType)})({Literals.Format(value, enumType.EnumUnderlyingType) ?? "0"})";
        }

        return Literals.Format(value, type) ?? "default";
    }

    private (string, int) Binary(IBinaryOperation binary, string where)
    {
        if ((context.Known.IsTensor(Unwrap(binary.LeftOperand).Type) || context.Known.IsTensor(Unwrap(binary.RightOperand).Type)) && !context.PublicTensors.IsPublic(binary))
        {
            context.Report(DiagnosticDescriptors.SecretDependence, binary.Syntax, Snippet(binary), where);
            return ("default!", Primary);
        }

        var token = BinaryToken(binary.OperatorKind, binary.Syntax is BinaryExpressionSyntax b && (b.IsKind(SyntaxKind.LogicalAndExpression) || b.IsKind(SyntaxKind.LogicalOrExpression)));
        if (token is null)
        {
            return Fail(binary, "This operator");
        }

        var precedence = BinaryPrecedence(token);
        var text = $"{Operand(binary.LeftOperand, where, precedence)} {token} {Operand(binary.RightOperand, where, precedence + 1)}";
        return binary.IsChecked ? ($"checked({text})", Primary) : (text, precedence);
    }

    private (string, int) UnaryOp(IUnaryOperation unary, string where)
    {
        var token = unary.OperatorKind switch
        {
            UnaryOperatorKind.Minus => "-",
            UnaryOperatorKind.Plus => "+",
            UnaryOperatorKind.Not => "!",
            UnaryOperatorKind.BitwiseNegation => "~",
            _ => null,
        };
        if (token is null)
        {
            return Fail(unary, "This operator");
        }

        var operand = Render(unary.Operand, where);
        var inner = operand.Item2 >= Primary ? operand.Item1 : "(" + operand.Item1 + ")";
        var text = token + inner;
        return unary.IsChecked ? ($"checked({text})", Primary) : (text, Unary);
    }

    private (string, int) ArrayCreation(IArrayCreationOperation array, string where)
    {
        var type = (IArrayTypeSymbol)array.Type!;
        if (type.Rank != 1 || type.ElementType is IArrayTypeSymbol)
        {
            return Fail(array, "A multi-dimensional or jagged array");
        }

        if (array.Initializer is { } init)
        {
            return ($"new {TypeText(type)} {{ {string.Join(", ", init.ElementValues.Select(e => Write(e, where)))} }}", Primary);
        }

        var element = TypeText(type.ElementType);
        return ($"new {element}[{Write(array.DimensionSizes[0], "an array size")}]", Primary);
    }

    public static IOperation Unwrap(IOperation op)
    {
        while (op is IConversionOperation { IsImplicit: true } c)
        {
            op = c.Operand;
        }

        return op;
    }

    public static string Snippet(IOperation op) => ParseContext.SourceOf(op.Syntax).Snippet;
}

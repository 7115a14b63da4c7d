using Ditto.Generators.Diagnostics;
using System.Collections.Generic;
using System.Linq;
using Ditto.Catalogue;
using Ditto.Generators.Helpers;
using Ditto.Generators.Ir;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ditto.Generators.Parsing;

/// <summary>Secure (tensor-valued) expressions: the op library, tensor operators, weights and calls to secure models.</summary>
internal sealed partial class MethodParser
{
    /// <summary>Parses a tensor-valued operation, or reports why it cannot and returns null.</summary>
    public SecureNode? Secure(IOperation op)
    {
        _context.CancellationToken.ThrowIfCancellationRequested();
        var source = _context.Source(op.Syntax);
        if (Known.IsTensor(op.Type) && _context.PublicTensors.IsPublic(op) && op is not (ILiteralOperation or IDefaultValueOperation) && op.ConstantValue is not { HasValue: true, Value: null })
        {
            return new PublicTensorNode(source, _public.Write(op, "a public tensor"));
        }

        switch (op)
        {
            case IConversionOperation conversion when Known.IsTensor(conversion.Operand.Type):
                return Secure(conversion.Operand);
            case IConversionOperation { Operand: { ConstantValue: { HasValue: true, Value: null } } }:
            case ILiteralOperation:
            case IDefaultValueOperation:
                _context.Unsupported(op.Syntax, "A null tensor", "; every secure value must be computed");
                return null;
            case IParameterReferenceOperation parameter:
                return new RefNode(source, Literals.Identifier(parameter.Parameter.Name));
            case ILocalReferenceOperation local:
                return new RefNode(source, Literals.Identifier(local.Local.Name));
            case IFieldReferenceOperation field:
                return Weight(op, field.Field, field.Instance, source);
            case IPropertyReferenceOperation property when !property.Property.IsIndexer:
                return Weight(op, property.Property, property.Instance, source);
            case IArrayElementReferenceOperation or IPropertyReferenceOperation:
                _context.Unsupported(op.Syntax, "Arrays and collections of tensors", "; use sub-models ([SecureModel] types) for repeated layers");
                return null;
            case IBinaryOperation binary when binary.OperatorMethod is { } method && SymbolEqualityComparer.Default.Equals(method.ContainingType, Known.Tensor):
            {
                if (!Known.IsTensor(PublicWriter.Unwrap(binary.LeftOperand).Type))
                {
                    // c * tensor (the only operator with the constant on the left).
                    if (binary.OperatorKind == BinaryOperatorKind.Multiply)
                    {
                        var c = _public.Write(binary.LeftOperand, "a public value");
                        return Secure(binary.RightOperand) is { } scaled ? new UnaryNode(source, "Scale", scaled, [c], []) : null;
                    }

                    return Unsupported(op, "This tensor operator");
                }

                return Secure(binary.LeftOperand) is { } left ? TensorOperator(binary, binary.OperatorKind, left, binary.RightOperand) : null;
            }

            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus } unary when unary.OperatorMethod is not null:
                return Secure(unary.Operand) is { } negated ? new UnaryNode(source, "Negate", negated, [], []) : null;
            case IInvocationOperation invocation:
                return Invocation(invocation, source);
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
            {
                var condition = _public.Write(conditional.Condition, "the condition of ?:");
                var t = Secure(conditional.WhenTrue);
                var f = Secure(whenFalse);
                return t is null || f is null ? null : new ConditionalNode(source, condition, t, f);
            }

            case IObjectCreationOperation:
                _context.Unsupported(op.Syntax, "Creating a tensor from values", "; such values are not secret-shared (make the tensor a [Weight] or an input)");
                return null;
            case ISimpleAssignmentOperation or ICompoundAssignmentOperation:
                _context.Unsupported(op.Syntax, "An assignment inside an expression", "; assign in a statement of its own");
                return null;
            case IAnonymousFunctionOperation or IDelegateCreationOperation:
                _context.Unsupported(op.Syntax, "A lambda expression");
                return null;
            case ITranslatedQueryOperation:
                _context.Unsupported(op.Syntax, "A LINQ query", "; use a loop");
                return null;
            case IAwaitOperation:
                _context.Unsupported(op.Syntax, "'await'");
                return null;
            case ICoalesceOperation or IConditionalAccessOperation:
                _context.Unsupported(op.Syntax, "Null-checking a tensor ('??', '?.')");
                return null;
            case IInvalidOperation:
                _context.Unsupported(op.Syntax, "Invalid code");
                return null;
            default:
                if (op.Type?.TypeKind == TypeKind.Dynamic || op is IDynamicInvocationOperation or IDynamicMemberReferenceOperation)
                {
                    _context.Unsupported(op.Syntax, "'dynamic'");
                    return null;
                }

                _context.Unsupported(op.Syntax, PublicWriter.Describe(op));
                return null;
        }
    }

    /// <summary>A tensor operator: tensor ± tensor, tensor ⊙ tensor, tensor · c, tensor / c, tensor ± c.</summary>
    private SecureNode? TensorOperator(IOperation op, BinaryOperatorKind kind, SecureNode left, IOperation right)
    {
        var source = _context.Source(op.Syntax);
        var rightIsTensor = Known.IsTensor(PublicWriter.Unwrap(right).Type);
        if (rightIsTensor)
        {
            var r = Secure(right);
            if (r is null)
            {
                return null;
            }

            return kind switch
            {
                BinaryOperatorKind.Add => new BinaryNode(source, BinaryKind.Add, left, r),
                BinaryOperatorKind.Subtract => new BinaryNode(source, BinaryKind.Subtract, left, r),
                BinaryOperatorKind.Multiply => new BinaryNode(source, BinaryKind.Multiply, left, r),
                _ => Unsupported(op, "This tensor operator"),
            };
        }

        var c = _public.Write(right, "a public value");
        var atom = c.All(ch => char.IsLetterOrDigit(ch) || ch == '_' || ch == '.') && !c.StartsWith("-", System.StringComparison.Ordinal) ? c : "(" + c + ")";
        return kind switch
        {
            BinaryOperatorKind.Multiply => new UnaryNode(source, "Scale", left, [c], []),
            BinaryOperatorKind.Divide => new UnaryNode(source, "Scale", left, ["1.0 / " + atom], []),
            BinaryOperatorKind.Add => new UnaryNode(source, "AddConstant", left, [c], []),
            BinaryOperatorKind.Subtract => new UnaryNode(source, "AddConstant", left, ["-" + atom], []),
            _ => Unsupported(op, "This tensor operator"),
        };
    }

    private SecureNode? Unsupported(IOperation op, string what)
    {
        _context.Unsupported(op.Syntax, what);
        return null;
    }

    private SecureNode? Weight(IOperation op, ISymbol member, IOperation? instance, SourceRef source)
    {
        if (!Known.HasAttribute(member, Known.Weight))
        {
            _context.Report(DiagnosticDescriptors.NotAWeight, op.Syntax, member.Name);
            return null;
        }

        var access = member.IsStatic || instance is null
            ? $"{PublicWriter.TypeText(member.ContainingType)}.{Literals.Identifier(member.Name)}"
            : $"{_public.Write(instance, "the owner of a weight")}.{Literals.Identifier(member.Name)}";

        // An optional weight (Tensor?) is read only where the model's code reads it, which has checked it.
        var type = member is IPropertySymbol p ? p.Type : ((IFieldSymbol)member).Type;
        access += type.NullableAnnotation == NullableAnnotation.Annotated ? "!" : string.Empty;
        return new WeightNode(source, access, _context.Annotations.WeightFormat(member));
    }

    private SecureNode? Invocation(IInvocationOperation invocation, SourceRef source)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (SymbolEqualityComparer.Default.Equals(type, Known.Tensor))
        {
            return TensorMethod(invocation, source);
        }

        if (SymbolEqualityComparer.Default.Equals(type, Known.Ops))
        {
            return OpsMethod(invocation, source);
        }

        if (Known.IsSecureModel(type) && method.MethodKind == MethodKind.Ordinary)
        {
            return SecureCall(invocation, source);
        }

        _context.Report(DiagnosticDescriptors.NotSecureCode, invocation.Syntax, PublicWriter.Snippet(invocation), method.MethodKind == MethodKind.LocalFunction
            ? "is a local function"
            : $"calls {method.ContainingType.Name}.{method.Name}, which is not part of a secure model");
        return null;
    }

    private IOperation Arg(IInvocationOperation invocation, int parameter) =>
        invocation.Arguments.First(a => a.Parameter?.Ordinal == parameter).Value;

    private string ArgText(IInvocationOperation invocation, int parameter, string where)
    {
        var a = invocation.Arguments.First(x => x.Parameter?.Ordinal == parameter);
        return _public.Argument(a, where);
    }

    private static int? ConstantInt(IOperation op) => op.ConstantValue is { HasValue: true, Value: int i } ? i : null;

    private SecureNode? TensorMethod(IInvocationOperation invocation, SourceRef source)
    {
        var method = invocation.TargetMethod;
        var op = OpCatalogue.Find(method.IsStatic ? OpSurface.TensorStatic : OpSurface.TensorInstance, method.Name);
        switch (op)
        {
            case { Name: "MatMul" }:
            {
                var l = Secure(Arg(invocation, 0));
                var r = Secure(Arg(invocation, 1));
                var transpose = Arg(invocation, 2);
                var text = ArgText(invocation, 2, "the transposeB argument");
                bool? known = transpose.ConstantValue is { HasValue: true, Value: bool b } ? b : null;
                return l is null || r is null ? null : new MatMulNode(source, l, r, text, known);
            }

            case { Name: "Concat" }:
            {
                var axis = ArgText(invocation, 0, "the axis of Concat");
                var parts = PublicWriter.Unwrap(Arg(invocation, 1));
                if (parts is not IArrayCreationOperation { Initializer: { } init })
                {
                    _context.Unsupported(parts.Syntax, "An array of tensors", "; pass the parts to Tensor.Concat one by one");
                    return null;
                }

                var nodes = init.ElementValues.Select(Secure).ToList();
                return nodes.Any(n => n is null) ? null : new ConcatNode(source, axis, nodes!);
            }

            case { Name: "Reshape" or "Transpose" }:
            {
                // A params int[]: the constants are its elements when they are known at compile time.
                var x = Secure(invocation.Instance!);
                var array = PublicWriter.Unwrap(Arg(invocation, 0));
                var text = ArgText(invocation, 0, $"the argument of {method.Name}");
                var constants = array is IArrayCreationOperation { Initializer: { } values } ? values.ElementValues.Select(ConstantInt).ToList() : [];
                return x is null ? null : new UnaryNode(source, method.Name, x, [text], constants);
            }

            case { } known when known.Surface == OpSurface.TensorInstance:
            {
                var x = Secure(invocation.Instance!);
                var (args, constants) = PublicArguments(invocation, known, first: 0);
                return x is null ? null : new UnaryNode(source, known.Name, x, args, constants);
            }

            default:
                _context.Unsupported(invocation.Syntax, $"'Tensor.{method.Name}'", $"; it is not in the op library ({Listed(OpSurface.TensorStatic, OpSurface.TensorInstance)} and the operators)");
                return null;
        }
    }

    private SecureNode? OpsMethod(IInvocationOperation invocation, SourceRef source)
    {
        var name = invocation.TargetMethod.Name;
        if (OpCatalogue.Find(OpSurface.Ops, name) is not { } op)
        {
            _context.Unsupported(invocation.Syntax, $"'Ops.{name}'", $"; it is not in the op library's secure subset ({Listed(OpSurface.Ops)})");
            return null;
        }

        var inputs = Enumerable.Range(0, op.Tensors).Select(i => Secure(Arg(invocation, i))).ToList();
        var (args, constants) = PublicArguments(invocation, op, first: op.Tensors);
        if (inputs.Any(i => i is null))
        {
            return null;
        }

        return op.Format == FormatRule.MethodFormat
            ? new FunctionNode(source, name, inputs!, args, constants)
            : new UnaryNode(source, name, inputs[0]!, args, constants);
    }

    /// <summary>The op's public arguments as code, and their values where they are integer constants.</summary>
    private (List<string> Text, List<int?> Constants) PublicArguments(IInvocationOperation invocation, OpInfo op, int first)
    {
        var text = op.Arguments.Select((a, i) => ArgText(invocation, first + i, $"the argument '{a}' of {op.Name}")).ToList();
        var constants = op.Arguments.Select((_, i) => ConstantInt(Arg(invocation, first + i))).ToList();
        return (text, constants);
    }

    private static string Listed(params OpSurface[] surfaces) => string.Join(", ", OpCatalogue.All.Where(o => surfaces.Contains(o.Surface)).Select(o => (o.Surface == OpSurface.Ops ? "Ops." : "Tensor.") + o.Name));

    private SecureNode? SecureCall(IInvocationOperation invocation, SourceRef source)
    {
        var method = invocation.TargetMethod;
        var problem = Known.IsTensor(method.ReturnType) ? ModelParser.SignatureProblem(method, Known) : "it does not return a tensor";
        if (problem is not null)
        {
            var why = Known.IsTensor(method.ReturnType) ? $"has no secure twin ({problem})" : "does not return a tensor, so it has no secure twin";
            _context.Report(DiagnosticDescriptors.NotSecureCode, invocation.Syntax, PublicWriter.Snippet(invocation), $"calls {method.ContainingType.Name}.{method.Name}, which {why}");
            return null;
        }

        var receiver = method.IsStatic || invocation.Instance is null
            ? PublicWriter.TypeText(method.ContainingType)
            : _public.Write(invocation.Instance, "the receiver of a call");
        var annotations = _context.Annotations;
        var formats = method.Parameters.Select(p => Known.IsTensor(p.Type) ? annotations.ParameterFormat(p) : null).ToList();
        var callee = new CalleeFacts($"{method.ContainingType.Name}.{method.Name}", formats, method.Parameters.Select(p => p.Name).ToList(), annotations.ReturnFormat(method));
        var args = new List<CallArgument>();
        foreach (var a in invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0))
        {
            if (a.Parameter is not null && Known.IsTensor(a.Parameter.Type) && PublicTensors.IsPublicParameter(a.Parameter, Known))
            {
                if (!_context.PublicTensors.IsPublic(a.Value))
                {
                    _context.Report(DiagnosticDescriptors.SecretIntoPublic, a.Value.Syntax, PublicWriter.Snippet(a.Value), $"parameter '{a.Parameter.Name}' of {method.ContainingType.Name}.{method.Name}");
                    return null;
                }

                args.Add(new CallArgument(null, _public.Argument(a, "a public tensor argument")));
            }
            else if (a.Parameter is not null && Known.IsTensor(a.Parameter.Type))
            {
                var node = Secure(a.Value);
                if (node is null)
                {
                    return null;
                }

                args.Add(new CallArgument(node, null));
            }
            else
            {
                args.Add(new CallArgument(null, _public.Argument(a, "an argument of a call")));
            }
        }

        return new CallNode(source, receiver, Literals.Identifier(method.Name), callee, args);
    }
}

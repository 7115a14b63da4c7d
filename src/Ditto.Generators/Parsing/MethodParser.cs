using System.Collections.Generic;
using Ditto.Generators.Diagnostics;
using System.Linq;
using Ditto.Generators.Ir;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Ditto.Generators.Parsing;

/// <summary>
/// Turns one method body (its operation tree) into our IR: statements with public parts printed by
/// <see cref="PublicWriter"/>, and secure (tensor) expressions as IR nodes. Unsupported constructs are reported with
/// the span of their keyword (statements) or of the whole expression.
/// </summary>
internal sealed partial class MethodParser
{
    private readonly ParseContext _context;
    private readonly PublicWriter _public;

    public MethodParser(ParseContext context)
    {
        _context = context;
        _public = new PublicWriter(context);
    }

    private KnownSymbols Known => _context.Known;

    public List<StatementNode> Body(IOperation body)
    {
        var statements = new List<StatementNode>();
        if (body is IBlockOperation block)
        {
            foreach (var op in block.Operations)
            {
                Statement(op, statements);
            }
        }
        else
        {
            Statement(body, statements);
        }

        return statements;
    }

    private List<StatementNode> Embedded(IOperation? op)
    {
        var list = new List<StatementNode>();
        if (op is IBlockOperation block && op.Syntax is BlockSyntax)
        {
            foreach (var s in block.Operations)
            {
                Statement(s, list);
            }
        }
        else if (op is not null)
        {
            Statement(op, list);
        }

        return list;
    }

    private void Statement(IOperation op, List<StatementNode> output)
    {
        _context.CancellationToken.ThrowIfCancellationRequested();
        var source = _context.Source(op.Syntax);
        switch (op)
        {
            case IBlockOperation block when op.Syntax is BlockSyntax { Parent: UnsafeStatementSyntax u }:
                _context.Unsupported(u.UnsafeKeyword.Span, "Unsafe code");
                return;
            case IBlockOperation block when op.Syntax is CheckedStatementSyntax c:
                _context.Unsupported(c.Keyword.Span, $"'{c.Keyword.ValueText}' blocks");
                return;
            case IBlockOperation block when op.Syntax is UnsafeStatementSyntax u:
                _context.Unsupported(u.UnsafeKeyword.Span, "Unsafe code");
                return;
            case IBlockOperation block:
                output.Add(new BlockNode(source, Embedded(block)));
                return;
            case IEmptyOperation:
                return;
            case IVariableDeclarationGroupOperation group:
                Declarations(group, output);
                return;
            case IUsingDeclarationOperation:
            case IUsingOperation:
                _context.Unsupported(KeywordSpan(op.Syntax), "'using' statements and declarations");
                return;
            case IExpressionStatementOperation expression:
                ExpressionStatement(expression, source, output);
                return;
            case IReturnOperation { ReturnedValue: { } value } when op.Kind == OperationKind.Return:
            {
                if (Secure(value) is { } node)
                {
                    output.Add(new ReturnNode(source, node));
                }

                return;
            }

            case IConditionalOperation conditional:
            {
                var condition = _public.Write(conditional.Condition, "the condition of an if statement");
                output.Add(new IfNode(source, condition, Embedded(conditional.WhenTrue), conditional.WhenFalse is null ? null : Embedded(conditional.WhenFalse)));
                return;
            }

            case IForLoopOperation loop:
            {
                var before = string.Join(", ", loop.Before.Select(ForPart));
                var condition = loop.Condition is null ? string.Empty : _public.Write(loop.Condition, "a loop bound");
                var after = string.Join(", ", loop.AtLoopBottom.Select(ForPart));
                output.Add(new LoopNode(source, $"for ({before}; {condition}; {after})", Embedded(loop.Body)));
                return;
            }

            case IForEachLoopOperation loop when op.Syntax is ForEachStatementSyntax { AwaitKeyword.RawKind: 0 } syntax:
            {
                var collection = PublicWriter.Unwrap(loop.Collection);
                if (Known.MentionsTensor(collection.Type))
                {
                    _context.Unsupported(collection.Syntax, "Iterating over tensors", "; use sub-models ([SecureModel] types) for repeated layers");
                    return;
                }

                var type = syntax.Type.IsVar ? "var" : PublicWriter.TypeText(loop.Locals.First().Type);
                var header = $"foreach ({type} {Ditto.Generators.Helpers.Literals.Identifier(syntax.Identifier.ValueText)} in {_public.Write(collection, "a loop bound")})";
                output.Add(new LoopNode(source, header, Embedded(loop.Body)));
                return;
            }

            case IForEachLoopOperation:
                _context.Unsupported(KeywordSpan(op.Syntax), op.Syntax is ForEachStatementSyntax { AwaitKeyword.RawKind: not 0 } ? "'await foreach'" : "Deconstructing foreach loops");
                return;
            case IWhileLoopOperation loop when loop.ConditionIsTop:
                output.Add(new LoopNode(source, $"while ({_public.Write(loop.Condition!, "the condition of a while loop")})", Embedded(loop.Body)));
                return;
            case IWhileLoopOperation loop:
                output.Add(new DoWhileNode(source, Embedded(loop.Body), _public.Write(loop.Condition!, "the condition of a do loop")));
                return;
            case IBranchOperation { BranchKind: BranchKind.Break } when op.Syntax is BreakStatementSyntax:
                output.Add(new PublicNode(source, "break;"));
                return;
            case IBranchOperation { BranchKind: BranchKind.Continue } when op.Syntax is ContinueStatementSyntax:
                output.Add(new PublicNode(source, "continue;"));
                return;
            case IThrowOperation { Exception: { } exception }:
                output.Add(new PublicNode(source, $"throw {_public.Write(exception, "a thrown exception")};"));
                return;
            case ILocalFunctionOperation:
                _context.Unsupported(KeywordSpan(op.Syntax), "Local functions", "; make it a method of the model");
                return;
            case ITryOperation:
                _context.Unsupported(KeywordSpan(op.Syntax), "'try' statements", "; secure code runs the same steps on every party and cannot catch exceptions");
                return;
            case ISwitchOperation:
                _context.Unsupported(KeywordSpan(op.Syntax), "'switch' statements", "; use if statements on public values");
                return;
            case ILockOperation:
                _context.Unsupported(KeywordSpan(op.Syntax), "'lock' statements");
                return;
            case ILabeledOperation or IBranchOperation:
                _context.Unsupported(KeywordSpan(op.Syntax), "'goto' and labels");
                return;
            default:
                if (op.Syntax is FixedStatementSyntax)
                {
                    _context.Unsupported(KeywordSpan(op.Syntax), "Unsafe code");
                    return;
                }

                if (op.Syntax is YieldStatementSyntax)
                {
                    _context.Unsupported(KeywordSpan(op.Syntax), "Iterators ('yield')");
                    return;
                }

                _context.Unsupported(KeywordSpan(op.Syntax), $"This statement ('{ParseContext.SourceOf(op.Syntax).Snippet}')");
                return;
        }
    }

    private string ForPart(IOperation op) => op switch
    {
        IVariableDeclarationGroupOperation group => string.Join(", ", group.Declarations.Select(d => DeclarationText(d, forInitializer: true))),
        IExpressionStatementOperation e => _public.Write(e.Operation, "a loop bound"),
        _ => _public.Write(op, "a loop bound"),
    };

    private void Declarations(IVariableDeclarationGroupOperation group, List<StatementNode> output)
    {
        foreach (var declaration in group.Declarations)
        {
            var declarators = declaration.Declarators;
            if (declarators.Length > 0 && Known.IsTensor(declarators[0].Symbol.Type) && declarators.All(d => _context.PublicTensors.IsPublicSymbol(d.Symbol)))
            {
                // Public tensors stay plain C#: the twin computes them as the model does, on every backend alike.
                output.Add(new PublicNode(_context.Source(declaration.Syntax), DeclarationText(declaration) + ";"));
                continue;
            }

            if (declarators.Length > 0 && Known.IsTensor(declarators[0].Symbol.Type))
            {
                foreach (var d in declarators)
                {
                    var init = d.GetVariableInitializer()?.Value ?? declaration.Initializer?.Value;
                    SecureNode? node = null;
                    if (init is not null)
                    {
                        node = Secure(init);
                        if (node is null)
                        {
                            continue;
                        }
                    }

                    output.Add(new DeclareNode(_context.Source(d.Syntax), Ditto.Generators.Helpers.Literals.Identifier(d.Symbol.Name), node));
                }

                continue;
            }

            if (declarators.Length > 0 && Known.MentionsTensor(declarators[0].Symbol.Type))
            {
                _context.Unsupported(declaration.Syntax is VariableDeclarationSyntax { Type: var localType } ? localType.Span : declaration.Syntax.Span, $"A local of type '{declarators[0].Symbol.Type.ToDisplayString()}'", "; only single tensors are secure values");
                continue;
            }

            var text = DeclarationText(declaration);
            output.Add(new PublicNode(_context.Source(declaration.Syntax), text + ";"));
        }
    }

    /// <summary>
    /// "int d = 12" or "const int H = 4" (no semicolon) for a public declaration; several declarators become separate
    /// declarations ("int a = 1; int b = 2"), or in a for-loop initializer one list ("int i = 0, j = 3").
    /// </summary>
    private string DeclarationText(IVariableDeclarationOperation declaration, bool forInitializer = false)
    {
        var parts = new List<string>();
        var isConst = declaration.Declarators.Length > 0 && declaration.Declarators[0].Symbol.IsConst;
        var syntaxType = declaration.Syntax is VariableDeclarationSyntax v ? v.Type : null;
        foreach (var d in declaration.Declarators)
        {
            if (d.Symbol.Type.TypeKind == TypeKind.Dynamic)
            {
                _context.Unsupported(syntaxType?.Span ?? d.Syntax.Span, "'dynamic'");
                continue;
            }

            if (d.Symbol.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
            {
                _context.Unsupported(syntaxType?.Span ?? d.Syntax.Span, "Unsafe code");
                continue;
            }

            if (d.Symbol.IsRef)
            {
                _context.Unsupported(d.Syntax, "Ref locals");
                continue;
            }

            var type = syntaxType is { IsVar: true } ? "var" : PublicWriter.TypeText(d.Symbol.Type);
            var init = d.GetVariableInitializer()?.Value ?? declaration.Initializer?.Value;
            var name = Ditto.Generators.Helpers.Literals.Identifier(d.Symbol.Name);
            var declarator = init is null ? name : $"{name} = {_public.Write(init, "a public value")}";
            parts.Add(forInitializer && parts.Count > 0 ? declarator : $"{(isConst ? "const " : string.Empty)}{type} {declarator}");
        }

        return string.Join(forInitializer ? ", " : "; ", parts);
    }

    private void ExpressionStatement(IExpressionStatementOperation statement, Ir.SourceRef source, List<StatementNode> output)
    {
        var op = statement.Operation;
        if (op is IAssignmentOperation { Target: ILocalReferenceOperation or IParameterReferenceOperation } tensorAssignment && Known.IsTensor(tensorAssignment.Target.Type) && PublicTarget(tensorAssignment.Target) is { } publicName)
        {
            if (_context.PublicTensors.IsPublic(op))
            {
                output.Add(new PublicNode(source, _public.Write(op, "a public tensor") + ";"));
            }
            else
            {
                _context.Report(DiagnosticDescriptors.SecretIntoPublic, tensorAssignment.Value.Syntax, PublicWriter.Snippet(tensorAssignment.Value), $"the [Public] parameter '{publicName}'");
            }

            return;
        }

        switch (op)
        {
            case ISimpleAssignmentOperation assignment when Known.IsTensor(assignment.Target.Type):
            {
                if (TensorTarget(assignment.Target) is not { } name)
                {
                    return;
                }

                if (Secure(assignment.Value) is { } value)
                {
                    output.Add(new AssignNode(source, name, value));
                }

                return;
            }

            case ICompoundAssignmentOperation compound when Known.IsTensor(compound.Target.Type):
            {
                if (TensorTarget(compound.Target) is not { } name)
                {
                    return;
                }

                var target = Secure(compound.Target);
                if (target is null)
                {
                    return;
                }

                if (TensorOperator(compound, compound.OperatorKind, target, compound.Value) is { } value)
                {
                    output.Add(new AssignNode(source, name, value));
                }

                return;
            }

            case IThrowOperation { Exception: { } exception }:
                output.Add(new PublicNode(source, $"throw {_public.Write(exception, "a thrown exception")};"));
                return;
            default:
                if (Known.IsTensor(op.Type))
                {
                    if (Secure(op) is { } discarded)
                    {
                        output.Add(new DiscardNode(source, discarded));
                    }

                    return;
                }

                output.Add(new PublicNode(source, _public.Write(op, "a public value") + ";"));
                return;
        }
    }

    /// <summary>The name of a public tensor local or [Public] parameter an assignment targets, or null.</summary>
    private string? PublicTarget(IOperation target) => target switch
    {
        ILocalReferenceOperation l when _context.PublicTensors.IsPublicSymbol(l.Local) => l.Local.Name,
        IParameterReferenceOperation p when PublicTensors.IsPublicParameter(p.Parameter, Known) => p.Parameter.Name,
        _ => null,
    };

    /// <summary>The name of the local or parameter a tensor is assigned to; fields and other targets are reported.</summary>
    private string? TensorTarget(IOperation target)
    {
        switch (target)
        {
            case ILocalReferenceOperation local:
                return Ditto.Generators.Helpers.Literals.Identifier(local.Local.Name);
            case IParameterReferenceOperation parameter:
                return Ditto.Generators.Helpers.Literals.Identifier(parameter.Parameter.Name);
            default:
                _context.Unsupported(target.Syntax, "Assigning a tensor to a field, property or array element", "; secure code only assigns locals and parameters (weights are shared once, read-only)");
                return null;
        }
    }

    /// <summary>The span to report a statement at: its keyword when it has one, else the whole statement.</summary>
    public static Microsoft.CodeAnalysis.Text.TextSpan KeywordSpan(SyntaxNode syntax) => syntax switch
    {
        TryStatementSyntax s => s.TryKeyword.Span,
        LockStatementSyntax s => s.LockKeyword.Span,
        UsingStatementSyntax s => s.UsingKeyword.Span,
        LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 } s => s.UsingKeyword.Span,
        GotoStatementSyntax s => s.GotoKeyword.Span,
        LabeledStatementSyntax s => s.Identifier.Span,
        FixedStatementSyntax s => s.FixedKeyword.Span,
        UnsafeStatementSyntax s => s.UnsafeKeyword.Span,
        CheckedStatementSyntax s => s.Keyword.Span,
        YieldStatementSyntax s => s.YieldKeyword.Span,
        SwitchStatementSyntax s => s.SwitchKeyword.Span,
        LocalFunctionStatementSyntax s => s.Identifier.Span,
        ForEachStatementSyntax { AwaitKeyword.RawKind: not 0 } s => s.AwaitKeyword.Span,
        CommonForEachStatementSyntax s => s.ForEachKeyword.Span,
        _ => syntax.Span,
    };
}

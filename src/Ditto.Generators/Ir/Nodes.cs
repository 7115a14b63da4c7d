using System.Collections.Generic;
using Ditto.Generators.Model;
using Microsoft.CodeAnalysis.Text;

namespace Ditto.Generators.Ir;

/// <summary>
/// The parser's output for one method: secure expressions and statements over our own node types, with source spans
/// (for diagnostics) and pre-rendered public code. The typer turns it into the lowered, equatable <see cref="MethodSpec"/>;
/// nothing here enters the incremental pipeline.
/// </summary>
internal abstract class Node
{
    protected Node(SourceRef source)
    {
        Source = source;
    }

    public SourceRef Source { get; }
}

/// <summary>Where a node comes from: its span, 1-based line and a short one-line snippet of its source.</summary>
internal readonly record struct SourceRef(TextSpan Span, int Line, string Snippet);

/// <summary>A secure (tensor-valued) expression.</summary>
internal abstract class SecureNode(SourceRef source) : Node(source);

/// <summary>A value local or parameter.</summary>
internal sealed class RefNode(SourceRef source, string name) : SecureNode(source)
{
    public string Name { get; } = name;
}

/// <summary>A weight: a [Weight] tensor field or property.</summary>
internal sealed class WeightNode(SourceRef source, string access, FormatRef? declared) : SecureNode(source)
{
    public string Access { get; } = access;

    public FormatRef? Declared { get; } = declared;
}

internal enum BinaryKind
{
    Add,
    Subtract,
    Multiply,
}

/// <summary>x + y, x − y, x ⊙ y between tensors.</summary>
internal sealed class BinaryNode(SourceRef source, BinaryKind kind, SecureNode left, SecureNode right) : SecureNode(source)
{
    public BinaryKind Kind { get; } = kind;

    public SecureNode Left { get; } = left;

    public SecureNode Right { get; } = right;
}

/// <summary>Tensor.MatMul(x, y, transposeB).</summary>
/// <summary>A public tensor: plain C# the twin evaluates as written (the float DSL), entering the backend as a constant.</summary>
internal sealed class PublicTensorNode(SourceRef source, string text) : SecureNode(source)
{
    public string Text { get; } = text;
}

internal sealed class MatMulNode(SourceRef source, SecureNode left, SecureNode right, string transposeText, bool? transpose) : SecureNode(source)
{
    public SecureNode Left { get; } = left;

    public SecureNode Right { get; } = right;

    public string TransposeText { get; } = transposeText;

    public bool? Transpose { get; } = transpose;
}

/// <summary>
/// A format-preserving operation on one tensor with public arguments: Negate, Scale, AddConstant, Reshape, Transpose,
/// TransposeLast, Slice, SplitHeads, MergeHeads. <see cref="Constants"/> are the arguments' values when known at compile time.
/// </summary>
internal sealed class UnaryNode(SourceRef source, string method, SecureNode operand, IReadOnlyList<string> arguments, IReadOnlyList<int?> constants) : SecureNode(source)
{
    public string Method { get; } = method;

    public SecureNode Operand { get; } = operand;

    public IReadOnlyList<string> Arguments { get; } = arguments;

    public IReadOnlyList<int?> Constants { get; } = constants;
}

/// <summary>Tensor.Concat(axis, parts).</summary>
internal sealed class ConcatNode(SourceRef source, string axisText, IReadOnlyList<SecureNode> parts) : SecureNode(source)
{
    public string AxisText { get; } = axisText;

    public IReadOnlyList<SecureNode> Parts { get; } = parts;
}

/// <summary>An op-library function that runs in the method's format: Softmax, Gelu, LayerNorm, Exp, Mean, …</summary>
internal sealed class FunctionNode(SourceRef source, string method, IReadOnlyList<SecureNode> inputs, IReadOnlyList<string> arguments, IReadOnlyList<int?> constants) : SecureNode(source)
{
    public string Method { get; } = method;

    public IReadOnlyList<SecureNode> Inputs { get; } = inputs;

    public IReadOnlyList<string> Arguments { get; } = arguments;

    public IReadOnlyList<int?> Constants { get; } = constants;
}

/// <summary>What the caller knows of a secure method it calls: its parameters' and result's formats.</summary>
internal sealed class CalleeFacts(string display, IReadOnlyList<FormatRef?> parameterFormats, IReadOnlyList<string> parameterNames, FormatRef returnFormat)
{
    public string Display { get; } = display;

    public IReadOnlyList<FormatRef?> ParameterFormats { get; } = parameterFormats;

    public IReadOnlyList<string> ParameterNames { get; } = parameterNames;

    public FormatRef ReturnFormat { get; } = returnFormat;
}

/// <summary>An argument of a secure call: a secure node, or public code text.</summary>
internal readonly record struct CallArgument(SecureNode? Secure, string? Text);

/// <summary>A call of another secure method (its twin).</summary>
internal sealed class CallNode(SourceRef source, string receiver, string method, CalleeFacts callee, IReadOnlyList<CallArgument> arguments) : SecureNode(source)
{
    public string Receiver { get; } = receiver;

    public string Method { get; } = method;

    public CalleeFacts Callee { get; } = callee;

    public IReadOnlyList<CallArgument> Arguments { get; } = arguments;
}

/// <summary>condition ? x : y with a public condition.</summary>
internal sealed class ConditionalNode(SourceRef source, string condition, SecureNode whenTrue, SecureNode whenFalse) : SecureNode(source)
{
    public string Condition { get; } = condition;

    public SecureNode WhenTrue { get; } = whenTrue;

    public SecureNode WhenFalse { get; } = whenFalse;
}

/// <summary>A statement.</summary>
internal abstract class StatementNode(SourceRef source) : Node(source);

internal sealed class DeclareNode(SourceRef source, string name, SecureNode? init) : StatementNode(source)
{
    public string Name { get; } = name;

    public SecureNode? Init { get; } = init;
}

internal sealed class AssignNode(SourceRef source, string name, SecureNode value) : StatementNode(source)
{
    public string Name { get; } = name;

    public SecureNode Value { get; } = value;
}

internal sealed class ReturnNode(SourceRef source, SecureNode value) : StatementNode(source)
{
    public SecureNode Value { get; } = value;
}

internal sealed class DiscardNode(SourceRef source, SecureNode value) : StatementNode(source)
{
    public SecureNode Value { get; } = value;
}

internal sealed class PublicNode(SourceRef source, string text) : StatementNode(source)
{
    public string Text { get; } = text;
}

internal sealed class IfNode(SourceRef source, string condition, IReadOnlyList<StatementNode> then, IReadOnlyList<StatementNode>? @else) : StatementNode(source)
{
    public string Condition { get; } = condition;

    public IReadOnlyList<StatementNode> Then { get; } = then;

    public IReadOnlyList<StatementNode>? Else { get; } = @else;
}

internal sealed class LoopNode(SourceRef source, string header, IReadOnlyList<StatementNode> body) : StatementNode(source)
{
    public string Header { get; } = header;

    public IReadOnlyList<StatementNode> Body { get; } = body;
}

internal sealed class DoWhileNode(SourceRef source, IReadOnlyList<StatementNode> body, string condition) : StatementNode(source)
{
    public IReadOnlyList<StatementNode> Body { get; } = body;

    public string Condition { get; } = condition;
}

internal sealed class BlockNode(SourceRef source, IReadOnlyList<StatementNode> body) : StatementNode(source)
{
    public IReadOnlyList<StatementNode> Body { get; } = body;
}

/// <summary>One method as parsed: its formats, parameters and body.</summary>
internal sealed class MethodIr(
    string name,
    string accessibility,
    bool isStatic,
    int line,
    string plainSignature,
    FormatRef format,
    FormatRef returnFormat,
    IReadOnlyList<ParameterSpec> parameters,
    IReadOnlyList<StatementNode> body,
    ISet<string> usedNames)
{
    public string Name { get; } = name;

    public string Accessibility { get; } = accessibility;

    public bool IsStatic { get; } = isStatic;

    public int Line { get; } = line;

    public string PlainSignature { get; } = plainSignature;

    public FormatRef Format { get; } = format;

    public FormatRef ReturnFormat { get; } = returnFormat;

    public IReadOnlyList<ParameterSpec> Parameters { get; } = parameters;

    public IReadOnlyList<StatementNode> Body { get; } = body;

    public ISet<string> UsedNames { get; } = usedNames;
}

// Compiled into Ditto.Runtime and, as a linked source file, into the source generator: see OpInfo.cs.
#nullable enable
using System.Collections.Generic;
using System.Linq;

#if DITTO_GENERATOR
namespace Ditto.Catalogue;
#else
namespace Ditto;
#endif

/// <summary>
/// The op library, declared once: every op a secure model may call, with its arity, public arguments, shape and format
/// rules, whether a preset may substitute it, and the layer type its cost goes to. The generator's table of known ops is
/// this list; a test checks that <c>Ops</c>, <c>Tensor</c>, <c>IBackend</c> and the backends have exactly these ops.
/// docs/architecture.md says how to add one.
/// </summary>
#if DITTO_GENERATOR
internal
#else
public
#endif
static class OpCatalogue
{
    /// <summary>The layer type of a product: linear with a weight, attention between activations, embedding with a private input.</summary>
    public const string ByOperands = "products";

    /// <summary>The layer type of a local op: that of the value it works on (it sends nothing itself).</summary>
    public const string OfOperand = "operand";

    /// <summary>Every op, in the order docs/generator.md lists them.</summary>
    public static IReadOnlyList<OpInfo> All { get; } =
    [
        Op("Add", OpSurface.Operator, 2, [], ShapeRule.Broadcast, FormatRule.Agree, OfOperand, "x + y"),
        Op("Subtract", OpSurface.Operator, 2, [], ShapeRule.Broadcast, FormatRule.Agree, OfOperand, "x - y"),
        Op("Negate", OpSurface.Operator, 1, [], ShapeRule.Same, FormatRule.Preserve, OfOperand, "-x"),
        Op("Multiply", OpSurface.Operator, 2, [], ShapeRule.Broadcast, FormatRule.Product, "other", "x * y"),
        Op("AddConstant", OpSurface.Operator, 1, ["c"], ShapeRule.Same, FormatRule.Preserve, OfOperand, "x + 0.5"),
        Op("Scale", OpSurface.Operator, 1, ["c"], ShapeRule.Same, FormatRule.Preserve, OfOperand, "x * 0.5"),
        Op("MatMul", OpSurface.TensorStatic, 2, ["transposeB"], ShapeRule.MatMul, FormatRule.Product, ByOperands, "Tensor.MatMul(x, y, transposeB: true)"),
        Op("Concat", OpSurface.TensorStatic, 1, ["axis"], ShapeRule.Concat, FormatRule.Agree, OfOperand, "Tensor.Concat(-1, x, y)"),
        Op("Reshape", OpSurface.TensorInstance, 1, ["shape"], ShapeRule.Reshape, FormatRule.Preserve, OfOperand, "x.Reshape(4, 4)"),
        Op("Transpose", OpSurface.TensorInstance, 1, ["axes"], ShapeRule.Transpose, FormatRule.Preserve, OfOperand, "x.Transpose(1, 0)"),
        Op("TransposeLast", OpSurface.TensorInstance, 1, [], ShapeRule.TransposeLast, FormatRule.Preserve, OfOperand, "x.TransposeLast()"),
        Op("Slice", OpSurface.TensorInstance, 1, ["axis", "start", "length"], ShapeRule.Slice, FormatRule.Preserve, OfOperand, "x.Slice(-1, 0, 2)"),
        Op("SplitHeads", OpSurface.Ops, 1, ["heads"], ShapeRule.SplitHeads, FormatRule.Preserve, OfOperand, "Ops.SplitHeads(x, 2)"),
        Op("MergeHeads", OpSurface.Ops, 1, [], ShapeRule.MergeHeads, FormatRule.Preserve, OfOperand, "Ops.MergeHeads(Ops.SplitHeads(x, 2))"),
        Op("Repeat", OpSurface.Ops, 1, ["axis", "times"], ShapeRule.Repeat, FormatRule.Preserve, OfOperand, "Ops.Repeat(x, 0, 2)"),
        Op("Exp", OpSurface.Ops, 1, [], ShapeRule.Same, FormatRule.MethodFormat, "other", "Ops.Exp(x)"),
        Op("Sigmoid", OpSurface.Ops, 1, [], ShapeRule.Same, FormatRule.MethodFormat, "other", "Ops.Sigmoid(x)"),
        Op("Tanh", OpSurface.Ops, 1, [], ShapeRule.Same, FormatRule.MethodFormat, "other", "Ops.Tanh(x)"),
        Op("Silu", OpSurface.Ops, 1, [], ShapeRule.Same, FormatRule.MethodFormat, "silu", "Ops.Silu(x)", substitute: true),
        Op("Reciprocal", OpSurface.Ops, 1, [], ShapeRule.Same, FormatRule.MethodFormat, "other", "Ops.Reciprocal(x)", substitute: true),
        Op("Rsqrt", OpSurface.Ops, 1, [], ShapeRule.Same, FormatRule.MethodFormat, "other", "Ops.Rsqrt(x)"),
        Op("Sqrt", OpSurface.Ops, 1, [], ShapeRule.Same, FormatRule.MethodFormat, "other", "Ops.Sqrt(x)"),
        Op("Relu", OpSurface.Ops, 1, [], ShapeRule.Same, FormatRule.MethodFormat, "other", "Ops.Relu(x)"),
        Op("Gelu", OpSurface.Ops, 1, ["variant"], ShapeRule.Same, FormatRule.MethodFormat, "gelu", "Ops.Gelu(x, GeluVariant.Erf)", substitute: true),
        Op("Softmax", OpSurface.Ops, 1, [], ShapeRule.Same, FormatRule.MethodFormat, "softmax", "Ops.Softmax(x)", substitute: true),
        Op("CausalSoftmax", OpSurface.Ops, 1, [], ShapeRule.Same, FormatRule.MethodFormat, "softmax", "Ops.CausalSoftmax(x)", substitute: true),
        Op("MaskedSoftmax", OpSurface.Ops, 1, ["mask"], ShapeRule.Same, FormatRule.MethodFormat, "softmax", "Ops.MaskedSoftmax(x, new Tensor(new float[] { 1, 1, 0, 1 }, 4))", substitute: true),
        Op("LayerNorm", OpSurface.Ops, 3, ["eps"], ShapeRule.Same, FormatRule.MethodFormat, "layernorm", "Ops.LayerNorm(x, g, b, 1e-5)"),
        Op("RmsNorm", OpSurface.Ops, 2, ["eps"], ShapeRule.Same, FormatRule.MethodFormat, "layernorm", "Ops.RmsNorm(x, g, 1e-6)"),
        Op("Max", OpSurface.Ops, 1, [], ShapeRule.LastAxisToOne, FormatRule.MethodFormat, "other", "Ops.Max(x)"),
        Op("Mean", OpSurface.Ops, 1, ["axis"], ShapeRule.AxisToOne, FormatRule.MethodFormat, "other", "Ops.Mean(x, -1)"),
        Op("Sum", OpSurface.Ops, 1, ["axis"], ShapeRule.AxisToOne, FormatRule.Preserve, OfOperand, "Ops.Sum(x, 0)"),
    ];

    /// <summary>The op named <paramref name="name"/>, or null.</summary>
    public static OpInfo? Find(string name) => All.FirstOrDefault(o => o.Name == name);

    /// <summary>The op a DSL method of <paramref name="surface"/> named <paramref name="name"/> is, or null.</summary>
    public static OpInfo? Find(OpSurface surface, string name) => All.FirstOrDefault(o => o.Surface == surface && o.Name == name);

    private static OpInfo Op(string name, OpSurface surface, int tensors, string[] arguments, ShapeRule shape, FormatRule format, string layerType, string example, bool substitute = false) => new()
    {
        Name = name,
        Surface = surface,
        Tensors = tensors,
        Arguments = arguments,
        Shape = shape,
        Format = format,
        LayerType = layerType,
        Example = example,
        PresetMaySubstitute = substitute,
    };
}

// This file is compiled into Ditto.Runtime and, as a linked source file, into the source generator (which references
// no runtime assembly): the generator's table of known ops is this table. It must stay plain data.
#nullable enable
using System.Collections.Generic;

#if DITTO_GENERATOR
namespace Ditto.Catalogue;
#else
namespace Ditto;
#endif

/// <summary>Where an op appears in the DSL a model is written in.</summary>
#if DITTO_GENERATOR
internal
#else
public
#endif
enum OpSurface
{
    /// <summary>A static method of <c>Ops</c> (<c>Ops.Softmax(x)</c>).</summary>
    Ops,

    /// <summary>A static method of <c>Tensor</c> (<c>Tensor.MatMul(x, w)</c>).</summary>
    TensorStatic,

    /// <summary>An instance method of <c>Tensor</c> (<c>x.Reshape(…)</c>).</summary>
    TensorInstance,

    /// <summary>A <c>Tensor</c> operator (<c>x + y</c>, <c>x * 0.5</c>).</summary>
    Operator,
}

/// <summary>How an op's output shape follows from its inputs (what the generator tracks at compile time).</summary>
#if DITTO_GENERATOR
internal
#else
public
#endif
enum ShapeRule
{
    /// <summary>The shape of the (first) input.</summary>
    Same,

    /// <summary>Equal shapes, or one the other's trailing dimensions (broadcast): the larger.</summary>
    Broadcast,

    /// <summary>The last axis becomes 1 (keep-dim reduction over the last axis).</summary>
    LastAxisToOne,

    /// <summary>The axis given by the first public argument becomes 1.</summary>
    AxisToOne,

    /// <summary>The shape given by the public argument.</summary>
    Reshape,

    /// <summary>The axes permuted by the public argument.</summary>
    Transpose,

    /// <summary>The last two axes swapped.</summary>
    TransposeLast,

    /// <summary>(axis, start, length): the axis becomes length.</summary>
    Slice,

    /// <summary>[..., S, H·D] → [..., H, S, D] for H given by the public argument.</summary>
    SplitHeads,

    /// <summary>[..., H, S, D] → [..., S, H·D].</summary>
    MergeHeads,

    /// <summary>(axis, times): the axis grows times-fold (each slice repeated in place).</summary>
    Repeat,

    /// <summary>op(x)·op(y), batched.</summary>
    MatMul,

    /// <summary>The parts joined along an axis.</summary>
    Concat,
}

/// <summary>How an op's output format follows from its inputs' (the generator's typing rule).</summary>
#if DITTO_GENERATOR
internal
#else
public
#endif
enum FormatRule
{
    /// <summary>Every tensor input is converted to the method's format; the output is in the method's format.</summary>
    MethodFormat,

    /// <summary>The output keeps its one input's format (a layout change, or a product with a public constant).</summary>
    Preserve,

    /// <summary>The operands must agree (converted to the method's format when they do not); the output is their format.</summary>
    Agree,

    /// <summary>The operands' fraction bits add up; the product is truncated to the method's format.</summary>
    Product,
}

/// <summary>
/// One op of the library: declared once in <see cref="OpCatalogue"/>, and from there the DSL surface, <c>IBackend</c>, the
/// backends and the generator's table of known ops and shape rules are checked (tests/…/OpCatalogueTests).
/// </summary>
#if DITTO_GENERATOR
internal
#else
public
#endif
sealed class OpInfo
{
    /// <summary>The op's name: the <c>IBackend</c> method generated code calls, and the DSL method (for methods).</summary>
    public required string Name { get; init; }

    /// <summary>Where the op appears in the DSL.</summary>
    public required OpSurface Surface { get; init; }

    /// <summary>How many tensor inputs it takes (Concat: an array of parts, written as 1).</summary>
    public required int Tensors { get; init; }

    /// <summary>Its public (non-tensor) arguments after the tensors, by their DSL parameter names.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The output shape rule.</summary>
    public required ShapeRule Shape { get; init; }

    /// <summary>The output format rule.</summary>
    public required FormatRule Format { get; init; }

    /// <summary>
    /// Whether a preset may replace the op's algorithm by an approximation (GeLU's variant, softmax's form, exp's and the
    /// reciprocal's iterations): such an op can mean something different on the fixed-point backends than on the float one.
    /// </summary>
    public bool PresetMaySubstitute { get; init; }

    /// <summary>
    /// The layer type its cost is recorded under (a cost category: "softmax", "gelu", "layernorm", "other"); "products"
    /// for products, whose layer type follows their operands (linear with a weight, attention between activations,
    /// embedding with the client's private input). The cost itself is its protocols' cost definitions, added up by the
    /// cost engine as the function runs.
    /// </summary>
    public required string LayerType { get; init; }

    /// <summary>A call as a model writes it, over tensors x, y (and g, b for LayerNorm): documentation and a compile test.</summary>
    public required string Example { get; init; }
}

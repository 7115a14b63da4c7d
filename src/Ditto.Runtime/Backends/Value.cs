using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Backends;

/// <summary>A value inside a backend: a float tensor, clear fixed-point values, or this party's shares. Opaque to generated code.</summary>
public abstract class Value
{
    /// <summary>The shape (public in every backend).</summary>
    public abstract TensorShape Shape { get; }

    /// <summary>The fixed-point format; null on the float backend.</summary>
    public abstract FixedPointFormat? Format { get; }
}

/// <summary>A value of the float backend.</summary>
public sealed class FloatValue(Tensor tensor) : Value
{
    /// <summary>The tensor.</summary>
    public Tensor Tensor { get; } = tensor ?? throw new ArgumentNullException(nameof(tensor));

    /// <inheritdoc/>
    public override TensorShape Shape => Tensor.Shape;

    /// <inheritdoc/>
    public override FixedPointFormat? Format => null;
}

/// <summary>A value of a fixed-point backend: the engine's tensor (clear values or shares).</summary>
public sealed class FixedPointValue<TA>(TA inner, TensorShape shape, FixedPointFormat format, string category = CostCategories.Other) : Value
    where TA : class
{
    /// <summary>The cost category of the operation that produced this value (its truncation is charged there too); "weight" for a weight.</summary>
    public string Category { get; } = category;

    /// <summary>The engine's tensor.</summary>
    public TA Inner { get; } = inner;

    /// <inheritdoc/>
    public override TensorShape Shape { get; } = shape;

    /// <inheritdoc/>
    public override FixedPointFormat? Format => FixedFormat;

    /// <summary>The format (never null).</summary>
    public FixedPointFormat FixedFormat { get; } = format;
}

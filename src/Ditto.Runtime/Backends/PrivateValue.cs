using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Backends;

/// <summary>
/// A party's private input before it is shared: its owner holds the values, everyone knows the shape and format.
/// A fixed-point backend shares it on first use, except when it is the left operand of a product with a shared value,
/// which has a cheaper protocol. Sharing happens at the same point of the program on every party.
/// </summary>
public sealed class PrivateValue<TA> : Value
    where TA : class
{
    internal PrivateValue(float[]? values, TensorShape shape, FixedPointFormat format, int owner)
    {
        Values = values;
        Shape = shape;
        FixedFormat = format;
        Owner = owner;
    }

    /// <summary>The values (only on the owner).</summary>
    public float[]? Values { get; }

    /// <inheritdoc/>
    public override TensorShape Shape { get; }

    /// <inheritdoc/>
    public override FixedPointFormat? Format => FixedFormat;

    /// <summary>The format.</summary>
    public FixedPointFormat FixedFormat { get; }

    /// <summary>The owning party.</summary>
    public int Owner { get; }

    /// <summary>The shares once the input has been shared.</summary>
    internal TA? Shared { get; set; }
}

using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Backends;

/// <summary>
/// A public tensor in a fixed-point backend: values every party computed from public inputs alone (positions, lengths,
/// configuration — RoPE's tables, masks, constant vectors). It is never shared: a product with a secret value is local
/// (each party scales its own shares), and a sum adds it into the shares without a message. Used anywhere else it
/// becomes the trivial sharing (c, 0, 0), which is still local to make.
/// </summary>
public sealed class PublicValue<TA> : Value
    where TA : class
{
    internal PublicValue(Tensor values, FixedPointFormat format)
    {
        Values = values;
        FixedFormat = format;
    }

    /// <summary>The values, known to every party.</summary>
    public Tensor Values { get; }

    /// <inheritdoc/>
    public override TensorShape Shape => Values.Shape;

    /// <inheritdoc/>
    public override FixedPointFormat? Format => FixedFormat;

    /// <summary>The format the values are encoded in.</summary>
    public FixedPointFormat FixedFormat { get; }

    /// <summary>The trivial sharing once an op needed one.</summary>
    internal TA? Encoded { get; set; }
}

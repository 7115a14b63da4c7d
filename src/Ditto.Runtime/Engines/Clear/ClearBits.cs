using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Engines.Clear;

/// <summary>Bit vectors held in the clear (the emulator's counterpart of a boolean share): the low <see cref="Bits"/> bits of each word.</summary>
public sealed class ClearBits
{
    /// <summary>Wraps words.</summary>
    public ClearBits(TensorShape shape, int bits, ulong[] values)
    {
        if (bits is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "A bit tensor holds 1 to 64 bits per element.");
        }

        if (values.Length != shape.Elements)
        {
            throw new ArgumentException($"Shape [{shape}] has {shape.Elements} elements but there are {values.Length} values.", nameof(values));
        }

        Shape = shape;
        Bits = bits;
        Values = values;
    }

    /// <summary>The shape.</summary>
    public TensorShape Shape { get; }

    /// <summary>Meaningful low bits per element.</summary>
    public int Bits { get; }

    /// <summary>The words.</summary>
    public ulong[] Values { get; }

    /// <summary>Number of elements.</summary>
    public int Length => Shape.Elements;
}

using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Sharing;

/// <summary>
/// One party's view of a secret bit vector per element under 2-out-of-3 replicated XOR sharing:
/// b = b_0 ⊕ b_1 ⊕ b_2, party i holds (b_i, b_{i+1}). Only the low <see cref="Bits"/> bits of each word are meaningful.
/// A boolean share belongs to no ring: moving a comparison result into another ring costs nothing.
/// </summary>
public sealed class BooleanShare
{
    /// <summary>Wraps this party's two share arrays.</summary>
    public BooleanShare(TensorShape shape, int bits, ulong[] first, ulong[] second)
    {
        if (bits is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "A boolean share holds 1 to 64 bits per element.");
        }

        if (first.Length != shape.Elements || second.Length != shape.Elements)
        {
            throw new ArgumentException($"Shape [{shape}] has {shape.Elements} elements but the shares have {first.Length} and {second.Length}.", nameof(shape));
        }

        Shape = shape;
        Bits = bits;
        First = first;
        Second = second;
    }

    /// <summary>The tensor shape.</summary>
    public TensorShape Shape { get; }

    /// <summary>How many low bits of each element are meaningful.</summary>
    public int Bits { get; }

    /// <summary>Number of elements.</summary>
    public int Length => Shape.Elements;

    /// <summary>b_i.</summary>
    public ulong[] First { get; }

    /// <summary>b_{i+1}.</summary>
    public ulong[] Second { get; }

    /// <summary>The same shares under another shape with as many elements.</summary>
    public BooleanShare Reshape(TensorShape shape)
    {
        if (shape.Elements != Length)
        {
            throw new ArgumentException($"Cannot reshape [{Shape}] ({Length} elements) to [{shape}] ({shape.Elements} elements).", nameof(shape));
        }

        return new BooleanShare(shape, Bits, First, Second);
    }

    /// <summary>"[128] bool1".</summary>
    public override string ToString() => $"[{Shape}] bool{Bits}";
}

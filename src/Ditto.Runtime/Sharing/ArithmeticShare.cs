using System.Numerics;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Sharing;

/// <summary>
/// One party's view of a secret tensor under 2-out-of-3 replicated additive sharing: x = x_0 + x_1 + x_2 (mod 2^k),
/// party i holds (x_i, x_{i+1}). Knows its shape and its fixed-point format; the ring type is fixed by the format.
/// </summary>
public abstract class ArithmeticShare
{
    private protected ArithmeticShare(TensorShape shape, FixedPointFormat format)
    {
        Shape = shape;
        Format = format;
    }

    /// <summary>The tensor shape (public).</summary>
    public TensorShape Shape { get; }

    /// <summary>The fixed-point format (public).</summary>
    public FixedPointFormat Format { get; }

    /// <summary>Number of elements.</summary>
    public int Length => Shape.Elements;

    /// <summary>The same shares under another shape with as many elements (a local, free reshape).</summary>
    public abstract ArithmeticShare Reshape(TensorShape shape);

    /// <summary>The same shares read with another number of fraction bits in the same ring (a free relabel).</summary>
    public abstract ArithmeticShare Relabel(FixedPointFormat format);

    /// <summary>"[128x768] fxp32.8".</summary>
    public override string ToString() => $"[{Shape}] {Format}";
}

/// <summary>A replicated arithmetic share over the ring type T (uint: Z_2^32, ulong: Z_2^64).</summary>
public sealed class ArithmeticShare<T> : ArithmeticShare
    where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
{
    /// <summary>Wraps this party's two share arrays.</summary>
    public ArithmeticShare(TensorShape shape, FixedPointFormat format, T[] first, T[] second)
        : base(shape, format)
    {
        if (format.RingBits != RingInfo<T>.Bits)
        {
            throw new ArgumentException($"Format {format} needs a {format.RingBits}-bit ring but the shares are {RingInfo<T>.Bits}-bit.", nameof(format));
        }

        if (first.Length != shape.Elements || second.Length != shape.Elements)
        {
            throw new ArgumentException($"Shape [{shape}] has {shape.Elements} elements but the shares have {first.Length} and {second.Length}.", nameof(shape));
        }

        First = first;
        Second = second;
    }

    /// <summary>x_i, the share this party holds with party i−1.</summary>
    public T[] First { get; }

    /// <summary>x_{i+1}, the share this party holds with party i+1.</summary>
    public T[] Second { get; }

    /// <summary>A sharing of zero (both arrays zero).</summary>
    public static ArithmeticShare<T> Zeros(TensorShape shape, FixedPointFormat format) => new(shape, format, new T[shape.Elements], new T[shape.Elements]);

    /// <inheritdoc/>
    public override ArithmeticShare<T> Reshape(TensorShape shape)
    {
        if (shape.Elements != Length)
        {
            throw new ArgumentException($"Cannot reshape [{Shape}] ({Length} elements) to [{shape}] ({shape.Elements} elements).", nameof(shape));
        }

        return new ArithmeticShare<T>(shape, Format, First, Second);
    }

    /// <inheritdoc/>
    public override ArithmeticShare<T> Relabel(FixedPointFormat format) => new(Shape, format, First, Second);
}

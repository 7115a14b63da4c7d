using System.Numerics;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Engines.Clear;

/// <summary>A fixed-point tensor held in the clear: ring elements, a shape and a format (the emulator's values).</summary>
public abstract class ClearTensor
{
    private protected ClearTensor(TensorShape shape, FixedPointFormat format)
    {
        Shape = shape;
        Format = format;
    }

    /// <summary>The shape.</summary>
    public TensorShape Shape { get; }

    /// <summary>The format.</summary>
    public FixedPointFormat Format { get; }

    /// <summary>Number of elements.</summary>
    public int Length => Shape.Elements;

    /// <summary>Decodes to floats.</summary>
    public abstract float[] Decode();

    /// <summary>The values as signed integers (ring elements read as two's complement).</summary>
    public abstract long[] ToSigned();

    /// <summary>Encodes floats in a format.</summary>
    public static ClearTensor Encode(float[] values, TensorShape shape, FixedPointFormat format) =>
        format.RingBits == 32 ? ClearTensor<uint>.Encode(values, shape, format) : ClearTensor<ulong>.Encode(values, shape, format);

    /// <summary>"[128x768] fxp32.8 (clear)".</summary>
    public override string ToString() => $"[{Shape}] {Format} (clear)";
}

/// <summary>A clear fixed-point tensor over the ring type T.</summary>
public sealed class ClearTensor<T> : ClearTensor
    where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
{
    /// <summary>Wraps ring values.</summary>
    public ClearTensor(TensorShape shape, FixedPointFormat format, T[] values)
        : base(shape, format)
    {
        if (format.RingBits != RingInfo<T>.Bits)
        {
            throw new ArgumentException($"Format {format} needs a {format.RingBits}-bit ring but the values are {RingInfo<T>.Bits}-bit.", nameof(format));
        }

        if (values.Length != shape.Elements)
        {
            throw new ArgumentException($"Shape [{shape}] has {shape.Elements} elements but there are {values.Length} values.", nameof(values));
        }

        Values = values;
    }

    /// <summary>The ring elements.</summary>
    public T[] Values { get; }

    /// <summary>Encodes floats.</summary>
    public static new ClearTensor<T> Encode(float[] values, TensorShape shape, FixedPointFormat format)
    {
        var encoded = new T[values.Length];
        FixedPointCodec.Encode<T>(values, encoded, format);
        return new ClearTensor<T>(shape, format, encoded);
    }

    /// <inheritdoc/>
    public override float[] Decode()
    {
        var result = new float[Length];
        FixedPointCodec.Decode<T>(Values, result, Format.FractionBits);
        return result;
    }

    /// <inheritdoc/>
    public override long[] ToSigned() => [.. Values.Select(FixedPointCodec.ToSigned)];
}

using System.Numerics;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Kernels;
using Ditto.Runtime.Tensors;
using System.Runtime.CompilerServices;

namespace Ditto.Runtime.Emulation;

/// <summary>
/// The emulator: every primitive computed in the clear, exactly in the ring, with truncation as an arithmetic shift
/// (floor). What the protocols compute, without their one-bit truncation noise and without any cost.
/// </summary>
public sealed partial class ClearEngine : IFixedPointEngine<ClearTensor, ClearBits>
{
    /// <inheritdoc/>
    public int PartyId => 0;

    /// <inheritdoc/>
    public TensorShape ShapeOf(ClearTensor x) => x.Shape;

    /// <inheritdoc/>
    public FixedPointFormat FormatOf(ClearTensor x) => x.Format;

    /// <inheritdoc/>
    public ClearTensor Input(float[]? values, TensorShape shape, FixedPointFormat format, int owner)
    {
        ArgumentNullException.ThrowIfNull(values, $"the input of party {owner}");
        return Public(values, shape, format);
    }

    /// <inheritdoc/>
    public ClearTensor Public(float[] values, TensorShape shape, FixedPointFormat format)
    {
        if (values.Length != shape.Elements)
        {
            throw new ArgumentException($"A tensor of shape [{shape}] needs {shape.Elements} values, not {values.Length}.", nameof(values));
        }

        return ClearTensor.Encode(values, shape, format);
    }

    /// <inheritdoc/>
    public float[]? Reveal(ClearTensor x, int? toParty) => x.Decode();

    /// <inheritdoc/>
    public ClearTensor Add(ClearTensor x, ClearTensor y) => Binary("add", x, y, sameFormat: true, (a, b, r) => RingKernels.Add(a, b, r), (a, b, r) => RingKernels.Add(a, b, r), x.Format);

    /// <inheritdoc/>
    public ClearTensor Subtract(ClearTensor x, ClearTensor y) => Binary("subtract", x, y, sameFormat: true, (a, b, r) => RingKernels.Subtract(a, b, r), (a, b, r) => RingKernels.Subtract(a, b, r), x.Format);

    /// <inheritdoc/>
    public ClearTensor Multiply(ClearTensor x, ClearTensor y) =>
        Binary("multiply", x, y, sameFormat: false, (a, b, r) => RingKernels.Multiply(a, b, r), (a, b, r) => RingKernels.Multiply(a, b, r), ProductFormat("multiply", x, y));

    /// <inheritdoc/>
    public ClearTensor Negate(ClearTensor x) => Unary(x, (a, r) => RingKernels.Negate(a, r), (a, r) => RingKernels.Negate(a, r), x.Format);

    /// <inheritdoc/>
    public ClearTensor AddConstant(ClearTensor x, double c) => x switch
    {
        ClearTensor<uint> a => Map(a, FixedPointCodec.Encode<uint>(c, a.Format), (v, k, r) => RingKernels.Add(v, k, r)),
        ClearTensor<ulong> a => Map(a, FixedPointCodec.Encode<ulong>(c, a.Format), (v, k, r) => RingKernels.Add(v, k, r)),
        _ => throw Unknown(x),
    };

    /// <inheritdoc/>
    public ClearTensor MultiplyInteger(ClearTensor x, long c) => x switch
    {
        ClearTensor<uint> a => Map(a, (uint)c, (v, k, r) => RingKernels.Multiply(v, k, r)),
        ClearTensor<ulong> a => Map(a, (ulong)c, (v, k, r) => RingKernels.Multiply(v, k, r)),
        _ => throw Unknown(x),
    };

    /// <inheritdoc/>
    public ClearTensor Relabel(ClearTensor x, FixedPointFormat format)
    {
        if (format.RingBits != x.Format.RingBits)
        {
            throw new ArgumentException($"relabel: {x.Format} and {format} are different rings; use Cast.");
        }

        return x switch
        {
            ClearTensor<uint> a => new ClearTensor<uint>(a.Shape, format, a.Values),
            ClearTensor<ulong> a => new ClearTensor<ulong>(a.Shape, format, a.Values),
            _ => throw Unknown(x),
        };
    }

    /// <inheritdoc/>
    public ClearTensor MatMul(ClearTensor x, ClearTensor y, bool transposeX, bool transposeY)
    {
        SameRing("matmul", x, y);
        var (dims, shape) = MatMulShapes.Resolve(x.Shape, y.Shape, transposeX, transposeY);
        var format = ProductFormat("matmul", x, y);
        switch (x, y)
        {
            case (ClearTensor<uint> a, ClearTensor<uint> b):
                var r32 = new uint[shape.Elements];
                MatMulKernel.Multiply(a.Values, b.Values, r32, dims);
                return new ClearTensor<uint>(shape, format, r32);
            case (ClearTensor<ulong> a, ClearTensor<ulong> b):
                var r64 = new ulong[shape.Elements];
                MatMulKernel.Multiply(a.Values, b.Values, r64, dims);
                return new ClearTensor<ulong>(shape, format, r64);
            default:
                throw Unknown(x);
        }
    }

    /// <inheritdoc/>
    public ClearTensor Truncate(ClearTensor x, int bits)
    {
        if (bits < 0 || bits > x.Format.FractionBits)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"truncate: cannot remove {bits} bits from {x.Format}; allowed 0..{x.Format.FractionBits}.");
        }

        var format = x.Format.WithFractionBits(x.Format.FractionBits - bits);
        return Unary(x, (a, r) => RingKernels.ShiftRightArithmetic(a, bits, r), (a, r) => RingKernels.ShiftRightArithmetic(a, bits, r), format);
    }

    /// <inheritdoc/>
    public ClearTensor Gather(ClearTensor x, TensorShape shape, int[] map) => x switch
    {
        ClearTensor<uint> a => new ClearTensor<uint>(shape, a.Format, GatherValues(a.Values, map)),
        ClearTensor<ulong> a => new ClearTensor<ulong>(shape, a.Format, GatherValues(a.Values, map)),
        _ => throw Unknown(x),
    };

    /// <inheritdoc/>
    public ClearTensor Concat(IReadOnlyList<ClearTensor> parts, int axis)
    {
        foreach (var p in parts)
        {
            if (p.Format != parts[0].Format)
            {
                throw new ArgumentException($"concat: parts have different formats: {parts[0].Format} and {p.Format}.");
            }
        }

        var (shape, part, map) = TensorLayout.Concat(parts.Select(p => p.Shape).ToList(), axis);
        return parts[0] switch
        {
            ClearTensor<uint> => new ClearTensor<uint>(shape, parts[0].Format, ConcatValues(parts.Cast<ClearTensor<uint>>().Select(p => p.Values).ToList(), part, map)),
            ClearTensor<ulong> => new ClearTensor<ulong>(shape, parts[0].Format, ConcatValues(parts.Cast<ClearTensor<ulong>>().Select(p => p.Values).ToList(), part, map)),
            _ => throw Unknown(parts[0]),
        };
    }

    /// <inheritdoc/>
    public ClearTensor SumLastAxis(ClearTensor x)
    {
        var shape = new TensorShape([.. x.Shape.Dimensions[..^1], 1]);
        return x switch
        {
            ClearTensor<uint> a => new ClearTensor<uint>(shape, a.Format, SumRows(a.Values, x.Shape[-1])),
            ClearTensor<ulong> a => new ClearTensor<ulong>(shape, a.Format, SumRows(a.Values, x.Shape[-1])),
            _ => throw Unknown(x),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static T[] GatherValues<T>(T[] source, int[] map)
    {
        var r = new T[map.Length];
        for (var i = 0; i < r.Length; i++)
        {
            r[i] = source[map[i]];
        }

        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static T[] ConcatValues<T>(IReadOnlyList<T[]> parts, int[] part, int[] map)
    {
        var r = new T[map.Length];
        for (var i = 0; i < r.Length; i++)
        {
            r[i] = parts[part[i]][map[i]];
        }

        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static T[] SumRows<T>(T[] values, int width)
        where T : unmanaged, IBinaryInteger<T>
    {
        var rows = values.Length / width;
        var r = new T[rows];
        for (var row = 0; row < rows; row++)
        {
            var sum = T.Zero;
            for (var i = 0; i < width; i++)
            {
                sum += values[(row * width) + i];
            }

            r[row] = sum;
        }

        return r;
    }

    private static FixedPointFormat ProductFormat(string op, ClearTensor x, ClearTensor y)
    {
        SameRing(op, x, y);
        var f = x.Format.FractionBits + y.Format.FractionBits;
        if (f > x.Format.RingBits - 2)
        {
            throw new ArgumentException($"{op}: the product of {x.Format} and {y.Format} has {f} fraction bits, more than a {x.Format.RingBits}-bit ring can hold; truncate an operand first.");
        }

        return x.Format.WithFractionBits(f);
    }

    private static void SameRing(string op, ClearTensor x, ClearTensor y)
    {
        if (x.Format.RingBits != y.Format.RingBits)
        {
            throw new ArgumentException($"{op}: operands live in different rings: {x.Format} and {y.Format}; convert one with Cast first.");
        }
    }

    private static ClearTensor Binary(string op, ClearTensor x, ClearTensor y, bool sameFormat, Action<uint[], uint[], uint[]> k32, Action<ulong[], ulong[], ulong[]> k64, FixedPointFormat format)
    {
        if (x.Shape != y.Shape)
        {
            throw new ArgumentException($"{op}: operand shapes differ: [{x.Shape}] and [{y.Shape}].");
        }

        if (sameFormat && x.Format != y.Format)
        {
            throw new ArgumentException($"{op}: operand formats differ: {x.Format} and {y.Format}; convert one with Cast first.");
        }

        SameRing(op, x, y);
        switch (x, y)
        {
            case (ClearTensor<uint> a, ClearTensor<uint> b):
                var r32 = new uint[a.Length];
                k32(a.Values, b.Values, r32);
                return new ClearTensor<uint>(a.Shape, format, r32);
            case (ClearTensor<ulong> a, ClearTensor<ulong> b):
                var r64 = new ulong[a.Length];
                k64(a.Values, b.Values, r64);
                return new ClearTensor<ulong>(a.Shape, format, r64);
            default:
                throw Unknown(x);
        }
    }

    private static ClearTensor Unary(ClearTensor x, Action<uint[], uint[]> k32, Action<ulong[], ulong[]> k64, FixedPointFormat format)
    {
        switch (x)
        {
            case ClearTensor<uint> a:
                var r32 = new uint[a.Length];
                k32(a.Values, r32);
                return new ClearTensor<uint>(a.Shape, format, r32);
            case ClearTensor<ulong> a:
                var r64 = new ulong[a.Length];
                k64(a.Values, r64);
                return new ClearTensor<ulong>(a.Shape, format, r64);
            default:
                throw Unknown(x);
        }
    }

    private static ClearTensor<T> Map<T>(ClearTensor<T> x, T c, Action<T[], T, T[]> kernel)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var r = new T[x.Length];
        kernel(x.Values, c, r);
        return new ClearTensor<T>(x.Shape, x.Format, r);
    }

    private static NotSupportedException Unknown(ClearTensor x) => new($"Unknown clear tensor type {x.GetType().Name}.");
}

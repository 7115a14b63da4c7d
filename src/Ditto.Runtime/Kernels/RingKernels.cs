using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Ditto.Runtime.Kernels;

/// <summary>
/// Element-wise ring kernels over Z_2^32 (uint) and Z_2^64 (ulong). Arithmetic wraps modulo 2^k.
/// Vectorized by TensorPrimitives (Vector512/Vector256 where the CPU has them, scalar otherwise) and split across
/// cores for large arrays.
/// </summary>
public static class RingKernels
{
    /// <summary>destination = x + y.</summary>
    public static void Add<T>(T[] x, T[] y, T[] destination) where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        CheckLengths(x.Length, y.Length, destination.Length);
        Parallelism.ForChunks(x.Length, (s, n) => TensorPrimitives.Add<T>(x.AsSpan(s, n), y.AsSpan(s, n), destination.AsSpan(s, n)));
    }

    /// <summary>destination = x − y.</summary>
    public static void Subtract<T>(T[] x, T[] y, T[] destination) where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        CheckLengths(x.Length, y.Length, destination.Length);
        Parallelism.ForChunks(x.Length, (s, n) => TensorPrimitives.Subtract<T>(x.AsSpan(s, n), y.AsSpan(s, n), destination.AsSpan(s, n)));
    }

    /// <summary>destination = x · y (element-wise).</summary>
    public static void Multiply<T>(T[] x, T[] y, T[] destination) where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        CheckLengths(x.Length, y.Length, destination.Length);
        Parallelism.ForChunks(x.Length, (s, n) => TensorPrimitives.Multiply<T>(x.AsSpan(s, n), y.AsSpan(s, n), destination.AsSpan(s, n)));
    }

    /// <summary>destination = x · c for a ring constant c.</summary>
    public static void Multiply<T>(T[] x, T c, T[] destination) where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        CheckLengths(x.Length, x.Length, destination.Length);
        Parallelism.ForChunks(x.Length, (s, n) => TensorPrimitives.Multiply<T>(x.AsSpan(s, n), c, destination.AsSpan(s, n)));
    }

    /// <summary>destination = x + c for a ring constant c.</summary>
    public static void Add<T>(T[] x, T c, T[] destination) where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        CheckLengths(x.Length, x.Length, destination.Length);
        Parallelism.ForChunks(x.Length, (s, n) => TensorPrimitives.Add<T>(x.AsSpan(s, n), c, destination.AsSpan(s, n)));
    }

    /// <summary>destination = −x.</summary>
    public static void Negate<T>(T[] x, T[] destination) where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        CheckLengths(x.Length, x.Length, destination.Length);
        Parallelism.ForChunks(x.Length, (s, n) => TensorPrimitives.Subtract<T>(T.Zero, x.AsSpan(s, n), destination.AsSpan(s, n)));
    }

    /// <summary>destination = x ≪ bits.</summary>
    public static void ShiftLeft<T>(T[] x, int bits, T[] destination) where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        CheckLengths(x.Length, x.Length, destination.Length);
        Parallelism.ForChunks(x.Length, (s, n) => TensorPrimitives.ShiftLeft<T>(x.AsSpan(s, n), bits, destination.AsSpan(s, n)));
    }

    /// <summary>destination = x ≫ bits, logical (zero fill).</summary>
    public static void ShiftRightLogical<T>(T[] x, int bits, T[] destination) where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        CheckLengths(x.Length, x.Length, destination.Length);
        Parallelism.ForChunks(x.Length, (s, n) => TensorPrimitives.ShiftRightLogical<T>(x.AsSpan(s, n), bits, destination.AsSpan(s, n)));
    }

    /// <summary>destination = x ≫ bits, arithmetic (sign fill, reading x as signed).</summary>
    public static void ShiftRightArithmetic<T>(T[] x, int bits, T[] destination) where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        CheckLengths(x.Length, x.Length, destination.Length);
        Parallelism.ForChunks(x.Length, (s, n) =>
        {
            if (typeof(T) == typeof(uint))
            {
                TensorPrimitives.ShiftRightArithmetic<int>(MemoryMarshal.Cast<T, int>(x.AsSpan(s, n)), bits, MemoryMarshal.Cast<T, int>(destination.AsSpan(s, n)));
            }
            else
            {
                TensorPrimitives.ShiftRightArithmetic<long>(MemoryMarshal.Cast<T, long>(x.AsSpan(s, n)), bits, MemoryMarshal.Cast<T, long>(destination.AsSpan(s, n)));
            }
        });
    }

    /// <summary>destination = x ⊕ y.</summary>
    public static void Xor<T>(T[] x, T[] y, T[] destination) where T : unmanaged, IBinaryInteger<T>
    {
        CheckLengths(x.Length, y.Length, destination.Length);
        Parallelism.ForChunks(x.Length, (s, n) => TensorPrimitives.Xor<T>(x.AsSpan(s, n), y.AsSpan(s, n), destination.AsSpan(s, n)));
    }

    /// <summary>destination = x ∧ y.</summary>
    public static void And<T>(T[] x, T[] y, T[] destination) where T : unmanaged, IBinaryInteger<T>
    {
        CheckLengths(x.Length, y.Length, destination.Length);
        Parallelism.ForChunks(x.Length, (s, n) => TensorPrimitives.BitwiseAnd<T>(x.AsSpan(s, n), y.AsSpan(s, n), destination.AsSpan(s, n)));
    }

    private static void CheckLengths(int x, int y, int destination)
    {
        if (x != y || x != destination)
        {
            throw new ArgumentException($"Element-wise kernel needs equal lengths; got {x}, {y} and destination {destination}.");
        }
    }
}

using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Arithmetic;

/// <summary>
/// Element-wise product of two secrets (ABY3 §3; SPU MulAA). Party i computes
/// z_i = x_i·y_i + x_i·y_{i+1} + x_{i+1}·y_i + α_i with α a zero sharing, then rotates z.
/// Cost: 1 round, k bits per element per party (3k in total). The result has fraction bits f_x + f_y: truncate it.
/// </summary>
public static class Multiplication
{
    /// <summary>Element-wise product of n elements: k bits per party per element; 1 round.</summary>
    public static ProtocolCost Cost(int k, long n) => new(3.0 * k / 8 * n, 1);

    /// <summary>x · y element-wise (same shape, same ring).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ArithmeticShare<T> Multiply<T>(this Party party, ArithmeticShare<T> x, ArithmeticShare<T> y)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        ShareChecks.SameShape("multiply", x.Shape, y.Shape);
        ShareChecks.SameRing("multiply", x.Format, y.Format);
        var format = LocalArithmetic.ProductFormat("multiply", x.Format, y.Format.FractionBits);
        using var _ = party.Ledger.Protocol("mul");
        var n = x.Length;
        var z = GC.AllocateUninitializedArray<T>(n);
        var buffer = ArrayPool<T>.Shared.Rent(n);
        try
        {
            var t = buffer.AsSpan(0, n);
            TensorPrimitives.Add<T>(y.First, y.Second, t);
            TensorPrimitives.Multiply<T>(x.First, t, z);
            TensorPrimitives.Multiply<T>(x.Second, y.First, t);
            TensorPrimitives.Add<T>(z, t, z);
            party.Random.ZeroShare(t);
            TensorPrimitives.Add<T>(z, t, z);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }

        var next = GC.AllocateUninitializedArray<T>(n);
        party.Comm.Rotate<T>(z, next);
        return new ArithmeticShare<T>(x.Shape, format, z, next);
    }

    /// <summary>x · y for shares of either ring (both operands in the same ring).</summary>
    public static ArithmeticShare Multiply(this Party party, ArithmeticShare x, ArithmeticShare y) =>
        RingDispatch.Map("multiply", x, y, party.Multiply, party.Multiply);
}

using System.Numerics;
using Ditto.Runtime.Kernels;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Protocols.Arithmetic;

/// <summary>
/// Secure matrix product (ABY3 §3, SPU MatMulAA). Party i computes Z_i = X_i·(Y_i + Y_{i+1}) + X_{i+1}·Y_i + α_i with
/// two local products (three, without the sum, for at most eight output rows) and a zero sharing, then rotates Z. Cost: 1 round, k·M·N bits per party whatever K is.
/// The result has fraction bits f_x + f_y: truncate it.
/// </summary>
public static class MatrixMultiplication
{
    /// <summary>At most this many output rows: three local products instead of a sum of Y's shares and two.</summary>
    private const int FewRows = 8;

    /// <summary>A (batched) matmul with <paramref name="outputElements"/> outputs: k bits per party per output element; 1 round.</summary>
    public static ProtocolCost Cost(int k, long outputElements) => new(3.0 * k / 8 * outputElements, 1);

    /// <summary>op(x) · op(y): batched over leading dimensions, a rank-2 operand broadcast over the other's batch.</summary>
    public static ArithmeticShare<T> MatMul<T>(this Party party, ArithmeticShare<T> x, ArithmeticShare<T> y, bool transposeX = false, bool transposeY = false)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        ShareChecks.SameRing("matmul", x.Format, y.Format);
        var (dims, shape) = MatMulShapes.Resolve(x.Shape, y.Shape, transposeX, transposeY);
        var format = LocalArithmetic.ProductFormat("matmul", x.Format, y.Format.FractionBits);
        using var _ = party.Ledger.Protocol("matmul");
        var z = new T[shape.Elements];
        if ((long)dims.Batch * dims.M <= FewRows)
        {
            // A few rows (a generation step against the LM head): the products read Y once each anyway, so three of them
            // beat forming Y_i + Y_{i+1}, a copy the size of the weight.
            MatMulKernel.Multiply(x.First, y.First, z, dims);
            MatMulKernel.Multiply(x.First, y.Second, z, dims, accumulate: true);
        }
        else
        {
            var ySum = new T[y.Length];
            RingKernels.Add(y.First, y.Second, ySum);
            MatMulKernel.Multiply(x.First, ySum, z, dims);
        }

        MatMulKernel.Multiply(x.Second, y.First, z, dims, accumulate: true);
        var alpha = new T[z.Length];
        party.Random.ZeroShare<T>(alpha);
        RingKernels.Add(z, alpha, z);
        var next = alpha;
        party.Comm.Rotate<T>(z, next);
        return new ArithmeticShare<T>(shape, format, z, next);
    }

    /// <summary>op(x) · op(y) for shares of either ring (both operands in the same ring).</summary>
    public static ArithmeticShare MatMul(this Party party, ArithmeticShare x, ArithmeticShare y, bool transposeX = false, bool transposeY = false) =>
        RingDispatch.Map("matmul", x, y, (a, b) => party.MatMul(a, b, transposeX, transposeY), (a, b) => party.MatMul(a, b, transposeX, transposeY));
}

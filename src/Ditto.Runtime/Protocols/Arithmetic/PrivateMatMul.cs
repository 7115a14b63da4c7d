using System.Numerics;
using Ditto.Runtime.Kernels;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Protocols.Arithmetic;

/// <summary>
/// X · Y where X is one party's private input (held in the clear by its owner o, e.g. the client's one-hot tokens) and Y
/// is secret-shared (a weight). The owner holds Y_o and Y_{o+1}, so it computes A = X·(Y_o + Y_{o+1}) alone (a row
/// gather when X is one-hot). For X·Y_{o+2} it splits X = X_a + X_b with X_a from the stream it shares with party o+1,
/// sends X_b to party o+2, and parties o+1 and o+2 each multiply their part by Y_{o+2}, which both hold. The three
/// products are an additive sharing of X·Y, made replicated by a zero sharing and one rotation.
/// Cost: the owner sends M·K ring words (X_b) to one party, then k·M·N bits per party; 2 rounds; two dense local
/// products in all. PUMA's one-hot embedding shares X first (2·M·K words) and runs a full secure matmul (six dense local
/// products): this protocol does a third of the arithmetic and sends half the input.
/// </summary>
public static class PrivateMatMul
{
    /// <summary>
    /// A product whose left operand [M×K] is still the owner's private input: the owner sends M·K words, then one
    /// rotation of the M·N result (k bits per party per element); 2 rounds.
    /// </summary>
    public static ProtocolCost Cost(int k, long leftElements, long outputElements) => new((leftElements + (3.0 * outputElements)) * k / 8, 2);

    /// <summary>op(X)·op(Y) for the owner's clear ring values X (other parties pass an empty span; only the shape is public).</summary>
    public static ArithmeticShare<T> MatMulPrivate<T>(this Party party, int owner, ReadOnlySpan<T> x, TensorShape xShape, Ditto.Runtime.FixedPoint.FixedPointFormat xFormat, ArithmeticShare<T> y, bool transposeY = false)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        ShareChecks.Owner(owner);
        ShareChecks.SameRing("private matmul", xFormat, y.Format);
        var (dims, shape) = MatMulShapes.Resolve(xShape, y.Shape, transposeY: transposeY);
        var format = LocalArithmetic.ProductFormat("private matmul", xFormat, y.Format.FractionBits);
        using var _ = party.Ledger.Protocol("matmul-private");
        var comm = party.Comm;
        var z = new T[shape.Elements];
        if (party.Id == owner)
        {
            if (x.Length != xShape.Elements)
            {
                throw new ArgumentException($"Party {owner} supplies {x.Length} values for a private input of shape [{xShape}] ({xShape.Elements} elements).");
            }

            var clear = x.ToArray();
            if (IsSparse(clear, dims))
            {
                // X·(Y_i + Y_{i+1}) as two passes over the rows X selects: no copy of Y (an embedding table can be GBs).
                SparseProduct(clear, y.First, z, dims);
                SparseProduct(clear, y.Second, z, dims);
            }
            else
            {
                var ySum = new T[y.Length];
                RingKernels.Add(y.First, y.Second, ySum);
                MatMulKernel.Multiply(clear, ySum, z, dims);
            }

            var xa = GC.AllocateUninitializedArray<T>(clear.Length);
            party.Random.WithNext.Fill<T>(xa);
            RingKernels.Subtract(clear, xa, xa);
            comm.Send<T>(comm.Previous, xa);
        }
        else if (party.Id == (owner + 1) % 3)
        {
            var xa = GC.AllocateUninitializedArray<T>(xShape.Elements);
            party.Random.WithPrevious.Fill<T>(xa);
            MatMulKernel.Multiply(xa, y.Second, z, dims);
        }
        else
        {
            var xb = GC.AllocateUninitializedArray<T>(xShape.Elements);
            comm.Receive<T>(comm.Next, xb);
            MatMulKernel.Multiply(xb, y.First, z, dims);
        }

        var alpha = new T[z.Length];
        party.Random.ZeroShare<T>(alpha);
        RingKernels.Add(z, alpha, z);
        comm.Rotate<T>(z, alpha);
        return new ArithmeticShare<T>(shape, format, z, alpha);
    }

    // Most of X is zero (a one-hot): adding up the rows of Y it selects beats a dense product.
    private static bool IsSparse<T>(T[] x, MatMulDims d)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var nonZero = 0;
        foreach (var v in x)
        {
            if (v != T.Zero)
            {
                nonZero++;
            }
        }

        return !d.TransposeB && (long)nonZero * 8 <= x.Length;
    }

    // z += X·Y over the non-zero entries of X only.
    private static void SparseProduct<T>(T[] x, T[] y, T[] z, MatMulDims d)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        for (var b = 0; b < d.Batch; b++)
        {
            var xOff = d.BroadcastA ? 0 : b * d.M * d.K;
            var yOff = d.BroadcastB ? 0 : b * d.K * d.N;
            for (var i = 0; i < d.M; i++)
            {
                var row = z.AsSpan(((b * d.M) + i) * d.N, d.N);
                for (var p = 0; p < d.K; p++)
                {
                    var v = x[xOff + (i * d.K) + p];
                    if (v == T.Zero)
                    {
                        continue;
                    }

                    var source = y.AsSpan(yOff + (p * d.N), d.N);
                    for (var j = 0; j < d.N; j++)
                    {
                        row[j] += v * source[j];
                    }
                }
            }
        }
    }
}

using System.Numerics.Tensors;
using Ditto.Runtime.Kernels;

namespace Ditto.Runtime.Tensors;

/// <summary>Float kernels of the plaintext reference: matrix products by vectorized dot products, spread over cores.</summary>
public static class FloatKernels
{
    /// <summary>C = op(A)·op(B) with the batching rules of <see cref="MatMulShapes"/>.</summary>
    public static float[] MatMul(float[] a, float[] b, MatMulDims d)
    {
        var c = new float[d.Batch * d.M * d.N];
        Parallel.For(0, d.Batch, new ParallelOptions { MaxDegreeOfParallelism = d.Batch > 1 ? -1 : 1 }, batch =>
        {
            var aOff = d.BroadcastA ? 0 : batch * d.M * d.K;
            var bOff = d.BroadcastB ? 0 : batch * d.K * d.N;
            var rows = d.TransposeA ? TransposeCopy(a, aOff, d.K, d.M) : a.AsSpan(aOff, d.M * d.K).ToArray();
            var cols = d.TransposeB ? b.AsSpan(bOff, d.N * d.K).ToArray() : TransposeCopy(b, bOff, d.K, d.N);
            var cOff = batch * d.M * d.N;
            Parallel.For(0, d.M, new ParallelOptions { MaxDegreeOfParallelism = (long)d.M * d.N * d.K > 1 << 16 ? -1 : 1 }, i =>
            {
                var row = rows.AsSpan(i * d.K, d.K);
                for (var j = 0; j < d.N; j++)
                {
                    c[cOff + (i * d.N) + j] = TensorPrimitives.Dot(row, cols.AsSpan(j * d.K, d.K));
                }
            });
        });
        return c;
    }

    private static float[] TransposeCopy(float[] source, int offset, int rows, int cols)
    {
        var t = new float[rows * cols];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                t[(c * rows) + r] = source[offset + (r * cols) + c];
            }
        }

        return t;
    }
}

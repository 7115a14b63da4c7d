using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Tensors;

/// <summary>
/// Shape rules of a matrix product: the last two dimensions are the matrix, leading dimensions are a batch.
/// A rank-2 operand is broadcast over the other's batch (a weight shared by every batch entry).
/// </summary>
public static class MatMulShapes
{
    /// <summary>Resolves the sizes and the output shape of op(x)·op(y), or throws naming both shapes.</summary>
    public static (MatMulDims Dims, TensorShape Output) Resolve(TensorShape x, TensorShape y, bool transposeX = false, bool transposeY = false)
    {
        string Describe() => $"[{x}]{(transposeX ? "ᵀ" : string.Empty)} · [{y}]{(transposeY ? "ᵀ" : string.Empty)}";
        if (x.Rank < 2 || y.Rank < 2)
        {
            throw new ArgumentException($"matmul {Describe()}: both operands need at least 2 dimensions.");
        }

        var m = transposeX ? x[-1] : x[-2];
        var kx = transposeX ? x[-2] : x[-1];
        var ky = transposeY ? y[-1] : y[-2];
        var n = transposeY ? y[-2] : y[-1];
        if (kx != ky)
        {
            throw new ArgumentException($"matmul {Describe()}: inner dimensions differ ({kx} and {ky}).");
        }

        var xBatch = x.Dimensions[..^2].ToArray();
        var yBatch = y.Dimensions[..^2].ToArray();
        int[] batchDims;
        if (yBatch.Length == 0)
        {
            batchDims = xBatch;
        }
        else if (xBatch.Length == 0)
        {
            batchDims = yBatch;
        }
        else if (xBatch.AsSpan().SequenceEqual(yBatch))
        {
            batchDims = xBatch;
        }
        else
        {
            throw new ArgumentException($"matmul {Describe()}: batch dimensions differ; give both the same leading dimensions or make one operand a matrix.");
        }

        var batch = 1;
        foreach (var d in batchDims)
        {
            batch *= d;
        }

        var dims = new MatMulDims(batch, m, kx, n, transposeX, transposeY, BroadcastA: xBatch.Length == 0 && batch > 1, BroadcastB: yBatch.Length == 0 && batch > 1);
        return (dims, new TensorShape([.. batchDims, m, n]));
    }
}

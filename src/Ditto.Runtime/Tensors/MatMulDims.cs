namespace Ditto.Runtime.Tensors;

/// <summary>The sizes of a (batched) matrix product C[b] = op(A[b]) · op(B[b]) with C[b] of M×N and inner dimension K.</summary>
/// <param name="Batch">Number of products.</param>
/// <param name="M">Rows of C.</param>
/// <param name="K">Inner dimension.</param>
/// <param name="N">Columns of C.</param>
/// <param name="TransposeA">A is stored K×M instead of M×K.</param>
/// <param name="TransposeB">B is stored N×K instead of K×N.</param>
/// <param name="BroadcastA">One A for every batch entry.</param>
/// <param name="BroadcastB">One B for every batch entry (a weight shared by the batch).</param>
public readonly record struct MatMulDims(int Batch, int M, int K, int N, bool TransposeA = false, bool TransposeB = false, bool BroadcastA = false, bool BroadcastB = false)
{
    /// <summary>Multiply-adds of the whole product.</summary>
    public long MultiplyAdds => (long)Batch * M * K * N;
}

using Ditto.Models.Layers;

namespace Ditto.Models.Bert;

/// <summary>
/// BERT's multi-head self-attention with its output projection (attention.self and attention.output.dense). The
/// projections and both attention products are linear layers (small ring under Ditto); the softmax is non-linear. One
/// sentence per query and no padding, so there is no attention mask.
/// </summary>
[SecureModel]
[FixedPoint(Precision.Linear)]
public sealed partial class BertSelfAttention
{
    /// <summary>The query projection.</summary>
    public required Dense Query { get; init; }

    /// <summary>The key projection.</summary>
    public required Dense Key { get; init; }

    /// <summary>The value projection.</summary>
    public required Dense Value { get; init; }

    /// <summary>The output projection (attention.output.dense).</summary>
    public required Dense Output { get; init; }

    /// <summary>The number of heads.</summary>
    public required int Heads { get; init; }

    /// <summary>1/√(head size), applied to the scores.</summary>
    public required double Scale { get; init; }

    /// <summary>
    /// Attention within each sentence of a padded batch x, [batch·T, width] → [batch·T, width]; <paramref name="keys"/>
    /// is the public padding mask [batch, 1, 1, T] (1 for a real token), so no query sees a padding key.
    /// </summary>
    public Tensor Forward(Tensor x, int batch, [Public] Tensor keys)
    {
        var length = x.Shape[0] / batch;
        var width = x.Shape[1];
        var q = Ops.SplitHeads(Query.Forward(x).Reshape(batch, length, width), Heads);  // [batch, heads, T, head size]
        var k = Ops.SplitHeads(Key.Forward(x).Reshape(batch, length, width), Heads);
        var v = Ops.SplitHeads(Value.Forward(x).Reshape(batch, length, width), Heads);
        var scores = Tensor.MatMul(q, k, transposeB: true) * Scale;                     // [batch, heads, T, T]
        var context = Tensor.MatMul(Probabilities(scores, keys), v);                     // [batch, heads, T, head size]
        return Output.Forward(Ops.MergeHeads(context).Reshape(batch * length, width));   // [batch·T, width]
    }

    /// <summary>
    /// The softmax, as Ditto schedules it: the scores arrive in the linear precision, where the row max and the
    /// subtraction run (comparisons are cheaper in the small ring); the preset moves the shifted scores to the non-linear
    /// precision for exp, the row sum and the reciprocal (<c>Approximations.SoftmaxExpPrecision</c>); the probabilities come
    /// back in the linear precision for the product with V.
    /// </summary>
    [FixedPoint(Precision.Linear)]
    public Tensor Probabilities(Tensor scores, [Public] Tensor keys) => Ops.MaskedSoftmax(scores, keys);
}

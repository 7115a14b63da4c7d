namespace Ditto.Models.Bert;

/// <summary>
/// BERT's pooler: tanh(dense(hidden state of [CLS])). Kept in the large ring like the embeddings (Ditto's distillation
/// keeps the pooler and heads in high precision). Sentence-transformers models ignore it and mean-pool instead
/// (<see cref="BertModel.SentenceEmbedding(Tensor, int)"/>).
/// </summary>
[SecureModel]
[FixedPoint(Precision.NonLinear)]
public sealed partial class BertPooler
{
    /// <summary>pooler.dense weight, [width, width] stored [in, out].</summary>
    [Weight]
    public required Tensor Weight { get; init; }

    /// <summary>pooler.dense bias, [width].</summary>
    [Weight]
    public required Tensor Bias { get; init; }

    /// <summary>[T, width] hidden states → [1, width] pooled output.</summary>
    public Tensor Forward(Tensor hidden)
    {
        var first = hidden.Slice(0, 0, 1);
        return Ops.Tanh(Tensor.MatMul(first, Weight) + Bias);
    }
}

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
    public Tensor Forward(Tensor hidden) => ForwardBatch(hidden, 1);

    /// <summary>
    /// A padded batch's hidden states, [batch·length, width] → [batch, width]: each sentence's first token ([CLS]), as
    /// Hugging Face's <c>hidden_states[:, 0]</c>; the slice is local, so a batch pools at the cost of one sentence.
    /// </summary>
    public Tensor ForwardBatch(Tensor hidden, int batch)
    {
        var width = hidden.Shape[1];
        var first = hidden.Reshape(batch, hidden.Shape[0] / batch, width).Slice(1, 0, 1).Reshape(batch, width);
        return Ops.Tanh(Tensor.MatMul(first, Weight) + Bias);
    }
}

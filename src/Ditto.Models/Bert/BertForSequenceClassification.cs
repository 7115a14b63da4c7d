namespace Ditto.Models.Bert;

/// <summary>
/// Hugging Face's <c>BertForSequenceClassification</c>: the encoder, the pooler over [CLS], and a linear classifier to
/// one logit per label. The head stays in the large ring with the pooler (Ditto keeps the heads in high precision); the
/// client learns only the logits. Dropout is the identity at inference, as in Hugging Face's eval mode.
/// </summary>
[SecureModel]
[FixedPoint(Precision.NonLinear)]
public sealed partial class BertForSequenceClassification
{
    /// <summary>The encoder.</summary>
    public required BertModel Bert { get; init; }

    /// <summary>The pooler: tanh(dense([CLS])).</summary>
    public required BertPooler Pooler { get; init; }

    /// <summary>classifier weight, [width, labels] stored [in, out].</summary>
    [Weight]
    public required Tensor ClassifierWeight { get; init; }

    /// <summary>classifier bias, [labels].</summary>
    [Weight]
    public required Tensor ClassifierBias { get; init; }

    /// <summary>
    /// The logits of a padded batch, [batch, labels]; the inputs are those of
    /// <see cref="BertModel.ForwardBatch(Tensor, int, int, Tensor, Tensor)"/> (sizes, token types and padding mask public).
    /// </summary>
    public Tensor Forward(Tensor oneHotTokens, int batch, int length, [Public] Tensor tokenTypes, [Public] Tensor keys)
    {
        var hidden = Bert.ForwardBatch(oneHotTokens, batch, length, tokenTypes, keys);
        var pooled = Pooler.ForwardBatch(hidden, batch);
        return Tensor.MatMul(pooled, ClassifierWeight) + ClassifierBias;
    }
}

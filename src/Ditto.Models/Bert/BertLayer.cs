using Ditto.Models.Configs;
using Ditto.Models.Layers;
using Ditto.Runtime.Description;

namespace Ditto.Models.Bert;

/// <summary>
/// One post-LN BERT layer: LayerNorm(x + Attention(x)), then LayerNorm(h + FeedForward(h)). The residual adds run in the
/// large ring with the LayerNorms, because the residual stream carries outlier dimensions.
/// </summary>
[SecureModel]
[FixedPoint(Precision.NonLinear)]
public sealed partial class BertLayer
{
    /// <summary>Self-attention with its output projection.</summary>
    public required BertSelfAttention Attention { get; init; }

    /// <summary>attention.output.LayerNorm.</summary>
    public required LayerNormalization AttentionNorm { get; init; }

    /// <summary>intermediate.dense → GeLU → output.dense.</summary>
    public required FeedForward FeedForward { get; init; }

    /// <summary>output.LayerNorm.</summary>
    public required LayerNormalization OutputNorm { get; init; }

    /// <summary>One sentence, [T, width] → [T, width].</summary>
    public Tensor Forward(Tensor x) => ForwardBatch(x, 1, Tensor.Zeros(1, 1, 1, x.Shape[0]) + 1.0);

    /// <summary>A padded batch, [batch·T, width] → [batch·T, width], with the public padding mask [batch, 1, 1, T].</summary>
    public Tensor ForwardBatch(Tensor x, int batch, [Public] Tensor keys)
    {
        var h = AttentionNorm.Forward(x + Attention.Forward(x, batch, keys));
        return OutputNorm.Forward(h + FeedForward.Forward(h));
    }

    /// <summary>One BERT-base encoder layer with placeholder weights, for 128 tokens.</summary>
    [InspectionSample("x=128x768")]
    public static BertLayer InspectionSample() => BertStateDict.Placeholders(BertConfig.Base with { Layers = 1 }).Model.Layers[0];
}

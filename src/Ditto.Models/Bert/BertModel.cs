using Ditto.Models.Configs;
using Ditto.Runtime.Description;
namespace Ditto.Models.Bert;

/// <summary>
/// A BERT encoder as a secure model: embeddings, then N post-LN layers. The client's input is a secret one-hot matrix
/// [T, vocab]; the length T is public. <see cref="Forward(Tensor, int)"/> gives the last hidden state; <see cref="SentenceEmbedding(Tensor, int)"/>
/// mean-pools it inside the model, so only the pooled vector is ever revealed to the client. A batch of sentences runs
/// in one pass padded to the longest (<see cref="SentenceEmbeddings(Tensor, int, int, Tensor, Tensor, Tensor)"/>): its sizes, padding mask and token types are
/// public, its tokens secret.
/// </summary>
[SecureModel]
[FixedPoint(Precision.NonLinear)]
public sealed partial class BertModel
{
    /// <summary>The input layer.</summary>
    public required BertEmbeddings Embeddings { get; init; }

    /// <summary>The encoder layers, in order.</summary>
    public required BertLayer[] Layers { get; init; }

    /// <summary>The last hidden state, [length, width].</summary>
    public Tensor Forward(Tensor oneHotTokens, int length) => ForwardBatch(oneHotTokens, 1, length, Tensor.Zeros(1, 1), Tensor.Zeros(1, 1, 1, length) + 1.0);

    /// <summary>
    /// The last hidden states of a padded batch, [batch·length, width]: <paramref name="tokenTypes"/> ([batch·length, 1]
    /// for pairs, [1, 1] for single sentences; see <see cref="BertEmbeddings.Forward(Tensor, int, int, Tensor)"/>) and
    /// <paramref name="keys"/> [batch, 1, 1, length] (1 for a real token) are public.
    /// </summary>
    public Tensor ForwardBatch(Tensor oneHotTokens, int batch, int length, [Public] Tensor tokenTypes, [Public] Tensor keys)
    {
        var x = Embeddings.Forward(oneHotTokens, batch, length, tokenTypes);
        for (var i = 0; i < Layers.Length; i++)
        {
            x = Layers[i].ForwardBatch(x, batch, keys);
        }

        return x;
    }

    /// <summary>
    /// Each sentence's mean over its real tokens, [batch, width]: <paramref name="weights"/> [batch, length, 1] holds
    /// 1/length_b at sentence b's tokens and 0 at its padding (public), so the mean is a local product and a sum.
    /// </summary>
    public Tensor SentenceEmbeddings(Tensor oneHotTokens, int batch, int length, [Public] Tensor tokenTypes, [Public] Tensor keys, [Public] Tensor weights)
    {
        var hidden = ForwardBatch(oneHotTokens, batch, length, tokenTypes, keys).Reshape(batch, length, Embeddings.Width);
        return Ops.Sum(hidden * weights, 1).Reshape(batch, Embeddings.Width);
    }

    /// <summary>The mean of the last hidden state over the tokens, [1, width] (sentence-transformers pooling; the client L2-normalises it).</summary>
    public Tensor SentenceEmbedding(Tensor oneHotTokens, int length) => Ops.Mean(Forward(oneHotTokens, length), 0);

    /// <summary>BERT-base (bert-base-uncased's sizes) with placeholder weights, for 128 tokens.</summary>
    [InspectionSample("oneHotTokens=128x30522", Arguments = "length=128")]
    public static BertModel InspectionSample() => BertStateDict.Placeholders(BertConfig.Base).Model;
}

using Ditto.Models.Configs;
using Ditto.Runtime.Description;
namespace Ditto.Models.Bert;

/// <summary>
/// A BERT encoder as a secure model: embeddings, then N post-LN layers. The client's input is a secret one-hot matrix
/// [T, vocab]; the length T is public. <see cref="Forward(Tensor, int)"/> gives the last hidden state; <see cref="SentenceEmbedding(Tensor, int)"/>
/// mean-pools it inside the model, so only the pooled vector is ever revealed to the client.
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
    public Tensor Forward(Tensor oneHotTokens, int length)
    {
        var x = Embeddings.Forward(oneHotTokens, length);
        for (var i = 0; i < Layers.Length; i++)
        {
            x = Layers[i].Forward(x);
        }

        return x;
    }

    /// <summary>The mean of the last hidden state over the tokens, [1, width] (sentence-transformers pooling; the client L2-normalises it).</summary>
    public Tensor SentenceEmbedding(Tensor oneHotTokens, int length) => Ops.Mean(Forward(oneHotTokens, length), 0);

    /// <summary>BERT-base (bert-base-uncased's sizes) with placeholder weights, for 128 tokens.</summary>
    [InspectionSample("oneHotTokens=128x30522", Arguments = "length=128")]
    public static BertModel InspectionSample() => BertStateDict.Placeholders(BertConfig.Base).Model;
}

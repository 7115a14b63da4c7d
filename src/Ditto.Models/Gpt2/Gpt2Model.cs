using Ditto.Models.Configs;
using Ditto.Runtime.Description;
namespace Ditto.Models.Gpt2;

/// <summary>
/// A GPT-2 language model as a secure model: token + position embeddings, pre-LN blocks, final LayerNorm and the LM head
/// tied to the token embedding (logits = h·wteᵀ). The client's tokens arrive as a secret one-hot matrix; positions are
/// public. Embeddings, the final norm and the LM head stay in the large ring, as in Ditto.
/// </summary>
[SecureModel]
[FixedPoint(Precision.NonLinear)]
public sealed partial class Gpt2Model
{
    /// <summary>wte, [vocab, width]; also the LM head.</summary>
    [Weight]
    public required Tensor TokenEmbeddings { get; init; }

    /// <summary>wpe, [positions, width].</summary>
    [Weight]
    public required Tensor PositionEmbeddings { get; init; }

    /// <summary>The blocks, in order.</summary>
    public required Gpt2Block[] Blocks { get; init; }

    /// <summary>ln_f.</summary>
    public required Layers.LayerNormalization FinalNorm { get; init; }

    /// <summary>
    /// Embeds <paramref name="length"/> tokens at positions start … start + length − 1: one-hot [length, vocab] · wte
    /// (the ids stay secret) plus a public slice of wpe.
    /// </summary>
    public Tensor Embed(Tensor oneHotTokens, int start, int length) =>
        Tensor.MatMul(oneHotTokens, TokenEmbeddings) + PositionEmbeddings.Slice(0, start, length);

    /// <summary>The hidden states of a whole sequence without a cache, [length, width].</summary>
    public Tensor Forward(Tensor oneHotTokens, int length)
    {
        var x = Embed(oneHotTokens, 0, length);
        for (var i = 0; i < Blocks.Length; i++)
        {
            x = Blocks[i].Forward(x);
        }

        return x;
    }

    /// <summary>Next-token logits at every position of the hidden states, [T, vocab].</summary>
    public Tensor Logits(Tensor hidden) => Tensor.MatMul(FinalNorm.Forward(hidden), TokenEmbeddings, transposeB: true);

    /// <summary>Next-token logits at one position only, [1, vocab] (what generation reveals).</summary>
    public Tensor LogitsAt(Tensor hidden, int position) => Logits(hidden.Slice(0, position, 1));

    /// <summary>GPT-2 small with placeholder weights, for 128 tokens.</summary>
    [InspectionSample("oneHotTokens=128x50257", Arguments = "length=128")]
    public static Gpt2Model InspectionSample() => Gpt2StateDict.Placeholders(Gpt2Config.Small).Model;
}

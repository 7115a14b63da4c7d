using Ditto.Models.Layers;

namespace Ditto.Models.Llama;

/// <summary>
/// A LLaMA-architecture causal language model as a secure model (LLaMA, Mistral, Qwen2): token embeddings, decoder
/// layers, the final RMSNorm and the LM head (the token embedding itself when tie_word_embeddings). There are no
/// position embeddings: positions enter through RoPE inside attention. The client's tokens arrive as a secret one-hot
/// matrix; positions are public. Embeddings, the final norm and the LM head stay in the large ring, as in GPT-2.
/// </summary>
[SecureModel]
[FixedPoint(Precision.NonLinear)]
public sealed partial class LlamaModel
{
    /// <summary>embed_tokens, [vocab, hidden].</summary>
    [Weight]
    public required Tensor TokenEmbeddings { get; init; }

    /// <summary>The decoder layers, in order.</summary>
    public required LlamaBlock[] Blocks { get; init; }

    /// <summary>norm.</summary>
    public required RmsNormalization FinalNorm { get; init; }

    /// <summary>lm_head, [vocab, hidden]; the same tensor as <see cref="TokenEmbeddings"/> when tied (shared once).</summary>
    [Weight]
    public required Tensor LmHead { get; init; }

    /// <summary>Embeds tokens: one-hot [T, vocab] · embed_tokens (the ids stay secret).</summary>
    public Tensor Embed(Tensor oneHotTokens) => Tensor.MatMul(oneHotTokens, TokenEmbeddings);

    /// <summary>The hidden states of a whole sequence from position 0 without a cache, [T, hidden].</summary>
    public Tensor Forward(Tensor oneHotTokens)
    {
        var x = Embed(oneHotTokens);
        for (var i = 0; i < Blocks.Length; i++)
        {
            x = Blocks[i].Forward(x, 0);
        }

        return x;
    }

    /// <summary>Next-token logits at every position of the hidden states, [T, vocab].</summary>
    public Tensor Logits(Tensor hidden) => Tensor.MatMul(FinalNorm.Forward(hidden), LmHead, transposeB: true);

    /// <summary>Next-token logits at one position only, [1, vocab] (what generation reveals).</summary>
    public Tensor LogitsAt(Tensor hidden, int position) => Logits(hidden.Slice(0, position, 1));
}

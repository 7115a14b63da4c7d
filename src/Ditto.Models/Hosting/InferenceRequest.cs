using Ditto.Models.Bert;
using Ditto.Models.Decoding;

namespace Ditto.Models.Hosting;

/// <summary>
/// What the client asks: for an encoder, the sentence embeddings of its texts and pairs (or their labels, when the
/// checkpoint has a classification head); for a decoder, a continuation of the first text by <see cref="Generate"/>
/// tokens, or the perplexity of <see cref="PerplexityText"/>.
/// </summary>
/// <param name="Texts">The texts (the client's secret input).</param>
/// <param name="Generate">Tokens to generate greedily after the first text (decoders).</param>
/// <param name="PerplexityText">A text to score (decoders); when set, <see cref="Texts"/> is ignored.</param>
/// <param name="MaxWindows">Perplexity: evaluate at most this many windows.</param>
/// <param name="Pairs">Encoders: sentence pairs, answered after <see cref="Texts"/> in the same batch.</param>
public sealed record InferenceRequest(IReadOnlyList<string> Texts, int Generate = 0, string? PerplexityText = null, int MaxWindows = int.MaxValue, IReadOnlyList<TextPair>? Pairs = null);

/// <summary>Two texts read together ([CLS] first [SEP] second [SEP]): a question and a passage, a premise and a hypothesis.</summary>
/// <param name="First">The first segment (token type 0).</param>
/// <param name="Second">The second segment (token type 1).</param>
public sealed record TextPair(string First, string Second);

/// <summary>What the client learns.</summary>
public sealed record InferenceAnswer
{
    /// <summary>Unit-length sentence embeddings, one per text then per pair (encoders without a classification head).</summary>
    public IReadOnlyList<float[]>? Embeddings { get; init; }

    /// <summary>Logits and label, one per text then per pair (encoders with a classification head).</summary>
    public IReadOnlyList<TextClassification>? Classifications { get; init; }

    /// <summary>The prompt's token ids (decoders).</summary>
    public IReadOnlyList<int>? PromptTokens { get; init; }

    /// <summary>Generated token ids (decoders).</summary>
    public IReadOnlyList<int>? Tokens { get; init; }

    /// <summary>The revealed next-token logits at each generation step.</summary>
    public IReadOnlyList<float[]>? StepLogits { get; init; }

    /// <summary>Perplexity (decoders, when asked).</summary>
    public PerplexityResult? Perplexity { get; init; }
}

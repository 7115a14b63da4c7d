using Ditto.Models.Decoding;

namespace Ditto.Models.Hosting;

/// <summary>What the client asks: sentence embeddings of texts (encoder), or for a decoder a continuation of the first text by <see cref="Generate"/> tokens, or the perplexity of <see cref="PerplexityText"/>.</summary>
/// <param name="Texts">The texts (the client's secret input).</param>
/// <param name="Generate">Tokens to generate greedily after the first text (decoders).</param>
/// <param name="PerplexityText">A text to score (decoders); when set, <see cref="Texts"/> is ignored.</param>
/// <param name="MaxWindows">Perplexity: evaluate at most this many windows.</param>
public sealed record InferenceRequest(IReadOnlyList<string> Texts, int Generate = 0, string? PerplexityText = null, int MaxWindows = int.MaxValue);

/// <summary>What the client learns.</summary>
public sealed record InferenceAnswer
{
    /// <summary>Unit-length sentence embeddings, one per text (encoders).</summary>
    public IReadOnlyList<float[]>? Embeddings { get; init; }

    /// <summary>The prompt's token ids (decoders).</summary>
    public IReadOnlyList<int>? PromptTokens { get; init; }

    /// <summary>Generated token ids (decoders).</summary>
    public IReadOnlyList<int>? Tokens { get; init; }

    /// <summary>The revealed next-token logits at each generation step.</summary>
    public IReadOnlyList<float[]>? StepLogits { get; init; }

    /// <summary>Perplexity (decoders, when asked).</summary>
    public PerplexityResult? Perplexity { get; init; }
}

using Ditto.Models.Decoding;
using Ditto.Models.Hosting;
using Ditto.Runtime.Ledger;

namespace Ditto.Models.Inference;

/// <summary>A secure greedy continuation: its text, its token ids, and the run's cost.</summary>
public sealed record SecureGeneration(string Text, IReadOnlyList<int> Tokens, CostReport Cost);

/// <summary>A secure perplexity evaluation and its cost.</summary>
public sealed record SecurePerplexity(PerplexityResult Result, CostReport Cost);

/// <summary>
/// A decoder (GPT-2, LLaMA, Mistral, Qwen2) under three-party computation in a few calls:
/// <code>
/// await using var generator = SecureGenerator.FromFolder("models/tiny-gpt2-quad", "ditto");
/// var continuation = await generator.GenerateAsync("The Python interpreter is", maxNewTokens: 8, cancellationToken);
/// </code>
/// Greedy decoding with a KV cache; the prompt is the client's secret input and only its party learns the tokens.
/// </summary>
public sealed class SecureGenerator : SecureRunner
{
    private SecureGenerator(DecoderModel model, ModelPreset preset, SecureRunOptions? options)
        : base(model, preset, options)
    {
        Decoder = model;
    }

    /// <summary>The loaded decoder and its tokenizer.</summary>
    public DecoderModel Decoder { get; }

    /// <summary>Loads a decoder folder (config.json, safetensors, vocab.json and merges.txt) under a preset by name.</summary>
    /// <exception cref="ModelFileException">A model file is missing or malformed (the message names it).</exception>
    /// <exception cref="ArgumentException">The folder holds an encoder, or is not a model.</exception>
    /// <exception cref="KeyNotFoundException">There is no such preset (the message lists them).</exception>
    public static SecureGenerator FromFolder(string path, string preset = "ditto", SecureRunOptions? options = null) =>
        FromFolder(path, PresetNamed(preset), options);

    /// <summary>Loads a decoder under a preset.</summary>
    public static SecureGenerator FromFolder(string path, ModelPreset preset, SecureRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return ModelSources.Load(path) switch
        {
            DecoderModel decoder => new SecureGenerator(decoder, preset, options),
            var other => throw new ArgumentException($"'{path}' holds the encoder {other.Name}; use SecureEncoder for encoders.", nameof(path)),
        };
    }

    /// <summary>Continues <paramref name="prompt"/> greedily by <paramref name="maxNewTokens"/> tokens.</summary>
    public async Task<SecureGeneration> GenerateAsync(string prompt, int maxNewTokens, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(prompt);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNewTokens);
        var (answer, cost) = await RunAsync(new InferenceRequest([prompt], maxNewTokens), cancellationToken).ConfigureAwait(false);
        var tokens = answer.Tokens!;
        return new SecureGeneration(Decoder.Tokenizer.Decode(tokens), tokens, cost);
    }

    /// <summary>The perplexity of <paramref name="text"/> over at most <paramref name="maxWindows"/> context windows.</summary>
    public async Task<SecurePerplexity> PerplexityAsync(string text, int maxWindows = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxWindows);
        var (answer, cost) = await RunAsync(new InferenceRequest([], 0, text, maxWindows), cancellationToken).ConfigureAwait(false);
        return new SecurePerplexity(answer.Perplexity!, cost);
    }
}

using Ditto.Models.Bert;
using Ditto.Models.Hosting;

namespace Ditto.Models.Inference;

/// <summary>Sentence embeddings from a secure run, one unit-length vector per text, and the run's cost.</summary>
public sealed record SecureEmbeddings(IReadOnlyList<float[]> Vectors, Ditto.Runtime.Ledger.CostReport Cost);

/// <summary>Labels from a secure run of a sequence classifier, one per text, and the run's cost.</summary>
public sealed record SecureClassifications(IReadOnlyList<TextClassification> Labels, Ditto.Runtime.Ledger.CostReport Cost);

/// <summary>
/// A BERT encoder under three-party computation in a few calls:
/// <code>
/// await using var encoder = SecureEncoder.FromFolder("minilm", "ditto-quant");
/// var embeddings = await encoder.EmbedAsync(["A man is eating food.", "A man is riding a horse."], cancellationToken);
/// </code>
/// Every call is one session of three parties in this process; the texts are the client's secret input, the weights
/// the owner's, and only the client's party learns the embeddings (docs/models.md).
/// </summary>
public sealed class SecureEncoder : SecureRunner
{
    private SecureEncoder(EncoderModel model, ModelPreset preset, SecureRunOptions? options)
        : base(model, preset, options)
    {
        Encoder = model;
    }

    /// <summary>The loaded encoder and its tokenizer.</summary>
    public EncoderModel Encoder { get; }

    /// <summary>True when the folder is a sequence classifier (<see cref="ClassifyAsync"/>), false for an encoder (<see cref="EmbedAsync"/>).</summary>
    public bool IsClassifier => Encoder.Checkpoint.Classification is not null;

    /// <summary>Loads "minilm", a Hugging Face BERT folder, or a folder with model.onnx and vocab.txt, under a preset by name.</summary>
    /// <exception cref="ModelFileException">A model file is missing or malformed (the message names it).</exception>
    /// <exception cref="ArgumentException">The folder holds a decoder, or is not a model.</exception>
    /// <exception cref="KeyNotFoundException">There is no such preset (the message lists them).</exception>
    public static SecureEncoder FromFolder(string path, string preset = "ditto-quant", SecureRunOptions? options = null) =>
        FromFolder(path, PresetNamed(preset), options);

    /// <summary>Loads an encoder under a preset, for example <c>Presets.Get("ditto") with { Plan = … }</c>.</summary>
    public static SecureEncoder FromFolder(string path, ModelPreset preset, SecureRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return ModelSources.Load(path) switch
        {
            EncoderModel encoder => new SecureEncoder(encoder, preset, options),
            var other => throw new ArgumentException($"'{path}' holds the decoder {other.Name}; use SecureGenerator for decoders.", nameof(path)),
        };
    }

    /// <summary>The sentence embeddings of <paramref name="texts"/>, all in one padded pass.</summary>
    public async Task<SecureEmbeddings> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        if (IsClassifier)
        {
            throw new InvalidOperationException($"{Model.Name} has a classification head; use ClassifyAsync.");
        }

        var (answer, cost) = await RunAsync(Request(texts), cancellationToken).ConfigureAwait(false);
        return new SecureEmbeddings(answer.Embeddings!, cost);
    }

    /// <summary>The labels of <paramref name="texts"/> under the checkpoint's classification head.</summary>
    public async Task<SecureClassifications> ClassifyAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        if (!IsClassifier)
        {
            throw new InvalidOperationException($"{Model.Name} is an encoder without a classification head; use EmbedAsync.");
        }

        var (answer, cost) = await RunAsync(Request(texts), cancellationToken).ConfigureAwait(false);
        return new SecureClassifications(answer.Classifications!, cost);
    }

    private static InferenceRequest Request(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Count > 0 && texts.All(t => t is not null)
            ? new InferenceRequest(texts)
            : throw new ArgumentException("Give at least one text, and no null text.", nameof(texts));
    }
}

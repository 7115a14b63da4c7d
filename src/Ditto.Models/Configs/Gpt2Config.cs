namespace Ditto.Models.Configs;

/// <summary>A GPT-2 decoder's sizes from a Hugging Face config.json; <see cref="Validate"/> rejects impossible or unsupported values, naming the field.</summary>
public sealed record Gpt2Config
{
    /// <summary>vocab_size.</summary>
    public required int VocabSize { get; init; }

    /// <summary>n_positions (the context length).</summary>
    public required int Positions { get; init; }

    /// <summary>n_embd (the width of the residual stream).</summary>
    public required int Embedding { get; init; }

    /// <summary>n_layer.</summary>
    public required int Layers { get; init; }

    /// <summary>n_head.</summary>
    public required int Heads { get; init; }

    /// <summary>n_inner (the MLP width; Hugging Face's null means 4·n_embd).</summary>
    public required int Inner { get; init; }

    /// <summary>activation_function as a GeLU variant.</summary>
    public GeluVariant Activation { get; init; } = GeluVariant.Tanh;

    /// <summary>layer_norm_epsilon.</summary>
    public double LayerNormEps { get; init; } = 1e-5;

    /// <summary>The width of one attention head.</summary>
    public int HeadSize => Embedding / Heads;

    /// <summary>GPT-2 small's sizes: vocabulary 50257, 1024 positions, width 768, 12 blocks of 12 heads, MLP 3072.</summary>
    public static Gpt2Config Small { get; } = new()
    {
        VocabSize = 50257, Positions = 1024, Embedding = 768, Layers = 12, Heads = 12, Inner = 3072,
    };

    /// <summary>GPT-2 medium's sizes: vocabulary 50257, 1024 positions, width 1024, 24 blocks of 16 heads, MLP 4096.</summary>
    public static Gpt2Config Medium { get; } = Small with { Embedding = 1024, Layers = 24, Heads = 16, Inner = 4096 };

    /// <summary>Reads and validates a config.json.</summary>
    public static Gpt2Config Load(string path) => From(ConfigJson.Load(path));

    /// <summary>Parses and validates config.json text; <paramref name="path"/> names it in messages.</summary>
    public static Gpt2Config Parse(string json, string path = "config.json") => From(ConfigJson.Parse(json, path));

    /// <summary>Throws <see cref="ModelFileException"/> naming the first impossible field.</summary>
    public Gpt2Config Validate(string path)
    {
        Check(path, "vocab_size", VocabSize >= 1, $"is {VocabSize}; it must be positive");
        Check(path, "n_positions", Positions >= 1, $"is {Positions}; it must be positive");
        Check(path, "n_embd", Embedding >= 1, $"is {Embedding}; it must be positive");
        Check(path, "n_layer", Layers >= 1, $"is {Layers}; it must be positive");
        Check(path, "n_head", Heads >= 1, $"is {Heads}; it must be positive");
        Check(path, "n_head", Embedding % Heads == 0, $"is {Heads}, which does not divide n_embd {Embedding}");
        Check(path, "n_inner", Inner >= 1, $"is {Inner}; it must be positive");
        Check(path, "layer_norm_epsilon", LayerNormEps > 0 && LayerNormEps < 1, $"is {LayerNormEps}; it must lie in (0, 1)");
        return this;
    }

    private static void Check(string path, string field, bool ok, string problem)
    {
        if (!ok)
        {
            throw new ModelFileException(path, field, problem);
        }
    }

    private static Gpt2Config From(ConfigJson json)
    {
        if (json.String("model_type") is { } type && type != "gpt2")
        {
            throw new ModelFileException(json.Path, "model_type", $"is '{type}'; this loader reads GPT-2 decoders (model_type \"gpt2\")");
        }

        // Variants of the architecture this implementation does not compute: refuse rather than compute something else.
        Unsupported(json, "tie_word_embeddings", true, "the LM head must be tied to wte");
        Unsupported(json, "scale_attn_weights", true, "attention scores must be scaled by 1/sqrt(head size)");
        Unsupported(json, "scale_attn_by_inverse_layer_idx", false, "per-layer score scaling is not implemented");
        Unsupported(json, "add_cross_attention", false, "cross-attention is not implemented");
        var act = json.String("activation_function") ?? "gelu_new";
        var embedding = json.Int("n_embd");
        var config = new Gpt2Config
        {
            VocabSize = json.Int("vocab_size"),
            Positions = json.Int("n_positions"),
            Embedding = embedding,
            Layers = json.Int("n_layer"),
            Heads = json.Int("n_head"),
            Inner = json.OptionalInt("n_inner") ?? (embedding <= int.MaxValue / 4 ? 4 * embedding : throw new ModelFileException(json.Path, "n_embd", $"is {embedding}; 4·n_embd (the default n_inner) overflows")),
            LayerNormEps = json.PositiveDouble("layer_norm_epsilon", 1e-5, below: 1),
            Activation = Activations.Parse(act) ?? throw new ModelFileException(json.Path, "activation_function", $"'{act}' is not a supported activation; expected one of {Activations.Known}"),
        };
        return config.Validate(json.Path);
    }

    private static void Unsupported(ConfigJson json, string field, bool required, string why)
    {
        if (json.Bool(field, required) != required)
        {
            throw new ModelFileException(json.Path, field, $"must be {(required ? "true" : "false")}: {why}");
        }
    }
}

namespace Ditto.Models.Configs;

/// <summary>
/// A BERT encoder's sizes, from a Hugging Face config.json (<see cref="Load"/>) or derived from weights (MiniLM's ONNX
/// has no config). <see cref="Validate"/> rejects impossible values, naming the field.
/// </summary>
public sealed record BertConfig
{
    /// <summary>vocab_size.</summary>
    public required int VocabSize { get; init; }

    /// <summary>hidden_size.</summary>
    public required int HiddenSize { get; init; }

    /// <summary>num_hidden_layers.</summary>
    public required int Layers { get; init; }

    /// <summary>num_attention_heads.</summary>
    public required int Heads { get; init; }

    /// <summary>intermediate_size (the feed-forward width).</summary>
    public required int IntermediateSize { get; init; }

    /// <summary>max_position_embeddings.</summary>
    public required int MaxPositions { get; init; }

    /// <summary>type_vocab_size (token types; single sentences use type 0).</summary>
    public int TypeVocabSize { get; init; } = 2;

    /// <summary>layer_norm_eps.</summary>
    public double LayerNormEps { get; init; } = 1e-12;

    /// <summary>hidden_act as a GeLU variant.</summary>
    public GeluVariant Activation { get; init; } = GeluVariant.Erf;

    /// <summary>
    /// id2label: the name of each classifier output, in id order; null when the config has none (then a classification
    /// head's outputs are named LABEL_0, LABEL_1, … as Hugging Face does).
    /// </summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>The width of one attention head.</summary>
    public int HeadSize => HiddenSize / Heads;

    /// <summary>bert-base-uncased's sizes: vocabulary 30522, width 768, 12 layers of 12 heads, feed-forward 3072, 512 positions.</summary>
    public static BertConfig Base { get; } = new()
    {
        VocabSize = 30522, HiddenSize = 768, Layers = 12, Heads = 12, IntermediateSize = 3072, MaxPositions = 512,
    };

    /// <summary>bert-large-uncased's sizes: vocabulary 30522, width 1024, 24 layers of 16 heads, feed-forward 4096, 512 positions.</summary>
    public static BertConfig Large { get; } = Base with { HiddenSize = 1024, Layers = 24, Heads = 16, IntermediateSize = 4096 };

    /// <summary>all-MiniLM-L6-v2's configuration, for comparison with what the loader derives from its ONNX file.</summary>
    public static BertConfig MiniLmL6 { get; } = new()
    {
        VocabSize = 30522, HiddenSize = 384, Layers = 6, Heads = 12, IntermediateSize = 1536, MaxPositions = 512,
    };

    /// <summary>Reads and validates a config.json.</summary>
    public static BertConfig Load(string path) => From(ConfigJson.Load(path));

    /// <summary>Parses and validates config.json text; <paramref name="path"/> names it in messages.</summary>
    public static BertConfig Parse(string json, string path = "config.json") => From(ConfigJson.Parse(json, path));

    /// <summary>Throws <see cref="ModelFileException"/> naming the first impossible field.</summary>
    public BertConfig Validate(string path)
    {
        Check(path, "vocab_size", VocabSize >= 1, $"is {VocabSize}; it must be positive");
        Check(path, "hidden_size", HiddenSize >= 1, $"is {HiddenSize}; it must be positive");
        Check(path, "num_hidden_layers", Layers >= 1, $"is {Layers}; it must be positive");
        Check(path, "num_attention_heads", Heads >= 1, $"is {Heads}; it must be positive");
        Check(path, "num_attention_heads", HiddenSize % Heads == 0, $"is {Heads}, which does not divide hidden_size {HiddenSize}");
        Check(path, "intermediate_size", IntermediateSize >= 1, $"is {IntermediateSize}; it must be positive");
        Check(path, "max_position_embeddings", MaxPositions >= 1, $"is {MaxPositions}; it must be positive");
        Check(path, "type_vocab_size", TypeVocabSize >= 1, $"is {TypeVocabSize}; it must be positive");
        Check(path, "layer_norm_eps", LayerNormEps > 0 && LayerNormEps < 1, $"is {LayerNormEps}; it must lie in (0, 1)");
        return this;
    }

    private static void Check(string path, string field, bool ok, string problem)
    {
        if (!ok)
        {
            throw new ModelFileException(path, field, problem);
        }
    }

    private static BertConfig From(ConfigJson json)
    {
        if (json.String("model_type") is { } type && type != "bert")
        {
            throw new ModelFileException(json.Path, "model_type", $"is '{type}'; this loader reads BERT encoders (model_type \"bert\")");
        }

        if (json.String("position_embedding_type") is { } positions && positions != "absolute")
        {
            throw new ModelFileException(json.Path, "position_embedding_type", $"is '{positions}'; only \"absolute\" (a learned table) is supported");
        }

        var act = json.String("hidden_act") ?? "gelu";
        var config = new BertConfig
        {
            VocabSize = json.Int("vocab_size"),
            HiddenSize = json.Int("hidden_size"),
            Layers = json.Int("num_hidden_layers"),
            Heads = json.Int("num_attention_heads"),
            IntermediateSize = json.Int("intermediate_size"),
            MaxPositions = json.Int("max_position_embeddings"),
            TypeVocabSize = json.OptionalInt("type_vocab_size") ?? 2,
            LayerNormEps = json.PositiveDouble("layer_norm_eps", 1e-12, below: 1),
            Labels = json.IdMap("id2label"),
            Activation = Activations.Parse(act) ?? throw new ModelFileException(json.Path, "hidden_act", $"'{act}' is not a supported activation; expected one of {Activations.Known}"),
        };
        return config.Validate(json.Path);
    }
}

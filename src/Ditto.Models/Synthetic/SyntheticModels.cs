using Ditto.Models.Bert;
using Ditto.Models.Configs;
using Ditto.Models.Gpt2;

namespace Ditto.Models.Synthetic;

/// <summary>
/// BERT and GPT-2 of a given size without a checkpoint, built by the real loaders from Hugging Face state-dict names and
/// shapes derived from the config: with placeholder weights (shapes only), what `ditto inspect` prices without a
/// download; or with seeded random weights (<see cref="RandomWeights"/>), what `ditto bench` runs at the published sizes.
/// </summary>
public static class SyntheticModels
{
    /// <summary>bert-base-uncased's sizes: vocabulary 30522, width 768, 12 layers of 12 heads, feed-forward 3072, 512 positions.</summary>
    public static BertConfig BertBase { get; } = new()
    {
        VocabSize = 30522, HiddenSize = 768, Layers = 12, Heads = 12, IntermediateSize = 3072, MaxPositions = 512,
    };

    /// <summary>bert-large-uncased's sizes: vocabulary 30522, width 1024, 24 layers of 16 heads, feed-forward 4096, 512 positions.</summary>
    public static BertConfig BertLarge { get; } = BertBase with { HiddenSize = 1024, Layers = 24, Heads = 16, IntermediateSize = 4096 };

    /// <summary>GPT-2 small's sizes: vocabulary 50257, 1024 positions, width 768, 12 blocks of 12 heads, MLP 3072.</summary>
    public static Gpt2Config Gpt2Small { get; } = new()
    {
        VocabSize = 50257, Positions = 1024, Embedding = 768, Layers = 12, Heads = 12, Inner = 3072,
    };

    /// <summary>GPT-2 medium's sizes: vocabulary 50257, 1024 positions, width 1024, 24 blocks of 16 heads, MLP 4096.</summary>
    public static Gpt2Config Gpt2Medium { get; } = Gpt2Small with { Embedding = 1024, Layers = 24, Heads = 16, Inner = 4096 };

    /// <summary>A BERT encoder of <paramref name="config"/>'s sizes with placeholder weights (no pooler).</summary>
    public static BertCheckpoint Bert(BertConfig config) =>
        BertLoader.Build(new PlaceholderWeights(BertShapes(config), "placeholder BERT weights"), config, "placeholder config");

    /// <summary>A BERT encoder of <paramref name="config"/>'s sizes with random weights from <paramref name="seed"/> (no pooler).</summary>
    public static BertCheckpoint Bert(BertConfig config, ulong seed) =>
        BertLoader.Build(new RandomWeights(BertShapes(config), seed, $"random BERT weights (seed {seed})"), config, "synthetic config");

    /// <summary>A GPT-2 model of <paramref name="config"/>'s sizes with placeholder weights.</summary>
    public static Gpt2Checkpoint Gpt2(Gpt2Config config) =>
        Gpt2Loader.Build(new PlaceholderWeights(Gpt2Shapes(config), "placeholder GPT-2 weights"), config, "placeholder config");

    /// <summary>A GPT-2 model of <paramref name="config"/>'s sizes with random weights from <paramref name="seed"/>.</summary>
    public static Gpt2Checkpoint Gpt2(Gpt2Config config, ulong seed) =>
        Gpt2Loader.Build(new RandomWeights(Gpt2Shapes(config), seed, $"random GPT-2 weights (seed {seed})"), config, "synthetic config");

    /// <summary>BERT's state-dict names and shapes (PyTorch layout) for <paramref name="config"/>.</summary>
    private static Dictionary<string, long[]> BertShapes(BertConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        long d = config.HiddenSize, inner = config.IntermediateSize;
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal)
        {
            ["embeddings.word_embeddings.weight"] = [config.VocabSize, d],
            ["embeddings.position_embeddings.weight"] = [config.MaxPositions, d],
            ["embeddings.token_type_embeddings.weight"] = [config.TypeVocabSize, d],
        };
        Norm(shapes, "embeddings.LayerNorm", d);
        for (var i = 0; i < config.Layers; i++)
        {
            var l = $"encoder.layer.{i}";
            foreach (var name in new[] { "attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense" })
            {
                Linear(shapes, $"{l}.{name}", d, d);
            }

            Norm(shapes, $"{l}.attention.output.LayerNorm", d);
            Linear(shapes, $"{l}.intermediate.dense", d, inner);
            Linear(shapes, $"{l}.output.dense", inner, d);
            Norm(shapes, $"{l}.output.LayerNorm", d);
        }

        return shapes;
    }

    /// <summary>GPT-2's state-dict names and shapes (Conv1D layout) for <paramref name="config"/>.</summary>
    private static Dictionary<string, long[]> Gpt2Shapes(Gpt2Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        long d = config.Embedding, inner = config.Inner;
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal)
        {
            ["wte.weight"] = [config.VocabSize, d],
            ["wpe.weight"] = [config.Positions, d],
        };
        for (var i = 0; i < config.Layers; i++)
        {
            var h = $"h.{i}";
            Norm(shapes, $"{h}.ln_1", d);
            Conv1D(shapes, $"{h}.attn.c_attn", d, 3 * d);
            Conv1D(shapes, $"{h}.attn.c_proj", d, d);
            Norm(shapes, $"{h}.ln_2", d);
            Conv1D(shapes, $"{h}.mlp.c_fc", d, inner);
            Conv1D(shapes, $"{h}.mlp.c_proj", inner, d);
        }

        Norm(shapes, "ln_f", d);
        return shapes;
    }

    private static void Norm(Dictionary<string, long[]> shapes, string name, long d)
    {
        shapes[name + ".weight"] = [d];
        shapes[name + ".bias"] = [d];
    }

    /// <summary>A PyTorch Linear: weight stored [out, in].</summary>
    private static void Linear(Dictionary<string, long[]> shapes, string name, long inputs, long outputs)
    {
        shapes[name + ".weight"] = [outputs, inputs];
        shapes[name + ".bias"] = [outputs];
    }

    /// <summary>GPT-2's Conv1D: weight stored [in, out].</summary>
    private static void Conv1D(Dictionary<string, long[]> shapes, string name, long inputs, long outputs)
    {
        shapes[name + ".weight"] = [inputs, outputs];
        shapes[name + ".bias"] = [outputs];
    }
}

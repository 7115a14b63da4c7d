using Ditto.Models.Configs;
using Ditto.Models.Synthetic;

namespace Ditto.Models.Bert;

/// <summary>
/// A BERT encoder of a given size without a checkpoint, built by the real loader from the Hugging Face state-dict names
/// and shapes a config implies: with placeholder weights (shapes only), what `ditto inspect` prices; or with seeded random
/// weights, what `ditto bench` runs at the published sizes.
/// </summary>
public static class BertStateDict
{
    /// <summary>The encoder's state-dict names and shapes (no pooler) for <paramref name="config"/>.</summary>
    public static StateDictShapes Shapes(BertConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        long d = config.HiddenSize, inner = config.IntermediateSize;
        var shapes = new StateDictShapes()
            .Tensor("embeddings.word_embeddings.weight", config.VocabSize, d)
            .Tensor("embeddings.position_embeddings.weight", config.MaxPositions, d)
            .Tensor("embeddings.token_type_embeddings.weight", config.TypeVocabSize, d)
            .Norm("embeddings.LayerNorm", d);
        for (var i = 0; i < config.Layers; i++)
        {
            var l = $"encoder.layer.{i}";
            foreach (var name in new[] { "attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense" })
            {
                shapes.Linear($"{l}.{name}", d, d);
            }

            shapes.Norm($"{l}.attention.output.LayerNorm", d)
                .Linear($"{l}.intermediate.dense", d, inner)
                .Linear($"{l}.output.dense", inner, d)
                .Norm($"{l}.output.LayerNorm", d);
        }

        return shapes;
    }

    /// <summary>An encoder of <paramref name="config"/>'s sizes with placeholder weights.</summary>
    public static BertCheckpoint Placeholders(BertConfig config) =>
        BertLoader.Build(new PlaceholderWeights(Shapes(config).Shapes, "placeholder BERT weights"), config, "placeholder config");

    /// <summary>An encoder of <paramref name="config"/>'s sizes with random weights from <paramref name="seed"/>.</summary>
    public static BertCheckpoint Random(BertConfig config, ulong seed) =>
        BertLoader.Build(new RandomWeights(Shapes(config).Shapes, seed, $"random BERT weights (seed {seed})"), config, "synthetic config");
}

using Ditto.Models.Configs;
using Ditto.Models.Synthetic;

namespace Ditto.Models.Gpt2;

/// <summary>
/// A GPT-2 model of a given size without a checkpoint, built by the real loader from the Hugging Face state-dict names and
/// shapes a config implies: with placeholder weights (shapes only) for `ditto inspect`, or seeded random weights for
/// `ditto bench`.
/// </summary>
public static class Gpt2StateDict
{
    /// <summary>GPT-2's state-dict names and shapes (Conv1D layout) for <paramref name="config"/>.</summary>
    public static StateDictShapes Shapes(Gpt2Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        long d = config.Embedding, inner = config.Inner;
        var shapes = new StateDictShapes()
            .Tensor("wte.weight", config.VocabSize, d)
            .Tensor("wpe.weight", config.Positions, d);
        for (var i = 0; i < config.Layers; i++)
        {
            var h = $"h.{i}";
            shapes.Norm($"{h}.ln_1", d)
                .Conv1D($"{h}.attn.c_attn", d, 3 * d)
                .Conv1D($"{h}.attn.c_proj", d, d)
                .Norm($"{h}.ln_2", d)
                .Conv1D($"{h}.mlp.c_fc", d, inner)
                .Conv1D($"{h}.mlp.c_proj", inner, d);
        }

        return shapes.Norm("ln_f", d);
    }

    /// <summary>A GPT-2 model of <paramref name="config"/>'s sizes with placeholder weights.</summary>
    public static Gpt2Checkpoint Placeholders(Gpt2Config config) =>
        Gpt2Loader.Build(new PlaceholderWeights(Shapes(config).Shapes, "placeholder GPT-2 weights"), config, "placeholder config");

    /// <summary>A GPT-2 model of <paramref name="config"/>'s sizes with random weights from <paramref name="seed"/>.</summary>
    public static Gpt2Checkpoint Random(Gpt2Config config, ulong seed) =>
        Gpt2Loader.Build(new RandomWeights(Shapes(config).Shapes, seed, $"random GPT-2 weights (seed {seed})"), config, "synthetic config");
}

using Ditto.Models.Configs;
using Ditto.Models.Layers;
using Ditto.Models.Weights;

namespace Ditto.Models.Gpt2;

/// <summary>
/// Builds <see cref="Gpt2Model"/> from a Hugging Face GPT-2 folder (config.json + safetensors; names with or without
/// the "transformer." prefix; Conv1D weights [in, out] as stored). Every tensor's shape is checked against the config; a
/// missing, misshapen or surplus tensor is a <see cref="ModelFileException"/> naming the file and the tensor.
/// </summary>
public static class Gpt2Loader
{
    /// <summary>Loads a model folder; with <paramref name="shapesOnly"/> every weight is a placeholder (a party that does not own the model).</summary>
    public static Gpt2Checkpoint Load(string folder, bool shapesOnly = false)
    {
        var configPath = Path.Combine(folder, "config.json");
        var config = Gpt2Config.Load(configPath);
        IWeightSource weights = SafeTensors.Open(folder);
        return Build(shapesOnly ? new ShapesOnlyWeights(weights) : weights, config, configPath);
    }

    /// <summary>Builds the model from Hugging Face-named weights; <paramref name="configSource"/> names the config in messages.</summary>
    public static Gpt2Checkpoint Build(IWeightSource weights, Gpt2Config config, string configSource)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate(configSource);
        var w = weights;
        var p = w.Contains("transformer.wte.weight") ? "transformer." : string.Empty;
        int d = config.Embedding, inner = config.Inner;
        var width = $"n_embd = {d}";

        LayerNormalization Norm(string name) => new()
        {
            Weight = w.Require($"{p}{name}.weight", [d], width),
            Bias = w.Require($"{p}{name}.bias", [d], width),
            Epsilon = config.LayerNormEps,
        };

        // Conv1D stores [in, out]: y = x·W + b, exactly Dense's layout.
        Dense Conv1D(string name, int inputs, int outputs, string because) => new()
        {
            Weight = w.Require($"{p}{name}.weight", [inputs, outputs], because),
            Bias = w.Require($"{p}{name}.bias", [outputs], because),
        };

        var blocks = new Gpt2Block[config.Layers];
        for (var i = 0; i < blocks.Length; i++)
        {
            var h = $"h.{i}";
            blocks[i] = new Gpt2Block
            {
                Norm1 = Norm($"{h}.ln_1"),
                QueryKeyValueProjection = Conv1D($"{h}.attn.c_attn", d, 3 * d, $"{width}: query | key | value"),
                OutputProjection = Conv1D($"{h}.attn.c_proj", d, d, width),
                Norm2 = Norm($"{h}.ln_2"),
                Mlp = new FeedForward
                {
                    Up = Conv1D($"{h}.mlp.c_fc", d, inner, $"{width}, n_inner = {inner}"),
                    Down = Conv1D($"{h}.mlp.c_proj", inner, d, $"{width}, n_inner = {inner}"),
                    Variant = config.Activation,
                },
                Width = d,
                Heads = config.Heads,
                Scale = 1 / Math.Sqrt(config.HeadSize),
            };
        }

        var surplus = $"{p}h.{config.Layers}.attn.c_attn.weight";
        if (w.Contains(surplus))
        {
            throw new ModelFileException(w.FileOf(surplus), surplus, $"the weights hold more blocks than n_layer = {config.Layers}");
        }

        var wte = w.Require($"{p}wte.weight", [config.VocabSize, d], $"vocab_size = {config.VocabSize}, {width}");

        // Some checkpoints store the tied head as well; accept it only if it really is wte.
        if (w.Contains("lm_head.weight") && !w.Require("lm_head.weight", [config.VocabSize, d], "tied to wte").Data.AsSpan().SequenceEqual(wte.Data))
        {
            throw new ModelFileException(w.FileOf("lm_head.weight"), "lm_head.weight", "differs from wte; an untied LM head is not supported (tie_word_embeddings)");
        }

        var model = new Gpt2Model
        {
            TokenEmbeddings = wte,
            PositionEmbeddings = w.Require($"{p}wpe.weight", [config.Positions, d], $"n_positions = {config.Positions}, {width}"),
            Blocks = blocks,
            FinalNorm = Norm("ln_f"),
        };
        return new Gpt2Checkpoint(config, model);
    }
}

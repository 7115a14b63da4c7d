using Ditto.Models.Configs;
using Ditto.Models.Synthetic;

namespace Ditto.Models.Llama;

/// <summary>
/// A LLaMA-architecture model of a given size without a checkpoint, built by the real loader from the Hugging Face
/// state-dict names and shapes a config implies: placeholder weights for `ditto inspect`, seeded random ones for
/// `ditto bench`.
/// </summary>
public static class LlamaStateDict
{
    /// <summary>LlamaForCausalLM's state-dict names and shapes (nn.Linear layout [out, in]) for <paramref name="config"/>.</summary>
    public static StateDictShapes Shapes(LlamaConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        long d = config.Hidden, inner = config.Intermediate, q = config.Heads * config.HeadSize, kv = config.KeyValueHeads * config.HeadSize;
        var shapes = new StateDictShapes().Tensor("model.embed_tokens.weight", config.VocabSize, d);
        for (var i = 0; i < config.Layers; i++)
        {
            var layer = $"model.layers.{i}";
            shapes.Tensor($"{layer}.input_layernorm.weight", d)
                .Tensor($"{layer}.self_attn.q_proj.weight", q, d)
                .Tensor($"{layer}.self_attn.k_proj.weight", kv, d)
                .Tensor($"{layer}.self_attn.v_proj.weight", kv, d)
                .Tensor($"{layer}.self_attn.o_proj.weight", d, q)
                .Tensor($"{layer}.post_attention_layernorm.weight", d)
                .Tensor($"{layer}.mlp.gate_proj.weight", inner, d)
                .Tensor($"{layer}.mlp.up_proj.weight", inner, d)
                .Tensor($"{layer}.mlp.down_proj.weight", d, inner);
            if (config.AttentionBias)
            {
                shapes.Tensor($"{layer}.self_attn.q_proj.bias", q)
                    .Tensor($"{layer}.self_attn.k_proj.bias", kv)
                    .Tensor($"{layer}.self_attn.v_proj.bias", kv);
            }
        }

        shapes.Tensor("model.norm.weight", d);
        return config.TiedEmbeddings ? shapes : shapes.Tensor("lm_head.weight", config.VocabSize, d);
    }

    /// <summary>A model of <paramref name="config"/>'s sizes with placeholder weights.</summary>
    public static LlamaCheckpoint Placeholders(LlamaConfig config) =>
        LlamaLoader.Build(new PlaceholderWeights(Shapes(config).Shapes, "placeholder LLaMA weights"), config, "placeholder config");

    /// <summary>A model of <paramref name="config"/>'s sizes with random weights from <paramref name="seed"/>.</summary>
    public static LlamaCheckpoint Random(LlamaConfig config, ulong seed) =>
        LlamaLoader.Build(new RandomWeights(Shapes(config).Shapes, seed, $"random LLaMA weights (seed {seed})"), config, "synthetic config");
}

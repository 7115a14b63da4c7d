using Ditto.Models.Configs;
using Ditto.Models.Layers;
using Ditto.Models.Weights;

namespace Ditto.Models.Llama;

/// <summary>
/// Builds <see cref="LlamaModel"/> from a Hugging Face LlamaForCausalLM folder (LLaMA, Mistral, Qwen2: config.json and
/// model.safetensors or a sharded set; F32, F16 or BF16). Every tensor's shape is checked against the config; a missing,
/// misshapen or surplus tensor is a <see cref="ModelFileException"/> naming the file and the tensor.
/// </summary>
public static class LlamaLoader
{
    /// <summary>Loads a model folder; with <paramref name="shapesOnly"/> every weight is a placeholder (a party that does not own the model).</summary>
    public static LlamaCheckpoint Load(string folder, bool shapesOnly = false)
    {
        var configPath = Path.Combine(folder, "config.json");
        var config = LlamaConfig.Load(configPath);
        IWeightSource weights = SafeTensors.Open(folder);
        return Build(shapesOnly ? new ShapesOnlyWeights(weights) : weights, config, configPath);
    }

    /// <summary>Builds the model from Hugging Face-named weights; <paramref name="configSource"/> names the config in messages.</summary>
    public static LlamaCheckpoint Build(IWeightSource weights, LlamaConfig config, string configSource)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate(configSource);
        var w = weights;
        int d = config.Hidden, inner = config.Intermediate, q = config.Heads * config.HeadSize, kv = config.KeyValueHeads * config.HeadSize;
        var hidden = $"hidden_size = {d}";
        var queries = $"num_attention_heads·head_dim = {config.Heads}·{config.HeadSize}";
        var keys = $"num_key_value_heads·head_dim = {config.KeyValueHeads}·{config.HeadSize}";

        RmsNormalization Norm(string name) => new()
        {
            Weight = w.Require($"{name}.weight", [d], hidden),
            Epsilon = config.RmsNormEps,
        };

        // nn.Linear stores [out, in]: Projection computes x·Wᵀ on the tensor as stored.
        Projection Linear(string name, int outputs, int inputs, string because, bool bias)
        {
            if (!bias && w.Contains($"{name}.bias"))
            {
                throw new ModelFileException(w.FileOf($"{name}.bias"), $"{name}.bias", config.AttentionBias
                    ? "is a bias this projection does not have in the LLaMA architecture"
                    : "is present but config.json has attention_bias = false");
            }

            return new()
            {
                Weight = w.Require($"{name}.weight", [outputs, inputs], because),
                Bias = bias ? w.Require($"{name}.bias", [outputs], because) : null,
                HasBias = bias,
            };
        }

        var blocks = new LlamaBlock[config.Layers];
        for (var i = 0; i < blocks.Length; i++)
        {
            var layer = $"model.layers.{i}";
            var attention = $"{layer}.self_attn";
            blocks[i] = new LlamaBlock
            {
                InputNorm = Norm($"{layer}.input_layernorm"),
                Attention = new LlamaAttention
                {
                    QueryProjection = Linear($"{attention}.q_proj", q, d, $"{queries}, {hidden}", config.AttentionBias),
                    KeyProjection = Linear($"{attention}.k_proj", kv, d, $"{keys}, {hidden}", config.AttentionBias),
                    ValueProjection = Linear($"{attention}.v_proj", kv, d, $"{keys}, {hidden}", config.AttentionBias),
                    // LLaMA with attention_bias has an o_proj bias; Qwen2's q/k/v biases come without one.
                    OutputProjection = Linear($"{attention}.o_proj", d, q, $"{hidden}, {queries}", config.AttentionBias && w.Contains($"{attention}.o_proj.bias")),
                    Heads = config.Heads,
                    KeyValueHeads = config.KeyValueHeads,
                    HeadSize = config.HeadSize,
                    Theta = config.RopeTheta,
                    Scale = 1 / Math.Sqrt(config.HeadSize),
                },
                PostAttentionNorm = Norm($"{layer}.post_attention_layernorm"),
                Mlp = new GatedFeedForward
                {
                    Gate = Linear($"{layer}.mlp.gate_proj", inner, d, $"intermediate_size = {inner}, {hidden}", bias: false),
                    Up = Linear($"{layer}.mlp.up_proj", inner, d, $"intermediate_size = {inner}, {hidden}", bias: false),
                    Down = Linear($"{layer}.mlp.down_proj", d, inner, $"{hidden}, intermediate_size = {inner}", bias: false),
                },
            };
        }

        var surplus = $"model.layers.{config.Layers}.self_attn.q_proj.weight";
        if (w.Contains(surplus))
        {
            throw new ModelFileException(w.FileOf(surplus), surplus, $"the weights hold more layers than num_hidden_layers = {config.Layers}");
        }

        var embeddings = w.Require("model.embed_tokens.weight", [config.VocabSize, d], $"vocab_size = {config.VocabSize}, {hidden}");
        Tensor head;
        if (config.TiedEmbeddings)
        {
            // Some checkpoints store the tied head as well; accept it only if it really is the embedding.
            if (w.Contains("lm_head.weight") && !w.Require("lm_head.weight", [config.VocabSize, d], "tied to embed_tokens").Data.AsSpan().SequenceEqual(embeddings.Data))
            {
                throw new ModelFileException(w.FileOf("lm_head.weight"), "lm_head.weight", "differs from model.embed_tokens.weight although config.json has tie_word_embeddings = true");
            }

            head = embeddings;
        }
        else
        {
            head = w.Require("lm_head.weight", [config.VocabSize, d], $"tie_word_embeddings = false: vocab_size = {config.VocabSize}, {hidden}");
        }

        var model = new LlamaModel
        {
            TokenEmbeddings = embeddings,
            Blocks = blocks,
            FinalNorm = Norm("model.norm"),
            LmHead = head,
        };
        return new LlamaCheckpoint(config, model);
    }
}

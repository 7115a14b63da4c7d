using Ditto.Models.Configs;
using Ditto.Models.Decoding;
using Ditto.Models.Inputs;
using Ditto.Models.Llama;
using Ditto.Models.Synthetic;
using Ditto.Models.Tests.Support;
using Ditto.Models.Weights;

namespace Ditto.Models.Tests.Llama;

/// <summary>
/// LlamaForCausalLM folders that disagree with their config: a missing, misshapen or surplus tensor, a bias the config
/// does not announce, an untied head that is absent, a stored tied head that differs; sharded sets; Qwen2's q/k/v
/// biases; and the ModelSources route for every LLaMA-family model_type. Built on a small random LLaMA written to disk.
/// </summary>
public sealed class LlamaLoaderTests : IDisposable
{
    private const string Config = """
        {"model_type": "llama", "vocab_size": 16, "max_position_embeddings": 8, "hidden_size": 8, "intermediate_size": 12,
         "num_hidden_layers": 2, "num_attention_heads": 2, "num_key_value_heads": 1, "head_dim": 4, "rms_norm_eps": 1e-5,
         "rope_theta": 10000.0, "hidden_act": "silu", "tie_word_embeddings": true}
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static LlamaConfig Parsed(string config = Config) => LlamaConfig.Parse(config);

    /// <summary>The tensors of a random model of <paramref name="config"/> by the state-dict names, in order.</summary>
    private static List<KeyValuePair<string, Tensor>> Tensors(string config = Config)
    {
        var shapes = LlamaStateDict.Shapes(Parsed(config)).Shapes;
        var random = new RandomWeights(shapes, 7, "test weights");
        return [.. shapes.Keys.Select(name => new KeyValuePair<string, Tensor>(name, random.Read(name)))];
    }

    private string Write(IEnumerable<KeyValuePair<string, Tensor>> tensors, string config = Config)
    {
        File.WriteAllText(_folder.File("config.json"), config);
        SafeTensorsWriter.Write(_folder.File("model.safetensors"), tensors, SafeTensorDType.F16);
        return _folder.Path;
    }

    [Fact]
    public void ARandomModelLoadsAndItsCachedAndRecomputedGenerationsAgree()
    {
        var llama = LlamaLoader.Load(Write(Tensors()));
        Assert.Equal(2, llama.Model.Blocks.Length);
        Assert.Same(llama.Model.TokenEmbeddings, llama.Model.LmHead);
        Assert.Equal(CausalGenerator.GreedyRecompute(llama, [1, 2, 3], 4), CausalGenerator.Greedy(llama, [1, 2, 3], 4));
    }

    [Fact]
    public void AMissingTensorIsNamedWithTheShapeAndWhy()
    {
        var e = Assert.Throws<ModelFileException>(() => LlamaLoader.Load(Write(Tensors().Where(t => t.Key != "model.layers.1.self_attn.k_proj.weight"))));
        Assert.Equal("model.layers.1.self_attn.k_proj.weight", e.Entry);
        Assert.Contains("[4, 8]", e.Message, StringComparison.Ordinal);
        Assert.Contains("num_key_value_heads·head_dim = 1·4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMisshapenTensorIsNamedWithBothShapes()
    {
        var tensors = Tensors().Select(t => t.Key == "model.layers.0.mlp.up_proj.weight" ? new(t.Key, Tensor.Zeros(8, 12)) : t);
        var e = Assert.Throws<ModelFileException>(() => LlamaLoader.Load(Write(tensors)));
        Assert.Equal("model.layers.0.mlp.up_proj.weight", e.Entry);
        Assert.Contains("has shape [8, 12] but the model needs [12, 8]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASurplusLayerAndAnUnannouncedBiasAreRejected()
    {
        var surplus = Assert.Throws<ModelFileException>(() => LlamaLoader.Load(Write(Tensors(), Config.Replace("\"num_hidden_layers\": 2", "\"num_hidden_layers\": 1", StringComparison.Ordinal))));
        Assert.Equal("model.layers.1.self_attn.q_proj.weight", surplus.Entry);
        Assert.Contains("more layers than num_hidden_layers = 1", surplus.Message, StringComparison.Ordinal);

        using var other = new TempFolder();
        File.WriteAllText(other.File("config.json"), Config);
        SafeTensorsWriter.Write(other.File("model.safetensors"), Tensors().Append(new("model.layers.0.self_attn.q_proj.bias", Tensor.Zeros(8))));
        var bias = Assert.Throws<ModelFileException>(() => LlamaLoader.Load(other.Path));
        Assert.Equal("model.layers.0.self_attn.q_proj.bias", bias.Entry);
        Assert.Contains("attention_bias = false", bias.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUntiedHeadMustBeStoredAndATiedCopyMustEqualTheEmbedding()
    {
        var untied = Config.Replace("\"tie_word_embeddings\": true", "\"tie_word_embeddings\": false", StringComparison.Ordinal);
        var missing = Assert.Throws<ModelFileException>(() => LlamaLoader.Load(Write(Tensors(), untied)));
        Assert.Equal("lm_head.weight", missing.Entry);

        var withHead = Tensors(untied);
        var loaded = LlamaLoader.Load(Write(withHead, untied));
        Assert.NotSame(loaded.Model.TokenEmbeddings, loaded.Model.LmHead);

        using var other = new TempFolder();
        File.WriteAllText(other.File("config.json"), Config);
        var tensors = Tensors();
        SafeTensorsWriter.Write(other.File("model.safetensors"), tensors.Append(new("lm_head.weight", tensors[0].Value * 2.0)));
        var differs = Assert.Throws<ModelFileException>(() => LlamaLoader.Load(other.Path));
        Assert.Equal("lm_head.weight", differs.Entry);
        Assert.Contains("tie_word_embeddings = true", differs.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AShardedSetLoadsLikeTheSingleFile()
    {
        var tensors = Tensors();
        var reference = LlamaLoader.Load(Write(tensors));
        using var sharded = new TempFolder();
        Shards.Write(sharded, Config, tensors, tensors.Count / 2, SafeTensorDType.F16);
        var loaded = LlamaLoader.Load(sharded.Path);
        var ids = new[] { 3, 1, 4, 1, 5 };
        Assert.Equal(reference.Model.Forward(OneHot.Encode(ids, 16)).Data, loaded.Model.Forward(OneHot.Encode(ids, 16)).Data);
    }

    [Fact]
    public void Qwen2sQueryKeyValueBiasesAreLoadedAndUsed()
    {
        var qwen = Config.Replace("\"model_type\": \"llama\"", "\"model_type\": \"qwen2\"", StringComparison.Ordinal);
        var tensors = Tensors(qwen);
        Assert.Contains(tensors, t => t.Key == "model.layers.0.self_attn.v_proj.bias");
        var loaded = LlamaLoader.Load(Write(tensors, qwen));
        Assert.True(loaded.Model.Blocks[0].Attention.ValueProjection.HasBias);
        Assert.False(loaded.Model.Blocks[0].Attention.OutputProjection.HasBias);

        // The biases change the output: without them (all zero) the hidden states differ.
        var zeroed = LlamaLoader.Load(Write(tensors.Select(t => t.Key.EndsWith(".bias", StringComparison.Ordinal) ? new(t.Key, Tensor.Zeros(t.Value.Shape.ToArray())) : t), qwen));
        var ids = new[] { 2, 7 };
        Assert.NotEqual(zeroed.Model.Forward(OneHot.Encode(ids, 16)).Data, loaded.Model.Forward(OneHot.Encode(ids, 16)).Data);
    }

    [Theory]
    [InlineData("llama")]
    [InlineData("mistral")]
    [InlineData("qwen2")]
    public void ModelSourcesLoadsEveryLlamaFamilyTypeWithTheFoldersTokenizer(string type)
    {
        var config = Config.Replace("\"model_type\": \"llama\"", $"\"model_type\": \"{type}\"", StringComparison.Ordinal).Replace("\"vocab_size\": 16", "\"vocab_size\": 50257", StringComparison.Ordinal);
        Write(Tensors(config), config);
        foreach (var file in new[] { "vocab.json", "merges.txt" })
        {
            File.Copy(Path.Combine(TestData.ModelFolder("tiny-llama"), file), _folder.File(file));
        }

        var model = Assert.IsType<Hosting.DecoderModel>(Hosting.ModelSources.Load(_folder.Path, shapesOnly: true));
        Assert.IsType<LlamaCheckpoint>(model.Checkpoint);
        Assert.Equal([15496, 995], model.Tokenizer.EncodeToIds("Hello world"));
    }
}

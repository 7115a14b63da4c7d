using Ditto.Models.Configs;
using Ditto.Models.Tests.Support;
using Ditto.Models.Tokenizers;

namespace Ditto.Models.Tests.Configs;

/// <summary>LLaMA-family config.json: the shipped tiny LLaMA, Qwen2's and Mistral's variants, and each unsupported or impossible value named by its field.</summary>
public sealed class LlamaConfigTests
{
    private static string TinyLlama => File.ReadAllText(Path.Combine(TestData.ModelFolder("tiny-llama"), "config.json"));

    [Fact]
    public void TheShippedTinyLlamaParses()
    {
        var config = LlamaConfig.Load(Path.Combine(TestData.ModelFolder("tiny-llama"), "config.json"));
        Assert.Equal(
            new LlamaConfig
            {
                VocabSize = 50257, Positions = 256, Hidden = 128, Intermediate = 352, Layers = 4, Heads = 4, KeyValueHeads = 2,
                HeadSize = 32, RmsNormEps = 1e-5, RopeTheta = 10000, TiedEmbeddings = true, AttentionBias = false,
            },
            config);
        Assert.Equal(2, config.QueriesPerKeyValue);
    }

    [Fact]
    public void Qwen2HasAttentionBiasesByDefaultAndMistralParses()
    {
        Assert.True(LlamaConfig.Parse(TinyLlama.Replace("\"llama\"", "\"qwen2\"", StringComparison.Ordinal).Replace("\"attention_bias\": false,", string.Empty, StringComparison.Ordinal)).AttentionBias);
        Assert.Equal(4, LlamaConfig.Parse(TinyLlama.Replace("\"llama\"", "\"mistral\"", StringComparison.Ordinal)).Layers);
        var noHeadDim = LlamaConfig.Parse(TinyLlama.Replace("\"head_dim\": 32,", string.Empty, StringComparison.Ordinal).Replace("\"num_key_value_heads\": 2,", string.Empty, StringComparison.Ordinal));
        Assert.Equal((32, 4), (noHeadDim.HeadSize, noHeadDim.KeyValueHeads));
    }

    [Theory]
    [InlineData("\"num_key_value_heads\": 2", "\"num_key_value_heads\": 3", "num_key_value_heads", "does not divide num_attention_heads 4")]
    [InlineData("\"head_dim\": 32", "\"head_dim\": 33", "head_dim", "must be even")]
    [InlineData("\"rope_scaling\": null", "\"rope_scaling\": {\"type\": \"linear\", \"factor\": 2.0}", "rope_scaling", "not implemented")]
    [InlineData("\"hidden_act\": \"silu\"", "\"hidden_act\": \"gelu\"", "hidden_act", "'gelu'")]
    [InlineData("\"mlp_bias\": false", "\"mlp_bias\": true", "mlp_bias", "must be false")]
    [InlineData("\"pretraining_tp\": 1", "\"pretraining_tp\": 2", "pretraining_tp", "must be 1")]
    [InlineData("\"model_type\": \"llama\"", "\"model_type\": \"gpt2\"", "model_type", "LLaMA-architecture")]
    [InlineData("\"rms_norm_eps\": 1e-05", "\"rms_norm_eps\": 0", "rms_norm_eps", "must lie in (0, 1)")]
    [InlineData("\"intermediate_size\": 352,", "", "intermediate_size", "missing")]
    [InlineData("\"rope_theta\": 10000.0", "\"rope_theta\": 1.0", "rope_theta", "must exceed 1")]
    public void ImpossibleOrUnsupportedValuesNameTheirField(string from, string to, string field, string message)
    {
        Assert.Contains(from, TinyLlama, StringComparison.Ordinal);
        var e = Assert.Throws<ModelFileException>(() => LlamaConfig.Parse(TinyLlama.Replace(from, to, StringComparison.Ordinal), "tiny-llama/config.json"));
        Assert.Equal(field, e.Entry);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTinyLlamasOwnTokenizerFilesGiveItsExpectedIds()
    {
        var folder = TestData.ModelFolder("tiny-llama");
        var tokenizer = ByteLevelBpeFiles.Load(folder, LlamaConfig.Load(Path.Combine(folder, "config.json")).VocabSize);
        var expected = TestData.Expected("tiny-llama");
        Assert.All(expected.Prompts.Concat(expected.RobustPrompts), p => Assert.Equal(p.InputIds, tokenizer.EncodeToIds(p.Text)));
        Assert.Equal(expected.EvalTokens, tokenizer.EncodeToIds(File.ReadAllText(Path.Combine(folder, "eval.txt"))).Count);
    }
}

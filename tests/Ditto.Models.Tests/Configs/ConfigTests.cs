using Ditto.Models.Configs;
using Ditto.Models.Tests.Support;

namespace Ditto.Models.Tests.Configs;

/// <summary>config.json parsing: the shipped configs, and each impossible value named by its field.</summary>
public sealed class ConfigTests
{
    private const string Bert = """
        {"model_type": "bert", "vocab_size": 30522, "hidden_size": 384, "num_hidden_layers": 6, "num_attention_heads": 12,
         "intermediate_size": 1536, "max_position_embeddings": 512, "type_vocab_size": 2, "layer_norm_eps": 1e-12,
         "hidden_act": "gelu", "position_embedding_type": "absolute"}
        """;

    [Fact]
    public void Shipped_gpt2_configs_parse()
    {
        var teacher = Gpt2Config.Load(Path.Combine(TestData.ModelFolder("tiny-gpt2"), "config.json"));
        var student = Gpt2Config.Load(Path.Combine(TestData.ModelFolder("tiny-gpt2-quad"), "config.json"));
        Assert.Equal(new Gpt2Config { VocabSize = 50257, Positions = 128, Embedding = 128, Layers = 4, Heads = 4, Inner = 512, Activation = GeluVariant.Tanh, LayerNormEps = 1e-5 }, teacher);
        Assert.Equal(teacher with { Activation = GeluVariant.Quad }, student);
        Assert.Equal(32, teacher.HeadSize);
    }

    [Fact]
    public void Bert_config_parses_and_defaults_n_inner_for_gpt2()
    {
        Assert.Equal(BertConfig.MiniLmL6, BertConfig.Parse(Bert));
        Assert.Equal(512, Gpt2Config.Parse(TinyGpt2.Config.Replace("\"n_inner\": 16,", "\"n_inner\": null,", StringComparison.Ordinal).Replace("\"n_embd\": 8", "\"n_embd\": 128", StringComparison.Ordinal)).Inner);
    }

    [Theory]
    [InlineData("\"n_embd\": 8", "\"n_embd\": 0", "n_embd", "is 0; it must be at least 1")]
    [InlineData("\"n_embd\": 8", "\"n_embd\": -8", "n_embd", "is -8; it must be at least 1")]
    [InlineData("\"n_head\": 2", "\"n_head\": 3", "n_head", "is 3, which does not divide n_embd 8")]
    [InlineData("\"n_layer\": 2", "\"n_layer\": 2.5", "n_layer", "must be an integer")]
    [InlineData("\"vocab_size\": 16", "\"vocab_size\": \"16\"", "vocab_size", "must be an integer")]
    [InlineData("\"vocab_size\": 16,", "", "vocab_size", "missing")]
    [InlineData("\"layer_norm_epsilon\": 1e-5", "\"layer_norm_epsilon\": 0", "layer_norm_epsilon", "must lie in (0, 1)")]
    [InlineData("\"activation_function\": \"gelu_new\"", "\"activation_function\": \"swish\"", "activation_function", "'swish' is not a supported activation")]
    [InlineData("\"tie_word_embeddings\": true", "\"tie_word_embeddings\": false", "tie_word_embeddings", "must be true")]
    [InlineData("\"model_type\": \"gpt2\"", "\"model_type\": \"llama\"", "model_type", "is 'llama'")]
    [InlineData("\"n_inner\": 16", "\"n_inner\": 99999999999", "n_inner", "must be an integer")]
    public void Impossible_gpt2_value_names_its_field(string original, string replacement, string field, string problem)
    {
        var json = TinyGpt2.Config.Replace(original, replacement, StringComparison.Ordinal);
        Assert.NotEqual(TinyGpt2.Config, json);
        var e = Assert.Throws<ModelFileException>(() => Gpt2Config.Parse(json, "/models/x/config.json"));
        Assert.Equal(field, e.Entry);
        Assert.Equal("/models/x/config.json", e.FilePath);
        Assert.Contains(problem, e.Message);
    }

    [Theory]
    [InlineData("\"hidden_size\": 384", "\"hidden_size\": 0", "hidden_size", "at least 1")]
    [InlineData("\"num_attention_heads\": 12", "\"num_attention_heads\": 5", "num_attention_heads", "is 5, which does not divide hidden_size 384")]
    [InlineData("\"hidden_act\": \"gelu\"", "\"hidden_act\": \"relu\"", "hidden_act", "'relu' is not a supported activation")]
    [InlineData("\"intermediate_size\": 1536,", "", "intermediate_size", "missing")]
    [InlineData("\"position_embedding_type\": \"absolute\"", "\"position_embedding_type\": \"relative_key\"", "position_embedding_type", "only \"absolute\"")]
    [InlineData("\"layer_norm_eps\": 1e-12", "\"layer_norm_eps\": 1e400", "layer_norm_eps", "must be a number")]
    public void Impossible_bert_value_names_its_field(string original, string replacement, string field, string problem)
    {
        var json = Bert.Replace(original, replacement, StringComparison.Ordinal);
        Assert.NotEqual(Bert, json);
        var e = Assert.Throws<ModelFileException>(() => BertConfig.Parse(json));
        Assert.Equal(field, e.Entry);
        Assert.Contains(problem, e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"n_embd\": 8,}")]
    public void Malformed_config_is_rejected(string json)
    {
        var e = Assert.Throws<ModelFileException>(() => Gpt2Config.Parse(json, "config.json"));
        Assert.Null(e.Entry);
    }

    [Fact]
    public void Missing_config_file_says_where_it_was_expected()
    {
        var e = Assert.Throws<ModelFileException>(() => Gpt2Config.Load("/nonexistent/config.json"));
        Assert.Contains("no such file", e.Message);
    }
}

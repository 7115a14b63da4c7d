using Ditto.Models.Decoding;
using Ditto.Models.Gpt2;
using Ditto.Models.Tests.Support;
using Ditto.Models.Weights;

namespace Ditto.Models.Tests.Weights;

/// <summary>Weights that are well-formed but disagree with the model: missing, misshapen, surplus; and sharded sets.</summary>
public sealed class LoaderValidationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Tiny_model_loads_and_runs_in_every_float_dtype()
    {
        foreach (var dtype in new[] { SafeTensorDType.F32, SafeTensorDType.F16, SafeTensorDType.BF16 })
        {
            using var folder = new TempFolder();
            var gpt2 = Gpt2Loader.Load(TinyGpt2.Write(folder, dtype: dtype));
            Assert.Equal(2, gpt2.Model.Blocks.Length);
            Assert.Equal(4, CausalGenerator.Greedy(gpt2, [1, 2, 3], 4).Length);
        }
    }

    [Fact]
    public void Missing_tensor_is_named()
    {
        var e = Assert.Throws<ModelFileException>(() => Gpt2Loader.Load(TinyGpt2.Write(_folder, TinyGpt2.Tensors().Where(t => t.Key != "transformer.h.1.ln_2.bias"))));
        Assert.Equal("transformer.h.1.ln_2.bias", e.Entry);
        Assert.EndsWith("model.safetensors", e.FilePath);
        Assert.Contains("missing: the model needs a tensor of shape [8] here (n_embd = 8)", e.Message);
    }

    [Fact]
    public void Shape_that_disagrees_with_config_is_named_with_both_shapes()
    {
        var tensors = TinyGpt2.Tensors().Select(t => t.Key == "transformer.h.0.attn.c_attn.weight" ? new(t.Key, Tensor.Zeros(8, 16)) : t);
        var e = Assert.Throws<ModelFileException>(() => Gpt2Loader.Load(TinyGpt2.Write(_folder, tensors)));
        Assert.Equal("transformer.h.0.attn.c_attn.weight", e.Entry);
        Assert.Contains("has shape [8, 16] but the model needs [8, 24] (n_embd = 8: query | key | value)", e.Message);
    }

    [Fact]
    public void Config_that_disagrees_with_the_weights_is_caught_at_the_first_tensor()
    {
        var e = Assert.Throws<ModelFileException>(() => Gpt2Loader.Load(TinyGpt2.Write(_folder, config: TinyGpt2.Config.Replace("\"vocab_size\": 16", "\"vocab_size\": 50257", StringComparison.Ordinal))));
        Assert.Equal("transformer.wte.weight", e.Entry);
        Assert.Contains("has shape [16, 8] but the model needs [50257, 8] (vocab_size = 50257, n_embd = 8)", e.Message);
    }

    [Fact]
    public void Surplus_block_is_rejected()
    {
        var e = Assert.Throws<ModelFileException>(() => Gpt2Loader.Load(TinyGpt2.Write(_folder, config: TinyGpt2.Config.Replace("\"n_layer\": 2", "\"n_layer\": 1", StringComparison.Ordinal))));
        Assert.Equal("transformer.h.1.attn.c_attn.weight", e.Entry);
        Assert.Contains("more blocks than n_layer = 1", e.Message);
    }

    [Fact]
    public void Untied_lm_head_is_rejected_but_a_stored_tied_copy_is_accepted()
    {
        var tensors = TinyGpt2.Tensors();
        var wte = tensors[0].Value;
        Gpt2Loader.Load(TinyGpt2.Write(_folder, tensors.Append(new("lm_head.weight", wte))));
        using var other = new TempFolder();
        var e = Assert.Throws<ModelFileException>(() => Gpt2Loader.Load(TinyGpt2.Write(other, tensors.Append(new("lm_head.weight", wte * 2.0)))));
        Assert.Equal("lm_head.weight", e.Entry);
    }

    [Fact]
    public void Sharded_set_loads_like_the_single_file()
    {
        var tensors = TinyGpt2.Tensors();
        WriteShards(tensors, tensors.Count / 2);
        var sharded = Gpt2Loader.Load(_folder.Path);
        using var single = new TempFolder();
        var reference = Gpt2Loader.Load(TinyGpt2.Write(single, tensors));
        Assert.IsType<ShardedSafeTensors>(SafeTensors.Open(_folder.Path));
        var ids = new[] { 3, 1, 4, 1, 5 };
        Assert.Equal(
            reference.Model.Forward(Ditto.Models.Inputs.OneHot.Encode(ids, 16), 5).Data,
            sharded.Model.Forward(Ditto.Models.Inputs.OneHot.Encode(ids, 16), 5).Data);
    }

    [Theory]
    [InlineData("../escape.safetensors", "transformer.wte.weight", "must be a plain file name")]
    [InlineData("missing.safetensors", "transformer.wte.weight", "which does not exist")]
    public void Shard_index_with_a_bad_shard_name_is_rejected(string shard, string tensor, string problem)
    {
        WriteShards(TinyGpt2.Tensors(), 10);
        var index = _folder.File(SafeTensors.IndexFileName);
        File.WriteAllText(index, File.ReadAllText(index).Replace("\"transformer.wte.weight\": \"model-00001-of-00002.safetensors\"", $"\"transformer.wte.weight\": \"{shard}\"", StringComparison.Ordinal));
        var e = Assert.Throws<ModelFileException>(() => SafeTensors.Open(_folder.Path));
        Assert.Equal(tensor, e.Entry);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Shard_index_that_misplaces_or_omits_a_tensor_is_rejected()
    {
        var tensors = TinyGpt2.Tensors();
        WriteShards(tensors, 10);
        var index = _folder.File(SafeTensors.IndexFileName);
        var text = File.ReadAllText(index);

        File.WriteAllText(index, text.Replace("\"transformer.wte.weight\": \"model-00001-of-00002.safetensors\"", "\"transformer.wte.weight\": \"model-00002-of-00002.safetensors\"", StringComparison.Ordinal));
        var misplaced = Assert.Throws<ModelFileException>(() => SafeTensors.Open(_folder.Path));
        Assert.Equal("transformer.wte.weight", misplaced.Entry);
        Assert.Contains("the shard does not contain it", misplaced.Message);

        File.WriteAllText(index, text.Replace("\"transformer.wte.weight\": \"model-00001-of-00002.safetensors\",", string.Empty, StringComparison.Ordinal));
        var omitted = Assert.Throws<ModelFileException>(() => SafeTensors.Open(_folder.Path));
        Assert.Equal("transformer.wte.weight", omitted.Entry);
        Assert.Contains("does not list it", omitted.Message);
    }

    private void WriteShards(List<KeyValuePair<string, Tensor>> tensors, int split) => Shards.Write(_folder, TinyGpt2.Config, tensors, split);
}

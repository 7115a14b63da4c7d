using System.Globalization;
using Ditto.Models.Bert;
using Ditto.Models.Inputs;
using Ditto.Models.Onnx;
using Ditto.Models.Tests.Support;
using Ditto.Models.Tokenizers;
using Ditto.Models.Weights;

namespace Ditto.Models.Tests.Bert;

/// <summary>
/// The Hugging Face path for BERT (config.json + safetensors, Linear weights [out, in]): MiniLM's weights exported as a
/// state dict must give exactly the model the ONNX path gives — single file, sharded, with or without the "bert." prefix.
/// </summary>
public sealed class BertSafeTensorsTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>
{
    [Theory]
    [InlineData(false, "")]
    [InlineData(true, "bert.")]
    public void Exported_state_dict_loads_to_the_same_model(bool sharded, string prefix)
    {
        var onnx = OnnxModel.Parse(fixture.Bundle.Resources.Onnx, fixture.Bundle.Resources.OnnxName);
        var weights = new OnnxWeights(onnx);
        var stateDict = weights.Names
            .Where(n => (n.StartsWith("embeddings.", StringComparison.Ordinal) || n.StartsWith("encoder.", StringComparison.Ordinal) || n.StartsWith("pooler.", StringComparison.Ordinal)) && n != "embeddings.position_ids")
            .Order(StringComparer.Ordinal)
            .Select(n => new KeyValuePair<string, Tensor>(prefix + n, weights.Read(n)))
            .ToList();
        Assert.Equal(103, stateDict.Count); // 67 named initializers + 36 linear weights recovered by the naming rule

        using var folder = new TempFolder();
        var c = fixture.Bundle.Checkpoint.Config;
        File.WriteAllText(folder.File("config.json"), string.Create(CultureInfo.InvariantCulture, $$"""
            {"model_type": "bert", "vocab_size": {{c.VocabSize}}, "hidden_size": {{c.HiddenSize}}, "num_hidden_layers": {{c.Layers}},
             "num_attention_heads": {{c.Heads}}, "intermediate_size": {{c.IntermediateSize}}, "max_position_embeddings": {{c.MaxPositions}},
             "type_vocab_size": {{c.TypeVocabSize}}, "layer_norm_eps": {{c.LayerNormEps:R}}, "hidden_act": "gelu"}
            """));
        if (sharded)
        {
            var half = stateDict.Count / 2;
            SafeTensorsWriter.Write(folder.File("a.safetensors"), stateDict.Take(half));
            SafeTensorsWriter.Write(folder.File("b.safetensors"), stateDict.Skip(half));
            var map = stateDict.Select((t, i) => $"\"{t.Key}\": \"{(i < half ? "a" : "b")}.safetensors\"");
            File.WriteAllText(folder.File(SafeTensors.IndexFileName), $"{{\"weight_map\": {{{string.Join(", ", map)}}}}}");
        }
        else
        {
            SafeTensorsWriter.Write(folder.File(SafeTensors.SingleFileName), stateDict);
        }

        var loaded = BertLoader.Load(folder.Path);
        var reference = fixture.Bundle.Checkpoint;
        Assert.Equal(reference.Config, loaded.Config);
        int[] ids = [101, 1996, 4937, 7719, 2006, 1996, 13523, 1012, 102];
        var expected = reference.Model.Forward(OneHot.Encode(ids, c.VocabSize), ids.Length);
        var actual = loaded.Model.Forward(OneHot.Encode(ids, c.VocabSize), ids.Length);
        Assert.Equal(expected.Data, actual.Data);
        Assert.Equal(reference.Pooler!.Forward(expected).Data, loaded.Pooler!.Forward(actual).Data);
    }
}

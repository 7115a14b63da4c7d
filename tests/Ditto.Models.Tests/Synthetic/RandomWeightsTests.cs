using Ditto.Models.Configs;
using Ditto.Models.Hosting;
using Ditto.Models.Synthetic;

namespace Ditto.Models.Tests.Synthetic;

/// <summary>The seeded random weights `ditto bench` runs the published model sizes with.</summary>
public sealed class RandomWeightsTests
{
    private static readonly Dictionary<string, long[]> Shapes = new()
    {
        ["encoder.layer.0.intermediate.dense.weight"] = [64, 16],
        ["encoder.layer.0.intermediate.dense.bias"] = [64],
        ["encoder.layer.0.output.LayerNorm.weight"] = [16],
        ["encoder.layer.0.output.LayerNorm.bias"] = [16],
        ["h.0.ln_1.bias"] = [16],
    };

    [Fact]
    public void ValuesDependOnTheSeedAndTheNameOnly()
    {
        var a = new RandomWeights(Shapes, 7, "a");
        var b = new RandomWeights(Shapes.Reverse(), 7, "b");
        var c = new RandomWeights(Shapes, 8, "c");
        const string name = "encoder.layer.0.intermediate.dense.weight";
        Assert.Equal(a.Read(name).Data, b.Read(name).Data);
        Assert.NotEqual(a.Read(name).Data, c.Read(name).Data);
        Assert.NotEqual(a.Read(name).Data[..64], a.Read("encoder.layer.0.intermediate.dense.bias").Data); // one stream per name
    }

    [Fact]
    public void MatricesFollowHuggingFacesInitialisationAndNormsStartAtIdentity()
    {
        var weights = new RandomWeights(Shapes, 1, "test");
        var matrix = weights.Read("encoder.layer.0.intermediate.dense.weight");
        Assert.Equal([64, 16], matrix.Shape.Dimensions.ToArray());
        var mean = matrix.Data.Average();
        var deviation = Math.Sqrt(matrix.Data.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(deviation, 0.8 * RandomWeights.Deviation, 1.2 * RandomWeights.Deviation); // 1024 samples
        Assert.InRange(Math.Abs(mean), 0, 0.005);
        Assert.All(weights.Read("encoder.layer.0.output.LayerNorm.weight").Data, v => Assert.Equal(1f, v));
        Assert.All(weights.Read("encoder.layer.0.output.LayerNorm.bias").Data, v => Assert.Equal(0f, v));
        Assert.All(weights.Read("h.0.ln_1.bias").Data, v => Assert.Equal(0f, v));
        Assert.Contains(weights.Read("encoder.layer.0.intermediate.dense.bias").Data, v => v != 0);
    }

    [Fact]
    public void AMissingTensorIsAModelFileErrorNamingIt()
    {
        var e = Assert.Throws<ModelFileException>(() => new RandomWeights(Shapes, 1, "random test weights").Read("wte.weight"));
        Assert.Contains("wte.weight", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCatalogBuildsPublishedSizesAndRefusesUnknownNames()
    {
        Assert.Equal(["bert-base", "bert-large", "gpt2-base", "gpt2-medium", "qwen2-0.5b", "minilm"], BenchmarkModels.Names);
        Assert.Equal(1024, BertConfig.Large.HiddenSize);
        Assert.Equal(24, Gpt2Config.Medium.Layers);
        var e = Assert.Throws<ArgumentException>(() => BenchmarkModels.Create("bert-huge", 1));
        Assert.Contains("gpt2-medium", e.Message, StringComparison.Ordinal);
    }
}

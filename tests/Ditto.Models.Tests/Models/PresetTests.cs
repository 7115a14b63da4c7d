using Ditto.Runtime.Backends;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;

namespace Ditto.Models.Tests.Models;

/// <summary>The presets as the papers define them.</summary>
public sealed class PresetTests
{
    private static readonly FixedPointFormat Small = new(32, 8);
    private static readonly FixedPointFormat Large = new(64, 18);

    [Fact]
    public void Presets_are_listed_and_looked_up_by_name()
    {
        Assert.Equal(["ditto", "ditto-quant", "puma", "mpcformer"], Presets.Names);
        Assert.Same(Presets.Get("ditto"), Presets.Get(" DITTO "));
        var e = Assert.Throws<KeyNotFoundException>(() => Presets.Get("spu"));
        Assert.Contains("There is no preset 'spu'; the presets are ditto, ditto-quant, puma, mpcformer.", e.Message);
    }

    [Theory]
    [InlineData("ditto", 32, 32, GeluApproximation.Quad, SoftmaxApproximation.Exact)]
    [InlineData("ditto-quant", 32, 64, GeluApproximation.Puma, SoftmaxApproximation.Exact)]
    [InlineData("puma", 64, 64, GeluApproximation.Puma, SoftmaxApproximation.Exact)]
    [InlineData("mpcformer", 64, 64, GeluApproximation.Quad, SoftmaxApproximation.TwoQuad)]
    public void Preset_has_the_papers_rings_and_approximations(string name, int linearRing, int activationRing, GeluApproximation gelu, SoftmaxApproximation softmax)
    {
        var preset = Presets.Get(name);
        Assert.Equal(linearRing == 32 ? Small : Large, preset.Plan[Precision.Linear]);
        Assert.Equal(Large, preset.Plan[Precision.NonLinear]);
        Assert.Equal(activationRing == 32 ? Small : Large, preset.Plan[ModelPrecision.Activation]);
        Assert.Equal(gelu, preset.Approximations.Gelu);
        Assert.Equal(softmax, preset.Approximations.Softmax);
        Assert.Equal(5, preset.Approximations.ExpIterations);
    }

    [Fact]
    public void Ditto_computes_softmax_exponentials_in_the_large_ring()
    {
        Assert.Equal(Precision.NonLinear, Presets.Ditto.Approximations.SoftmaxExpPrecision);
        Assert.Equal(Precision.NonLinear, Presets.Get("ditto-quant").Approximations.SoftmaxExpPrecision);
    }
}

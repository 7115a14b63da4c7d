using Ditto.Runtime.Backends;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Tests.Backends;

/// <summary>
/// A pinned op keeps the model's own definition whatever the preset: under the ditto preset (quad GeLU) a pinned
/// erf-GeLU is PUMA's approximation of erf-GeLU, and under MPCFormer's (2Quad softmax) a pinned softmax is exact.
/// </summary>
public class PinTests
{
    private static readonly float[] Grid = [.. Enumerable.Range(0, 161).Select(i => (float)(-4 + (i * 0.05)))];

    [Fact]
    public void APinnedGeluIsTheModelsOwnUnderAPresetThatWouldMakeItQuad()
    {
        var backend = BackendFactory.Emulated(PrecisionPlan.Ditto, new Approximations { Gelu = GeluApproximation.Quad });
        var x = backend.Input(new Tensor(Grid, Grid.Length), TensorShape.Vector(Grid.Length), FixedPointFormat.Ring64, 0);
        var erf = Grid.Select(v => Scalar.Gelu(v, GeluVariant.Erf)).ToArray();
        double Error(Value v) => backend.Reveal(v, 0)!.Data.Zip(erf, (a, b) => Math.Abs(a - b)).Max();

        var substituted = Error(backend.Gelu(x, GeluVariant.Erf));
        double pinned;
        using (backend.Pin("Gelu"))
        {
            pinned = Error(backend.Gelu(x, GeluVariant.Erf));
        }

        // Quad is another function (0.125x² + 0.25x + 0.5 is 2.5 at x = 4, where erf-GeLU is 4); PUMA's polynomial is within 0.02.
        Assert.True(substituted > 0.3, $"substituted {substituted}");
        Assert.InRange(pinned, 0, 0.02);
        Assert.True(Error(backend.Gelu(x, GeluVariant.Erf)) > 0.3, "the pin ends with its scope");
    }

    [Fact]
    public void APinnedSoftmaxIsExactUnderTwoQuad()
    {
        var backend = BackendFactory.Emulated(PrecisionPlan.Puma, new Approximations { Softmax = SoftmaxApproximation.TwoQuad });
        var row = new Tensor([.. Enumerable.Range(0, 32).Select(i => i * 0.25f)], 1, 32);
        var x = backend.Input(row, row.Shape, FixedPointFormat.Ring64, 0);
        var exact = Ops.Softmax(row).Data;
        double Error(Value v) => backend.Reveal(v, 0)!.Data.Zip(exact, (a, b) => Math.Abs(a - b)).Max();
        var substituted = Error(backend.Softmax(x));
        using var pin = backend.Pin("Softmax");
        Assert.True(substituted > 0.01, $"substituted {substituted}");
        Assert.InRange(Error(backend.Softmax(x)), 0, 1e-3);
    }

    [Fact]
    public void ThePresetsSubstitutionsSayWhichChangeTheFunction()
    {
        var ditto = new Approximations { Gelu = GeluApproximation.Quad };
        Assert.Contains(ditto.Substitutions(), s => s.Op == "Gelu(Erf)" && s.ChangesMeaning && s.Becomes.Contains("quad", StringComparison.Ordinal));
        Assert.Contains(new Approximations().Substitutions(), s => s.Op == "Gelu(Erf)" && !s.ChangesMeaning);
        Assert.Contains(new Approximations { Softmax = SoftmaxApproximation.TwoQuad }.Substitutions(), s => s.Op == "Softmax" && s.ChangesMeaning);
    }
}

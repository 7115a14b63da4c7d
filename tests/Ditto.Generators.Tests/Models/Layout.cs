using Ditto;

namespace Ditto.Generators.Tests.Models;

/// <summary>The layout ops, constants and means: reshape, transpose, slice, concat, negation, scaling, shifts, a mean.</summary>
[SecureModel, FixedPoint(32, 10)]
public sealed partial class Layout(Tensor bias)
{
    private const int Rows = 4;

    [Weight] public Tensor Bias { get; } = bias;

    public Tensor Forward(Tensor x)
    {
        var grid = x.Reshape(Rows, x.Length / Rows);
        var left = grid.Slice(1, 0, 2);
        var right = -grid.Slice(1, 2, 2);
        var joined = Tensor.Concat(1, right, left).TransposeLast().Transpose(1, 0);
        var shifted = (joined + 0.25) - 1.5;
        var scaled = 0.5 * shifted / 4 + Bias;
        return Ops.Mean(scaled * scaled, 0).Slice(1, 1, 2) + Ops.Mean(scaled, 1).Reshape(1, Rows).Slice(1, 0, 2);
    }
}

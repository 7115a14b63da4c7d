using Ditto;

// The model converts between formats on purpose (its values are small): the narrowing conversions are intended.
#pragma warning disable DITTO0012

namespace Ditto.Generators.Tests.Models;

/// <summary>
/// Layer-wise formats in one ring: a method, its parameter and its return value each declare their own fraction bits,
/// and a weight is stored with fewer; conversions appear at the call boundaries.
/// </summary>
[SecureModel, FixedPoint(32, 8)]
public sealed partial class MixedFormats(Tensor w, Tensor scale)
{
    [Weight, FixedPoint(32, 6)]
    public Tensor W { get; } = w;

    [Weight]
    public Tensor Scale { get; } = scale;

    public Tensor Forward(Tensor x)
    {
        var y = Project(x);
        return (Refine(y) * 0.5) + x;
    }

    [FixedPoint(32, 12)]
    [return: FixedPoint(32, 10)]
    public Tensor Project([FixedPoint(32, 10)] Tensor x) => Tensor.MatMul(x, W);

    public Tensor Refine(Tensor y) => (y * Scale) - 1.0;
}

using Ditto;

// The model converts between formats on purpose (its values are small): the narrowing conversions are intended.
#pragma warning disable DITTO0012

namespace Ditto.Generators.Tests.Models;

/// <summary>Ditto's two rings: a linear layer in Z_2^32 and an activation in Z_2^64, with an upcast and a downcast between them.</summary>
[SecureModel, FixedPoint(32, 8)]
public sealed partial class MixedRings(Tensor w)
{
    [Weight] public Tensor W { get; } = w;

    public Tensor Forward(Tensor x)
    {
        var h = Tensor.MatMul(x, W);
        return Activate(h) + h;
    }

    [FixedPoint(64, 18)]
    public Tensor Activate(Tensor h) => Ops.Gelu(h, GeluVariant.Quad) * h;
}

using Ditto;

namespace Ditto.Generators.Tests.Models;

/// <summary>A two-layer perceptron with MPCFormer's quad GeLU, all in Ditto's 32-bit ring with 8 fraction bits.</summary>
[SecureModel, FixedPoint(32, 8)]
public sealed partial class Mlp(Tensor w1, Tensor b1, Tensor w2, Tensor b2)
{
    [Weight] public Tensor W1 { get; } = w1;

    [Weight] public Tensor B1 { get; } = b1;

    [Weight] public Tensor W2 { get; } = w2;

    [Weight] public Tensor B2 { get; } = b2;

    public Tensor Forward(Tensor x)
    {
        var h = Tensor.MatMul(x, W1) + B1;
        h = Ops.Gelu(h, GeluVariant.Quad);
        return Tensor.MatMul(h, W2) + B2;
    }
}

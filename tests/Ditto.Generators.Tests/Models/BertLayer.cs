using Ditto;

namespace Ditto.Generators.Tests.Models;

/// <summary>A whole BERT encoder layer: attention (a sub-model), residuals, two LayerNorms in NonLinear, the feed-forward block with GeLU.</summary>
[SecureModel, FixedPoint(Precision.Linear)]
public sealed partial class BertLayer(Attention attention, Tensor gamma1, Tensor beta1, Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor gamma2, Tensor beta2)
{
    public Attention Attention { get; } = attention;

    [Weight] public Tensor Gamma1 { get; } = gamma1;

    [Weight] public Tensor Beta1 { get; } = beta1;

    [Weight] public Tensor W1 { get; } = w1;

    [Weight] public Tensor B1 { get; } = b1;

    [Weight] public Tensor W2 { get; } = w2;

    [Weight] public Tensor B2 { get; } = b2;

    [Weight] public Tensor Gamma2 { get; } = gamma2;

    [Weight] public Tensor Beta2 { get; } = beta2;

    public Tensor Forward(Tensor x)
    {
        var h = Norm1(x + Attention.Forward(x));
        var f = Tensor.MatMul(Ops.Gelu(Tensor.MatMul(h, W1) + B1, GeluVariant.Erf), W2) + B2;
        return Norm2(h + f);
    }

    [FixedPoint(Precision.NonLinear)]
    private Tensor Norm1(Tensor x) => Ops.LayerNorm(x, Gamma1, Beta1, 1e-12);

    [FixedPoint(Precision.NonLinear)]
    private Tensor Norm2(Tensor x) => Ops.LayerNorm(x, Gamma2, Beta2, 1e-12);
}

using Ditto;

namespace DittoModel;

/// <summary>
/// A one-hidden-layer classifier. Linear layers run in the named precision Linear (the ditto plan: fxp32.8, the 32-bit
/// ring), the softmax in NonLinear (fxp64.18, the 64-bit ring); the generator inserts the conversions between them.
/// </summary>
[SecureModel, FixedPoint(Precision.Linear)]
public sealed partial class Classifier(Tensor w1, Tensor b1, Tensor w2, Tensor b2)
{
    [Weight] public Tensor W1 { get; } = w1;
    [Weight] public Tensor B1 { get; } = b1;
    [Weight] public Tensor W2 { get; } = w2;
    [Weight] public Tensor B2 { get; } = b2;

    public Tensor Forward(Tensor x)
    {
        var h = Ops.Gelu(Tensor.MatMul(x, W1) + B1, GeluVariant.Quad);
        return Probabilities(Tensor.MatMul(h, W2) + B2);
    }

    [FixedPoint(Precision.NonLinear)]
    public Tensor Probabilities(Tensor logits) => Ops.Softmax(logits);
}

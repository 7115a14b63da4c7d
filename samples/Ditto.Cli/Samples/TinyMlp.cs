using Ditto.Runtime.Description;
using Ditto.Runtime.Tensors;

namespace Ditto.Cli.Samples;

/// <summary>A sample secure model for <c>ditto inspect</c>: a two-layer perceptron in Ditto's fxp32.8 with quad GeLU.</summary>
[SecureModel, FixedPoint(32, 8)]
public sealed partial class TinyMlp(Tensor w1, Tensor b1, Tensor w2, Tensor b2)
{
    [Weight] public Tensor W1 { get; } = w1;

    [Weight] public Tensor B1 { get; } = b1;

    [Weight] public Tensor W2 { get; } = w2;

    [Weight] public Tensor B2 { get; } = b2;

    /// <summary>An instance with placeholder weights (16 → 32 → 4) for inspection.</summary>
    [InspectionSample("x=4x16")]
    public static TinyMlp Sample() => new(
        Tensor.Placeholder(new TensorShape(16, 32)), Tensor.Placeholder(new TensorShape(32)),
        Tensor.Placeholder(new TensorShape(32, 4)), Tensor.Placeholder(new TensorShape(4)));

    /// <summary>Linear, quad GeLU, linear.</summary>
    public Tensor Forward(Tensor x)
    {
        var h = Ops.Gelu(Tensor.MatMul(x, W1) + B1, GeluVariant.Quad);
        return Tensor.MatMul(h, W2) + B2;
    }
}

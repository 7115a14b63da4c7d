namespace Ditto.Models.Layers;

/// <summary>
/// A fully connected layer y = x·W + b with W stored [in, out] (GPT-2's Conv1D layout, and the layout ONNX exports
/// use). A linear layer, so it runs in the small ring under Ditto.
/// </summary>
[SecureModel]
[FixedPoint(Precision.Linear)]
public sealed partial class Dense
{
    /// <summary>The weight, [in, out].</summary>
    [Weight]
    public required Tensor Weight { get; init; }

    /// <summary>The bias, [out].</summary>
    [Weight]
    public required Tensor Bias { get; init; }

    /// <summary>x·W + b for x of shape [..., in].</summary>
    public Tensor Forward(Tensor x) => Tensor.MatMul(x, Weight) + Bias;
}

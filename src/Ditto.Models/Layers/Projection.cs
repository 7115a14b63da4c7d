namespace Ditto.Models.Layers;

/// <summary>
/// torch.nn.Linear as Hugging Face stores it: y = x·Wᵀ (+ b) with W [out, in], so a checkpoint's tensor is used as it
/// is, without a transposed copy. LLaMA's projections have no bias; Qwen2's query, key and value projections do. A
/// linear layer, so it runs in the small ring under Ditto.
/// </summary>
[SecureModel]
[FixedPoint(Precision.Linear)]
public sealed partial class Projection
{
    /// <summary>The weight, [out, in].</summary>
    [Weight]
    public required Tensor Weight { get; init; }

    /// <summary>The bias, [out], or null for a projection without one.</summary>
    [Weight]
    public Tensor? Bias { get; init; }

    /// <summary>Whether the projection adds <see cref="Bias"/> (set with it).</summary>
    public bool HasBias { get; init; }

    /// <summary>x·Wᵀ (+ b) for x of shape [..., in].</summary>
    public Tensor Forward(Tensor x) => HasBias ? Tensor.MatMul(x, Weight, transposeB: true) + Bias! : Tensor.MatMul(x, Weight, transposeB: true);
}

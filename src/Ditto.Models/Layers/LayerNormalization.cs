namespace Ditto.Models.Layers;

/// <summary>
/// LayerNorm over the last axis with learned scale γ and shift β. Non-linear (a mean, a variance and an inverse square
/// root per row), so it runs in the large ring: its inputs carry the residual stream's outliers (|x| ≈ 220 in MiniLM)
/// and its 1/√var spans about 0.09 to 15.
/// </summary>
[SecureModel]
[FixedPoint(Precision.NonLinear)]
public sealed partial class LayerNormalization
{
    /// <summary>γ, [width].</summary>
    [Weight]
    public required Tensor Weight { get; init; }

    /// <summary>β, [width].</summary>
    [Weight]
    public required Tensor Bias { get; init; }

    /// <summary>The ε added to the variance (BERT 1e-12, GPT-2 1e-5).</summary>
    public required double Epsilon { get; init; }

    /// <summary>Normalises each row of x.</summary>
    public Tensor Forward(Tensor x) => Ops.LayerNorm(x, Weight, Bias, Epsilon);
}

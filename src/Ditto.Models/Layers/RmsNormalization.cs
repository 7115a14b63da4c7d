namespace Ditto.Models.Layers;

/// <summary>
/// RMSNorm over the last axis with a learned scale γ (LLaMA, Mistral, Qwen): x / √(mean(x²) + ε) · γ, no centring and no
/// shift. Non-linear (a mean of squares and an inverse square root per row), so it runs in the large ring, as LayerNorm.
/// </summary>
[SecureModel]
[FixedPoint(Precision.NonLinear)]
public sealed partial class RmsNormalization
{
    /// <summary>γ, [width].</summary>
    [Weight]
    public required Tensor Weight { get; init; }

    /// <summary>The ε added to the mean square (rms_norm_eps).</summary>
    public required double Epsilon { get; init; }

    /// <summary>Normalises each row of x.</summary>
    public Tensor Forward(Tensor x) => Ops.RmsNorm(x, Weight, Epsilon);
}

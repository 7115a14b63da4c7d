namespace Ditto.Models.Layers;

/// <summary>
/// The Transformer feed-forward block, Down(GeLU(Up(x))): BERT's intermediate/output dense pair and GPT-2's MLP
/// (c_fc, c_proj). The two products are linear layers; the activation has its own named precision
/// (<see cref="ModelPrecision.Activation"/>) so a preset decides where GeLU runs.
/// </summary>
[SecureModel]
[FixedPoint(Precision.Linear)]
public sealed partial class FeedForward
{
    /// <summary>The widening layer, [width, inner].</summary>
    public required Dense Up { get; init; }

    /// <summary>The narrowing layer, [inner, width].</summary>
    public required Dense Down { get; init; }

    /// <summary>The model's own GeLU (BERT: Erf; GPT-2: Tanh; a distilled student: Quad).</summary>
    public required GeluVariant Variant { get; init; }

    /// <summary>Down(GeLU(Up(x))).</summary>
    public Tensor Forward(Tensor x) => Down.Forward(Activation(Up.Forward(x)));

    /// <summary>The activation alone, in its own precision region.</summary>
    [FixedPoint(ModelPrecision.Activation)]
    public Tensor Activation(Tensor x) => Ops.Gelu(x, Variant);
}

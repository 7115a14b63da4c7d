namespace Ditto.Models.Layers;

/// <summary>
/// LLaMA's SwiGLU feed-forward block, Down(SiLU(Gate(x)) ⊙ Up(x)) (mlp.gate_proj, up_proj, down_proj). The three
/// products are linear layers; SiLU has its own named precision (<see cref="ModelPrecision.Activation"/>), as GeLU has in
/// <see cref="FeedForward"/>, so a preset decides where it runs.
/// </summary>
[SecureModel]
[FixedPoint(Precision.Linear)]
public sealed partial class GatedFeedForward
{
    /// <summary>gate_proj, [inner, width].</summary>
    public required Projection Gate { get; init; }

    /// <summary>up_proj, [inner, width].</summary>
    public required Projection Up { get; init; }

    /// <summary>down_proj, [width, inner].</summary>
    public required Projection Down { get; init; }

    /// <summary>Down(SiLU(Gate(x)) ⊙ Up(x)).</summary>
    public Tensor Forward(Tensor x) => Down.Forward(Activation(Gate.Forward(x)) * Up.Forward(x));

    /// <summary>The activation alone, in its own precision region.</summary>
    [FixedPoint(ModelPrecision.Activation)]
    public Tensor Activation(Tensor x) => Ops.Silu(x);
}

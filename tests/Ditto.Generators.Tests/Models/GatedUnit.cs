using Ditto;

namespace Ditto.Generators.Tests.Models;

/// <summary>
/// Named precisions only: the plan chosen at run time says what Linear and NonLinear are, so the same compiled model runs
/// under the Ditto plan, the PUMA plan or a user's plan; casts between the names are emitted and are free when equal.
/// </summary>
[SecureModel, FixedPoint(Precision.Linear)]
public sealed partial class GatedUnit(Tensor wGate, Tensor wUp)
{
    [Weight] public Tensor WGate { get; } = wGate;

    [Weight, FixedPoint(Precision.NonLinear)]
    public Tensor WUp { get; } = wUp;

    public Tensor Forward(Tensor x)
    {
        var gate = Gate(Tensor.MatMul(x, WGate));
        var up = Tensor.MatMul(x, WUp);
        return gate * up;
    }

    [FixedPoint(Precision.NonLinear)]
    public Tensor Gate(Tensor h) => Ops.Gelu(h, GeluVariant.Quad);
}

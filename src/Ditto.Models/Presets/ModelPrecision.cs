// Every preset's plan defines the models' third name, so the generator need not warn where a model uses it.
[assembly: Ditto.DefinesPrecision(Ditto.Models.ModelPrecision.Activation)]

namespace Ditto.Models;

/// <summary>
/// The named precision the models add to <see cref="Precision.Linear"/> and <see cref="Precision.NonLinear"/>: the GeLU
/// activation gets its own name so a preset can place it. Ditto computes its quad GeLU in the 32-bit ring; ditto-quant
/// and PUMA compute PUMA's GeLU in the 64-bit ring. Every preset's plan defines it.
/// </summary>
public static class ModelPrecision
{
    /// <summary>The feed-forward activation (GeLU).</summary>
    public const string Activation = "Activation";
}

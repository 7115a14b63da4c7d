using Ditto.Runtime.Backends;
using Ditto.Runtime.Functions;

namespace Ditto.Models;

/// <summary>
/// A named way to run a compiled model: what each named precision means (the plan) and how non-linear functions are
/// approximated. Presets are data: the same annotated model runs under any of them.
/// </summary>
/// <param name="Name">The name used on the command line ("ditto").</param>
/// <param name="Description">One line on where it comes from.</param>
/// <param name="Plan">Formats of <see cref="Precision.Linear"/>, <see cref="Precision.NonLinear"/> and <see cref="ModelPrecision.Activation"/>.</param>
/// <param name="Approximations">GeLU and softmax approximations and their iteration counts.</param>
public sealed record ModelPreset(string Name, string Description, PrecisionPlan Plan, Approximations Approximations)
{
    /// <summary>"ditto: Linear=fxp32.8, …; GeLU Quad, softmax Exact".</summary>
    public override string ToString() => $"{Name}: {Plan}; GeLU {Approximations.Gelu}, softmax {Approximations.Softmax}";
}

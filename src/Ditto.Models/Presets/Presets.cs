using Ditto.Runtime.Backends;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;

namespace Ditto.Models;

/// <summary>
/// The presets of the papers the project follows, as a table. Rings: "32:8" is Z_2^32 with 8 fraction bits (SPU's
/// float16 mapping), "64:18" is Z_2^64 with 18 (its float32 mapping).
/// </summary>
public static class Presets
{
    private static readonly (string Name, string Description, string Linear, string NonLinear, string Activation, Approximations Approximations)[] Table =
    [
        ("ditto", "Ditto (ICML 2024): linear layers in the 32-bit ring, non-linear in the 64-bit ring, quad GeLU in the 32-bit ring",
            "32:8", "64:18", "32:8",
            new Approximations { Gelu = GeluApproximation.Quad, Silu = SiluApproximation.Piecewise, SiluPrecision = Precision.NonLinear, Softmax = SoftmaxApproximation.Exact, ExpIterations = 5, SoftmaxExpPrecision = Precision.NonLinear }),
        ("ditto-quant", "Ditto's mixed rings without distillation: accurate (PUMA) GeLU in the 64-bit ring",
            "32:8", "64:18", "64:18",
            new Approximations { Gelu = GeluApproximation.Puma, Silu = SiluApproximation.Piecewise, Softmax = SoftmaxApproximation.Exact, ExpIterations = 5, SoftmaxExpPrecision = Precision.NonLinear }),
        ("puma", "PUMA: everything in the 64-bit ring, piecewise-polynomial GeLU, exact softmax",
            "64:18", "64:18", "64:18",
            new Approximations { Gelu = GeluApproximation.Puma, Silu = SiluApproximation.Piecewise, Softmax = SoftmaxApproximation.Exact, ExpIterations = 5 }),
        ("mpcformer", "MPCFormer: quad GeLU and 2Quad softmax, in PUMA's 64-bit ring",
            "64:18", "64:18", "64:18",
            new Approximations { Gelu = GeluApproximation.Quad, Silu = SiluApproximation.Piecewise, Softmax = SoftmaxApproximation.TwoQuad }),
    ];

    /// <summary>Every preset, in table order.</summary>
    public static IReadOnlyList<ModelPreset> All { get; } = Table.Select(Build).ToArray();

    /// <summary>The preset names, for help texts.</summary>
    public static IEnumerable<string> Names => All.Select(p => p.Name);

    /// <summary>Ditto's preset.</summary>
    public static ModelPreset Ditto => Get("ditto");

    /// <summary>Looks a preset up by name (case-insensitive); throws listing the presets when there is none.</summary>
    public static ModelPreset Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new KeyNotFoundException($"There is no preset '{name}'; the presets are {string.Join(", ", Names)}.");
    }

    private static ModelPreset Build((string Name, string Description, string Linear, string NonLinear, string Activation, Approximations Approximations) row) =>
        new(row.Name, row.Description, new PrecisionPlan(
            [
                new(Precision.Linear, FixedPointFormat.Parse(row.Linear)),
                new(Precision.NonLinear, FixedPointFormat.Parse(row.NonLinear)),
                new(ModelPrecision.Activation, FixedPointFormat.Parse(row.Activation)),
            ]),
            row.Approximations);
}

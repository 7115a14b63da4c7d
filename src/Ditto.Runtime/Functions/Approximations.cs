namespace Ditto.Runtime.Functions;

/// <summary>How fixed-point backends approximate GeLU (when the model uses the Erf or Tanh form).</summary>
public enum GeluApproximation
{
    /// <summary>PUMA's piecewise polynomial (3 comparisons, degree-6 polynomial).</summary>
    Puma,

    /// <summary>The tanh form with tanh as SPU's Chebyshev polynomial.</summary>
    Tanh,

    /// <summary>MPCFormer's quad 0.125x² + 0.25x + 0.5 (one square, no comparison).</summary>
    Quad,
}

/// <summary>How fixed-point backends compute SiLU, x·σ(x).</summary>
public enum SiluApproximation
{
    /// <summary>x times the sigmoid on the whole format (exp by range reduction, one reciprocal): within 3|x| + 2 units.</summary>
    Sigmoid,

    /// <summary>PUMA-style segments: 0 below −6, x above 6, x/2 + a degree-5 polynomial in x² between; within 0.015. 64-bit formats only.</summary>
    Piecewise,
}

/// <summary>How fixed-point backends compute softmax.</summary>
public enum SoftmaxApproximation
{
    /// <summary>PUMA's form: subtract the row max, mask x &lt; −14, exp, one reciprocal per row.</summary>
    Exact,

    /// <summary>MPCFormer's 2Quad: (x + c)² normalised by its row sum, c = 5.</summary>
    TwoQuad,

    /// <summary>ReLU(x) normalised by its row sum.</summary>
    TwoRelu,
}

/// <summary>The approximations a fixed-point backend uses; part of a preset, so the same compiled model runs under any of them.</summary>
public sealed record Approximations
{
    /// <summary>GeLU approximation (a model whose own GeLU is Quad always gets Quad).</summary>
    public GeluApproximation Gelu { get; init; } = GeluApproximation.Puma;

    /// <summary>Softmax approximation.</summary>
    public SoftmaxApproximation Softmax { get; init; } = SoftmaxApproximation.Exact;

    /// <summary>SiLU approximation (a model that pins SiLU gets <see cref="SiluApproximation.Sigmoid"/>).</summary>
    public SiluApproximation Silu { get; init; } = SiluApproximation.Sigmoid;

    /// <summary>
    /// The named precision the piecewise SiLU computes in (Ditto: NonLinear, since its polynomial needs a 64-bit ring
    /// while the activation's own precision is fxp32.8; the input is converted there and the result back); null computes
    /// in the input's format.
    /// </summary>
    public string? SiluPrecision { get; init; }

    /// <summary>The SiLU under this preset, or the sigmoid form when the model pins SiLU.</summary>
    public SiluApproximation SiluFor(bool pinned) => pinned ? SiluApproximation.Sigmoid : Silu;

    /// <summary>
    /// n, the multiplications of exp inside softmax (Ditto and PUMA run 5): the reference's (1 + x/2^n)^(2^n) costs as much;
    /// ours uses a second-order base with the same n and is about 10× more accurate (see FixedPointFunctions.ExpCore).
    /// </summary>
    public int ExpIterations { get; init; } = 5;

    /// <summary>Goldschmidt iterations of the reciprocal (iterations that cannot improve the working precision are skipped).</summary>
    public int ReciprocalIterations { get; init; } = 5;

    /// <summary>
    /// The named precision softmax computes exp, the row sum and the reciprocal in (Ditto: NonLinear, after taking the max
    /// and subtracting it in the input's precision); null computes everything in the input's format.
    /// </summary>
    public string? SoftmaxExpPrecision { get; init; }

    /// <summary>
    /// The GeLU a model's variant becomes: under this preset, or, when the model pins GeLU, the approximation of its own
    /// variant (erf-GeLU: PUMA's polynomial; tanh-GeLU: the Chebyshev tanh; quad: quad).
    /// </summary>
    public GeluApproximation GeluFor(GeluVariant variant, bool pinned) => (variant, pinned) switch
    {
        (GeluVariant.Quad, _) => GeluApproximation.Quad,
        (GeluVariant.Erf, true) => GeluApproximation.Puma,
        (GeluVariant.Tanh, true) => GeluApproximation.Tanh,
        _ => Gelu,
    };

    /// <summary>The softmax form under this preset, or the exact one when the model pins softmax.</summary>
    public SoftmaxApproximation SoftmaxFor(bool pinned) => pinned ? SoftmaxApproximation.Exact : Softmax;

    /// <summary>
    /// What the preset puts in place of each op whose algorithm it chooses (<see cref="OpInfo.PresetMaySubstitute"/>),
    /// and whether that changes the function (a different function, not an approximation of the model's own).
    /// </summary>
    public IReadOnlyList<Substitution> Substitutions()
    {
        var list = new List<Substitution>();
        foreach (var variant in new[] { GeluVariant.Erf, GeluVariant.Tanh })
        {
            var chosen = GeluFor(variant, pinned: false);
            list.Add(new Substitution($"Gelu({variant})", Describe(chosen), chosen == GeluApproximation.Quad));
        }

        var softmax = Softmax switch
        {
            SoftmaxApproximation.Exact => $"exact: row max, exp with {ExpIterations} squarings{(SoftmaxExpPrecision is { } p ? $" in {p}" : string.Empty)}, a reciprocal per row ({ReciprocalIterations} Goldschmidt iterations at most)",
            SoftmaxApproximation.TwoQuad => "MPCFormer's 2Quad: (x + 5)² over its row sum",
            _ => "ReLU(x) over its row sum",
        };
        list.Add(new Substitution("Silu", Silu == SiluApproximation.Piecewise ? $"piecewise polynomial of x·σ(x) (within 0.015){(SiluPrecision is { } s ? $" in {s}" : string.Empty)}" : "x·σ(x) with the sigmoid on the whole format", false));
        list.Add(new Substitution("Softmax", softmax, Softmax != SoftmaxApproximation.Exact));
        list.Add(new Substitution("CausalSoftmax", softmax, Softmax != SoftmaxApproximation.Exact));
        list.Add(new Substitution("MaskedSoftmax", softmax, Softmax != SoftmaxApproximation.Exact));
        return list;
    }

    private static string Describe(GeluApproximation a) => a switch
    {
        GeluApproximation.Puma => "PUMA's piecewise polynomial of erf-GeLU (within 0.02)",
        GeluApproximation.Tanh => "tanh-GeLU with SPU's Chebyshev tanh (within 0.014)",
        _ => "MPCFormer's quad 0.125x² + 0.25x + 0.5",
    };
}

/// <summary>What a preset computes for an op of the model.</summary>
/// <param name="Op">The op as the model writes it ("Gelu(Erf)", "Softmax").</param>
/// <param name="Becomes">What the fixed-point backends compute for it.</param>
/// <param name="ChangesMeaning">True when that is a different function, not an approximation of the model's own (pin the op to keep its meaning).</param>
public sealed record Substitution(string Op, string Becomes, bool ChangesMeaning);

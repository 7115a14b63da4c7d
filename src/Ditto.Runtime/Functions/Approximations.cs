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
}

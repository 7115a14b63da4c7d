namespace Ditto;

/// <summary>
/// Named precisions: a model says "Linear" or "NonLinear" and the precision plan chosen at run time says which ring and
/// fraction bits that means (Ditto: Linear = 32-bit/8, NonLinear = 64-bit/18; PUMA: both 64-bit/18). Any other name may
/// be used as long as the plan defines it.
/// </summary>
public static class Precision
{
    /// <summary>Linear layers: matrix products and what surrounds them.</summary>
    public const string Linear = "Linear";

    /// <summary>Non-linear layers: softmax, LayerNorm, accurate activations.</summary>
    public const string NonLinear = "NonLinear";
}

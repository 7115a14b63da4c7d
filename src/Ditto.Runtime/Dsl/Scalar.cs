namespace Ditto;

/// <summary>Scalar float references (double precision) of the op library's functions.</summary>
public static class Scalar
{
    /// <summary>GeLU in a model's variant.</summary>
    public static double Gelu(double x, GeluVariant variant) => variant switch
    {
        GeluVariant.Erf => 0.5 * x * (1 + Erf(x / Math.Sqrt(2))),
        GeluVariant.Tanh => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + (0.044715 * x * x * x)))),
        GeluVariant.Quad => (0.125 * x * x) + (0.25 * x) + 0.5,
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "Unknown GeLU variant."),
    };

    /// <summary>The logistic function 1/(1 + e^−x), evaluated without overflow for large |x|.</summary>
    public static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    /// <summary>
    /// The error function, from the complementary error function's Chebyshev fit (Numerical Recipes erfcc):
    /// relative error below 1.2e-7 everywhere, enough for a float reference.
    /// </summary>
    public static double Erf(double x)
    {
        var z = Math.Abs(x);
        var t = 1.0 / (1.0 + (0.5 * z));
        var poly = -(z * z) - 1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806
            + (t * (0.27886807 + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
        var erfc = t * Math.Exp(poly);
        return x >= 0 ? 1 - erfc : erfc - 1;
    }
}

namespace Ditto.Runtime.Functions;

/// <summary>Polynomial fits computed once in double precision (no fitted constants are copied from elsewhere).</summary>
internal static class PolynomialFit
{
    /// <summary>
    /// The degree-d Chebyshev interpolant of f on [lo, hi] (nodes at the Chebyshev points), returned as monomial
    /// coefficients a_0..a_d in the original variable. For the low degrees used here the monomial form is well conditioned.
    /// </summary>
    public static double[] Chebyshev(Func<double, double> f, int degree, double lo, double hi)
    {
        var n = degree + 1;
        var c = new double[n];
        for (var j = 0; j < n; j++)
        {
            double s = 0;
            for (var i = 0; i < n; i++)
            {
                var node = Math.Cos(Math.PI * (i + 0.5) / n);
                s += f(lo + ((hi - lo) * (node + 1) / 2)) * Math.Cos(j * Math.Acos(node));
            }

            c[j] = 2 * s / n;
        }

        c[0] /= 2;

        // Σ c_j T_j(u) in powers of u, with T_0 = 1, T_1 = u, T_(j+1) = 2u·T_j − T_(j−1).
        var polynomials = new double[n][];
        for (var j = 0; j < n; j++)
        {
            polynomials[j] = new double[n];
            if (j == 0)
            {
                polynomials[j][0] = 1;
            }
            else if (j == 1)
            {
                polynomials[j][1] = 1;
            }
            else
            {
                for (var p = 0; p < n; p++)
                {
                    polynomials[j][p] = (p > 0 ? 2 * polynomials[j - 1][p - 1] : 0) - polynomials[j - 2][p];
                }
            }
        }

        var inU = new double[n];
        for (var j = 0; j < n; j++)
        {
            for (var p = 0; p < n; p++)
            {
                inU[p] += c[j] * polynomials[j][p];
            }
        }

        // u = α·t + β with α = 2/(hi − lo), β = −(hi + lo)/(hi − lo): expand Σ inU_p (αt + β)^p.
        var alpha = 2 / (hi - lo);
        var beta = -(hi + lo) / (hi - lo);
        var result = new double[n];
        for (var p = 0; p < n; p++)
        {
            for (var q = 0; q <= p; q++)
            {
                result[q] += inU[p] * Binomial(p, q) * Math.Pow(alpha, q) * Math.Pow(beta, p - q);
            }
        }

        return result;
    }

    private static double Binomial(int n, int k)
    {
        double r = 1;
        for (var i = 1; i <= k; i++)
        {
            r = r * (n - k + i) / i;
        }

        return r;
    }
}

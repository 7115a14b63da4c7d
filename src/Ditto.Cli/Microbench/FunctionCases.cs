using Ditto.Runtime.Backends;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Tensors;

namespace Ditto.Cli.Microbench;

/// <summary>
/// Micro-benchmarks of the fixed-point function library on the secret engine: exp, reciprocal, rsqrt, the GeLUs, softmax
/// (exact and 2Quad) and LayerNorm, each against its float reference on the function's stated input range.
/// </summary>
internal static class FunctionCases
{
    /// <summary>e^x on [−14, 0] with --exp-iters multiplications.</summary>
    public static MicrobenchCase Exp(MicrobenchArgs args) =>
        Unary(args, "exp", args.Uniform(args.Elements("exp"), -14, 0), (f, x) => f.ExpClamped(x, args.ExpIterations), Math.Exp);

    /// <summary>e^x on the whole format, by range reduction, on [−20, 10].</summary>
    public static MicrobenchCase ExpFull(MicrobenchArgs args) =>
        Unary(args, "exp-full", args.Uniform(args.Elements("exp-full"), -20, 10), (f, x) => f.Exp(x), Math.Exp);

    /// <summary>The logistic function on [−30, 30].</summary>
    public static MicrobenchCase Sigmoid(MicrobenchArgs args) =>
        Unary(args, "sigmoid", args.Uniform(args.Elements("sigmoid"), -30, 30), (f, x) => f.Sigmoid(x), Scalar.Sigmoid);

    /// <summary>tanh on [−30, 30].</summary>
    public static MicrobenchCase Tanh(MicrobenchArgs args) =>
        Unary(args, "tanh", args.Uniform(args.Elements("tanh"), -30, 30), (f, x) => f.Tanh(x), Math.Tanh);

    /// <summary>SiLU on [−30, 30].</summary>
    public static MicrobenchCase Silu(MicrobenchArgs args) =>
        Unary(args, "silu", args.Uniform(args.Elements("silu"), -30, 30), (f, x) => f.Silu(x), v => v * Scalar.Sigmoid(v));

    /// <summary>1/x on [1, 4096] (log-uniform), Goldschmidt with the default 5 iterations (those past the precision are skipped).</summary>
    public static MicrobenchCase Reciprocal(MicrobenchArgs args) =>
        Unary(args, "reciprocal", LogUniform(args, args.Elements("reciprocal"), 1, 4096), (f, x) => f.Reciprocal(x, 5), v => 1 / v);

    /// <summary>1/√x on [0.01, 10^4] (log-uniform).</summary>
    public static MicrobenchCase Rsqrt(MicrobenchArgs args) =>
        Unary(args, "rsqrt", LogUniform(args, args.Elements("rsqrt"), 0.01, 10_000), (f, x) => f.Rsqrt(x), v => 1 / Math.Sqrt(v));

    /// <summary>PUMA's GeLU on [−8, 8] against erf-GeLU.</summary>
    public static MicrobenchCase GeluPuma(MicrobenchArgs args) =>
        Unary(args, "gelu-puma", args.Uniform(args.Elements("gelu-puma"), -8, 8), (f, x) => f.GeluPuma(x), v => Scalar.Gelu(v, GeluVariant.Erf));

    /// <summary>The tanh GeLU (SPU's Chebyshev tanh) on [−8, 8] against tanh-GeLU.</summary>
    public static MicrobenchCase GeluTanh(MicrobenchArgs args) =>
        Unary(args, "gelu-tanh", args.Uniform(args.Elements("gelu-tanh"), -8, 8), (f, x) => f.GeluTanh(x), v => Scalar.Gelu(v, GeluVariant.Tanh));

    /// <summary>MPCFormer's quad GeLU on [−8, 8] against its own definition.</summary>
    public static MicrobenchCase GeluQuad(MicrobenchArgs args) =>
        Unary(args, "gelu-quad", args.Uniform(args.Elements("gelu-quad"), -8, 8), (f, x) => f.GeluQuad(x), v => Scalar.Gelu(v, GeluVariant.Quad));

    /// <summary>Exact softmax over the last axis of rows x width, values in [−10, 10], --exp-iters.</summary>
    public static MicrobenchCase Softmax(MicrobenchArgs args) => SoftmaxCase(args, "softmax", SoftmaxApproximation.Exact);

    /// <summary>
    /// Exact softmax as the ditto preset schedules it: the max tree and the subtraction in the input's format (fxp32.8 with
    /// --ring 32), exp, the row sums, the reciprocal and the product in fxp64.18, the probabilities cast back.
    /// </summary>
    public static MicrobenchCase SoftmaxDitto(MicrobenchArgs args) => SoftmaxCase(args, "softmax-ditto", SoftmaxApproximation.Exact, new FixedPointFormat(64, 18));

    /// <summary>MPCFormer's 2Quad softmax over rows x width, values in [−10, 10].</summary>
    public static MicrobenchCase SoftmaxTwoQuad(MicrobenchArgs args) => SoftmaxCase(args, "softmax-2quad", SoftmaxApproximation.TwoQuad);

    /// <summary>LayerNorm over the last axis of rows x width, values in [−10, 10], γ in [0.5, 1.5], β in [−0.5, 0.5].</summary>
    public static MicrobenchCase LayerNorm(MicrobenchArgs args)
    {
        var shape = Rows(args, "layernorm");
        var width = shape[1];
        var x = args.Uniform(shape.Elements, -10, 10);
        var gamma = args.Uniform(width, 0.5, 1.5);
        var beta = args.Uniform(width, -0.5, 0.5);
        var row = TensorShape.Vector(width);
        return new MicrobenchCase(
            [new BenchInput(x, shape, args.Format), new BenchInput(gamma, row, args.Format), new BenchInput(beta, row, args.Format)],
            (party, s) => BooleanCases.Functions(party).LayerNorm(s[0], s[1], s[2], 1e-12),
            v => Ops.LayerNorm(new Tensor(v[0], shape), new Tensor(v[1], row), new Tensor(v[2], row), 1e-12).Data);
    }

    private static MicrobenchCase SoftmaxCase(MicrobenchArgs args, string op, SoftmaxApproximation approximation, FixedPointFormat? expFormat = null)
    {
        var shape = Rows(args, op);
        var x = args.Uniform(shape.Elements, -10, 10);
        var approximations = new Approximations { Softmax = approximation, ExpIterations = args.ExpIterations };
        return new MicrobenchCase([new BenchInput(x, shape, args.Format)], (party, s) => BooleanCases.Functions(party).Softmax(s[0], approximations, expFormat, causal: false), v =>
        {
            if (approximation == SoftmaxApproximation.Exact)
            {
                return Ops.Softmax(new Tensor(v[0], shape)).Data;
            }

            var width = shape[1];
            var r = new float[v[0].Length];
            for (var i = 0; i < r.Length; i += width)
            {
                var squares = v[0].Skip(i).Take(width).Select(a => (a + 5.0) * (a + 5.0)).ToArray();
                var sum = squares.Sum();
                for (var j = 0; j < width; j++)
                {
                    r[i + j] = (float)(squares[j] / sum);
                }
            }

            return r;
        });
    }

    private static MicrobenchCase Unary(MicrobenchArgs args, string op, float[] x, Func<Ditto.Runtime.Functions.FixedPointFunctions<Ditto.Runtime.Sharing.ArithmeticShare, Ditto.Runtime.Sharing.BooleanShare>, Ditto.Runtime.Sharing.ArithmeticShare, Ditto.Runtime.Sharing.ArithmeticShare> secure, Func<double, double> reference) =>
        new([new BenchInput(x, TensorShape.Vector(x.Length), args.Format)], (party, s) => secure(BooleanCases.Functions(party), s[0]), v => [.. v[0].Select(a => (float)reference(a))]);

    private static TensorShape Rows(MicrobenchArgs args, string op)
    {
        if (args.Shape.Rank != 2)
        {
            throw new ArgumentException($"{op} takes rows x width as its shape (for example 1536x128), not [{args.Shape}].");
        }

        return args.Shape;
    }

    private static float[] LogUniform(MicrobenchArgs args, int n, double lo, double hi) =>
        [.. args.Uniform(n, Math.Log(lo), Math.Log(hi)).Select(v => (float)Math.Exp(v))];
}

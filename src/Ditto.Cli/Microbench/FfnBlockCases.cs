using Ditto.Runtime.Engines.Secret;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols;
using Ditto.Runtime.Protocols.Conversion;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;

namespace Ditto.Cli.Microbench;

/// <summary>
/// A BERT-base feed-forward block plus the LayerNorm that follows it: X[M×D]·W1[D×H] → quad GeLU → ·W2[H×D] → LayerNorm
/// (γ, β of D values, eps 1e-12) in fxp64.18, under four precision plans in one run. Every plan ends the block in
/// fxp64.18 and runs the same LayerNorm (<c>FixedPointFunctions.LayerNorm</c>) there:
/// <list type="bullet">
/// <item><b>ring64</b>: everything in fxp64.18 (PUMA's plan): matmul, truncation, GeLU, matmul, truncation, LayerNorm.</item>
/// <item><b>ditto</b>: Ditto's plan, linear layers in fxp32.8 and GeLU and LayerNorm in fxp64.18: matmul (32), cast up (the
/// matmul's fxp32.16 goes straight to fxp64.18: upcast and a local shift, no truncation), GeLU (64), cast down (fused),
/// matmul (32), cast up, LayerNorm (64).</item>
/// <item><b>ditto-reference</b>: Ditto's plan with the reference conversions (mask-and-open upcast with a dealer,
/// truncate-then-reduce downcast), to show what the cheaper conversions save.</item>
/// <item><b>ring32</b>: the whole block in fxp32.8 and one cast up before the LayerNorm: matmul, truncation, GeLU, matmul,
/// truncation, cast up, LayerNorm (64).</item>
/// </list>
/// </summary>
internal static class FfnBlockCases
{
    /// <summary>The plans, in the order they are reported.</summary>
    public static readonly string[] Plans = ["ring64", "ditto", "ditto-reference", "ring32"];

    /// <summary>BERT's layer_norm_eps.</summary>
    private const double Eps = 1e-12;

    /// <summary>Builds the block under one plan; shape = MxDxH (BERT-base: 128x768x3072).</summary>
    public static MicrobenchCase Build(MicrobenchArgs args, string plan)
    {
        if (args.Shape.Rank != 3)
        {
            throw new ArgumentException($"ffn-block takes MxDxH as its shape (BERT-base: 128x768x3072), not [{args.Shape}].");
        }

        var (m, d, h) = (args.Shape[0], args.Shape[1], args.Shape[2]);
        var linear = plan == "ring64" ? FixedPointFormat.Ring64 : FixedPointFormat.Ring32;
        var x = args.Uniform(m * d, -1, 1);
        var w1 = args.Uniform(d * h, -0.1, 0.1);
        var w2 = args.Uniform(h * d, -0.1, 0.1);
        var gamma = args.Uniform(d, 0.5, 1.5);
        var beta = args.Uniform(d, -0.5, 0.5);
        var row = TensorShape.Vector(d);
        var wide = FixedPointFormat.Ring64;
        return new MicrobenchCase(
            [
                new BenchInput(x, new TensorShape(m, d), linear), new BenchInput(w1, new TensorShape(d, h), linear), new BenchInput(w2, new TensorShape(h, d), linear),
                new BenchInput(gamma, row, wide), new BenchInput(beta, row, wide),
            ],
            (party, s) => Secure(party, s, plan),
            v => Reference(v, m, d, h, linear));
    }

    private static ArithmeticShare Secure(Party party, IReadOnlyList<ArithmeticShare> s, string plan)
    {
        var engine = new SecretEngine(party);
        if (plan == "ditto-reference")
        {
            engine.CastOptions = new CastOptions { Upcast = UpcastMethod.MaskAndOpen, Downcast = DowncastMethod.TruncateThenReduce };
        }

        var functions = new FixedPointFunctions<ArithmeticShare, BooleanShare>(engine);
        var (wide, narrow) = (FixedPointFormat.Ring64, FixedPointFormat.Ring32);
        ArithmeticShare block;
        switch (plan)
        {
            case "ring64":
                var h64 = engine.Cast(engine.MatMul(s[0], s[1], false, false), wide);
                var g64 = functions.GeluQuad(h64);
                block = engine.Cast(engine.MatMul(g64, s[2], false, false), wide);
                break;
            case "ditto" or "ditto-reference":
                var up = engine.Cast(engine.MatMul(s[0], s[1], false, false), wide);
                var gelu = engine.Cast(functions.GeluQuad(up), narrow);
                block = engine.Cast(engine.MatMul(gelu, s[2], false, false), wide);
                break;
            default:
                var h32 = engine.Cast(engine.MatMul(s[0], s[1], false, false), narrow);
                var g32 = functions.GeluQuad(h32);
                block = engine.Cast(engine.Cast(engine.MatMul(g32, s[2], false, false), narrow), wide);
                break;
        }

        // BERT's LayerNorm after the block, in fxp64.18 under every plan.
        return functions.LayerNorm(block, s[3], s[4], Eps);
    }

    /// <summary>The block in double precision on the quantized inputs and weights (exact quad GeLU), then LayerNorm on the quantized γ, β.</summary>
    private static float[] Reference(IReadOnlyList<float[]> v, int m, int d, int h, FixedPointFormat format)
    {
        var (x, w1, w2) = (Quantize(v[0], format), Quantize(v[1], format), Quantize(v[2], format));
        var (gamma, beta) = (Quantize(v[3], FixedPointFormat.Ring64), Quantize(v[4], FixedPointFormat.Ring64));
        var g = new double[m * h];
        var y = new float[m * d];
        Parallel.For(0, m, i =>
        {
            var row = new double[h];
            for (var p = 0; p < d; p++)
            {
                var a = x[(i * d) + p];
                for (var j = 0; j < h; j++)
                {
                    row[j] += a * w1[(p * h) + j];
                }
            }

            for (var j = 0; j < h; j++)
            {
                g[(i * h) + j] = (0.125 * row[j] * row[j]) + (0.25 * row[j]) + 0.5;
            }

            var outRow = new double[d];
            for (var j = 0; j < h; j++)
            {
                var a = g[(i * h) + j];
                for (var q = 0; q < d; q++)
                {
                    outRow[q] += a * w2[(j * d) + q];
                }
            }

            var mean = outRow.Average();
            var variance = outRow.Sum(a => (a - mean) * (a - mean)) / d;
            var scale = 1 / Math.Sqrt(variance + Eps);
            for (var q = 0; q < d; q++)
            {
                y[(i * d) + q] = (float)(((outRow[q] - mean) * scale * gamma[q]) + beta[q]);
            }
        });
        return y;
    }

    private static double[] Quantize(float[] values, FixedPointFormat format) =>
        [.. values.Select(a => Math.ScaleB(FixedPointCodec.EncodeSigned(a, format), -format.FractionBits))];
}

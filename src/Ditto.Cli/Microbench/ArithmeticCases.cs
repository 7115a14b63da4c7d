using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Protocols.Conversion;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;

namespace Ditto.Cli.Microbench;

/// <summary>Micro-benchmarks of the arithmetic core: mul, matmul, trunc.</summary>
internal static class ArithmeticCases
{
    /// <summary>Element-wise product of two secrets, without truncation (the result has 2f fraction bits).</summary>
    public static MicrobenchCase Mul(MicrobenchArgs args)
    {
        var n = args.Elements("mul");
        var shape = TensorShape.Vector(n);
        var x = args.Uniform(n, -8, 8);
        var y = args.Uniform(n, -8, 8);
        return new MicrobenchCase(
            [new BenchInput(x, shape, args.Format), new BenchInput(y, shape, args.Format)],
            (party, s) => party.Multiply(s[0], s[1]),
            v => Zip(v[0], v[1], (a, b) => Quantize(a, args.Format) * Quantize(b, args.Format)));
    }

    /// <summary>[M×K]·[K×N] of two secrets, without truncation.</summary>
    public static MicrobenchCase MatMul(MicrobenchArgs args)
    {
        var (m, k, n) = ThreeDims(args, "matmul", "128x768x768");
        var x = args.Uniform(m * k, -1, 1);
        var y = args.Uniform(k * n, -1, 1);
        return new MicrobenchCase(
            [new BenchInput(x, new TensorShape(m, k), args.Format), new BenchInput(y, new TensorShape(k, n), args.Format)],
            (party, s) => party.MatMul(s[0], s[1]),
            v =>
            {
                var qx = v[0].Select(a => Quantize(a, args.Format)).ToArray();
                var qy = v[1].Select(a => Quantize(a, args.Format)).ToArray();
                var r = new float[m * n];
                Parallel.For(0, m, i =>
                {
                    for (var j = 0; j < n; j++)
                    {
                        double sum = 0;
                        for (var p = 0; p < k; p++)
                        {
                            sum += (double)qx[(i * k) + p] * qy[(p * n) + j];
                        }

                        r[(i * n) + j] = (float)sum;
                    }
                });
                return r;
            });
    }

    /// <summary>
    /// Party 0's private one-hot rows [M×K] times a shared table [K×N] (the embedding lookup), with no truncation:
    /// the one-hot is an integer (0 fraction bits), the table has f.
    /// </summary>
    public static MicrobenchCase MatMulPrivate(MicrobenchArgs args)
    {
        var (m, k, n) = ThreeDims(args, "matmul-private", "128x30522x768");
        var ids = Enumerable.Range(0, m).Select(_ => args.Random.Next(k)).ToArray();
        var oneHot = new float[m * k];
        for (var i = 0; i < m; i++)
        {
            oneHot[(i * k) + ids[i]] = 1;
        }

        var table = args.Uniform(k * n, -1, 1);
        var integers = new FixedPointFormat(args.Ring, 0);
        return new MicrobenchCase(
            [new BenchInput(table, new TensorShape(k, n), args.Format)],
            (party, s) => new Ditto.Runtime.Engines.Secret.SecretEngine(party).MatMulPrivate(party.Id == 0 ? oneHot : null, new TensorShape(m, k), integers, 0, s[0], false),
            v =>
            {
                var r = new float[m * n];
                for (var i = 0; i < m; i++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        r[(i * n) + j] = Quantize(v[0][(ids[i] * n) + j], args.Format);
                    }
                }

                return r;
            });
    }

    /// <summary>Truncation of values with 2f fraction bits by f bits (what follows every product).</summary>
    public static MicrobenchCase Trunc(MicrobenchArgs args) =>
        Truncation(args, "trunc", (party, x, f) => party.Truncate(x, f));

    /// <summary>The same truncation rounded exactly (the correction before a reveal): ⌊x/2^f⌋ whatever the split.</summary>
    public static MicrobenchCase TruncExact(MicrobenchArgs args) =>
        Truncation(args, "trunc-exact", (party, x, f) => party.RoundExactly(x, party.Truncate(x, f), f));

    /// <summary>Values with 2f fraction bits within the truncation's bound, truncated by f bits with <paramref name="truncate"/>.</summary>
    private static MicrobenchCase Truncation(MicrobenchArgs args, string op, Func<Party, ArithmeticShare, int, ArithmeticShare> truncate)
    {
        var n = args.Elements(op);
        var wide = new FixedPointFormat(args.Ring, 2 * args.FractionBits);
        var bound = Math.ScaleB(1.0, args.Ring - 3 - wide.FractionBits);
        var x = args.Uniform(n, -bound, bound);
        return new MicrobenchCase(
            [new BenchInput(x, TensorShape.Vector(n), wide)],
            (party, s) => truncate(party, s[0], args.FractionBits),
            v => v[0].Select(a => Quantize(a, wide)).ToArray());
    }

    private static (int M, int K, int N) ThreeDims(MicrobenchArgs args, string op, string example) => args.Dims.Length == 3
        ? (args.Dims[0], args.Dims[1], args.Dims[2])
        : throw new ArgumentException($"{op} takes MxKxN as its shape (for example {example}), not {args.DimsText}.");

    /// <summary>The value the encoding actually stores.</summary>
    internal static float Quantize(float value, FixedPointFormat format) =>
        (float)Math.ScaleB(FixedPointCodec.EncodeSigned(value, format), -format.FractionBits);

    internal static float[] Zip(float[] a, float[] b, Func<float, float, float> f)
    {
        var r = new float[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            r[i] = f(a[i], b[i]);
        }

        return r;
    }
}

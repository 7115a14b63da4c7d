using Ditto.Runtime.Engines.Secret;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Protocols;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;

namespace Ditto.Cli.Microbench;

/// <summary>
/// Micro-benchmarks of the boolean protocols: and, a2b, msb, eq, max, relu, b2a. Boolean results are opened through an
/// unmeasured B2A; boolean operands come from an unmeasured A2B of the shared inputs.
/// </summary>
internal static class BooleanCases
{
    /// <summary>AND of two k-bit boolean shares (the bits of two secrets).</summary>
    public static MicrobenchCase And(MicrobenchArgs args)
    {
        var n = args.Elements("and");
        var x = args.Uniform(n, -1000, 1000);
        var y = args.Uniform(n, -1000, 1000);
        return new MicrobenchCase(Inputs(args, n, x, y), null, v => Zip(v[0], v[1], (a, b) => Decode(Encode(a, args.Format) & Encode(b, args.Format), args.Format)))
        {
            BitInputs = true,
            BitsFormat = args.Format,
            SecureMixed = (party, _, bits) => new SecretEngine(party).And(bits[0], bits[1]),
        };
    }

    /// <summary>A2B: the k bits of a secret (Sklansky adder); opened back through B2A, so the reference is the encoded input.</summary>
    public static MicrobenchCase A2B(MicrobenchArgs args)
    {
        var n = args.Elements("a2b");
        var x = args.Uniform(n, -1000, 1000);
        return new MicrobenchCase(Inputs(args, n, x), null, v => [.. v[0].Select(a => ArithmeticCases.Quantize(a, args.Format))])
        {
            BitsFormat = args.Format,
            SecureMixed = (party, s, _) => new SecretEngine(party).ToBits(s[0]),
        };
    }

    /// <summary>The most significant bit, [x &lt; 0].</summary>
    public static MicrobenchCase Msb(MicrobenchArgs args)
    {
        var n = args.Elements("msb");
        var x = args.Uniform(n, -10, 10);
        return new MicrobenchCase(Inputs(args, n, x), null, v => [.. v[0].Select(a => ArithmeticCases.Quantize(a, args.Format) < 0 ? 1f : 0f)])
        {
            BitsFormat = new FixedPointFormat(args.Ring, 0),
            SecureMixed = (party, s, _) => new SecretEngine(party).Msb(s[0]),
        };
    }

    /// <summary>Equality by the zero test, on pairs of which half are equal.</summary>
    public static MicrobenchCase Equal(MicrobenchArgs args)
    {
        var n = args.Elements("eq");
        var x = args.Uniform(n, -10, 10);
        var y = args.Uniform(n, -10, 10);
        for (var i = 0; i < n; i += 2)
        {
            y[i] = x[i];
        }

        return new MicrobenchCase(Inputs(args, n, x, y), null, v => Zip(v[0], v[1], (a, b) => Encode(a, args.Format) == Encode(b, args.Format) ? 1f : 0f))
        {
            BitsFormat = new FixedPointFormat(args.Ring, 0),
            SecureMixed = (party, s, _) => new SecretEngine(party).Equal(s[0], s[1]),
        };
    }

    /// <summary>Max over the last axis of a rows x width shape, or of two secrets element-wise for an element count.</summary>
    public static MicrobenchCase Max(MicrobenchArgs args)
    {
        if (args.Shape.Rank == 2)
        {
            var (rows, width) = (args.Shape[0], args.Shape[1]);
            var values = args.Uniform(rows * width, -10, 10);
            return new MicrobenchCase([new BenchInput(values, args.Shape, args.Format)], (party, s) => Functions(party).Max(s[0]),
                v => [.. Enumerable.Range(0, rows).Select(r => v[0].Skip(r * width).Take(width).Select(a => ArithmeticCases.Quantize(a, args.Format)).Max())]);
        }

        var n = args.Elements("max");
        var x = args.Uniform(n, -10, 10);
        var y = args.Uniform(n, -10, 10);
        return new MicrobenchCase(Inputs(args, n, x, y), (party, s) =>
        {
            // Pair each x with its y: [n, 2], then the max over the last axis (one MSB and one multiply-by-bit).
            var pairs = new SecretEngine(party).Gather(new SecretEngine(party).Concat([s[0], s[1]], 0), new TensorShape(n, 2), [.. Enumerable.Range(0, 2 * n).Select(i => ((i % 2) * n) + (i / 2))]);
            return Functions(party).Max(pairs);
        }, v => Zip(v[0], v[1], (a, b) => Math.Max(ArithmeticCases.Quantize(a, args.Format), ArithmeticCases.Quantize(b, args.Format))));
    }

    /// <summary>max(x, 0).</summary>
    public static MicrobenchCase Relu(MicrobenchArgs args)
    {
        var n = args.Elements("relu");
        var x = args.Uniform(n, -10, 10);
        return new MicrobenchCase(Inputs(args, n, x), (party, s) => Functions(party).Relu(s[0]), v => [.. v[0].Select(a => Math.Max(0f, ArithmeticCases.Quantize(a, args.Format)))]);
    }

    /// <summary>B2A of one bit (the sign bit of a secret, taken from its unmeasured A2B) to fixed-point 1.0.</summary>
    public static MicrobenchCase B2A(MicrobenchArgs args)
    {
        var n = args.Elements("b2a");
        var x = args.Uniform(n, -10, 10);
        return new MicrobenchCase(Inputs(args, n, x), null, v => [.. v[0].Select(a => ArithmeticCases.Quantize(a, args.Format) < 0 ? 1f : 0f)])
        {
            BitInputs = true,
            SecureMixed = (party, _, bits) =>
            {
                var e = new SecretEngine(party);
                return e.InjectBits(e.SliceBits(bits[0], args.Ring - 1, 1), args.Format, [[1L << args.FractionBits]])[0];
            },
        };
    }

    internal static FixedPointFunctions<ArithmeticShare, BooleanShare> Functions(Ditto.Runtime.Parties.Party party) => new(new SecretEngine(party));

    private static BenchInput[] Inputs(MicrobenchArgs args, int n, params float[][] values) =>
        [.. values.Select(v => new BenchInput(v, TensorShape.Vector(n), args.Format))];

    private static long Encode(float value, FixedPointFormat format) => FixedPointCodec.EncodeSigned(value, format);

    private static float Decode(long value, FixedPointFormat format) => (float)(value * format.Ulp);

    private static float[] Zip(float[] a, float[] b, Func<float, float, float> f) => ArithmeticCases.Zip(a, b, f);
}

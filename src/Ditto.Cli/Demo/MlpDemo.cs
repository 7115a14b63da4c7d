using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;

namespace Ditto.Cli.Demo;

/// <summary>The demo's data: the client's input and the model owner's two weight matrices (synthetic, from a fixed seed).</summary>
internal sealed record MlpData(float[] Input, float[] W1, float[] W2)
{
    /// <summary>The same data every time: the demo compares runs, so its inputs must not change between them.</summary>
    public static MlpData Create()
    {
        var random = new Random(7);
        float[] Uniform(int n, double scale) => [.. Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale))];
        return new MlpData(Uniform(MlpDemo.Batch * MlpDemo.Inputs, 1), Uniform(MlpDemo.Inputs * MlpDemo.Hidden, 0.5), Uniform(MlpDemo.Hidden * MlpDemo.Outputs, 0.5));
    }
}

/// <summary>
/// A small secure MLP (linear, quad activation 0.125x² + 0.25x + 0.5, linear) in Ditto's 32-bit ring with 8 fraction
/// bits. Party 0 is the client (input, output), party 1 the model owner (weights), party 2 the helper. The in-process
/// demo and the `demo-mlp` party job both run <see cref="Secure"/>, so their results can be compared bit for bit.
/// </summary>
internal static class MlpDemo
{
    public const int Batch = 4, Inputs = 16, Hidden = 32, Outputs = 4;

    /// <summary>The top-level cost scopes <see cref="Secure"/> enters, in order (for progress displays).</summary>
    public static readonly IReadOnlyList<string> Scopes = ["input", "layer1", "layer2", "output"];

    /// <summary>
    /// The SPMD program: every party calls it with only what it owns (the client its input, the owner its weights,
    /// everyone else null). Returns the output on party 0 and null on the others.
    /// </summary>
    public static float[]? Secure(Party party, float[]? input, float[]? w1, float[]? w2)
    {
        var format = FixedPointFormat.Ring32;
        ArithmeticShare xs, w1s, w2s;
        using (party.Scope("input"))
        {
            xs = party.Share(0, input, new TensorShape(Batch, Inputs), format);
            w1s = party.Share(1, w1, new TensorShape(Inputs, Hidden), format);
            w2s = party.Share(1, w2, new TensorShape(Hidden, Outputs), format);
        }

        ArithmeticShare h;
        using (party.Scope("layer1"))
        {
            h = party.Truncate(party.MatMul(xs, w1s), format.FractionBits);
            h = Quad(party, (ArithmeticShare<uint>)h);
        }

        ArithmeticShare y;
        using (party.Scope("layer2"))
        {
            y = party.Truncate(party.MatMul(h, w2s), format.FractionBits);
        }

        using (party.Scope("output"))
        {
            return party.OpenTo(y, target: 0);
        }
    }

    /// <summary>Runs <see cref="Secure"/> as one party, giving it only what that party owns.</summary>
    public static float[]? SecureAs(Party party, MlpData data) =>
        Secure(party, party.Id == 0 ? data.Input : null, party.Id == 1 ? data.W1 : null, party.Id == 1 ? data.W2 : null);

    /// <summary>The same network in float, for comparison.</summary>
    public static float[] Plaintext(MlpData data)
    {
        var h = new float[Batch * Hidden];
        for (var i = 0; i < Batch; i++)
        {
            for (var j = 0; j < Hidden; j++)
            {
                float s = 0;
                for (var p = 0; p < Inputs; p++)
                {
                    s += data.Input[(i * Inputs) + p] * data.W1[(p * Hidden) + j];
                }

                h[(i * Hidden) + j] = (0.125f * s * s) + (0.25f * s) + 0.5f;
            }
        }

        var y = new float[Batch * Outputs];
        for (var i = 0; i < Batch; i++)
        {
            for (var j = 0; j < Outputs; j++)
            {
                float s = 0;
                for (var p = 0; p < Hidden; p++)
                {
                    s += h[(i * Hidden) + p] * data.W2[(p * Outputs) + j];
                }

                y[(i * Outputs) + j] = s;
            }
        }

        return y;
    }

    // quad(h) = 0.125h² + 0.25h + 0.5: one secure product, the rest are local scalings by public constants.
    private static ArithmeticShare<uint> Quad(Party party, ArithmeticShare<uint> h)
    {
        var f = h.Format.FractionBits;
        var square = party.Truncate(party.Multiply(h, h), f + 3); // 0.125·h², f fraction bits
        var quarter = LocalArithmetic.MultiplyPublic(h, FixedPointCodec.Encode<uint>(0.25, h.Format));
        var linear = party.Truncate(quarter.Relabel(new FixedPointFormat(32, 2 * f)), f);
        var sum = LocalArithmetic.Add(square.Relabel(h.Format), linear);
        return LocalArithmetic.AddPublic(party.Id, sum, FixedPointCodec.Encode<uint>(0.5, h.Format));
    }
}

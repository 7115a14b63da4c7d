using System.CommandLine;
using Ditto.Runtime.Engine;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;
using Spectre.Console;

namespace Ditto.Cli.Commands;

/// <summary>
/// `ditto demo`: a small secure MLP (linear, quad activation 0.125x² + 0.25x + 0.5, linear) in Ditto's 32-bit ring with 8
/// fraction bits. Party 0 is the client (input, output), party 1 the model owner (weights); three in-process parties.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var seed = new Option<ulong?>("--seed") { Description = "Seed the parties' randomness for a reproducible run (default: fresh randomness)." };
        var command = new Command("demo", "Run a small secure MLP with three in-process parties and print it beside the plaintext result, with a cost table.") { seed };
        command.SetAction(parse => Run(parse.GetValue(seed)));
        return command;
    }

    private static int Run(ulong? seed)
    {
        const int batch = 4, input = 16, hidden = 32, output = 4;
        var format = FixedPointFormat.Ring32;
        var random = new Random(7);
        float[] Uniform(int n, double scale) => [.. Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale))];
        var x = Uniform(batch * input, 1);
        var w1 = Uniform(input * hidden, 0.5);
        var w2 = Uniform(hidden * output, 0.5);

        var session = InProcessSession.Run(party =>
        {
            ArithmeticShare xs, w1s, w2s;
            using (party.Scope("input"))
            {
                xs = party.Share(0, party.Id == 0 ? x : null, new TensorShape(batch, input), format);
                w1s = party.Share(1, party.Id == 1 ? w1 : null, new TensorShape(input, hidden), format);
                w2s = party.Share(1, party.Id == 1 ? w2 : null, new TensorShape(hidden, output), format);
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
        }, new SessionOptions { Seed = seed });

        var secure = session.Results[0]!;
        var plain = Plaintext(x, w1, w2, batch, input, hidden, output);
        var table = new Table().Title("secure MLP output (client, party 0) beside plaintext float").AddColumns("row", "secure", "plaintext", "max |error|");
        for (var r = 0; r < batch; r++)
        {
            var s = secure.AsSpan(r * output, output).ToArray();
            var p = plain.AsSpan(r * output, output).ToArray();
            table.AddRow(r.ToString(System.Globalization.CultureInfo.InvariantCulture), Format(s), Format(p),
                s.Zip(p, (a, b) => Math.Abs(a - b)).Max().ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        AnsiConsole.Write(CostTable.Create(session.Report));
        return 0;
    }

    // quad(h) = 0.125h² + 0.25h + 0.5 = (h·h·2^−3 + h·2^−2·2^f... ) computed as one product and local scalings.
    private static ArithmeticShare<uint> Quad(Party party, ArithmeticShare<uint> h)
    {
        var f = h.Format.FractionBits;
        var square = party.Truncate(party.Multiply(h, h), f + 3); // 0.125·h², f fraction bits
        var quarter = LocalArithmetic.MultiplyPublic(h, FixedPointCodec.Encode<uint>(0.25, h.Format));
        var linear = party.Truncate(quarter.Relabel(new FixedPointFormat(32, 2 * f)), f);
        var sum = LocalArithmetic.Add(square.Relabel(h.Format), linear);
        return LocalArithmetic.AddPublic(party.Id, sum, FixedPointCodec.Encode<uint>(0.5, h.Format));
    }

    private static float[] Plaintext(float[] x, float[] w1, float[] w2, int batch, int input, int hidden, int output)
    {
        var h = new float[batch * hidden];
        for (var i = 0; i < batch; i++)
        {
            for (var j = 0; j < hidden; j++)
            {
                float s = 0;
                for (var p = 0; p < input; p++)
                {
                    s += x[(i * input) + p] * w1[(p * hidden) + j];
                }

                h[(i * hidden) + j] = (0.125f * s * s) + (0.25f * s) + 0.5f;
            }
        }

        var y = new float[batch * output];
        for (var i = 0; i < batch; i++)
        {
            for (var j = 0; j < output; j++)
            {
                float s = 0;
                for (var p = 0; p < hidden; p++)
                {
                    s += h[(i * hidden) + p] * w2[(p * output) + j];
                }

                y[(i * output) + j] = s;
            }
        }

        return y;
    }

    private static string Format(float[] values) =>
        string.Join("  ", values.Select(v => v.ToString("+0.000;-0.000", System.Globalization.CultureInfo.InvariantCulture)));
}

using System.CommandLine;
using System.Text.Json;
using Ditto.Cli.Microbench;
using Ditto.Cli.Progress;
using Ditto.Runtime.Ledger;
using Spectre.Console;

namespace Ditto.Cli.Commands;

/// <summary>`ditto microbench &lt;op&gt;`: one protocol with three in-process parties, its cost and its error against float.</summary>
internal static class MicrobenchCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static Command Create()
    {
        var op = new Argument<string>("op")
        {
            Description = "The operation: " + string.Join(", ", MicrobenchCatalog.Cases.Keys),
        };
        op.AcceptOnlyFromAmong([.. MicrobenchCatalog.Cases.Keys]);
        var ring = new Option<int>("--ring") { Description = "Ring width in bits: 32 or 64.", DefaultValueFactory = _ => 64 };
        ring.AcceptOnlyFromAmong("32", "64");
        var shape = new Option<string>("--shape") { Description = "Dimensions joined by x: the element count for element-wise ops (65536), MxKxN for matmul (128x768x768), rows x width for softmax and layernorm.", DefaultValueFactory = _ => "65536" };
        var fraction = new Option<int?>("--fraction-bits") { Description = "Fraction bits of the inputs (default 8 in the 32-bit ring, 18 in the 64-bit ring)." };
        var reps = new Option<int>("--repetitions") { Description = "Runs to take the median time over.", DefaultValueFactory = _ => 5 };
        var expIters = new Option<int>("--exp-iters") { Description = "Iterations n of exp(x) ≈ (1 + x/2^n)^(2^n).", DefaultValueFactory = _ => 8 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the inputs and of the parties' randomness.", DefaultValueFactory = _ => 1UL };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var command = new Command("microbench", "Benchmark one protocol with three in-process parties: time, bytes per party, rounds, error against float.")
        {
            op, ring, shape, fraction, reps, expIters, seed, json,
        };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(op)!;
            var ringBits = parse.GetValue(ring);
            var args = new MicrobenchArgs(
                ringBits,
                MicrobenchArgs.ParseDims(parse.GetValue(shape)!),
                parse.GetValue(fraction) ?? (ringBits == 32 ? 8 : 18),
                parse.GetValue(expIters),
                new Random((int)parse.GetValue(seed)));
            var repetitions = Math.Max(1, parse.GetValue(reps));
            if (name == "ffn-block")
            {
                // The plans in one run, reported side by side with their ratios.
                var comparison = FfnBlockComparison.Run(args, repetitions, parse.GetValue(seed));
                if (parse.GetValue(json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(comparison, Json));
                }
                else
                {
                    FfnBlockTable.Write(comparison);
                }

                return 0;
            }

            var benchCase = MicrobenchCatalog.Cases[name].Build(args);
            var monitor = new ProgressMonitor();
            MicrobenchResult result;
            using (new ProgressDisplay(monitor, $"ditto microbench {name}", ProgressDisplay.ShouldShow(parse.GetValue(json))))
            {
                result = MicrobenchRunner.Run(name, ringBits, args.DimsText, benchCase, repetitions, parse.GetValue(seed), MicrobenchCatalog.Cases[name].Help, monitor);
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(result, Json));
                return 0;
            }

            var table = new Table().AddColumns("field", "value");
            foreach (var p in typeof(MicrobenchResult).GetProperties())
            {
                var v = p.GetValue(result);
                table.AddRow(Markup.Escape(p.Name), Markup.Escape(v is long[] a ? string.Join(", ", a) : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}

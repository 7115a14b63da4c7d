using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ditto.Cli.Bench;
using Ditto.Cli.Processes;
using Ditto.Cli.Progress;
using Ditto.Models;
using Ditto.Models.Hosting;
using Ditto.Models.Synthetic;

namespace Ditto.Cli.Commands;

/// <summary>
/// `ditto bench`: the papers' models at their published sizes under several presets side by side, with three
/// in-process parties; time, bytes, rounds, the breakdown by layer type, LAN/WAN estimates and the ratios between
/// presets of the same invocation, as tables, JSON, markdown and a chart.
/// </summary>
internal static class BenchCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Models, comma-separated: " + string.Join(", ", BenchmarkModels.Names) + ".", DefaultValueFactory = _ => "bert-base" };
        var seq = new Option<string?>("--seq") { Description = "Input lengths, comma-separated (default: 128 for BERT, 32 for GPT-2; \"published\" for the papers' three lengths)." };
        var presets = new Option<string>("--presets") { Description = "Presets to run side by side, comma-separated: " + string.Join(", ", Presets.Names) + ".", DefaultValueFactory = _ => "ditto,puma" };
        var checkRanges = new Option<bool>("--check-ranges") { Description = "Also run each query on the checking emulator (in process, with the seeded weights): every precondition per scope and line." };
        var overrides = new Option<string?>("--plan") { Description = "Override named precisions of every preset, e.g. Linear=32:10." };
        var baseline = new Option<string?>("--baseline") { Description = "The preset the ratios are taken against (default: puma when it runs, else the first)." };
        var generate = new Option<int>("--generate") { Description = "Decoders: tokens to generate after the input (the papers' GPT-2 tables generate 1).", DefaultValueFactory = _ => 1 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the random weights, the client's tokens and the parties' randomness.", DefaultValueFactory = _ => 1UL };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with a runs array instead of tables." };
        var processes = new Option<bool>("--processes") { Description = "Run the parties as three `ditto party` processes over TLS (loopback) instead of threads." };
        var netns = new Option<bool>("--netns") { Description = "With --processes: place party N in the network namespace ditto-pN that scripts/netns-shape.sh set up (root), so the run is measured over the shaped LAN or WAN." };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Also write bench.json, bench.md and the breakdown chart bench.png to this folder." };
        var command = new Command("bench", "Secure inference of BERT and GPT-2 at their published sizes (random weights) under several presets side by side: time, bytes, rounds, breakdown by layer type, ratios.")
        {
            model, seq, presets, overrides, checkRanges, baseline, generate, seed, processes, netns, json, outDir,
        };
        command.SetAction(parse =>
        {
            var models = Split(parse.GetValue(model)!, "--model");
            var chosen = Split(parse.GetValue(presets)!, "--presets").Select(Presets.Get).ToList();
            var baselineName = parse.GetValue(baseline)?.Trim().ToLowerInvariant() ?? (chosen.Any(p => p.Name == "puma") ? "puma" : chosen[0].Name);
            if (!chosen.Any(p => p.Name == baselineName))
            {
                throw new ArgumentException($"--baseline {baselineName} is not among --presets {string.Join(",", chosen.Select(p => p.Name))}.");
            }

            var useJson = parse.GetValue(json);
            var seedValue = parse.GetValue(seed);
            var generated = parse.GetValue(generate);
            var inProcesses = parse.GetValue(processes);
            if (parse.GetValue(netns) && !inProcesses)
            {
                throw new ArgumentException("--netns places party processes: pass --processes too.");
            }

            var placement = parse.GetValue(netns) ? PartyPlacement.ShapedNamespaces() : PartyPlacement.Loopback;
            // Every run is checked (lengths, memory) on the models' shapes before any weight is built or shared, so a
            // long invocation cannot fail halfway on something known at the start.
            var plan = new List<(BenchmarkModel Shapes, List<BenchSpec> Specs)>();
            foreach (var name in models)
            {
                var shapes = BenchmarkModels.Create(name, seedValue, shapesOnly: true);
                var specs = Lengths(parse.GetValue(seq), shapes).SelectMany(length => chosen.Select(preset => new BenchSpec(shapes.Name, length, generated, preset.Name, seedValue, parse.GetValue(overrides)))).ToList();
                specs.ForEach(spec => BenchRunner.Check(shapes, spec.Seq, spec.Generate));
                specs.ForEach(spec => BenchMemory.Ensure(spec, shapes));
                plan.Add((shapes, specs));
            }

            var runs = new List<BenchRun>();
            foreach (var (shapes, specs) in plan)
            {
                // With processes, the parties build the model themselves; here only its shapes are needed.
                var benchModel = inProcesses ? shapes : BenchmarkModels.Create(shapes.Name, seedValue);
                var checkedModel = parse.GetValue(checkRanges) ? (inProcesses ? BenchmarkModels.Create(shapes.Name, seedValue) : benchModel) : null;
                foreach (var spec in specs)
                {
                    var run = inProcesses
                        ? BenchRunner.InProcesses(spec, shapes, placement)
                        : BenchRunner.InProcess(spec, benchModel, ProgressDisplay.ShouldShow(useJson));
                    if (checkedModel is not null)
                    {
                        var rows = BenchRunner.CheckRanges(spec, checkedModel);
                        run = run with { Ranges = Running.RangeReport.Json(rows), RangeRows = rows };
                    }

                    runs.Add(run);

                    // The shares of one run's weights are garbage before the next run shares them again: give their
                    // memory back now, or a large model's next preset finds it still committed.
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                }
            }

            var parties = inProcesses
                ? $"three `ditto party` processes over TLS 1.3, {placement.Name}"
                : "three in-process parties (threads sharing the cores), in-process transport";
            var report = new BenchReport(BenchMachine.Describe(parties), runs, BenchReport.Against(runs, baselineName));
            if (useJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(report, Json));
            }
            else
            {
                BenchTables.Write(report);
            }

            if (parse.GetValue(outDir) is { } dir)
            {
                BenchFiles.Write(report, dir.FullName, string.Join(' ', parse.Tokens.Skip(1).Select(t => t.Value)));
            }

            return 0;
        });
        return command;
    }

    private static List<string> Split(string list, string option)
    {
        var items = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).Distinct().ToList();
        return items.Count > 0 ? items : throw new ArgumentException($"{option} needs at least one name.");
    }

    private static List<int> Lengths(string? seq, BenchmarkModel model)
    {
        if (seq is null)
        {
            return [model.PublishedLengths[1]];
        }

        if (string.Equals(seq.Trim(), "published", StringComparison.OrdinalIgnoreCase))
        {
            return [.. model.PublishedLengths];
        }

        return [.. Split(seq, "--seq").Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"--seq: '{s}' is not a positive whole number of tokens."))];
    }
}

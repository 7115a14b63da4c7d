using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ditto.Cli.Demo;
using Ditto.Cli.Jobs;
using Ditto.Cli.Processes;
using Ditto.Cli.Progress;
using Ditto.Cli.Running;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Spectre.Console;

namespace Ditto.Cli.Commands;

/// <summary>
/// `ditto demo`: secure sentence embeddings of a few sentences with the real all-MiniLM-L6-v2 (the `ditto-quant` preset
/// by default: Ditto's mixed rings with an accurate GeLU, as the model was not distilled for quad GeLU), the same as
/// `ditto run --model minilm`. With --mlp, the small secure MLP of <see cref="MlpDemo"/> instead. Three in-process
/// parties, or with --processes three `ditto party` processes over loopback TLS.
/// </summary>
internal static class DemoCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static Command Create()
    {
        var preset = new Option<string>("--preset") { Description = PlanChoice.PresetHelp, DefaultValueFactory = _ => "ditto-quant" };
        preset.AcceptOnlyFromAmong([.. Ditto.Models.Presets.Names]);
        var plan = new Option<string?>("--plan") { Description = PlanChoice.PlanHelp };
        var mlp = new Option<bool>("--mlp") { Description = "Run the small secure MLP (a few milliseconds) instead of MiniLM." };
        var seed = new Option<ulong?>("--seed") { Description = "Seed the parties' randomness for a reproducible run (default: fresh randomness)." };
        var processes = new Option<bool>("--processes") { Description = "Run the parties as three `ditto party` processes over loopback TLS (fresh keys, free ports) instead of threads." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (secure and plaintext outputs, costs, estimates) instead of tables." };
        var workDir = new Option<DirectoryInfo?>("--work-dir") { Hidden = true };
        var failParty = new Option<int?>("--fail-party") { Hidden = true };
        var failAfter = new Option<int>("--fail-after-steps") { Hidden = true };
        var failMode = new Option<string>("--fail-mode") { Hidden = true, DefaultValueFactory = _ => "exit" };
        failMode.AcceptOnlyFromAmong(TestFault.Modes);
        var command = new Command("demo", "Secure sentence embeddings with the real MiniLM and three parties, beside the plaintext result, with costs by layer type (--mlp: a small MLP).")
        {
            preset, plan, mlp, seed, processes, json, workDir, failParty, failAfter, failMode,
        };
        command.SetAction(parse => parse.GetValue(mlp) ? Run(
            parse.GetValue(seed),
            parse.GetValue(processes),
            parse.GetValue(json),
            parse.GetValue(workDir)?.FullName,
            parse.GetValue(failParty) is { } p ? new ChildFault(p, parse.GetValue(failAfter), parse.GetValue(failMode)!) : null)
            : RunCommand.Execute(
                new RunSpec(Ditto.Models.Hosting.ModelSources.MiniLm, Sentences, parse.GetValue(preset)!, parse.GetValue(plan), 0, null, int.MaxValue),
                parse.GetValue(processes),
                parse.GetValue(seed),
                parse.GetValue(json),
                parse.GetValue(workDir)?.FullName,
                parse.GetValue(failParty) is { } q ? new ChildFault(q, parse.GetValue(failAfter), parse.GetValue(failMode)!) : null,
                "ditto demo"));
        return command;
    }

    /// <summary>The demo's sentences: different lengths, two about the same thing, two about other things.</summary>
    public static readonly string[] Sentences =
    [
        "The cat sits on the mat.",
        "A kitten is resting on a rug.",
        "Quarterly revenue grew faster than the analysts expected.",
        "Secure multi-party computation keeps both the model and the input private.",
    ];

    private static int Run(ulong? seed, bool processes, bool json, string? workDir, ChildFault? fault)
    {
        var data = MlpData.Create();
        float[] secure;
        CostReport report;
        if (processes)
        {
            try
            {
                var output = PartyProcesses.Run("demo-mlp", seed, workDir, fault);
                secure = output.Result.Deserialize<MlpOutput>(PartyOutput.Json)!.Values;
                report = output.Report();
            }
            catch (PartyProcessesException e)
            {
                Console.Error.WriteLine($"ditto demo --processes: error: {e.Message}");
                return e.ExitCode;
            }
        }
        else
        {
            var monitor = new ProgressMonitor { ExpectedScopes = MlpDemo.Scopes };
            SessionResult<float[]?> session;
            using (new ProgressDisplay(monitor, "ditto demo", ProgressDisplay.ShouldShow(json)))
            {
                session = InProcessSession.Run(party => MlpDemo.SecureAs(party, data), new SessionOptions { Seed = seed, Progress = monitor });
            }

            secure = session.Results[0]!;
            report = session.Report;
        }

        var plain = MlpDemo.Plaintext(data);
        var lan = NetworkEstimate.Seconds(report, NetworkProfile.Lan);
        var wan = NetworkEstimate.Seconds(report, NetworkProfile.Wan);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                mode = processes ? "processes" : "in-process",
                seed,
                rows = MlpDemo.Batch,
                columns = MlpDemo.Outputs,
                secure,
                plaintext = plain,
                maxAbsError = secure.Zip(plain, (a, b) => Math.Abs(a - b)).Max(),
                total = report.Total,
                estimatedLanSeconds = lan,
                estimatedWanSeconds = wan,
            }, Json));
            return 0;
        }

        var ci = CultureInfo.InvariantCulture;
        var title = processes ? "secure MLP output (client, party 0 of three processes) beside plaintext float" : "secure MLP output (client, party 0) beside plaintext float";
        var table = new Table().Title(title).AddColumns("row", "secure", "plaintext", "max |error|");
        for (var r = 0; r < MlpDemo.Batch; r++)
        {
            var s = secure.AsSpan(r * MlpDemo.Outputs, MlpDemo.Outputs).ToArray();
            var p = plain.AsSpan(r * MlpDemo.Outputs, MlpDemo.Outputs).ToArray();
            table.AddRow(r.ToString(ci), Format(s), Format(p), s.Zip(p, (a, b) => Math.Abs(a - b)).Max().ToString("0.0000", ci));
        }

        AnsiConsole.Write(table);
        AnsiConsole.Write(CostTable.Create(report));
        AnsiConsole.MarkupLine(Markup.Escape(EstimateLine(lan, wan)));
        return 0;
    }

    internal static string EstimateLine(double lan, double wan) => string.Format(CultureInfo.InvariantCulture,
        "estimated time: LAN (5 Gbps, 0.4 ms RTT) {0:0.0000} s; WAN (400 Mbps, 40 ms RTT) {1:0.0000} s (compute + max-party bytes / bandwidth + rounds x RTT)", lan, wan);

    private static string Format(float[] values) =>
        string.Join("  ", values.Select(v => v.ToString("+0.000;-0.000", CultureInfo.InvariantCulture)));
}

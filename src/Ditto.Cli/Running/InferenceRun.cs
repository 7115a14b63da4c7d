using System.Diagnostics;
using System.Text.Json;
using Ditto.Cli.Jobs;
using Ditto.Cli.Processes;
using Ditto.Cli.Progress;
using Ditto.Models.Hosting;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Engines.Clear;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;

namespace Ditto.Cli.Running;

/// <summary>A secure run and its plaintext reference.</summary>
/// <param name="Spec">What was asked.</param>
/// <param name="Model">The model (loaded in this process for the plaintext reference).</param>
/// <param name="Secure">What the client learnt from the secure run.</param>
/// <param name="Plaintext">The same program on the float backend.</param>
/// <param name="Report">The merged cost report of the three parties.</param>
/// <param name="Seconds">Wall time of the secure inference, the one-off weight sharing excluded.</param>
/// <param name="SetupSeconds">Wall time of sharing the weights (once per session).</param>
/// <param name="Processes">True when the parties were three processes over loopback TLS.</param>
/// <param name="Ranges">With --check-ranges: what the checking emulator saw on the same request, else null.</param>
internal sealed record RunOutcome(RunSpec Spec, LoadedModel Model, InferenceAnswer Secure, InferenceAnswer Plaintext, CostReport Report, double Seconds, double SetupSeconds, bool Processes, IReadOnlyList<RangeRow>? Ranges = null);

/// <summary>
/// Runs a <see cref="RunSpec"/>: the secure inference with three parties (threads, or `ditto party` processes), and the
/// plaintext reference on the float backend for comparison. The reference is the CLI's own check, not part of the
/// protocol: it reads the model files, which only the model owner has in a real deployment.
/// </summary>
internal static class InferenceRun
{
    public static RunOutcome Run(RunSpec spec, bool processes, ulong? seed, bool showProgress, string? workDirectory = null, ChildFault? fault = null, bool checkRanges = false)
    {
        var (_, plan, approximations) = spec.Settings();
        var request = spec.Request();
        var model = ModelSources.Load(spec.Model);
        var plaintext = InferenceProgram.Run(new FloatBackend(plan), model, request)!;

        // Like the plaintext reference, the range check is the CLI's own: it runs the checking emulator on the clear
        // request and weights, in this process, before the secure run.
        IReadOnlyList<RangeRow>? ranges = null;
        if (checkRanges)
        {
            var checker = new RangeChecker();
            InferenceProgram.Run(BackendFactory.Checking(plan, approximations, checker), model, request);
            ranges = checker.Rows;
        }
        InferenceAnswer secure;
        CostReport report;
        double wall;
        if (processes)
        {
            var watch = Stopwatch.StartNew();
            var output = PartyProcesses.Run("run", seed, workDirectory, fault, JsonSerializer.Serialize(spec, PartyOutput.Json));
            wall = watch.Elapsed.TotalSeconds;
            secure = output.Result.Deserialize<InferenceAnswer>(PartyOutput.Json)
                ?? throw new InvalidOperationException("Party 0 returned no answer.");
            report = output.Report();
        }
        else
        {
            var monitor = new ProgressMonitor();
            SessionResult<InferenceAnswer?> session;
            IReadOnlyList<HeadroomWarning> headroom = [];
            var watch = Stopwatch.StartNew();
            using (new ProgressDisplay(monitor, $"ditto run {model.Name}", showProgress))
            {
                // In one process the three parties share the loaded model object; each backend reads the weights'
                // values only on the owner (party 1) and the request only on the client (party 0).
                session = InProcessSession.Run(
                    party =>
                    {
                        var backend = BackendFactory.Mpc(party, plan, approximations);
                        var answer = InferenceProgram.Run(backend, model, party.Id == 0 ? request : null);
                        if (party.Id == 0)
                        {
                            headroom = backend.HeadroomWarnings;
                        }

                        return answer;
                    },
                    new SessionOptions { Seed = seed, Progress = monitor });
            }

            // The resolved formats and real sizes that break the headroom rule: a warning, as the values may still fit
            // (--check-ranges measures whether they did). Shapes and formats only, never values.
            foreach (var warning in headroom)
            {
                Console.Error.WriteLine($"warning: headroom: {warning}");
            }

            wall = watch.Elapsed.TotalSeconds;
            secure = session.Results[0]!;
            report = session.Report;
        }

        var setup = report.ForScope("weights").Seconds;
        return new RunOutcome(spec, model, secure, plaintext, report, Math.Max(0, report.Total.Seconds - setup), setup, processes, ranges);
    }
}

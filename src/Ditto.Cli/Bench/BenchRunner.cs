using System.Diagnostics;
using System.Text.Json;
using Ditto.Cli.Jobs;
using Ditto.Cli.Processes;
using Ditto.Cli.Progress;
using Ditto.Cli.Running;
using Ditto.Models.Bert;
using Ditto.Models.Decoding;
using Ditto.Models.Hosting;
using Ditto.Models.Synthetic;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Engines.Clear;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;

namespace Ditto.Cli.Bench;

/// <summary>
/// Runs one benchmark: a model at one input length under one preset, with three in-process parties or three `ditto
/// party` processes. The client's tokens are random ids from the seed (the cost does not depend on them); an encoder
/// runs the whole forward pass and reveals the pooled embedding to the client, a decoder runs the prompt and generates
/// tokens with its KV cache.
/// </summary>
internal static class BenchRunner
{
    /// <summary>The root scope of the warm-up pass, whose costs the figures leave out.</summary>
    public const string WarmupScope = "warmup";

    /// <summary>Runs <paramref name="spec"/> with the parties as threads of this process (<paramref name="model"/> loaded here).</summary>
    public static BenchRun InProcess(BenchSpec spec, BenchmarkModel model, bool showProgress)
    {
        var monitor = new ProgressMonitor();
        SessionResult<double> session;
        using (new ProgressDisplay(monitor, $"ditto bench {spec.Model} · {spec.Seq} tokens · {spec.Preset}", showProgress))
        {
            // In one process the three parties share the model object; only the owner's backend reads the weights' values.
            session = InProcessSession.Run(party => Party(party, spec, model), new SessionOptions { Seed = spec.Seed, Progress = monitor });
        }

        return Measure(spec, model.Decoder is not null, session.Report, session.Results.Max());
    }

    /// <summary>Runs <paramref name="spec"/> as three `ditto party` processes (the `bench` job) placed as asked; <paramref name="shapes"/> knows the model's shapes.</summary>
    public static BenchRun InProcesses(BenchSpec spec, BenchmarkModel shapes, PartyPlacement placement)
    {
        var output = PartyProcesses.Run(BenchJob.JobName, spec.Seed, null, null, JsonSerializer.Serialize(spec, PartyOutput.Json), placement);
        return Measure(spec, shapes.Decoder is not null, output.Report(), output.Result.GetDouble());
    }

    /// <summary>
    /// What every party runs (SPMD): the same query twice, and the second is measured; returns its wall time. The first
    /// pass shares every weight (a one-off of the session, charged to "weights"), compiles the code paths and grows the
    /// heap to the query's working set, so the measured pass is what a warm deployment pays per query whatever ran
    /// before it in the process (a one-token warm-up left the first preset of an invocation paying page faults: 9.6–10 s
    /// against 6.1–6.9 s for the same ditto run placed second). Only the client (party 0) draws the tokens.
    /// </summary>
    public static double Party(Party party, BenchSpec spec, BenchmarkModel model)
    {
        var preset = spec.Settings;
        var backend = BackendFactory.Mpc(party, preset.Plan, preset.Approximations);
        var tokens = party.Id == backend.ClientId ? RandomTokens(spec.Seq, model.VocabSize, spec.Seed) : null;
        using (party.Ledger.RootScope(WarmupScope))
        {
            Program(backend, model, tokens, spec.Seq, 1);
        }

        var watch = Stopwatch.StartNew();
        Program(backend, model, tokens, spec.Seq, spec.Generate);
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The range check of a run: the same query (the client's seeded tokens, the seeded weights) on the checking emulator,
    /// in this process; every precondition the protocols rely on, per scope and line. Needs the model's weights.
    /// </summary>
    public static IReadOnlyList<RangeRow> CheckRanges(BenchSpec spec, BenchmarkModel model)
    {
        var preset = spec.Settings;
        var checker = new RangeChecker();
        var backend = BackendFactory.Checking(preset.Plan, preset.Approximations, checker);
        Program(backend, model, RandomTokens(spec.Seq, model.VocabSize, spec.Seed), spec.Seq, spec.Generate);
        return checker.Rows;
    }

    /// <summary>Refuses lengths the model cannot take, before anything is shared.</summary>
    public static void Check(BenchmarkModel model, int seq, int generate)
    {
        if (seq < 1 || seq > model.MaxLength)
        {
            throw new ArgumentException($"--seq {seq}: {model.Name} takes 1 to {model.MaxLength} input tokens.");
        }

        if (model.Decoder is not null && (generate < 1 || seq + generate - 1 > model.MaxLength))
        {
            throw new ArgumentException($"--generate {generate}: {model.Name} generates 1 to {model.MaxLength - seq + 1} tokens after {seq} input tokens.");
        }
    }

    /// <summary>The client's token ids: uniform over the vocabulary, from the seed.</summary>
    public static int[] RandomTokens(int seq, int vocab, ulong seed)
    {
        var random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        return [.. Enumerable.Range(0, seq).Select(_ => random.Next(vocab))];
    }

    /// <summary>The inference every party runs: an encoder's pooled embedding, or a decoder's prompt and generated tokens.</summary>
    public static void Program(IBackend backend, BenchmarkModel model, IReadOnlyList<int>? tokens, int seq, int generate)
    {
        if (model.Encoder is { } bert)
        {
            SentenceEncoder.Embed(bert, backend, tokens, seq);
        }
        else
        {
            CausalGenerator.Greedy(model.Decoder!, backend, tokens, seq, generate, out _);
        }
    }

    /// <summary>A run's figures: the measured pass only (the weight sharing reported apart).</summary>
    private static BenchRun Measure(BenchSpec spec, bool decoder, CostReport report, double seconds)
    {
        // The session's seed exchange ("setup"), the weight sharing and the warm-up are one-offs of a deployment.
        var measured = report.Operations.Where(r => r.Name != "setup" && !InScope(r, "weights") && !InScope(r, WarmupScope)).ToList();
        var inference = CostReport.Sum("inference", measured) with { Seconds = seconds };
        return new BenchRun(
            spec.Model,
            spec.Seq,
            decoder ? spec.Generate : 0,
            spec.Preset,
            spec.Settings.Plan.ToString(),
            seconds,
            report.ForScope("weights").Seconds,
            inference.BytesPerParty,
            inference.Rounds,
            CostBreakdown.Of(measured),
            NetworkEstimate.Seconds(inference, NetworkProfile.Lan),
            NetworkEstimate.Seconds(inference, NetworkProfile.Wan),
            spec.Settings.Approximations.Substitutions());
    }

    private static bool InScope(CostRow row, string scope) =>
        row.Scope == scope || row.Scope.StartsWith(scope + "/", StringComparison.Ordinal);
}

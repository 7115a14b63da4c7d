using System.Diagnostics;
using Ditto.Cli.Progress;
using Ditto.Cli.Running;
using Ditto.Models;
using Ditto.Models.Bert;
using Ditto.Models.Gpt2;
using Ditto.Models.Synthetic;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Engine;
using Ditto.Runtime.Ledger;

namespace Ditto.Cli.Bench;

/// <summary>
/// Runs one benchmark: a model at one input length under one preset, with three in-process parties. The client's
/// tokens are random ids from the seed (the cost does not depend on them); an encoder runs the whole forward pass and
/// reveals the pooled embedding to the client, a decoder runs the prompt and generates tokens with its KV cache.
/// </summary>
internal static class BenchRunner
{
    /// <summary>The root scope of the warm-up pass, whose costs the figures leave out.</summary>
    public const string WarmupScope = "warmup";

    public static BenchRun Run(BenchmarkModel model, int seq, int generate, ModelPreset preset, ulong seed, bool showProgress)
    {
        Check(model, seq, generate);
        var tokens = RandomTokens(seq, model.VocabSize, seed);
        var monitor = new ProgressMonitor();
        SessionResult<double> session;
        using (new ProgressDisplay(monitor, $"ditto bench {model.Name} · {seq} tokens · {preset.Name}", showProgress))
        {
            session = InProcessSession.Run(
                party =>
                {
                    var backend = BackendFactory.Mpc(party, preset.Plan, preset.Approximations);
                    var client = party.Id == backend.ClientId;

                    // A one-token pass first: it shares every weight (a one-off of the session, charged to "weights") and
                    // compiles the code paths, so the measured pass is what a warm deployment pays per query.
                    using (party.Ledger.RootScope(WarmupScope))
                    {
                        Program(backend, model, client ? tokens[..1] : null, 1, 1);
                    }

                    var watch = Stopwatch.StartNew();
                    Program(backend, model, client ? tokens : null, seq, generate);
                    return watch.Elapsed.TotalSeconds;
                },
                new SessionOptions { Seed = seed, Progress = monitor });
        }

        return Measure(model.Name, seq, model.Decoder is null ? 0 : generate, preset, session.Report, session.Results.Max());
    }

    /// <summary>What every party runs (SPMD): the client passes the tokens, the others null.</summary>
    public static void Program(IBackend backend, BenchmarkModel model, IReadOnlyList<int>? tokens, int seq, int generate)
    {
        if (model.Encoder is { } bert)
        {
            SentenceEncoder.Embed(bert, backend, tokens, seq);
        }
        else
        {
            Gpt2Generator.Greedy(model.Decoder!, backend, tokens, seq, generate, out _);
        }
    }

    /// <summary>A run's figures: the measured pass only (the weight sharing reported apart).</summary>
    private static BenchRun Measure(string model, int seq, int generate, ModelPreset preset, CostReport report, double seconds)
    {
        // The session's seed exchange ("setup"), the weight sharing and the warm-up are one-offs of a deployment.
        var measured = report.Operations.Where(r => r.Name != "setup" && !InScope(r, "weights") && !InScope(r, WarmupScope)).ToList();
        var inference = CostReport.Sum("inference", measured);
        return new BenchRun(
            model,
            seq,
            generate,
            preset.Name,
            preset.Plan.ToString(),
            seconds,
            report.ForScope("weights").Seconds,
            inference.BytesPerParty,
            inference.Rounds,
            CostBreakdown.Of(measured),
            NetworkEstimate.Seconds(inference with { Seconds = seconds }, NetworkProfile.Lan),
            NetworkEstimate.Seconds(inference with { Seconds = seconds }, NetworkProfile.Wan));
    }

    private static bool InScope(CostRow row, string scope) =>
        row.Scope == scope || row.Scope.StartsWith(scope + "/", StringComparison.Ordinal);

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
}

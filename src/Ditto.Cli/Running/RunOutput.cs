using Ditto.Models.Bert;
using Ditto.Models.Hosting;
using Ditto.Runtime.Ledger;

namespace Ditto.Cli.Running;

/// <summary>The JSON object of `ditto run --json` and `ditto demo --json`.</summary>
internal static class RunOutput
{
    public static object Json(RunOutcome o)
    {
        var (preset, plan, approximations) = o.Spec.Settings();
        var report = o.Report;
        var secure = o.Secure;
        var plain = o.Plaintext;
        var decoder = o.Model as DecoderModel;
        return new
        {
            model = o.Model.Name,
            preset,
            plan = plan.ToString(),
            substitutions = approximations.Substitutions(),
            ranges = o.Ranges is { } ranges ? RangeReport.Json(ranges) : null,
            mode = o.Processes ? "processes" : "in-process",
            texts = o.Spec.PerplexityFile is null ? o.Spec.Texts : null,
            pairs = o.Spec.Pairs is { Length: > 0 } pairs ? pairs : null,
            embedding = secure.Embeddings?.FirstOrDefault(),
            plaintextEmbedding = plain.Embeddings?.FirstOrDefault(),
            embeddings = secure.Embeddings,
            plaintextEmbeddings = plain.Embeddings,
            cosineToPlaintext = secure.Embeddings?.Zip(plain.Embeddings!, SentenceEncoder.Cosine).ToArray(),
            classifications = secure.Classifications,
            plaintextClassifications = plain.Classifications,
            labels = secure.Classifications?.Select(c => c.Label).ToArray(),
            plaintextLabels = plain.Classifications?.Select(c => c.Label).ToArray(),
            promptTokens = secure.PromptTokens,
            tokens = secure.Tokens,
            text = decoder is not null && secure.Tokens is { } t ? decoder.Tokenizer.Decode(t) : null,
            plaintextTokens = plain.Tokens,
            plaintextText = decoder is not null && plain.Tokens is { } pt ? decoder.Tokenizer.Decode(pt) : null,
            perplexity = secure.Perplexity?.Perplexity,
            plaintextPerplexity = plain.Perplexity?.Perplexity,
            predictions = secure.Perplexity?.Predictions,
            seconds = o.Seconds,
            setupSeconds = o.SetupSeconds,
            bytesPerParty = Inference(report).BytesPerParty,
            bytesTotal = Inference(report).BytesTotal,
            rounds = Inference(report).Rounds,
            weightBytesTotal = report.ForScope("weights").BytesTotal,
            breakdown = CostBreakdown.Of(report),
            estimatedLanSeconds = Estimate(report, o.Seconds, NetworkProfile.Lan),
            estimatedWanSeconds = Estimate(report, o.Seconds, NetworkProfile.Wan),
        };
    }

    /// <summary>The inference's estimated time on a network (the one-off weight sharing left out, as in the other figures).</summary>
    public static double Estimate(CostReport report, double seconds, NetworkProfile profile) =>
        NetworkEstimate.Seconds(Inference(report) with { Seconds = seconds }, profile);

    /// <summary>The costs of the inference: everything but the one-off sharing of the weights.</summary>
    public static CostRow Inference(CostReport report) =>
        CostReport.Sum("inference", [.. report.Operations.Where(r => r.Scope != "weights" && !r.Scope.StartsWith("weights/", StringComparison.Ordinal))]);
}

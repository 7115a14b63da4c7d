namespace Ditto.Cli.Microbench;

/// <summary>
/// What `ditto microbench ffn-block` measures: one result per precision plan and the ratios against ring64 (time: ring64's
/// seconds over the plan's, so above 1 is faster; bytes likewise). Printed as JSON with --json, else as a table.
/// </summary>
internal sealed record FfnBlockComparison(string Op, string Shape, IReadOnlyList<MicrobenchResult> Plans, IReadOnlyDictionary<string, double> TimeRatioVsRing64, IReadOnlyDictionary<string, double> BytesRatioVsRing64)
{
    /// <summary>Runs the plans one after another with the same inputs and seed.</summary>
    public static FfnBlockComparison Run(MicrobenchArgs args, int repetitions, ulong seed)
    {
        var results = new List<MicrobenchResult>();
        foreach (var plan in FfnBlockCases.Plans)
        {
            // The same inputs for every plan: a fresh generator from the same seed.
            var planArgs = args with { Random = new Random((int)seed) };
            var ring = plan == "ring64" ? 64 : 32;
            results.Add(MicrobenchRunner.Run($"ffn-block/{plan}", ring, args.Shape.ToString(), FfnBlockCases.Build(planArgs, plan), repetitions, seed, Notes(plan)));
        }

        var baseline = results[0];
        return new FfnBlockComparison("ffn-block", args.Shape.ToString(), results,
            results.ToDictionary(r => r.Op, r => baseline.Seconds / r.Seconds),
            results.ToDictionary(r => r.Op, r => (double)baseline.BytesTotal / r.BytesTotal));
    }

    private static string Notes(string plan) => plan switch
    {
        "ring64" => "everything fxp64.18: matmul, trunc, quad GeLU, matmul, trunc, LayerNorm",
        "ditto" => "linear fxp32.8, GeLU and LayerNorm fxp64.18: matmul, cast up (fxp32.16 → fxp64.18), quad GeLU, cast down, matmul, cast up, LayerNorm",
        "ditto-reference" => "as ditto (GeLU and LayerNorm fxp64.18), with the reference conversions: mask-and-open upcast with a dealer, truncate-then-reduce downcast",
        _ => "block in fxp32.8: matmul, trunc, quad GeLU, matmul, trunc, cast up to fxp64.18, LayerNorm",
    };
}

namespace Ditto.Cli.Bench;

/// <summary>What one `ditto bench` invocation measured: the machine, every run, and each preset against the baseline.</summary>
/// <param name="Machine">Where it ran.</param>
/// <param name="Runs">One per model, length and preset, in the order they ran.</param>
/// <param name="Ratios">Each preset against the baseline preset on the same model and length.</param>
internal sealed record BenchReport(BenchMachine Machine, IReadOnlyList<BenchRun> Runs, IReadOnlyList<BenchRatio> Ratios)
{
    /// <summary>The ratios of every run against the baseline preset's run on the same model and length.</summary>
    public static IReadOnlyList<BenchRatio> Against(IReadOnlyList<BenchRun> runs, string baseline)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var ratios = new List<BenchRatio>();
        foreach (var group in runs.GroupBy(r => (r.Model, r.Seq)))
        {
            if (group.FirstOrDefault(r => r.Preset == baseline) is not { } reference)
            {
                continue;
            }

            ratios.AddRange(group.Where(r => r.Preset != baseline).Select(r => new BenchRatio(
                r.Model,
                r.Seq,
                r.Preset,
                baseline,
                reference.Seconds / r.Seconds,
                (double)reference.BytesTotal / r.BytesTotal,
                (double)reference.Rounds / r.Rounds)));
        }

        return ratios;
    }
}

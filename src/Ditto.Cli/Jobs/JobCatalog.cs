namespace Ditto.Cli.Jobs;

/// <summary>Every job `ditto party --job` knows.</summary>
internal static class JobCatalog
{
    public static readonly IReadOnlyDictionary<string, IPartyJob> Jobs =
        new IPartyJob[] { new DemoMlpJob(), new RunJob(), new BenchJob() }.ToDictionary(j => j.Name, StringComparer.Ordinal);
}

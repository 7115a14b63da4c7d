using Ditto.Runtime.Backends;
using Ditto.Runtime.Ledger;

namespace Ditto.Cli.Bench;

/// <summary>The layer types that occur in a set of runs, in reporting order.</summary>
internal static class BenchBreakdown
{
    public static IReadOnlyList<string> Categories(IEnumerable<BenchRun> runs) =>
        [.. runs.SelectMany(r => r.Breakdown).Select(b => b.Category).Distinct().OrderBy(CostCategories.Order)];
}

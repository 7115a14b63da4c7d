using Ditto.Runtime.Backends;
using Ditto.Runtime.Ledger;

namespace Ditto.Cli.Running;

/// <summary>One layer type's share of a run.</summary>
internal sealed record BreakdownRow(string Category, double Seconds, long Bytes, long Rounds);

/// <summary>
/// Costs by layer type: the backend records each operation under its category (<see cref="CostCategories"/>) as the
/// innermost scope, so rows are grouped by the last segment of their scope. Weight sharing, a one-off per session, is
/// its own row.
/// </summary>
internal static class CostBreakdown
{
    public static IReadOnlyList<BreakdownRow> Of(CostReport report)
    {
        var rows = new Dictionary<string, (double Seconds, long Bytes, long Rounds)>(StringComparer.Ordinal);
        foreach (var r in report.Operations)
        {
            if (r.Name == "setup")
            {
                continue;
            }

            var category = r.Scope == "weights" || r.Scope.StartsWith("weights/", StringComparison.Ordinal)
                ? "weights (once per session)"
                : CostCategories.Of(r.Scope);
            var v = rows.GetValueOrDefault(category);
            rows[category] = (v.Seconds + r.Seconds, v.Bytes + r.BytesTotal, v.Rounds + r.Rounds);
        }

        return [.. rows.Select(p => new BreakdownRow(p.Key, p.Value.Seconds, p.Value.Bytes, p.Value.Rounds)).OrderBy(r => CostCategories.Order(r.Category))];
    }
}

using System.Text.Json.Serialization;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Ledger;

namespace Ditto.Cli.Running;

/// <summary>One layer type's share of a run.</summary>
internal sealed record BreakdownRow([property: JsonPropertyName("layerType")] string Category, double Seconds, long Bytes, long Rounds);

/// <summary>
/// Costs by layer type: the backend records each operation under its category (<see cref="CostCategories"/>) as the
/// innermost scope, so rows are grouped by the last segment of their scope. Weight sharing, a one-off per session, is
/// its own row.
/// </summary>
internal static class CostBreakdown
{
    /// <summary>The row of the one-off weight sharing.</summary>
    public const string Weights = "weights (once per session)";

    public static IReadOnlyList<BreakdownRow> Of(CostReport report) => Of(report.Operations);

    /// <summary>The breakdown of some of a report's operation rows.</summary>
    public static IReadOnlyList<BreakdownRow> Of(IEnumerable<CostRow> operations)
    {
        var rows = new Dictionary<string, (double Seconds, long Bytes, long Rounds)>(StringComparer.Ordinal);
        foreach (var r in operations)
        {
            if (r.Name == "setup")
            {
                continue;
            }

            var category = r.Scope == "weights" || r.Scope.StartsWith("weights/", StringComparison.Ordinal)
                ? Weights
                : CostCategories.Of(r.Scope);
            var v = rows.GetValueOrDefault(category);
            rows[category] = (v.Seconds + r.Seconds, v.Bytes + r.BytesTotal, v.Rounds + r.Rounds);
        }

        return [.. rows.Select(p => new BreakdownRow(p.Key, p.Value.Seconds, p.Value.Bytes, p.Value.Rounds)).OrderBy(r => CostCategories.Order(r.Category))];
    }
}

using Ditto.Runtime.FixedPoint;
using System.Globalization;
using System.Text;

namespace Ditto.Runtime.Engines.Cost;

/// <summary>One line of a cost estimate: a layer type within a scope (the model layer that called it).</summary>
/// <param name="Scope">The scope path ("Bert.Forward/Layer.Forward").</param>
/// <param name="LayerType">The layer type the cost belongs to (<see cref="Ledger.CostCategories"/>: linear, softmax, conversion, …), as in the measured breakdown.</param>
/// <param name="Calls">How many calls.</param>
/// <param name="Bytes">Bytes sent by all parties together.</param>
/// <param name="Rounds">Rounds, summed over the calls (the generated code runs them one after the other).</param>
public sealed record CostEstimateRow(string Scope, string LayerType, long Calls, long Bytes, long Rounds);

/// <summary>A cost estimate by scope and layer type, with totals.</summary>
public sealed class CostEstimate
{
    /// <summary>Creates an estimate from its rows.</summary>
    public CostEstimate(IReadOnlyList<CostEstimateRow> rows, IReadOnlyList<HeadroomWarning>? headroom = null)
    {
        Rows = rows ?? throw new ArgumentNullException(nameof(rows));
        Headroom = headroom ?? [];
    }

    /// <summary>The products and conversions whose resolved formats and sizes break the headroom rule, once each.</summary>
    public IReadOnlyList<HeadroomWarning> Headroom { get; }

    /// <summary>The rows, in first-call order.</summary>
    public IReadOnlyList<CostEstimateRow> Rows { get; }

    /// <summary>Total bytes sent by all parties.</summary>
    public long Bytes => Rows.Sum(r => r.Bytes);

    /// <summary>Total rounds.</summary>
    public long Rounds => Rows.Sum(r => r.Rounds);

    /// <summary>The rows of one scope and everything below it.</summary>
    public (long Bytes, long Rounds) ForScope(string scope) =>
        (Rows.Where(r => r.Scope == scope || r.Scope.StartsWith(scope + "/", StringComparison.Ordinal)).Sum(r => r.Bytes),
         Rows.Where(r => r.Scope == scope || r.Scope.StartsWith(scope + "/", StringComparison.Ordinal)).Sum(r => r.Rounds));

    /// <summary>A plain-text table.</summary>
    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        foreach (var r in Rows)
        {
            text.Append(ci, $"{r.Scope,-40} {r.LayerType,-12} {r.Calls,6} {r.Bytes,14:N0} B {r.Rounds,6} rounds\n");
        }

        text.Append(ci, $"{"total",-40} {string.Empty,-12} {Rows.Sum(r => r.Calls),6} {Bytes,14:N0} B {Rounds,6} rounds\n");
        return text.ToString();
    }
}

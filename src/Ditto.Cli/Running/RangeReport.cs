using System.Globalization;
using Ditto.Runtime.Engines.Clear;
using Spectre.Console;

namespace Ditto.Cli.Running;

/// <summary>The range checker's findings as a table (violations, then the checks with the least headroom) and as JSON.</summary>
internal static class RangeReport
{
    /// <summary>How many rows without a violation the table shows, least headroom first.</summary>
    private const int Closest = 8;

    public static void Write(IReadOnlyList<RangeRow> rows)
    {
        var ci = CultureInfo.InvariantCulture;
        var violations = rows.Where(IsViolation).ToList();
        var discarded = rows.Where(r => r.Violations > 0 && r.Discarded is not null).ToList();
        var table = new Table()
            .Title(violations.Count == 0
                ? $"range check: no precondition broken in {rows.Count} checks; the {Math.Min(Closest, rows.Count)} with the least headroom"
                : $"range check: {violations.Sum(v => v.Violations).ToString("N0", ci)} elements broke a precondition in {violations.Count} of {rows.Count} checks")
            .AddColumns("scope", "line", "check", "over / elements", "max |x|", "bound", "headroom bits");
        foreach (var r in violations.Concat(discarded).Concat(rows.Where(r => r.Violations == 0).OrderBy(r => r.HeadroomBits).Take(Closest)))
        {
            table.AddRow(
                Markup.Escape(Short(r.Scope)),
                r.Line > 0 ? r.Line.ToString(ci) : string.Empty,
                Markup.Escape(r.Check),
                $"{r.Violations.ToString("N0", ci)} / {r.Elements.ToString("N0", ci)}",
                $"2^{Math.Log2(Math.Max(r.MaxAbs, 1)).ToString("0.0", ci)}",
                $"2^{Math.Log2(r.Bound).ToString("0.0", ci)}",
                IsViolation(r) ? $"[red]{r.HeadroomBits.ToString("0.0", ci)}[/]" : r.HeadroomBits.ToString("0.0", ci));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>A broken precondition whose lanes are kept (overflow in lanes a selection discards is expected).</summary>
    private static bool IsViolation(RangeRow r) => r.Violations > 0 && r.Discarded is null;

    /// <summary>The innermost model scope and the layer type ("Dense.Forward/linear"): the full path is in the JSON.</summary>
    private static string Short(string scope) => string.Join('/', scope.Split('/').TakeLast(2));

    public static object Json(IReadOnlyList<RangeRow> rows) => new
    {
        violations = rows.Where(IsViolation).Sum(r => r.Violations),
        discardedOverflows = rows.Where(r => r.Discarded is not null).Sum(r => r.Violations),
        checks = rows.Count,
        minimumHeadroomBits = rows.Select(r => r.HeadroomBits).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Min() is var h && double.IsFinite(h) ? h : (double?)null,
        rows = rows.Select(r => new { scope = r.Scope, line = r.Line, check = r.Check, elements = r.Elements, violations = r.Violations, discarded = r.Discarded, maxAbs = r.MaxAbs, bound = r.Bound, headroomBits = double.IsFinite(r.HeadroomBits) ? r.HeadroomBits : (double?)null }),
    };
}

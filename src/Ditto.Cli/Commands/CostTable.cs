using System.Globalization;
using Ditto.Runtime.Ledger;
using Spectre.Console;

namespace Ditto.Cli.Commands;

/// <summary>A cost report as a Spectre table: per scope and operation, bytes per party, rounds and seconds.</summary>
internal static class CostTable
{
    public static Table Create(CostReport report)
    {
        var table = new Table().Title("cost ledger (bytes sent by each party; rounds on the critical path)")
            .AddColumns("scope", "operation", "calls", "P0 bytes", "P1 bytes", "P2 bytes", "rounds", "ahead", "seconds");
        foreach (var r in report.Operations.Where(r => r.Name != "setup"))
        {
            AddRow(table, r);
        }

        AddRow(table, report.Total, bold: true);
        return table;
    }

    private static void AddRow(Table table, CostRow r, bool bold = false)
    {
        string Cell(string s) => bold ? $"[bold]{Markup.Escape(s)}[/]" : Markup.Escape(s);
        var ci = CultureInfo.InvariantCulture;
        table.AddRow(
            Cell(r.Scope), Cell(r.Name), Cell(r.Calls.ToString(ci)),
            Cell(r.BytesPerParty[0].ToString("N0", ci)), Cell(r.BytesPerParty[1].ToString("N0", ci)), Cell(r.BytesPerParty[2].ToString("N0", ci)),
            Cell(r.Rounds.ToString(ci)), Cell(r.AheadRounds.ToString(ci)), Cell(r.Seconds.ToString("0.0000", ci)));
    }
}

using System.Globalization;
using Spectre.Console;

namespace Ditto.Cli.Microbench;

/// <summary>The table `ditto microbench ffn-block` prints without --json: one row per precision plan, with its ratios against ring64.</summary>
internal static class FfnBlockTable
{
    /// <summary>Writes the comparison to the console.</summary>
    public static void Write(FfnBlockComparison comparison)
    {
        var c = CultureInfo.InvariantCulture;
        var table = new Table()
            .Title($"ffn-block {Markup.Escape(comparison.Shape)}: BERT feed-forward block + LayerNorm under four precision plans (bytes of all three parties)")
            .AddColumns("plan", "seconds", "bytes total", "rounds", "max / mean error", "time vs ring64", "bytes vs ring64");
        foreach (var r in comparison.Plans)
        {
            var time = comparison.TimeRatioVsRing64[r.Op];
            var bytes = comparison.BytesRatioVsRing64[r.Op];
            table.AddRow(
                Markup.Escape(r.Op.Replace("ffn-block/", string.Empty, StringComparison.Ordinal)),
                r.Seconds.ToString("0.000", c),
                r.BytesTotal.ToString("N0", c),
                r.AheadRounds > 0 ? $"{r.Rounds} (+{r.AheadRounds} ahead)" : r.Rounds.ToString(c),
                $"{r.MaxAbsError.ToString("0.0e0", c)} / {r.MeanAbsError.ToString("0.0e0", c)}",
                $"{time.ToString("0.00", c)}× {(time >= 1 ? "faster" : "slower")}",
                $"{bytes.ToString("0.00", c)}× {(bytes >= 1 ? "fewer" : "more")}");
        }

        AnsiConsole.Write(table);
        foreach (var r in comparison.Plans)
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(r.Op.Replace("ffn-block/", string.Empty, StringComparison.Ordinal))}[/]: {Markup.Escape(r.Notes)}");
        }

        AnsiConsole.MarkupLine("[grey]Median seconds over the repetitions; ratios are ring64's figure over the plan's. --json adds the bytes per party.[/]");
    }
}

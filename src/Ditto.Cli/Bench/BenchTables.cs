using System.Globalization;
using Spectre.Console;

namespace Ditto.Cli.Bench;

/// <summary>The terminal output of `ditto bench`: runs, breakdown by layer type, ratios.</summary>
internal static class BenchTables
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static void Write(BenchReport report)
    {
        var m = report.Machine;
        AnsiConsole.MarkupLine(Markup.Escape($"{m.Cpu} · {m.Cores} cores · {m.Vector} · {m.Parties}"));
        var runs = new Table().Title("secure inference (weight sharing, once per session, not included)")
            .AddColumns("model", "tokens", "preset", "seconds", "bytes total", "bytes per party", "rounds", "est. LAN s", "est. WAN s");
        foreach (var r in report.Runs)
        {
            runs.AddRow(
                r.Model, BenchMarkdown.Tokens(r), r.Preset, r.Seconds.ToString("0.00", Ci), BenchMarkdown.Gb(r.BytesTotal),
                string.Join(" / ", r.BytesPerParty.Select(BenchMarkdown.Gb)), r.Rounds.ToString("N0", Ci),
                r.EstimatedLanSeconds.ToString("0.00", Ci), r.EstimatedWanSeconds.ToString("0.0", Ci));
        }

        AnsiConsole.Write(runs);
        foreach (var r in report.Runs.Where(r => r.RangeRows is not null))
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(r.Model)} · {r.Seq} tokens · {Markup.Escape(r.Preset)}[/]");
            Running.RangeReport.Write(r.RangeRows!);
        }

        foreach (var preset in report.Runs.GroupBy(r => r.Preset))
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(preset.Key)}[/] substitutes:");
            foreach (var s in preset.First().Substitutions)
            {
                AnsiConsole.MarkupLine($"[grey]  {Markup.Escape(s.Op)} → {Markup.Escape(s.Becomes)}[/]{(s.ChangesMeaning ? " [yellow](a different function)[/]" : string.Empty)}");
            }
        }
        var categories = BenchBreakdown.Categories(report.Runs);
        var breakdown = new Table().Title("by layer type: seconds / bytes").AddColumns(["model", "tokens", "preset", .. categories]);
        foreach (var r in report.Runs)
        {
            breakdown.AddRow([r.Model, BenchMarkdown.Tokens(r), r.Preset, .. categories.Select(c => r.Breakdown.FirstOrDefault(b => b.Category == c) is { } row
                ? string.Format(Ci, "{0:0.00} s{1}{2}", row.Seconds, Environment.NewLine, BenchMarkdown.Gb(row.Bytes))
                : "—")]);
        }

        AnsiConsole.Write(breakdown);
        if (report.Ratios.Count > 0)
        {
            var ratios = new Table().Title("ratios within this run").AddColumns("model", "tokens", "preset", "against", "faster", "less communication", "fewer rounds");
            foreach (var r in report.Ratios)
            {
                ratios.AddRow(r.Model, r.Seq.ToString(Ci), r.Preset, r.Baseline, $"{r.Speedup.ToString("0.00", Ci)}×", $"{r.CommunicationReduction.ToString("0.00", Ci)}×", $"{r.RoundsRatio.ToString("0.00", Ci)}×");
            }

            AnsiConsole.Write(ratios);
        }
    }
}

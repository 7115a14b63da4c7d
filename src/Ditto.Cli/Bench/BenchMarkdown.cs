using System.Globalization;
using System.Text;

namespace Ditto.Cli.Bench;

/// <summary>A bench report as markdown tables, ready for docs/benchmarks.md: runs, breakdown by layer type, ratios.</summary>
internal static class BenchMarkdown
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static string Of(BenchReport report, string command)
    {
        ArgumentNullException.ThrowIfNull(report);
        var m = report.Machine;
        var sb = new StringBuilder();
        sb.AppendLine(Ci, $"Machine: {m.Cpu}, {m.Cores} logical cores, {m.MemoryGiB:0.#} GiB, {m.Vector}; {m.Os}; {m.Runtime}; {m.Parties}.");
        sb.AppendLine();
        sb.AppendLine("```");
        sb.AppendLine(Ci, $"ditto bench {command}");
        sb.AppendLine("```");
        sb.AppendLine();
        sb.AppendLine("| model | tokens | preset | seconds | bytes total | bytes per party (P0 / P1 / P2) | rounds | est. LAN s | est. WAN s | weight sharing s |");
        sb.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in report.Runs)
        {
            sb.AppendLine(Ci, $"| {r.Model} | {Tokens(r)} | {r.Preset} | {r.Seconds:0.00} | {Gb(r.BytesTotal)} | {string.Join(" / ", r.BytesPerParty.Select(Gb))} | {r.Rounds:N0} | {r.EstimatedLanSeconds:0.00} | {r.EstimatedWanSeconds:0.0} | {r.SetupSeconds:0.00} |");
        }

        var categories = BenchBreakdown.Categories(report.Runs);
        sb.AppendLine();
        sb.AppendLine("Breakdown by layer type (seconds / bytes):");
        sb.AppendLine();
        sb.AppendLine("| model | tokens | preset | " + string.Join(" | ", categories) + " |");
        sb.AppendLine("| --- | --- | --- | " + string.Join(" | ", categories.Select(_ => "---")) + " |");
        foreach (var r in report.Runs)
        {
            var cells = categories.Select(c => r.Breakdown.FirstOrDefault(b => b.Category == c) is { } row ? string.Format(Ci, "{0:0.00} s / {1}", row.Seconds, Gb(row.Bytes)) : "—");
            sb.AppendLine(Ci, $"| {r.Model} | {Tokens(r)} | {r.Preset} | {string.Join(" | ", cells)} |");
        }

        if (report.Ratios.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("| model | tokens | preset | against | faster | less communication | fewer rounds |");
            sb.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
            foreach (var r in report.Ratios)
            {
                sb.AppendLine(Ci, $"| {r.Model} | {r.Seq} | {r.Preset} | {r.Baseline} | {r.Speedup:0.00}× | {r.CommunicationReduction:0.00}× | {r.RoundsRatio:0.00}× |");
            }
        }

        return sb.ToString();
    }

    /// <summary>"128", or "32 → 1" for a decoder that generates.</summary>
    public static string Tokens(BenchRun r) => r.Generate > 0 ? string.Format(Ci, "{0} → {1}", r.Seq, r.Generate) : r.Seq.ToString(Ci);

    /// <summary>Bytes in GB (10^9), or MB below 0.1 GB.</summary>
    public static string Gb(long bytes) => bytes >= 100_000_000
        ? string.Format(Ci, "{0:0.00} GB", bytes / 1e9)
        : string.Format(Ci, "{0:0.0} MB", bytes / 1e6);
}

using ScottPlot;

namespace Ditto.Cli.Bench;

/// <summary>
/// The breakdown chart of `ditto bench --out`: one horizontal bar per run, stacked by layer type, seconds on the left
/// panel and gigabytes sent on the right, so where each preset spends its time and its traffic shows at a glance.
/// </summary>
internal static class BenchChart
{
    public static void Save(BenchReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        var runs = report.Runs.Reverse().ToList(); // the first run at the top
        var categories = BenchBreakdown.Categories(runs);
        var labels = runs.Select(r => $"{r.Model} {BenchMarkdown.Tokens(r)} {r.Preset}").ToArray();
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        Stack(multiplot.GetPlot(0), runs, categories, labels, b => b.Seconds, "seconds per query", legend: false);
        Stack(multiplot.GetPlot(1), runs, categories, labels, b => b.Bytes / 1e9, "GB sent by all parties", legend: true);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        multiplot.SavePng(path, 1600, 160 + (70 * runs.Count));
    }

    private static void Stack(Plot plot, List<BenchRun> runs, IReadOnlyList<string> categories, string[] labels, Func<Cli.Running.BreakdownRow, double> value, string title, bool legend)
    {
        var palette = new ScottPlot.Palettes.Category10();
        var bars = new List<Bar>();
        for (var i = 0; i < runs.Count; i++)
        {
            double start = 0;
            for (var c = 0; c < categories.Count; c++)
            {
                if (runs[i].Breakdown.FirstOrDefault(b => b.Category == categories[c]) is not { } row)
                {
                    continue;
                }

                var v = value(row);
                bars.Add(new Bar { Position = i, ValueBase = start, Value = start + v, FillColor = palette.GetColor(c), LineWidth = 0 });
                start += v;
            }
        }

        var plotted = plot.Add.Bars(bars);
        plotted.Horizontal = true;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. Enumerable.Range(0, runs.Count).Select(i => (double)i)], labels);
        plot.Axes.Margins(left: 0, right: 0.05, bottom: 0.02, top: 0.02);
        plot.Title(title);
        if (legend)
        {
            for (var c = 0; c < categories.Count; c++)
            {
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = categories[c], FillColor = palette.GetColor(c) });
            }

            plot.ShowLegend(Edge.Right); // outside the axes, so it never hides a bar
        }
    }
}

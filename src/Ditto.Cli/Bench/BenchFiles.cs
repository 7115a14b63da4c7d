using System.Text.Json;

namespace Ditto.Cli.Bench;

/// <summary>`ditto bench --out DIR`: the report as bench.json, bench.md and the breakdown chart bench.png.</summary>
internal static class BenchFiles
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static void Write(BenchReport report, string directory, string command)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "bench.json"), JsonSerializer.Serialize(report, Json));
        File.WriteAllText(Path.Combine(directory, "bench.md"), BenchMarkdown.Of(report, command));
        BenchChart.Save(report, Path.Combine(directory, "bench.png"));
    }
}

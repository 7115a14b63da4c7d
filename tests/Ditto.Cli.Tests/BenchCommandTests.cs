using System.Text.Json;

namespace Ditto.Cli.Tests;

/// <summary>
/// `ditto bench` on the smallest catalog model (the real MiniLM at 8 tokens): the JSON fields, the breakdown adding up to
/// the totals, ratios computed from the same invocation's runs, the files of --out, and refusals of bad options.
/// </summary>
public sealed class BenchCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(180);

    [Fact]
    public void TwoPresetsRunSideBySideWithRatiosBreakdownAndFiles()
    {
        var folder = Directory.CreateTempSubdirectory("ditto-bench-test-").FullName;
        try
        {
            var run = CliProcess.Run(Limit, "bench", "--model", "minilm", "--seq", "8", "--presets", "ditto,puma", "--json", "--out", folder);
            Assert.True(run.ExitCode == 0, run.Stderr);
            using var json = JsonDocument.Parse(run.Stdout);
            var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToList();
            Assert.Equal(["ditto", "puma"], runs.Select(r => r.GetProperty("preset").GetString()));
            foreach (var r in runs)
            {
                Assert.Equal("minilm", r.GetProperty("model").GetString());
                var gelu = r.GetProperty("substitutions").EnumerateArray().Single(s => s.GetProperty("op").GetString() == "Gelu(Erf)");
                Assert.Equal(r.GetProperty("preset").GetString() == "ditto", gelu.GetProperty("changesMeaning").GetBoolean());
                Assert.Equal(8, r.GetProperty("seq").GetInt32());
                Assert.True(r.GetProperty("seconds").GetDouble() > 0);
                var perParty = r.GetProperty("bytesPerParty").EnumerateArray().Select(b => b.GetInt64()).ToList();
                Assert.Equal(3, perParty.Count);
                Assert.All(perParty, b => Assert.True(b > 0));
                Assert.Equal(perParty.Sum(), r.GetProperty("bytesTotal").GetInt64());
                Assert.True(r.GetProperty("rounds").GetInt64() > 100);

                // Every measured byte belongs to exactly one layer type.
                var breakdown = r.GetProperty("breakdown").EnumerateArray().ToDictionary(b => b.GetProperty("layerType").GetString()!, b => b.GetProperty("bytes").GetInt64());
                Assert.Equal(r.GetProperty("bytesTotal").GetInt64(), breakdown.Values.Sum());
                Assert.All(new[] { "embedding", "linear", "attention", "softmax", "gelu", "layernorm" }, c => Assert.True(breakdown[c] > 0, c));
                Assert.True(r.GetProperty("estimatedWanSeconds").GetDouble() > r.GetProperty("estimatedLanSeconds").GetDouble());
            }

            // Ditto's mixed rings convert between them; PUMA's single ring never does.
            Assert.Contains("conversion", runs[0].GetProperty("breakdown").EnumerateArray().Select(b => b.GetProperty("layerType").GetString()));
            Assert.DoesNotContain("conversion", runs[1].GetProperty("breakdown").EnumerateArray().Select(b => b.GetProperty("layerType").GetString()));

            var ratio = Assert.Single(json.RootElement.GetProperty("ratios").EnumerateArray());
            Assert.Equal("ditto", ratio.GetProperty("preset").GetString());
            Assert.Equal("puma", ratio.GetProperty("baseline").GetString());
            Assert.Equal(runs[1].GetProperty("seconds").GetDouble() / runs[0].GetProperty("seconds").GetDouble(), ratio.GetProperty("speedup").GetDouble(), 9);
            var reduction = (double)runs[1].GetProperty("bytesTotal").GetInt64() / runs[0].GetProperty("bytesTotal").GetInt64();
            Assert.Equal(reduction, ratio.GetProperty("communicationReduction").GetDouble(), 9);
            Assert.True(reduction > 1.5, $"ditto sends {reduction:0.00}× less than puma");

            Assert.Equal(run.Stdout.Trim(), File.ReadAllText(Path.Combine(folder, "bench.json")).Trim());
            var markdown = File.ReadAllText(Path.Combine(folder, "bench.md"));
            Assert.Contains("| minilm | 8 | ditto |", markdown, StringComparison.Ordinal);
            Assert.Contains("--presets ditto,puma", markdown, StringComparison.Ordinal);
            var png = File.ReadAllBytes(Path.Combine(folder, "bench.png"));
            Assert.True(png.Length > 10_000, $"the chart has {png.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void CheckRangesAddsTheCheckersFindingsToEachRun()
    {
        var run = CliProcess.Run(Limit, "bench", "--model", "minilm", "--seq", "4", "--presets", "ditto,puma", "--check-ranges", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r =>
        {
            var ranges = r.GetProperty("ranges");
            Assert.Equal(0, ranges.GetProperty("violations").GetInt64());
            Assert.Contains(ranges.GetProperty("rows").EnumerateArray(), row => row.GetProperty("check").GetString() == "truncation input" && row.GetProperty("elements").GetInt64() > 0);
        });
    }

    [Fact]
    public void PartyProcessesOverTlsSendWhatInProcessPartiesSend()
    {
        var arguments = new[] { "bench", "--model", "minilm", "--seq", "4", "--presets", "ditto", "--json" };
        var threads = CliProcess.Run(Limit, arguments);
        var processes = CliProcess.Run(Limit, [.. arguments, "--processes"]);
        Assert.True(threads.ExitCode == 0, threads.Stderr);
        Assert.True(processes.ExitCode == 0, processes.Stderr);
        using var a = JsonDocument.Parse(threads.Stdout);
        using var b = JsonDocument.Parse(processes.Stdout);
        Assert.Contains("processes over TLS", b.RootElement.GetProperty("machine").GetProperty("parties").GetString(), StringComparison.Ordinal);
        var x = a.RootElement.GetProperty("runs")[0];
        var y = b.RootElement.GetProperty("runs")[0];
        Assert.Equal(x.GetProperty("bytesPerParty").ToString(), y.GetProperty("bytesPerParty").ToString());
        Assert.Equal(x.GetProperty("rounds").GetInt64(), y.GetProperty("rounds").GetInt64());
        Assert.Equal(x.GetProperty("breakdown").EnumerateArray().Select(r => r.GetProperty("bytes").GetInt64()), y.GetProperty("breakdown").EnumerateArray().Select(r => r.GetProperty("bytes").GetInt64()));
    }

    [Fact]
    public void ARunThatCannotFitInMemoryIsRefusedBeforeItStarts()
    {
        // A 1 GiB heap limit stands in for a small machine: BERT-base under the all-64-bit preset needs about 8 GB.
        var run = CliProcess.StartWrapped(["env", "DOTNET_GCHeapHardLimit=0x40000000"], "bench", "--model", "bert-base", "--presets", "ditto,puma");
        Assert.True(run.WaitForExit(Limit), run.Stderr);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bert-base under ditto needs about", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("GB is available", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Theory]
    [InlineData("--netns", "", "--processes")]
    [InlineData("--seq", "0", "--seq")]
    [InlineData("--seq", "513", "1 to 512")]
    [InlineData("--model", "bert-huge", "bert-base, bert-large")]
    [InlineData("--presets", "spu", "ditto-quant")]
    [InlineData("--baseline", "mpcformer", "--baseline mpcformer")]
    public void BadOptionsAreRefusedNamingWhatWasWrong(string option, string value, string named)
    {
        var arguments = new List<string> { "bench", "--model", "minilm", "--presets", "ditto,puma" };
        var at = arguments.IndexOf(option);
        if (at >= 0)
        {
            arguments[at + 1] = value;
        }
        else
        {
            arguments.AddRange(value.Length == 0 ? [option] : [option, value]);
        }

        var run = CliProcess.Run(Limit, [.. arguments]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(named, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }
}

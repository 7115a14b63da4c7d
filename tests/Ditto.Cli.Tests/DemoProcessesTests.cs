using System.Text.Json;

namespace Ditto.Cli.Tests;

/// <summary>`ditto demo --processes`: bit-identical to in process, failures reported, Ctrl+C stops every child.</summary>
public sealed class DemoProcessesTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private readonly string _workDir = Directory.CreateTempSubdirectory("ditto-demo-test-").FullName;

    private string Marker => Path.Combine(_workDir, "parties.json");

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    [Fact]
    public void ProcessesGiveTheInProcessResultBitForBitWithTheSameSeed()
    {
        var local = CliProcess.Run(Limit, "demo", "--mlp", "--seed", "9", "--json");
        var remote = CliProcess.Run(Limit, "demo", "--mlp", "--processes", "--seed", "9", "--json", "--work-dir", _workDir);
        Assert.True(local.ExitCode == 0, local.Stderr);
        Assert.True(remote.ExitCode == 0, remote.Stderr);
        using var a = JsonDocument.Parse(local.Stdout);
        using var b = JsonDocument.Parse(remote.Stdout);
        Assert.Equal("processes", b.RootElement.GetProperty("mode").GetString());
        Assert.Equal(Bits(a.RootElement.GetProperty("secure")), Bits(b.RootElement.GetProperty("secure")));
        Assert.Equal(a.RootElement.GetProperty("total").GetProperty("bytesPerParty").ToString(), b.RootElement.GetProperty("total").GetProperty("bytesPerParty").ToString());
        Assert.Equal(a.RootElement.GetProperty("total").GetProperty("rounds").GetInt64(), b.RootElement.GetProperty("total").GetProperty("rounds").GetInt64());
        Assert.Empty(CliProcess.RunningWith(Marker));
    }

    [Fact]
    public void TheMiniLmDemoInProcessesGivesTheInProcessEmbeddingsBitForBit()
    {
        // The run job: the model owner loads the weights, the other two parties load only the shapes.
        var local = CliProcess.Run(Limit, "demo", "--seed", "4", "--json");
        var remote = CliProcess.Run(Limit, "demo", "--processes", "--seed", "4", "--json", "--work-dir", _workDir);
        Assert.True(local.ExitCode == 0, local.Stderr);
        Assert.True(remote.ExitCode == 0, remote.Stderr);
        using var a = JsonDocument.Parse(local.Stdout);
        using var b = JsonDocument.Parse(remote.Stdout);
        Assert.Equal("processes", b.RootElement.GetProperty("mode").GetString());
        var secure = a.RootElement.GetProperty("embeddings");
        Assert.Equal(4, secure.GetArrayLength());
        Assert.Equal(
            secure.EnumerateArray().Select(Bits).SelectMany(x => x),
            b.RootElement.GetProperty("embeddings").EnumerateArray().Select(Bits).SelectMany(x => x));
        Assert.Equal(a.RootElement.GetProperty("bytesPerParty").ToString(), b.RootElement.GetProperty("bytesPerParty").ToString());
        Assert.Equal(a.RootElement.GetProperty("rounds").GetInt64(), b.RootElement.GetProperty("rounds").GetInt64());
        Assert.All(a.RootElement.GetProperty("cosineToPlaintext").EnumerateArray(), c => Assert.True(c.GetDouble() > 0.98, $"cosine {c}"));
        Assert.Empty(CliProcess.RunningWith(Marker));
    }

    [Fact]
    public void RunWithProcessesGeneratesTheInProcessTokensWithTheSameCosts()
    {
        var model = Path.Combine(RepositoryRoot(), "models", "tiny-gpt2-quad");
        // A robust prompt of expected.json (float top-2 gaps of 0.47 or more along its path): the secure tokens must be the
        // plaintext ones whatever the truncations' noise.
        string[] arguments = ["run", "--model", model, "--text", "Any runtime registered by following", "--generate", "3", "--seed", "3", "--json"];
        var local = CliProcess.Run(Limit, arguments);
        var remote = CliProcess.Run(Limit, [.. arguments, "--processes"]);
        Assert.True(local.ExitCode == 0, local.Stderr);
        Assert.True(remote.ExitCode == 0, remote.Stderr);
        using var a = JsonDocument.Parse(local.Stdout);
        using var b = JsonDocument.Parse(remote.Stdout);
        Assert.Equal("processes", b.RootElement.GetProperty("mode").GetString());
        Assert.Equal(a.RootElement.GetProperty("tokens").ToString(), b.RootElement.GetProperty("tokens").ToString());
        Assert.Equal(a.RootElement.GetProperty("plaintextTokens").ToString(), a.RootElement.GetProperty("tokens").ToString());
        Assert.Equal(a.RootElement.GetProperty("bytesPerParty").ToString(), b.RootElement.GetProperty("bytesPerParty").ToString());
        Assert.Equal(a.RootElement.GetProperty("rounds").GetInt64(), b.RootElement.GetProperty("rounds").GetInt64());
    }

    [Fact]
    public void RunReportsThePerplexityBesideTheFloatOneInJson()
    {
        // The distilled model under its preset: within 2% of float on the first window (the bound docs/models.md states).
        var model = Path.Combine(RepositoryRoot(), "models", "tiny-gpt2-quad");
        var run = CliProcess.Run(Limit, "run", "--model", model, "--perplexity", Path.Combine(model, "eval.txt"), "--max-windows", "1", "--preset", "ditto", "--seed", "4", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var secure = json.RootElement.GetProperty("perplexity").GetDouble();
        var plain = json.RootElement.GetProperty("plaintextPerplexity").GetDouble();
        Assert.InRange(plain, 1.5, 1000);
        Assert.InRange(secure / plain, 0.98, 1.02);
        Assert.True(json.RootElement.GetProperty("predictions").GetInt32() > 100);
        Assert.True(json.RootElement.GetProperty("bytesTotal").GetInt64() > 0);

        // The ditto preset's GeLU is MPCFormer's quad: listed, and marked as a different function.
        var gelu = json.RootElement.GetProperty("substitutions").EnumerateArray().Single(s => s.GetProperty("op").GetString() == "Gelu(Tanh)");
        Assert.True(gelu.GetProperty("changesMeaning").GetBoolean());
        Assert.Contains("quad", gelu.GetProperty("becomes").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckRangesReportsNoViolationUnderThePresetAndTheScoresLineUnderAnUnderProvisionedPlan()
    {
        var model = Path.Combine(RepositoryRoot(), "models", "tiny-gpt2-quad");
        string[] arguments = ["run", "--model", model, "--text", "The Python interpreter is", "--generate", "1", "--seed", "3", "--check-ranges", "--json"];
        var preset = CliProcess.Run(Limit, arguments);
        var under = CliProcess.Run(Limit, [.. arguments, "--plan", "ditto,Linear=32:14"]);
        Assert.True(preset.ExitCode == 0, preset.Stderr);
        Assert.True(under.ExitCode == 0, under.Stderr);
        using var a = JsonDocument.Parse(preset.Stdout);
        using var b = JsonDocument.Parse(under.Stdout);
        var clean = a.RootElement.GetProperty("ranges");
        Assert.Equal(0, clean.GetProperty("violations").GetInt64());
        Assert.True(clean.GetProperty("checks").GetInt32() > 10);
        Assert.True(clean.GetProperty("minimumHeadroomBits").GetDouble() >= 0);

        var broken = b.RootElement.GetProperty("ranges");
        Assert.True(broken.GetProperty("violations").GetInt64() > 0);
        var row = Assert.Single(broken.GetProperty("rows").EnumerateArray(), r => r.GetProperty("violations").GetInt64() > 0 && r.GetProperty("check").GetString() == "truncation input");
        Assert.True(row.GetProperty("line").GetInt32() > 0);
        Assert.Contains("Gpt2Block.Attend", row.GetProperty("scope").GetString(), StringComparison.Ordinal);
        Assert.True(row.GetProperty("headroomBits").GetDouble() < 0);
        Assert.True(row.GetProperty("maxAbs").GetDouble() > row.GetProperty("bound").GetDouble());

        var table = CliProcess.Run(Limit, [.. arguments[..^1], "--plan", "ditto,Linear=32:14"]);
        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains("broke a precondition", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTablesOfTheProcessRunAreTheInProcessTables()
    {
        var remote = CliProcess.Run(Limit, "demo", "--mlp", "--processes", "--seed", "9", "--work-dir", _workDir);
        Assert.True(remote.ExitCode == 0, remote.Stderr);
        Assert.Contains("cost ledger", remote.Stdout);
        Assert.Contains("estimated time: LAN", remote.Stdout);
        Assert.Contains("three processes", remote.Stdout);
    }

    [Fact]
    public void AChildThatDiesFailsTheDemoNamingItAndNoChildIsLeft()
    {
        var demo = CliProcess.Run(Limit, "demo", "--mlp", "--processes", "--work-dir", _workDir, "--fail-party", "1", "--fail-after-steps", "6");
        Assert.NotEqual(0, demo.ExitCode);
        Assert.Contains("ditto demo --processes: error:", demo.Stderr);
        Assert.Matches("(lost connection to|run aborted because of) party 1", demo.Stderr);
        Assert.Empty(CliProcess.RunningWith(Marker));
    }

    [Fact]
    public void CtrlCStopsTheDemoAndEveryChildAtOnce()
    {
        // Party 2 hangs, so without the interrupt the others would wait for their 30 s timeout.
        using var demo = CliProcess.Start("demo", "--mlp", "--processes", "--work-dir", _workDir, "--fail-party", "2", "--fail-after-steps", "4", "--fail-mode", "hang");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (CliProcess.RunningWith(Marker).Count < 3 && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(50);
        }

        Assert.Equal(3, CliProcess.RunningWith(Marker).Count);
        Thread.Sleep(1500);
        Assert.False(demo.HasExited, demo.Stderr);
        demo.Interrupt();
        Assert.True(demo.WaitForExit(TimeSpan.FromSeconds(5)), "the demo did not stop within 5 s of Ctrl+C");
        Assert.Equal(130, demo.ExitCode);
        Assert.Contains("interrupted", demo.Stderr);
        Assert.Empty(CliProcess.RunningWith(Marker));
    }

    /// <summary>The folder holding Ditto.sln, above the test binaries.</summary>
    internal static string RepositoryRoot()
    {
        for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Ditto.sln")))
            {
                return dir;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds Ditto.sln.");
    }

    private static int[] Bits(JsonElement array) => [.. array.EnumerateArray().Select(e => BitConverter.SingleToInt32Bits(e.GetSingle()))];
}

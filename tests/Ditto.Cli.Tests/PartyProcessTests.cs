using System.Text.Json;

namespace Ditto.Cli.Tests;

/// <summary>`ditto party` as three processes: the same result as in process, clear configuration errors, truthful help.</summary>
public sealed class PartyProcessTests(LoopbackDeployment deployment) : IClassFixture<LoopbackDeployment>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public void ThreePartyProcessesComputeExactlyWhatTheInProcessDemoComputes()
    {
        var session = $"ok-{Guid.NewGuid():N}";
        var parties = deployment.StartParties(session);
        try
        {
            foreach (var p in parties)
            {
                Assert.True(p.WaitForExit(Limit), $"a party did not finish: {p.Stderr}");
                Assert.True(p.ExitCode == 0, p.Stderr);
            }

            using var output = JsonDocument.Parse(parties[0].Stdout);
            var demo = CliProcess.Run(Limit, "demo", "--mlp", "--seed", "5", "--json");
            Assert.True(demo.ExitCode == 0, demo.Stderr);
            using var local = JsonDocument.Parse(demo.Stdout);
            Assert.Equal(Floats(local.RootElement.GetProperty("secure")), Floats(output.RootElement.GetProperty("result").GetProperty("values")));
            Assert.Equal(Longs(local.RootElement.GetProperty("total").GetProperty("bytesPerParty")), Longs(output.RootElement.GetProperty("total").GetProperty("bytesPerParty")));
            Assert.Equal(3, output.RootElement.GetProperty("ledgers").GetArrayLength());
            Assert.True(output.RootElement.GetProperty("estimatedWanSeconds").GetDouble() > output.RootElement.GetProperty("estimatedLanSeconds").GetDouble());
            Assert.Empty(parties[1].Stdout);
            Assert.Contains("done: demo-mlp", parties[1].Stderr);
        }
        finally
        {
            Array.ForEach(parties, p => p.Dispose());
        }
    }

    [Fact]
    public void AMissingOrBrokenConfigurationIsAOneLineErrorNamingTheFileAndField()
    {
        var missing = Path.Combine(deployment.Directory, "nope.json");
        var p = CliProcess.Run(Limit, "party", "--config", missing, "--id", "0");
        Assert.Equal(2, p.ExitCode);
        Assert.Single(p.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(missing, p.Stderr);

        var broken = Path.Combine(deployment.Directory, "broken.json");
        File.WriteAllText(broken, File.ReadAllText(deployment.Config).Replace("\"receiveTimeoutSeconds\": 3", "\"receiveTimeoutSeconds\": \"soon\"", StringComparison.Ordinal));
        p = CliProcess.Run(Limit, "party", "--config", broken, "--id", "1");
        Assert.Equal(2, p.ExitCode);
        Assert.Contains($"ditto party 1 (model-owner): error: {broken}: receiveTimeoutSeconds: must be a number of seconds", p.Stderr);
        Assert.Empty(p.Stdout);
    }

    [Fact]
    public void HelpListsTheRealOptionsAndHidesTheTestHooks()
    {
        var party = CliProcess.Run(Limit, "party", "--help");
        foreach (var option in new[] { "--config", "--id", "--job", "--seed", "--session", "demo-mlp" })
        {
            Assert.Contains(option, party.Stdout);
        }

        Assert.DoesNotContain("--fail-after-steps", party.Stdout);
        var demo = CliProcess.Run(Limit, "demo", "--help");
        Assert.Contains("--processes", demo.Stdout);
        Assert.DoesNotContain("--fail-party", demo.Stdout);
        var root = CliProcess.Run(Limit, "--help");
        foreach (var command in new[] { "demo", "microbench", "keygen", "party", "netbench" })
        {
            Assert.Contains(command, root.Stdout);
        }
    }

    private static long[] Longs(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt64())];

    private static float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetSingle())];
}

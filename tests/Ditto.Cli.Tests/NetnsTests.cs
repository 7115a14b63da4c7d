using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace Ditto.Cli.Tests;

/// <summary>
/// scripts/netns-shape.sh: three parties in shaped network namespaces compute what they compute on loopback.
/// Needs Linux, root and `ip netns`; skipped (reported as skipped, with the reason) where those are missing. Where the
/// kernel lacks sch_netem the script can only shape bandwidth, and the test says so in its output.
/// </summary>
public sealed class NetnsTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _prefix = $"dt{Environment.ProcessId % 100000}";
    private readonly string _dir = Directory.CreateTempSubdirectory("ditto-netns-test-").FullName;
    private bool _up;

    private static string Script { get; } = FindScript();

    public void Dispose()
    {
        if (_up)
        {
            Shell(Script, "down");
        }

        Directory.Delete(_dir, recursive: true);
    }

    [SkippableFact]
    public void PartiesInShapedNamespacesComputeTheLoopbackResult()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "network namespaces are Linux-only");
        Skip.IfNot(Shell("id", "-u").Output.Trim() == "0", "needs root for ip netns and tc");
        var probe = Shell("ip", "netns", "add", _prefix + "-probe");
        Shell("ip", "netns", "del", _prefix + "-probe");
        Skip.IfNot(probe.Exit == 0, $"ip netns does not work here: {probe.Output}");

        var up = Shell(Script, "up", "wan");
        var delayed = up.Exit == 0;
        if (up.Exit == 3)
        {
            output.WriteLine($"no sch_netem in this kernel, so only the bandwidth is shaped: {up.Output.Trim()}");
            up = Shell(Script, "up", "wan", "--rate-only");
        }

        Assert.True(up.Exit == 0, up.Output);
        _up = true;
        output.WriteLine(up.Output.Trim());
        var hosts = Shell(Script, "hosts").Output.Trim();
        Assert.Equal("10.77.0.1,10.77.0.2,10.77.0.3", hosts);
        var keygen = CliProcess.Run(TimeSpan.FromSeconds(60), "keygen", "--out", _dir, "--parties-host", hosts, "--connect-timeout", "20", "--receive-timeout", "20");
        Assert.True(keygen.ExitCode == 0, keygen.Stderr);

        var config = Path.Combine(_dir, "parties.json");
        var parties = Enumerable.Range(0, 3).Select(id => CliProcess.StartWrapped(
            ["env", $"DITTO_NETNS_PREFIX={_prefix}", "bash", Script, "run", id.ToString(CultureInfo.InvariantCulture), "--"],
            "party", "--config", config, "--id", id.ToString(CultureInfo.InvariantCulture), "--seed", "5", "--watch-stdin")).ToArray();
        try
        {
            foreach (var p in parties)
            {
                Assert.True(p.WaitForExit(TimeSpan.FromSeconds(90)), p.Stderr);
                Assert.True(p.ExitCode == 0, p.Stderr);
            }

            var demo = CliProcess.Run(TimeSpan.FromSeconds(60), "demo", "--mlp", "--seed", "5", "--json");
            using var local = JsonDocument.Parse(demo.Stdout);
            using var remote = JsonDocument.Parse(parties[0].Stdout);
            Assert.Equal(local.RootElement.GetProperty("secure").ToString().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal),
                remote.RootElement.GetProperty("result").GetProperty("values").ToString());
            var total = remote.RootElement.GetProperty("total");
            output.WriteLine($"party 0: {total.GetProperty("rounds").GetInt64()} rounds in {total.GetProperty("seconds").GetDouble():0.000} s");
            if (delayed)
            {
                // Each round is at least one 20 ms hop on the wan profile.
                Assert.True(total.GetProperty("seconds").GetDouble() >= total.GetProperty("rounds").GetInt64() * 0.020);
            }
        }
        finally
        {
            Array.ForEach(parties, p => p.Dispose());
        }
    }

    private (int Exit, string Output) Shell(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file.EndsWith(".sh", StringComparison.Ordinal) ? "bash" : file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (file.EndsWith(".sh", StringComparison.Ordinal))
        {
            info.ArgumentList.Add(file);
        }

        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["DITTO_NETNS_PREFIX"] = _prefix;
        try
        {
            using var p = Process.Start(info)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, stdout.Result + stderr);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (127, e.Message);
        }
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "netns-shape.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return "scripts/netns-shape.sh (not found above the test folder)";
    }
}

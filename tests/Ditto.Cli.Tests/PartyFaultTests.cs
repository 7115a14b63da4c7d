using System.Globalization;

namespace Ditto.Cli.Tests;

/// <summary>
/// A party process that dies, stops answering or sends garbage at a chosen protocol step (demo-mlp has 12: setup,
/// three inputs, matmul, trunc, mul, trunc, trunc, matmul, trunc, open-to; 0 = before connecting) makes the other two
/// exit non-zero within the timeout + 5 s, naming it; nothing is left running.
/// </summary>
public sealed class PartyFaultTests(LoopbackDeployment deployment) : IClassFixture<LoopbackDeployment>
{
    public static TheoryData<int, int, string> Faults()
    {
        var data = new TheoryData<int, int, string>();
        for (var step = 0; step <= 12; step++)
        {
            data.Add(step % 3, step, "exit");
        }

        data.Add(1, 5, "hang");
        data.Add(2, 9, "hang");
        data.Add(2, 3, "garbage");
        data.Add(0, 7, "garbage");
        data.Add(1, 11, "garbage");
        return data;
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public void AFailingPartyStopsTheOthersNamingIt(int faulty, int step, string mode)
    {
        var session = $"fault-{faulty}-{step}-{mode}-{Guid.NewGuid():N}";
        var parties = deployment.StartParties(session, id => id == faulty
            ? ["--fail-after-steps", step.ToString(CultureInfo.InvariantCulture), "--fail-mode", mode]
            : []);
        try
        {
            var survivors = Enumerable.Range(0, 3).Where(id => id != faulty).ToList();
            foreach (var id in survivors)
            {
                Assert.True(parties[id].WaitForExit(TimeSpan.FromSeconds(60)), $"party {id} still running; stderr: {parties[id].Stderr}");
            }

            var faultAt = parties[faulty].StderrLineAt("test fault:");
            Assert.True(faultAt is not null, $"party {faulty} never played its fault; stderr: {parties[faulty].Stderr}");
            var limit = TimeSpan.FromSeconds((step == 0 ? LoopbackDeployment.ConnectTimeout : LoopbackDeployment.ReceiveTimeout) + 5);
            foreach (var id in survivors)
            {
                var p = parties[id];
                var error = p.Stderr.Split('\n').Last(l => l.Length > 0);
                Assert.True(p.ExitCode is >= 3 and <= 6, $"party {id} exited with {p.ExitCode}: {error}");
                Assert.Matches($"(lost connection to|no answer from|protocol violation by|run aborted because of) party {faulty} during ", error);
                Assert.StartsWith($"ditto party {id} (", error);
                Assert.True(p.ExitedAt - faultAt <= limit, $"party {id} stopped {p.ExitedAt - faultAt} after the fault (limit {limit}): {error}");
            }

            if (mode == "garbage")
            {
                // The party that sent garbage is alive and is stopped by the others' aborts.
                Assert.True(parties[faulty].WaitForExit(limit), $"party {faulty} still running after sending garbage");
                Assert.NotEqual(0, parties[faulty].ExitCode);
                Assert.Contains(survivors, id => parties[id].ExitCode == 5 || parties[id].Stderr.Contains("protocol violation by party", StringComparison.Ordinal));
            }
            else if (mode == "exit")
            {
                Assert.True(parties[faulty].WaitForExit(TimeSpan.FromSeconds(5)));
            }
            else
            {
                Assert.False(parties[faulty].HasExited, "a hanging party should still be running until it is killed");
            }
        }
        finally
        {
            Array.ForEach(parties, p => p.Dispose());
        }

        Assert.Empty(CliProcess.RunningWith(session));
    }
}

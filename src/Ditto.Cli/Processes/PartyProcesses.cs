using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Ditto.Cli.Deployment;
using Ditto.Cli.Jobs;

namespace Ditto.Cli.Processes;

/// <summary>A test fault to play in one child (hidden options of `ditto demo`).</summary>
internal sealed record ChildFault(int Party, int AfterSteps, string Mode);

/// <summary>Why the three party processes did not produce a result; ExitCode is what the command returns.</summary>
internal sealed class PartyProcessesException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>
/// Runs a job as three `ditto party` child processes on loopback (or in shaped network namespaces, see
/// <see cref="PartyPlacement"/>): a throw-away deployment (fresh certificates, free
/// ports, a random session) in a temporary folder, the three children started from this same executable, party 0's
/// JSON collected. When a child fails, the others get their receive timeout plus 5 s to stop by themselves and are
/// then killed; Ctrl+C or SIGTERM kills all three at once. No child outlives this call, and the folder with the
/// private keys is deleted.
/// </summary>
internal static class PartyProcesses
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static PartyOutput Run(string job, ulong? seed, string? workDirectory, ChildFault? fault, string? jobArguments = null, PartyPlacement? placement = null)
    {
        placement ??= PartyPlacement.Loopback;
        var directory = workDirectory ?? Directory.CreateTempSubdirectory("ditto-demo-").FullName;
        var children = new List<PartyChild>();
        var interrupted = 0;
        void Interrupt(PosixSignalContext context)
        {
            context.Cancel = true;
            Interlocked.Exchange(ref interrupted, 1);
            lock (children)
            {
                children.ForEach(c => c.Kill());
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
        try
        {
            var configuration = LocalDeployment.Create(directory, placement.Hosts, LocalDeployment.FreeLoopbackPorts(3), LocalDeployment.NewSession(), Timeout, Timeout, overwrite: true);
            var config = Path.Combine(directory, LocalDeployment.ConfigurationFile);
            for (var id = 0; id < 3; id++)
            {
                var arguments = new List<string> { "party", "--config", config, "--id", id.ToString(CultureInfo.InvariantCulture), "--job", job, "--watch-stdin" };
                if (jobArguments is not null)
                {
                    arguments.AddRange(["--job-args", jobArguments]);
                }

                if (seed is { } s)
                {
                    arguments.AddRange(["--seed", s.ToString(CultureInfo.InvariantCulture)]);
                }

                if (fault is { } f && f.Party == id)
                {
                    arguments.AddRange(["--fail-after-steps", f.AfterSteps.ToString(CultureInfo.InvariantCulture), "--fail-mode", f.Mode]);
                }

                lock (children)
                {
                    children.Add(new PartyChild(id, SelfCommand.StartInfo(arguments, placement.Wrapper(id))));
                }
            }

            Wait(children, configuration.ConnectTimeout + configuration.ReceiveTimeout, () => Volatile.Read(ref interrupted) == 1);
            if (Volatile.Read(ref interrupted) == 1)
            {
                throw new PartyProcessesException("interrupted: the three party processes were stopped.", 130);
            }

            children.ForEach(c => c.WaitForOutput());
            var failed = children.Where(c => c.ExitCode != 0).OrderBy(c => c.ExitedAt ?? DateTime.MaxValue).ToList();
            if (failed.Count > 0)
            {
                var lines = failed.Select(c => $"party {c.Id} exited with code {c.ExitCode}: {(c.LastError.Length > 0 ? c.LastError : "(no message; killed)")}");
                throw new PartyProcessesException(string.Join(Environment.NewLine, lines), failed[0].ExitCode is > 0 and < 128 ? failed[0].ExitCode : 1);
            }

            return JsonSerializer.Deserialize<PartyOutput>(children[0].Stdout, PartyOutput.Json)
                ?? throw new PartyProcessesException("party 0 printed no result.", 1);
        }
        finally
        {
            children.ForEach(c => c.Dispose());
            if (workDirectory is null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>Waits until all children exit; after the first failure the others get <paramref name="grace"/> + 5 s, then are killed.</summary>
    private static void Wait(List<PartyChild> children, TimeSpan grace, Func<bool> interrupted)
    {
        DateTime? firstFailure = null;
        while (!interrupted() && !children.All(c => c.HasExited))
        {
            if (firstFailure is null && children.Any(c => c.HasExited && c.ExitCode != 0))
            {
                firstFailure = DateTime.UtcNow;
            }

            if (firstFailure is { } t && DateTime.UtcNow - t > grace + TimeSpan.FromSeconds(5))
            {
                children.ForEach(c => c.Kill());
            }

            Thread.Sleep(20);
        }
    }
}

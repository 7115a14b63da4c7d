using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using Ditto.Cli.Jobs;
using Ditto.Cli.Processes;
using Ditto.Cli.Progress;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Transport;
using Ditto.Runtime.Transport.Tcp;

namespace Ditto.Cli.Commands;

/// <summary>
/// `ditto party`: runs one computing party of a deployment. Party 0 prints the job's result and the merged costs as
/// JSON on stdout; every party prints a one-line error on stderr and exits non-zero on failure (codes in docs/deployment.md).
/// </summary>
internal static class PartyCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "The deployment's parties.json (see `ditto keygen`).", Required = true };
        var id = new Option<int>("--id") { Description = "This party: 0 = client (input, output), 1 = model owner (weights), 2 = helper.", Required = true };
        id.AcceptOnlyFromAmong("0", "1", "2");
        var job = new Option<string>("--job")
        {
            Description = "The job every party runs: " + string.Join("; ", JobCatalog.Jobs.Values.Select(j => $"{j.Name} = {j.Description}")),
            DefaultValueFactory = _ => "demo-mlp",
        };
        job.AcceptOnlyFromAmong([.. JobCatalog.Jobs.Keys]);
        var jobArgs = new Option<string?>("--job-args") { Description = "The job's arguments as JSON (the `run` job: model, texts, preset, plan, generate, perplexity)." };
        var seed = new Option<ulong?>("--seed") { Description = "Seed the parties' randomness for a reproducible run; all three must pass the same seed (tests and benchmarks only)." };
        var session = new Option<string?>("--session") { Description = "Session name to use instead of the configuration's; all three must agree." };
        var failAfter = new Option<int?>("--fail-after-steps") { Hidden = true };
        var failMode = new Option<string>("--fail-mode") { Hidden = true, DefaultValueFactory = _ => "exit" };
        failMode.AcceptOnlyFromAmong(TestFault.Modes);
        var watchStdin = new Option<bool>("--watch-stdin") { Hidden = true };
        var command = new Command("party", "Run one computing party of a three-party deployment; party 0 prints the result as JSON.")
        {
            config, id, job, jobArgs, seed, session, failAfter, failMode, watchStdin,
        };
        command.SetAction(parse => Run(
            parse.GetValue(config)!,
            parse.GetValue(id),
            JobCatalog.Jobs[parse.GetValue(job)!],
            parse.GetValue(jobArgs),
            parse.GetValue(seed),
            parse.GetValue(session),
            parse.GetValue(failAfter) is { } k ? new TestFault(k, parse.GetValue(failMode)!) : null,
            parse.GetValue(watchStdin)));
        return command;
    }

    private static int Run(FileInfo configFile, int id, IPartyJob job, string? jobArguments, ulong? seed, string? session, TestFault? fault, bool watchStdin)
    {
        var label = $"ditto party {id} ({PartyEndpoint.RoleOf(id)})";
        if (watchStdin)
        {
            ParentWatch.Start(label);
        }

        try
        {
            var configuration = PartyConfiguration.Load(configFile.FullName);
            if (session is not null)
            {
                configuration = configuration with { Session = session };
                configuration.Validate("--session");
            }

            var monitor = new ProgressMonitor { ExpectedScopes = job.Scopes };
            fault?.BeforeConnect(label);
            using var transport = TcpTransport.Connect(configuration, id);
            fault?.Attach(monitor, transport, label);
            NetworkPartyResult<object?> result;
            using (new ProgressDisplay(monitor, label, ProgressDisplay.ShouldShow(json: false)))
            {
                result = NetworkSession.Run(transport, party => job.Run(party, jobArguments), new SessionOptions { Seed = seed, Progress = monitor });
            }

            if (id == 0)
            {
                var report = result.Report!;
                var output = new PartyOutput(job.Name, 0, configuration.Session, JsonSerializer.SerializeToElement(result.Result, PartyOutput.Json), report.Total,
                    NetworkEstimate.Seconds(report, NetworkProfile.Lan), NetworkEstimate.Seconds(report, NetworkProfile.Wan),
                    [.. result.Ledgers!.Select(CostLedgerSnapshot.Of)]);
                Console.Out.WriteLine(JsonSerializer.Serialize(output, PartyOutput.Json));
            }
            else
            {
                Console.Error.WriteLine($"{label}: done: {job.Name}, {result.Ledger.Total.BytesSent:N0} bytes sent, {result.Ledger.Total.Rounds} rounds.");
            }

            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"{label}: error: {OneLine(e)}");
            return ExitCode(e);
        }
    }

    /// <summary>Exit codes: 2 configuration, 3 a peer timed out, 4 a peer disconnected, 5 a peer broke the protocol, 6 aborted by another party's failure, 1 anything else.</summary>
    public static int ExitCode(Exception e) => e switch
    {
        PartyConfigurationException or FileNotFoundException or CryptographicException => 2,
        PeerException { Fault: PeerFault.Timeout } => 3,
        PeerException { Fault: PeerFault.Disconnected } => 4,
        PeerException { Fault: PeerFault.ProtocolViolation } => 5,
        PeerException { Fault: PeerFault.Aborted } => 6,
        _ => 1,
    };

    private static string OneLine(Exception e)
    {
        var text = e is PeerException or PartyConfigurationException or FileNotFoundException or IOException ? e.Message : $"{e.GetType().Name}: {e.Message}";
        return text.ReplaceLineEndings(" ");
    }
}

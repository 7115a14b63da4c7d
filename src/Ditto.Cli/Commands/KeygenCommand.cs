using System.CommandLine;
using System.Globalization;
using Ditto.Cli.Deployment;
using Ditto.Runtime.Transport.Tcp;
using Spectre.Console;

namespace Ditto.Cli.Commands;

/// <summary>`ditto keygen`: certificates, keys and parties.json for a three-party deployment.</summary>
internal static class KeygenCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write party0..2.crt/.key and parties.json into.", Required = true };
        var hosts = new Option<string>("--parties-host") { Description = "Host the parties are reached at: one for all three (127.0.0.1) or three, comma-separated, in id order.", DefaultValueFactory = _ => "127.0.0.1" };
        var basePort = new Option<int>("--base-port") { Description = "Party i listens on base-port + i.", DefaultValueFactory = _ => 47000 };
        var session = new Option<string?>("--session") { Description = "Session name the three parties must share (default: a fresh random name)." };
        var connect = new Option<double>("--connect-timeout") { Description = "Seconds a party keeps trying to reach its peers at start-up.", DefaultValueFactory = _ => 30 };
        var receive = new Option<double>("--receive-timeout") { Description = "Seconds a party waits for a peer's message before it stops with an error.", DefaultValueFactory = _ => 30 };
        var force = new Option<bool>("--force") { Description = "Replace existing files in the folder." };
        var command = new Command("keygen", "Create a self-signed ECDSA P-256 certificate and key per party and a parties.json that pins them (for a loopback deployment by default).")
        {
            output, hosts, basePort, session, connect, receive, force,
        };
        command.SetAction(parse =>
        {
            var hostList = parse.GetValue(hosts)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (hostList.Length is not (1 or 3))
            {
                return Fail($"--parties-host takes one host or three comma-separated hosts, not {hostList.Length}.");
            }

            var port = parse.GetValue(basePort);
            if (port is < 1 or > 65533)
            {
                return Fail($"--base-port must be 1..65533 (the parties use base-port .. base-port+2), not {port}.");
            }

            var directory = parse.GetValue(output)!.FullName;
            PartyConfiguration configuration;
            try
            {
                configuration = LocalDeployment.Create(
                    directory,
                    hostList.Length == 1 ? [hostList[0], hostList[0], hostList[0]] : hostList,
                    [port, port + 1, port + 2],
                    parse.GetValue(session) ?? LocalDeployment.NewSession(),
                    TimeSpan.FromSeconds(parse.GetValue(connect)),
                    TimeSpan.FromSeconds(parse.GetValue(receive)),
                    parse.GetValue(force));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or PartyConfigurationException)
            {
                return Fail(e.Message);
            }

            var table = new Table().Title($"{Markup.Escape(Path.Combine(directory, LocalDeployment.ConfigurationFile))} (session {Markup.Escape(configuration.Session)})")
                .AddColumns("id", "role", "address", "certificate", "key");
            foreach (var p in configuration.Parties)
            {
                table.AddRow(p.Id.ToString(CultureInfo.InvariantCulture), PartyEndpoint.RoleOf(p.Id), Markup.Escape($"{p.Host}:{p.Port}"), Markup.Escape(p.Certificate ?? string.Empty), Markup.Escape(p.Key ?? string.Empty));
            }

            AnsiConsole.Write(table);
            foreach (var p in configuration.Parties)
            {
                Console.WriteLine($"party {p.Id} SHA-256 fingerprint: {p.Fingerprint}");
            }

            return 0;
        });
        return command;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"ditto keygen: error: {message}");
        return 2;
    }
}

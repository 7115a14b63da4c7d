using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ditto.Cli.Netbench;
using Ditto.Runtime.Transport.Tcp;
using Spectre.Console;

namespace Ditto.Cli.Commands;

/// <summary>`ditto netbench`: throughput and per-round overhead of the TCP/TLS transport on loopback.</summary>
internal static class NetbenchCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static Command Create()
    {
        var size = new Option<int>("--size-mib") { Description = "Size of each large message in MiB.", DefaultValueFactory = _ => 16 };
        var messages = new Option<int>("--messages") { Description = "Large messages per throughput measurement.", DefaultValueFactory = _ => 16 };
        var reps = new Option<int>("--repetitions") { Description = "Measured repetitions (after one warm-up).", DefaultValueFactory = _ => 5 };
        var pings = new Option<int>("--pings") { Description = "Round trips of 8-byte messages per repetition.", DefaultValueFactory = _ => 2000 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var config = new Option<FileInfo?>("--config") { Description = "Measure a real deployment instead of loopback: its parties.json; run `ditto netbench --config F --id N` on all three parties (party 0 prints)." };
        var id = new Option<int?>("--id") { Description = "This party's id with --config." };
        id.AcceptOnlyFromAmong("0", "1", "2");
        var command = new Command("netbench", "Measure the TCP/TLS transport: throughput per link for large messages and the time of a round trip of tiny messages (loopback by default).")
        {
            size, messages, reps, pings, json, config, id,
        };
        command.SetAction(parse =>
        {
            var mib = parse.GetValue(size);
            if (mib is < 1 or > 1024)
            {
                Console.Error.WriteLine($"ditto netbench: error: --size-mib must be 1..1024, not {mib}.");
                return 2;
            }

            var (bytes, count, repetitions, pingCount) = (mib << 20, Math.Max(1, parse.GetValue(messages)), Math.Max(1, parse.GetValue(reps)), Math.Max(1, parse.GetValue(pings)));
            NetbenchResult result;
            if (parse.GetValue(config) is { } file)
            {
                if (parse.GetValue(id) is not { } partyId)
                {
                    Console.Error.WriteLine("ditto netbench: error: --config needs --id 0, 1 or 2.");
                    return 2;
                }

                try
                {
                    var configuration = PartyConfiguration.Load(file.FullName);
                    if (configuration.MaxFrameBytes < bytes)
                    {
                        Console.Error.WriteLine($"ditto netbench: error: --size-mib {mib} is above maxFrameBytes ({configuration.MaxFrameBytes}) in {file.FullName}.");
                        return 2;
                    }

                    using var transport = TcpTransport.Connect(configuration, partyId);
                    var measured = TransportBenchmark.RunParty(transport, bytes, count, repetitions, pingCount, $"parties of {file.Name}");
                    if (measured is null)
                    {
                        Console.Error.WriteLine($"ditto netbench: party {partyId} done.");
                        return 0;
                    }

                    result = measured;
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine($"ditto netbench: party {partyId}: error: {e.Message.ReplaceLineEndings(" ")}");
                    return PartyCommand.ExitCode(e);
                }
            }
            else
            {
                try
                {
                    result = TransportBenchmark.Run(bytes, count, repetitions, pingCount);
                }
                catch (InvalidOperationException e)
                {
                    Console.Error.WriteLine($"ditto netbench: error: {e.Message.ReplaceLineEndings(" ")}");
                    return e.InnerException is { } inner ? PartyCommand.ExitCode(inner) : 1;
                }
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(result, Json));
                return 0;
            }

            var ci = CultureInfo.InvariantCulture;
            var table = new Table().Title("TCP/TLS transport (medians)").AddColumns("measure", "value");
            table.AddRow("message size", $"{mib} MiB x {result.Messages}");
            table.AddRow("one way, GB/s", result.OneWayMedianGBps.ToString("0.00", ci));
            table.AddRow("both ways at once, GB/s per direction", result.BothWaysMedianGBpsPerDirection.ToString("0.00", ci));
            table.AddRow("round trip of 8 bytes, µs (median)", result.RoundTripMedianMicroseconds.ToString("0.0", ci));
            table.AddRow("round trip of 8 bytes, µs (p99)", result.RoundTripP99Microseconds.ToString("0.0", ci));
            table.AddRow("repetitions / round trips measured", $"{result.Repetitions} / {result.Pings}");
            table.Caption(Markup.Escape(result.Notes));
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}

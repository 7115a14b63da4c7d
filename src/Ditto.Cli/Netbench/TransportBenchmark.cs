using System.Diagnostics;
using Ditto.Cli.Deployment;
using Ditto.Runtime.Transport;
using Ditto.Runtime.Transport.Tcp;

namespace Ditto.Cli.Netbench;

/// <summary>What `ditto netbench` measured.</summary>
internal sealed record NetbenchResult(
    long MessageBytes,
    int Messages,
    int Repetitions,
    double OneWayMedianGBps,
    double BothWaysMedianGBpsPerDirection,
    int Pings,
    double RoundTripMedianMicroseconds,
    double RoundTripP99Microseconds,
    string Notes);

/// <summary>
/// TLS between parties 0 and 1 (party 2 connects and idles): three transports in this process on loopback, or one
/// party per process of a real deployment. Throughput:
/// party 0 sends <c>messages</c> messages of <c>size</c> bytes and waits for a 1-byte acknowledgement; both ways:
/// parties 0 and 1 send to each other at once. Round trip: party 0 sends 8 bytes, party 1 answers with 8 bytes.
/// Medians over the repetitions (after one warm-up repetition); round trips over every ping of every repetition.
/// </summary>
internal static class TransportBenchmark
{
    /// <summary>All three parties in this process on loopback, with throw-away certificates.</summary>
    public static NetbenchResult Run(int size, int messages, int repetitions, int pings)
    {
        var certificates = Enumerable.Range(0, 3).Select(i => PartyCertificates.CreateSelfSigned($"ditto-netbench-{i}")).ToArray();
        var ports = LocalDeployment.FreeLoopbackPorts(3);
        var configuration = new PartyConfiguration
        {
            Parties = [.. Enumerable.Range(0, 3).Select(i => new PartyEndpoint(i, "127.0.0.1", ports[i], CertificateFingerprint.Of(certificates[i])))],
            Session = LocalDeployment.NewSession(),
            MaxFrameBytes = Math.Max(size, 1024),
        };
        var results = new NetbenchResult?[3];
        var errors = new Exception?[3];
        var threads = Enumerable.Range(0, 3).Select(id => new Thread(() =>
        {
            try
            {
                using var transport = TcpTransport.Connect(configuration, id, certificates[id]);
                results[id] = RunParty(transport, size, messages, repetitions, pings, "loopback TLS 1.3, three parties in one process sharing the machine's cores");
            }
            catch (Exception e)
            {
                errors[id] = e;
            }
        })
        { Name = $"netbench-party-{id}" }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        foreach (var c in certificates)
        {
            c.Dispose();
        }

        if (errors.FirstOrDefault(e => e is not null) is { } error)
        {
            throw new InvalidOperationException($"netbench failed: {error.Message}", error);
        }

        return results[0]!;
    }

    /// <summary>Runs this transport's part (parties 0 and 1 measure between them, party 2 waits); the result on party 0, null on the others.</summary>
    public static NetbenchResult? RunParty(TcpTransport transport, int size, int messages, int repetitions, int pings, string setting)
    {
        if (transport.PartyId == 2)
        {
            transport.Receive(0, new byte[1]);
            return null;
        }

        var oneWay = new List<double>();
        var bothWays = new List<double>();
        var roundTrips = new List<double>();
        Bench(transport, transport.PartyId, size, messages, repetitions, pings, oneWay, bothWays, roundTrips);
        if (transport.PartyId != 0)
        {
            return null;
        }

        roundTrips.Sort();
        return new NetbenchResult(size, messages, repetitions, Median(oneWay), Median(bothWays), roundTrips.Count,
            Median(roundTrips), roundTrips[(int)Math.Min(roundTrips.Count - 1, Math.Ceiling(roundTrips.Count * 0.99) - 1)],
            $"{setting}; TLS_AES_128_GCM_SHA256 where the platform lets us choose (Linux); GB = 1e9 bytes");
    }

    private static void Bench(TcpTransport t, int id, int size, int messages, int repetitions, int pings, List<double> oneWay, List<double> bothWays, List<double> roundTrips)
    {
        var peer = 1 - id;
        var header = new FrameHeader(0, false);
        var payload = new byte[size];
        new Random(id).NextBytes(payload);
        var incoming = new byte[size];
        var small = new byte[8];
        var ack = new byte[1];
        for (var rep = 0; rep <= repetitions; rep++)
        {
            var measured = rep > 0;

            // One way: 0 → 1, then an acknowledgement.
            var watch = Stopwatch.StartNew();
            for (var m = 0; m < messages; m++)
            {
                if (id == 0)
                {
                    t.Send(peer, header, payload);
                }
                else
                {
                    t.Receive(peer, incoming);
                }
            }

            if (id == 1)
            {
                t.Send(peer, header, ack);
            }
            else
            {
                t.Receive(peer, ack);
                if (measured)
                {
                    oneWay.Add((double)size * messages / watch.Elapsed.TotalSeconds / 1e9);
                }
            }

            // Both ways at once: sends never block, so neither side waits for the other to read.
            Sync(t, peer, header, ack);
            watch.Restart();
            for (var m = 0; m < messages; m++)
            {
                t.Send(peer, header, payload);
            }

            for (var m = 0; m < messages; m++)
            {
                t.Receive(peer, incoming);
            }

            Sync(t, peer, header, ack);
            if (id == 0 && measured)
            {
                bothWays.Add((double)size * messages / watch.Elapsed.TotalSeconds / 1e9);
            }

            // Ping-pong of tiny messages: the per-round overhead of the transport.
            for (var i = 0; i < pings; i++)
            {
                var start = Stopwatch.GetTimestamp();
                if (id == 0)
                {
                    t.Send(peer, header, small);
                    t.Receive(peer, small);
                    if (measured)
                    {
                        roundTrips.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                    }
                }
                else
                {
                    t.Receive(peer, small);
                    t.Send(peer, header, small);
                }
            }
        }

        if (id == 0)
        {
            t.Send(2, header, ack);
        }
    }

    private static void Sync(TcpTransport t, int peer, FrameHeader header, byte[] ack)
    {
        t.Send(peer, header, ack);
        t.Receive(peer, ack);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Transport.Tcp;

namespace Ditto.Runtime.Tests.Transport;

/// <summary>What one party thread ended with.</summary>
internal sealed record PartyOutcome<T>(T? Result, Exception? Error, TimeSpan Elapsed);

/// <summary>
/// Three parties over loopback TLS in this process: one thread per party, each with its own <see cref="TcpTransport"/>,
/// certificates made once per test run, fresh free ports per configuration.
/// </summary>
internal static class TcpTestParties
{
    private static readonly Lazy<X509Certificate2[]> Certificates = new(() => [.. Enumerable.Range(0, 4).Select(i => PartyCertificates.CreateSelfSigned($"ditto-test-{i}"))]);

    /// <summary>Party i's certificate; index 3 is a certificate no configuration pins.</summary>
    public static X509Certificate2 Certificate(int index) => Certificates.Value[index];

    public static PartyConfiguration Configuration(double receiveSeconds = 10, double connectSeconds = 10, int maxFrameBytes = PartyConfiguration.DefaultMaxFrameBytes, string session = "test")
    {
        var ports = FreePorts(3);
        return new PartyConfiguration
        {
            Parties = [.. Enumerable.Range(0, 3).Select(i => new PartyEndpoint(i, "127.0.0.1", ports[i], CertificateFingerprint.Of(Certificate(i))))],
            ReceiveTimeout = TimeSpan.FromSeconds(receiveSeconds),
            ConnectTimeout = TimeSpan.FromSeconds(connectSeconds),
            MaxFrameBytes = maxFrameBytes,
            Session = session,
        };
    }

    /// <summary>Runs the three parties; each connects, then runs <paramref name="party"/>. A party still running after <paramref name="limitSeconds"/> fails the test.</summary>
    public static PartyOutcome<T>[] Run<T>(PartyConfiguration configuration, Func<int, TcpTransport, T> party, double limitSeconds = 60, Func<int, PartyConfiguration>? configurationOf = null, Func<int, X509Certificate2>? certificateOf = null)
    {
        var outcomes = new PartyOutcome<T>[3];
        var threads = Enumerable.Range(0, 3).Select(id => new Thread(() =>
        {
            var watch = Stopwatch.StartNew();
            try
            {
                using var transport = TcpTransport.Connect(configurationOf?.Invoke(id) ?? configuration, id, certificateOf?.Invoke(id) ?? Certificate(id));
                outcomes[id] = new PartyOutcome<T>(party(id, transport), null, watch.Elapsed);
            }
            catch (Exception e)
            {
                outcomes[id] = new PartyOutcome<T>(default, e, watch.Elapsed);
            }
        })
        { IsBackground = true, Name = $"test-party-{id}" }).ToList();
        threads.ForEach(t => t.Start());
        var deadline = Stopwatch.StartNew();
        for (var id = 0; id < 3; id++)
        {
            var left = TimeSpan.FromSeconds(limitSeconds) - deadline.Elapsed;
            Assert.True(threads[id].Join(left > TimeSpan.Zero ? left : TimeSpan.Zero), $"party {id} was still running after {limitSeconds} s");
        }

        return outcomes;
    }

    /// <summary>Runs a program as a networked session on the three parties and returns their results, rethrowing the first failure.</summary>
    public static NetworkPartyResult<T>[] RunSession<T>(PartyConfiguration configuration, Func<Party, T> program, ulong seed = 1)
    {
        var outcomes = Run(configuration, (_, transport) => NetworkSession.Run(transport, program, new SessionOptions { Seed = seed }));
        foreach (var o in outcomes)
        {
            if (o.Error is not null)
            {
                throw new InvalidOperationException($"A party failed: {o.Error.Message}", o.Error);
            }
        }

        return [.. outcomes.Select(o => o.Result!)];
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}

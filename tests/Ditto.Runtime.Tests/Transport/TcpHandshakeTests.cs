using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Ditto.Runtime.Transport;
using Ditto.Runtime.Transport.Tcp;

namespace Ditto.Runtime.Tests.Transport;

/// <summary>Only pinned certificates get through the TLS handshake, and the hello must agree with them.</summary>
public class TcpHandshakeTests
{
    [Fact]
    public void ACertificateThatIsNotInTheConfigurationIsRefusedAtTheHandshake()
    {
        // Party 2 runs with a certificate the others do not pin (its own copy of the file pins it, as a stolen or stale file would).
        var configuration = TcpTestParties.Configuration(connectSeconds: 2);
        var intruder = configuration with { Parties = [configuration.Parties[0], configuration.Parties[1], configuration.Parties[2] with { Fingerprint = CertificateFingerprint.Of(TcpTestParties.Certificate(3)) }] };
        var outcomes = TcpTestParties.Run(configuration, (_, _) => 0, configurationOf: id => id == 2 ? intruder : configuration, certificateOf: id => TcpTestParties.Certificate(id == 2 ? 3 : id));

        var refused = Assert.IsType<PeerException>(outcomes[2].Error);
        Assert.Equal(PeerFault.ProtocolViolation, refused.Fault);
        Assert.Contains("may not pin this party's certificate", refused.Message);
        foreach (var id in new[] { 0, 1 })
        {
            var e = Assert.IsType<PeerException>(outcomes[id].Error);
            Assert.Equal(PeerFault.Timeout, e.Fault);
            Assert.Equal(2, e.PeerId);
            Assert.Contains("party 2 did not connect", e.Message);
        }

        // Party 2 gives up on both as soon as one refuses it, so the other may see the attempt end before its certificate arrived.
        var refusal = $"presented a certificate with fingerprint {CertificateFingerprint.Of(TcpTestParties.Certificate(3))}, which is not pinned";
        Assert.Contains(new[] { 0, 1 }, id => outcomes[id].Error!.Message.Contains(refusal, StringComparison.Ordinal));
    }

    [Fact]
    public void AnIntruderIsRefusedAndTheRightPartiesStillConnect()
    {
        var configuration = TcpTestParties.Configuration(connectSeconds: 10);
        Exception? intruderError = null;
        var intruder = new Thread(() => intruderError = Intrude(configuration.Parties[0].Port));
        intruder.Start();

        // Party 2 starts late, so that the intruder reaches party 0 while it is still waiting for party 2.
        PartyConfiguration Late(int id)
        {
            if (id == 2)
            {
                Assert.True(intruder.Join(TimeSpan.FromSeconds(10)));
            }

            return configuration;
        }

        var outcomes = TcpTestParties.Run(configuration, (id, t) =>
        {
            t.Send((id + 1) % 3, new FrameHeader(0, false), [(byte)id]);
            var got = new byte[1];
            t.Receive((id + 2) % 3, got);
            return got[0];
        }, configurationOf: Late);
        Assert.NotNull(intruderError);
        Assert.True(intruderError is IOException or AuthenticationException, intruderError.ToString());
        Assert.Equal([2, 0, 1], outcomes.Select(o => (int)o.Result));
    }

    [Fact]
    public void APeerWhoseCertificateDiffersFromThePinnedFingerprintIsRefusedNamingBoth()
    {
        var configuration = TcpTestParties.Configuration(connectSeconds: 2);
        var wrongPin = CertificateFingerprint.Of(TcpTestParties.Certificate(3));
        var misconfigured = configuration with { Parties = [configuration.Parties[0] with { Fingerprint = wrongPin }, configuration.Parties[1], configuration.Parties[2]] };
        var outcomes = TcpTestParties.Run(configuration, (_, _) => 0, configurationOf: id => id == 1 ? misconfigured : configuration);
        var e = Assert.IsType<PeerException>(outcomes[1].Error);
        Assert.Equal(0, e.PeerId);
        Assert.Contains($"has fingerprint {configuration.Parties[0].Fingerprint}, but parties[0].fingerprint pins {wrongPin}", e.Message);
    }

    [Fact]
    public void PartiesOfDifferentSessionsDoNotTalk()
    {
        var configuration = TcpTestParties.Configuration(connectSeconds: 2);
        var outcomes = TcpTestParties.Run(configuration, (_, _) => 0, configurationOf: id => id == 2 ? configuration with { Session = "other-run" } : configuration);
        var e = Assert.IsType<PeerException>(outcomes[2].Error);
        Assert.Equal(PeerFault.ProtocolViolation, e.Fault);
        Assert.Contains("session \"test\"; this party is in session \"other-run\"", e.Message);
    }

    [Fact]
    public void AMissingPartyIsNamedWhenTheConnectTimeoutPasses()
    {
        var configuration = TcpTestParties.Configuration(connectSeconds: 1);
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<PeerException>(() => TcpTransport.Connect(configuration, 1, TcpTestParties.Certificate(1)));
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.9, 4);
        Assert.Equal(PeerFault.Timeout, e.Fault);
        Assert.Equal(0, e.PeerId);
        Assert.True(e.Message.Contains($"could not connect to party 0 at 127.0.0.1:{configuration.Parties[0].Port} ", StringComparison.Ordinal) && e.Message.Contains("party 2 did not connect", StringComparison.Ordinal) && e.Message.Contains("within the connect timeout of 1 s", StringComparison.Ordinal), e.Message);
        Assert.Equal(0, FrameWriter.LiveThreads);
    }

    /// <summary>Connects to a party's port with the unpinned certificate and tries to read its hello; returns how that failed.</summary>
    private static Exception? Intrude(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(8))
        {
            using var client = new TcpClient();
            try
            {
                client.Connect("127.0.0.1", port);
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
                continue;
            }

            try
            {
                using var tls = new SslStream(client.GetStream(), false, (_, _, _, _) => true);
                tls.AuthenticateAsClient(new SslClientAuthenticationOptions
                {
                    TargetHost = "ditto-party-0",
                    ClientCertificates = [TcpTestParties.Certificate(3)],
                    EnabledSslProtocols = SslProtocols.Tls13,
                });
                tls.ReadExactly(new byte[8]);
                return null;
            }
            catch (Exception e) when (e is IOException or AuthenticationException)
            {
                return e;
            }
        }

        return new TimeoutException("party 0 never listened");
    }
}

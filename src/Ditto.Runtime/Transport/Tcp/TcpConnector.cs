using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Ditto.Runtime.Transport.Tcp;

/// <summary>
/// Sets up a party's two links. Every party with a higher-id peer listens on its port; a party connects to each
/// lower id (1 → 0; 2 → 0 and 1), retrying until the connect timeout, so any start order works. Each connection is
/// TLS 1.3 with certificates both ways, pinned by fingerprint, then a hello that must name the certificate's party,
/// the same protocol version and the same session. A connection with an unknown certificate is refused at the
/// handshake and the party keeps waiting for the right one.
/// </summary>
internal sealed class TcpConnector
{
    private readonly PartyConfiguration _config;
    private readonly int _self;
    private readonly SslStreamCertificateContext _own;
    private readonly TaskCompletionSource<PeerLink>[] _incoming = new TaskCompletionSource<PeerLink>[3];
    private readonly ConcurrentQueue<string> _refused = new();
    private readonly ConcurrentBag<PeerLink> _surplus = [];
    private readonly string?[] _lastError = new string?[3];

    private TcpConnector(PartyConfiguration config, int self, X509Certificate2 certificate)
    {
        _config = config;
        _self = self;
        _own = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);
        for (var i = 0; i < 3; i++)
        {
            _incoming[i] = new TaskCompletionSource<PeerLink>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Returns the links indexed by peer id (null at this party's own index).</summary>
    public static PeerLink?[] Connect(PartyConfiguration config, int self, X509Certificate2 certificate, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(config.ConnectTimeout);
        var connector = new TcpConnector(config, self, certificate);
        return connector.RunAsync(timeout.Token, cancellation).GetAwaiter().GetResult();
    }

    private async Task<PeerLink?[]> RunAsync(CancellationToken token, CancellationToken callerToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        TcpListener? listener = null;
        var links = new PeerLink?[3];
        var tasks = new Task<PeerLink>[3];
        var acceptLoop = Task.CompletedTask;
        var success = false;
        try
        {
            if (_self < 2)
            {
                listener = Listen();
                acceptLoop = AcceptLoopAsync(listener, stop.Token);
            }

            for (var peer = 0; peer < 3; peer++)
            {
                if (peer != _self)
                {
                    tasks[peer] = peer < _self ? ConnectToAsync(peer, stop.Token) : _incoming[peer].Task.WaitAsync(stop.Token);
                }
            }

            // Fail fast: the first definite error (a wrong fingerprint, say) stops the waits for the other peer.
            var pending = tasks.Where(t => t is not null).ToList();
            while (pending.Count > 0)
            {
                var done = await Task.WhenAny(pending).ConfigureAwait(false);
                pending.Remove(done);
                if (!done.IsCompletedSuccessfully)
                {
                    // Let the other attempts see the cancellation and settle, so the error can say what each one saw.
                    await stop.CancelAsync().ConfigureAwait(false);
                    await Task.WhenAll(pending).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                    break;
                }
            }

            if (FirstFailure(tasks, callerToken) is { } failure)
            {
                throw failure;
            }

            for (var peer = 0; peer < 3; peer++)
            {
                links[peer] = peer == _self ? null : tasks[peer].Result;
            }

            success = true;
            return links;
        }
        finally
        {
            // Stop accepting and wait for handshakes in flight, so that no connection outlives the connect phase unowned.
            await stop.CancelAsync().ConfigureAwait(false);
            listener?.Stop();
            await acceptLoop.ConfigureAwait(false);
            var candidates = tasks.Where(t => t is { IsCompletedSuccessfully: true }).Select(t => t.Result)
                .Concat(_incoming.Where(s => s.Task.IsCompletedSuccessfully).Select(s => s.Task.Result))
                .Concat(_surplus)
                .Distinct();
            foreach (var link in candidates)
            {
                if (!success || !links.Contains(link))
                {
                    link.Kill();
                }
            }
        }
    }

    private Exception? FirstFailure(Task<PeerLink>[] tasks, CancellationToken callerToken)
    {
        var definite = tasks.Where(t => t is { IsFaulted: true }).Select(t => t.Exception!.GetBaseException()).FirstOrDefault(e => e is not OperationCanceledException);
        if (definite is not null)
        {
            return definite;
        }

        var missing = Enumerable.Range(0, 3).Where(p => p != _self && tasks[p] is not { IsCompletedSuccessfully: true }).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        if (callerToken.IsCancellationRequested)
        {
            return new OperationCanceledException($"Party {_self} stopped connecting: cancelled.", callerToken);
        }

        var peer = missing[0];
        var what = string.Join("; ", missing.Select(p => p < _self
            ? $"could not connect to party {p} at {_config.Parties[p].Host}:{_config.Parties[p].Port}{(_lastError[p] is { } last ? $" (last error: {last})" : string.Empty)}"
            : $"party {p} did not connect to this party's port {_config.Parties[_self].Port}"));
        var refused = _refused.IsEmpty ? string.Empty : $" Refused: {string.Join("; ", _refused)}.";
        return new PeerException(_self, peer, PeerFault.Timeout, string.Empty, $"{what} within the connect timeout of {_config.ConnectTimeout.TotalSeconds:0.###} s.{refused}");
    }

    private TcpListener Listen()
    {
        var entry = _config.Parties[_self];
        var text = entry.Listen ?? entry.Host;
        var address = IPAddress.TryParse(text, out var ip) ? ip : IPAddress.Any;
        var listener = new TcpListener(address, entry.Port);
        try
        {
            listener.Start(backlog: 16);
        }
        catch (SocketException e)
        {
            throw new IOException($"Party {_self} cannot listen on {address}:{entry.Port} (parties[{_self}].{(entry.Listen is null ? "host" : "listen")} and .port): {e.Message}", e);
        }

        return listener;
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken token)
    {
        var handshakes = new List<Task>();
        try
        {
            while (!token.IsCancellationRequested && !Enumerable.Range(_self + 1, 2 - _self).All(p => _incoming[p].Task.IsCompleted))
            {
                var socket = await listener.AcceptSocketAsync(token).ConfigureAwait(false);
                handshakes.Add(AcceptOneAsync(socket, token));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped: the connect phase is over.
        }

        await Task.WhenAll(handshakes).ConfigureAwait(false);
    }

    private async Task AcceptOneAsync(Socket socket, CancellationToken token)
    {
        var remote = socket.RemoteEndPoint?.ToString() ?? "?";
        socket.NoDelay = true;
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
        string? seen = null;
        var expected = Enumerable.Range(_self + 1, 2 - _self).ToDictionary(p => _config.Parties[p].Fingerprint, p => p);
        bool Validate(object sender, X509Certificate? certificate, System.Security.Cryptography.X509Certificates.X509Chain? chain, SslPolicyErrors errors)
        {
            seen = certificate is null ? null : CertificateFingerprint.Of(certificate);
            return seen is not null && expected.ContainsKey(seen);
        }

        try
        {
            await stream.AuthenticateAsServerAsync(TlsSettings.Server(_own, Validate), token).ConfigureAwait(false);
            var peer = expected[CertificateFingerprint.Of(stream.RemoteCertificate!)];
            var link = await HelloAsync(stream, socket, peer, token).ConfigureAwait(false);
            if (!_incoming[peer].TrySetResult(link))
            {
                _refused.Enqueue($"a second connection from party {peer} ({remote})");
                _surplus.Add(link);
            }
        }
        catch (Exception e)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            if (token.IsCancellationRequested)
            {
                return;
            }

            _refused.Enqueue(seen is null || expected.ContainsKey(seen)
                ? $"{remote}: {e.GetBaseException().Message}"
                : $"{remote} presented a certificate with fingerprint {seen}, which is not pinned for party {string.Join(" or ", expected.Values)}");
        }
    }

    private async Task<PeerLink> ConnectToAsync(int peer, CancellationToken token)
    {
        var entry = _config.Parties[peer];
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(entry.Host, entry.Port, token).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                // Not listening yet (or unreachable for now): try again until the connect timeout.
                socket.Dispose();
                _lastError[peer] = e.Message;
                await Task.Delay(delay, token).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(500, delay.TotalMilliseconds * 2));
                continue;
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            return await HandshakeAsClientAsync(socket, peer, token).ConfigureAwait(false);
        }
    }

    private async Task<PeerLink> HandshakeAsClientAsync(Socket socket, int peer, CancellationToken token)
    {
        var entry = _config.Parties[peer];
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
        string? seen = null;
        bool Validate(object sender, X509Certificate? certificate, System.Security.Cryptography.X509Certificates.X509Chain? chain, SslPolicyErrors errors)
        {
            seen = certificate is null ? null : CertificateFingerprint.Of(certificate);
            return seen == entry.Fingerprint;
        }

        try
        {
            await stream.AuthenticateAsClientAsync(TlsSettings.Client(_own, peer, Validate), token).ConfigureAwait(false);
            return await HelloAsync(stream, socket, peer, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not PeerException)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            var detail = seen is not null && seen != entry.Fingerprint
                ? $"TLS handshake refused: the certificate at {entry.Host}:{entry.Port} has fingerprint {seen}, but parties[{peer}].fingerprint pins {entry.Fingerprint}."
                : $"TLS handshake with {entry.Host}:{entry.Port} failed ({e.GetBaseException().Message}); party {peer} may not pin this party's certificate {CertificateFingerprint.Of(_own.TargetCertificate)}.";
            throw new PeerException(_self, peer, PeerFault.ProtocolViolation, string.Empty, detail, e);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<PeerLink> HelloAsync(SslStream stream, Socket socket, int peer, CancellationToken token)
    {
        await stream.WriteAsync(new HelloMessage(HelloMessage.CurrentVersion, _self, _config.Session).Encode(), token).ConfigureAwait(false);
        await stream.FlushAsync(token).ConfigureAwait(false);
        var hello = await HelloMessage.ReadAsync(stream, _self, peer, token).ConfigureAwait(false);
        hello.Check(_self, peer, _config.Session);
        return new PeerLink(_self, peer, socket, stream, _config);
    }
}

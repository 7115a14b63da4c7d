using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;

namespace Ditto.Runtime.Transport.Tcp;

/// <summary>
/// One party's links to the two others over TCP with TLS 1.3 and mutually authenticated, fingerprint-pinned
/// certificates (see <see cref="PartyConfiguration"/>). Frames are a 16-byte header (length, round clock, kind, ahead
/// flag) and the payload. Sends are queued to a writer thread per link and never block; receives read on the calling
/// thread straight into the caller's buffer after checking the announced length. When any link fails, the other peer
/// is sent an abort frame naming the party at fault, so every party stops promptly instead of waiting for its timeout.
/// </summary>
public sealed class TcpTransport : ITransport
{
    private static readonly TimeSpan AbortLinger = TimeSpan.FromSeconds(1);

    private readonly PeerLink?[] _links;
    private readonly Lock _gate = new();
    private readonly Timer _waitTimer;
    private readonly TimeSpan _waitNotice;
    private bool _aborted;
    private bool _disposed;
    private int _waitingOn = -1;
    private long _waitSince;
    private bool _waitNotified;

    private TcpTransport(PartyConfiguration configuration, int partyId, PeerLink?[] links)
    {
        Configuration = configuration;
        PartyId = partyId;
        _links = links;
        // A receive blocked this long tells the third party whom we wait for, so a timeout there blames the right party.
        _waitNotice = TimeSpan.FromTicks(Math.Clamp(configuration.ReceiveTimeout.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(1).Ticks));
        _waitTimer = new Timer(_ => NoticeWaiting(), null, _waitNotice, _waitNotice);
    }

    /// <inheritdoc/>
    public int PartyId { get; }

    /// <summary>The configuration the links were made from.</summary>
    public PartyConfiguration Configuration { get; }

    /// <summary>
    /// Connects party <paramref name="partyId"/> to the two others: listens for higher ids, connects to lower ids, and
    /// waits at most the configured connect timeout. The certificate defaults to the one the configuration names for
    /// this party. Failures are <see cref="PeerException"/>s naming the peer (during "setup").
    /// </summary>
    public static TcpTransport Connect(PartyConfiguration configuration, int partyId, X509Certificate2? certificate = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (partyId is < 0 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(partyId), partyId, $"Party id must be 0, 1 or 2, not {partyId}.");
        }

        configuration.Validate();
        var own = certificate ?? configuration.LoadCertificate(partyId);
        try
        {
            var actual = CertificateFingerprint.Of(own);
            if (actual != configuration.Parties[partyId].Fingerprint)
            {
                throw new PartyConfigurationException("party configuration", $"parties[{partyId}].fingerprint",
                    $"pins {configuration.Parties[partyId].Fingerprint} but this party's certificate has fingerprint {actual}.");
            }

            return new TcpTransport(configuration, partyId, TcpConnector.Connect(configuration, partyId, own, cancellation));
        }
        finally
        {
            if (certificate is null)
            {
                own.Dispose();
            }
        }
    }

    /// <inheritdoc/>
    public void Send(int to, FrameHeader header, ReadOnlySpan<byte> payload)
    {
        var link = Link(to);
        try
        {
            link.SendData(header, payload);
        }
        catch (PeerException e)
        {
            OnFault(e);
            throw;
        }
    }

    /// <inheritdoc/>
    public FrameHeader Receive(int from, Span<byte> payload)
    {
        var link = Link(from);
        lock (_gate)
        {
            (_waitingOn, _waitSince, _waitNotified) = (from, Stopwatch.GetTimestamp(), false);
        }

        FrameHeader header;
        bool notified;
        try
        {
            header = link.Receive(payload);
        }
        catch (PeerException e)
        {
            OnFault(e);
            throw;
        }
        finally
        {
            lock (_gate)
            {
                notified = _waitNotified;
                _waitingOn = -1;
            }
        }

        if (notified)
        {
            _links[Third(from)]!.SendWaiting(-1);
        }

        return header;
    }

    /// <summary>
    /// Stops the run because of a failure: both peers get an abort frame naming <paramref name="failedParty"/> and the
    /// reason, then the links close. Call it when this party's program throws; Dispose afterwards only releases.
    /// </summary>
    public void Abort(int failedParty, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        SendAborts(failedParty, PeerFault.Aborted, reason);
        Close(graceful: false);
    }

    /// <summary>Closes both links: queued frames are delivered, then each side waits briefly for the other to close.</summary>
    public void Dispose() => Close(graceful: true);

    /// <summary>Queues unframed bytes to a peer (tests play a malformed peer with it).</summary>
    internal void SendRaw(int to, ReadOnlySpan<byte> bytes) => Link(to).SendRaw(bytes);

    /// <summary>Drops both connections without flushing or telling the peers, as if this process had crashed (tests).</summary>
    internal void Kill()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _waitTimer.Dispose();
        foreach (var link in _links)
        {
            link?.Kill();
        }
    }

    private void NoticeWaiting()
    {
        int from;
        lock (_gate)
        {
            if (_disposed || _aborted || _waitingOn < 0 || _waitNotified || Stopwatch.GetElapsedTime(_waitSince) < _waitNotice)
            {
                return;
            }

            _waitNotified = true;
            from = _waitingOn;
        }

        _links[Third(from)]!.SendWaiting(from);
    }

    private int Third(int peer) => 3 - PartyId - peer;

    private void OnFault(PeerException e)
    {
        // The run cannot go on without the peer: tell the other one at once, naming the party at fault.
        SendAborts(e.PeerId, e.Fault, e.Message);
    }

    private void SendAborts(int failedParty, PeerFault fault, string reason)
    {
        lock (_gate)
        {
            if (_aborted || _disposed)
            {
                return;
            }

            _aborted = true;
        }

        foreach (var link in _links)
        {
            if (link is not null && link.Fault?.Fault is not PeerFault.Disconnected)
            {
                link.SendAbort(failedParty, fault, reason);
            }
        }
    }

    private void Close(bool graceful)
    {
        bool aborted;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            aborted = _aborted;
        }

        _waitTimer.Dispose();
        // After a failure nobody needs our last frames for long; in a normal end the peers are closing too.
        var linger = aborted || !graceful ? AbortLinger : TimeSpan.FromTicks(Math.Min(Configuration.ReceiveTimeout.Ticks, TimeSpan.FromSeconds(5).Ticks));
        foreach (var link in _links)
        {
            link?.BeginClose(sendClose: !aborted, linger);
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(linger.TotalSeconds * Stopwatch.Frequency);
        foreach (var link in _links)
        {
            link?.FinishClose(deadline);
        }
    }

    private PeerLink Link(int peer)
    {
        if (peer is < 0 or > 2 || peer == PartyId)
        {
            throw new ArgumentOutOfRangeException(nameof(peer), peer, $"Party {PartyId} has no link to party {peer}; peers are the two other ids in 0..2.");
        }

        lock (_gate)
        {
            if (_disposed)
            {
                throw new PeerException(PartyId, peer, PeerFault.Aborted, string.Empty, "this party's transport is closed.");
            }
        }

        return _links[peer]!;
    }
}

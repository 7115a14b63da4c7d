using System.Buffers;
using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace Ditto.Runtime.Transport.Tcp;

/// <summary>
/// One authenticated TLS connection to a peer. Receives run on the party's thread and read straight into the caller's
/// span after checking the announced length; sends are queued to the link's <see cref="FrameWriter"/>. The first
/// failure is kept: every later use of the link reports it again instead of touching a broken stream.
/// </summary>
internal sealed class PeerLink
{
    private readonly Socket _socket;
    private readonly SslStream _stream;
    private readonly FrameWriter _writer;
    private readonly int _maxFrame;
    private readonly TimeSpan _receiveTimeout;
    private readonly Lock _faultGate = new();
    private PeerException? _fault;
    private volatile int _peerWaitsFor = -1;
    private int _receiving;
    private int _closing;

    public PeerLink(int self, int peer, Socket socket, SslStream stream, PartyConfiguration configuration)
    {
        Self = self;
        Peer = peer;
        _socket = socket;
        _stream = stream;
        _maxFrame = configuration.MaxFrameBytes;
        _receiveTimeout = configuration.ReceiveTimeout;
        _socket.ReceiveTimeout = Milliseconds(_receiveTimeout);
        // A peer that stops reading for as long as a receive may wait is as dead as one that stops sending.
        _socket.SendTimeout = Milliseconds(_receiveTimeout);
        _writer = new FrameWriter(stream, $"ditto-tcp-{self}-to-{peer}");
    }

    public int Self { get; }

    public int Peer { get; }

    /// <summary>The first failure seen on this link, if any.</summary>
    public PeerException? Fault
    {
        get
        {
            lock (_faultGate)
            {
                return _fault;
            }
        }
    }

    /// <summary>Queues one data frame; the payload is copied before this returns.</summary>
    public void SendData(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        ThrowIfFaulted();
        if (payload.Length > _maxFrame)
        {
            throw new ArgumentException($"Party {Self} cannot send a message of {payload.Length} bytes to party {Peer}: maxFrameBytes in the party configuration is {_maxFrame}.", nameof(payload));
        }

        var length = WireFormat.HeaderBytes + payload.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        WireFormat.Write(buffer, FrameKind.Data, payload.Length, header.Clock, header.Ahead);
        payload.CopyTo(buffer.AsSpan(WireFormat.HeaderBytes));
        if (!_writer.Enqueue(buffer, length))
        {
            throw WriteFailure();
        }
    }

    /// <summary>Queues an abort frame naming the party that caused the failure; never throws.</summary>
    public void SendAbort(int rootParty, PeerFault fault, string reason)
    {
        var text = Encoding.UTF8.GetBytes(reason);
        var length = Math.Min(text.Length, WireFormat.MaxAbortBytes - 2);
        var buffer = ArrayPool<byte>.Shared.Rent(WireFormat.HeaderBytes + 2 + length);
        WireFormat.Write(buffer, FrameKind.Abort, 2 + length, 0, false);
        buffer[WireFormat.HeaderBytes] = (byte)rootParty;
        buffer[WireFormat.HeaderBytes + 1] = (byte)fault;
        text.AsSpan(0, length).CopyTo(buffer.AsSpan(WireFormat.HeaderBytes + 2));
        _writer.Enqueue(buffer, WireFormat.HeaderBytes + 2 + length);
    }

    /// <summary>Tells the peer that this party is blocked on a receive from <paramref name="party"/> (-1: no longer); never throws.</summary>
    public void SendWaiting(int party)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(WireFormat.HeaderBytes + 1);
        WireFormat.Write(buffer, FrameKind.Waiting, 1, 0, false);
        buffer[WireFormat.HeaderBytes] = party is >= 0 and <= 2 ? (byte)party : (byte)255;
        _writer.Enqueue(buffer, WireFormat.HeaderBytes + 1);
    }

    /// <summary>Queues bytes exactly as given, unframed: tests use it to play a peer that sends malformed frames.</summary>
    public void SendRaw(ReadOnlySpan<byte> bytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(bytes.Length);
        bytes.CopyTo(buffer);
        _writer.Enqueue(buffer, bytes.Length);
    }

    /// <summary>Reads the next frame; a data frame of exactly payload.Length bytes lands in payload.</summary>
    public FrameHeader Receive(Span<byte> payload)
    {
        ThrowIfFaulted();
        if (Interlocked.Exchange(ref _receiving, 1) == 1)
        {
            throw new InvalidOperationException($"Party {Self} received from party {Peer} on two threads at once; a party's protocols run one after another.");
        }

        try
        {
            Span<byte> raw = stackalloc byte[WireFormat.HeaderBytes];
            WireHeader header;
            while (true)
            {
                var got = ReadFully(raw);
                if (got < raw.Length)
                {
                    throw Fail(PeerFault.Disconnected, got == 0
                        ? $"the connection closed while this party expected a message of {payload.Length} bytes."
                        : $"the connection closed in the middle of a frame header ({got} of {raw.Length} bytes).");
                }

                if (!WireFormat.TryRead(raw, out header, out var error))
                {
                    throw Fail(PeerFault.ProtocolViolation, $"sent {error}, where the protocol expects a message of {payload.Length} bytes.");
                }

                if (header.Kind != FrameKind.Waiting)
                {
                    break;
                }

                ReadWaiting(header.Length);
            }

            if (header.Kind == FrameKind.Close)
            {
                throw Fail(PeerFault.Disconnected, $"party {Peer} closed its transport (it ended or was stopped) while this party expected a message of {payload.Length} bytes.");
            }

            if (header.Kind == FrameKind.Abort)
            {
                throw ReadAbort(header.Length);
            }

            if (header.Length > _maxFrame)
            {
                throw Fail(PeerFault.ProtocolViolation, $"announced a message of {header.Length} bytes, above maxFrameBytes ({_maxFrame}), where the protocol expects {payload.Length} bytes.");
            }

            if (header.Length != payload.Length)
            {
                throw Fail(PeerFault.ProtocolViolation, $"sent a message of {header.Length} bytes where the protocol expects {payload.Length}.");
            }

            var received = ReadFully(payload);
            if (received < payload.Length)
            {
                throw Fail(PeerFault.Disconnected, $"the connection closed in the middle of a {payload.Length}-byte message ({received} bytes received).");
            }

            _peerWaitsFor = -1; // it sent us data, so it is not stuck behind anyone
            return new FrameHeader(header.Clock, header.Ahead);
        }
        catch (Exception e) when (e is not PeerException)
        {
            throw Translate(e);
        }
        finally
        {
            Volatile.Write(ref _receiving, 0);
        }
    }

    /// <summary>First half of closing: optionally a close frame, then the queued frames are written and our side of the connection is shut.</summary>
    public void BeginClose(bool sendClose, TimeSpan drainTimeout)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1)
        {
            return;
        }

        if (sendClose && Fault is null)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(WireFormat.HeaderBytes);
            WireFormat.Write(buffer, FrameKind.Close, 0, 0, false);
            _writer.Enqueue(buffer, WireFormat.HeaderBytes);
        }

        if (!_writer.Complete(drainTimeout))
        {
            // The peer stopped reading; closing the socket wakes the writer with an error.
            _socket.Dispose();
            _writer.Join(TimeSpan.FromSeconds(5));
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed: nothing left to flush.
        }
    }

    /// <summary>
    /// Second half: reads and discards until the peer closes its side too (or the deadline), then releases the socket.
    /// Closing with unread data would make the kernel reset the connection and could destroy frames the peer has not
    /// read yet, such as the last result.
    /// </summary>
    public void FinishClose(long deadline)
    {
        if (Fault is null && Interlocked.CompareExchange(ref _receiving, 1, 0) == 0)
        {
            var sink = new byte[16 * 1024];
            try
            {
                while (true)
                {
                    var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                    if (left <= TimeSpan.Zero)
                    {
                        break;
                    }

                    _socket.ReceiveTimeout = Math.Max(1, Milliseconds(left));
                    if (_stream.Read(sink) == 0)
                    {
                        break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or AuthenticationException or SocketException)
            {
                // The peer reset or the deadline passed: either way we are done with this connection.
            }
        }

        Release();
    }

    /// <summary>Drops the connection at once without flushing, as the kernel does when a process dies (tests).</summary>
    public void Kill()
    {
        Interlocked.Exchange(ref _closing, 1);
        Release();
        _writer.Complete(TimeSpan.FromSeconds(5));
    }

    private void Release()
    {
        try
        {
            _stream.Dispose();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // Disposing a broken TLS stream may try to write; the socket goes below regardless.
        }

        _socket.Dispose();
    }

    private PeerException ReadAbort(int length)
    {
        if (length is < 2 or > WireFormat.MaxAbortBytes)
        {
            return Fail(PeerFault.ProtocolViolation, $"sent an abort frame of {length} bytes (at most {WireFormat.MaxAbortBytes}).");
        }

        Span<byte> body = stackalloc byte[length];
        if (ReadFully(body) < length)
        {
            return Fail(PeerFault.Disconnected, $"party {Peer} aborted and the connection closed before its reason arrived.");
        }

        var root = body[0] <= 2 ? body[0] : Peer;
        var reason = Encoding.UTF8.GetString(body[2..]);
        return Fail(PeerFault.Aborted, $"party {Peer} stopped: {reason}", root: root);
    }

    private void ReadWaiting(int length)
    {
        if (length != 1)
        {
            throw Fail(PeerFault.ProtocolViolation, $"sent a waiting notice of {length} bytes (expected 1).");
        }

        Span<byte> party = stackalloc byte[1];
        if (ReadFully(party) < 1)
        {
            throw Fail(PeerFault.Disconnected, "the connection closed in the middle of a waiting notice.");
        }

        _peerWaitsFor = party[0] <= 2 ? party[0] : -1;
    }

    private int ReadFully(Span<byte> buffer)
    {
        var got = 0;
        while (got < buffer.Length)
        {
            var n = _stream.Read(buffer[got..]);
            if (n == 0)
            {
                break;
            }

            got += n;
        }

        return got;
    }

    private PeerException Translate(Exception e) => e switch
    {
        IOException { InnerException: SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock } } => TimedOut(e),
        AuthenticationException => Fail(PeerFault.ProtocolViolation, $"the TLS stream is corrupt: {e.Message}", e),
        ObjectDisposedException => Fail(PeerFault.Aborted, "this party's transport was closed while it waited.", e),
        _ => Fail(PeerFault.Disconnected, $"the connection broke: {e.Message}", e),
    };

    /// <summary>A timeout names the peer, unless the peer said it is itself waiting for the third party: then the third party is the one not answering.</summary>
    private PeerException TimedOut(Exception e)
    {
        var waitsFor = _peerWaitsFor;
        return waitsFor >= 0 && waitsFor != Self && waitsFor != Peer
            ? Fail(PeerFault.Timeout, $"nothing received from party {Peer} within {_receiveTimeout.TotalSeconds:0.###} s, and party {Peer} has been waiting for party {waitsFor} too.", e, root: waitsFor)
            : Fail(PeerFault.Timeout, $"nothing received within {_receiveTimeout.TotalSeconds:0.###} s.", e);
    }

    private PeerException WriteFailure() => _writer.Failure switch
    {
        IOException { InnerException: SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock } } e =>
            Fail(PeerFault.Timeout, $"party {Peer} read nothing for {_receiveTimeout.TotalSeconds:0.###} s.", e),
        null => Fail(PeerFault.Aborted, "this party's transport was closed."),
        var e => Fail(PeerFault.Disconnected, $"sending failed: {e.Message}", e),
    };

    private PeerException Fail(PeerFault fault, string detail, Exception? inner = null, int? root = null)
    {
        lock (_faultGate)
        {
            _fault ??= new PeerException(Self, root ?? Peer, fault, string.Empty, detail, inner);
            return _fault;
        }
    }

    private void ThrowIfFaulted()
    {
        if (Fault is { } fault)
        {
            throw new PeerException(fault.PartyId, fault.PeerId, fault.Fault, string.Empty, fault.Detail, fault);
        }
    }

    private static int Milliseconds(TimeSpan t) => (int)Math.Clamp(t.TotalMilliseconds, 1, int.MaxValue);
}

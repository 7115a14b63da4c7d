using System.Collections.Concurrent;

namespace Ditto.Runtime.Transport;

/// <summary>
/// Three parties in one process. Each directed link is a queue of real copies of the messages, so parties share no
/// memory through the transport. A shared cancellation aborts every blocked receive when any party fails.
/// </summary>
public sealed class InProcessNetwork : IDisposable
{
    private readonly BlockingCollection<Message>[,] _links = new BlockingCollection<Message>[3, 3];
    private readonly CancellationTokenSource _abort = new();
    private volatile int _failedParty = -1;

    /// <summary>Creates the network; receives wait at most <paramref name="receiveTimeout"/>.</summary>
    public InProcessNetwork(TimeSpan receiveTimeout)
    {
        ReceiveTimeout = receiveTimeout;
        for (var from = 0; from < 3; from++)
        {
            for (var to = 0; to < 3; to++)
            {
                if (from != to)
                {
                    _links[from, to] = new BlockingCollection<Message>(new ConcurrentQueue<Message>());
                }
            }
        }
    }

    /// <summary>How long a receive waits before it fails with <see cref="PeerFault.Timeout"/>.</summary>
    public TimeSpan ReceiveTimeout { get; }

    /// <summary>The endpoint of one party.</summary>
    public ITransport Endpoint(int partyId)
    {
        if (partyId is < 0 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(partyId), partyId, $"Party id must be 0, 1 or 2, not {partyId}.");
        }

        return new Link(this, partyId);
    }

    /// <summary>Marks a party as failed and wakes every blocked receive.</summary>
    public void Abort(int failedParty)
    {
        if (Interlocked.CompareExchange(ref _failedParty, failedParty, -1) == -1)
        {
            _abort.Cancel();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var link in _links)
        {
            link?.Dispose();
        }

        _abort.Dispose();
    }

    private readonly record struct Message(FrameHeader Header, byte[] Payload);

    private sealed class Link(InProcessNetwork network, int partyId) : ITransport
    {
        public int PartyId => partyId;

        public void Send(int to, FrameHeader header, ReadOnlySpan<byte> payload)
        {
            CheckPeer(to);
            network._links[partyId, to].Add(new Message(header, payload.ToArray()));
        }

        public FrameHeader Receive(int from, Span<byte> payload)
        {
            CheckPeer(from);
            Message message;
            try
            {
                if (!network._links[from, partyId].TryTake(out message, (int)Math.Min(int.MaxValue, network.ReceiveTimeout.TotalMilliseconds), network._abort.Token))
                {
                    throw new PeerException(partyId, from, PeerFault.Timeout, Step(), $"nothing received within {network.ReceiveTimeout.TotalSeconds:0.###} s.");
                }
            }
            catch (OperationCanceledException)
            {
                var failed = network._failedParty;
                throw new PeerException(partyId, failed, PeerFault.Aborted, Step(), $"party {failed} failed.");
            }

            if (message.Payload.Length != payload.Length)
            {
                throw new PeerException(partyId, from, PeerFault.ProtocolViolation, Step(),
                    $"received a message of {message.Payload.Length} bytes where the protocol expects {payload.Length}.");
            }

            message.Payload.CopyTo(payload);
            return message.Header;
        }

        public void Dispose()
        {
        }

        // The communicator above the transport fills in the protocol step.
        private static string Step() => string.Empty;

        private void CheckPeer(int peer)
        {
            if (peer is < 0 or > 2 || peer == partyId)
            {
                throw new ArgumentOutOfRangeException(nameof(peer), peer, $"Party {partyId} has no link to party {peer}; peers are the two other ids in 0..2.");
            }
        }
    }
}

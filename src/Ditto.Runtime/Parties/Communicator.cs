using System.Runtime.InteropServices;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Transport;

namespace Ditto.Runtime.Parties;

/// <summary>
/// A party's messaging on top of its transport: counts every payload byte in the cost ledger, keeps the round clock
/// (a Lamport clock over message hops, so the rounds of a protocol are the hops on its critical path), and names the
/// running protocol step in every transport failure.
/// </summary>
public sealed class Communicator
{
    private readonly ITransport _transport;
    private readonly CostLedger _ledger;
    private readonly long[] _bytesTo = new long[3];
    private long _clock;
    private long _aheadClock;

    internal Communicator(ITransport transport, CostLedger ledger)
    {
        _transport = transport;
        _ledger = ledger;
    }

    /// <summary>This party's id.</summary>
    public int Self => _transport.PartyId;

    /// <summary>Party i+1.</summary>
    public int Next => (Self + 1) % 3;

    /// <summary>Party i−1.</summary>
    public int Previous => (Self + 2) % 3;

    /// <summary>The round clock: online message hops on the longest chain that ends at this party.</summary>
    public long Clock => _clock;

    /// <summary>The same for input-independent (ahead) messages.</summary>
    public long AheadClock => _aheadClock;

    /// <summary>Payload bytes sent to each party.</summary>
    public ReadOnlySpan<long> BytesTo => _bytesTo;

    /// <summary>Sends values to a peer.</summary>
    public void Send<T>(int to, ReadOnlySpan<T> values) where T : unmanaged => SendBytes(to, MemoryMarshal.AsBytes(values), ahead: false);

    /// <summary>Sends input-independent values (a dealer's correlated randomness) that could be sent in preprocessing.</summary>
    public void SendAhead<T>(int to, ReadOnlySpan<T> values) where T : unmanaged => SendBytes(to, MemoryMarshal.AsBytes(values), ahead: true);

    /// <summary>Receives exactly destination.Length values from a peer.</summary>
    public void Receive<T>(int from, Span<T> destination) where T : unmanaged => ReceiveBytes(from, MemoryMarshal.AsBytes(destination));

    /// <summary>Sends the low <paramref name="bits"/> bits of each value, packed.</summary>
    public void SendBits<T>(int to, ReadOnlySpan<T> values, int bits)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        var packed = new byte[BitPacking.PackedBytes(values.Length, bits)];
        BitPacking.Pack(values, bits, packed);
        SendBytes(to, packed, ahead: false);
    }

    /// <summary>Receives values sent with <see cref="SendBits"/>.</summary>
    public void ReceiveBits<T>(int from, Span<T> destination, int bits)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        var packed = new byte[BitPacking.PackedBytes(destination.Length, bits)];
        ReceiveBytes(from, packed);
        BitPacking.Unpack(packed, bits, destination);
    }

    /// <summary>The rotation of replicated sharing: send to party i−1, receive from party i+1 (1 round).</summary>
    public void Rotate<T>(ReadOnlySpan<T> send, Span<T> receive) where T : unmanaged
    {
        Send(Previous, send);
        Receive(Next, receive);
    }

    /// <summary>Sends raw bytes.</summary>
    public void SendBytes(int to, ReadOnlySpan<byte> payload, bool ahead)
    {
        var header = new FrameHeader(ahead ? _aheadClock : _clock, ahead);
        try
        {
            _transport.Send(to, header, payload);
        }
        catch (PeerException e) when (e.Step.Length == 0)
        {
            throw e.WithStep(_ledger.CurrentStep);
        }

        _bytesTo[to] += payload.Length;
        _ledger.RecordSent(payload.Length);
    }

    /// <summary>Receives raw bytes of the expected length.</summary>
    public void ReceiveBytes(int from, Span<byte> payload)
    {
        FrameHeader header;
        try
        {
            header = _transport.Receive(from, payload);
        }
        catch (PeerException e) when (e.Step.Length == 0)
        {
            throw e.WithStep(_ledger.CurrentStep);
        }

        if (header.Ahead)
        {
            var advanced = Math.Max(_aheadClock, header.Clock + 1);
            _ledger.RecordRounds(advanced - _aheadClock, ahead: true);
            _aheadClock = advanced;
        }
        else
        {
            var advanced = Math.Max(_clock, header.Clock + 1);
            _ledger.RecordRounds(advanced - _clock, ahead: false);
            _clock = advanced;
        }
    }
}

namespace Ditto.Runtime.Transport;

/// <summary>
/// One party's links to the two other parties. Messages between a pair of parties arrive in the order they were sent.
/// Implementations: <see cref="InProcessNetwork"/> (three parties in one process) and the TCP/TLS transport.
/// </summary>
public interface ITransport : IDisposable
{
    /// <summary>This party's id (0, 1 or 2).</summary>
    int PartyId { get; }

    /// <summary>Sends one message. The payload is copied before the call returns.</summary>
    void Send(int to, FrameHeader header, ReadOnlySpan<byte> payload);

    /// <summary>
    /// Receives the next message from a peer into <paramref name="payload"/>, whose length is what the protocol expects.
    /// A message of any other length is a protocol violation (<see cref="PeerException"/>), checked before any allocation.
    /// </summary>
    FrameHeader Receive(int from, Span<byte> payload);
}

namespace Ditto.Runtime.Transport;

/// <summary>What went wrong with a peer.</summary>
public enum PeerFault
{
    /// <summary>The peer sent nothing within the receive timeout.</summary>
    Timeout,

    /// <summary>The connection to the peer closed or the peer's process ended.</summary>
    Disconnected,

    /// <summary>The peer sent a message that does not fit the protocol (wrong length, malformed frame).</summary>
    ProtocolViolation,

    /// <summary>The run was aborted because another party failed.</summary>
    Aborted,
}

/// <summary>
/// A failure that involves another party: it names this party, the peer, the protocol step that was running and what went wrong.
/// </summary>
public sealed class PeerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PeerException(int partyId, int peerId, PeerFault fault, string step, string detail, Exception? inner = null)
        : base($"Party {partyId}: {Describe(fault)} party {peerId} during {(string.IsNullOrEmpty(step) ? "setup" : step)}: {detail}", inner)
    {
        PartyId = partyId;
        PeerId = peerId;
        Fault = fault;
        Step = step;
        Detail = detail;
    }

    /// <summary>What was observed, without the party and step prefix.</summary>
    public string Detail { get; }

    /// <summary>The party that observed the failure.</summary>
    public int PartyId { get; }

    /// <summary>The peer involved.</summary>
    public int PeerId { get; }

    /// <summary>What went wrong.</summary>
    public PeerFault Fault { get; }

    /// <summary>The protocol step (scope and protocol) that was running.</summary>
    public string Step { get; }

    /// <summary>The same failure, naming the protocol step that was running.</summary>
    public PeerException WithStep(string step) => new(PartyId, PeerId, Fault, step, Detail, this);

    private static string Describe(PeerFault fault) => fault switch
    {
        PeerFault.Timeout => "no answer from",
        PeerFault.Disconnected => "lost connection to",
        PeerFault.ProtocolViolation => "protocol violation by",
        PeerFault.Aborted => "run aborted because of",
        _ => "failure involving",
    };
}

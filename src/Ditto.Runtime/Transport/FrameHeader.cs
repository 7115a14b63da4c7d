namespace Ditto.Runtime.Transport;

/// <summary>
/// What travels with every message besides its payload. Not counted as protocol bytes.
/// </summary>
/// <param name="Clock">The sender's round clock (a Lamport clock over message hops) when it sent the message.</param>
/// <param name="Ahead">The message depends on no secret input (a dealer's correlated randomness), so it could be sent in a preprocessing phase: it does not add an online round.</param>
public readonly record struct FrameHeader(long Clock, bool Ahead);

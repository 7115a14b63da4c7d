namespace Ditto.Runtime.Ledger;

/// <summary>What one party spent on one kind of work: calls, bytes it sent, rounds it waited through, and time.</summary>
public sealed class CostEntry
{
    /// <summary>Number of calls.</summary>
    public long Calls { get; internal set; }

    /// <summary>Payload bytes this party sent.</summary>
    public long BytesSent { get; internal set; }

    /// <summary>Online rounds: increments of this party's round clock (message hops on the critical path).</summary>
    public long Rounds { get; internal set; }

    /// <summary>Rounds of input-independent messages that could be sent ahead (preprocessing).</summary>
    public long AheadRounds { get; internal set; }

    /// <summary>Wall time in seconds.</summary>
    public double Seconds { get; internal set; }

    internal CostEntry Clone() => new() { Calls = Calls, BytesSent = BytesSent, Rounds = Rounds, AheadRounds = AheadRounds, Seconds = Seconds };
}

namespace Ditto.Runtime.Ledger;

/// <summary>
/// What a protocol call costs: bytes sent by the three parties together, and rounds. Each protocol states its own cost
/// next to its code (a static <c>Cost</c> method on the protocol's class, as SPU puts comm() and latency() on each
/// kernel); the ledger tests check every formula against the measured counters, and the cost engine prices whole
/// functions and models by adding them up.
/// </summary>
/// <param name="Bytes">Bytes summed over the parties.</param>
/// <param name="Rounds">Message rounds (sequential hops).</param>
public readonly record struct ProtocolCost(double Bytes, long Rounds)
{
    /// <summary>No communication.</summary>
    public static ProtocolCost Free => default;

    /// <summary>Two protocols one after the other.</summary>
    public static ProtocolCost operator +(ProtocolCost a, ProtocolCost b) => new(a.Bytes + b.Bytes, a.Rounds + b.Rounds);

    /// <summary>The same protocol on <paramref name="n"/> times as many elements (bytes scale, rounds do not).</summary>
    public ProtocolCost Times(double n) => new(Bytes * n, Rounds);

    /// <summary>Bytes of n values of <paramref name="bits"/> bits each, bit-packed into one message: ⌈n·bits/8⌉.</summary>
    public static long PackedBytes(long n, int bits) => ((n * bits) + 7) / 8;
}

namespace Ditto.Runtime.FixedPoint;

/// <summary>How a secret value moves from the 32-bit ring to the 64-bit ring (see docs/protocols.md, Conversions).</summary>
public enum UpcastMethod
{
    /// <summary>
    /// The default: high-part sharing. The parties share the wrap count's high part in the small ring and attach it above
    /// the unchanged low shares. 16 bytes per element in total, 2 rounds, no dealer. Needs |x| &lt; 2^(k−2).
    /// </summary>
    HighPart,

    /// <summary>High-part sharing in one round: 24 bytes per element in total. For high-latency links. Needs |x| &lt; 2^(k−2).</summary>
    HighPartOneRound,

    /// <summary>
    /// The reference (Ditto Algorithm 1, SPU CastRing): mask-and-open with a rotating dealer and the positive-bias trick.
    /// 40 bytes per element in total, 2 online rounds plus 1 ahead round. Needs |x| &lt; 2^(k−2).
    /// </summary>
    MaskAndOpen,

    /// <summary>
    /// Exact on the whole small ring, no precondition: the wrap count from one carry bit of the boolean carry circuit, one
    /// B2A and a 32-bit message (Protocols/Conversion/UpcastExact.cs). 38.875 bytes per element in total, 7 rounds. Through
    /// <c>Cast</c>, fraction bits are then removed after the upcast, in the 64-bit ring, so the whole cast has no range
    /// precondition either.
    /// </summary>
    Exact,
}

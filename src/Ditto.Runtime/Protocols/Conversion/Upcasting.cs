using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Conversion;

/// <summary>
/// Upcast: a 32-bit share becomes a 64-bit share of the same signed value with the same fraction bits (the ring extension
/// of Ditto §3 Algorithm 1 / SPU CastRing); <see cref="Casting"/> adds fraction bits afterwards by a local shift.
/// The fast methods need |x| &lt; 2^30 (a quarter of the small ring): the compiler must guarantee it, as the encoding does
/// for fresh inputs (it saturates there). Outside it, the result is x or x ± 2^32, depending on the random shares.
/// <see cref="UpcastMethod.Exact"/> has no precondition (<see cref="UpcastExact"/>: 38.875 bytes, 7 rounds).
/// </summary>
public static class Upcasting
{
    /// <summary>Extends x from the 32-bit to the 64-bit ring with <paramref name="method"/>.</summary>
    public static ArithmeticShare<ulong> Upcast(this Party party, ArithmeticShare<uint> x, UpcastMethod method = UpcastMethod.HighPart) => method switch
    {
        UpcastMethod.HighPart => UpcastHighPart.TwoRounds(party, x),
        UpcastMethod.HighPartOneRound => UpcastHighPart.OneRound(party, x),
        UpcastMethod.MaskAndOpen => UpcastMaskAndOpen.Extend(party, x),
        UpcastMethod.Exact => UpcastExact.Extend(party, x),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, $"Unknown upcast method {method}."),
    };

    /// <summary>The same for a share of unknown ring; throws naming the format when x is not in the 32-bit ring.</summary>
    public static ArithmeticShare Upcast(this Party party, ArithmeticShare x, UpcastMethod method = UpcastMethod.HighPart) =>
        party.Upcast(RingDispatch.Ring32("upcast (32 → 64 bits)", x), method);
}

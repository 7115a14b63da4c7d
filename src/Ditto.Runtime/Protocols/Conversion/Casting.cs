using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Conversion;

/// <summary>
/// The one cast: any fixed-point format to any other by the cheapest correct path (<see cref="CastPlan"/>). Same format:
/// nothing. Same ring: <see cref="Rescaling"/>. 64 → 32 bits: <see cref="Downcasting"/> with the truncation fused in, then a
/// local shift if fraction bits are added. 32 → 64 bits: a truncation in the small ring if fraction bits are removed, the
/// upcast (<see cref="Upcasting"/>), then a local shift if fraction bits are added. With <see cref="UpcastMethod.Exact"/> the
/// truncation comes after the upcast, in the 64-bit ring, so that no step has a range precondition.
/// </summary>
public static class Casting
{
    /// <summary>
    /// The cost of <see cref="Cast"/> on n elements, by the path it takes under <paramref name="options"/> (default:
    /// <see cref="CastOptions.Default"/>): free when equal; within a ring a truncation when fraction bits drop, a local
    /// shift when they grow; from 64 to 32 bits the fused downcast (m ≤ 32) or a truncation in the big ring; from 32 to 64
    /// bits a truncation in the small ring when fraction bits drop, then the upcast the options choose, then a free shift;
    /// the exact upcast extends first and truncates afterwards.
    /// </summary>
    public static ProtocolCost Cost(int fromRing, int fromFraction, FixedPointFormat to, long n, CastOptions? options = null)
    {
        options ??= CastOptions.Default;
        var m = fromFraction - to.FractionBits;
        var drop = m > 0 ? Truncation.Cost(fromRing, m, n) : default;
        if (fromRing == to.RingBits)
        {
            return drop;
        }

        if (fromRing > to.RingBits)
        {
            return m <= 0 ? default
                : m <= Downcasting.MaxFusedBits && options.Downcast == DowncastMethod.Fused ? Downcasting.FusedCost(n)
                : drop;
        }

        return options.Upcast switch
        {
            UpcastMethod.Exact => UpcastExact.Cost(n) + (m > 0 ? Truncation.Cost(to.RingBits, m, n) : default),
            UpcastMethod.HighPartOneRound => drop + UpcastHighPart.OneRoundCost(fromRing, n),
            UpcastMethod.MaskAndOpen => drop + UpcastMaskAndOpen.Cost(fromRing, to.RingBits, n),
            _ => drop + UpcastHighPart.Cost(fromRing, n),
        };
    }

    /// <summary>Converts x to <paramref name="to"/>.</summary>
    public static ArithmeticShare Cast(this Party party, ArithmeticShare x, FixedPointFormat to, CastOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(party);
        ArgumentNullException.ThrowIfNull(x);
        options ??= CastOptions.Default;
        var plan = CastPlan.For(x.Format, to, options.MinIntegerBits);
        switch (plan.Kind)
        {
            case CastKind.None:
                return x;
            case CastKind.Rescale:
                return plan.DropBits > 0 ? party.Truncate(x, plan.DropBits) : Rescaling.ShiftLeft(x, plan.ShiftBits);
            case CastKind.Downcast:
                var small = party.Downcast(x, x.Format.FractionBits - plan.DropBits, options.Downcast);
                return Rescaling.ShiftLeft(small, plan.ShiftBits);
            case CastKind.Upcast when options.Upcast == UpcastMethod.Exact && plan.DropBits > 0:
                // The small ring's truncation needs |x| < 2^30, which the exact upcast does not: extend first, then truncate
                // in the 64-bit ring, where a sign-extended 32-bit value is far inside the truncation's 2^62.
                var exact = party.Truncate(party.Upcast(x, UpcastMethod.Exact), plan.DropBits);
                return Rescaling.ShiftLeft(exact, plan.ShiftBits);
            case CastKind.Upcast:
                var truncated = plan.DropBits > 0 ? party.Truncate(x, plan.DropBits) : x;
                var wide = party.Upcast(truncated, options.Upcast);
                return Rescaling.ShiftLeft(wide, plan.ShiftBits);
            default:
                throw new InvalidOperationException($"Unknown cast kind {plan.Kind}.");
        }
    }
}

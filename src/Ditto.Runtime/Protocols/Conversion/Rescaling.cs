using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols.Conversion;

/// <summary>
/// A change of fraction bits within one ring (SPU dtype_cast, fxp → fxp of the same field). Fewer fraction bits: the
/// truncation protocol (<see cref="Truncation"/>: 2k + 2m bits in total, 2 rounds, result ⌊x/2^m⌋ + {0, 1}, needs
/// |x| &lt; 2^(k−2)). More fraction bits: a local left shift of every share (no messages, exact while the value fits the
/// target format), refused when the target keeps fewer than <see cref="CastOptions.MinIntegerBits"/> integer bits.
/// </summary>
public static class Rescaling
{
    /// <summary>Converts x to <paramref name="fractionBits"/> fraction bits in its own ring.</summary>
    public static ArithmeticShare Rescale(this Party party, ArithmeticShare x, int fractionBits, int minIntegerBits = 4)
    {
        ArgumentNullException.ThrowIfNull(x);
        var plan = CastPlan.For(x.Format, x.Format.WithFractionBits(fractionBits), minIntegerBits);
        return plan.DropBits > 0 ? party.Truncate(x, plan.DropBits) : ShiftLeft(x, plan.ShiftBits);
    }

    /// <summary>Adds <paramref name="bits"/> fraction bits by a local left shift of both shares (free; the caller checked the headroom).</summary>
    internal static ArithmeticShare ShiftLeft(ArithmeticShare x, int bits)
    {
        if (bits == 0)
        {
            return x;
        }

        var format = x.Format.WithFractionBits(x.Format.FractionBits + bits);
        return RingDispatch.Map(x, s => LocalArithmetic.ShiftLeft(s, bits).Relabel(format), s => LocalArithmetic.ShiftLeft(s, bits).Relabel(format));
    }
}

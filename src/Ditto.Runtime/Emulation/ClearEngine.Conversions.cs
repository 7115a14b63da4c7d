using Ditto.Runtime.FixedPoint;

namespace Ditto.Runtime.Emulation;

/// <summary>Conversions in the clear: exact rescale (floor when bits are removed) and ring changes by sign extension / reduction.</summary>
public sealed partial class ClearEngine
{
    /// <inheritdoc/>
    public ClearTensor Cast(ClearTensor x, FixedPointFormat format)
    {
        if (x.Format == format)
        {
            return x;
        }

        if (x.Format.RingBits != format.RingBits)
        {
            throw new NotSupportedException($"cast {x.Format} → {format}: ring conversions are not available yet.");
        }

        var delta = format.FractionBits - x.Format.FractionBits;
        return delta < 0
            ? Truncate(x, -delta)
            : Relabel(MultiplyInteger(x, 1L << delta), format);
    }
}

using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Sharing;

namespace Ditto.Runtime.Protocols;

/// <summary>Conversions between formats as protocols.</summary>
public sealed partial class SecretEngine
{
    /// <inheritdoc/>
    public ArithmeticShare Cast(ArithmeticShare x, FixedPointFormat format)
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

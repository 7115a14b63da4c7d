using Ditto.Runtime.FixedPoint;

namespace Ditto.Runtime.Engines.Clear;

/// <summary>
/// Conversions in the clear, exactly: the same <see cref="CastPlan"/> as the protocols, with floor where bits are removed
/// (the protocols may add one unit in the last place), reduction mod 2^32 down and sign extension up. The emulator has no
/// precondition: its upcast is exact on the whole small ring, which the fast protocols are only inside |x| &lt; 2^30.
/// </summary>
public sealed partial class ClearEngine
{
    /// <summary>The cast settings; only <see cref="CastOptions.MinIntegerBits"/> matters in the clear (every method computes the same value).</summary>
    public CastOptions CastOptions { get; set; } = CastOptions.Default;

    /// <inheritdoc/>
    public ClearTensor Cast(ClearTensor x, FixedPointFormat format)
    {
        ArgumentNullException.ThrowIfNull(x);
        var plan = CastPlan.For(x.Format, format, CastOptions.MinIntegerBits);
        var dropped = plan.DropBits > 0 ? Truncate(x, plan.DropBits) : x;
        var moved = plan.Kind switch
        {
            CastKind.Downcast => Reduce((ClearTensor<ulong>)dropped),
            CastKind.Upcast => SignExtend((ClearTensor<uint>)dropped),
            _ => dropped,
        };
        return plan.ShiftBits > 0
            ? Relabel(MultiplyInteger(moved, 1L << plan.ShiftBits), format)
            : moved;
    }

    private static ClearTensor<uint> Reduce(ClearTensor<ulong> x) =>
        new(x.Shape, new FixedPointFormat(32, x.Format.FractionBits), [.. x.Values.Select(v => (uint)v)]);

    private static ClearTensor<ulong> SignExtend(ClearTensor<uint> x) =>
        new(x.Shape, new FixedPointFormat(64, x.Format.FractionBits), [.. x.Values.Select(v => (ulong)(long)(int)v)]);
}

using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Protocols.Boolean;
using Ditto.Runtime.Protocols.Conversion;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Engines.Cost;

/// <summary>The boolean primitives of the cost engine: local bit operations are free, the protocols cost their formulas.</summary>
public sealed partial class CostEngine
{
    /// <inheritdoc/>
    public TensorShape ShapeOfBits(CostBits x) => CheckBits(x).Shape;

    /// <inheritdoc/>
    public int WidthOf(CostBits x) => CheckBits(x).Width;

    /// <inheritdoc/>
    public CostBits PublicBits(ulong[] values, TensorShape shape, int bits) => new(shape, bits);

    /// <inheritdoc/>
    public ulong[]? RevealBits(CostBits x, int? toParty)
    {
        Charge(Protocols.Boolean.RevealBits.Cost(CheckBits(x).Width, x.Shape.Elements, toParty is null));
        return null;
    }

    /// <inheritdoc/>
    public CostBits Xor(CostBits x, CostBits y) => new(CheckBits(x).Shape, Math.Max(x.Width, CheckBits(y).Width));

    /// <inheritdoc/>
    public CostBits XorConstant(CostBits x, ulong mask) => CheckBits(x);

    /// <inheritdoc/>
    public CostBits Not(CostBits x) => CheckBits(x);

    /// <inheritdoc/>
    public CostBits AndConstant(CostBits x, ulong mask)
    {
        var c = mask & (CheckBits(x).Width >= 64 ? ulong.MaxValue : (1UL << x.Width) - 1);
        return x with { Width = Math.Max(1, 64 - System.Numerics.BitOperations.LeadingZeroCount(c)) };
    }

    /// <inheritdoc/>
    public CostBits And(CostBits x, CostBits y)
    {
        var width = Math.Min(CheckBits(x).Width, CheckBits(y).Width);
        Charge(BooleanAnd.Cost(width, x.Shape.Elements));
        return x with { Width = width };
    }

    /// <inheritdoc/>
    public CostBits ShiftLeftBits(CostBits x, int n, int bits) => CheckBits(x) with { Width = bits };

    /// <inheritdoc/>
    public CostBits ShiftRightBits(CostBits x, int n) => CheckBits(x) with { Width = Math.Max(1, x.Width - n) };

    /// <inheritdoc/>
    public CostBits SliceBits(CostBits x, int start, int count) => CheckBits(x) with { Width = count };

    /// <inheritdoc/>
    public CostBits ReverseBits(CostBits x, int width) => CheckBits(x) with { Width = width };

    /// <inheritdoc/>
    public CostBits GatherBits(CostBits x, TensorShape shape, int[] map) => CheckBits(x) with { Shape = shape };

    /// <inheritdoc/>
    public CostBits ConcatBits(IReadOnlyList<CostBits> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return new(TensorShape.Vector(parts.Sum(p => CheckBits(p).Shape.Elements)), parts.Max(p => p.Width));
    }

    /// <inheritdoc/>
    public CostBits Msb(CostTensor x)
    {
        Charge(Comparison.Cost(Check(x).Format.RingBits, x.Shape.Elements, 1));
        return new(x.Shape, 1);
    }

    /// <inheritdoc/>
    public CostBits LessThan(CostTensor x, IReadOnlyList<long> thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        Charge(Comparison.Cost(Check(x).Format.RingBits, x.Shape.Elements, thresholds.Count));
        return new(new TensorShape([thresholds.Count, .. x.Shape.Dimensions]), 1);
    }

    /// <inheritdoc/>
    public CostBits Equal(CostTensor x, CostTensor y)
    {
        SameShape("equal", x, y);
        Charge(ZeroTest.Cost(x.Format.RingBits, x.Shape.Elements));
        return new(x.Shape, 1);
    }

    /// <inheritdoc/>
    public CostBits ToBits(CostTensor x)
    {
        Charge(BitDecomposition.Cost(Check(x).Format.RingBits, x.Shape.Elements));
        return new(x.Shape, x.Format.RingBits);
    }

    /// <inheritdoc/>
    public CostBits PrefixOr(CostBits x)
    {
        Charge(Protocols.Boolean.PrefixOr.Cost(CheckBits(x).Width, x.Shape.Elements));
        return x;
    }

    /// <inheritdoc/>
    public CostTensor ToArithmetic(CostBits x, FixedPointFormat format)
    {
        var weights = new long[CheckBits(x).Width];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = i >= 63 ? long.MinValue : 1L << i;
        }

        return InjectBits(x, format, [weights])[0];
    }

    /// <inheritdoc/>
    public IReadOnlyList<CostTensor> InjectBits(CostBits x, FixedPointFormat format, IReadOnlyList<long[]> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        Charge(BitInjection.Cost(format.RingBits, CheckBits(x).Shape.Elements, weights, x.Width));
        return [.. weights.Select(_ => new CostTensor(x.Shape, format))];
    }

    /// <inheritdoc/>
    public CostTensor MultiplyBit(CostTensor x, CostBits bit)
    {
        Charge(BitMultiplication.Cost(Check(x).Format.RingBits, x.Shape.Elements));
        return x;
    }

    private static CostBits CheckBits(CostBits x) => x ?? throw new ArgumentNullException(nameof(x));
}

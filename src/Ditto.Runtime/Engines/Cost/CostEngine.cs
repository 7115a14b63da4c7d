using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Kernels;
using Ditto.Runtime.Protocols.Conversion;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Engines.Cost;

/// <summary>
/// An engine that computes nothing and prices everything: it implements the primitives the function library is written
/// against (<see cref="IFixedPointEngine{TA, TB}"/>) on shapes and formats, and adds each protocol's cost
/// (<see cref="CostFormulas"/>, the formulas the protocols' cost tests assert) to <see cref="Total"/>. Running
/// <see cref="FixedPointFunctions{TA, TB}"/> on it gives a function's cost as the three-party engine would send it: the
/// library takes the same branches (they depend on shapes and formats only, never on secret values), so the bytes are
/// exact. Rounds are the protocols' rounds summed in program order: an upper bound on the measured critical path, where a
/// protocol's last hop can overlap the next one's first depending on the pivots' roles (for example exp's n fused
/// products: 3n summed, 2n + 1 to 3n measured).
/// </summary>
public sealed partial class CostEngine : IFixedPointEngine<CostTensor, CostBits>
{
    /// <summary>An engine whose casts cost what <paramref name="castOptions"/> (default: the defaults) make them cost.</summary>
    public CostEngine(CastOptions? castOptions = null)
    {
        CastOptions = castOptions ?? CastOptions.Default;
    }

    /// <summary>The conversion protocols <see cref="Cast"/> prices.</summary>
    public CastOptions CastOptions { get; }

    /// <summary>Everything priced so far: bytes sent by the three parties together, and rounds summed in program order.</summary>
    public Cost Total { get; private set; }

    /// <inheritdoc/>
    public int PartyId => 0;

    /// <inheritdoc/>
    public TensorShape ShapeOf(CostTensor x) => Check(x).Shape;

    /// <inheritdoc/>
    public FixedPointFormat FormatOf(CostTensor x) => Check(x).Format;

    /// <inheritdoc/>
    public CostTensor Input(float[]? values, TensorShape shape, FixedPointFormat format, int owner)
    {
        Charge(CostFormulas.Input(format.RingBits).Times(shape.Elements));
        return new(shape, format);
    }

    /// <inheritdoc/>
    public CostTensor Public(float[] values, TensorShape shape, FixedPointFormat format) => new(shape, format);

    /// <inheritdoc/>
    public float[]? Reveal(CostTensor x, int? toParty)
    {
        Charge(CostFormulas.Open(Check(x).Format.RingBits, toParty is null).Times(x.Shape.Elements));
        return null;
    }

    /// <inheritdoc/>
    public CostTensor Add(CostTensor x, CostTensor y) => Same("add", x, y);

    /// <inheritdoc/>
    public CostTensor Subtract(CostTensor x, CostTensor y) => Same("subtract", x, y);

    /// <inheritdoc/>
    public CostTensor Negate(CostTensor x) => Check(x);

    /// <inheritdoc/>
    public CostTensor AddConstant(CostTensor x, double c) => Check(x);

    /// <inheritdoc/>
    public CostTensor MultiplyInteger(CostTensor x, long c) => Check(x);

    /// <inheritdoc/>
    public CostTensor Relabel(CostTensor x, FixedPointFormat format)
    {
        if (format.RingBits != Check(x).Format.RingBits)
        {
            throw new ArgumentException($"relabel: {x.Format} and {format} are different rings; use Cast.");
        }

        return x with { Format = format };
    }

    /// <inheritdoc/>
    public CostTensor Multiply(CostTensor x, CostTensor y)
    {
        SameShape("multiply", x, y);
        Charge(CostFormulas.Multiply(x.Format.RingBits).Times(x.Shape.Elements));
        return new(x.Shape, Product(x, y));
    }

    /// <inheritdoc/>
    public CostTensor MatMul(CostTensor x, CostTensor y, bool transposeX, bool transposeY)
    {
        var (_, shape) = MatMulShapes.Resolve(Check(x).Shape, Check(y).Shape, transposeX, transposeY);
        Charge(CostFormulas.Multiply(x.Format.RingBits).Times(shape.Elements));
        return new(shape, Product(x, y));
    }

    /// <inheritdoc/>
    public CostTensor Truncate(CostTensor x, int bits)
    {
        var f = Check(x).Format;
        if (bits < 0 || bits > f.FractionBits)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"truncate: cannot remove {bits} bits from {f}; allowed 0..{f.FractionBits}.");
        }

        Charge(CostFormulas.Truncate(f.RingBits, bits, x.Shape.Elements));
        return x with { Format = f.WithFractionBits(f.FractionBits - bits) };
    }

    /// <inheritdoc/>
    public CostTensor Gather(CostTensor x, TensorShape shape, int[] map) => Check(x) with { Shape = shape };

    /// <inheritdoc/>
    public CostTensor Concat(IReadOnlyList<CostTensor> parts, int axis)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var (shape, _, _) = TensorLayout.Concat([.. parts.Select(p => Check(p).Shape)], axis);
        return new(shape, parts[0].Format);
    }

    /// <inheritdoc/>
    public CostTensor SumLastAxis(CostTensor x) => Check(x) with { Shape = new TensorShape([.. x.Shape.Dimensions[..^1], 1]) };

    /// <inheritdoc/>
    public CostTensor Cast(CostTensor x, FixedPointFormat format)
    {
        var f = Check(x).Format;
        if (f == format)
        {
            return x;
        }

        // The plan validates the pair (headroom, ring direction) exactly as the engines do.
        CastPlan.For(f, format, CastOptions.MinIntegerBits);
        Charge(CostFormulas.Cast(f.RingBits, f.FractionBits, format, x.Shape.Elements, CastOptions));
        return new(x.Shape, format);
    }

    /// <inheritdoc/>
    public CostTensor MultiplyTruncate(CostTensor x, CostTensor y, int bits, FixedPointFormat format)
    {
        SameShape("multiply-truncate", x, y);
        Charge(CostFormulas.MultiplyTruncate(x.Format.RingBits, bits, x.Shape.Elements));
        return new(x.Shape, format);
    }

    /// <inheritdoc/>
    public CostTensor MatMulPrivate(float[]? values, TensorShape shape, FixedPointFormat format, int owner, CostTensor y, bool transposeY)
    {
        var (_, output) = MatMulShapes.Resolve(shape, Check(y).Shape, transposeY: transposeY);
        Charge(CostFormulas.PrivateMatMul(format.RingBits, shape.Elements, output.Elements));
        return new(output, format.WithFractionBits(format.FractionBits + y.Format.FractionBits));
    }

    /// <inheritdoc/>
    public int[] Announce(int[]? values, int owner) => values ?? throw new ArgumentNullException(nameof(values), $"the cost engine needs the public values of party {owner}");

    private void Charge(Cost cost) => Total += cost;

    private static CostTensor Check(CostTensor x) => x ?? throw new ArgumentNullException(nameof(x));

    private static CostTensor Same(string op, CostTensor x, CostTensor y)
    {
        SameShape(op, x, y);
        if (x.Format != y.Format)
        {
            throw new ArgumentException($"{op}: the operands have different formats ({x.Format} and {y.Format}).");
        }

        return x;
    }

    private static void SameShape(string op, CostTensor x, CostTensor y)
    {
        if (Check(x).Shape != Check(y).Shape)
        {
            throw new ArgumentException($"{op}: shapes [{x.Shape}] and [{y.Shape}] differ.");
        }
    }

    private static FixedPointFormat Product(CostTensor x, CostTensor y)
    {
        if (x.Format.RingBits != y.Format.RingBits)
        {
            throw new ArgumentException($"product: operands live in different rings: {x.Format} and {y.Format}; convert one with Cast first.");
        }

        return x.Format.WithFractionBits(x.Format.FractionBits + y.Format.FractionBits);
    }
}

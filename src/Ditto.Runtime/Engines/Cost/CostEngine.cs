using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Kernels;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Protocols.Boolean;
using Ditto.Runtime.Protocols.Conversion;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Engines.Cost;

/// <summary>
/// An engine that computes nothing and prices everything: it implements the primitives the function library is written
/// against (<see cref="IFixedPointEngine{TA, TB}"/>) on shapes and formats, and adds each protocol's cost
/// (the <c>Cost</c> method beside each protocol, the formula its ledger test asserts) to <see cref="Total"/> and, when
/// given one, to a <see cref="CostRecorder"/> under its current scope. Running
/// <see cref="FixedPointFunctions{TA, TB}"/> on it gives a function's cost as the three-party engine would send it: the
/// library takes the same branches (they depend on shapes and formats only, never on secret values), so the bytes are
/// exact. Rounds are the protocols' rounds summed in program order: an upper bound on the measured critical path, where a
/// protocol's last hop can overlap the next one's first depending on the pivots' roles (for example exp's n fused
/// products: 3n summed, 2n + 1 to 3n measured).
/// </summary>
public sealed partial class CostEngine : IFixedPointEngine<CostTensor, CostBits>
{
    /// <summary>An engine whose casts cost what <paramref name="castOptions"/> (default: the defaults) make them cost.</summary>
    public CostEngine(CastOptions? castOptions = null, CostRecorder? recorder = null)
    {
        CastOptions = castOptions ?? CastOptions.Default;
        Recorder = recorder;
    }

    // Every operation returns a new tensor (as the secret engine does), so a reveal is of the last truncation's result
    // only when nothing was computed from it in between.
    private readonly LastTruncation<CostTensor> _lastTruncation = new();

    /// <summary>Where each charge is also recorded by scope (null: only <see cref="Total"/>).</summary>
    public CostRecorder? Recorder { get; }

    /// <summary>The conversion protocols <see cref="Cast"/> prices.</summary>
    public CastOptions CastOptions { get; }

    /// <summary>Everything priced so far: bytes sent by the three parties together, and rounds summed in program order.</summary>
    public ProtocolCost Total { get; private set; }

    /// <inheritdoc/>
    public int PartyId => 0;

    /// <inheritdoc/>
    public TensorShape ShapeOf(CostTensor x) => Check(x).Shape;

    /// <inheritdoc/>
    public FixedPointFormat FormatOf(CostTensor x) => Check(x).Format;

    /// <inheritdoc/>
    public CostTensor Input(float[]? values, TensorShape shape, FixedPointFormat format, int owner)
    {
        Charge(InputSharing.Cost(format.RingBits, shape.Elements));
        return new(shape, format);
    }

    /// <inheritdoc/>
    public CostTensor Public(float[] values, TensorShape shape, FixedPointFormat format) => new(shape, format);

    /// <inheritdoc/>
    public float[]? Reveal(CostTensor x, int? toParty)
    {
        if (CastOptions.ExactRoundingBeforeReveal && _lastTruncation.TryGet(x, out _, out _))
        {
            Charge(ExactRounding.Cost(x.Format.RingBits, x.Shape.Elements));
        }

        Charge(Protocols.Arithmetic.Reveal.Cost(Check(x).Format.RingBits, x.Shape.Elements, toParty is null));
        return null;
    }

    /// <inheritdoc/>
    public CostTensor Add(CostTensor x, CostTensor y) => Same("add", x, y);

    /// <inheritdoc/>
    public CostTensor Subtract(CostTensor x, CostTensor y) => Same("subtract", x, y);

    /// <inheritdoc/>
    public CostTensor Negate(CostTensor x) => Check(x) with { };

    /// <inheritdoc/>
    public CostTensor AddConstant(CostTensor x, double c) => Check(x) with { };

    /// <inheritdoc/>
    public CostTensor MultiplyInteger(CostTensor x, long c) => Check(x) with { };

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
        Charge(Multiplication.Cost(x.Format.RingBits, x.Shape.Elements));
        return new(x.Shape, Product(x, y));
    }

    /// <inheritdoc/>
    public CostTensor MultiplyPublic(CostTensor x, float[] values, FixedPointFormat format)
    {
        if (values.Length != x.Shape.Elements)
        {
            throw new ArgumentException($"multiply public: the secret has shape [{x.Shape}] but the public value has {values.Length} elements.", nameof(values));
        }

        return new(x.Shape, Product(x, new CostTensor(x.Shape, format))); // local: nothing is sent
    }

    /// <inheritdoc/>
    public CostTensor MatMul(CostTensor x, CostTensor y, bool transposeX, bool transposeY)
    {
        var (_, shape) = MatMulShapes.Resolve(Check(x).Shape, Check(y).Shape, transposeX, transposeY);
        Charge(MatrixMultiplication.Cost(x.Format.RingBits, shape.Elements));
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

        Charge(Truncation.Cost(f.RingBits, bits, x.Shape.Elements));
        return _lastTruncation.Remember(x with { Format = f.WithFractionBits(f.FractionBits - bits) }, x, bits);
    }

    /// <inheritdoc/>
    public CostTensor Gather(CostTensor x, TensorShape shape, int[] map) => _lastTruncation.Follow(x, Check(x) with { Shape = shape }, input => input with { Shape = shape });

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
        var plan = CastPlan.For(f, format, CastOptions.MinIntegerBits);
        Charge(Casting.Cost(f.RingBits, f.FractionBits, format, x.Shape.Elements, CastOptions));
        CostTensor result = new(x.Shape, format);
        return plan is { Kind: CastKind.Rescale, DropBits: > 0 } ? _lastTruncation.Remember(result, x, plan.DropBits) : result;
    }

    /// <inheritdoc/>
    public CostTensor MultiplyTruncate(CostTensor x, CostTensor y, int bits, FixedPointFormat format)
    {
        SameShape("multiply-truncate", x, y);
        Charge(Protocols.Arithmetic.MultiplyTruncate.Cost(x.Format.RingBits, bits, x.Shape.Elements));
        return new(x.Shape, format);
    }

    /// <inheritdoc/>
    public CostTensor MatMulPrivate(float[]? values, TensorShape shape, FixedPointFormat format, int owner, CostTensor y, bool transposeY)
    {
        var (_, output) = MatMulShapes.Resolve(shape, Check(y).Shape, transposeY: transposeY);
        Charge(PrivateMatMul.Cost(format.RingBits, shape.Elements, output.Elements));
        return new(output, format.WithFractionBits(format.FractionBits + y.Format.FractionBits));
    }

    /// <inheritdoc/>
    public IDisposable Discarding(string why) => NoScope.Instance;

    /// <inheritdoc/>
    public int[] Announce(int[]? values, int owner) => values ?? throw new ArgumentNullException(nameof(values), $"the cost engine needs the public values of party {owner}");

    private void Charge(ProtocolCost cost)
    {
        Total += cost;
        Recorder?.Charge(cost);
    }

    private static CostTensor Check(CostTensor x) => x ?? throw new ArgumentNullException(nameof(x));

    private static CostTensor Same(string op, CostTensor x, CostTensor y)
    {
        SameShape(op, x, y);
        if (x.Format != y.Format)
        {
            throw new ArgumentException($"{op}: the operands have different formats ({x.Format} and {y.Format}).");
        }

        return x with { };
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

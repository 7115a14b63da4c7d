using System.Numerics;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Kernels;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Protocols.Conversion;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Engines.Secret;

/// <summary>
/// The fixed-point primitives as three-party protocols, for one party: what the function library runs on in MPC.
/// Every value stays secret-shared; the only way out is <see cref="Reveal"/>. Protocols are generic over the ring; this
/// engine turns a share of either ring into its typed form through <see cref="RingDispatch"/>.
/// </summary>
public sealed partial class SecretEngine : IFixedPointEngine<ArithmeticShare, BooleanShare>
{
    /// <summary>Binds the engine to a party.</summary>
    public SecretEngine(Party party)
    {
        Party = party ?? throw new ArgumentNullException(nameof(party));
    }

    /// <summary>The party this engine acts for.</summary>
    public Party Party { get; }

    private readonly LastTruncation<ArithmeticShare> _lastTruncation = new();

    /// <summary>Which conversion protocols <see cref="Cast"/> runs (defaults: the cheapest correct ones), and whether a reveal rounds exactly.</summary>
    public CastOptions CastOptions { get; set; } = CastOptions.Default;

    /// <inheritdoc/>
    public int PartyId => Party.Id;

    /// <inheritdoc/>
    public TensorShape ShapeOf(ArithmeticShare x) => x.Shape;

    /// <inheritdoc/>
    public FixedPointFormat FormatOf(ArithmeticShare x) => x.Format;

    /// <inheritdoc/>
    public int[] Announce(int[]? values, int owner) => Party.Announce(values, owner);

    /// <inheritdoc/>
    public IDisposable Discarding(string why) => NoScope.Instance;


    /// <inheritdoc/>
    public ArithmeticShare Input(float[]? values, TensorShape shape, FixedPointFormat format, int owner) =>
        Party.Share(owner, Party.Id == owner ? values : null, shape, format);

    /// <inheritdoc/>
    public ArithmeticShare Public(float[] values, TensorShape shape, FixedPointFormat format)
    {
        if (values.Length != shape.Elements)
        {
            throw new ArgumentException($"A tensor of shape [{shape}] needs {shape.Elements} values, not {values.Length}.", nameof(values));
        }

        return format.RingBits == 32 ? PublicShare<uint>(values, shape, format) : PublicShare<ulong>(values, shape, format);
    }

    /// <inheritdoc/>
    public float[]? Reveal(ArithmeticShare x, int? toParty)
    {
        if (CastOptions.ExactRoundingBeforeReveal && _lastTruncation.TryGet(x, out var input, out var bits))
        {
            x = Party.RoundExactly(input, x, bits);
        }

        return toParty is { } t ? Party.OpenTo(x, t) : Party.Open(x);
    }

    /// <inheritdoc/>
    public ArithmeticShare Add(ArithmeticShare x, ArithmeticShare y) => RingDispatch.Map("add", x, y, LocalArithmetic.Add, LocalArithmetic.Add);

    /// <inheritdoc/>
    public ArithmeticShare Subtract(ArithmeticShare x, ArithmeticShare y) => RingDispatch.Map("subtract", x, y, LocalArithmetic.Subtract, LocalArithmetic.Subtract);

    /// <inheritdoc/>
    public ArithmeticShare Negate(ArithmeticShare x) => RingDispatch.Map(x, LocalArithmetic.Negate, LocalArithmetic.Negate);

    /// <inheritdoc/>
    public ArithmeticShare AddConstant(ArithmeticShare x, double c) => RingDispatch.Map(
        x,
        a => LocalArithmetic.AddPublic(Party.Id, a, FixedPointCodec.Encode<uint>(c, a.Format)),
        a => LocalArithmetic.AddPublic(Party.Id, a, FixedPointCodec.Encode<ulong>(c, a.Format)));

    /// <inheritdoc/>
    public ArithmeticShare MultiplyInteger(ArithmeticShare x, long c) => RingDispatch.Map(
        x,
        a => LocalArithmetic.MultiplyPublic(a, unchecked((uint)c)),
        a => LocalArithmetic.MultiplyPublic(a, unchecked((ulong)c)));

    /// <inheritdoc/>
    public ArithmeticShare Relabel(ArithmeticShare x, FixedPointFormat format)
    {
        if (format.RingBits != x.Format.RingBits)
        {
            throw new ArgumentException($"relabel: {x.Format} and {format} are different rings; use Cast.");
        }

        return x.Relabel(format);
    }

    /// <inheritdoc/>
    public ArithmeticShare Multiply(ArithmeticShare x, ArithmeticShare y) => Party.Multiply(x, y);

    /// <inheritdoc/>
    public ArithmeticShare MultiplyPublic(ArithmeticShare x, float[] values, FixedPointFormat format)
    {
        if (format.RingBits != x.Format.RingBits)
        {
            throw new ArgumentException($"multiply public: the secret is in {x.Format} and the public value in {format}, a different ring.", nameof(format));
        }

        // Each party multiplies both of its share components by the public values: (c·x₁, c·x₂, c·x₃) shares c·x.
        return RingDispatch.Map(
            x,
            a => LocalArithmetic.MultiplyPublic(a, Encode<uint>(values, format), format.FractionBits),
            a => LocalArithmetic.MultiplyPublic(a, Encode<ulong>(values, format), format.FractionBits));
    }

    /// <inheritdoc/>
    public ArithmeticShare MatMul(ArithmeticShare x, ArithmeticShare y, bool transposeX, bool transposeY) => Party.MatMul(x, y, transposeX, transposeY);

    /// <inheritdoc/>
    public ArithmeticShare Truncate(ArithmeticShare x, int bits) => _lastTruncation.Remember(Party.Truncate(x, bits), x, bits);

    /// <inheritdoc/>
    public ArithmeticShare MultiplyTruncate(ArithmeticShare x, ArithmeticShare y, int bits, FixedPointFormat format) => Party.MultiplyTruncated(x, y, bits, format);

    /// <inheritdoc/>
    public ArithmeticShare MatMulPrivate(float[]? values, TensorShape shape, FixedPointFormat format, int owner, ArithmeticShare y, bool transposeY)
    {
        ShareChecks.Owner(owner);
        if (Party.Id == owner && (values is null || values.Length != shape.Elements))
        {
            throw new ArgumentException($"Party {owner} must supply {shape.Elements} values for its private input of shape [{shape}], not {values?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}.");
        }

        return RingDispatch.Map(
            y,
            b => Party.MatMulPrivate(owner, Party.Id == owner ? Encode<uint>(values!, format) : [], shape, format, b, transposeY),
            b => Party.MatMulPrivate(owner, Party.Id == owner ? Encode<ulong>(values!, format) : [], shape, format, b, transposeY));
    }

    /// <inheritdoc/>
    public ArithmeticShare Cast(ArithmeticShare x, FixedPointFormat format)
    {
        if (x.Format == format)
        {
            return x; // as the cost engine does: a no-op cast keeps the value (and so its exact rounding before a reveal)
        }

        var result = Party.Cast(x, format, CastOptions);
        return CastPlan.For(x.Format, format, CastOptions.MinIntegerBits) is { Kind: CastKind.Rescale, DropBits: > 0 } plan
            ? _lastTruncation.Remember(result, x, plan.DropBits)
            : result;
    }

    /// <inheritdoc/>
    public ArithmeticShare Gather(ArithmeticShare x, TensorShape shape, int[] map) => _lastTruncation.Follow(x, GatherShares(x, shape, map), input => GatherShares(input, shape, map));

    private static ArithmeticShare GatherShares(ArithmeticShare x, TensorShape shape, int[] map) => RingDispatch.Map(
        x,
        a => new ArithmeticShare<uint>(shape, a.Format, ArrayKernels.Gather(a.First, map), ArrayKernels.Gather(a.Second, map)),
        a => new ArithmeticShare<ulong>(shape, a.Format, ArrayKernels.Gather(a.First, map), ArrayKernels.Gather(a.Second, map)));

    /// <inheritdoc/>
    public ArithmeticShare Concat(IReadOnlyList<ArithmeticShare> parts, int axis)
    {
        foreach (var p in parts)
        {
            ShareChecks.SameFormat("concat", parts[0].Format, p.Format);
        }

        var (shape, part, map) = TensorLayout.Concat(parts.Select(p => p.Shape).ToList(), axis);
        return RingDispatch.Map(
            parts[0],
            _ => ConcatShares(parts.Cast<ArithmeticShare<uint>>().ToList(), shape, part, map),
            _ => ConcatShares(parts.Cast<ArithmeticShare<ulong>>().ToList(), shape, part, map));
    }

    /// <inheritdoc/>
    public ArithmeticShare SumLastAxis(ArithmeticShare x)
    {
        var shape = new TensorShape([.. x.Shape.Dimensions[..^1], 1]);
        var width = x.Shape[-1];
        return RingDispatch.Map(
            x,
            a => new ArithmeticShare<uint>(shape, a.Format, ArrayKernels.SumRows(a.First, width), ArrayKernels.SumRows(a.Second, width)),
            a => new ArithmeticShare<ulong>(shape, a.Format, ArrayKernels.SumRows(a.First, width), ArrayKernels.SumRows(a.Second, width)));
    }

    private static T[] Encode<T>(float[] values, FixedPointFormat format)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var encoded = new T[values.Length];
        FixedPointCodec.Encode<T>(values, encoded, format);
        return encoded;
    }

    /// <summary>A public value is the sharing (v, 0, 0): component x_0 = v, held by party 0 (first) and party 2 (second).</summary>
    private ArithmeticShare<T> PublicShare<T>(float[] values, TensorShape shape, FixedPointFormat format)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var encoded = Encode<T>(values, format);
        return new ArithmeticShare<T>(shape, format, Party.Id == 0 ? encoded : new T[encoded.Length], Party.Id == 2 ? encoded : new T[encoded.Length]);
    }

    private static ArithmeticShare<T> ConcatShares<T>(List<ArithmeticShare<T>> parts, TensorShape shape, int[] part, int[] map)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
        => new(shape, parts[0].Format,
            ArrayKernels.Concat(parts.Select(p => p.First).ToList(), part, map),
            ArrayKernels.Concat(parts.Select(p => p.Second).ToList(), part, map));
}

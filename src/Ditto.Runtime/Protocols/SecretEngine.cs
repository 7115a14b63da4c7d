using System.Numerics;
using Ditto.Runtime.Emulation;
using Ditto.Runtime.Engine;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Protocols;

/// <summary>
/// The fixed-point primitives as three-party protocols, for one party: what the function library runs on in MPC.
/// Every value stays secret-shared; the only way out is <see cref="Reveal"/>.
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

    /// <inheritdoc/>
    public int PartyId => Party.Id;

    /// <inheritdoc/>
    public TensorShape ShapeOf(ArithmeticShare x) => x.Shape;

    /// <inheritdoc/>
    public FixedPointFormat FormatOf(ArithmeticShare x) => x.Format;

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

        // A public value is the sharing (v, 0, 0): component x_0 = v, held by party 0 (first) and party 2 (second).
        return ClearTensor.Encode(values, shape, format) switch
        {
            ClearTensor<uint> c => PublicShare(c.Values, shape, format),
            ClearTensor<ulong> c => PublicShare(c.Values, shape, format),
            _ => throw new NotSupportedException(),
        };
    }

    /// <inheritdoc/>
    public float[]? Reveal(ArithmeticShare x, int? toParty) => toParty is { } t ? Party.OpenTo(x, t) : Party.Open(x);

    /// <inheritdoc/>
    public ArithmeticShare Add(ArithmeticShare x, ArithmeticShare y) => (x, y) switch
    {
        (ArithmeticShare<uint> a, ArithmeticShare<uint> b) => LocalArithmetic.Add(a, b),
        (ArithmeticShare<ulong> a, ArithmeticShare<ulong> b) => LocalArithmetic.Add(a, b),
        _ => throw RingMismatch("add", x, y),
    };

    /// <inheritdoc/>
    public ArithmeticShare Subtract(ArithmeticShare x, ArithmeticShare y) => (x, y) switch
    {
        (ArithmeticShare<uint> a, ArithmeticShare<uint> b) => LocalArithmetic.Subtract(a, b),
        (ArithmeticShare<ulong> a, ArithmeticShare<ulong> b) => LocalArithmetic.Subtract(a, b),
        _ => throw RingMismatch("subtract", x, y),
    };

    /// <inheritdoc/>
    public ArithmeticShare Negate(ArithmeticShare x) => x switch
    {
        ArithmeticShare<uint> a => LocalArithmetic.Negate(a),
        ArithmeticShare<ulong> a => LocalArithmetic.Negate(a),
        _ => throw Unknown(x),
    };

    /// <inheritdoc/>
    public ArithmeticShare AddConstant(ArithmeticShare x, double c) => x switch
    {
        ArithmeticShare<uint> a => LocalArithmetic.AddPublic(Party.Id, a, FixedPointCodec.Encode<uint>(c, a.Format)),
        ArithmeticShare<ulong> a => LocalArithmetic.AddPublic(Party.Id, a, FixedPointCodec.Encode<ulong>(c, a.Format)),
        _ => throw Unknown(x),
    };

    /// <inheritdoc/>
    public ArithmeticShare MultiplyInteger(ArithmeticShare x, long c) => x switch
    {
        ArithmeticShare<uint> a => LocalArithmetic.MultiplyPublic(a, (uint)c),
        ArithmeticShare<ulong> a => LocalArithmetic.MultiplyPublic(a, (ulong)c),
        _ => throw Unknown(x),
    };

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
    public ArithmeticShare MatMul(ArithmeticShare x, ArithmeticShare y, bool transposeX, bool transposeY) => Party.MatMul(x, y, transposeX, transposeY);

    /// <inheritdoc/>
    public ArithmeticShare Truncate(ArithmeticShare x, int bits) => Party.Truncate(x, bits);

    /// <inheritdoc/>
    public ArithmeticShare Gather(ArithmeticShare x, TensorShape shape, int[] map) => x switch
    {
        ArithmeticShare<uint> a => new ArithmeticShare<uint>(shape, a.Format, ClearEngine.GatherValues(a.First, map), ClearEngine.GatherValues(a.Second, map)),
        ArithmeticShare<ulong> a => new ArithmeticShare<ulong>(shape, a.Format, ClearEngine.GatherValues(a.First, map), ClearEngine.GatherValues(a.Second, map)),
        _ => throw Unknown(x),
    };

    /// <inheritdoc/>
    public ArithmeticShare Concat(IReadOnlyList<ArithmeticShare> parts, int axis)
    {
        foreach (var p in parts)
        {
            ShareChecks.SameFormat("concat", parts[0].Format, p.Format);
        }

        var (shape, part, map) = TensorLayout.Concat(parts.Select(p => p.Shape).ToList(), axis);
        return parts[0] switch
        {
            ArithmeticShare<uint> => ConcatShares(parts.Cast<ArithmeticShare<uint>>().ToList(), shape, part, map),
            ArithmeticShare<ulong> => ConcatShares(parts.Cast<ArithmeticShare<ulong>>().ToList(), shape, part, map),
            _ => throw Unknown(parts[0]),
        };
    }

    /// <inheritdoc/>
    public ArithmeticShare SumLastAxis(ArithmeticShare x)
    {
        var shape = new TensorShape([.. x.Shape.Dimensions[..^1], 1]);
        var width = x.Shape[-1];
        return x switch
        {
            ArithmeticShare<uint> a => new ArithmeticShare<uint>(shape, a.Format, ClearEngine.SumRows(a.First, width), ClearEngine.SumRows(a.Second, width)),
            ArithmeticShare<ulong> a => new ArithmeticShare<ulong>(shape, a.Format, ClearEngine.SumRows(a.First, width), ClearEngine.SumRows(a.Second, width)),
            _ => throw Unknown(x),
        };
    }

    private ArithmeticShare<T> PublicShare<T>(T[] values, TensorShape shape, FixedPointFormat format)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var zero = new T[values.Length];
        return new ArithmeticShare<T>(shape, format, Party.Id == 0 ? values : zero, Party.Id == 2 ? (T[])values.Clone() : new T[values.Length]);
    }

    private static ArithmeticShare<T> ConcatShares<T>(List<ArithmeticShare<T>> parts, TensorShape shape, int[] part, int[] map)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
        => new(shape, parts[0].Format,
            ClearEngine.ConcatValues(parts.Select(p => p.First).ToList(), part, map),
            ClearEngine.ConcatValues(parts.Select(p => p.Second).ToList(), part, map));

    private static ArgumentException RingMismatch(string op, ArithmeticShare x, ArithmeticShare y) =>
        new($"{op}: operands live in different rings: {x.Format} and {y.Format}; convert one with Cast first.");

    private static NotSupportedException Unknown(ArithmeticShare x) => new($"Unknown share type {x.GetType().Name}.");
}

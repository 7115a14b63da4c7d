using System.Numerics;
using System.Runtime.CompilerServices;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Kernels;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Engines.Clear;

/// <summary>
/// The emulator: every primitive computed in the clear, exactly in the ring, with truncation as an arithmetic shift
/// (floor). What the protocols compute, without their one-bit truncation noise and without any cost.
/// </summary>
public sealed partial class ClearEngine : IFixedPointEngine<ClearTensor, ClearBits>
{
    /// <summary>The exact emulator; with a <paramref name="checker"/>, the checking emulator (see <see cref="RangeChecker"/>).</summary>
    public ClearEngine(RangeChecker? checker = null)
    {
        Checker = checker;
    }

    /// <summary>The range checker, or null (then every precondition is assumed and nothing is recorded).</summary>
    public RangeChecker? Checker { get; }

    /// <inheritdoc/>
    public int PartyId => 0;

    /// <inheritdoc/>
    public TensorShape ShapeOf(ClearTensor x) => x.Shape;

    /// <inheritdoc/>
    public FixedPointFormat FormatOf(ClearTensor x) => x.Format;

    /// <inheritdoc/>
    public ClearTensor Input(float[]? values, TensorShape shape, FixedPointFormat format, int owner)
    {
        ArgumentNullException.ThrowIfNull(values, $"the input of party {owner}");
        return Public(values, shape, format);
    }

    /// <inheritdoc/>
    public ClearTensor Public(float[] values, TensorShape shape, FixedPointFormat format)
    {
        if (values.Length != shape.Elements)
        {
            throw new ArgumentException($"A tensor of shape [{shape}] needs {shape.Elements} values, not {values.Length}.", nameof(values));
        }

        if (Checker is { } checker)
        {
            var limit = Math.ScaleB(1.0, format.RingBits - 2 - format.FractionBits);
            checker.CheckValues("input encoding (saturates)", [.. values.Select(v => (double)v)], -limit, limit - format.Ulp, format.Ulp);
        }

        return ClearTensor.Encode(values, shape, format);
    }

    /// <inheritdoc/>
    public float[]? Reveal(ClearTensor x, int? toParty) => x.Decode();

    /// <inheritdoc/>
    public ClearTensor Add(ClearTensor x, ClearTensor y) => Binary("add", x, y, sameFormat: true, (a, b, r) => RingKernels.Add(a, b, r), (a, b, r) => RingKernels.Add(a, b, r), x.Format);

    /// <inheritdoc/>
    public ClearTensor Subtract(ClearTensor x, ClearTensor y) => Binary("subtract", x, y, sameFormat: true, (a, b, r) => RingKernels.Subtract(a, b, r), (a, b, r) => RingKernels.Subtract(a, b, r), x.Format);

    /// <inheritdoc/>
    public ClearTensor Multiply(ClearTensor x, ClearTensor y)
    {
        var product = Binary("multiply", x, y, sameFormat: false, (a, b, r) => RingKernels.Multiply(a, b, r), (a, b, r) => RingKernels.Multiply(a, b, r), ProductFormat("multiply", x, y));
        CheckProductInRing("product within the ring", x, y, (a, b) => [.. a.Zip(b, (u, v) => u * v)]);
        return product;
    }

    /// <inheritdoc/>
    public ClearTensor MultiplyPublic(ClearTensor x, float[] values, FixedPointFormat format) => Multiply(x, Public(values, x.Shape, format));

    /// <inheritdoc/>
    public ClearTensor Negate(ClearTensor x) => Unary(x, (a, r) => RingKernels.Negate(a, r), (a, r) => RingKernels.Negate(a, r), x.Format);

    /// <inheritdoc/>
    public ClearTensor AddConstant(ClearTensor x, double c) => On(
        x,
        a => Map(a, FixedPointCodec.Encode<uint>(c, a.Format), (v, k, r) => RingKernels.Add(v, k, r)),
        a => Map(a, FixedPointCodec.Encode<ulong>(c, a.Format), (v, k, r) => RingKernels.Add(v, k, r)));

    /// <inheritdoc/>
    public ClearTensor MultiplyInteger(ClearTensor x, long c) => On(
        x,
        a => Map(a, unchecked((uint)c), (v, k, r) => RingKernels.Multiply(v, k, r)),
        a => Map(a, unchecked((ulong)c), (v, k, r) => RingKernels.Multiply(v, k, r)));

    /// <inheritdoc/>
    public ClearTensor Relabel(ClearTensor x, FixedPointFormat format)
    {
        if (format.RingBits != x.Format.RingBits)
        {
            throw new ArgumentException($"relabel: {x.Format} and {format} are different rings; use Cast.");
        }

        return On(x, a => new ClearTensor<uint>(a.Shape, format, a.Values), a => new ClearTensor<ulong>(a.Shape, format, a.Values));
    }

    /// <inheritdoc/>
    public ClearTensor MatMul(ClearTensor x, ClearTensor y, bool transposeX, bool transposeY)
    {
        SameRing("matmul", x, y);
        var (dims, shape) = MatMulShapes.Resolve(x.Shape, y.Shape, transposeX, transposeY);
        var format = ProductFormat("matmul", x, y);
        var product = On("matmul", x, y, (a, b) => Product(a, b, dims, shape, format), (a, b) => Product(a, b, dims, shape, format));
        CheckProductInRing("matmul within the ring", x, y, (a, b) =>
        {
            var exact = new double[shape.Elements];
            MatMulKernel.Multiply(a, b, exact, dims);
            return exact;
        });
        return product;
    }

    /// <summary>
    /// With a checker: whether a product (or a matmul's sums) fits the ring at all, from the operands' exact values. A
    /// product beyond 2^(k−1) wraps on every backend alike (the exact emulator too), so only the float twin differs.
    /// </summary>
    private void CheckProductInRing(string check, ClearTensor x, ClearTensor y, Func<double[], double[], double[]> exact)
    {
        if (Checker is not { } checker)
        {
            return;
        }

        var k = x.Format.RingBits;
        checker.CheckMagnitudes(check, exact(Signed(x), Signed(y)), Math.ScaleB(1.0, k - 1));
    }

    /// <summary>The ring integers as signed doubles (exact to 53 bits, enough to compare magnitudes).</summary>
    private static double[] Signed(ClearTensor x) => x switch
    {
        ClearTensor<uint> a => [.. a.Values.Select(v => (double)(int)v)],
        ClearTensor<ulong> a => [.. a.Values.Select(v => (double)(long)v)],
        _ => throw Unknown(x),
    };

    /// <inheritdoc/>
    public ClearTensor Truncate(ClearTensor x, int bits)
    {
        if (bits < 0 || bits > x.Format.FractionBits)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"truncate: cannot remove {bits} bits from {x.Format}; allowed 0..{x.Format.FractionBits}.");
        }

        var format = x.Format.WithFractionBits(x.Format.FractionBits - bits);
        var truncated = Unary(x, (a, r) => RingKernels.ShiftRightArithmetic(a, bits, r), (a, r) => RingKernels.ShiftRightArithmetic(a, bits, r), format);
        return bits == 0 ? truncated : CheckTruncation("truncation input", x, truncated, bits);
    }

    /// <inheritdoc/>
    public ClearTensor Gather(ClearTensor x, TensorShape shape, int[] map) => On(
        x,
        a => new ClearTensor<uint>(shape, a.Format, ArrayKernels.Gather(a.Values, map)),
        a => new ClearTensor<ulong>(shape, a.Format, ArrayKernels.Gather(a.Values, map)));

    /// <inheritdoc/>
    public ClearTensor Concat(IReadOnlyList<ClearTensor> parts, int axis)
    {
        foreach (var p in parts)
        {
            if (p.Format != parts[0].Format)
            {
                throw new ArgumentException($"concat: parts have different formats: {parts[0].Format} and {p.Format}.");
            }
        }

        var (shape, part, map) = TensorLayout.Concat(parts.Select(p => p.Shape).ToList(), axis);
        return On(
            parts[0],
            first => new ClearTensor<uint>(shape, first.Format, ArrayKernels.Concat(parts.Cast<ClearTensor<uint>>().Select(p => p.Values).ToList(), part, map)),
            first => new ClearTensor<ulong>(shape, first.Format, ArrayKernels.Concat(parts.Cast<ClearTensor<ulong>>().Select(p => p.Values).ToList(), part, map)));
    }

    /// <inheritdoc/>
    public ClearTensor SumLastAxis(ClearTensor x)
    {
        var shape = new TensorShape([.. x.Shape.Dimensions[..^1], 1]);
        return On(
            x,
            a => new ClearTensor<uint>(shape, a.Format, ArrayKernels.SumRows(a.Values, x.Shape[-1])),
            a => new ClearTensor<ulong>(shape, a.Format, ArrayKernels.SumRows(a.Values, x.Shape[-1])));
    }

    private static FixedPointFormat ProductFormat(string op, ClearTensor x, ClearTensor y)
    {
        SameRing(op, x, y);
        var f = x.Format.FractionBits + y.Format.FractionBits;
        if (f > x.Format.RingBits - 2)
        {
            throw new ArgumentException($"{op}: the product of {x.Format} and {y.Format} has {f} fraction bits, more than a {x.Format.RingBits}-bit ring can hold; truncate an operand first.");
        }

        return x.Format.WithFractionBits(f);
    }

    private static void SameRing(string op, ClearTensor x, ClearTensor y)
    {
        if (x.Format.RingBits != y.Format.RingBits)
        {
            throw new ArgumentException($"{op}: operands live in different rings: {x.Format} and {y.Format}; convert one with Cast first.");
        }
    }

    private static ClearTensor Binary(string op, ClearTensor x, ClearTensor y, bool sameFormat, Action<uint[], uint[], uint[]> k32, Action<ulong[], ulong[], ulong[]> k64, FixedPointFormat format)
    {
        if (x.Shape != y.Shape)
        {
            throw new ArgumentException($"{op}: operand shapes differ: [{x.Shape}] and [{y.Shape}].");
        }

        if (sameFormat && x.Format != y.Format)
        {
            throw new ArgumentException($"{op}: operand formats differ: {x.Format} and {y.Format}; convert one with Cast first.");
        }

        return On(op, x, y, (a, b) => Apply(a, b, k32, format), (a, b) => Apply(a, b, k64, format));
    }

    private static ClearTensor Unary(ClearTensor x, Action<uint[], uint[]> k32, Action<ulong[], ulong[]> k64, FixedPointFormat format) =>
        On(x, a => Apply(a, k32, format), a => Apply(a, k64, format));

    /// <summary>The one dispatch of a clear tensor of either ring to its typed form.</summary>
    private static ClearTensor On(ClearTensor x, Func<ClearTensor<uint>, ClearTensor> ring32, Func<ClearTensor<ulong>, ClearTensor> ring64) => x switch
    {
        ClearTensor<uint> a => ring32(a),
        ClearTensor<ulong> a => ring64(a),
        _ => throw Unknown(x),
    };

    /// <summary>The same for two operands, which must share a ring.</summary>
    private static ClearTensor On(string op, ClearTensor x, ClearTensor y, Func<ClearTensor<uint>, ClearTensor<uint>, ClearTensor> ring32, Func<ClearTensor<ulong>, ClearTensor<ulong>, ClearTensor> ring64)
    {
        SameRing(op, x, y);
        return (x, y) switch
        {
            (ClearTensor<uint> a, ClearTensor<uint> b) => ring32(a, b),
            (ClearTensor<ulong> a, ClearTensor<ulong> b) => ring64(a, b),
            _ => throw Unknown(x),
        };
    }

    private static ClearTensor<T> Apply<T>(ClearTensor<T> a, ClearTensor<T> b, Action<T[], T[], T[]> kernel, FixedPointFormat format)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var r = new T[a.Length];
        kernel(a.Values, b.Values, r);
        return new ClearTensor<T>(a.Shape, format, r);
    }

    private static ClearTensor<T> Apply<T>(ClearTensor<T> a, Action<T[], T[]> kernel, FixedPointFormat format)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var r = new T[a.Length];
        kernel(a.Values, r);
        return new ClearTensor<T>(a.Shape, format, r);
    }

    private static ClearTensor<T> Product<T>(ClearTensor<T> a, ClearTensor<T> b, MatMulDims dims, TensorShape shape, FixedPointFormat format)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var r = new T[shape.Elements];
        MatMulKernel.Multiply(a.Values, b.Values, r, dims);
        return new ClearTensor<T>(shape, format, r);
    }

    private static ClearTensor<T> Map<T>(ClearTensor<T> x, T c, Action<T[], T, T[]> kernel)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var r = new T[x.Length];
        kernel(x.Values, c, r);
        return new ClearTensor<T>(x.Shape, x.Format, r);
    }

    private static NotSupportedException Unknown(ClearTensor x) => new($"Unknown clear tensor type {x.GetType().Name}.");

    /// <summary>The cast settings; only <see cref="CastOptions.MinIntegerBits"/> matters in the clear (every method computes the same value).</summary>
    public CastOptions CastOptions { get; set; } = CastOptions.Default;

    /// <inheritdoc/>
    public ClearTensor Cast(ClearTensor x, FixedPointFormat format)
    {
        ArgumentNullException.ThrowIfNull(x);
        var plan = CastPlan.For(x.Format, format, CastOptions.MinIntegerBits);
        var exactUpcast = plan.Kind == CastKind.Upcast && CastOptions.Upcast == UpcastMethod.Exact;
        var dropped = plan.DropBits > 0 && !exactUpcast ? Truncate(x, plan.DropBits) : x;
        var moved = plan.Kind switch
        {
            CastKind.Downcast => CheckRange("downcast result", Reduce((ClearTensor<ulong>)dropped)),
            CastKind.Upcast when exactUpcast => plan.DropBits > 0 ? Truncate(SignExtend((ClearTensor<uint>)dropped), plan.DropBits) : SignExtend((ClearTensor<uint>)dropped),
            CastKind.Upcast => Upcast((ClearTensor<uint>)dropped),
            _ => dropped,
        };
        if (plan.ShiftBits == 0)
        {
            return moved;
        }

        var shifted = Relabel(MultiplyInteger(moved, 1L << plan.ShiftBits), format);
        return CheckRange("rescale result (shifted up)", shifted);
    }

    /// <summary>A fast upcast: exact below 2^30; with a checker, what the high-part protocol computes above it (off by 2^32).</summary>
    private ClearTensor Upcast(ClearTensor<uint> x)
    {
        var extended = SignExtend(x);
        if (Checker is not { } checker)
        {
            return extended;
        }

        var broken = checker.Check("upcast input", x.Values, 1L << 30);
        var values = (ulong[])extended.Values.Clone();
        for (var i = 0; i < values.Length; i++)
        {
            if (broken[i])
            {
                // A split a + b of x and the protocol's wrap estimate t + u·v, valid only below 2^30.
                var a = checker.Split<uint>();
                var b = x.Values[i] - a;
                var wraps = WrapEstimate(a, b);
                values[i] = (ulong)a + b - ((ulong)wraps << 32);
            }
        }

        return new ClearTensor<ulong>(extended.Shape, extended.Format, values);
    }

    /// <summary>Records whether a result stays below 2^(k−2) (its computation already wraps as the protocol's does).</summary>
    private ClearTensor CheckRange(string check, ClearTensor x)
    {
        if (Checker is { } checker)
        {
            _ = On(x, a => { checker.Check(check, a.Values, 1L << 30); return a; }, a => { checker.Check(check, a.Values, 1L << 62); return a; });
        }

        return x;
    }

    /// <summary>
    /// With a checker: records whether the truncated ring integers stayed below 2^(k−2), and gives the elements that did
    /// not the value the truncation protocol computes from a random 2-of-2 split: ⌊a/2^m⌋ + 1 + ⌊b/2^m⌋ − (t + u·v)·2^(k−m).
    /// </summary>
    private ClearTensor CheckTruncation(string check, ClearTensor input, ClearTensor truncated, int m)
    {
        if (Checker is null)
        {
            return truncated;
        }

        return On(
            "truncation",
            input,
            truncated,
            (x, y) => SimulateTruncation(check, x, y, m),
            (x, y) => SimulateTruncation(check, x, y, m));
    }

    private ClearTensor<T> SimulateTruncation<T>(string check, ClearTensor<T> input, ClearTensor<T> truncated, int m)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var checker = Checker!;
        var k = RingInfo<T>.Bits;
        var broken = checker.Check(check, input.Values, 1L << (k - 2));
        if (!broken.Contains(true))
        {
            return truncated;
        }

        var values = (T[])truncated.Values.Clone();
        for (var i = 0; i < values.Length; i++)
        {
            if (broken[i])
            {
                var a = checker.Split<T>();
                var b = input.Values[i] - a;
                values[i] = (a >>> m) + T.One + (b >>> m) - (WrapEstimate(a, b) << (k - m));
            }
        }

        return new ClearTensor<T>(truncated.Shape, truncated.Format, values);
    }

    /// <summary>The protocols' wrap count of a + b: t + u·v with t = [a ≥ 2^(k−2)], u = [(a − 2^(k−2)) mod 2^k ≥ 2^(k−1)], v = [b ≥ 2^(k−1)].</summary>
    private static T WrapEstimate<T>(T a, T b)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var t = a >= RingInfo<T>.QuarterRing ? T.One : T.Zero;
        var u = a - RingInfo<T>.QuarterRing >= RingInfo<T>.HalfRing;
        var v = b >= RingInfo<T>.HalfRing;
        return t + (u && v ? T.One : T.Zero);
    }

    private static ClearTensor<uint> Reduce(ClearTensor<ulong> x) =>
        new(x.Shape, new FixedPointFormat(32, x.Format.FractionBits), [.. x.Values.Select(v => (uint)v)]);

    private static ClearTensor<ulong> SignExtend(ClearTensor<uint> x) =>
        new(x.Shape, new FixedPointFormat(64, x.Format.FractionBits), [.. x.Values.Select(v => (ulong)(long)(int)v)]);

    /// <inheritdoc/>
    public ClearTensor MultiplyTruncate(ClearTensor x, ClearTensor y, int bits, FixedPointFormat format)
    {
        if (format.RingBits != x.Format.RingBits || bits < 1 || bits > format.RingBits - 2)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"multiply-truncate: cannot shift by {bits} bits into {format} from {x.Format}.");
        }

        var product = Binary("multiply-truncate", x, y, sameFormat: false, (a, b, r) => Kernels.RingKernels.Multiply(a, b, r), (a, b, r) => Kernels.RingKernels.Multiply(a, b, r), x.Format);
        CheckProductInRing("product within the ring", x, y, (a, b) => [.. a.Zip(b, (u, v) => u * v)]);
        var truncated = Unary(product, (a, r) => Kernels.RingKernels.ShiftRightArithmetic(a, bits, r), (a, r) => Kernels.RingKernels.ShiftRightArithmetic(a, bits, r), x.Format);
        return Relabel(CheckTruncation("fused product", product, truncated, bits), format);
    }

    /// <inheritdoc/>
    public ClearTensor MatMulPrivate(float[]? values, TensorShape shape, FixedPointFormat format, int owner, ClearTensor y, bool transposeY) =>
        MatMul(Input(values, shape, format, owner), y, false, transposeY);

    /// <inheritdoc/>
    public int[] Announce(int[]? values, int owner) => values ?? throw new ArgumentNullException(nameof(values), $"the public values of party {owner}");

    /// <inheritdoc/>
    public IDisposable Discarding(string why) => Checker?.Discarding(why) ?? NoScope.Instance;
}

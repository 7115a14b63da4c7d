using System.Numerics;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Kernels;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Engines.Clear;

/// <summary>The boolean primitives in the clear: plain bit operations with the protocols' meaning.</summary>
public sealed partial class ClearEngine
{
    /// <inheritdoc/>
    public TensorShape ShapeOfBits(ClearBits x) => x.Shape;

    /// <inheritdoc/>
    public int WidthOf(ClearBits x) => x.Bits;

    /// <inheritdoc/>
    public ClearBits PublicBits(ulong[] values, TensorShape shape, int bits) => new(shape, bits, [.. values.Select(v => v & Mask(bits))]);

    /// <inheritdoc/>
    public ulong[]? RevealBits(ClearBits x, int? toParty) => (ulong[])x.Values.Clone();

    /// <inheritdoc/>
    public ClearBits Xor(ClearBits x, ClearBits y)
    {
        SameShape("xor", x.Shape, y.Shape);
        return new ClearBits(x.Shape, Math.Max(x.Bits, y.Bits), [.. x.Values.Zip(y.Values, (a, b) => a ^ b)]);
    }

    /// <inheritdoc/>
    public ClearBits XorConstant(ClearBits x, ulong mask) => MapBits(x, x.Bits, v => v ^ (mask & Mask(x.Bits)));

    /// <inheritdoc/>
    public ClearBits Not(ClearBits x) => XorConstant(x, ulong.MaxValue);

    /// <inheritdoc/>
    public ClearBits AndConstant(ClearBits x, ulong mask)
    {
        var c = mask & Mask(x.Bits);
        return MapBits(x, Math.Max(1, 64 - BitOperations.LeadingZeroCount(c)), v => v & c);
    }

    /// <inheritdoc/>
    public ClearBits And(ClearBits x, ClearBits y)
    {
        SameShape("and", x.Shape, y.Shape);
        return new ClearBits(x.Shape, Math.Min(x.Bits, y.Bits), [.. x.Values.Zip(y.Values, (a, b) => a & b & Mask(Math.Min(x.Bits, y.Bits)))]);
    }

    /// <inheritdoc/>
    public ClearBits ShiftLeftBits(ClearBits x, int n, int bits) => MapBits(x, bits, v => n >= 64 ? 0 : (v << n) & Mask(bits));

    /// <inheritdoc/>
    public ClearBits ShiftRightBits(ClearBits x, int n) => MapBits(x, Math.Max(1, x.Bits - n), v => n >= 64 ? 0 : v >> n);

    /// <inheritdoc/>
    public ClearBits SliceBits(ClearBits x, int start, int count) => MapBits(x, count, v => start >= 64 ? 0 : (v >> start) & Mask(count));

    /// <inheritdoc/>
    public ClearBits ReverseBits(ClearBits x, int width) => MapBits(x, width, v =>
    {
        ulong r = 0;
        for (var i = 0; i < width; i++)
        {
            r |= ((v >> i) & 1) << (width - 1 - i);
        }

        return r;
    });

    /// <inheritdoc/>
    public ClearBits GatherBits(ClearBits x, TensorShape shape, int[] map) => new(shape, x.Bits, ArrayKernels.Gather(x.Values, map));

    /// <inheritdoc/>
    public ClearBits ConcatBits(IReadOnlyList<ClearBits> parts) =>
        new(TensorShape.Vector(parts.Sum(p => p.Length)), parts.Max(p => p.Bits), [.. parts.SelectMany(p => p.Values)]);

    /// <inheritdoc/>
    public ClearBits Msb(ClearTensor x) => new(x.Shape, 1, [.. x.ToSigned().Select(v => v < 0 ? 1UL : 0UL)]);

    /// <inheritdoc/>
    public ClearBits LessThan(ClearTensor x, IReadOnlyList<long> thresholds)
    {
        var values = x.ToSigned();
        var k = x.Format.RingBits;
        var r = new ulong[thresholds.Count * values.Length];
        for (var j = 0; j < thresholds.Count; j++)
        {
            for (var i = 0; i < values.Length; i++)
            {
                // The protocol computes the top bit of x − t in the ring; so does this.
                r[(j * values.Length) + i] = (ulong)(SignExtend(values[i] - thresholds[j], k) < 0 ? 1 : 0);
            }
        }

        return new ClearBits(new TensorShape([thresholds.Count, .. x.Shape.Dimensions]), 1, r);
    }

    /// <inheritdoc/>
    public ClearBits Equal(ClearTensor x, ClearTensor y)
    {
        var d = Subtract(x, y).ToSigned();
        return new ClearBits(x.Shape, 1, [.. d.Select(v => v == 0 ? 1UL : 0UL)]);
    }

    /// <inheritdoc/>
    public ClearBits ToBits(ClearTensor x) => new(x.Shape, x.Format.RingBits, [.. x.ToSigned().Select(v => (ulong)v & Mask(x.Format.RingBits))]);

    /// <inheritdoc/>
    public ClearBits PrefixOr(ClearBits x) => MapBits(x, x.Bits, v =>
    {
        for (var s = 1; s < 64; s *= 2)
        {
            v |= v >> s;
        }

        return v;
    });

    /// <inheritdoc/>
    public ClearTensor ToArithmetic(ClearBits x, FixedPointFormat format)
    {
        var weights = new long[x.Bits];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = i >= 63 ? long.MinValue : 1L << i;
        }

        return InjectBits(x, format, [weights])[0];
    }

    /// <inheritdoc/>
    public IReadOnlyList<ClearTensor> InjectBits(ClearBits x, FixedPointFormat format, IReadOnlyList<long[]> weights)
    {
        if (weights.Any(w => w.Length != x.Bits))
        {
            throw new ArgumentException($"bit injection: give weight vectors of {x.Bits} weights (one per bit).", nameof(weights));
        }

        return [.. weights.Select(w =>
        {
            var sums = new long[x.Length];
            for (var e = 0; e < x.Length; e++)
            {
                long s = 0;
                for (var i = 0; i < x.Bits; i++)
                {
                    s = unchecked(s + (((long)(x.Values[e] >> i) & 1) * w[i]));
                }

                sums[e] = s;
            }

            return FromSigned(sums, x.Shape, format);
        })];
    }

    /// <inheritdoc/>
    public ClearTensor MultiplyBit(ClearTensor x, ClearBits bit)
    {
        SameShape("multiply by bit", x.Shape, bit.Shape);
        var v = x.ToSigned();
        return FromSigned([.. v.Select((a, i) => (bit.Values[i] & 1) == 0 ? 0 : a)], x.Shape, x.Format);
    }

    /// <summary>A clear tensor from signed integers, reduced into the format's ring.</summary>
    internal static ClearTensor FromSigned(long[] values, TensorShape shape, FixedPointFormat format) => format.RingBits == 32
        ? new ClearTensor<uint>(shape, format, [.. values.Select(v => unchecked((uint)v))])
        : new ClearTensor<ulong>(shape, format, [.. values.Select(v => unchecked((ulong)v))]);

    private static long SignExtend(long v, int k) => k == 64 ? v : (long)(int)unchecked((uint)v);

    private static ulong Mask(int bits) => bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1;

    private static ClearBits MapBits(ClearBits x, int bits, Func<ulong, ulong> f) => new(x.Shape, bits, [.. x.Values.Select(f)]);

    private static void SameShape(string op, TensorShape x, TensorShape y)
    {
        if (x != y)
        {
            throw new ArgumentException($"{op}: operand shapes differ: [{x}] and [{y}].");
        }
    }
}

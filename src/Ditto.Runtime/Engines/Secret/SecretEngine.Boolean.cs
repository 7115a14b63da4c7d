using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Protocols.Boolean;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Engines.Secret;

/// <summary>The boolean primitives as protocols (Protocols/Boolean); local operations cost nothing.</summary>
public sealed partial class SecretEngine
{
    /// <inheritdoc/>
    public TensorShape ShapeOfBits(BooleanShare x) => x.Shape;

    /// <inheritdoc/>
    public int WidthOf(BooleanShare x) => x.Bits;

    /// <inheritdoc/>
    public BooleanShare PublicBits(ulong[] values, TensorShape shape, int bits) => BooleanLocal.Public(Party.Id, shape, bits, values);

    /// <inheritdoc/>
    public ulong[]? RevealBits(BooleanShare x, int? toParty) => toParty is { } t ? Party.OpenBitsTo(x, t) : Party.OpenBits(x);

    /// <inheritdoc/>
    public BooleanShare Xor(BooleanShare x, BooleanShare y) => BooleanLocal.Xor(x, y);

    /// <inheritdoc/>
    public BooleanShare XorConstant(BooleanShare x, ulong mask) => BooleanLocal.XorPublic(Party.Id, x, mask);

    /// <inheritdoc/>
    public BooleanShare Not(BooleanShare x) => BooleanLocal.Not(Party.Id, x);

    /// <inheritdoc/>
    public BooleanShare AndConstant(BooleanShare x, ulong mask) => BooleanLocal.AndPublic(x, mask);

    /// <inheritdoc/>
    public BooleanShare And(BooleanShare x, BooleanShare y) => Party.And(x, y);

    /// <inheritdoc/>
    public BooleanShare ShiftLeftBits(BooleanShare x, int n, int bits) => BooleanLocal.ShiftLeft(x, n, bits);

    /// <inheritdoc/>
    public BooleanShare ShiftRightBits(BooleanShare x, int n) => BooleanLocal.ShiftRight(x, n);

    /// <inheritdoc/>
    public BooleanShare SliceBits(BooleanShare x, int start, int count) => BooleanLocal.Slice(x, start, count);

    /// <inheritdoc/>
    public BooleanShare ReverseBits(BooleanShare x, int width) => BooleanLocal.Reverse(x, width);

    /// <inheritdoc/>
    public BooleanShare GatherBits(BooleanShare x, TensorShape shape, int[] map) => BooleanLocal.Gather(x, shape, map);

    /// <inheritdoc/>
    public BooleanShare ConcatBits(IReadOnlyList<BooleanShare> parts) => BooleanLocal.Concat(parts);

    /// <inheritdoc/>
    public BooleanShare Msb(ArithmeticShare x) => RingDispatch.Match(x, Party.Msb, Party.Msb);

    /// <inheritdoc/>
    public BooleanShare LessThan(ArithmeticShare x, IReadOnlyList<long> thresholds) => RingDispatch.Match(
        x,
        a => Party.LessThanPublic(a, [.. thresholds.Select(t => unchecked((uint)t))]),
        a => Party.LessThanPublic(a, [.. thresholds.Select(t => unchecked((ulong)t))]));

    /// <inheritdoc/>
    public BooleanShare Equal(ArithmeticShare x, ArithmeticShare y) => RingDispatch.Match("equal", x, y, Party.Equal, Party.Equal);

    /// <inheritdoc/>
    public BooleanShare ToBits(ArithmeticShare x) => RingDispatch.Match(x, Party.ToBits, Party.ToBits);

    /// <inheritdoc/>
    public BooleanShare PrefixOr(BooleanShare x) => Party.PrefixOrFromTop(x);

    /// <inheritdoc/>
    public ArithmeticShare ToArithmetic(BooleanShare x, FixedPointFormat format) => format.RingBits == 32
        ? Party.BitsToArithmetic<uint>(x, format)
        : Party.BitsToArithmetic<ulong>(x, format);

    /// <inheritdoc/>
    public IReadOnlyList<ArithmeticShare> InjectBits(BooleanShare x, FixedPointFormat format, IReadOnlyList<long[]> weights) => format.RingBits == 32
        ? Party.InjectBits<uint>(x, format, weights)
        : Party.InjectBits<ulong>(x, format, weights);

    /// <inheritdoc/>
    public ArithmeticShare MultiplyBit(ArithmeticShare x, BooleanShare bit) => RingDispatch.Map(x, a => Party.MultiplyBit(a, bit), a => Party.MultiplyBit(a, bit));
}

using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Tensors;
using static Ditto.Runtime.Tests.EngineHarness;

namespace Ditto.Runtime.Tests.Boolean;

/// <summary>
/// Every boolean primitive computes exactly what the clear emulator computes, in both rings: these primitives involve no
/// truncation, so the protocol's result must equal the emulator's bit for bit.
/// </summary>
public class BooleanEngineTests
{
    private const int N = 3000;

    public static TheoryData<int> Rings => [32, 64];

    [Theory]
    [MemberData(nameof(Rings))]
    public void ComparisonsAndZeroTestMatchTheEmulator(int ring)
    {
        var format = Format(ring);
        var x = Inputs(ring, 1);
        var y = Inputs(ring, 2);
        // Every fourth pair is equal, and some differ by one unit in the last place.
        for (var i = 0; i < N; i += 4)
        {
            y[i] = x[i];
            y[i + 1] = (float)(x[i + 1] + format.Ulp);
        }

        long[] thresholds = [0, -1, 1, FixedPointCodec.EncodeSigned(-4, format), FixedPointCodec.EncodeSigned(3, format) + 1];

        ulong[] Program<TA, TB>(IFixedPointEngine<TA, TB> e)
            where TA : class
            where TB : class
        {
            var a = e.Input(e.PartyId == 0 ? x : null, TensorShape.Vector(N), format, 0);
            var b = e.Input(e.PartyId == 0 ? y : null, TensorShape.Vector(N), format, 0);
            var all = e.ConcatBits([e.Msb(a), e.LessThan(a, thresholds), e.Equal(a, b), e.Msb(e.Subtract(a, b))]);
            return e.RevealBits(all, null)!;
        }

        var (clear, secure) = Both(Program, Program);
        Assert.Equal(N * (thresholds.Length + 3), clear.Length);
        Assert.Equal(clear, secure);
        Assert.Contains(1UL, clear);
        Assert.Contains(0UL, clear);
    }

    [Theory]
    [MemberData(nameof(Rings))]
    public void BitDecompositionPrefixOrAndLocalOpsMatchTheEmulator(int ring)
    {
        var format = Format(ring);
        var x = Inputs(ring, 3);
        x[0] = 0;
        x[1] = -(float)format.Ulp;
        x[2] = (float)-format.MaxMagnitude;

        ulong[] Program<TA, TB>(IFixedPointEngine<TA, TB> e)
            where TA : class
            where TB : class
        {
            var a = e.Input(e.PartyId == 0 ? x : null, TensorShape.Vector(N), format, 0);
            var bits = e.ToBits(a);
            var p = e.PrefixOr(bits);
            var hob = e.Xor(p, e.ShiftRightBits(p, 1));
            var local = e.Xor(e.ReverseBits(e.SliceBits(bits, 3, 20), 20), e.ShiftLeftBits(e.AndConstant(e.Not(bits), 0xF0F0F0F0F0UL), 2, ring));
            var and = e.And(bits, e.XorConstant(p, 0x123456789ABCDEFUL));
            return e.RevealBits(e.ConcatBits([bits, p, hob, local, and]), null)!;
        }

        var (clear, secure) = Both(Program, Program);
        Assert.Equal(clear, secure);
        var mask = ring == 64 ? ulong.MaxValue : uint.MaxValue;
        Assert.Equal((ulong)FixedPointCodec.EncodeSigned(x[5], format) & mask, clear[5]);
    }

    [Theory]
    [MemberData(nameof(Rings))]
    public void BitInjectionAndBitMultiplicationMatchTheEmulator(int ring)
    {
        var format = Format(ring);
        var x = Inputs(ring, 4);
        var weights = new long[ring];
        var other = new long[ring];
        for (var i = 0; i < ring; i++)
        {
            weights[i] = (i * 7919L) - 100_000;
            other[i] = i % 3 == 0 ? 0 : 1L << (i % 20);
        }

        float[] Program<TA, TB>(IFixedPointEngine<TA, TB> e)
            where TA : class
            where TB : class
        {
            var a = e.Input(e.PartyId == 0 ? x : null, TensorShape.Vector(N), format, 0);
            var bits = e.ToBits(a);
            var back = e.ToArithmetic(bits, format);
            var sign = e.Msb(a);
            var one = e.InjectBits(sign, format, [[1L << format.FractionBits]])[0];
            var weighted = e.InjectBits(bits, format, [weights, other]);
            var relu = e.MultiplyBit(a, e.Not(sign));
            return e.Reveal(e.Concat([back, one, weighted[0], weighted[1], relu], 0), null)!;
        }

        var (clear, secure) = Both(Program, Program);
        Assert.Equal(clear, secure);
        for (var i = 0; i < N; i++)
        {
            var q = (float)(FixedPointCodec.EncodeSigned(x[i], format) * format.Ulp);
            Assert.Equal(q, clear[i]);
            Assert.Equal(x[i] < 0 ? 1f : 0f, clear[N + i]);
            Assert.Equal(Math.Max(q, 0f), clear[(4 * N) + i]);
        }
    }

    [Theory]
    [MemberData(nameof(Rings))]
    public void HighestOneBitAndBitReverseGiveTheLeadingOneAndItsMirror(int ring)
    {
        var format = Format(ring);
        var x = Uniform(6, N, 0, ring == 32 ? 1000 : 1e6);
        x[0] = 0;
        x[1] = (float)format.Ulp;

        ulong[] Program<TA, TB>(IFixedPointEngine<TA, TB> e)
            where TA : class
            where TB : class
        {
            var f = new FixedPointFunctions<TA, TB>(e);
            var hob = f.HighestOneBit(e.ToBits(e.Input(e.PartyId == 0 ? x : null, TensorShape.Vector(N), format, 0)));
            return e.RevealBits(e.ConcatBits([hob, e.ReverseBits(hob, ring - 2)]), null)!;
        }

        var (clear, secure) = Both(Program, Program);
        Assert.Equal(clear, secure);
        for (var i = 0; i < N; i++)
        {
            var v = (ulong)FixedPointCodec.EncodeSigned(x[i], format);
            var expected = v == 0 ? 0 : 1UL << (63 - System.Numerics.BitOperations.LeadingZeroCount(v));
            Assert.Equal(expected, clear[i]);
            Assert.Equal(v == 0 ? 0 : 1UL << (ring - 3 - System.Numerics.BitOperations.Log2(v)), clear[N + i]);
        }
    }

    internal static FixedPointFormat Format(int ring) => ring == 32 ? FixedPointFormat.Ring32 : FixedPointFormat.Ring64;

    private static float[] Inputs(int ring, int seed)
    {
        var bound = ring == 32 ? 1000.0 : 1e6;
        var x = Uniform(seed, N, -bound, bound);
        for (var i = 10; i < 200; i++)
        {
            x[i] = (float)((i - 100) * Format(ring).Ulp);
        }

        return x;
    }
}
